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
the language pair; with a translation a source sentence's length is mostly the translation's,
partly its own (machine translation drops and adds words, the source does not); for the
lexicon passes that share is scaled down where the translation's lengths predict the first
pass's one-to-one partners worse than the source's own lengths do (:func:`fitted_length_share`:
a weaker translation is trusted less). Sentences
without a word or number (OCR debris such as ``.....`` or ``h * "``) carry no evidence of
where they belong: they are set aside, the rest is aligned, and each becomes a 1–0 or 0–1
bead of its own, so a bead may leave a gap where debris sat.
Sentences without partner tend to come in blocks (captions, footnotes): a run of them costs
``skip`` for its first sentence and less for each further one, so a block stays whole.
A second view of every pass compares *anchors* of the source itself with the target: the
first five letters of each word of five or more letters, folded to lower case without
diacritics (``Expedition`` / ``expédition``, ``Zürich`` / ``Zurich``), and numbers, weighted by
idf (``anchor_weight``): cognates, names and numbers that a translation may have changed, and
the strongest evidence there is without one.

Passes: the first aligns with the n-grams and anchors alone; its one-to-one beads then
teach a word lexicon in both directions (IBM Model 1, :mod:`pipeline.align.lexicon`), and a
second pass in a band of ``margin`` sentences around the first path adds the lexicon's
coverage of each bead to the similarity. A target word the lexicon never saw keeps part of its
weight in its sentence's norm (``lexicon_unknown_weight``), so a caption of names and numbers
that shares one known word with a sentence does not look covered by it. The second pass's
one-to-one beads, more and better ones, teach the lexicon again for a third pass in a
narrower band (``refine_margin``; ``lexicon_rounds`` lexicon passes in all). The lexicon
comes from the document itself, so it works for any language pair and finds partners that
share no n-gram with the translation;
with the lexicon's evidence the larger bead types (3–3, 1–5: list items, bibliography lines)
are worth searching.

Cost: documents up to ``full_cells`` DP cells are aligned exactly; larger ones first get a
coarse path over chunks of sentences (at least ``chunk``, at most 1,000 chunks), and the
fine dynamic programme runs in a band of bounded width around it; the lexicon passes run in
bands around the previous pass's path, whatever the document's size.

The parts: :mod:`pipeline.align.band` (where to search), :mod:`pipeline.align.similarity`
(what a bead scores), :mod:`pipeline.align.search` (the dynamic programme and its states).

>>> src = ["Der Hund schläft.", "Die Katze jagt zwei Mäuse. Sie ist schnell.", "Ende."]
>>> tgt = ["Der Hund schläft.", "Die Katze jagt zwei Mäuse.", "Sie ist schnell.", "Ende."]
>>> [str(b) for b in Aligner().align(src, tgt)]
['[0]:[0]', '[1]:[1, 2]', '[2]:[3]']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from pipeline.align.band import band_around, first_pass_band
from pipeline.align.beads import Bead
from pipeline.align.features import anchor_vectors, char_length, has_content, vectorise
from pipeline.align.lexicon import lexicon_views
from pipeline.align.search import SKIP, Search
from pipeline.align.similarity import bead_similarities

__all__ = ["BEAD_TYPES", "SKIP", "AlignSettings", "Aligner", "bead_similarities"]

BEAD_TYPES = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1), (3, 3), (1, 5), (5, 1)
)


