"""The names of the files in a run directory, for the writer and the reader alike."""

from pipeline.clean.exceptions import EXCEPTIONS_FILE

DOCUMENTS = "documents.jsonl"  # one document record a line (pipeline.record)
PAIRS = "pairs.tsv"  # the pairs as a table, written beside the records
ERRORS = "errors.jsonl"  # one failed input item a line: id, stage, reason
RUN_INFO = "run.json"  # the settings and counts of the run
JOURNAL = "progress.jsonl"  # the writer's journal, for resuming
DECISIONS = "decisions.jsonl"  # review decisions, appended (pipeline.rundir.decisions)
EXCEPTIONS = EXCEPTIONS_FILE  # edits a reviewer marked wrong: the cleaner's file format and name
