"""Choosing pairs to look at: filters by flag, score, document and state; the sample view.

Scores and flags are treated generically: any key of ``pair.scores``, any rule id.

>>> from pipeline.record import Document, Pair, PairFlag
>>> doc = Document("d", "", pairs=[Pair("d:0", [0], "A.", "A.", scores={"score": 0.9}),
...     Pair("d:1", [1], "B.", "B.", scores={"score": 0.2}, flags=[PairFlag("pair.x", "why")])])
>>> [i.pair.id for i in select_pairs([doc])]
['d:1', 'd:0']
>>> [i.pair.id for i in select_pairs([doc], min_score=0.5)]
['d:0']
>>> sample_view(list(range(10)), head=2, middle=2, tail=2, seed=1).middle
[3, 6]
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pipeline.record import Document, Pair

T = TypeVar("T")


@dataclass(frozen=True)
class PairItem:
    """A pair with the document it belongs to."""

    doc: Document
    pair: Pair

    @property
    def flag_rules(self) -> list[str]:
        return [f.rule for f in self.pair.flags]


def _matches_rule(rule: str, wanted: str) -> bool:
    """``wanted`` is a rule id or a group (``pair`` matches ``pair.length_ratio``)."""
    return rule == wanted or rule.startswith(wanted + ".")


def select_pairs(
    docs: Iterable[Document],
    flag: str | Sequence[str] | None = None,
    min_score: float | None = None,
    max_score: float | None = None,
    score: str = "score",
    doc: str | Sequence[str] | None = None,
    review: str | Sequence[str] | None = None,
    flagged: bool | None = None,
    flagged_first: bool = True,
) -> list[PairItem]:
    """Pairs that pass every filter given; flagged pairs first (then lowest ``score`` first).

    ``flag``: rule id(s) or group(s) a pair must carry one of; ``min_score``/``max_score``:
    bounds on ``pair.scores[score]`` (a pair without that score fails a bound); ``doc``:
    document id(s); ``review``: review state(s); ``flagged``: only flagged / unflagged pairs.
    """
    flags = [flag] if isinstance(flag, str) else list(flag or [])
    doc_ids = {doc} if isinstance(doc, str) else set(doc or [])
    states = {review} if isinstance(review, str) else set(review or [])
    items = []
    for d in docs:
        if doc_ids and d.id not in doc_ids:
            continue
        for pair in d.pairs:
            if flags and not any(_matches_rule(f.rule, w) for f in pair.flags for w in flags):
                continue
            if flagged is not None and bool(pair.flags) != flagged:
                continue
            if states and pair.review not in states:
                continue
            value = pair.scores.get(score)
            if min_score is not None and (value is None or value < min_score):
                continue
            if max_score is not None and (value is None or value > max_score):
                continue
            items.append(PairItem(d, pair))
    if flagged_first:
        items.sort(key=lambda i: (not i.pair.flags, i.pair.scores.get(score, float("inf"))))
    return items


@dataclass(frozen=True)
class SampleView(Generic[T]):
    """The first items, a random sample of the middle (in order) and the last items."""

    head: list[T]
    middle: list[T]
    tail: list[T]

    def sections(self) -> list[tuple[str, list[T]]]:
        return [("head", self.head), ("random middle", self.middle), ("tail", self.tail)]


def sample_view(items: Sequence[T], head: int = 5, middle: int = 5, tail: int = 5, seed: int = 0) -> SampleView[T]:
    """Head, random middle and tail of ``items``; the same seed gives the same sample."""
    items = list(items)
    head_items = items[:head]
    rest = items[len(head_items):]
    tail_items = rest[max(0, len(rest) - tail):] if tail else []
    rest = rest[: len(rest) - len(tail_items)]
    chosen = sorted(random.Random(seed).sample(range(len(rest)), min(middle, len(rest))))
    return SampleView(head_items, [rest[i] for i in chosen], tail_items)


def document_ids(docs: Iterable[Document]) -> list[str]:
    return [d.id for d in docs]


def score_names(docs: Iterable[Document]) -> list[str]:
    """Every score key that occurs in the run, in first-seen order."""
    seen: dict[str, None] = {}
    for d in docs:
        for p in d.pairs:
            seen.update(dict.fromkeys(p.scores))
    return list(seen)


def score_values(docs: Iterable[Document]) -> dict[str, list[float]]:
    """Each score key with the values of all pairs that have it."""
    values: dict[str, list[float]] = {}
    for d in docs:
        for p in d.pairs:
            for key, value in p.scores.items():
                if isinstance(value, (int, float)):
                    values.setdefault(key, []).append(float(value))
    return values
