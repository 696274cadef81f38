"""Packing inputs into batches by a token budget, longest first, so little is padding.

A batch costs ``len(batch) * longest`` tokens (every row is padded to the longest); batches
stay within ``budget`` unless one input alone is longer.

>>> token_batches([3, 9, 4, 8, 1], budget=18)
[[1, 3], [2, 0, 4]]
"""

from __future__ import annotations

from collections.abc import Sequence


def token_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Indices of ``lengths`` grouped into batches, longest inputs first."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        size = max(1, lengths[i])
        if current and max(longest, size) * (len(current) + 1) > budget:
            batches.append(current)
            current, longest = [], 0
        current.append(i)
        longest = max(longest, size)
    if current:
        batches.append(current)
    return batches
