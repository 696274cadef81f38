"""Review decisions: accept, reject or edit a pair, kept in an append-only JSONL file.

Each decision is one line of ``RUNDIR/decisions.jsonl``: who, when (UTC, ISO 8601), the pair
id, the decision and, for an edit, the new text. Nothing is ever rewritten, so the file is the
history of the review; reading it again replays the decisions, and for each pair the last one
sets its review state.

>>> from pipeline.record import Document, Pair
>>> doc = Document("d", "Gut.", pairs=[Pair("d:0", [0], "Gut.", "Good.")])
>>> apply_decisions([doc], [Decision("d:0", "edit", en="Fine."), Decision("d:0", "accept")])
[]
>>> doc.pairs[0].review, doc.pairs[0].en
('edited', 'Fine.')
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline.record import Document
from pipeline.rundir.names import DECISIONS

# decision -> the review state it gives a pair
STATES = {"accept": "accepted", "reject": "rejected", "edit": "edited"}


class DecisionError(ValueError):
    """A decision that cannot be recorded or read; the message says what to change."""


@dataclass(frozen=True)
class Decision:
    """One reviewer decision about one pair. ``de``/``en`` hold edited text (edit only);
    ``source`` the pair's German as the run wrote it, so a decision is not applied to another
    sentence that got the same pair id in a later run into the same directory."""

    pair: str
    decision: str
    en: str | None = None
    de: str | None = None
    who: str = ""
    when: str = ""
    source: str | None = None

    def __post_init__(self):
        if self.decision not in STATES:
            raise DecisionError(
                f"pair {self.pair}: unknown decision {self.decision!r}; use one of {', '.join(STATES)}"
            )
        if self.decision == "edit" and self.en is None and self.de is None:
            raise DecisionError(f"pair {self.pair}: an edit needs the edited text (en= and/or de=)")

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v is not None}
        return json.dumps(data, ensure_ascii=False)


def new_decision(pair: str, decision: str, en: str | None = None, de: str | None = None,
                 who: str | None = None, source: str | None = None) -> Decision:
    """A decision stamped with the reviewer (default: the login name) and the time now (UTC)."""
    return Decision(
        pair=pair,
        decision=decision,
        en=en,
        de=de,
        who=who if who is not None else getpass.getuser(),
        when=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        source=source,
    )


def append_decision(run_dir: Path | str, decision: Decision) -> Path:
    """Append one decision to ``run_dir/decisions.jsonl`` and flush it to disk."""
    path = Path(run_dir) / DECISIONS
    with path.open("a", encoding="utf-8") as handle:
        handle.write(decision.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path


def read_decisions(run_dir: Path | str) -> list[Decision]:
    """All decisions in ``run_dir/decisions.jsonl`` in the order they were made ([] if none).

    A torn last line (the writer was killed mid-line) is skipped; any other bad line is an error.
    """
    path = Path(run_dir) / DECISIONS
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    decisions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            decisions.append(Decision(**data))
        except (json.JSONDecodeError, TypeError, DecisionError) as exc:
            if number == len(lines):  # no newline after it: a torn last line
                break
            raise DecisionError(f"{path}:{number}: not a decision ({exc}); fix or remove the line") from exc
    return decisions


def apply_decisions(docs: Iterable[Document], decisions: Iterable[Decision]) -> list[Decision]:
    """Set ``pair.review`` and edited text from decisions; returns those naming no known pair.

    Decisions are replayed in order: the last decision for a pair sets its state, and the text
    of its latest edit replaces ``pair.en``/``pair.de`` (the model's English stays in
    ``doc.translations``, the German in ``doc.sentences``). Accepting a pair after editing it
    keeps the edit, so its state stays ``edited``.
    """
    replay = Replay(decisions)
    for doc in docs:
        replay.apply(doc)
    return replay.unknown()


class Replay:
    """Decisions grouped by pair, applied one document at a time (so a run can be streamed)."""

    def __init__(self, decisions: Iterable[Decision]):
        self.decisions = list(decisions)
        self._by_pair: dict[str, list[Decision]] = {}
        for decision in self.decisions:
            self._by_pair.setdefault(decision.pair, []).append(decision)
        self._seen: set[str] = set()
        self.original: dict[str, str] = {}  # pair id -> its German as the run wrote it
        self._stale: list[Decision] = []

    def apply(self, doc: Document) -> Document:
        for pair in doc.pairs:
            self.original.setdefault(pair.id, pair.de)
            made = self._by_pair.get(pair.id)
            if not made:
                continue
            self._seen.add(pair.id)
            edited = False
            for decision in made:
                if decision.source is not None and decision.source != self.original[pair.id]:
                    self._stale.append(decision)
                    continue
                if decision.decision == "edit":
                    if decision.en is not None:
                        pair.en = decision.en
                    if decision.de is not None:
                        pair.de = decision.de
                    edited = True
                    pair.review = "edited"
                elif decision.decision == "accept" and edited:
                    pair.review = "edited"
                else:
                    pair.review = STATES[decision.decision]
        return doc

    def unknown(self) -> list[Decision]:
        """The decisions naming a pair that no document applied so far holds."""
        return [d for d in self.decisions if d.pair not in self._seen]

    def stale(self) -> list[Decision]:
        """The decisions made about another German sentence than the pair now holds (the run
        was made again into the same directory): not applied."""
        return list(self._stale)
