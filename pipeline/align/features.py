"""Sentences as weighted character n-gram vectors, for comparing a translation with its target.

Every sentence becomes a dense vector of ``dim`` dimensions: its character n-grams (words
padded with ``_``, lower case), weighted by inverse document frequency over both sides,
folded into the vector by a per-alignment vocabulary (n-gram -> column, sign). Counts are
raw, so the vector of two sentences joined is the sum of their vectors: a bead's similarity
is computed from sums, never by re-reading text. Nothing here knows a language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

WORD = regex.compile(r"\w+|[^\w\s]", regex.UNICODE)
DIGITS = regex.compile(r"\d")


def ngrams(text: str, sizes: Sequence[int] = (3, 4)) -> list[str]:
    """The character n-grams of ``text`` (lower case, words padded), plus number tokens.

    >>> ngrams("Am 3. Mai", sizes=(3,))
    ['_am', 'am_', '_3_', '#3', '_._', '_ma', 'mai', 'ai_']
    """
    out: list[str] = []
    for word in WORD.findall(text.lower()):
        padded = f"_{word}_"
        for n in sizes:
            if len(padded) <= n:
                if n == sizes[0]:
                    out.append(padded)
                continue
            out.extend(padded[k : k + n] for k in range(len(padded) - n + 1))
        if DIGITS.search(word):
            out.append("#" + word)  # numbers are anchors: a whole-token feature of their own
    return out


def vectorise(
    sides: Sequence[Sequence[str]], dim: int = 1024, sizes: Sequence[int] = (3, 4)
) -> list[np.ndarray]:
    """One ``len(side) x dim`` float32 matrix per side, with idf weights shared by all sides.

    >>> a, b = vectorise([["Der Bär schläft."], ["Der Bär schläft!", "Ganz anders hier"]], dim=256)
    >>> a.shape, b.shape
    ((1, 256), (2, 256))
    >>> cos = lambda x, y: float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))
    >>> cos(a[0], b[0]) > 0.8 > 0.2 > cos(a[0], b[1])
    True
    """
    vocab: dict[str, int] = {}
    grams = [[ngrams(text, sizes) for text in side] for side in sides]
    ids = [[[vocab.setdefault(g, len(vocab)) for g in sentence] for sentence in side] for side in grams]
    df = np.zeros(len(vocab) + 1, dtype=np.float64)
    total = 0
    for side in ids:
        for sentence in side:
            df[list(set(sentence))] += 1
            total += 1
    idf = np.log((total + 1) / (df + 1)).astype(np.float32) + np.float32(0.1)
    feature = np.arange(len(vocab) + 1, dtype=np.int64)
    mixed = (feature * 2654435761) % (2**32)
    column = (mixed % dim).astype(np.int64)
    sign = np.where((mixed >> 16) & 1, 1.0, -1.0).astype(np.float32)
    weight = idf * sign
    matrices = []
    for side in ids:
        matrix = np.zeros((len(side), dim), dtype=np.float32)
        rows = np.repeat(np.arange(len(side)), [len(s) for s in side])
        flat = np.fromiter((g for s in side for g in s), dtype=np.int64, count=len(rows))
        np.add.at(matrix, (rows, column[flat]), weight[flat])
        matrices.append(matrix)
    return matrices


def char_length(text: str) -> int:
    """Length used by the length model: characters without white space runs counted twice."""
    return len(" ".join(text.split()))

