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

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache


from pipeline.align.scores import WORDS, copied_words
from pipeline.numbers import find_numbers
from pipeline.spans import PROTECTED

SPAN_KINDS = {"URL": "url", "MAIL": "email", "USER": "handle"}

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


def _protected(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, key) of URLs, e-mail addresses, handles and numbers, not overlapping.

    Numbers are read by :func:`pipeline.numbers.find_numbers`, the reading the pair score
    ``numbers_match`` (and so the flag ``pair.numbers_differ``) uses.
    """
    found = [(m.start(), m.end(), SPAN_KINDS[m.lastgroup], m.group().lower()) for m in PROTECTED.finditer(text)]
    found += [(n.start, n.end, "number", n.key) for n in find_numbers(text)]
    return sorted(found)


def _found_on_other_side(mine: list[tuple[int, int, str, str]], theirs: list[tuple[int, int, str, str]]) -> list[bool]:
    """For each span, whether the other side has it: counted, so a number written twice on one
    side and once on the other is found once and missing once (as the scores count)."""
    left = Counter((kind, key) for _, _, kind, key in theirs)
    found = []
    for _, _, kind, key in mine:
        found.append(left[(kind, key)] > 0)
        left[(kind, key)] -= 1
    return found


@lru_cache(maxsize=20000)
def _common_english(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= ENGLISH_ZIPF


def _copied_words(de: str, en: str, taken_de, taken_en) -> tuple[list[Mark], list[Mark]]:
    """The words :func:`~pipeline.align.scores.copy_ratio` counts as copied, less those common
    in English anyway, outside the protected spans; on the German side, where they came from."""
    def free(m, taken):
        return all(m.end() <= s or m.start() >= e for s, e in taken)

    marks_en = [m for m in copied_words(de, en) if free(m, taken_en) and not _common_english(m.group())]
    copied = {m.group().lower() for m in marks_en}
    marks_de = [m for m in WORDS.finditer(de) if m.group().lower() in copied and free(m, taken_de)]
    as_marks = lambda ms: [Mark(m.start(), m.end(), "copied", m.group(), False) for m in ms]  # noqa: E731
    return as_marks(marks_de), as_marks(marks_en)


def highlight_pair(de: str, en: str) -> tuple[list[Mark], list[Mark]]:
    """Marks on the German and on the English side, each sorted by position."""
    prot_de, prot_en = _protected(de), _protected(en)
    marks_de = [Mark(s, e, kind, de[s:e], ok) for (s, e, kind, _), ok in zip(prot_de, _found_on_other_side(prot_de, prot_en))]
    marks_en = [Mark(s, e, kind, en[s:e], ok) for (s, e, kind, _), ok in zip(prot_en, _found_on_other_side(prot_en, prot_de))]
    copied_de, copied_en = _copied_words(
        de, en, [(s, e) for s, e, _, _ in prot_de], [(s, e) for s, e, _, _ in prot_en]
    )
    order = lambda m: m.start  # noqa: E731
    return sorted(marks_de + copied_de, key=order), sorted(marks_en + copied_en, key=order)


def problems(de: str, en: str) -> list[Mark]:
    """The marks that need a look: protected spans missing on either side, copied words (once)."""
    marks_de, marks_en = highlight_pair(de, en)
    return [m for m in marks_de if not m.ok] + [m for m in marks_en if not m.ok and m.kind != "copied"]
