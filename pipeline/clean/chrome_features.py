"""What tells a line of site chrome from a line of prose, in text alone: one row of numbers a line.

The chrome judge (:mod:`pipeline.clean.chrome_judge`) weighs these features with weights
fitted on labelled pages (``benchmarks/fit_chrome_judge.py``). The features describe the
line itself (length, share of function words, sentence punctuation, casing, digits, words
typical of chrome, separators), its place in the page, and its neighbourhood (runs of short
lines, how prose-like the lines around it are, whether the line is repeated in the page).
Nothing here names a site: the word lists come from ``corrections/chrome_judge.yaml``.

>>> names, rows = line_features(["Startseite", "Politik", "Der Rat hat am Montag über die Brücke beraten."],
...                             frozenset({"der", "hat", "am", "über", "die"}), frozenset({"startseite"}))
>>> float(dict(zip(names, rows[2]))["ends_sentence"]), float(dict(zip(names, rows[0]))["chrome_share"])
(1.0, 1.0)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import regex

WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*")
SENTENCE_END = regex.compile(r"[.!?…][\"“”»«'’)\]]*$")
INNER_PUNCT = regex.compile(r"[,;:](?=\s)|[.!?](?=\s+\p{Lu})")
SEPARATORS = regex.compile(r"[|>»·•]|\s[/–-]\s")
BULLET = regex.compile(r"^\s*(?:[-–•*·▪►→]|\d{1,2}[.)])\s")
LINK_LIKE = regex.compile(r"https?://|www\.|\S@\S|\.(?:de|com|net|org|at|ch)\b")  # on lower case
DATE_LIKE = regex.compile(
    r"\b\d{1,2}\.\s?(?:\d{1,2}\.\s?\d{2,4}|(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\p{L}*\.?\s+\d{4})"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b"
)
COPYRIGHT = regex.compile(r"©|\(c\)\s*\d{4}|alle rechte vorbehalten")  # on lower case
# plain substrings that every match of LINK_LIKE / COPYRIGHT holds: a fast test before the pattern
LINK_MARKS = ("http", "www.", "@", ".de", ".com", ".net", ".org", ".at", ".ch")
COPYRIGHT_MARKS = ("©", "(c)", "rechte")
QUOTES = "„“”»«\""
LEXICON_FEATURES = ("lex_mean", "lex_max", "lex_min", "lex_chrome_share")
LEXICON_CHROME = 1.0  # a word whose log-odds of chrome reach this marks a line as chrome
OWN_FEATURES = 19 + len(LEXICON_FEATURES)  # numbers _own gives a line
SHORT_WORDS = 4  # a line of at most this many words and no sentence end is "short"
WINDOW = 3  # neighbours on each side that describe a line's surroundings

FEATURES = (
    "bias", "words_1", "words_2_3", "words_4_7", "words_8_15", "log_chars", "function_share",
    "ends_sentence", "inner_punct", "caps_share", "allcaps_share", "digit_share", "chrome_share",
    "chrome_words", "separators", "bullet", "link_like", "date_like", "copyright", "page_head",
    "page_tail", "repeated", "short_run", "prose_before", "prose_after", "around_function_share",
    "around_log_chars", "around_ends_sentence", "in_main_span", "from_main_span",
    "chrome_phrase", "short_in_span", "short_outside_span", "words_in_span", "before_span", "after_span",
    "short_before_span", "short_after_span", "prose_after_span", "page_second_tenth", "page_last_quarter",
    "starts_lower", "ends_clause", "quotes", "lex_mean", "lex_max", "lex_min", "lex_chrome_share",
)


PhraseIndex = dict[str, tuple[tuple[str, ...], ...]]


def phrase_index(phrases: Sequence[str]) -> PhraseIndex:
    """The chrome phrases as word sequences, by their first word (case and punctuation ignored)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(w.lower() for w in WORD.findall(phrase))
        if words:
            index.setdefault(words[0], []).append(words)
    return {first: tuple(seqs) for first, seqs in index.items()}


