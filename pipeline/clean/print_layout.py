"""Print and OCR layout: words hyphenated across line breaks, and hard-wrapped paragraphs.

Rule ids: ``print.dehyphenate`` (``Sicher-`` / ``heit`` → ``Sicherheit``),
``print.line_break_hyphen`` (a real hyphen at a line end stays: ``US-`` / ``Wahl`` →
``US-Wahl``), ``print.unwrap`` (line breaks inside a hard-wrapped paragraph become spaces).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from pipeline.clean.edits import Change
from pipeline.clean.lexicon import zipf
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.passes import FlagSink, PassContext

HYPHEN_BREAK = regex.compile(r"(?<![\p{L}\p{N}])([\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*)-[ \t]*\n[ \t]*(\p{L}+)")
PARAGRAPH = regex.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
LINE_BREAK = regex.compile(r"[ \t]*\n[ \t]*")
LIST_ITEM = regex.compile(r"^\s*(?:[-*•–·]|\d{1,3}[.)]|[a-z][.)])\s")
SENTENCE_END = regex.compile(r"[.!?:\"“”»«)]$")
MIN_WRAPPED_LINE = 25


class PrintLayoutPass:
    """Join words split at line ends, then unwrap hard-wrapped paragraphs.

    >>> from pipeline.rules import corrections_dir
    >>> p = PrintLayoutPass(LexiconRules.from_dir(corrections_dir()))
    >>> text = "Die Sicher-\\nheit der US-\\nWahl ist ein Thema, das alle Parteien\\nbeschäftigt."
    >>> [(c.start, c.end, c.replacement, c.rule) for c in p.propose(text, None, None)]
    [(10, 12, '', 'print.dehyphenate'), (24, 25, '', 'print.line_break_hyphen'), (62, 63, ' ', 'print.unwrap')]
    """

    name = "print_layout"

    def __init__(self, rules: LexiconRules):
        self.rules = rules

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        changes: dict[int, Change] = {}
        if "-\n" in text or "- \n" in text or "-\t\n" in text:
            for match in HYPHEN_BREAK.finditer(text):
                change = self._hyphen(text, match)
                if change is not None:
                    changes[change.start] = change
        if "\n" in text:
            for para in PARAGRAPH.finditer(text):
                # a line ending in a hyphen is left to the rules above, so the two never overlap
                for change in self._unwrap(para):
                    changes.setdefault(change.start, change)
        return sorted(changes.values(), key=lambda c: c.start)

    def _hyphen(self, text: str, match: regex.Match[str]) -> Change | None:
        compound, right = match.group(1), match.group(2)
        left = compound.rsplit("-", 1)[-1]
        hyphen = match.end(1)
        br = LINE_BREAK.match(text, hyphen + 1)
        if right in self.rules.suspended_hyphen_words:
            return Change(br.start(), br.end(), " ", "print.unwrap", reason="line break after a suspended hyphen")
        keep = (
            right[0].isupper()
            or any(ch.isdigit() for ch in left)
            or (len(left) > 1 and left.isupper())
            or f"{compound}-{right}" in text
        )
        if keep:
            return Change(br.start(), br.end(), "", "print.line_break_hyphen", reason="a real hyphen at a line end")
        joined = left + right
        confidence = 1.0 if zipf(joined) > 0 else 0.8
        return Change(hyphen, br.end(), "", "print.dehyphenate", confidence,
                      reason="word hyphenated across a line break")

    def _unwrap(self, para: regex.Match[str]) -> Iterable[Change]:
        lines = para.group().split("\n")
        if len(lines) < 2 or any(LIST_ITEM.match(line) for line in lines):
            return
        longest = max(len(line.strip()) for line in lines)
        wrapped_min = max(MIN_WRAPPED_LINE, self.rules.wrapped_line_share * longest)
        full = [len(line.strip()) >= wrapped_min for line in lines[:-1]]
        soft = [
            full[i] and (not SENTENCE_END.search(lines[i].rstrip()) or lines[i + 1].lstrip()[:1].islower())
            for i in range(len(lines) - 1)
        ]
        if not any(soft):
            return
        for m in LINE_BREAK.finditer(para.group()):
            i = para.group().count("\n", 0, m.start())
            if full[i] and not lines[i].rstrip().endswith("-"):
                yield Change(para.start() + m.start(), para.start() + m.end(), " ", "print.unwrap",
                             reason="line break inside a hard-wrapped paragraph")

