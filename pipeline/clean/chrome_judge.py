"""The chrome judge: site chrome in plain text, for sites no rule was written for.

Every line gets a probability of being chrome from two small logistic models whose weights
are data in ``corrections/chrome_judge.yaml`` (fitted by ``benchmarks/fit_chrome_judge.py``):
the first weighs the line's own features and those of its surroundings
(:mod:`pipeline.clean.chrome_features`), the second sets the first's score against the scores
around it: the neighbours' verdicts, how much of the page's body text lies before and after the
line, how far the nearest sure line of prose is above and below, and whether the line is in
the page's body span. So a short line between paragraphs (a recipe line, a table cell) stays,
and the same line after the article's end (a teaser, a menu item) goes. A line at or above the
``remove`` threshold is removed (kept in the edits, rule ``chrome.judged``), and so is a run of
at least ``block_lines`` lines that all reach the lower ``block`` threshold; a line that reaches
``flag`` but is not removed is flagged for a reviewer (``chrome.unsure``) and stays. A line that
reads as prose (it ends a sentence and has enough words and function words) is not removed
or flagged unless it scores ``guarded`` or more (a comment form's "Ihre E-Mail-Adresse wird
nicht veröffentlicht." reads as prose, but nothing in the page around it does); the
document's title is never removed, nor a line that carries on the sentence of the line above
it or goes on in the line below (hard-wrapped text). A
text of fewer than ``min_lines`` lines is not judged: there is too little around a line to
judge it by.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import regex

from pipeline.clean.chrome_features import (CONTEXT_FEATURES, FEATURES, SENTENCE_END, WORD, PhraseIndex,
                                            context_rows, line_features, phrase_index)
from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.rules import RuleFileError, check_keys, load_yaml, read_tsv

LINE = regex.compile(r"[^\n]*(?:\n|$)")
BLANK_AFTER = regex.compile(r"[ \t]*\n")
LEXICON_FILE = "chrome_lexicon.tsv"  # beside chrome_judge.yaml
LEXICON_TERM = regex.compile(rf"\^?{WORD.pattern}|{WORD.pattern} {WORD.pattern}")
# the second model weighs the context features and the line's own features again
CONTEXT_WEIGHTS = CONTEXT_FEATURES + tuple(f"own_{name}" for name in FEATURES[1:])
REMOVE_RULE, FLAG_RULE = "chrome.judged", "chrome.unsure"
CONTINUED_WORDS = 4  # a line this long that ends in a comma or a function word goes on in the next line
LONG_LINE_WORDS = 5  # a line this long without a sentence end may go on in the next line
ORDINAL_END = regex.compile(r"(?<![\p{L}\p{N}])\d{1,2}\.$")  # "am 4." ends no sentence: a month or a noun follows
HEADLINE_WORDS = 3  # the line above the first date line is the headline when it has this many words
MAX_ROUNDS = 12  # removing lines changes the context of the others; judge again until stable


@dataclass(frozen=True)
class ProseGuard:
    """Lines that end a sentence with at least this many words and this share of function words."""

    min_words: int
    min_function_share: float

    def protects(self, line: str, function_words: frozenset[str]) -> bool:
        text = line.strip()
        if not SENTENCE_END.search(text):
            return False
        words = [w.lower() for w in WORD.findall(text)]
        return bool(words) and self.holds(len(words), sum(w in function_words for w in words) / len(words), True)

    def holds(self, words: float, function_share: float, ends_sentence: bool) -> bool:
        """The guard from a line's features (``chrome_features``: words, function share, sentence end)."""
        return ends_sentence and words >= self.min_words and function_share >= self.min_function_share


