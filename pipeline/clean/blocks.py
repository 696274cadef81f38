"""Split clean text into blocks: title, headings, paragraphs and captions."""

from __future__ import annotations

import regex

from pipeline.record import Block

PARAGRAPH = regex.compile(r"[^\n]+(?:\n(?![ \t]*(?:\n|$))[^\n]*)*")
FINAL_PUNCT = regex.compile(r"[.!?…:;\"“”»«)]\s*$")
HEADING_MAX = 160


def find_blocks(text: str, title: str | None = None, captions: list[tuple[int, int]] = ()) -> list[Block]:
    """Paragraphs are separated by blank lines; a short line without final punctuation is a
    heading, and the first one (or the one equal to ``title``) is the title.

    >>> [(b.kind, b.start, b.end) for b in find_blocks("Titel hier\\n\\nEin Satz. Noch einer.\\n\\nZwischentitel\\n\\nText.")]
    [('title', 0, 10), ('paragraph', 12, 33), ('heading', 35, 48), ('paragraph', 50, 55)]
    """
    blocks: list[Block] = []
    caption_spans = set(captions)
    for match in PARAGRAPH.finditer(text):
        start, end = match.span()
        body = match.group().rstrip()
        end = start + len(body)
        if not body.strip():
            continue
        if (start, end) in caption_spans:
            kind = "caption"
        elif title is not None and body.strip() == title.strip() and not any(b.kind == "title" for b in blocks):
            kind = "title"
        elif "\n" not in body and len(body) <= HEADING_MAX and not FINAL_PUNCT.search(body):
            is_title = (title is not None and body.strip() == title.strip()) or (
                title is None and not blocks
            )
            kind = "title" if is_title and not any(b.kind == "title" for b in blocks) else "heading"
        else:
            kind = "paragraph"
        blocks.append(Block(kind, start, end))
    return blocks
