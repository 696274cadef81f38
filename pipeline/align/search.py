"""The banded dynamic programme over beads, with affine costs for runs of unpartnered sentences.

Each band cell keeps three scores, one per :class:`State`: the best path whose last bead is a
match, a run of target sentences left alone (0–1 beads) or a run of source sentences left
alone (1–0 beads). The first sentence of a run costs ``skip``, every further one
``skip_extend``: sentences without partner come in blocks (captions, footnotes, page
furniture), and a block's edge should not be cheaper to merge into its neighbour than to
leave with the block.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np

from pipeline.align.beads import Bead
from pipeline.align.similarity import BeadScores, View

if TYPE_CHECKING:
    from pipeline.align.aligner import AlignSettings

SKIP = (0, 1)


class State(IntEnum):
    """What the last bead of a path through a cell is (stored as int8 in the DP's tables)."""

    MATCH = 0  # a bead with sentences on both sides
    TARGET_ALONE = 1  # a run of target sentences without partner (0–1 beads)
    SOURCE_ALONE = 2  # a run of source sentences without partner (1–0 beads)


class Search:
    """Best path of beads through the band ``lo``/``width``, scored over ``views``."""

    def __init__(self, settings: AlignSettings, views: list[View], src_len, tgt_len, lo: np.ndarray, width: int):
        self.s = settings
        self.n, self.m = views[0][0].shape[0], views[0][1].shape[0]
        self.lo, self.width = lo, width
        self.types = [t for t in settings.bead_types if t != SKIP]
        self.scorer = BeadScores(settings, views, src_len, tgt_len, lo, width, self.types)

    def run(self) -> list[Bead]:
        n, width = self.n, self.width
        s = self.s
        scores = self.scorer.compute()
        down = self.types.index((1, 0)) if (1, 0) in self.types else None
        matches = [t for t in range(len(self.types)) if t != down]
        best = np.full((n + 1, width), -np.inf)
        flat_best = best.reshape(-1)  # a view: rows written to best are seen here
        state = np.zeros((n + 1, width), dtype=np.int8)  # the best State of each cell
        state_mv = np.zeros((n + 1, width), dtype=np.int8)  # the better of MATCH, SOURCE_ALONE (a target run opens from it)
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
            state_mv[i] = np.where(vert > match, State.SOURCE_ALONE, State.MATCH)
            state[i] = np.where(horiz > mv, State.TARGET_ALONE, state_mv[i])
            best[i] = np.maximum(mv, horiz)
            back_m[i] = match_type[pick]
            v_prev = vert
        return self._trace(best, state, state_mv, back_m, extend_h, extend_v)

    def _trace(self, best, state, state_mv, back_m, extend_h, extend_v) -> list[Bead]:
        """Read the beads back from the corner, following each cell's state. ``current`` is the
        state the path is in; None when the last step ended a bead, so the cell's best state decides."""
        n, m, lo = self.n, self.m, self.lo
        beads = []
        i, j = n, m
        current: State | None = State(state[i, j - lo[i]])
        while i > 0 or j > 0:
            c = j - lo[i]
            if not np.isfinite(best[i, c]):
                raise RuntimeError(f"alignment band lost the path at row {i}, column {j}")
            if current is State.TARGET_ALONE:
                beads.append(Bead((), (j - 1,)))
                j -= 1
                current = State.TARGET_ALONE if extend_h[i, c] else State(state_mv[i, j - lo[i]])
            elif current is State.SOURCE_ALONE:
                beads.append(Bead((i - 1,), ()))
                current = State.SOURCE_ALONE if extend_v[i, c] else None
                i -= 1
            else:
                a, b = self.types[back_m[i, c]]
                beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
                i, j = i - a, j - b
                current = None
            if current is None and (i > 0 or j > 0):
                current = State(state[i, j - lo[i]])
        return beads[::-1]
