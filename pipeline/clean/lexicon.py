"""Word frequencies from the ``wordfreq`` German lexicon, loaded on first use and cached.

Zipf frequency: 0 for a word the lexicon does not know, about 3 for a word seen once in a
million, 7 for the most common function words. ``wordfreq`` folds case, so the caller
decides what case means.

Why ``wordfreq``: it gives frequencies, not just membership, for German and English from
the same call, loads in well under a second, and is a plain pip dependency. A spelling
dictionary (hunspell's ``de_DE``) says only yes or no and needs system files; word
splitters (wordninja, symspellpy) know no German and ignore case. Because web text holds
glued words too (``siesich`` has Zipf 1.4), a glued token counts as unknown below the
``glued_token_max`` threshold in ``corrections/lexicon.yaml``, not only at 0.

>>> zipf("Sicherheit") > 4 > zipf("Sicherheitpolitischsind")
True
>>> from wordfreq import zipf_frequency
>>> zipf("Straße") == zipf_frequency("Straße", "de")
True
"""

from __future__ import annotations

import math
from functools import lru_cache

import regex


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    if word.isalpha():
        # a word of letters is one token to wordfreq: its frequency list answers directly, with
        # the value ``zipf_frequency`` gives, at a tenth of the cost (every word of a text may be asked)
        freq = _frequencies().get(word.casefold(), 0.0)
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "de")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's German frequencies as ``get_frequency_dict("de")`` gives them, built a bucket
    at a time in C (``dict.fromkeys``) rather than a word at a time: a third of its load time.

    >>> from wordfreq import get_frequency_dict
    >>> _frequencies() == get_frequency_dict("de")
    True
    """
    from wordfreq import cB_to_freq, get_frequency_list  # loaded only when a pass needs the lexicon

    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(get_frequency_list("de")):
        if bucket:  # a word in two buckets keeps the later, lower one, as in wordfreq
            frequencies.update(dict.fromkeys(bucket, cB_to_freq(-index)))
    return frequencies


def known(word: str, threshold: float) -> bool:
    """Whether ``word`` is at least as frequent as ``threshold`` (Zipf scale)."""
    return zipf(word) >= threshold



@lru_cache(maxsize=50_000)
def english_like(word: str) -> bool:
    """Whether ``word`` is common English and not clearly more German than English (``user``,
    ``pages``): such parts come from code, product names or quoted English, not lost markup.

    >>> english_like("user"), english_like("originelle")
    (True, False)
    """
    english = english_zipf(word)
    return english >= 3.0 and english >= zipf(word) - 0.5


# letters that wordfreq's English lookup keeps as they are, but for case (NFKC leaves them,
# its tokenizer keeps a run of them as one token): not `ª`, `º`, `µ`, ligatures
_PLAIN_LATIN = regex.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")


def english_zipf(word: str) -> float:
    """``zipf_frequency(word, "en")``, for a word of plain Latin letters looked up in the
    frequency list that call loads, without its tokenizer (a twentieth of the cost).

    >>> from wordfreq import zipf_frequency
    >>> [english_zipf(w) == zipf_frequency(w, "en") for w in ("User", "Straße", "xqzv", "ﬁle")]
    [True, True, True, True]
    """
    from wordfreq import freq_to_zipf, get_frequency_dict, zipf_frequency, zipf_to_freq

    if not _PLAIN_LATIN.fullmatch(word):
        return zipf_frequency(word, "en")
    least = zipf_to_freq(0.0)
    freq = get_frequency_dict("en").get(word.casefold())
    if freq is None:
        return round(freq_to_zipf(least), 2)
    # the arithmetic of wordfreq's `word_frequency` for one token, step by step
    unrounded = max(1.0 / (0.0 + 1.0 / freq), least)
    return round(freq_to_zipf(round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)), 2)
