"""The cleaning pass that removes lines repeated across the documents of a source.

A line is *repeated* when it occurs in at least ``min_documents`` (K) documents of its source
and the source has at least ``min_source_documents``. Repetition alone is not enough: a
headline or lead sentence that other pages of the site quote in a teaser is repeated too,
and it is this page's own text. So the pass weighs repetition and position together:

* a repeated line in at least ``chrome_share`` of the source's documents that stands where
  it usually stands (the first pass also counts in how many documents each line is in the
  top half of the page) is chrome: a menu, cookie notice, share bar, footer. Removed;
* a repeated line of ``lead_min_words`` words or more that leads into the page's own text
  (a headline, a lead sentence: only date, author or other removed lines between it and the
  text) or stands inside it, *out of its usual place*, is kept and flagged
  ``chrome.repeated_unsure``: other pages quote it in a teaser at their end, and here it
  stands at the top of its own page;
* a whole sentence inside the page's own text that is in fewer than ``chrome_share`` of the
  source's documents is kept and flagged too: a stock sentence of the site, or an article
  sentence quoted elsewhere — not sure enough to remove;
* if a page has no text of its own at all, its repeated sentences are kept and flagged,
  unless they are on nearly every page of the source: the page most likely repeats another
  page of the site (the duplicate check reports which);
* every other repeated line is removed (rule ``chrome.repeated``): short labels between
  paragraphs (``Anzeige``), author lines, breadcrumbs, teaser blocks.

The pass runs first, on ``raw``, so its lines are the lines the first pass counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.corpus.line_counts import LineCounts, line_hashes, source_of
from pipeline.corpus.settings import REPEATED_RULE as RULE, REPEATED_UNSURE as UNSURE, RepeatedLineSettings

_WORD = regex.compile(r"\w+")
_PROSE_END = regex.compile(r"[.!?:…\"“”»«)]\s*$")

REMOVE, KEEP, CONTENT, OTHER = "remove", "keep", "content", "other"
# a line stands in its usual place when more than this share of its documents hold it in the
# same half of the page
USUAL_PLACE = 0.5
NEARLY_ALL = 0.9


@dataclass
class _Line:
    start: int
    end: int  # without the newline
    text: str
    count: int  # documents of the source holding the line (0: not counted or too short)
    top: int  # of them, documents where it stands in the top half
    here_top: bool  # whether it stands in the top half of this document
    kind: str = OTHER

    def usual_place(self, share: float) -> bool:
        """Whether more than ``share`` of the documents hold the line where this one does."""
        same = self.top if self.here_top else self.count - self.top
        return same > share * self.count


def _words(text: str) -> int:
    return len(_WORD.findall(text))


class RepeatedLinePass:
    """Removes lines repeated across a source's documents, given the corpus's line counts."""

    name = "repeated_lines"

    def __init__(self, counts: LineCounts, settings: RepeatedLineSettings, chrome_rules=()):
        self.counts = counts
        self.settings = settings
        self.chrome = regex.compile("|".join(f"(?:{r.pattern.pattern})" for r in chrome_rules), regex.V1) if chrome_rules else None

    def classify(self, text: str, meta: dict) -> tuple[str, int, list[_Line]]:
        """The source, its document count, and every non-blank line with its decision."""
        s = self.settings
        source = source_of(meta, self.counts.source_key)
        counts = self.counts.sources.get(source)
        if counts is None or counts.documents < s.min_source_documents:
            return source, counts.documents if counts else 0, []
        lines: list[_Line] = []
        pos = 0
        for piece, (h, top) in zip(text.split("\n"), line_hashes(text)):
            if h is not None:
                count = counts.lines.get(h, 0) if len(piece.strip()) >= s.min_chars else 0
                lines.append(_Line(pos, pos + len(piece), piece, count, counts.top.get(h, 0), top))
            pos += len(piece) + 1
        high = s.chrome_share * counts.documents
        rare: list[int] = []
        for i, line in enumerate(lines):
            if line.count >= s.min_documents:
                if line.count >= high and line.usual_place(USUAL_PLACE):
                    line.kind = REMOVE
                else:
                    rare.append(i)
            elif _words(line.text) >= s.content_min_words and not (self.chrome and self.chrome.fullmatch(line.text.strip())):
                line.kind = CONTENT
        has_content = any(line.kind == CONTENT for line in lines)
        if not has_content:
            # a page with no text of its own repeats another page of the site: keep its prose
            # unless the line is on nearly every page
            for i, line in enumerate(lines):
                if line.kind == REMOVE and line.count < NEARLY_ALL * counts.documents and i not in rare:
                    rare.append(i)
            rare.sort()
        # from the bottom up, so that a headline before a kept lead sentence is kept too
        def neighbour(i: int, step: int) -> str | None:
            """The kind of the nearest line in direction ``step`` that is not being removed
            (the date and author lines between a headline and its text do not part them)."""
            i += step
            while 0 <= i < len(lines) and lines[i].kind == REMOVE:
                i += step
            return lines[i].kind if 0 <= i < len(lines) else None

        for i in reversed(rare):
            line = lines[i]
            before, after = neighbour(i, -1), neighbour(i, 1)
            words = _words(line.text)
            inside = before in (CONTENT, KEEP) and after in (CONTENT, KEEP)
            leads = after in (CONTENT, KEEP)
            # a headline or lead that other pages quote where they quote it, not where it stands here
            quoted = (inside or leads) and words >= s.lead_min_words and not line.usual_place(USUAL_PLACE)
            # a whole sentence inside the text that the site repeats now and then: not sure
            sentence = words >= s.lead_min_words and _PROSE_END.search(line.text) is not None
            repeated_sentence = inside and sentence and line.count < high
            page_repeat = not has_content and sentence
            line.kind = KEEP if quoted or repeated_sentence or page_repeat else REMOVE
        return source, counts.documents, lines

    def propose(self, text: str, context: PassContext, flag: FlagSink) -> Iterable[Change]:
        source, documents, lines = self.classify(text, context.meta)
        for line in lines:
            where = f"in {line.count} of {documents} documents of {source or 'the input'}"
            if line.kind == REMOVE:
                end = line.end + 1 if line.end < len(text) else line.end
                # a line that stands as a paragraph of its own takes its blank line along
                starts_paragraph = line.start == 0 or text.endswith("\n\n", 0, line.start)
                if starts_paragraph and text.startswith("\n", end):
                    end += 1
                confidence = 1.0 if line.count >= self.settings.chrome_share * documents else 0.9
                yield Change(line.start, end, "", RULE, confidence, f"line repeated {where}")
            elif line.kind == KEEP:
                flag(line.start, line.end, UNSURE,
                     f"line repeated {where}, kept: it stands in or leads into this document's own text")


def repeated_line_pass(counts: LineCounts, rules, chrome_rules=()) -> RepeatedLinePass:
    """The pass with the settings of ``corpus.yaml`` in the rule directory ``rules``."""
    from pipeline.corpus.settings import load_corpus_settings

    return RepeatedLinePass(counts, load_corpus_settings(rules).repeated_lines, chrome_rules)
