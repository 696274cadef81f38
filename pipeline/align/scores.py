"""Pair scores and the flags derived from them: scores first, decisions from thresholds.

:func:`pair_scores` measures a source/target pair; :class:`FlagRules` (from
``corrections/pair_flags.yaml``) turns the scores into :class:`~pipeline.record.PairFlag`
objects with a rule id and a reason. Scores never depend on thresholds, so thresholds can be
tuned again on stored scores.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from pipeline.numbers import numbers  # the one reading of numbers, shared with the review highlights
from pipeline.record import PairFlag
from pipeline.repeats import ngram_runs
from pipeline.rules import Key, RuleFileError, Where, corrections_dir, load_yaml, number, one_of, read_mapping, read_rule_list, rule_id, text
from pipeline.spans import PROTECTED

TOKEN = regex.compile(r"\w+|[^\w\s]")
WORDS = regex.compile(r"\p{L}{2,}")


@dataclass
class Measured:
    """Scores of a pair, with a short text per score that explains it (for flag reasons)."""

    scores: dict[str, float]
    details: dict[str, str]


def protected(text: str) -> Counter:
    """URLs, e-mail addresses and @handles, exactly as written.

    >>> sorted(protected("Mail an info@stadt.de oder @stadtrat, siehe https://stadt.de/rat.").elements())
    ['@stadtrat', 'https://stadt.de/rat', 'info@stadt.de']
    """
    return Counter(m.group() for m in PROTECTED.finditer(text))


def _agreement(a: Counter, b: Counter) -> tuple[float, str]:
    """1.0 when both sides hold the same items; else the share they have in common, and what differs."""
    if a == b:
        return 1.0, ""
    common = sum((a & b).values())
    union = sum((a | b).values())
    only_a, only_b = sorted((a - b).elements()), sorted((b - a).elements())
    detail = "; ".join(
        part for part in (f"only in source: {', '.join(only_a)}" if only_a else "",
                          f"only in target: {', '.join(only_b)}" if only_b else "") if part
    )
    return round(common / union, 4), detail


def copy_ratio(src: str, tgt: str) -> float:
    """Share of the target's words that occur in the source (1.0: the target is the source).

    >>> copy_ratio("Der Rat tagt heute.", "Der Rat tagt heute.")
    1.0
    >>> copy_ratio("Der Rat tagt heute.", "The council meets today.")
    0.0
    """
    words = len(WORDS.findall(tgt))
    return round(len(copied_words(src, tgt)) / words, 4) if words else 0.0


def copied_words(src: str, tgt: str) -> list[regex.Match]:
    """The target's words (two letters or more) that occur in the source, case aside: what
    :func:`copy_ratio` counts and the review highlights mark.

    >>> [m.group() for m in copied_words("Die Brücke steht.", "The Brücke stands, die!")]
    ['Brücke', 'die']
    """
    src_words = {w.lower() for w in WORDS.findall(src)}
    return [m for m in WORDS.finditer(tgt) if m.group().lower() in src_words]


def longest_repeat(text: str, max_n: int = 4) -> tuple[int, str]:
    """Longest run of one token n-gram repeated back to back (n up to ``max_n``), and the n-gram.

    >>> longest_repeat("the cat the cat the cat sat")
    (3, 'the cat')
    >>> longest_repeat("Es ist gut.")
    (1, '')
    """
    tokens = TOKEN.findall(text.lower())
    best, gram = 1, ""
    for n in range(1, max_n + 1):
        for start, repeats in ngram_runs(tokens, n):
            if repeats > best:
                best, gram = repeats, " ".join(tokens[start : start + n])
    return best, gram


def pair_scores(src: str, tgt: str, logprob: float | None = None, similarity: float | None = None) -> Measured:
    """All scores of a pair; ``logprob`` and ``similarity`` only when known.

    >>> m = pair_scores("Am 3. Mai kamen 200 Gäste.", "On 3 May, 300 guests came.", -0.4)
    >>> m.scores["numbers_match"], m.details["numbers_match"]
    (0.3333, 'only in source: 200; only in target: 300')
    """
    scores: dict[str, float] = {}
    details: dict[str, str] = {}
    ls, lt = len(" ".join(src.split())), len(" ".join(tgt.split()))
    scores["length_ratio"] = round((lt + 1) / (ls + 1), 3)
    scores["numbers_match"], details["numbers_match"] = _agreement(numbers(src), numbers(tgt))
    scores["protected_match"], details["protected_match"] = _agreement(protected(src), protected(tgt))
    scores["copy_ratio"] = copy_ratio(src, tgt)
    run_tgt, gram = longest_repeat(tgt)
    run_src, _ = longest_repeat(src)
    scores["repetition"] = max(0, run_tgt - run_src)
    details["repetition"] = f"{gram!r} {run_tgt} times" if gram else ""
    if logprob is not None:
        scores["logprob"] = round(logprob, 4)
    if similarity is not None:
        scores["similarity"] = round(similarity, 4)
    scores["score"] = overall(scores)
    return Measured(scores, details)


def overall(scores: dict[str, float]) -> float:
    """One number in [0, 1] to sort pairs by: 1 for a pair with nothing suspicious.

    >>> overall({"length_ratio": 1.0, "numbers_match": 1.0, "protected_match": 1.0})
    1.0
    """
    value = math.exp(-abs(math.log(max(scores.get("length_ratio", 1.0), 1e-6))))
    value *= scores.get("numbers_match", 1.0) * scores.get("protected_match", 1.0)
    value *= 1 - 0.5 * scores.get("copy_ratio", 0.0)
    value *= 0.5 ** min(scores.get("repetition", 0), 10)
    if "logprob" in scores:
        value *= math.exp(scores["logprob"]) ** 0.5
    if "similarity" in scores:
        value *= min(1.0, max(scores["similarity"], 0.0) * 4) ** 0.5
    return round(value, 4)


# -- flags ---------------------------------------------------------------------------

SCORE_NAMES = ("length_ratio", "numbers_match", "protected_match", "copy_ratio", "repetition", "logprob", "similarity")


@dataclass(frozen=True)
class FlagRule:
    id: str
    score: str
    reason: str
    min: float | None = None
    max: float | None = None
    min_chars: int = 0
    line: int | None = None

    def check(self, src: str, measured: Measured) -> PairFlag | None:
        value = measured.scores.get(self.score)
        if value is None or len(src.strip()) < self.min_chars:
            return None
        if (self.min is None or value >= self.min) and (self.max is None or value <= self.max):
            return None
        reason = self.reason.format(value=value, min=self.min, max=self.max, detail=measured.details.get(self.score, ""))
        return PairFlag(self.id, reason)


class FlagRules:
    """The flag rules of ``corrections/pair_flags.yaml``; ``rules.flags(src, measured)`` applies them."""

    def __init__(self, rules: list[FlagRule]):
        self.rules = rules

    @classmethod
    def from_file(cls, path: Path) -> FlagRules:
        data = load_yaml(path)
        read_mapping(path, data, {"flags": Key()})
        return cls([_flag_rule(path, r) for r in read_rule_list(path, data, "flags", FLAG_RULE_SPEC, set(), allow_empty=True)])

    def flags(self, src: str, measured: Measured) -> list[PairFlag]:
        return [f for f in (rule.check(src, measured) for rule in self.rules) if f is not None]


def _reason(where: Where, value: Any) -> str:
    reason = text(non_empty=True)(where, value)
    try:
        reason.format(value=1.0, min=0.0, max=1.0, detail="")
    except (KeyError, IndexError, ValueError) as exc:
        raise where.error(f"reason {reason!r} has a bad placeholder ({exc}); use {{value}}, {{min}}, {{max}}, {{detail}}") from exc
    return reason


FLAG_RULE_SPEC = {
    "id": Key(rule_id),
    "score": Key(one_of(SCORE_NAMES, "unknown score {value!r} (known: {choices})")),
    "reason": Key(_reason),
    "min": Key(number(nullable=True), False),
    "max": Key(number(nullable=True), False),
    "min_chars": Key(number(0, whole=True), False, 0),
}


def _flag_rule(path: Path, r: dict[str, Any]) -> FlagRule:
    if r["min"] is None and r["max"] is None:
        raise RuleFileError(path, r["line"], "give min, max or both: a rule without bounds never flags")
    return FlagRule(r["id"], r["score"], r["reason"], r["min"], r["max"], r["min_chars"], r["line"])


def load_flag_rules(path: Path | None = None) -> FlagRules:
    """The flag rules of ``path``, by default ``pair_flags.yaml`` in the rule directory (read once)."""
    return _cached_rules(Path(path or corrections_dir() / "pair_flags.yaml"))


@lru_cache(maxsize=8)
def _cached_rules(path: Path) -> FlagRules:
    return FlagRules.from_file(path)


def score_pair(
    src: str, tgt: str, logprob: float | None = None, similarity: float | None = None, rules: FlagRules | None = None
) -> tuple[dict[str, float], list[PairFlag]]:
    """Scores of a pair and the flags they raise under ``rules`` (default: the shipped thresholds).

    >>> scores, flags = score_pair("Das ist gut.", "That is good.", -0.4)
    >>> scores["length_ratio"], [f.rule for f in flags]
    (1.077, [])
    >>> [f.rule for f in score_pair("Sie zahlten 40 Euro.", "They paid 14 euros.")[1]]
    ['pair.numbers_differ']
    """
    measured = pair_scores(src, tgt, logprob, similarity)
    return measured.scores, (rules or load_flag_rules()).flags(src, measured)
