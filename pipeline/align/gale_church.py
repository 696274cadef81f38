"""A plain Gale–Church (1993) length-based aligner: the baseline the main aligner is measured against.

Full dynamic programme over character lengths, quadratic in the document: for evaluation only.

>>> [str(b) for b in gale_church(["aaaa", "bbbbbbbbbbbb", "cc"], ["aaaa", "bbbbb", "bbbbbb", "cc"])]
['[0]:[0]', '[1]:[1, 2]', '[2]:[3]']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pipeline.align.beads import Bead

# bead priors of the original paper
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
VARIANCE = 6.8


def _length_cost(ls: int, lt: int, ratio: float) -> float:
    if ls == 0 and lt == 0:
        return 0.0
    mean = (ls + lt / ratio) / 2
    delta = (ratio * ls - lt) / math.sqrt(mean * VARIANCE) if mean else 0.0
    p = max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300)
    return -math.log(p)


def gale_church(src: Sequence[str], tgt: Sequence[str]) -> list[Bead]:
    ls, lt = [len(s) for s in src], [len(t) for t in tgt]
    ratio = (sum(lt) or 1) / (sum(ls) or 1)
    n, m = len(ls), len(lt)
    prior = {k: -math.log(v) for k, v in PRIORS.items()}
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            best, move = cost[i][j], back[i][j]
            for (a, b), p in prior.items():
                if a > i or b > j or (a == 0 and b == 0):
                    continue
                c = cost[i - a][j - b] + p + _length_cost(sum(ls[i - a : i]), sum(lt[j - b : j]), ratio)
                if c < best:
                    best, move = c, (a, b)
            cost[i][j], back[i][j] = best, move
    beads, i, j = [], n, m
    while i > 0 or j > 0:
        a, b = back[i][j]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]