@dataclass(frozen=True)
class AlignSettings:
    """The aligner's parameters. The defaults were chosen on a German–French and a German–English
    development set; none of them is specific to a language pair."""

    ngram_sizes: tuple[int, ...] = (3, 4)
    length_weight: float = 0.1  # weight of the length model against the similarity
    length_variance: float = 6.0  # variance of the length difference per character
    translation_length_share: float = 0.85  # with a translation: its share in a source sentence's length, the rest the source's
    fit_length_share: bool = True  # lexicon passes: that share scaled down where the translation's lengths fit worse than the source's
    skip: float = -0.3  # score of a sentence left without partner (1–0, 0–1)
    skip_extend: float = -0.05  # each further sentence of such a run (blocks of captions, footnotes)
    merge_penalty: float = 0.1  # per sentence beyond the first on each side of a bead
    bead_types: tuple[tuple[int, int], ...] = BEAD_TYPES
    full_cells: int = 1_500_000  # up to this many DP cells the whole matrix is searched
    chunk: int = 16  # sentences per chunk in the coarse pass
    margin: int = 16  # sentences on each side of the coarse path searched by the fine pass
    lexicon_weight: float = 1.0  # weight of each direction of the document's word lexicon (0: one pass)
    lexicon_rounds: int = 2  # passes with a lexicon, each learned from the previous pass's one-to-one beads
    refine_margin: int = 8  # sentences on each side of the previous path searched by the later lexicon passes
    lexicon_min_pairs: int = 20  # fewest one-to-one beads of the first pass to learn a lexicon from
    lexicon_unknown_weight: float = 0.5  # share of their weight that words the lexicon never saw keep in a sentence's norm
    set_aside_debris: bool = True  # sentences without words or numbers: beads of their own
    anchor_weight: float = 0.3  # weight of the anchors (shared word stems, numbers) as a view of their own
    anchor_letters: int = 5  # letters of a word's stem for the anchors (shorter words are no anchors)
    background: float = 0.0  # share of each sentence's mean similarity to unrelated sentences taken off its coverage


def fitted_length_share(beads: Sequence[Bead], translated: Sequence[float], own: Sequence[float],
                        target: Sequence[float], share: float, min_pairs: int = 20) -> float:
    """The translation's share in a source sentence's length, fitted to the document: ``share``
    times how well the source's own lengths predict its partners' lengths against how well the
    translation's do (the ratio of their median squared length errors per character over the
    one-to-one ``beads``), never more than ``share``. A translation that dropped or added words
    predicts lengths worse than the source itself, and its lengths then count for less; one that
    predicts them as well or better keeps ``share``. Fewer than ``min_pairs`` beads: ``share``.

    >>> beads = [Bead((k,), (k,)) for k in range(20)]
    >>> target = [20.0 + 3 * k for k in range(20)]
    >>> fitted_length_share(beads, target, [t + (-4, 4)[k % 2] for k, t in enumerate(target)], target, 0.85)
    0.85
    >>> own = [t + (-4, 4)[k % 2] for k, t in enumerate(target)]
    >>> round(fitted_length_share(beads, [t + (-8, 8)[k % 2] for k, t in enumerate(target)], own, target, 0.85), 2)
    0.21
    """
    pairs = [(b.src[0], b.tgt[0]) for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    if len(pairs) < min_pairs:
        return share
    rows, cols = np.array(pairs).T
    partner = np.asarray(target, dtype=np.float64)[cols]

    def error(lengths: Sequence[float]) -> float:
        values = np.asarray(lengths, dtype=np.float64)
        expected = values[rows] * np.sum(target) / max(float(values.sum()), 1.0)
        return float(np.median((partner - expected) ** 2 / ((partner + expected) / 2 + 1)))

    return share * min(1.0, error(own) / max(error(translated), 1e-9))


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
        share = s.translation_length_share if translation is not None else 1.0
        own_len, compared_len = [char_length(t) for t in src], [char_length(t) for t in compared]
        tgt_len = [char_length(t) for t in tgt]
        lengths = ([share * t + (1 - share) * o for t, o in zip(compared_len, own_len)], tgt_len)
        lo, width = first_pass_band(x, y, s.full_cells, s.chunk, s.margin)
        base = [(x, y, 1.0)]
        if s.anchor_weight > 0:  # from the source itself: names and numbers a translation may have changed
            base.append((*anchor_vectors([list(src), list(tgt)], s.anchor_letters), s.anchor_weight))
        beads = Search(s, base, *lengths, lo, width).run()
        if s.lexicon_weight <= 0:
            return beads
        if translation is not None and s.fit_length_share:
            share = fitted_length_share(beads, compared_len, own_len, tgt_len, share, s.lexicon_min_pairs)
            lengths = ([share * t + (1 - share) * o for t, o in zip(compared_len, own_len)], tgt_len)
        for round_ in range(s.lexicon_rounds):
            views = lexicon_views(src, tgt, beads, s.lexicon_min_pairs, unknown_weight=s.lexicon_unknown_weight)
            if not views:
                return beads
            # the path of the previous pass is good enough for a band around it, whatever the size
            lo, width = band_around(beads, n, m, 0, s.margin if round_ == 0 else s.refine_margin)
            beads = Search(s, base + [(a, b, s.lexicon_weight) for a, b in views], *lengths, lo, width).run()
        return beads

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

