"""Word frequencies from the ``wordfreq`` German lexicon, loaded on first use and cached.

Zipf frequency: 0 for a word the lexicon does not know, about 3 for a word seen once in a
million, 7 for the most common function words. ``wordfreq`` folds case, so the caller
decides what case means.

>>> zipf("Sicherheit") > 4 > zipf("Sicherheitpolitischsind")
True
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded only when a pass needs the lexicon

    return zipf_frequency(word, "de")


def known(word: str, threshold: float) -> bool:
    """Whether ``word`` is at least as frequent as ``threshold`` (Zipf scale)."""
    return zipf(word) >= threshold

