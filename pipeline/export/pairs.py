"""The pairs an export writes: from a run directory (review applied, filters run) or from beads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.align.beads import Bead
from pipeline.export.filters import FilterCounts, export_filters
from pipeline.record import Document, Pair, PairFlag
from pipeline.rundir import iter_documents


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

    @classmethod
    def of(cls, doc: Document, pair: Pair) -> ExportPair:
        return cls(doc.id, pair.id, pair.de, pair.en, list(pair.src), list(pair.tgt),
                   dict(pair.scores), list(pair.flags), pair.review, pair.origin)


def pairs_from_documents(docs: Iterable[Document], counts: FilterCounts | None = None) -> Iterator[ExportPair]:
    """The pairs of each record, in order, that pass the filters of ``counts`` (default: all
    but the rejected ones); ``counts`` then tells what each filter left out.

    >>> from pipeline.record import Pair
    >>> doc = Document("d", "", pairs=[Pair("d:0", [0], "Ja.", "Yes."), Pair("d:1", [1], "A", "B", review="rejected")])
    >>> [p.id for p in pairs_from_documents([doc])]
    ['d:0']
    """
    counts = counts if counts is not None else FilterCounts(export_filters())
    for doc, pair in counts.kept(docs):
        yield ExportPair.of(doc, pair)


def pairs_from_run(run_dir: Path | str, counts: FilterCounts | None = None) -> Iterator[ExportPair]:
    """The pairs of a run directory with the review decisions applied (edited text, states),
    filtered as :func:`pairs_from_documents` does; read one record at a time."""
    return pairs_from_documents(iter_documents(run_dir), counts)


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
