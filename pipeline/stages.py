"""The stages of a run, in order, built in one place for every backend.

``cpu_stages`` is a plain top-level function so that worker processes (and Ray workers) can
build their own copies of the rule-based stages.
"""

from __future__ import annotations

from typing import Any


def cpu_stages(line_counts: str | None = None) -> list[Any]:
    """clean → screen → segment: rule-based, no model, safe to run in any process.

    ``line_counts``: path of the run's line counts file (``functools.partial`` binds it, so the
    factory stays picklable); the clean stage then removes lines repeated across a source.
    Without it, ``$PIPELINE_LINE_COUNTS`` names the file (how a local Ray's workers get it).
    """
    import os

    from pipeline.clean.cleaner import Cleaner
    from pipeline.corpus.line_counts import LineCounts
    from pipeline.screen import Screen
    from pipeline.segment.segmenter import Segmenter

    line_counts = line_counts or os.environ.get("PIPELINE_LINE_COUNTS")
    counts = LineCounts.load(line_counts) if line_counts else None
    return [Cleaner(line_counts=counts), Screen(), Segmenter()]


def model_stages(translator: Any) -> list[Any]:
    """translate → align, for German documents only."""
    from pipeline.align.pairs import PairBuilder
    from pipeline.screen import GermanOnly

    return [GermanOnly(translator), GermanOnly(PairBuilder())]
