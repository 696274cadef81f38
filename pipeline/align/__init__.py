"""Sentence alignment (``aligner``), pair scores and flags (``scores``) and the align stage (``pairs``).

Import the modules themselves; this package stays light so that ``import pipeline`` is fast.
"""
