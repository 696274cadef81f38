"""Spans that must come through translation unchanged: URLs, e-mail addresses, @handles.

One definition serves the translator (which keeps them out of the model), the pair scores
(which flag a pair where one was lost) and the review highlights, so the three always agree
on what a protected span is.

>>> [(m.lastgroup, m.group()) for m in PROTECTED.finditer("Mehr: https://example.org/a?id=4, presse@example.org, @Stadt_Rat.")]
[('URL', 'https://example.org/a?id=4'), ('MAIL', 'presse@example.org'), ('USER', '@Stadt_Rat')]
"""

from __future__ import annotations

import regex

# one group per kind; a URL never ends in sentence punctuation or a closing quote
PROTECTED = regex.compile(
    r"(?P<URL>(?:https?://|www\.)[^\s<>\"„“”]+[^\s<>\"„“”.,;:!?)\]}'’»«])"
    r"|(?P<MAIL>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})"
    r"|(?P<USER>(?<![\w@/])@\w{2,})"
)
