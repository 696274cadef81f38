"""Aligning two texts, or two lists of sentences, into scored beads: the API behind the
``align`` command and the reference run.

:func:`split_sentences` turns a text into sentences; :func:`translate_sentences` translates them
with a Marian model (torch is imported only then); :func:`align_sentences` aligns source with
target sentences (through the translation when there is one) and scores each bead with the
pair scores and flags of :mod:`pipeline.align.scores`.

>>> src = ["Der Hund schläft.", "Die Katze jagt zwei Mäuse. Sie ist schnell."]
>>> tgt = ["The dog sleeps.", "The cat chases two mice.", "She is fast."]
>>> mt = ["The dog is sleeping.", "The cat hunts two mice. She is fast."]
>>> [(str(b.bead), b.kind) for b in align_sentences(src, tgt, mt)]
[('[0]:[0]', '1-1'), ('[1]:[1, 2]', '1-2')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from pipeline.align.beads import Bead
from pipeline.record import PairFlag

PARAGRAPHS = regex.compile(r"\n[ \t]*\n")


@dataclass
class ScoredBead:
    """A bead with the alignment's similarity (None without a translation or for 1–0 / 0–1),
    the pair scores and the flags (the translator's first)."""

    bead: Bead
    similarity: float | None
    scores: dict[str, float] = field(default_factory=dict)
    flags: list[PairFlag] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.bead.kind


def split_sentences(text: str, lang: str, presegmented: bool = False) -> list[str]:
    """One sentence a line, or split with the sentence splitter paragraph by paragraph.

    >>> split_sentences("Eins.\\nZwei.\\n", "de", True)
    ['Eins.', 'Zwei.']
    >>> split_sentences("Er kam. Sie ging.\\n\\nNeu.", "de")
    ['Er kam.', 'Sie ging.', 'Neu.']
    """
    if presegmented:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return [line.rstrip("\r") for line in lines]
    from pipeline.segment.splitter import SentenceSplitter

    splitter = SentenceSplitter(lang)
    out = []
    for paragraph in PARAGRAPHS.split(text):
        out.extend(" ".join(paragraph[s.start : s.end].split()) for s in splitter.split(paragraph))
    return out


def translate_sentences(src: Sequence[str], model: str | None = None):
    """(translations, log-probabilities, the translator's flags per sentence) from a Marian model."""
    from pipeline.translate import TranslateSettings, Translator

    settings = TranslateSettings(model=model) if model else TranslateSettings()
    outputs = Translator(settings).translate(list(src))
    return [o.text for o in outputs], [o.logprob for o in outputs], [list(o.flags) for o in outputs]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    translation: Sequence[str] | None = None,
    *,
    logprobs: Sequence[float | None] | None = None,
    notes: Sequence[list[PairFlag]] | None = None,
    rules=None,
    aligner=None,
    with_scores: bool = True,
) -> list[ScoredBead]:
    """Beads of ``src`` × ``tgt`` in order, each with its similarity, pair scores and flags.

    ``translation``: one line per source sentence in the target language (None: align by length
    and shared anchors only); ``logprobs``/``notes``: the translator's log-probability and flags per
    source sentence; ``rules``: pair flag thresholds (default ``corrections/pair_flags.yaml``);
    ``with_scores=False`` leaves scores and flags empty (the beads alone)."""
    from pipeline.align.aligner import Aligner, bead_similarities  # numpy and scipy: only when aligning

    if translation is not None and len(translation) != len(src):
        raise ValueError(f"{len(translation)} translations for {len(src)} source sentences")
    beads = (aligner or Aligner()).align(src, tgt, translation)
    if not with_scores:
        return [ScoredBead(bead, None) for bead in beads]
    from pipeline.align.scores import load_flag_rules, score_pair

    rules = rules or load_flag_rules()
    logprobs = list(logprobs) if logprobs is not None else [None] * len(src)
    notes = list(notes) if notes is not None else [[] for _ in src]
    sims = bead_similarities(beads, translation, tgt) if translation is not None else [None] * len(beads)
    out = []
    for bead, sim in zip(beads, sims):
        known = [logprobs[i] for i in bead.src if logprobs[i] is not None]
        logprob = sum(known) / len(known) if known else None
        s, t = " ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt)
        scores, flags = score_pair(s, t, logprob, sim, rules)
        out.append(ScoredBead(bead, sim, scores, [f for i in bead.src for f in notes[i]] + flags))
    return out
