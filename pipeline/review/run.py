"""A run directory opened for review: :class:`~pipeline.rundir.RunDir` plus the decisions to make."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.clean.exceptions import add_exception
from pipeline.review.exceptions import exception_for_edit
from pipeline.rundir import Decision, RunDir, RunNotFoundError, append_decision, new_decision
from pipeline.rundir.decisions import Replay

__all__ = ["ReviewRun", "RunNotFoundError", "load_run"]


@dataclass
class ReviewRun(RunDir):
    """Documents of a run, its settings (``run.json``), failures and decisions; decisions made
    here are appended to ``decisions.jsonl`` at once and applied to the records."""

    def decide(self, pair_id: str, decision: str, en: str | None = None, de: str | None = None,
               who: str | None = None) -> Decision:
        """Record a decision (appended to ``decisions.jsonl``) and apply it to the records."""
        doc, pair = self.pair(pair_id)  # an unknown id is an error before anything is written
        source = self.original_german.setdefault(pair_id, pair.de)
        made = new_decision(pair_id, decision, en=en, de=de, who=who, source=source)
        append_decision(self.path, made)
        self.decisions.append(made)
        # replay this pair's whole history, as opening the run again would
        replay = Replay(d for d in self.decisions if d.pair == pair_id)
        replay.original[pair_id] = source
        replay.apply(doc)
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
        :func:`~pipeline.clean.exceptions.copy_exceptions`) or named by ``$PIPELINE_EXCEPTIONS``.
        """
        doc = self.doc(doc_id)
        if not 0 <= index < len(doc.edits):
            raise KeyError(f"document {doc_id!r} has {len(doc.edits)} edits; there is no edit {index}")
        entry = exception_for_edit(doc, index, who=who, note=note)
        written = add_exception(path if path is not None else self.exceptions_path, entry)
        if written == self.exceptions_path:
            self.exceptions.entries.append(entry)
        return written

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
            "stale_decisions": len(self.stale_decisions),
        }


def load_run(path: Path | str) -> ReviewRun:
    """Open the run in ``path`` for review: records with ``decisions.jsonl`` replayed (see
    :func:`pipeline.rundir.open_run`)."""
    return ReviewRun.open(path)
