"""Splitting a sentence too long for the model into pieces, at clause boundaries first.

Nothing is lost: the pieces concatenate back to the input exactly. Boundaries are tried
strongest first (``;`` ``:`` and dashes, then commas, then conjunctions, then any space);
a piece with no space at all is cut by characters. The cut nearest the middle is taken and
each half split again until every piece fits.

>>> words = lambda s: len(s.split())
>>> split_to_fit("Der Rat tagt, die Stadt wartet; alle hoffen und bangen.", words, 3)
['Der Rat tagt, ', 'die Stadt wartet; ', 'alle hoffen ', 'und bangen.']
>>> "".join(split_to_fit("a " * 50, words, 7)) == "a " * 50
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

# cut positions: the piece ends after the match (strongest boundaries first)
BOUNDARIES = (
    re.compile(r"[;:]\s+|\s+[–—-]\s+"),
    re.compile(r",\s+"),
    re.compile(r"\s+(?=(?:und|oder|aber|denn|sondern|weil|dass|während|sowie|als)\s)"),
    re.compile(r"\s+"),
)


def _cut_points(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.end() for m in pattern.finditer(text) if 0 < m.end() < len(text)]


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Split ``text`` until ``count(piece) <= limit`` for every piece (when possible)."""
    if count(text) <= limit or len(text) < 2:
        return [text]
    middle = len(text) / 2
    for pattern in BOUNDARIES:
        points = _cut_points(text, pattern)
        if points:
            cut = min(points, key=lambda p: abs(p - middle))
            break
    else:
        cut = len(text) // 2
    return split_to_fit(text[:cut], count, limit) + split_to_fit(text[cut:], count, limit)
