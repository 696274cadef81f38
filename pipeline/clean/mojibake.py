"""Mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (``VerdÃ¤chtige``).

``ftfy`` finds the right decoding; this pass only sends it the words that carry the tell-tale
sequences, and records each repair as a character-level edit with the rule id
``chars.mojibake``. German quotes stay as they are: ftfy runs with ``uncurl_quotes`` off and
without its other normalisations, which belong to their own rules here.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext

RULE = "chars.mojibake"
# a lead byte of a two- or three-byte UTF-8 sequence read as cp1252/latin-1, then a
# continuation byte read the same way
SUSPECT = regex.compile(
    r"[ÂÃâÅÄÐÑ][\x80-\xBF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC"
    r"\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]"
)
WORD_START = regex.compile(r"\S*$")
WORD_END = regex.compile(r"\S*")


def _fix(word: str) -> str:
    import ftfy

    config = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
        fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        remove_control_chars=False, normalization=None, explain=False,
    )
    return ftfy.fix_encoding(word, config)


class MojibakePass:
    """Repair mojibake word by word; the edit covers only the characters that changed.

    >>> [(c.start, c.end, c.replacement) for c in MojibakePass().propose("Die VerdÃ¤chtigen", None, None)]
    [(8, 10, 'ä')]
    >>> list(MojibakePass().propose("Äpfel, Öl und Übermut", None, None))
    []
    """

    name = "mojibake"

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        done = 0
        for match in SUSPECT.finditer(text):
            if match.start() < done:
                continue
            start = max(done, match.start() - len(WORD_START.search(text, max(0, match.start() - 64), match.start()).group()))
            done = WORD_END.match(text, match.start()).end()
            word = text[start:done]
            fixed = _fix(word)
            if fixed == word:
                continue
            head = 0
            while head < min(len(word), len(fixed)) and word[head] == fixed[head]:
                head += 1
            tail = 0
            while tail < min(len(word), len(fixed)) - head and word[-1 - tail] == fixed[-1 - tail]:
                tail += 1
            yield Change(start + head, done - tail, fixed[head : len(fixed) - tail], RULE,
                         reason="UTF-8 text decoded with the wrong encoding")
