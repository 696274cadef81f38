"""Reading a run directory: records with the review decisions replayed, settings, failures.

Everything that reads what ``python -m pipeline run`` and the review left in a directory goes
through here: :func:`open_run` loads it whole (for the review and the report),
:func:`iter_documents` streams the records one by one with the decisions applied (for exports
of large runs). Errors name the file and line and say what to do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.clean.exceptions import Exceptions, load_exceptions
from pipeline.record import Document, Pair, RecordError
from pipeline.rundir.decisions import Decision, Replay, read_decisions
from pipeline.rundir.names import DOCUMENTS, ERRORS, EXCEPTIONS, RUN_INFO


class RunNotFoundError(ValueError):
    """The directory is not a run directory, or one of its files is broken; the message says what to do."""


@dataclass
class RunDir:
    """What a run directory holds: documents (decisions replayed), settings, failures, decisions."""

    path: Path
    docs: list[Document]
    info: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    unknown_decisions: list[Decision] = field(default_factory=list)
    exceptions: Exceptions = field(default_factory=Exceptions)
    stale_decisions: list[Decision] = field(default_factory=list)  # about German the pair no longer holds
    original_german: dict[str, str] = field(default_factory=dict)  # pair id -> German as the run wrote it

    @classmethod
    def open(cls, path: Path | str):
        """Read the run in ``path``: see :func:`open_run`."""
        path = run_path(path)
        decisions = read_decisions(path)
        replay = Replay(decisions)
        docs = [replay.apply(doc) for doc in _records(path)]
        return cls(path, docs, read_info(path), read_errors(path), decisions, replay.unknown(),
                   load_exceptions(path / EXCEPTIONS, missing_ok=True), replay.stale(), replay.original)

    @property
    def exceptions_path(self) -> Path:
        """Where the review records edits marked wrong for this run."""
        return self.path / EXCEPTIONS

    def doc(self, doc_id: str) -> Document:
        for doc in self.docs:
            if doc.id == doc_id:
                return doc
        raise KeyError(f"no document {doc_id!r} in {self.path}")

    def pair(self, pair_id: str) -> tuple[Document, Pair]:
        for doc in self.docs:
            for pair in doc.pairs:
                if pair.id == pair_id:
                    return doc, pair
        raise KeyError(f"no pair {pair_id!r} in {self.path}")


def open_run(path: Path | str) -> RunDir:
    """Read ``documents.jsonl``, ``run.json``, ``errors.jsonl`` and ``exceptions.yaml`` of a run
    and replay ``decisions.jsonl`` onto its pairs (review state, edited text)."""
    return RunDir.open(path)


def run_path(path: Path | str) -> Path:
    """``path`` as a run directory; :class:`RunNotFoundError` when it is none."""
    path = Path(path)
    if not path.is_dir():
        raise RunNotFoundError(f"{path}: no such run directory; give the --out directory of 'python -m pipeline run'")
    if not (path / DOCUMENTS).exists():
        raise RunNotFoundError(
            f"{path} is not a run directory (no {DOCUMENTS}); give the --out directory of 'python -m pipeline run'"
        )
    return path


def iter_documents(path: Path | str) -> Iterator[Document]:
    """The records of a run one by one, each with the review decisions applied."""
    path = run_path(path)
    replay = Replay(read_decisions(path))
    for doc in _records(path):
        yield replay.apply(doc)


def iter_records(path: Path | str) -> Iterator[Document]:
    """The records of a run exactly as the run wrote them, without the review decisions (what
    a resumed run has already done); none when the run has written nothing yet."""
    path = Path(path)
    if (path / DOCUMENTS).exists():
        yield from _records(path)


def _records(path: Path) -> Iterator[Document]:
    documents = path / DOCUMENTS
    with documents.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield Document.from_json(line)
            except (ValueError, RecordError) as exc:
                raise RunNotFoundError(
                    f"{documents}:{number}: not a document record ({exc}); run the pipeline again into this directory"
                ) from None


def read_info(path: Path | str) -> dict[str, Any]:
    """``run.json``: the settings and counts of the run ({} while it has not finished)."""
    info = Path(path) / RUN_INFO
    if not info.exists():
        return {}
    try:
        return json.loads(info.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RunNotFoundError(f"{info}:{exc.lineno}: not JSON ({exc.msg}); run the pipeline again") from None


def read_errors(path: Path | str) -> list[dict[str, Any]]:
    """``errors.jsonl``: the input items that failed, with the stage and the reason."""
    errors = Path(path) / ERRORS
    if not errors.exists():
        return []
    found = []
    for number, line in enumerate(errors.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                found.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise RunNotFoundError(f"{errors}:{number}: not JSON ({exc.msg}); run the pipeline again") from None
    return found
