"""Exports of aligned pairs: TSV, Moses plain files, JSONL and TMX 1.4b.

Pairs come from a run directory (:func:`pairs_from_run`) or from the aligner
(:func:`pairs_from_beads`); :func:`export` writes them in one of :data:`FORMATS`.
Rejected pairs are left out; edited pairs are written as stored.
"""

from pipeline.export.formats import FORMATS, export
from pipeline.export.pairs import ExportPair, ExportError, pairs_from_beads, pairs_from_documents, pairs_from_run

__all__ = ["FORMATS", "ExportError", "ExportPair", "export", "pairs_from_beads", "pairs_from_documents", "pairs_from_run"]
