"""What the cleaner and the scorer did, per rule: counts, edits in context, open flags.

An edit whose ``rule`` joins several ids with ``+`` (a later rule rewrote an earlier one's
output) counts for each of them.

>>> from pipeline.record import Document, Edit, Flag
>>> doc = Document("d", "a  b", clean="a b", edits=[Edit(1, 2, " ", "", "space.double")],
...                flags=[Flag(0, 1, "glue.maybe", "why")])
>>> [(s.rule, s.edits, s.text_flags) for s in rule_stats([doc])]
[('glue.maybe', 0, 1), ('space.double', 1, 0)]
>>> s = edit_samples([doc], "space.double")[0]
>>> s.left, s.before, s.after, s.right
('a', ' ', '', ' b')
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.record import Document, Edit

CONTEXT = 40


@dataclass
class RuleStat:
    rule: str
    edits: int = 0
    text_flags: int = 0
    pair_flags: int = 0
    documents: int = 0

    @property
    def total(self) -> int:
        return self.edits + self.text_flags + self.pair_flags


def edit_rules(edit: Edit) -> list[str]:
    return edit.rule.split("+")


def rule_stats(docs: Iterable[Document]) -> list[RuleStat]:
    """Per rule id: edits made, text flags, pair flags and documents touched; most used first."""
    stats: dict[str, RuleStat] = {}
    for doc in docs:
        seen: set[str] = set()

        def count(rule: str, attr: str) -> None:
            stat = stats.setdefault(rule, RuleStat(rule))
            setattr(stat, attr, getattr(stat, attr) + 1)
            if rule not in seen:
                seen.add(rule)
                stat.documents += 1

        for edit in doc.edits:
            for rule in edit_rules(edit):
                count(rule, "edits")
        for flag in doc.flags:
            count(flag.rule, "text_flags")
        for pair in doc.pairs:
            for flag in pair.flags:
                count(flag.rule, "pair_flags")
    return sorted(stats.values(), key=lambda s: (-s.total, s.rule))


@dataclass(frozen=True)
class EditSample:
    """One edit with the raw text around it: ``left + before + right`` became ``left + after + right``."""

    doc_id: str
    index: int  # position in ``doc.edits``
    rule: str
    before: str
    after: str
    left: str
    right: str
    reason: str = ""

    @property
    def text_before(self) -> str:
        return self.left + self.before + self.right

    @property
    def text_after(self) -> str:
        return self.left + self.after + self.right


def edit_in_context(doc: Document, index: int, context: int = CONTEXT) -> EditSample:
    edit = doc.edits[index]
    return EditSample(
        doc_id=doc.id,
        index=index,
        rule=edit.rule,
        before=edit.before,
        after=edit.after,
        left=doc.raw[max(0, edit.start - context) : edit.start],
        right=doc.raw[edit.end : edit.end + context],
        reason=edit.reason,
    )


def edit_samples(docs: Iterable[Document], rule: str, n: int = 5, context: int = CONTEXT, seed: int = 0) -> list[EditSample]:
    """Up to ``n`` edits made by ``rule`` (a random choice, in document order), in context."""
    found = [(doc, i) for doc in docs for i, e in enumerate(doc.edits) if rule in edit_rules(e)]
    if len(found) > n:
        found = [found[i] for i in sorted(random.Random(seed).sample(range(len(found)), n))]
    return [edit_in_context(doc, i, context) for doc, i in found]


@dataclass(frozen=True)
class OpenFlag:
    """A flag nobody has decided on yet: on the text (``pair_id`` empty) or on a pair."""

    doc_id: str
    rule: str
    reason: str
    text: str
    pair_id: str = ""


def unresolved_flags(docs: Sequence[Document]) -> list[OpenFlag]:
    """Flags still open: pair flags of pending pairs, and text flags over which no pair was decided.

    A text flag counts as resolved once every pair whose German sentence overlaps it has a
    decision (accepted, rejected or edited).
    """
    out = []
    for doc in docs:
        for flag in doc.flags:
            covering = [
                p for p in doc.pairs
                if any(doc.sentences[i].start < max(flag.end, flag.start + 1) and doc.sentences[i].end > flag.start
                       for i in p.src if i < len(doc.sentences))
            ]
            if not covering or any(p.review == "pending" for p in covering):
                out.append(OpenFlag(doc.id, flag.rule, flag.reason, flag.text))
        for pair in doc.pairs:
            if pair.review == "pending":
                out.extend(OpenFlag(doc.id, f.rule, f.reason, pair.de, pair.id) for f in pair.flags)
    return out


def repeated_lines_of_run(run_dir):
    """Per source of a run, each line removed as repeated across the source (``chrome.repeated``)
    or kept and flagged, with how often (:func:`pipeline.corpus.audit.repeated_lines_by_source`,
    by the source key the run used)."""
    from pipeline.corpus.audit import repeated_lines_by_source
    from pipeline.rundir.reader import iter_records, read_info

    source_key = read_info(run_dir).get("source_key") or "url"
    return repeated_lines_by_source(iter_records(run_dir), source_key)

