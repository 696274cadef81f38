"""Writing run directories."""

from pipeline.write.outputs import PAIRS_COLUMNS, pair_rows, tsv_field
from pipeline.write.run_dir import ResumeError, RunDirectory

__all__ = ["PAIRS_COLUMNS", "ResumeError", "RunDirectory", "pair_rows", "tsv_field"]