def has_phrase(words: Sequence[str], index: PhraseIndex) -> bool:
    """Whether the lower-case ``words`` hold one of the phrases, word for word."""
    for i, word in enumerate(words):
        for seq in index.get(word, ()):
            if tuple(words[i : i + len(seq)]) == seq:
                return True
    return False


def line_features(lines: Sequence[str], function_words: frozenset[str], chrome_words: frozenset[str],
                  chrome_phrases: PhraseIndex | None = None,
                  cache: dict[str, tuple[float, ...]] | None = None,
                  lexicon: dict[str, float] | None = None) -> tuple[tuple[str, ...], np.ndarray]:
    """The feature names and one row of features for each line (lines without text included).

    ``lexicon`` holds the words' log-odds of standing in chrome rather than in prose (learned
    from labelled pages); ``cache`` keeps the features of each line alone between calls on the
    same text."""
    n = len(lines)
    rows = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if not n:
        return FEATURES, rows
    counts = Counter(" ".join(line.split()).lower() for line in lines)
    cache = {} if cache is None else cache
    for line in lines:
        if line not in cache:
            cache[line] = _own(line, function_words, chrome_words, chrome_phrases or {}, lexicon or {})
    own = np.array([cache[line] for line in lines], dtype=np.float64).reshape(n, -1)
    words, log_chars, fshare, ends = own[:, 0], own[:, 1], own[:, 2], own[:, 3]
    short = (words <= SHORT_WORDS) & (ends == 0) & (words > 0)
    run = _run_lengths(short)
    prose = (words >= 8) & (ends == 1) & (fshare >= 0.15)
    rel = np.arange(n) / max(n - 1, 1)
    col = {name: i for i, name in enumerate(FEATURES)}
    rows[:, col["bias"]] = 1.0
    rows[:, col["words_1"]] = words == 1
    rows[:, col["words_2_3"]] = (words >= 2) & (words <= 3)
    rows[:, col["words_4_7"]] = (words >= 4) & (words <= 7)
    rows[:, col["words_8_15"]] = (words >= 8) & (words <= 15)
    rows[:, col["log_chars"]] = log_chars
    rows[:, col["function_share"]] = fshare
    rows[:, col["ends_sentence"]] = ends
    for k, name in enumerate(("inner_punct", "caps_share", "allcaps_share", "digit_share", "chrome_share",
                              "chrome_words", "separators", "bullet", "link_like", "date_like", "copyright"), 4):
        rows[:, col[name]] = own[:, k]
    rows[:, col["page_head"]] = np.clip(1 - rel / 0.15, 0, 1)
    rows[:, col["page_tail"]] = np.clip((rel - 0.85) / 0.15, 0, 1)
    rows[:, col["repeated"]] = [counts[" ".join(line.split()).lower()] > 1 and bool(line.strip()) for line in lines]
    rows[:, col["short_run"]] = np.minimum(np.log1p(run) / math.log(20), 1.5)
    rows[:, col["prose_before"]] = _near(prose, -1)
    rows[:, col["prose_after"]] = _near(prose, 1)
    rows[:, col["around_function_share"]] = _around(fshare)
    rows[:, col["around_log_chars"]] = _around(log_chars)
    rows[:, col["around_ends_sentence"]] = _around(ends)
    lo, hi = _main_span(np.where(prose, words, -np.maximum(words, 1.0) * 0.5 - 1.0))
    index = np.arange(n)
    rows[:, col["in_main_span"]] = (index >= lo) & (index < hi)
    distance = np.where(index < lo, lo - index, np.where(index >= hi, index - hi + 1, 0))
    rows[:, col["from_main_span"]] = np.minimum(np.log1p(distance) / math.log(50), 1.5)
    rows[:, col["chrome_phrase"]] = own[:, 15]
    rows[:, col["starts_lower"]] = own[:, 16]
    rows[:, col["ends_clause"]] = own[:, 17]
    rows[:, col["quotes"]] = own[:, 18]
    for k, name in enumerate(LEXICON_FEATURES):
        rows[:, col[name]] = own[:, 19 + k]
    inside = rows[:, col["in_main_span"]]
    rows[:, col["short_in_span"]] = short * inside
    rows[:, col["short_outside_span"]] = short * (1 - inside)
    rows[:, col["words_in_span"]] = np.minimum(words, 30) / 30 * inside
    before, after = index < lo, index >= hi
    rows[:, col["before_span"]] = before
    rows[:, col["after_span"]] = after
    rows[:, col["short_before_span"]] = short & before
    rows[:, col["short_after_span"]] = short & after
    rows[:, col["prose_after_span"]] = prose & after
    rows[:, col["page_second_tenth"]] = (rel >= 0.1) & (rel < 0.2)
    rows[:, col["page_last_quarter"]] = rel >= 0.75
    return FEATURES, rows


