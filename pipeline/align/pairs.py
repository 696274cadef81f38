"""The align stage for our own translations: one pair per German sentence, scored and flagged.

The scores and flags come from :mod:`pipeline.align.scores` with the thresholds of
``corrections/pair_flags.yaml``; the translator's own flags come first.
"""

from __future__ import annotations

from pipeline.align.scores import FlagRules, load_flag_rules, score_pair
from pipeline.record import Document, Pair
from pipeline.stage import Stage


class PairBuilder(Stage):
    """Turn ``doc.sentences`` and ``doc.translations`` into ``doc.pairs``."""

    name = "align"
    reads = ("id", "sentences", "translations")
    writes = ("pairs",)

    def __init__(self, rules: FlagRules | None = None):
        self.rules = rules or load_flag_rules()

    def __call__(self, doc: Document) -> Document:
        if len(doc.translations) != len(doc.sentences):
            raise ValueError(
                f"document {doc.id}: {len(doc.sentences)} sentences but {len(doc.translations)} "
                f"translations; run the translate stage before align"
            )
        pairs = []
        for sentence, translation in zip(doc.sentences, doc.translations):
            scores, flags = score_pair(sentence.text, translation.text, translation.logprob, rules=self.rules)
            pairs.append(
                Pair(
                    id=f"{doc.id}:{translation.sentence}",
                    src=[translation.sentence],
                    de=sentence.text,
                    en=translation.text,
                    origin="translation",
                    scores=scores,
                    flags=list(translation.flags) + flags,
                )
            )
        doc.pairs = pairs
        return doc
