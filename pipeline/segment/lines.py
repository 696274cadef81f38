"""Sentence boundaries at line breaks inside a paragraph.

A line break inside a paragraph is usually a hard wrap and ends nothing. It ends a unit
without final punctuation in two cases: the next line is a list item (``- …``, ``• …``,
``3. …``, ``b) …``), or the line is headline-like: it ends in a word, is clearly shorter than
the paragraph's longest line (so it is not a wrapped line of prose), and the next line
starts like a sentence.
"""

from __future__ import annotations

import regex

from pipeline.list_items import LIST_ITEM  # the cleaner's list items too

LINE = regex.compile(r"[^\n]*")
# the line ends in a word, number or closing mark (not in a comma, hyphen or open bracket)
OPEN_END = regex.compile(r"[\p{L}\p{N}\"”“»«’)\]]\s*$")
STARTS_LIKE_SENTENCE = regex.compile(r"[ \t]*[\"„“»«‚(]*[\p{Lu}\p{N}]")
SHORT = 0.6


def line_boundaries(text: str) -> list[int]:
    """Offsets of line breaks in ``text`` that end a unit without final punctuation.

    >>> text = "Neue Radwege\\nDer Stadtrat hat am Dienstag den Ausbau beschlossen.\\n- erstens\\n- zweitens"
    >>> [text[:i].rsplit("\\n", 1)[-1] for i in line_boundaries(text)]
    ['Neue Radwege', 'Der Stadtrat hat am Dienstag den Ausbau beschlossen.', '- erstens']
    """
    out = []
    for paragraph in _paragraphs(text):
        longest = max(len(line.strip()) for _, _, line in paragraph)
        for (_, end, line), (_, _, following) in zip(paragraph, paragraph[1:]):
            if LIST_ITEM.match(following):
                out.append(end)
            elif len(line.strip()) <= SHORT * longest and OPEN_END.search(line) and STARTS_LIKE_SENTENCE.match(following):
                out.append(end)
    return out


def _paragraphs(text: str) -> list[list[tuple[int, int, str]]]:
    """The non-blank lines of ``text`` as (start, end, line), grouped into paragraphs by blank lines."""
    paragraphs: list[list[tuple[int, int, str]]] = [[]]
    for match in LINE.finditer(text):
        start, end = match.span()
        if start and text[start - 1] != "\n":
            continue  # the empty match right after a line
        if match.group().strip():
            paragraphs[-1].append((start, end, match.group()))
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]
