"""A run directory opened for review: its documents with the decisions made so far replayed."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.record import Document, Pair, RecordError
from pipeline.review.exceptions import EXCEPTIONS_FILE, add_exception, exception_for_edit
from pipeline.review.decisions import Decision, append_decision, apply_decisions, new_decision, read_decisions


class RunNotFoundError(ValueError):
    """The directory is not a run directory (no documents.jsonl); the message says what to do."""


@dataclass
class ReviewRun:
    """Documents of a run, its settings (``run.json``), failures and decisions."""

    path: Path
    docs: list[Document]
    info: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    unknown_decisions: list[Decision] = field(default_factory=list)

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

    def decide(self, pair_id: str, decision: str, en: str | None = None, de: str | None = None,
               who: str | None = None) -> Decision:
        """Record a decision (appended to ``decisions.jsonl``) and apply it to the records."""
        self.pair(pair_id)  # an unknown id is an error before anything is written
        made = new_decision(pair_id, decision, en=en, de=de, who=who)
        append_decision(self.path, made)
        self.decisions.append(made)
        apply_decisions(self.docs, [made])
        return made

    def accept(self, pair_id: str, who: str | None = None) -> Decision:
        return self.decide(pair_id, "accept", who=who)

    def reject(self, pair_id: str, who: str | None = None) -> Decision:
        return self.decide(pair_id, "reject", who=who)

    def edit(self, pair_id: str, en: str | None = None, de: str | None = None, who: str | None = None) -> Decision:
        return self.decide(pair_id, "edit", en=en, de=de, who=who)

    def mark_edit_wrong(self, doc_id: str, index: int, path: Path | str | None = None, who: str | None = None,
                        note: str = "") -> Path:
        """Record ``doc.edits[index]`` as wrong in ``path`` (default ``RUNDIR/exceptions.yaml``).

        The cleaner honours the file when it is ``corrections/exceptions.yaml`` (see
        :func:`~pipeline.review.exceptions.copy_exceptions`) or named by ``$PIPELINE_EXCEPTIONS``.
        """
        doc = self.doc(doc_id)
        if not 0 <= index < len(doc.edits):
            raise KeyError(f"document {doc_id!r} has {len(doc.edits)} edits; there is no edit {index}")
        entry = exception_for_edit(doc, index, who=who, note=note)
        return add_exception(path if path is not None else self.path / EXCEPTIONS_FILE, entry)

    def summary(self) -> dict[str, Any]:
        """Counts a reviewer sees first: documents, pairs, flags, edits and review states."""
        pairs = [p for d in self.docs for p in d.pairs]
        states = Counter(p.review for p in pairs)
        return {
            "documents": len(self.docs),
            "failed": len(self.errors),
            "sentences": sum(len(d.sentences) for d in self.docs),
            "pairs": len(pairs),
            "flagged_pairs": sum(1 for p in pairs if p.flags),
            "edits": sum(len(d.edits) for d in self.docs),
            "text_flags": sum(len(d.flags) for d in self.docs),
            "pending": states.get("pending", 0),
            "accepted": states.get("accepted", 0),
            "rejected": states.get("rejected", 0),
            "edited": states.get("edited", 0),
            "decisions": len(self.decisions),
        }


def load_run(path: Path | str) -> ReviewRun:
    """Read ``documents.jsonl`` (and ``run.json``, ``errors.jsonl``) and replay ``decisions.jsonl``."""
    path = Path(path)
    documents = path / "documents.jsonl"
    if not documents.exists():
        raise RunNotFoundError(
            f"{path} is not a run directory (no documents.jsonl); give the --out directory of "
            f"'python -m pipeline run'"
        )
    docs = []
    for number, line in enumerate(documents.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                docs.append(Document.from_json(line))
            except (json.JSONDecodeError, RecordError) as exc:
                raise RunNotFoundError(f"{documents}:{number}: {exc}") from exc
    info_path = path / "run.json"
    info = json.loads(info_path.read_text(encoding="utf-8")) if info_path.exists() else {}
    errors_path = path / "errors.jsonl"
    errors = []
    if errors_path.exists():
        errors = [json.loads(l) for l in errors_path.read_text(encoding="utf-8").splitlines() if l.strip()]
    decisions = read_decisions(path)
    unknown = apply_decisions(docs, decisions)
    return ReviewRun(path, docs, info, errors, decisions, unknown)
