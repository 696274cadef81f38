"""Where the aligner searches: for each DP row (source sentences consumed) the first target
column searched, and the band's width.

Small documents are searched whole. Larger ones first get a coarse path over chunks of
sentences (:func:`coarse_path`), and the fine search runs in a band of bounded width around it
(:func:`first_pass_band`); the second pass searches a band around the first pass's beads
(:func:`band_around`). :func:`fit_band` makes any band one a path can pass from corner to corner.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sparse

from pipeline.align.beads import Bead


def whole(n: int, m: int) -> tuple[np.ndarray, int]:
    """The band that covers the whole (n + 1) × (m + 1) matrix."""
    return np.zeros(n + 1, dtype=np.int64), m + 1


def first_pass_band(x, y, full_cells: int, chunk: int, margin: int) -> tuple[np.ndarray, int]:
    """The band of the first pass: the whole matrix up to ``full_cells`` cells, else ``margin``
    sentences around a coarse path over chunks of at least ``chunk`` sentences (at most 1,000 chunks)."""
    n, m = x.shape[0], y.shape[0]
    if (n + 1) * (m + 1) <= full_cells:
        return whole(n, m)
    chunk = max(chunk, -(-max(n, m) // 1000))
    path_lo, path_hi = coarse_path(x, y, chunk)
    lo = path_lo - margin
    hi = path_hi + margin
    width = int(min(m + 1, max(hi - lo) + 1, 8 * chunk + 2 * margin))
    return fit_band(lo, width, m), width


def band_around(beads: Sequence[Bead], n: int, m: int, full_cells: int, margin: int) -> tuple[np.ndarray, int]:
    """A band of ``margin`` sentences on each side of a path of beads (the whole matrix when small)."""
    if (n + 1) * (m + 1) <= full_cells:
        return whole(n, m)
    path_lo = np.full(n + 1, m, dtype=np.int64)
    path_hi = np.zeros(n + 1, dtype=np.int64)
    i = j = 0
    for bead in beads:
        i2, j2 = i + len(bead.src), j + len(bead.tgt)
        path_lo[i : i2 + 1] = np.minimum(path_lo[i : i2 + 1], j)
        path_hi[i : i2 + 1] = np.maximum(path_hi[i : i2 + 1], j2)
        i, j = i2, j2
    lo = path_lo - margin
    width = int(min(m + 1, max(path_hi + margin - lo) + 1))
    return fit_band(lo, width, m), width


def coarse_path(x: np.ndarray, y: np.ndarray, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Target sentence range [lo, hi] for each DP row, from an alignment of sentence chunks."""
    n, m = x.shape[0], y.shape[0]
    count = max(1, -(-max(n, m) // chunk))
    src_cut = np.round(np.linspace(0, n, count + 1)).astype(np.int64)
    tgt_cut = np.round(np.linspace(0, m, count + 1)).astype(np.int64)
    a = _unit(_chunk_sums(x, src_cut))
    b = _unit(_chunk_sums(y, tgt_cut))
    sim = (a @ b.T).toarray()
    rows, cols = monotone_path(sim, skip=-0.02)
    first = np.full(count, count, dtype=np.int64)
    last = np.zeros(count, dtype=np.int64)
    np.minimum.at(first, rows, cols)
    np.maximum.at(last, rows, cols)
    chunk_of_row = np.clip(np.searchsorted(src_cut, np.arange(n + 1), side="right") - 1, 0, count - 1)
    return tgt_cut[first[chunk_of_row]], tgt_cut[last[chunk_of_row] + 1]


def monotone_path(sim: np.ndarray, skip: float) -> tuple[np.ndarray, np.ndarray]:
    """Cells of the best monotone path through ``sim`` from corner to corner (diagonal steps score sim).

    >>> monotone_path(np.eye(3), skip=-0.1)
    (array([0, 1, 2]), array([0, 1, 2]))
    """
    n, m = sim.shape
    score = np.full((n + 1, m + 1), -np.inf)
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 diagonal, 1 down, 2 right
    steps = np.arange(m + 1) * skip
    for i in range(n + 1):
        base = np.full(m + 1, -np.inf)
        if i == 0:
            base[0] = 0.0
        else:
            base[1:] = score[i - 1, :-1] + sim[i - 1]
            down = score[i - 1] + skip
            take = down > base
            base[take] = down[take]
            move[i, take] = 1
        row = np.maximum.accumulate(base - steps) + steps
        move[i, row > base + 1e-12] = 2
        score[i] = row
    rows, cols, i, j = [], [], n, m
    while i > 0 or j > 0:
        rows.append(max(i - 1, 0))
        cols.append(max(j - 1, 0))
        step = move[i, j]
        i, j = (i - 1, j - 1) if step == 0 else (i - 1, j) if step == 1 else (i, j - 1)
    return np.array(rows[::-1]), np.array(cols[::-1])


def fit_band(lo: np.ndarray, width: int, m: int) -> np.ndarray:
    """Band starts that are monotone, inside ``[0, m + 1 - width]``, start at 0 and end at the corner."""
    lo = np.clip(np.maximum.accumulate(lo), 0, m + 1 - width)
    lo[0], lo[-1] = 0, m + 1 - width
    step = max(1, width // 2)
    for i in range(1, len(lo)):  # neighbouring rows must overlap enough to pass a path
        lo[i] = min(max(lo[i], lo[i - 1]), lo[i - 1] + step)
    for i in range(len(lo) - 2, -1, -1):
        lo[i] = max(lo[i], lo[i + 1] - step)
    return lo


def _chunk_sums(x: sparse.csr_matrix, cuts: np.ndarray) -> sparse.csr_matrix:
    """Rows ``cuts[k] .. cuts[k+1]-1`` of ``x`` summed, for each k."""
    member = np.searchsorted(cuts, np.arange(x.shape[0]), side="right") - 1
    indicator = sparse.csr_matrix(
        (np.ones(x.shape[0], dtype=np.float32), (member, np.arange(x.shape[0]))), shape=(len(cuts) - 1, x.shape[0])
    )
    return (indicator @ x).tocsr()


def _unit(x: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ x