@dataclass(frozen=True)
class ChromeModel:
    function_words: frozenset[str]
    chrome_words: frozenset[str]
    chrome_phrases: tuple[str, ...]
    line_weights: np.ndarray  # in the order of chrome_features.FEATURES
    context_weights: np.ndarray  # in the order of CONTEXT_WEIGHTS
    remove: float
    flag: float
    guard: ProseGuard
    min_lines: int = 1  # texts with fewer lines (with text) are not judged
    block: float = 1.0  # a run of block_lines lines at or above this goes as a block
    block_lines: int = 1_000_000
    lexicon: dict[str, float] = field(default_factory=dict)  # words' log-odds of chrome, learned from labels
    guarded: float | None = None  # a line the prose guard keeps goes only at this score or above (None: never)

    def probabilities(self, lines: list[str], cache: dict[str, tuple[float, ...]] | None = None) -> np.ndarray:
        """P(chrome) for each line (lines with text only); ``cache`` as in :func:`line_features`."""
        if not lines:
            return np.zeros(0)
        _, rows = line_features(lines, self.function_words, self.chrome_words, self.phrases, cache, self.lexicon)
        return _sigmoid(second_rows(rows @ self.line_weights, rows) @ self.context_weights)

    def removals(self, probs: np.ndarray, kept: np.ndarray, guarded: np.ndarray | None = None) -> np.ndarray:
        """Which lines go: those at ``remove`` or above, and every line of a run of at least
        ``block_lines`` lines that all score ``block`` or above; ``kept`` lines never go, and
        ``guarded`` lines (prose by the guard) only at the model's ``guarded`` score or above.

        >>> m = ChromeModel(frozenset(), frozenset(), (), np.zeros(0), np.zeros(0), 0.9, 0.5,
        ...                 ProseGuard(5, 0.2), 1, 0.7, 3, guarded=0.99)
        >>> m.removals(np.array([0.95, 0.1, 0.8, 0.8, 0.8, 0.1, 0.8, 0.8]), np.zeros(8, bool)).astype(int).tolist()
        [1, 0, 1, 1, 1, 0, 0, 0]
        >>> m.removals(np.array([0.95, 0.995, 0.95]), np.zeros(3, bool), np.array([True, True, False])).astype(int).tolist()
        [0, 1, 1]
        """
        high = probs >= self.block
        run = np.zeros(len(probs), dtype=int)
        i = 0
        while i < len(probs):
            j = i
            while j < len(probs) and high[j]:
                j += 1
            run[i:j] = j - i
            i = max(j, i + 1)
        gone = ((probs >= self.remove) | (high & (run >= self.block_lines))) & ~kept
        if guarded is not None:
            gone &= ~guarded | (probs >= (self.guarded if self.guarded is not None else np.inf))
        return gone

    @property
    def phrases(self) -> PhraseIndex:
        return _phrases(self.chrome_phrases)


