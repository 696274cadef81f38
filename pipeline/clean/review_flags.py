"""Flags for what the cleaner cannot fix with confidence; these passes change nothing.

Rule ids:

* ``flag.lost_boundary``: a capitalised article or preposition in mid-sentence right after a
  capitalised word (``von Wall Street Journal Der Tesla-Chef hat``): link text whose
  sentence boundary or comma was lost, or a title such as ``Der Spiegel``.
* ``flag.stray_dash``: a dash glued to the word before it and followed by a space
  (``Der WSJ– Informationen``), typical of a translated possessive.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext

OPENERS = (
    "Der Die Das Den Dem Des Ein Eine Einen Einem Einer In Im Am Auf Aus Bei Mit Nach Von Vor "
    "Zu Zum Zur Für Laut Seit Trotz"
).split()
OPENER = regex.compile(r"(?<=\p{L}[ \t]+)(%s)(?=[ \t]+\p{L})" % "|".join(OPENERS))
NAME_BEFORE = regex.compile(r"(\p{Lu}[\p{L}\-]*)[ \t]+$")
# what stands before the capitalised word: more capitalised words (a name), and before them
# a lower-case word or a comma, so the article is in mid-sentence
MID_SENTENCE = regex.compile(r"[\p{Ll},][ \t]+(?:\p{Lu}[\p{L}\-]*[ \t]+){0,4}$")
STRAY_DASH = regex.compile(r"(?<=[\p{L}\p{N}])[–—](?=[ \t]+\p{L})")


class ReviewFlagPass:
    """Flag lost sentence boundaries and stray dashes for a reviewer.

    >>> found = []
    >>> text = "Zu den Vorwürfen von Wall Street Journal Der Tesla-Chef hat sich nicht geäußert. Der WSJ– Bericht"
    >>> list(ReviewFlagPass().propose(text, None, lambda *a: found.append(a)))
    []
    >>> [(text[s:e], rule) for s, e, rule, _ in found]
    [('Journal Der', 'flag.lost_boundary'), ('WSJ–', 'flag.stray_dash')]
    """

    name = "review_flags"

    def propose(self, text: str, context: PassContext | None, flag: FlagSink) -> Iterable[Change]:
        for m in OPENER.finditer(text):
            name = NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if name is None or not MID_SENTENCE.search(text, max(0, m.start() - 120), name.start()):
                continue
            flag(name.start(), m.end(), "flag.lost_boundary",
                 f"capitalised '{m.group(1)}' in mid-sentence after '{name.group(1)}': "
                 "a sentence boundary or comma may be lost next to link text")
        for m in STRAY_DASH.finditer(text):
            word = regex.search(r"[\p{L}\p{N}]+$", text[max(0, m.start() - 40) : m.start()])
            flag(m.start() - len(word.group()), m.end(), "flag.stray_dash",
                 "dash glued to the word before it and followed by a space: a translated possessive "
                 "or a lost word")
        return ()
