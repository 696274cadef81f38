"""Sentences as weighted character n-gram vectors, for comparing a translation with its target.

Every sentence becomes a sparse vector over its character n-grams (words padded with ``_``,
lower case) and number tokens, weighted by inverse document frequency over both sides. Counts
are raw, so the vector of two sentences joined is the sum of their vectors: a bead's similarity
is computed from sums, never by re-reading text. Anchors (:func:`anchors`) are a second,
coarser view: folded word stems and numbers, which cognates and names share across languages.
Nothing here knows a language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import chain

import numpy as np
import regex
import scipy.sparse as sparse
import scipy.sparse.linalg  # noqa: F401  (sparse.linalg.norm)

WORD = regex.compile(r"\w+|[^\w\s]", regex.UNICODE)
DIGITS = regex.compile(r"\d")
CONTENT = regex.compile(r"\p{L}{2,}|\d{2,}")
ANCHOR_WORD = regex.compile(r"\p{L}+|\d+")


def word_ngrams(word: str, sizes: Sequence[int] = (3, 4)) -> list[str]:
    """The features of one lower-case word: its padded character n-grams, and itself if a number.

    >>> word_ngrams("mai", sizes=(3,)), word_ngrams("3", sizes=(3,))
    (['_ma', 'mai', 'ai_'], ['_3_', '#3'])
    """
    padded = f"_{word}_"
    out: list[str] = []
    for n in sizes:
        if len(padded) <= n:
            if n == sizes[0]:
                out.append(padded)
            continue
        out.extend(padded[k : k + n] for k in range(len(padded) - n + 1))
    if DIGITS.search(word):
        out.append("#" + word)  # numbers are anchors: a whole-token feature of their own
    return out


def ngrams(text: str, sizes: Sequence[int] = (3, 4)) -> list[str]:
    """The features of a text: :func:`word_ngrams` of its lower-case words and punctuation.

    >>> ngrams("Am 3. Mai", sizes=(3,))
    ['_am', 'am_', '_3_', '#3', '_._', '_ma', 'mai', 'ai_']
    """
    return [g for word in WORD.findall(text.lower()) for g in word_ngrams(word, sizes)]


def vectorise(sides: Sequence[Sequence[str]], sizes: Sequence[int] = (3, 4)) -> list[sparse.csr_matrix]:
    """One sparse ``len(side) x features`` matrix per side, with idf weights shared by all sides.

    >>> a, b = vectorise([["Der Bär schläft."], ["Der Bär schläft!", "Ganz anders hier"]])
    >>> a.shape[0], b.shape[0], a.shape[1] == b.shape[1]
    (1, 2, True)
    >>> cos = lambda x, y: float((x @ y.T).toarray()[0, 0] / sparse.linalg.norm(x) / sparse.linalg.norm(y))
    >>> cos(a[0], b[0]) > 0.8 > 0.2 > cos(a[0], b[1])
    True
    """
    vocab: dict[str, int] = {}
    known: dict[str, list[int]] = {}  # word -> feature ids; words repeat, n-grams are made once

    def features(word: str) -> list[int]:
        found = known.get(word)
        if found is None:
            found = known[word] = [vocab.setdefault(g, len(vocab)) for g in word_ngrams(word, sizes)]
        return found

    sentences = [[list(chain.from_iterable(features(w) for w in WORD.findall(t.lower()))) for t in side] for side in sides]
    width = max(len(vocab), 1)
    counts = []
    for side in sentences:
        rows = np.repeat(np.arange(len(side)), [len(s) for s in side])
        cols = np.array(list(chain.from_iterable(side)), dtype=np.int64)
        counts.append(sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(side), width)))
    df = sum(np.asarray((c > 0).sum(axis=0)).ravel() for c in counts)
    total = sum(c.shape[0] for c in counts)
    weights = sparse.diags(idf(df, total))
    matrices = [(c @ weights).tocsr() for c in counts]
    return matrices


def idf(df: np.ndarray, documents: int) -> np.ndarray:
    """Inverse document frequency, smoothed and kept above zero: the one weighting of the
    sentence vectors (n-grams here, lexicon words in :mod:`pipeline.align.lexicon`).

    >>> [round(float(x), 3) for x in idf(np.array([0, 1, 4]), 4)]
    [1.709, 1.016, 0.1]
    """
    return (np.log((documents + 1) / (df + 1)) + 0.1).astype(np.float32)


def char_length(text: str) -> int:
    """Length used by the length model: characters without white space runs counted twice."""
    return len(" ".join(text.split()))



def has_content(text: str) -> bool:
    """Whether a sentence holds a word of two or more letters or a number of two or more digits;
    OCR debris such as ``.....``, ``- _-`` or ``h * "`` does not, and carries no evidence of
    where it belongs.

    >>> [has_content(t) for t in ["Am 3. Mai.", "1956 ) .", "h * \\"", ".....", "3 a !"]]
    [True, True, False, False, False]
    """
    return CONTENT.search(text) is not None


def fold(word: str) -> str:
    """A word in lower case without diacritics, for matching cognates and names across languages.

    >>> fold("Expédition"), fold("Gletscher"), fold("Zürich")
    ('expedition', 'gletscher', 'zurich')
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def anchors(text: str, letters: int = 5) -> list[str]:
    """The anchors of a text: the first ``letters`` letters of each folded word of at least that
    many letters (a stem shared by cognates and names: ``Expedition`` / ``expédition``), and its numbers.

    >>> anchors("Die Expedition von 1865 erreichte Zermatt.")
    ['exped', '#1865', 'errei', 'zerma']
    """
    return [a for w in ANCHOR_WORD.findall(text) if (a := word_anchor(w, letters))]


def word_anchor(word: str, letters: int = 5) -> str | None:
    """The anchor of one word (see :func:`anchors`), None for a word shorter than ``letters``."""
    if word[0].isdigit():
        return "#" + word
    return fold(word)[:letters] if len(word) >= letters else None


def anchor_vectors(sides: Sequence[Sequence[str]], letters: int = 5) -> list[sparse.csr_matrix]:
    """One sparse ``len(side) x anchors`` matrix per side (:func:`anchors`), idf-weighted over both sides."""
    vocab: dict[str, int] = {}
    known: dict[str, int | None] = {}  # word -> anchor id; words repeat, each is folded once

    def anchor_id(word: str) -> int | None:
        if word not in known:
            a = word_anchor(word, letters)
            known[word] = None if a is None else vocab.setdefault(a, len(vocab))
        return known[word]

    counts = []
    for side in sides:
        rows, cols = [], []
        for k, text in enumerate(side):
            for word in ANCHOR_WORD.findall(text):
                col = anchor_id(word)
                if col is not None:
                    rows.append(k)
                    cols.append(col)
        counts.append((rows, cols, len(side)))
    width = max(len(vocab), 1)
    mats = [sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, width)) for r, c, n in counts]
    df = sum(np.asarray((c > 0).sum(axis=0)).ravel() for c in mats)
    weights = sparse.diags(idf(df, sum(c.shape[0] for c in mats)))
    return [(c @ weights).tocsr() for c in mats]
