"""Reviewing a run: what notebooks, the report and scripts call.

* :func:`load_run` opens a run directory (through :mod:`pipeline.rundir`, which replays ``decisions.jsonl``);
  ``run.accept / reject / edit`` record decisions, :func:`apply_decisions` sets them on records.
* :func:`select_pairs` filters by flag, score, document and state (flagged first);
  :func:`sample_view` gives head, random middle and tail.
* :func:`highlight_pair` marks numbers, URLs, e-mail addresses, handles and copied words.
* :func:`rule_stats`, :func:`edit_samples`, :func:`unresolved_flags` audit the cleaner and scorer;
  ``run.mark_edit_wrong`` records an exception the cleaner honours (:mod:`pipeline.clean.exceptions`).
* :mod:`pipeline.review.render` (HTML), :mod:`pipeline.review.plots`, :mod:`pipeline.review.report`,
  :mod:`pipeline.review.widgets` (ipywidgets; imported only when used).
"""

from pipeline.clean.exceptions import copy_exceptions, load_exceptions
from pipeline.review.highlight import highlight_pair, problems
from pipeline.review.run import ReviewRun, RunNotFoundError, load_run
from pipeline.review.selection import PairItem, sample_view, score_values, select_pairs
from pipeline.review.stats import edit_samples, rule_stats, unresolved_flags
from pipeline.rundir import Decision, DecisionError, apply_decisions, read_decisions

__all__ = [
    "Decision",
    "DecisionError",
    "PairItem",
    "ReviewRun",
    "RunNotFoundError",
    "apply_decisions",
    "copy_exceptions",
    "edit_samples",
    "highlight_pair",
    "load_exceptions",
    "load_run",
    "problems",
    "read_decisions",
    "rule_stats",
    "sample_view",
    "score_values",
    "select_pairs",
    "unresolved_flags",
]
