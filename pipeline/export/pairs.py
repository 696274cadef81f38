"""The pairs an export writes, from a run directory's records or from beads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.align.beads import Bead
from pipeline.record import Document, PairFlag, RecordError
from pipeline.read.inputs import InputError


class ExportError(InputError):
    """A run directory or record that cannot be exported; the message says where and why."""


@dataclass
class ExportPair:
    """One pair as exports see it: ids, both texts, scores, flags and review state."""

    doc_id: str
    id: str
    src: str
    tgt: str
    src_ids: list[int] = field(default_factory=list)
    tgt_ids: list[int] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    flags: list[PairFlag] = field(default_factory=list)
    review: str = "pending"
    origin: str = "translation"


def pairs_from_documents(docs: Iterable[Document]) -> Iterator[ExportPair]:
    """The pairs of each record, in order, without the rejected ones.

    >>> from pipeline.record import Pair
    >>> doc = Document("d", "", pairs=[Pair("d:0", [0], "Ja.", "Yes."), Pair("d:1", [1], "A", "B", review="rejected")])
    >>> [p.id for p in pairs_from_documents([doc])]
    ['d:0']
    """
    for doc in docs:
        for pair in doc.pairs:
            if pair.review == "rejected":
                continue
            yield ExportPair(
                doc.id, pair.id, pair.de, pair.en, list(pair.src), list(pair.tgt),
                dict(pair.scores), list(pair.flags), pair.review, pair.origin,
            )


def read_run(run_dir: Path) -> Iterator[Document]:
    """The records of ``RUN_DIR/documents.jsonl``; errors name the file and line."""
    path = Path(run_dir) / "documents.jsonl"
    if not Path(run_dir).is_dir():
        raise ExportError(f"{run_dir}: no such run directory; give the --out directory of `python -m pipeline run`")
    if not path.exists():
        raise ExportError(f"{path}: missing; is {run_dir} the output directory of `python -m pipeline run`?")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield Document.from_json(line)
            except (ValueError, RecordError) as exc:
                raise ExportError(f"{path}:{number}: not a document record ({exc}); re-run the pipeline") from None


def pairs_from_run(run_dir: Path) -> Iterator[ExportPair]:
    return pairs_from_documents(read_run(run_dir))


def pairs_from_beads(
    beads: Sequence[Bead],
    src: Sequence[str],
    tgt: Sequence[str],
    doc_id: str = "doc",
    scored: Sequence[tuple[dict[str, float], list[PairFlag]]] | None = None,
    keep_empty: bool = False,
) -> Iterator[ExportPair]:
    """One pair per bead; sentences of a side are joined by a space. 1–0 and 0–1 beads only with ``keep_empty``.

    >>> [(p.src, p.tgt) for p in pairs_from_beads([Bead((0, 1), (0,))], ["A.", "B."], ["AB."])]
    [('A. B.', 'AB.')]
    """
    for n, bead in enumerate(beads):
        if not keep_empty and (not bead.src or not bead.tgt):
            continue
        scores, flags = scored[n] if scored is not None else ({}, [])
        yield ExportPair(
            doc_id, f"{doc_id}:{n}", " ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt),
            list(bead.src), list(bead.tgt), dict(scores), list(flags), "pending", "reference",
        )
