"""Numbers in a sentence, read one way for the pair scores and the review highlights alike.

A number is a run of digits with its separators: ``1.000``, ``1,000``, ``3,5``, ``10:30``,
``1'000``, and thousands grouped by spaces (``1 000``, ``12 500 000``, also with no-break or
thin spaces). Numbers compare by their digits, so ``12,5`` equals ``12.5``, ``10:30`` equals
``10.30`` and ``1 000`` equals ``1,000``. Digits inside URLs, e-mail addresses and handles
are part of those spans (:mod:`pipeline.spans`), not numbers. Digits glued to letters
(``A4``, ``B27``) are names, not numbers.

>>> [(n.text, n.key) for n in find_numbers("Um 10:30 Uhr kamen 1 000 Gäste, 3,5 % mehr als 2027 300 Tage zuvor.")]
[('10:30', '1030'), ('1 000', '1000'), ('3,5', '35'), ('2027', '2027'), ('300', '300')]
>>> sorted(numbers("Siehe https://stadt.example/2027 am 3. Mai").elements())
['3']
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from pipeline.spans import PROTECTED

# thousands grouped by a space only after a group of one to three digits, so "2027 300" stays two numbers
NUMBER = regex.compile(
    r"(?<![\w.,:'’])"
    r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d]|[.,:]\d)"
    r"|\d+(?:[.,:'’]\d+)*)"
)


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """What numbers compare by: their digits."""
        return number_key(self.text)


def number_key(text: str) -> str:
    """``12,5`` == ``12.5``, ``1.000`` == ``1,000`` == ``1 000``, ``10:30`` == ``10.30``.

    >>> number_key("1 000"), number_key("10:30")
    ('1000', '1030')
    """
    return regex.sub(r"\D", "", text)


def find_numbers(text: str) -> list[Number]:
    """The numbers of ``text`` in order, outside URLs, e-mail addresses and handles."""
    taken = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    return [
        Number(m.start(), m.end(), m.group())
        for m in NUMBER.finditer(text)
        if all(m.end() <= s or m.start() >= e for s, e in taken)
    ]


def numbers(text: str) -> Counter:
    """The numbers of ``text`` as digit strings, with how often each occurs.

    >>> sorted(numbers("Am 3. Mai kamen 1.000 Gäste, 3,5 % mehr.").elements())
    ['1000', '3', '35']
    """
    return Counter(n.key for n in find_numbers(text))
