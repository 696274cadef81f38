"""Sentence splitting with character spans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from pipeline.rules import corrections_dir, read_word_list

# a candidate boundary: terminal punctuation, optional closing quotes/brackets, white space
CANDIDATE = regex.compile(r"""[.!?…]+[\"'”“»«’‘)\]]*(?=\s+)""")
NEXT_START = regex.compile(r"""\s+[\"'„“»«‚‘(\[]*(?:\p{Lu}|\d)""")
WORD_BEFORE = regex.compile(r"(\S+)\Z")
MONTHS = {
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "Jahrhundert", "Jahrhunderts",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@lru_cache(maxsize=8)
def load_abbreviations(lang: str, rules: Path | None = None) -> frozenset[str]:
    path = (rules or corrections_dir()) / f"abbreviations.{lang}.txt"
    if not path.exists():
        return frozenset()
    return frozenset(entry for _, entry in read_word_list(path))


class SentenceSplitter:
    """Split a paragraph into sentences; returns spans of non-space text.

    >>> s = SentenceSplitter("de")
    >>> text = "Er kam am 3. Juni, z. B. mit Dr. Meier. Dann ging er."
    >>> [text[x.start:x.end] for x in s.split(text)]
    ['Er kam am 3. Juni, z. B. mit Dr. Meier.', 'Dann ging er.']
    """

    def __init__(self, lang: str = "de", rules: Path | None = None):
        self.lang = lang
        self.abbreviations = load_abbreviations(lang, rules)
        multi = sorted((a for a in self.abbreviations if "." in a), key=len, reverse=True)
        # "z. B." and "z.B.": the periods inside a multi-part abbreviation never end a sentence
        self.multi = (
            regex.compile(
                r"(?<!\w)(?:"
                + "|".join(r"\.\s?".join(regex.escape(p.strip()) for p in a.split(".")) for a in multi)
                + r")\."
            )
            if multi
            else None
        )

    def split(self, text: str) -> list[Span]:
        spans, start = [], 0
        for end in self._boundaries(text):
            spans.extend(_trimmed(text, start, end))
            start = end
        spans.extend(_trimmed(text, start, len(text)))
        return spans

    def _boundaries(self, text: str) -> Iterator[int]:
        protected = set()
        if self.multi is not None:
            for m in self.multi.finditer(text):
                protected.update(i for i in range(m.start(), m.end()) if text[i] == ".")
        for match in CANDIDATE.finditer(text):
            if match.start() in protected:
                continue
            end = match.end()
            if not NEXT_START.match(text, end):
                continue
            if match.group().startswith(".") and len(match.group().rstrip("\"'”“»«’‘)]")) == 1:
                if self._is_abbreviation(text, match.start(), end):
                    continue
            yield end

    def _is_abbreviation(self, text: str, dot: int, end: int) -> bool:
        before = text[max(0, dot - 40) : dot]
        word = WORD_BEFORE.search(before)
        if not word:
            return False
        token = word.group(1).lstrip("(\"'„“»«")
        if token in self.abbreviations:
            return True
        # multi-part abbreviations written with spaces: "z. B", "v. Chr"
        for n in (2, 3):
            parts = before.split()[-n:]
            if len(parts) == n and " ".join(parts) in self.abbreviations:
                return True
        if regex.fullmatch(r"\p{Lu}", token):  # an initial
            return True
        if token.isdigit():  # an ordinal or a date: "am 3. Juni", "im 20. Jahrhundert"
            nxt = regex.match(r"\s+(\S+)", text[end:])
            following = nxt.group(1).strip(".,;:") if nxt else ""
            return following in MONTHS or len(token) <= 2
        return False


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    lead = len(chunk) - len(chunk.lstrip())
    return [Span(start + lead, start + lead + len(stripped))]
