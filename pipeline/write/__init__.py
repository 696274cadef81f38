"""Writing run directories."""

from pipeline.write.outputs import PAIRS_COLUMNS, RunWriter, tsv_field

__all__ = ["PAIRS_COLUMNS", "RunWriter", "tsv_field"]
