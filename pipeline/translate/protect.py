"""Spans the model must not touch (URLs, e-mail addresses, @handles) and text that is not prose.

Protected spans are replaced by placeholders the model copies (``URL1``, ``MAIL1``,
``USER1``) and put back afterwards; a placeholder missing from the output is reported.

>>> masked = protect("Mehr unter https://example.org/a?id=1, Fragen an presse@example.org.")
>>> masked.text
'Mehr unter URL1, Fragen an MAIL1.'
>>> restore("More at URL1, questions to MAIL1.", masked)
('More at https://example.org/a?id=1, questions to presse@example.org.', [])
>>> restore("More at URL1.", masked)[1]
['presse@example.org']
>>> is_prose("42"), is_prose("STARTSEITE POLITIK SPORT"), is_prose("Der Rat tagt.")
(False, False, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.spans import PROTECTED  # one group per kind; the placeholder prefix is the group name

LETTER = re.compile(r"[^\W\d_]")


@dataclass
class Masked:
    """``text`` with protected spans replaced; ``spans`` maps placeholder to original."""

    text: str
    spans: dict[str, str] = field(default_factory=dict)


def protect(text: str) -> Masked:
    """Replace each protected span by a placeholder that does not occur in ``text``."""
    spans: dict[str, str] = {}
    counters: dict[str, int] = {}

    def placeholder(match: re.Match[str]) -> str:
        kind = match.lastgroup or ""
        while True:
            counters[kind] = counters.get(kind, 0) + 1
            name = f"{kind}{counters[kind]}"
            if name not in text:
                spans[name] = match.group(0)
                return name

    return Masked(PROTECTED.sub(placeholder, text), spans)


def _placeholder_pattern(name: str) -> re.Pattern[str]:
    kind, number = name.rstrip("0123456789"), name[len(name.rstrip("0123456789")) :]
    return re.compile(rf"(?<![\w]){re.escape(kind)}\s?{number}(?!\d)", re.IGNORECASE)


def restore(output: str, masked: Masked) -> tuple[str, list[str]]:
    """Put the protected spans back into ``output``; also return those that were lost."""
    lost = []
    for name, original in masked.spans.items():
        output, found = _placeholder_pattern(name).subn(lambda _m, o=original: o, output)
        if not found:
            lost.append(original)
    return output, lost


def is_prose(text: str) -> bool:
    """Whether ``text`` is worth giving to the model.

    Not prose: no letters outside protected spans (numbers, punctuation, a lone URL), or
    every letter in capitals (a navigation menu such as ``STARTSEITE POLITIK SPORT``).
    """
    letters = LETTER.findall(PROTECTED.sub(" ", text))
    if not letters:
        return False
    return not (len(letters) > 1 and all(ch.isupper() for ch in letters))
