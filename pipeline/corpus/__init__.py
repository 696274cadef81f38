"""Cleaning at the level of the corpus: what only shows across many documents.

* :mod:`~pipeline.corpus.line_counts` — lines counted per source, as mergeable hash counts;
* the clean pass that removes repeated lines (``chrome.repeated``) and flags the doubtful
  ones (``chrome.repeated_unsure``) is :mod:`pipeline.clean.repeated_lines`; it reads the counts;
* :mod:`~pipeline.corpus.duplicates` — exact and near-duplicate documents, repeated pairs;
* :mod:`~pipeline.corpus.audit` — the repeated lines each source lost, with their counts;
* :mod:`~pipeline.corpus.settings` — thresholds from ``corrections/corpus.yaml``.
"""
