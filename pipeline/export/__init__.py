"""Exports of aligned pairs: TSV, Moses plain files, JSONL and TMX 1.4b.

Pairs come from a run directory (:func:`pairs_from_run`, the review decisions applied) or from
the aligner (:func:`pairs_from_beads`); :func:`export` writes them in one of :data:`FORMATS`.
Rejected pairs are left out and edited pairs carry the reviewer's text; the review state travels
in every format that has room for it (TSV column, JSONL field, TMX ``<prop type="x-review">``).
:func:`export_run` also runs the filters of :mod:`pipeline.export.filters` and writes what each
left out beside the export.
"""

from pipeline.export.filters import FilterCounts, PairFilter, export_filters
from pipeline.export.formats import FORMATS, export
from pipeline.export.pairs import ExportPair, pairs_from_beads, pairs_from_documents, pairs_from_run
from pipeline.export.run_export import counts_path, export_run

__all__ = [
    "FORMATS", "ExportPair", "FilterCounts", "PairFilter", "counts_path", "export", "export_filters", "export_run",
    "pairs_from_beads", "pairs_from_documents", "pairs_from_run",
]
