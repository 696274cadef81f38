"""Exporting a run directory: the review applied, the filters run, their counts written beside.

>>> counts_path(Path("out/corpus.tsv")).name
'corpus.tsv.counts.json'
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.export.filters import FilterCounts, PairFilter
from pipeline.export.formats import export
from pipeline.export.pairs import pairs_from_run


def counts_path(out: Path) -> Path:
    """Where the counts of an export to ``out`` (for moses: the prefix) are written."""
    return out.with_name(out.name + ".counts.json")


def export_run(run_dir: Path | str, fmt: str, out: Path | str, filters: list[PairFilter],
               src_lang: str = "de", tgt_lang: str = "en") -> FilterCounts:
    """Write the pairs of ``run_dir`` that pass ``filters`` as ``fmt`` to ``out``, and the counts
    of what each filter left out to :func:`counts_path` (JSON); returns the counts."""
    out = Path(out)
    counts = FilterCounts(filters)
    export(pairs_from_run(run_dir, counts), fmt, out, src_lang, tgt_lang)
    report = {"run": str(Path(run_dir).resolve()), "format": fmt, "out": str(out), **counts.to_dict()}
    counts_path(out).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return counts
