"""Sentence alignment: source × target sentences -> beads (1–1, 1–2, 2–1, 2–2, 1–3, …, 1–0, 0–1).

The main signal is a translation of the source into the target language compared with the
target sentences, as character n-gram vectors (:mod:`pipeline.align.features`). A bead scores
how well each of its sentences is covered by the other side of the bead (the cosine of the
sentence with the other side's summed vectors), plus a length term, minus a penalty for each
sentence beyond the first on a side; a sentence left without partner scores ``skip``. So an
unrelated sentence gains nothing by joining a bead, while the halves of a split sentence do.
Without a translation the source text itself is compared, which still finds shared names,
numbers and punctuation, and the length model carries the rest. The length model compares a
bead's character lengths with the document's own length ratio, so no parameter depends on
the language pair. Sentences without a word or number (OCR debris such as ``.....`` or
``h * "``) carry no evidence of where they belong: they are set aside, the rest is aligned, and
each becomes a 1–0 or 0–1 bead of its own, so a bead may leave a gap where debris sat.
Sentences without partner tend to come in blocks (captions, footnotes): a run of them costs
``skip`` for its first sentence and less for each further one, so a block stays whole.

Two passes: the first aligns with the n-gram similarity alone; its one-to-one beads then
teach a word lexicon in both directions (IBM Model 1, :mod:`pipeline.align.lexicon`), and a
second pass in a band around the first path adds the lexicon's coverage of each bead to the
similarity. The lexicon comes from the document itself, so it works for any language pair
and finds partners that share no n-gram with the translation; with the lexicon's evidence the
larger bead types (3–3, 1–5: list items, bibliography lines) are worth searching.

Cost: documents up to ``full_cells`` DP cells are aligned exactly; larger ones first get a
coarse path over chunks of sentences (at least ``chunk``, at most 1,000 chunks), and the
fine dynamic programme runs in a band of bounded width around it; the second pass runs in a
band of ``margin`` sentences around the first pass's path.

>>> src = ["Der Hund schläft.", "Die Katze jagt zwei Mäuse. Sie ist schnell.", "Ende."]
>>> tgt = ["Der Hund schläft.", "Die Katze jagt zwei Mäuse.", "Sie ist schnell.", "Ende."]
>>> [str(b) for b in Aligner().align(src, tgt)]
['[0]:[0]', '[1]:[1, 2]', '[2]:[3]']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sparse

from pipeline.align.beads import Bead
from pipeline.align.features import char_length, has_content, vectorise
from pipeline.align.lexicon import lexicon_views

BEAD_TYPES = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1), (3, 3), (1, 5), (5, 1)
)
SKIP = (0, 1)


@dataclass(frozen=True)
class AlignSettings:
    """The aligner's parameters. The defaults were chosen on a German–French and a German–English
    development set; none of them is specific to a language pair."""

    ngram_sizes: tuple[int, ...] = (3, 4)
    length_weight: float = 0.1  # weight of the length model against the similarity
    length_variance: float = 6.0  # variance of the length difference per character
    skip: float = -0.25  # score of a sentence left without partner (1–0, 0–1)
    skip_extend: float = -0.05  # each further sentence of such a run (blocks of captions, footnotes)
    merge_penalty: float = 0.1  # per sentence beyond the first on each side of a bead
    bead_types: tuple[tuple[int, int], ...] = BEAD_TYPES
    full_cells: int = 1_500_000  # up to this many DP cells the whole matrix is searched
    chunk: int = 16  # sentences per chunk in the coarse pass
    margin: int = 16  # sentences on each side of the coarse path searched by the fine pass
    lexicon_weight: float = 1.0  # weight of each direction of the document's word lexicon (0: one pass)
    lexicon_min_pairs: int = 20  # fewest one-to-one beads of the first pass to learn a lexicon from
    set_aside_debris: bool = True  # sentences without words or numbers: beads of their own


class Aligner:
    """``Aligner(settings).align(src, tgt, translation=None)`` -> list of :class:`Bead`."""

    def __init__(self, settings: AlignSettings | None = None):
        self.settings = settings or AlignSettings()

    def align(
        self, src: Sequence[str], tgt: Sequence[str], translation: Sequence[str] | None = None
    ) -> list[Bead]:
        if translation is not None and len(translation) != len(src):
            raise ValueError(f"{len(translation)} translations for {len(src)} source sentences")
        n, m = len(src), len(tgt)
        if n == 0 or m == 0:
            return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
        if self.settings.set_aside_debris:
            keep_src = [i for i in range(n) if has_content(src[i])]
            keep_tgt = [j for j in range(m) if has_content(tgt[j])]
            if 0 < len(keep_src) < n or 0 < len(keep_tgt) < m:
                return self._align_content(src, tgt, translation, keep_src, keep_tgt)
        compared = list(translation) if translation is not None else list(src)
        s = self.settings
        x, y = vectorise([compared, list(tgt)], s.ngram_sizes)
        lengths = [char_length(t) for t in compared], [char_length(t) for t in tgt]
        lo, width = self._band(x, y)
        beads = _Search(s, [(x, y, 1.0)], *lengths, lo, width).run()
        if s.lexicon_weight <= 0:
            return beads
        views = lexicon_views(src, tgt, beads, s.lexicon_min_pairs)
        if not views:
            return beads
        lo, width = self._band_around(beads, n, m)
        return _Search(s, [(x, y, 1.0)] + [(a, b, s.lexicon_weight) for a, b in views], *lengths, lo, width).run()

    def _band_around(self, beads: Sequence[Bead], n: int, m: int) -> tuple[np.ndarray, int]:
        """A band of ``margin`` sentences on each side of a path of beads (the whole matrix when small)."""
        s = self.settings
        if (n + 1) * (m + 1) <= s.full_cells:
            return np.zeros(n + 1, dtype=np.int64), m + 1
        path_lo = np.full(n + 1, m, dtype=np.int64)
        path_hi = np.zeros(n + 1, dtype=np.int64)
        i = j = 0
        for bead in beads:
            i2, j2 = i + len(bead.src), j + len(bead.tgt)
            path_lo[i : i2 + 1] = np.minimum(path_lo[i : i2 + 1], j)
            path_hi[i : i2 + 1] = np.maximum(path_hi[i : i2 + 1], j2)
            i, j = i2, j2
        lo = path_lo - s.margin
        width = int(min(m + 1, max(path_hi + s.margin - lo) + 1))
        return fit_band(lo, width, m), width

    def _align_content(self, src, tgt, translation, keep_src: list[int], keep_tgt: list[int]) -> list[Bead]:
        """Align the sentences with content; each debris sentence becomes a bead of its own, placed
        before the first bead that reaches past it (so a bead may leave a gap where debris sat)."""
        if not keep_src or not keep_tgt:  # one side is all debris: align everything as it is
            keep_src, keep_tgt = list(range(len(src))), list(range(len(tgt)))
        inner = Aligner(replace(self.settings, set_aside_debris=False)).align(
            [src[i] for i in keep_src],
            [tgt[j] for j in keep_tgt],
            None if translation is None else [translation[i] for i in keep_src],
        )
        kept_src, kept_tgt = set(keep_src), set(keep_tgt)
        rest_src = [i for i in range(len(src)) if i not in kept_src][::-1]
        rest_tgt = [j for j in range(len(tgt)) if j not in kept_tgt][::-1]
        out: list[Bead] = []
        for bead in inner:
            b = Bead(tuple(keep_src[i] for i in bead.src), tuple(keep_tgt[j] for j in bead.tgt))
            while rest_src and b.src and rest_src[-1] < b.src[-1]:
                out.append(Bead((rest_src.pop(),), ()))
            while rest_tgt and b.tgt and rest_tgt[-1] < b.tgt[-1]:
                out.append(Bead((), (rest_tgt.pop(),)))
            out.append(b)
        out.extend(Bead((i,), ()) for i in rest_src[::-1])
        out.extend(Bead((), (j,)) for j in rest_tgt[::-1])
        return out

    def _band(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int]:
        """For each DP row (source sentences consumed) the first target column searched, and the width."""
        n, m = x.shape[0], y.shape[0]
        s = self.settings
        if (n + 1) * (m + 1) <= s.full_cells:
            return np.zeros(n + 1, dtype=np.int64), m + 1
        chunk = max(s.chunk, -(-max(n, m) // 1000))
        path_lo, path_hi = coarse_path(x, y, chunk)
        lo = path_lo - s.margin
        hi = path_hi + s.margin
        width = int(min(m + 1, max(hi - lo) + 1, 8 * chunk + 2 * s.margin))
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


def _row_dots(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


class _Search:
    """The banded dynamic programme over beads. ``views`` are (source vectors, target vectors,
    weight): each view scores how well a bead's sentences cover each other, and a bead's
    similarity is the weighted sum over the views."""

    def __init__(self, settings: AlignSettings, views, src_len, tgt_len, lo: np.ndarray, width: int):
        self.s = settings
        self.views = views
        self.n, self.m = views[0][0].shape[0], views[0][1].shape[0]
        self.lo, self.width = lo, width
        self.src_len = np.concatenate([[0], np.cumsum(src_len)]).astype(np.float64)
        self.tgt_len = np.concatenate([[0], np.cumsum(tgt_len)]).astype(np.float64)
        self.ratio = max(self.tgt_len[-1], 1.0) / max(self.src_len[-1], 1.0)
        self.types = [t for t in settings.bead_types if t != SKIP]
        self.max_a = max(a for a, _ in self.types)
        self.max_b = max(b for _, b in settings.bead_types)

    # -- scores -------------------------------------------------------------------

    def _pair_geometry(self) -> tuple[np.ndarray, int]:
        """First target column of the dot products kept for each source sentence, and their count."""
        n, m, lo = self.n, self.m, self.lo
        ahead = lo[np.minimum(np.arange(n) + 1 + self.max_a, n)] - lo[np.arange(n) + 1]
        slo = np.maximum(lo[1:] - self.max_b, 0)
        swidth = int(min(m, self.width + self.max_b + int(ahead.max(initial=0))))
        return np.minimum(slo, m - swidth), swidth

    def _scores(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each bead type: score of the bead ending at each band cell, and the previous cell."""
        s, n, m, lo, width = self.s, self.n, self.m, self.lo, self.width
        slo, swidth = self._pair_geometry()
        cols = lo[:, None] + np.arange(width)[None, :]  # (n+1) x width, target columns
        coverages = [(_Coverage(x, y, slo, swidth, cols, self.max_a, self.max_b), w) for x, y, w in self.views]
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

    # -- search -------------------------------------------------------------------

    def run(self) -> list[Bead]:
        """Best path with affine gaps: three scores per cell, for a path whose last bead is a
        match (M), a run of target sentences left alone (H, 0–1 beads) or of source sentences
        left alone (V, 1–0 beads). The first sentence of a run costs ``skip``, every further one
        ``skip_extend``: sentences without partner come in blocks (captions, footnotes, page
        furniture), and a block's edge should not be cheaper to merge into its neighbour than to
        leave with the block."""
        n, m, lo, width = self.n, self.m, self.lo, self.width
        s = self.s
        scores = self._scores()
        down = self.types.index((1, 0)) if (1, 0) in self.types else None
        matches = [t for t in range(len(self.types)) if t != down]
        best = np.full((n + 1, width), -np.inf)
        flat_best = best.reshape(-1)  # a view: rows written to best are seen here
        state = np.zeros((n + 1, width), dtype=np.int8)  # which of M, H, V is best
        state_mv = np.zeros((n + 1, width), dtype=np.int8)  # which of M, V is better (H opens from it)
        back_m = np.full((n + 1, width), -1, dtype=np.int8)  # bead type of the match
        extend_h = np.zeros((n + 1, width), dtype=bool)
        extend_v = np.zeros((n + 1, width), dtype=bool)
        # all match types at once: the score of each, and where in flat_best its bead starts
        rows = np.arange(n + 1)[:, None]
        match_score = np.stack([scores[t][0] for t in matches])
        match_from = np.stack([np.maximum(rows - self.types[t][0], 0) * width + scores[t][1] for t in matches]).astype(
            np.int32 if best.size < 2**31 else np.int64
        )
        match_type = np.array(matches, dtype=np.int8)
        v_prev = np.full(width, -np.inf)
        cols = np.arange(width)
        ext = s.skip_extend
        for i in range(n + 1):
            cand = flat_best[match_from[:, i]] + match_score[:, i]
            pick = cand.argmax(axis=0)
            match = cand[pick, cols]
            if i == 0:
                match[0] = 0.0
            vert = np.full(width, -np.inf)
            if down is not None and i > 0:
                score, prev = scores[down]
                opened = best[i - 1][prev[i]] + s.skip
                extended = v_prev[prev[i]] + ext
                extend_v[i] = extended > opened
                vert = np.where(np.isfinite(score[i]), np.maximum(opened, extended), -np.inf)
            mv = np.maximum(match, vert)
            # H[j] = max over j' < j of mv[j'] + skip + (j - 1 - j') * skip_extend
            horiz = np.full(width, -np.inf)
            horiz[1:] = np.maximum.accumulate(mv - cols * ext)[:-1] + s.skip + (cols[1:] - 1) * ext
            extend_h[i, 1:] = horiz[1:] > mv[:-1] + s.skip + 1e-12
            from_v = vert > match
            state_mv[i] = from_v * 2
            state[i] = np.where(horiz > mv, 1, state_mv[i])
            best[i] = np.maximum(mv, horiz)
            back_m[i] = match_type[pick]
            v_prev = vert
        return self._trace(best, state, state_mv, back_m, extend_h, extend_v)

    def _trace(self, best, state, state_mv, back_m, extend_h, extend_v) -> list[Bead]:
        """Read the beads back from the corner, following each cell's state."""
        n, m, lo = self.n, self.m, self.lo
        beads = []
        i, j = n, m
        current = int(state[i, j - lo[i]])
        while i > 0 or j > 0:
            c = j - lo[i]
            if not np.isfinite(best[i, c]):
                raise RuntimeError(f"alignment band lost the path at row {i}, column {j}")
            if current == 1:  # a target sentence left alone
                beads.append(Bead((), (j - 1,)))
                j -= 1
                current = 1 if extend_h[i, c] else int(state_mv[i, j - lo[i]])
            elif current == 2:  # a source sentence left alone
                beads.append(Bead((i - 1,), ()))
                current = 2 if extend_v[i, c] else -1
                i -= 1
            else:
                a, b = self.types[back_m[i, c]]
                beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
                i, j = i - a, j - b
                current = -1
            if current == -1 and (i > 0 or j > 0):
                current = int(state[i, j - lo[i]])
        return beads[::-1]


class _Coverage:
    """How well the sentences of each bead in the band are covered by the bead's other side, in
    one vector space: the sum over its sentences of the cosine of the sentence with the other
    side's summed vectors. Dot products are computed once per band cell; sums are built from them."""

    def __init__(self, x, y, slo: np.ndarray, swidth: int, cols: np.ndarray, max_a: int, max_b: int):
        self.n, self.m = x.shape[0], y.shape[0]
        self.slo, self.swidth, self.cols = slo, swidth, cols
        self.band = self._pair_band(x, y)
        self.src_norm = self._block_norms(x, max_a)
        self.tgt_norm = self._block_norms(y, max_b)
        self._cells: dict[tuple[int, int], np.ndarray] = {}

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
            for c in range(b):
                own = tgt_one[np.clip(ccols - b + c, 0, m - 1)]
                cover += np.nan_to_num(col_sums[c] / np.sqrt(own * ns), nan=0.0, posinf=0.0, neginf=0.0)
        return cover


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
