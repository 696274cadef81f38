"""The word lists sentence splitting reads from ``corrections/``, validated on load.

``abbreviations.LANG.txt``: one abbreviation a line, without its final period; the parts of
a multi-part one separated by ``.`` or ``. `` (``z. B``, ``U.S``). After a tab, its kind:

* ``inner`` (the default): never ends a sentence (``Dr``, ``z. B``, ``bzw``);
* ``final``: may end a sentence; it does when a sentence starter follows (``usw``, ``v. Chr``);
* ``number``: an abbreviation only before a number (``Art. 5``, ``No. 1``).

``sentence-starts.LANG.txt``: closed-class words (articles, pronouns, prepositions,
conjunctions, adverbs) that, capitalised after an ambiguous period, start a new sentence;
one marked ``bare`` after a tab starts one even after a word without final punctuation,
unless that word is listed in ``no-sentence-end.LANG.txt`` (lower-case words that never end a
sentence: articles, prepositions, conjunctions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from pipeline.rules import RuleFileError, corrections_dir, read_word_list

KINDS = ("inner", "final", "number")
ABBREVIATION = regex.compile(r"[\p{L}\d]+(?:\. ?[\p{L}\d]+)*")
STARTER = regex.compile(r"\p{Lu}[\p{L}'’]*")
NON_FINAL = regex.compile(r"\p{Ll}+")
SPACE = regex.compile(r"\s+")


def normalise(abbreviation: str) -> str:
    """The lookup form of an abbreviation: without white space.

    >>> normalise("z. B")
    'z.B'
    """
    return SPACE.sub("", abbreviation)


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations (lookup form -> kind), the proper prefixes of multi-part ones, and starters."""

    abbreviations: dict[str, str]
    prefixes: frozenset[str]
    starters: frozenset[str]
    bare: frozenset[str] = frozenset()
    non_final: frozenset[str] = frozenset()

    def kind(self, token: str) -> str | None:
        """The kind of an abbreviation in lookup form; a capitalised form finds a lower-case entry.

        >>> Lexicon({"ca": "inner"}, frozenset(), frozenset()).kind("Ca")
        'inner'
        """
        kind = self.abbreviations.get(token)
        if kind is None and token[:1].isupper():
            kind = self.abbreviations.get(token[0].lower() + token[1:])
        return kind

    def is_prefix(self, chain: str) -> bool:
        return chain in self.prefixes or (chain[:1].isupper() and chain[0].lower() + chain[1:] in self.prefixes)


def read_abbreviations(path: Path) -> dict[str, str]:
    """Lookup form -> kind; a malformed line raises :class:`RuleFileError` naming file and line."""
    found: dict[str, tuple[str, int]] = {}
    for line, entry in read_word_list(path):
        fields = [f.strip() for f in entry.split("\t")]
        if len(fields) > 2:
            raise RuleFileError(path, line, "expected an abbreviation and at most one kind, separated by a tab")
        abbreviation, kind = fields[0], fields[1] if len(fields) == 2 else "inner"
        if not ABBREVIATION.fullmatch(abbreviation):
            raise RuleFileError(
                path, line,
                f"{abbreviation!r} is not an abbreviation as this file writes them: letters or digits, "
                "without the final period, parts separated by '.' or '. ' (like 'z. B' or 'U.S')",
            )
        if kind not in KINDS:
            raise RuleFileError(path, line, f"kind {kind!r} is unknown; use one of: {', '.join(KINDS)}")
        key = normalise(abbreviation)
        if key in found:
            raise RuleFileError(path, line, f"{abbreviation!r} is already listed on line {found[key][1]}")
        found[key] = (kind, line)
    return {key: kind for key, (kind, _) in found.items()}


def read_starters(path: Path) -> tuple[frozenset[str], frozenset[str]]:
    """(all starters, those marked ``bare``); a malformed or repeated line raises :class:`RuleFileError`."""
    seen: dict[str, int] = {}
    bare = set()
    for line, entry in read_word_list(path):
        word, _, mark = (f.strip() for f in entry.partition("\t"))
        if not STARTER.fullmatch(word):
            raise RuleFileError(path, line, f"{word!r} is not one capitalised word; write one word a line, like 'Der'")
        if mark not in ("", "bare"):
            raise RuleFileError(path, line, f"mark {mark!r} is unknown; after the word, only 'bare' may follow a tab")
        if word in seen:
            raise RuleFileError(path, line, f"{word!r} is already listed on line {seen[word]}")
        seen[word] = line
        if mark:
            bare.add(word)
    return frozenset(seen), frozenset(bare)


def read_non_final(path: Path) -> frozenset[str]:
    """Lower-case words, one a line; a malformed line raises :class:`RuleFileError`."""
    words = []
    for line, word in read_word_list(path):
        if not NON_FINAL.fullmatch(word):
            raise RuleFileError(path, line, f"{word!r} is not one lower-case word; write one word a line, like 'und'")
        words.append(word)
    return frozenset(words)


def load_lexicon(lang: str, rules: Path | None = None) -> Lexicon:
    """The lexicon of ``lang`` from ``rules`` (default: the corrections directory); absent files are empty."""
    return _load_lexicon(lang, rules or corrections_dir())


@lru_cache(maxsize=16)
def _load_lexicon(lang: str, folder: Path) -> Lexicon:
    abbreviations_file = folder / f"abbreviations.{lang}.txt"
    starters_file = folder / f"sentence-starts.{lang}.txt"
    abbreviations = read_abbreviations(abbreviations_file) if abbreviations_file.exists() else {}
    starters, bare = read_starters(starters_file) if starters_file.exists() else (frozenset(), frozenset())
    non_final_file = folder / f"no-sentence-end.{lang}.txt"
    non_final = read_non_final(non_final_file) if non_final_file.exists() else frozenset()
    prefixes = frozenset(
        ".".join(parts[:n]) for parts in (a.split(".") for a in abbreviations) for n in range(1, len(parts))
    )
    return Lexicon(abbreviations, prefixes, starters, bare, non_final)
