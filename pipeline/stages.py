"""The stages of a run, in order, built in one place for every backend.

``cpu_stages`` is a plain top-level function so that worker processes (and Ray workers) can
build their own copies of the rule-based stages.
"""

from __future__ import annotations

from typing import Any


def cpu_stages(reference_lang: str | None = None) -> list[Any]:
    """clean → screen → segment: rule-based, no model, safe to run in any process. In a
    reference run (``reference_lang``) the reference is then cleaned and segmented too."""
    from pipeline.clean.cleaner import Cleaner
    from pipeline.screen import Screen
    from pipeline.segment.segmenter import Segmenter

    stages = [Cleaner(), Screen(), Segmenter()]
    if reference_lang is not None:
        from pipeline.align.reference import ReferencePrep

        stages.append(ReferencePrep(reference_lang))
    return stages


def model_stages(translator: Any, reference: bool = False) -> list[Any]:
    """translate → align, for German documents only; in a reference run the German is aligned
    with the reference (the translation, when there is one, as the bridge)."""
    from pipeline.align.pairs import PairBuilder
    from pipeline.screen import GermanOnly

    if reference:
        from pipeline.align.reference import ReferenceAligner

        return [GermanOnly(translator)] * (translator is not None) + [GermanOnly(ReferenceAligner(PairBuilder()))]
    return [GermanOnly(translator), GermanOnly(PairBuilder())]
