"""How well a bead's sentences go together: the score of every bead type at every band cell.

A bead scores how well each of its sentences is covered by the other side of the bead (the
cosine of the sentence with the other side's summed vectors, :class:`Coverage`), summed over
the vector spaces compared (*views*: the n-gram space, the lexicon's projections) with their
weights, plus a length term, minus a penalty for each sentence beyond the first on a side. A
bead that leaves a sentence without partner (1–0, 0–1) scores ``skip``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sparse

from pipeline.align.beads import Bead
from pipeline.align.features import vectorise

if TYPE_CHECKING:
    from pipeline.align.aligner import AlignSettings

View = tuple[sparse.csr_matrix, sparse.csr_matrix, float]  # source vectors, target vectors, weight


class BeadScores:
    """Scores of the bead types ``types`` ending at each cell of the band ``lo``/``width``.

    ``views`` are (source vectors, target vectors, weight); ``src_len``/``tgt_len`` the
    sentences' character lengths, compared with the document's own length ratio."""

    def __init__(self, settings: AlignSettings, views: Sequence[View], src_len, tgt_len,
                 lo: np.ndarray, width: int, types: Sequence[tuple[int, int]]):
        self.s = settings
        self.views = views
        self.n, self.m = views[0][0].shape[0], views[0][1].shape[0]
        self.lo, self.width = lo, width
        self.src_len = np.concatenate([[0], np.cumsum(src_len)]).astype(np.float64)
        self.tgt_len = np.concatenate([[0], np.cumsum(tgt_len)]).astype(np.float64)
        self.ratio = max(self.tgt_len[-1], 1.0) / max(self.src_len[-1], 1.0)
        self.types = list(types)
        self.max_a = max(a for a, _ in self.types)
        self.max_b = max(b for _, b in settings.bead_types)

    def _pair_geometry(self) -> tuple[np.ndarray, int]:
        """First target column of the dot products kept for each source sentence, and their count."""
        n, m, lo = self.n, self.m, self.lo
        ahead = lo[np.minimum(np.arange(n) + 1 + self.max_a, n)] - lo[np.arange(n) + 1]
        slo = np.maximum(lo[1:] - self.max_b, 0)
        swidth = int(min(m, self.width + self.max_b + int(ahead.max(initial=0))))
        return np.minimum(slo, m - swidth), swidth

    def compute(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each bead type: score of the bead ending at each band cell, and the previous cell's column."""
        s, n, m, lo, width = self.s, self.n, self.m, self.lo, self.width
        slo, swidth = self._pair_geometry()
        cols = lo[:, None] + np.arange(width)[None, :]  # (n+1) x width, target columns
        coverages = [(Coverage(x, y, slo, swidth, cols, self.max_a, self.max_b, s.background), w) for x, y, w in self.views]
        rows = np.arange(n + 1)[:, None]
        out = []
        for a, b in self.types:
            prev_row = np.maximum(rows - a, 0)
            prev_col = cols - b - lo[prev_row]
            valid = (rows >= a) & (cols - b >= 0) & (cols <= m) & (prev_col >= 0) & (prev_col < width)
            if a == 0 or b == 0:
                score = np.full(cols.shape, s.skip)
            else:
                cover = sum(w * coverage.cover(a, b) for coverage, w in coverages)
                score = cover + self._length_score(a, b, cols)
            score = np.where(valid, score, -np.inf)
            out.append((score, np.clip(prev_col, 0, width - 1)))
        return out

    def _length_score(self, a: int, b: int, cols: np.ndarray) -> np.ndarray:
        """The length model of each a–b bead, minus the penalty for its sentences beyond one a side."""
        s, n, m = self.s, self.n, self.m
        ccols = np.clip(cols, 0, m)
        rows = np.arange(n + 1)
        ls = (self.src_len[rows] - self.src_len[np.maximum(rows - a, 0)])[:, None]
        lt = self.tgt_len[ccols] - self.tgt_len[np.maximum(ccols - b, 0)]
        expected = ls * self.ratio
        delta = (lt - expected) / np.sqrt(s.length_variance * (expected + lt) / 2 + 1)
        length = -np.minimum(delta * delta / 2, 12.0)
        return (a + b) * s.length_weight * length - s.merge_penalty * (a + b - 2)


