"""Runs of one n-gram repeated back to back: the one measure of repetition.

The pair score ``repetition`` counts it over the words of the English
(:func:`pipeline.align.scores.longest_repeat`); the translator's loop detection counts it
over the model's token ids (:func:`pipeline.translate.loops.repeated_ngram`).

>>> list(ngram_runs([5, 6, 7, 7, 7, 8], 1))[2]
(2, 3)
>>> list(ngram_runs("the cat the cat sat".split(), 2))[:2]
[(0, 2), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any


def ngram_runs(items: Sequence[Any], n: int) -> Iterator[tuple[int, int]]:
    """For each start, ``(start, repeats)``: how often the ``n`` items from ``start`` follow
    each other back to back there (1: not repeated)."""
    for start in range(len(items) - n + 1):
        gram = items[start : start + n]
        repeats, at = 1, start + n
        while items[at : at + n] == gram:
            repeats += 1
            at += n
        yield start, repeats