def _main_span(scores: np.ndarray) -> tuple[int, int]:
    """The run of lines with the largest sum of scores (prose lines score their words, others
    a penalty): where the body text of a page lies, as in body text extraction by token counts."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def lexicon_terms(words: Sequence[str]) -> list[str]:
    """What the lexicon is looked up for: the words, each pair of neighbouring words, and the
    first word marked ``^`` (chrome often starts with "mehr", "alle", "foto").

    >>> lexicon_terms(["mehr", "zum", "thema"])
    ['mehr', 'zum', 'thema', 'mehr zum', 'zum thema', '^mehr']
    """
    return [*words, *(f"{a} {b}" for a, b in zip(words, words[1:])), *((f"^{words[0]}",) if words else ())]


def lexicon_scores(words: Sequence[str], lexicon: dict[str, float]) -> tuple[float, float, float, float]:
    """What the lexicon says of a line's lower-case ``words``: the mean, highest and lowest log-odds
    of chrome (a word it does not hold counts 0), and the share of words it marks as chrome.

    >>> lexicon_scores(["jetzt", "teilen", "hier"], {"teilen": 3.0, "hier": -0.5})
    (0.8333333333333334, 3.0, -0.5, 0.3333333333333333)
    """
    if not words:
        return 0.0, 0.0, 0.0, 0.0
    scores = [lexicon.get(w, 0.0) for w in words]
    return (sum(scores) / len(scores), max(scores), min(scores),
            sum(s >= LEXICON_CHROME for s in scores) / len(scores))


def _own(line: str, function_words: frozenset[str], chrome_words: frozenset[str],
         phrases: PhraseIndex, lexicon: dict[str, float]) -> tuple[float, ...]:
    """Features of the line alone: words, log length, function share, sentence end, and the rest."""
    text = line.strip()
    tokens = WORD.findall(text)
    n = len(tokens)
    if not n:
        return (0.0,) * OWN_FEATURES
    lower = [t.lower() for t in tokens]
    lower_text = text.lower()
    letters = [t for t in tokens if t[0].isalpha()]
    chrome = sum(map(chrome_words.__contains__, lower))
    digits = sum(map(str.isdigit, text))
    return (
        float(n),
        min(math.log1p(len(text)) / math.log(600), 1.2),
        sum(map(function_words.__contains__, lower)) / n,
        1.0 if SENTENCE_END.search(text) else 0.0,
        min(len(INNER_PUNCT.findall(text)) / n * 4, 1.0),
        sum(map(str.isupper, [t[0] for t in letters])) / len(letters) if letters else 0.0,
        sum(map(str.isupper, [t for t in letters if len(t) > 1])) / len(letters) if letters else 0.0,
        digits / max(len(text), 1),
        chrome / n,
        min(chrome, 3) / 3,
        min(len(SEPARATORS.findall(text)), 3) / 3,
        1.0 if BULLET.match(line) else 0.0,
        1.0 if any(m in lower_text for m in LINK_MARKS) and LINK_LIKE.search(lower_text) else 0.0,
        1.0 if DATE_LIKE.search(text) else 0.0,
        1.0 if any(m in lower_text for m in COPYRIGHT_MARKS) and COPYRIGHT.search(lower_text) else 0.0,
        1.0 if has_phrase(lower, phrases) else 0.0,
        1.0 if text[0].islower() else 0.0,  # menus and headings start in capitals, a list item going on a sentence not
        1.0 if text[-1] in ",;:" else 0.0,
        1.0 if any(q in text for q in QUOTES) else 0.0,
        *lexicon_scores(lexicon_terms(lower), lexicon),
    )


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """For each line in a run of ``True``, the length of that run; 0 elsewhere."""
    out = np.zeros(len(mask))
    i = 0
    while i < len(mask):
        if mask[i]:
            j = i
            while j < len(mask) and mask[j]:
                j += 1
            out[i:j] = j - i
            i = j
        else:
            i += 1
    return out


def _near(mask: np.ndarray, direction: int) -> np.ndarray:
    """1 where the next line in ``direction`` is prose, 0.5 where the one after it is."""
    out = np.zeros(len(mask))
    n = len(mask)
    for step, value in ((2, 0.5), (1, 1.0)):
        if n <= step:
            continue
        shifted = np.zeros(n, dtype=bool)
        if direction > 0:
            shifted[: n - step] = mask[step:]
        else:
            shifted[step:] = mask[: n - step]
        out = np.where(shifted, value, out)
    return out


def _around(values: np.ndarray) -> np.ndarray:
    """The mean of ``values`` over the ``WINDOW`` lines on each side, the line itself left out."""
    n = len(values)
    padded = np.concatenate([np.zeros(WINDOW), values, np.zeros(WINDOW)])
    present = np.concatenate([np.zeros(WINDOW), np.ones(n), np.zeros(WINDOW)])
    csum, ccount = np.cumsum(np.concatenate([[0], padded])), np.cumsum(np.concatenate([[0], present]))
    idx = np.arange(n) + WINDOW
    total = csum[idx + WINDOW + 1] - csum[idx - WINDOW] - values
    count = ccount[idx + WINDOW + 1] - ccount[idx - WINDOW] - 1
    return np.where(count > 0, total / np.maximum(count, 1), 0.0)


# The second model's features: the line's first-model score set against the scores around it.
# Where a line stands relative to the page's body text says more than the line itself: a short
# line between paragraphs (a recipe line, a table cell, a heading) is part of the article, the
# same line after the last paragraph (a teaser, a menu item) is not.
CONTEXT_FEATURES = (
    "bias", "self", "mean_1", "mean_3", "mean_8", "min_1", "min_2", "min_5",
    "body_before", "body_after", "body_between", "body_between_sqrt",
    "prose_above", "prose_below", "prose_both_sides",
    "in_span_0", "from_span_0", "in_span_2", "from_span_2", "in_span_4", "from_span_4",
    "lex_around_2", "lex_around_5", "short_around_2",
)
PROSE_LOGIT = -2.0  # a line the first model scores below this is surely body text
SPAN_COSTS = (0.0, 2.0, 4.0)  # the body span: lines with the largest sum of (cost - score)
FAR = 200  # distances in lines are cut at this


def context_rows(logits: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One row of :data:`CONTEXT_FEATURES` for each line, from the first model's scores
    (``logits``, log-odds of chrome) and the lines' own features (``rows``, of :data:`FEATURES`).

    >>> z = np.array([3.0, 3.0, -4.0, 2.0, 2.0, -4.0, 3.0, 3.0])  # menu, paragraph, two short lines, paragraph, footer
    >>> c = dict(zip(CONTEXT_FEATURES, context_rows(z, np.zeros((8, len(FEATURES)))).T))
    >>> [int(v) for v in c["prose_both_sides"]], [int(v) for v in c["in_span_0"]], [int(v) for v in c["in_span_2"]]
    ([0, 0, 1, 1, 1, 1, 0, 0], [0, 0, 1, 0, 0, 0, 0, 0], [0, 0, 1, 1, 1, 1, 0, 0])
    """
    n = len(logits)
    out = np.ones((n, len(CONTEXT_FEATURES)))
    if not n:
        return out
    out[:, 1] = logits
    for k, width in enumerate((1, 3, 8)):
        out[:, 2 + k] = _window_mean(logits, width)
    for k, width in enumerate((1, 2, 5)):
        out[:, 5 + k] = _window_min(logits, width)
    chars = np.expm1(rows[:, FEATURES.index("log_chars")] * math.log(600))
    mass = chars / (1.0 + np.exp(np.clip(logits, -40, 40)))  # characters weighed by P(body text)
    total = mass.sum() + 1e-9
    upto = np.cumsum(mass)
    before, after = np.clip((upto - mass) / total, 0, 1), np.clip((total - upto) / total, 0, 1)
    between = np.minimum(before, after)
    out[:, 8], out[:, 9], out[:, 10], out[:, 11] = before, after, between, np.sqrt(between)
    prose = logits < PROSE_LOGIT
    above, below = _distances(prose)
    out[:, 12] = np.log1p(above) / math.log(FAR)
    out[:, 13] = np.log1p(below) / math.log(FAR)
    out[:, 14] = (above < FAR) & (below < FAR)
    index = np.arange(n)
    for k, cost in enumerate(SPAN_COSTS):
        lo, hi = _best_run(cost - logits)
        out[:, 15 + 2 * k] = (index >= lo) & (index < hi)
        distance = np.where(index < lo, lo - index, np.where(index >= hi, index - hi + 1, 0))
        out[:, 16 + 2 * k] = np.log1p(distance) / math.log(50)
    lex = rows[:, FEATURES.index("lex_mean")]  # a teaser block holds chrome words around the line too
    out[:, 21] = _window_mean(lex, 2)
    out[:, 22] = _window_mean(lex, 5)
    out[:, 23] = _window_mean(rows[:, FEATURES.index("short_run")], 2)
    return out


