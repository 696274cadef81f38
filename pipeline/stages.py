"""The stages of a run, in order, built in one place for every backend.

``cpu_stages`` is a plain top-level function so that worker processes (and Ray workers) can
build their own copies of the rule-based stages.

What each stage reads and writes of the record (declared on the stage classes as ``reads`` and
``writes``, see :class:`pipeline.stage.Stage`; ``tests/test_stage_contract.py`` checks that this
table says what the classes declare and that no stage changes a field it does not declare):

=========  ===================================================  ======================================
stage      reads                                                writes
=========  ===================================================  ======================================
read       (the input file or JSONL line)                       id, raw, meta, flags
clean      id, raw, meta, flags                                 clean, edits, flags, blocks, meta
screen     raw, clean, flags                                    lang, lang_confidence, flags
segment    clean, blocks                                        sentences
translate  lang, lang_confidence, sentences                     translations
align      lang, lang_confidence, id, sentences, translations   pairs
=========  ===================================================  ======================================

A stage that writes ``flags`` appends to the flags of the stages before it.
"""

from __future__ import annotations

from typing import Any

READ_WRITES = ("id", "raw", "meta", "flags")  # what the reader fills (pipeline.read)

def cpu_stages(reference_lang: str | None = None, line_counts: str | None = None) -> list[Any]:
    """clean → screen → segment: rule-based, no model, safe to run in any process. In a
    reference run (``reference_lang``) the reference is then cleaned and segmented too.

    ``line_counts``: path of the run's line counts file (``functools.partial`` binds it, so the
    factory stays picklable); the clean stage then removes lines repeated across a source.
    """
    from pipeline.clean.cleaner import Cleaner
    from pipeline.corpus.line_counts import LineCounts
    from pipeline.screen import Screen
    from pipeline.segment.segmenter import Segmenter

    counts = LineCounts.load(line_counts) if line_counts else None
    stages = [Cleaner(line_counts=counts), Screen(), Segmenter()]
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


def contract(stages: list[Any]) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(name, reads, writes) of each stage in order, the reader first."""
    return [("read", (), READ_WRITES)] + [(s.name, tuple(s.reads), tuple(s.writes)) for s in stages]


def check_contract(stages: list[Any]) -> None:
    """Raise ``TypeError`` if a stage reads a field that neither the reader nor an earlier stage writes."""
    written: set[str] = set()
    for name, reads, writes in contract(stages):
        missing = [f for f in reads if f not in written]
        if missing:
            raise TypeError(f"stage {name} reads {', '.join(missing)}, which no stage before it writes")
        written.update(writes)


def corpus_stages(counts_path, run_dir) -> tuple[Any, list[Any], list[Any]]:
    """For a run with corpus-level cleaning: (the CPU-stage factory that gives the clean stage
    the run's line counts, the main-process stages before the model, those after it).

    The factory is a ``functools.partial`` over the counts file's path, so worker processes,
    spawned or forked, load it themselves. The main-process stages run in input order: the
    duplicate marker before translation, the repeated-pair marker after alignment; they have
    already seen what a resumed run directory holds.
    """
    from functools import partial

    from pipeline.corpus.duplicates import markers_for_run
    from pipeline.corpus.settings import load_corpus_settings
    from pipeline.rundir.reader import iter_records

    documents, pairs = markers_for_run(iter_records(run_dir), load_corpus_settings().duplicates)
    return partial(cpu_stages, line_counts=str(counts_path)), [documents], [pairs]

