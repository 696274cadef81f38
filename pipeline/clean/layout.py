"""Layout tidying after removals: trailing spaces, runs of blank lines, blank start and end."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext

TRAILING_SPACE = regex.compile(r"[ \t]+(?=\n|\Z)")
BLANK_RUN = regex.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
LEADING_BLANK = regex.compile(r"\A(?:[ \t]*\n)+")
TRAILING_BLANK = regex.compile(r"\n\s*\Z")


class LayoutPass:
    """Keep paragraphs separated by exactly one blank line and the text free of edge blanks;
    a text that ends with a line break keeps one.

    >>> p = LayoutPass()
    >>> text = "\\nTitel  \\n\\n\\n\\nText.\\n\\n"
    >>> [(c.start, c.end, c.replacement) for c in p.propose(text, None, None)]
    [(0, 1, ''), (6, 8, ''), (8, 12, '\\n\\n'), (17, 19, '\\n')]
    """

    name = "layout"

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        changes: list[Change] = []
        lead = LEADING_BLANK.match(text)
        start = lead.end() if lead else 0
        if lead:
            changes.append(Change(0, lead.end(), "", "layout.blank_edges"))
        trail = TRAILING_BLANK.search(text, start)
        end = trail.start() if trail else len(text)
        for m in TRAILING_SPACE.finditer(text, start, end):
            changes.append(Change(m.start(), m.end(), "", "layout.trailing_space"))
        for m in BLANK_RUN.finditer(text, start, end):
            changes.append(Change(m.start(), m.end(), "\n\n", "layout.blank_lines"))
        if trail:
            changes.append(Change(trail.start(), len(text), "\n", "layout.blank_edges"))
        return _drop_overlaps(changes)


def _drop_overlaps(changes: list[Change]) -> list[Change]:
    out: list[Change] = []
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        if out and c.start < out[-1].end:
            if c.end <= out[-1].end:
                continue
            c = Change(out[-1].end, c.end, c.replacement, c.rule)
        out.append(c)
    return out
