"""Beads: which source sentences go with which target sentences, and the ``[i, j]:[k]`` format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """Source sentence indices and target sentence indices (0-based) aligned to each other.

    >>> str(Bead((3, 4), (5,)))
    '[3, 4]:[5]'
    >>> Bead.parse("[]:[7]")
    Bead(src=(), tgt=(7,))
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]

    def __str__(self) -> str:
        return f"{list(self.src)}:{list(self.tgt)}"

    @classmethod
    def parse(cls, line: str) -> Bead:
        left, sep, right = line.strip().partition(":")
        try:
            if not sep:
                raise ValueError("no ':'")
            src, tgt = json.loads(left), json.loads(right)
            if not all(isinstance(v, list) and all(isinstance(k, int) for k in v) for v in (src, tgt)):
                raise ValueError("sides must be lists of integers")
        except ValueError as exc:
            raise ValueError(f"not a bead {line.strip()!r}: expected '[i, j]:[k]' ({exc})") from None
        return cls(tuple(src), tuple(tgt))

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


def read_beads(lines: Iterable[str]) -> list[Bead]:
    return [Bead.parse(line) for line in lines if line.strip()]
