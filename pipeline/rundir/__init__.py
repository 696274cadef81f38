"""A run directory as the reading side sees it: one place that knows its files.

* :mod:`pipeline.rundir.names`: the file names (``documents.jsonl``, ``decisions.jsonl``, …),
  shared with the writer (:mod:`pipeline.write.run_dir`).
* :func:`open_run` / :func:`iter_documents`: the records with the review decisions replayed
  (state, edited text), ``run.json``, ``errors.jsonl`` and ``exceptions.yaml``.
* :mod:`pipeline.rundir.decisions`: the append-only decision log.

Exports, the report, the review API and the notebooks read runs only through here.
"""

from pipeline.rundir.decisions import Decision, DecisionError, append_decision, apply_decisions, new_decision, read_decisions
from pipeline.rundir.reader import RunDir, RunNotFoundError, iter_documents, open_run, read_errors, read_info

__all__ = [
    "Decision", "DecisionError", "RunDir", "RunNotFoundError", "append_decision", "apply_decisions",
    "iter_documents", "new_decision", "open_run", "read_decisions", "read_errors", "read_info",
]
