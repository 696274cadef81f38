"""The differences between German and English that matter to a reviewer.

Numbers, URLs, e-mail addresses and @handles must come through a translation unchanged;
a German word found as it is in the English was probably left untranslated. Each is a
:class:`Mark` on one side; ``ok`` says whether its counterpart was found on the other side.

>>> de, en = highlight_pair("Am 3. Juni kamen 1.200 Gäste, siehe www.example.org.",
...                         "On June 4, 1,200 Gäste came, see www.example.org.")
>>> [(m.kind, m.text, m.ok) for m in de]
[('number', '3', False), ('number', '1.200', True), ('copied', 'Gäste', False), ('url', 'www.example.org', True)]
>>> [(m.kind, m.text, m.ok) for m in en]
[('number', '4', False), ('number', '1,200', True), ('copied', 'Gäste', False), ('url', 'www.example.org', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from pipeline.spans import PROTECTED

SPAN_KINDS = {"URL": "url", "MAIL": "email", "USER": "handle"}

NUMBER = regex.compile(r"(?<![\w.,])\d+(?:[.,:]\d+)*")
WORD = regex.compile(r"\b\p{L}[\p{L}\-]{3,}\b")
# words this common in English are no sign of a missing translation (Land, also, Hand)
ENGLISH_ZIPF = 3.5

KINDS = {
    "number": "number",
    "url": "URL",
    "email": "e-mail address",
    "handle": "handle",
    "copied": "word copied from the German (untranslated?)",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    text: str
    ok: bool

    @property
    def title(self) -> str:
        """A short explanation, shown when hovering over the mark."""
        if self.kind == "copied":
            return KINDS["copied"]
        return f"{KINDS[self.kind]} {'found' if self.ok else 'missing'} on the other side"


def number_key(text: str) -> str:
    """Numbers compare by their digits: ``12,5`` == ``12.5``, ``1.000`` == ``1,000``."""
    return regex.sub(r"\D", "", text)


def _protected(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, key) of URLs, e-mail addresses, handles and numbers, not overlapping."""
    found: list[tuple[int, int, str, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e, _, _ in found)

    for m in PROTECTED.finditer(text):
        found.append((m.start(), m.end(), SPAN_KINDS[m.lastgroup], m.group().lower()))
    for m in NUMBER.finditer(text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), "number", number_key(m.group())))
    return found


@lru_cache(maxsize=20000)
def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= ENGLISH_ZIPF


def _copied_words(de: str, en: str, taken_de, taken_en) -> tuple[list[Mark], list[Mark]]:
    def words(text, taken):
        return [m for m in WORD.finditer(text) if all(m.end() <= s or m.start() >= e for s, e in taken)]

    de_words = {m.group() for m in words(de, taken_de)}
    marks_en = [m for m in words(en, taken_en) if m.group() in de_words and not _common_english(m.group())]
    copied = {m.group() for m in marks_en}
    marks_de = [m for m in words(de, taken_de) if m.group() in copied]
    as_marks = lambda ms: [Mark(m.start(), m.end(), "copied", m.group(), False) for m in ms]  # noqa: E731
    return as_marks(marks_de), as_marks(marks_en)


def highlight_pair(de: str, en: str) -> tuple[list[Mark], list[Mark]]:
    """Marks on the German and on the English side, each sorted by position."""
    prot_de, prot_en = _protected(de), _protected(en)
    keys_de = {(kind, key) for _, _, kind, key in prot_de}
    keys_en = {(kind, key) for _, _, kind, key in prot_en}
    marks_de = [Mark(s, e, kind, de[s:e], (kind, key) in keys_en) for s, e, kind, key in prot_de]
    marks_en = [Mark(s, e, kind, en[s:e], (kind, key) in keys_de) for s, e, kind, key in prot_en]
    copied_de, copied_en = _copied_words(
        de, en, [(s, e) for s, e, _, _ in prot_de], [(s, e) for s, e, _, _ in prot_en]
    )
    order = lambda m: m.start  # noqa: E731
    return sorted(marks_de + copied_de, key=order), sorted(marks_en + copied_en, key=order)


def problems(de: str, en: str) -> list[Mark]:
    """The marks that need a look: protected spans missing on either side, copied words (once)."""
    marks_de, marks_en = highlight_pair(de, en)
    return [m for m in marks_de if not m.ok] + [m for m in marks_en if not m.ok and m.kind != "copied"]