def _window_mean(values: np.ndarray, width: int) -> np.ndarray:
    """The mean of ``values`` over ``width`` lines on each side, the line itself left out
    (the line's own value where it has no neighbours)."""
    n = len(values)
    padded = np.concatenate([[0.0], np.cumsum(values)])
    lo = np.clip(np.arange(n) - width, 0, n)
    hi = np.clip(np.arange(n) + width + 1, 0, n)
    count = hi - lo - 1
    total = padded[hi] - padded[lo] - values
    return np.where(count > 0, total / np.maximum(count, 1), values)


def _window_min(values: np.ndarray, width: int) -> np.ndarray:
    """The least of ``values`` over ``width`` lines on each side, the line itself left out."""
    n = len(values)
    edge = np.full(width, np.inf)
    padded = np.concatenate([edge, values, edge])
    shifts = [padded[width + j : width + j + n] for j in range(-width, width + 1) if j]
    least = np.min(shifts, axis=0)
    return np.where(np.isfinite(least), least, values)


def _distances(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lines from each line up to the nearest ``True`` line above it and down to the nearest
    below it (the line itself counts as 0), cut at :data:`FAR`."""
    n = len(mask)
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(mask, index, -FAR))
    following = np.minimum.accumulate(np.where(mask, index, n + FAR)[::-1])[::-1]
    return np.minimum(index - last, FAR), np.minimum(following - index, FAR)


def _best_run(scores: np.ndarray) -> tuple[int, int]:
    """The run of lines with the largest sum of ``scores`` (empty if every score is negative)."""
    prefix = np.concatenate([[0.0], np.cumsum(scores)])
    lowest = np.minimum.accumulate(prefix)
    gain = prefix[1:] - lowest[:-1]
    end = int(np.argmax(gain))
    if gain[end] <= 0:
        return 0, 0
    start = int(np.argmax(prefix[: end + 1] == lowest[end]))
    return start, end + 1
