"""What an export leaves out, as a list of small named filters, and the counts of what each removed.

A :class:`PairFilter` has a name, the setting it was given and a test ``leaves_out(doc, pair)``.
The filters run in order and a pair left out is counted once, by the first filter that left it
out, so ``pairs == written + sum(left out)`` always holds. A reviewer's judgement comes before
the automatic ones: pairs accepted or edited in the review pass the flag and score filters
(their flags were raised for the reviewer to look at); rejected pairs are always left out.

Adding a filter is one function that returns a :class:`PairFilter` and one entry in
:func:`export_filters`.

>>> from pipeline.record import Document, Pair, PairFlag
>>> doc = Document("d", "", pairs=[Pair("d:0", [0], "Ja.", "Yes.", scores={"score": 0.9}),
...                                Pair("d:1", [1], "A", "B", flags=[PairFlag("pair.length_ratio", "")]),
...                                Pair("d:2", [2], "C", "D", review="rejected")])
>>> counts = FilterCounts(export_filters(drop_flags=["pair"]))
>>> [pair.id for _, pair in counts.kept([doc])]
['d:0']
>>> counts.left_out()
{'rejected': 1, 'duplicate': 0, 'repeated-pair': 0, 'drop-flag': 1}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.record import Document, Pair

REVIEWED = ("accepted", "edited")


@dataclass(frozen=True)
class PairFilter:
    """One reason to leave a pair out of an export."""

    name: str
    leaves_out: Callable[[Document, Pair], bool]
    setting: Any = None
    review_overrides: bool = False  # accepted and edited pairs pass this filter
    explain: str = ""
    flags: tuple[str, ...] = ()  # flag names it looks for: the counts say how many pairs carry each

    def applies(self, doc: Document, pair: Pair) -> bool:
        if self.review_overrides and pair.review in REVIEWED:
            return False
        return self.leaves_out(doc, pair)


def rejected() -> PairFilter:
    return PairFilter("rejected", lambda doc, pair: pair.review == "rejected", explain="rejected in the review")


def accepted_only() -> PairFilter:
    return PairFilter("accepted-only", lambda doc, pair: pair.review not in REVIEWED,
                      explain="not accepted or edited in the review")


def flag_matches(rule: str, wanted: str) -> bool:
    """A flag's rule id matches a name given whole (``pair.length_ratio``) or as its group (``pair``).

    >>> flag_matches("pair.length_ratio", "pair"), flag_matches("pair.length_ratio", "pair.length"), flag_matches("translate.loop", "pair")
    (True, False, False)
    """
    return rule == wanted or rule.startswith(wanted + ".")


def drop_flag(names: Sequence[str]) -> PairFilter:
    names = tuple(names)
    return PairFilter(
        "drop-flag",
        lambda doc, pair: any(flag_matches(f.rule, n) for f in pair.flags for n in names),
        setting=",".join(names),
        review_overrides=True,
        explain=f"carrying a flag of {', '.join(names)}",
        flags=names,
    )


def min_score(threshold: float, score: str = "score") -> PairFilter:
    def below(doc: Document, pair: Pair) -> bool:
        value = pair.scores.get(score)
        return value is None or value < threshold

    return PairFilter("min-score", below, setting=threshold, review_overrides=True,
                      explain=f"{score} below {threshold} (or none)")


def export_filters(accepted: bool = False, drop_flags: Sequence[str] = (), score: float | None = None,
                   keep_duplicates: bool = False) -> list[PairFilter]:
    """The filters of an export, in the order they run; rejected pairs are always left out, and
    duplicates (documents repeating an earlier one, repeated pairs) unless ``keep_duplicates``."""
    from pipeline.export.duplicates import duplicate_document, repeated_pair

    filters = [rejected()]
    if not keep_duplicates:
        filters += [duplicate_document(), repeated_pair()]
    if accepted:
        filters.append(accepted_only())
    if drop_flags:
        filters.append(drop_flag(drop_flags))
    if score is not None:
        filters.append(min_score(score))
    return filters


def parse_flag_names(values: Iterable[str]) -> list[str]:
    """``--drop-flag a,b --drop-flag c`` as ``['a', 'b', 'c']`` (blanks dropped, order kept).

    >>> parse_flag_names(["pair.copy, pair.length_ratio", "translate"])
    ['pair.copy', 'pair.length_ratio', 'translate']
    """
    names = [n.strip() for value in values for n in value.split(",")]
    return list(dict.fromkeys(n for n in names if n))


@dataclass
class FilterCounts:
    """Runs the filters over documents and counts what each left out and what was kept."""

    filters: list[PairFilter]
    pairs: int = 0
    removed: Counter = field(default_factory=Counter)
    kept_states: Counter = field(default_factory=Counter)
    flagged: Counter = field(default_factory=Counter)  # flag name -> pairs reaching its filter that carry it

    def kept(self, docs: Iterable[Document]) -> Iterator[tuple[Document, Pair]]:
        """Each pair that passes every filter, with its document, in order."""
        for doc in docs:
            for pair in doc.pairs:
                self.pairs += 1
                if self._left_out(doc, pair):
                    continue
                self.kept_states[pair.review] += 1
                yield doc, pair

    def _left_out(self, doc: Document, pair: Pair) -> bool:
        for pair_filter in self.filters:
            for name in pair_filter.flags:
                if any(flag_matches(f.rule, name) for f in pair.flags):
                    self.flagged[name] += 1
            if pair_filter.applies(doc, pair):
                self.removed[pair_filter.name] += 1
                return True
        return False

    def left_out(self) -> dict[str, int]:
        return {f.name: self.removed.get(f.name, 0) for f in self.filters}

    def unmatched_flags(self) -> list[str]:
        """The names given to drop-flag that no pair carries (a typo, or a flag this run never raised)."""
        return [n for f in self.filters for n in f.flags if not self.flagged.get(n)]

    @property
    def written(self) -> int:
        return sum(self.kept_states.values())

    def to_dict(self) -> dict[str, Any]:
        """What the export writes beside its output (``PATH.counts.json``)."""
        filters = []
        for f in self.filters:
            entry: dict[str, Any] = {"filter": f.name, "setting": f.setting, "left_out": self.removed.get(f.name, 0),
                                     "why": f.explain}
            if f.flags:
                entry["carrying"] = {n: self.flagged.get(n, 0) for n in f.flags}
            filters.append(entry)
        return {
            "pairs": self.pairs,
            "written": self.written,
            "left_out": sum(self.removed.values()),
            "written_by_review": dict(sorted(self.kept_states.items())),
            "filters": filters,
        }

    def summary(self) -> str:
        """One line for the terminal: what each filter left out.

        >>> FilterCounts(export_filters(score=0.5)).summary()
        'left out: 0 rejected, 0 duplicate, 0 repeated-pair, 0 min-score'
        """
        return "left out: " + ", ".join(f"{n} {name}" for name, n in self.left_out().items())
