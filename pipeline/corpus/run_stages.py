"""What ``python -m pipeline run`` needs from corpus-level cleaning, in one place.

* :func:`first_pass` — the line counts, made or read back (see :mod:`pipeline.corpus.first_pass`);
* :func:`corpus_stages` — the CPU-stage factory that gives the clean stage those counts (a
  ``functools.partial`` over a file path: worker processes, spawned or forked, load it
  themselves), and the stages that run in input order in the main process: the duplicate
  marker before translation, the repeated-pair marker after alignment.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pipeline.corpus.duplicates import markers_for_run
from pipeline.corpus.first_pass import FirstPass, first_pass
from pipeline.corpus.settings import load_corpus_settings
from pipeline.stages import cpu_stages

__all__ = ["FirstPass", "corpus_stages", "first_pass"]


def corpus_stages(counts_path: Path, run_dir: Path) -> tuple[Callable[[], list[Any]], list[Any], list[Any]]:
    """(CPU-stage factory, main-process stages before the model, after it) for a run directory
    whose outputs were already recovered (the markers remember what it holds)."""
    documents, pairs = markers_for_run(run_dir, load_corpus_settings().duplicates)
    return partial(cpu_stages, line_counts=str(counts_path)), [documents], [pairs]