class Coverage:
    """How well the sentences of each bead in the band are covered by the bead's other side, in
    one vector space: the sum over its sentences of the cosine of the sentence with the other
    side's summed vectors. Dot products are computed once per band cell; sums are built from them."""

    def __init__(self, x, y, slo: np.ndarray, swidth: int, cols: np.ndarray, max_a: int, max_b: int,
                 background: float = 0.0):
        self.n, self.m = x.shape[0], y.shape[0]
        self.slo, self.swidth, self.cols = slo, swidth, cols
        self.band = self._pair_band(x, y)
        self.src_norm = self._block_norms(x, max_a)
        self.tgt_norm = self._block_norms(y, max_b)
        self._cells: dict[tuple[int, int], np.ndarray] = {}
        self.src_bg = background * _background(x, y) if background else None
        self.tgt_bg = background * _background(y, x) if background else None

    def _pair_band(self, x, y) -> np.ndarray:
        """Source·target dot products inside the band (row r holds columns slo[r] ..)."""
        n, slo, swidth = self.n, self.slo, self.swidth
        band = np.zeros((n, swidth), dtype=np.float32)
        step = 64
        for r0 in range(0, n, step):
            r1 = min(n, r0 + step)
            c0, c1 = int(slo[r0]), int(slo[r1 - 1]) + swidth
            block = (x[r0:r1] @ y[c0:c1].T).toarray()
            at = slo[r0:r1, None] - c0 + np.arange(swidth)[None, :]
            band[r0:r1] = np.take_along_axis(block, at, axis=1)
        return band

    @staticmethod
    def _block_norms(v: sparse.csr_matrix, max_size: int) -> list[np.ndarray]:
        """norms[k][e]: squared norm of the sum of rows e-k .. e-1 (nan where e < k)."""
        count = v.shape[0]
        gram = [_row_dots(v[: count - d], v[d:]) for d in range(min(max_size, count))]
        norms = [np.zeros(count + 1)]
        for k in range(1, max_size + 1):
            out = np.full(count + 1, np.nan)
            if k <= count:
                total = np.zeros(count - k + 1)
                for p in range(k):
                    total += gram[0][p : p + count - k + 1]
                    for q in range(p + 1, k):
                        total += 2 * gram[q - p][p : p + count - k + 1]
                out[k:] = total
            norms.append(out)
        return norms

    def _cell(self, dr: int, dc: int) -> np.ndarray:
        """dot(source i - dr, target j - dc) for every band cell (i, j); 0 outside the band."""
        key = (dr, dc)
        if key not in self._cells:
            n, cols = self.n, self.cols
            r = np.clip(np.arange(n + 1) - dr, 0, n - 1)
            at = cols - dc - self.slo[r][:, None]
            inside = (at >= 0) & (at < self.swidth) & (np.arange(n + 1) >= dr)[:, None]
            cell = np.take_along_axis(self.band[r], np.clip(at, 0, self.swidth - 1), axis=1)
            self._cells[key] = np.where(inside, cell, 0.0)
        return self._cells[key]

    def cover(self, a: int, b: int) -> np.ndarray:
        """The coverage score of the a–b bead ending at each band cell."""
        n, m = self.n, self.m
        ccols = np.clip(self.cols, 0, m)
        rows = np.arange(n + 1)
        row_sums = [sum(self._cell(a - k, b - c) for c in range(b)) for k in range(a)]
        col_sums = [sum(self._cell(a - k, b - c) for k in range(a)) for c in range(b)]
        ns = self.src_norm[a][:, None]
        nt = self.tgt_norm[b][ccols]
        src_one, tgt_one = self.src_norm[1][1:], self.tgt_norm[1][1:]
        cover = np.zeros(self.cols.shape)
        with np.errstate(invalid="ignore", divide="ignore"):
            for k in range(a):
                own = src_one[np.clip(rows - a + k, 0, n - 1)][:, None]
                cover += np.nan_to_num(row_sums[k] / np.sqrt(own * nt), nan=0.0, posinf=0.0, neginf=0.0)
                if self.src_bg is not None:
                    cover -= self.src_bg[np.clip(rows - a + k, 0, n - 1)][:, None]
            for c in range(b):
                own = tgt_one[np.clip(ccols - b + c, 0, m - 1)]
                cover += np.nan_to_num(col_sums[c] / np.sqrt(own * ns), nan=0.0, posinf=0.0, neginf=0.0)
                if self.tgt_bg is not None:
                    cover -= self.tgt_bg[np.clip(ccols - b + c, 0, m - 1)]
        return cover


def _background(x: sparse.csr_matrix, y: sparse.csr_matrix, sample: int = 64) -> np.ndarray:
    """For each row of ``x``, its mean cosine with an even sample of the rows of ``y``: how
    similar the sentence looks to unrelated sentences of the other side."""
    def unit(v):
        norms = np.sqrt(np.asarray(v.multiply(v).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.maximum(norms, 1e-9)) @ v

    picks = np.unique(np.linspace(0, y.shape[0] - 1, min(sample, y.shape[0])).astype(np.int64))
    return np.asarray((unit(x) @ unit(y[picks]).T).mean(axis=1)).ravel()


def _row_dots(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


def bead_similarities(beads: Sequence[Bead], compared: Sequence[str], tgt: Sequence[str]) -> list[float | None]:
    """Cosine of each bead's n-gram vectors (``compared``: the source's translation); None for 1–0 / 0–1.

    >>> bead_similarities([Bead((0,), (0,)), Bead((), (1,))], ["the red house"], ["the red house", "x"])
    [1.0, None]
    """
    x, y = vectorise([list(compared), list(tgt)])
    out: list[float | None] = []
    for bead in beads:
        if not bead.src or not bead.tgt:
            out.append(None)
            continue
        a = x[list(bead.src)].sum(axis=0)
        b = y[list(bead.tgt)].sum(axis=0)
        norm = float(np.sqrt((a @ a.T).item() * (b @ b.T).item()))
        out.append(round(float((a @ b.T).item()) / norm, 4) if norm else 0.0)
    return out