def second_rows(logits: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The second model's features (:data:`CONTEXT_WEIGHTS`): the context of the first model's
    scores, then the line's own features without the bias."""
    return np.hstack([context_rows(logits, rows), rows[:, 1:]])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def load_chrome_model(path: Path) -> ChromeModel:
    """Read and check ``chrome_judge.yaml``; a broken file is a :class:`RuleFileError` naming FILE:LINE."""
    data = load_yaml(path)
    check_keys(path, data, {"function_words", "chrome_words", "chrome_phrases", "line_weights", "context_weights",
                            "thresholds", "prose_guard"}, {"fitted"})
    function_words = _word_list(path, data, "function_words")
    chrome_words = _word_list(path, data, "chrome_words")
    chrome_phrases = tuple(sorted(_word_list(path, data, "chrome_phrases", phrases=True)))
    line_weights = _weights(path, data, "line_weights", FEATURES)
    context_weights = _weights(path, data, "context_weights", CONTEXT_WEIGHTS)
    thresholds = _mapping(path, data, "thresholds")
    check_keys(path, thresholds, {"remove", "flag", "block", "block_lines", "min_lines"}, {"guarded"})
    remove, flag, block, block_lines, min_lines = (
        _number(path, thresholds, k) for k in ("remove", "flag", "block", "block_lines", "min_lines"))

    if min_lines != int(min_lines) or min_lines < 1:
        raise RuleFileError(path, thresholds["__line__"], f"min_lines must be a whole number >= 1, not {min_lines}")
    if not 0 < flag < remove < 1:
        raise RuleFileError(path, thresholds["__line__"],
                            f"thresholds must satisfy 0 < flag < remove < 1, found flag {flag}, remove {remove}")
    if not 0 < block <= remove or block_lines != int(block_lines) or block_lines < 2:
        raise RuleFileError(path, thresholds["__line__"],
                            f"thresholds need 0 < block <= remove and block_lines a whole number >= 2, "
                            f"found block {block}, block_lines {block_lines}")
    guarded = _number(path, thresholds, "guarded") if "guarded" in thresholds else None
    if guarded is not None and not remove <= guarded < 1:
        raise RuleFileError(path, thresholds["__line__"], f"guarded must satisfy remove <= guarded < 1, found {guarded}")
    guard_data = _mapping(path, data, "prose_guard")
    check_keys(path, guard_data, {"min_words", "min_function_share"}, set())
    min_words = _number(path, guard_data, "min_words")
    share = _number(path, guard_data, "min_function_share")
    if min_words != int(min_words) or min_words < 1 or not 0 <= share <= 1:
        raise RuleFileError(path, guard_data["__line__"],
                            "prose_guard needs min_words a whole number >= 1 and min_function_share in [0, 1]")
    return ChromeModel(function_words, chrome_words, chrome_phrases, line_weights, context_weights, remove, flag,
                       ProseGuard(int(min_words), share), int(min_lines), block, int(block_lines),
                       load_chrome_lexicon(path.with_name(LEXICON_FILE)), guarded)


def load_chrome_lexicon(path: Path) -> dict[str, float]:
    """``chrome_lexicon.tsv``: a lower-case term (:func:`chrome_features.lexicon_terms`: a word, a
    pair of words, ``^`` and a line's first word), a tab, its log-odds of chrome; a broken row is
    a :class:`RuleFileError` naming FILE:LINE."""
    lexicon: dict[str, float] = {}
    for row in read_tsv(path, 2):
        term, score = row.fields
        if term != term.lower() or LEXICON_TERM.fullmatch(term) is None:
            raise RuleFileError(path, row.line, f"a term must be a lower-case word, two words or ^ and a word; "
                                                f"not {term!r}")
        try:
            value = float(score)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise RuleFileError(path, row.line, f"{term!r} needs a number as its log-odds, not {score!r}")
        if term in lexicon:
            raise RuleFileError(path, row.line, f"{term!r} is listed twice")
        lexicon[term] = value
    return lexicon


def _mapping(path: Path, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data[key]
    if not isinstance(value, dict):
        raise RuleFileError(path, data["__line__"], f"'{key}' must be a mapping")
    return value


def _word_list(path: Path, data: dict[str, Any], key: str, phrases: bool = False) -> frozenset[str]:
    value = data[key]
    what = "phrases" if phrases else "words"
    if not isinstance(value, list) or not value:
        raise RuleFileError(path, data["__line__"], f"'{key}' must be a non-empty list of lower-case {what}")
    for w in value:
        if not isinstance(w, str) or not w.strip() or w != w.lower() or (" " in w and not phrases):
            raise RuleFileError(path, data["__line__"], f"'{key}' must hold lower-case {what}; not {w!r}")
    if len(set(value)) < len(value):
        twice = next(w for w in value if value.count(w) > 1)
        raise RuleFileError(path, data["__line__"], f"'{key}' lists {twice!r} twice")
    return frozenset(value)


@functools.lru_cache(maxsize=8)
def _phrases(phrases: tuple[str, ...]) -> PhraseIndex:
    return phrase_index(phrases)


def _number(path: Path, data: dict[str, Any], key: str) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RuleFileError(path, data["__line__"], f"'{key}' must be a number, not {value!r}")
    return float(value)


def _weights(path: Path, data: dict[str, Any], key: str, names: tuple[str, ...]) -> np.ndarray:
    weights = _mapping(path, data, key)
    check_keys(path, weights, set(names), set())
    return np.array([_number(path, weights, name) for name in names])


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # after the line break
    text: str


class ChromeJudgePass:
    """Remove the lines the judge is sure are chrome, flag those it is unsure of."""

    name = "chrome_judge"

    def __init__(self, model: ChromeModel, leave: Sequence[regex.Pattern[str]] = ()):
        self.model = model
        self.leave = list(leave)  # lines a later pass takes (date lines, whose date goes to meta)

    def propose(self, text: str, context: PassContext, flag: FlagSink) -> Iterable[Change]:
        lines = [_Line(m.start(), m.end(), m.group()) for m in LINE.finditer(text) if m.group().strip()]
        if len(lines) < self.model.min_lines:
            return  # too little text around a line to tell chrome from prose
        left = {i for i, line in enumerate(lines) if any(p.fullmatch(line.text.strip()) for p in self.leave)}
        title = " ".join(str(context.meta.get("title") or "").split()) or _headline(lines, left)
        removed: set[int] = set()
        unsure: dict[int, float] = {}
        cache: dict[str, tuple[float, ...]] = {}
        p = self.model.probabilities([line.text for line in lines], cache)  # fills the cache
        words = self.model.function_words
        guarded = np.array([self._prose(cache[line.text]) for line in lines], dtype=bool)
        kept = np.array([_is_title(line.text, title) or _continues(lines, i, words) or _goes_on(lines, i, words)
                         for i, line in enumerate(lines)], dtype=bool)
        for round_ in range(MAX_ROUNDS):
            alive = [i for i in range(len(lines)) if i not in removed]
            if round_:
                p = self.model.probabilities([lines[i].text for i in alive], cache)
            gone = self.model.removals(p, kept[alive], guarded[alive])
            for i, prob, g in zip(alive, p, gone):  # a line is unsure if it reached flag in any round
                if prob >= self.model.flag and (not g or i in left) and not (kept[i] or guarded[i]):
                    unsure[i] = max(unsure.get(i, 0.0), float(prob))
            newly = {i for i, g in zip(alive, gone) if g and i not in left}
            if not newly:
                break
            removed |= newly
        for i, prob in sorted(unsure.items()):
            if i in removed:
                continue
            line = lines[i]
            flag(line.start, line.start + len(line.text.rstrip("\n")), FLAG_RULE,
                 f"may be site chrome (judged {prob:.3f}); removed at {self.model.remove:.3f}")
        yield from _removals(text, lines, sorted(removed))

    def _prose(self, own: tuple[float, ...]) -> bool:
        """Prose by the guard (from the line's own features, as the cache holds them)."""
        return self.model.guard.holds(own[0], own[2], own[3] == 1.0)


def _is_title(line: str, title: str) -> bool:
    return bool(title) and " ".join(line.split()) == title


def _headline(lines: list[_Line], date_lines: set[int]) -> str:
    r"""The line right above the page's first date line, when it has three words or more: the
    headline over its publication date, which a page may put below its menus.

    >>> ls = [_Line(0, 0, t) for t in ("Startseite\n", "Der Rat tagt im Mai\n", "12.03.2024\n")]
    >>> _headline(ls, {2})
    'Der Rat tagt im Mai'
    >>> _headline(ls[:2], set())
    ''
    """
    first = min(date_lines, default=0)
    if first == 0:
        return ""
    above = " ".join(lines[first - 1].text.split())
    return above if len(above.split()) >= HEADLINE_WORDS else ""


def _continues(lines: list[_Line], i: int, function_words: frozenset[str]) -> bool:
    """A line right under a line of prose that breaks off mid-sentence carries that sentence on
    (hard-wrapped text): the line above ends in a function word, a comma or an ordinal number
    (``am 4.``), or this line starts in lower case and ends the sentence the line above left
    open, or the line above is long and this line starts in lower case or ends the sentence."""
    if i == 0 or lines[i - 1].end != lines[i].start:
        return False
    above, text = lines[i - 1].text.strip(), lines[i].text.strip()
    if _breaks_off(above, function_words):
        return True
    if SENTENCE_END.search(above):
        return False
    if text[:1].islower() and SENTENCE_END.search(text) and len(WORD.findall(above)) >= 2:
        return True
    if len(WORD.findall(above)) < LONG_LINE_WORDS:
        return False
    return text[:1].islower() or SENTENCE_END.search(text) is not None


def _goes_on(lines: list[_Line], i: int, function_words: frozenset[str]) -> bool:
    """A line that breaks off mid-sentence right above another line starts a hard-wrapped sentence."""
    return (i + 1 < len(lines) and lines[i].end == lines[i + 1].start
            and _breaks_off(lines[i].text.strip(), function_words))


def _breaks_off(text: str, function_words: frozenset[str]) -> bool:
    """A line of at least ``CONTINUED_WORDS`` words that ends in a comma, a function word
    (``mit``, ``die``, ``ein``) or an ordinal number (``am 4.``): a sentence that goes on, not a
    menu item or a heading."""
    words = WORD.findall(text)
    return len(words) >= CONTINUED_WORDS and (
        text.endswith(",") or (text[-1:].isalpha() and words[-1] in function_words)
        or ORDINAL_END.search(text) is not None)


def _removals(text: str, lines: list[_Line], removed: list[int]) -> Iterable[Change]:
    """One change for each run of removed lines (blank lines between them go along)."""
    k = 0
    while k < len(removed):
        j = k
        while j + 1 < len(removed) and removed[j + 1] == removed[j] + 1:
            j += 1
        start, end = lines[removed[k]].start, lines[removed[j]].end
        blank = BLANK_AFTER.match(text, end)
        if blank and (start == 0 or text.endswith("\n\n", 0, start)) and text.endswith("\n", 0, end):
            end = blank.end()  # a block that stands as a paragraph takes its blank line along
        yield Change(start, end, "", REMOVE_RULE, confidence=0.9,
                     reason=f"site chrome ({j - k + 1} line{'s' if j > k else ''}, judged from the text)")
        k = j + 1
