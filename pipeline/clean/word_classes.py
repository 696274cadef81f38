"""Word classes of German words from the Hanover Tagger's morphology model, loaded on first use.

The frequency lexicon (``lexicon.py``) folds case, so it cannot tell a noun from a verb;
the glue rules need that to see that ``Nachtreicht`` is not a compound: a German compound
ends in its head, and ``reicht`` (a finite verb) can head no noun. ``HanTa`` (LGPL-3.0,
a pip package with a German model of about 1 MB) analyses a single word without context and
scores each class it may have (STTS tags, with ``NNI``/``NNA`` for nominalised infinitives
and adjectives); it loads in about a third of a second, so it is asked only about the parts
of tokens that the lexicon does not know.

>>> classes("reicht")
('VV(FIN)',)
>>> nouns = frozenset({"NN", "NE"})
>>> can_be_noun("Nacht", 3.0, nouns), can_be_noun("reicht", 3.0, nouns), can_be_noun("Gut", 3.0, nouns)
(True, False, True)
"""

from __future__ import annotations

from functools import lru_cache

@lru_cache(maxsize=1)
def _tagger():
    from HanTa import HanoverTagger  # loaded only when a glue rule needs word classes

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=50_000)
def scored(word: str) -> tuple[tuple[str, float], ...]:
    """The classes ``word`` (as written: case matters) may have, best first, with log-scores."""
    found = [(tag, float(score)) for tag, score in _tagger().tag_word(word)]
    return tuple(sorted(found, key=lambda t: -t[1]))


def classes(word: str) -> tuple[str, ...]:
    """The classes of ``word``, best first."""
    return tuple(tag for tag, _score in scored(word))


def top_class(word: str) -> str:
    """The most likely class of ``word`` out of context (``""`` if the model has none)."""
    found = scored(word)
    return found[0][0] if found else ""


def can_be_noun(word: str, margin: float, nouns: frozenset[str]) -> bool:
    """Whether a reading of ``word`` in ``nouns`` (the classes that may be or head a noun)
    scores within ``margin`` of its best reading (``Der`` has a far-off name reading: not a
    noun; ``Selbst`` is a noun too)."""
    found = scored(word)
    if not found:
        return True  # nothing known: assume the worst
    best = found[0][1]
    return any(tag in nouns and score >= best - margin for tag, score in found)


def best_score(word: str) -> float:
    """The log-score of the best reading of ``word``: high for a word the model knows as a
    whole (``Bombenlegen``), low for one it only guesses at (``Nachtreicht``)."""
    found = scored(word)
    return found[0][1] if found else float("-inf")
