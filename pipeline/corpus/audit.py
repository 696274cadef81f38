"""What the repeated-line rule did, per source: for the audit notebook and the report.

:func:`repeated_lines_by_source` reads the records' edits (``chrome.repeated``) and flags
(``chrome.repeated_unsure``) and returns, for every source, each repeated line with the
number of documents it was removed from and the number it was kept (and flagged) in, most
frequent first — so a reviewer sees at a glance which lines a site lost and which ones the
rule was unsure of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.corpus.line_counts import source_of
from pipeline.corpus.settings import REPEATED_RULE as RULE, REPEATED_UNSURE as UNSURE
from pipeline.record import Document


@dataclass
class RepeatedLine:
    text: str
    removed: int  # documents it was removed from
    kept: int  # documents it was kept and flagged in


def repeated_lines_by_source(docs: Iterable[Document], source_key: str = "url") -> dict[str, list[RepeatedLine]]:
    """Per source (sorted), its repeated lines, the most often removed first.

    >>> from pipeline.record import Edit
    >>> doc = Document("a", "Menü\\nText", meta={"url": "https://b.de/1"},
    ...                edits=[Edit(0, 5, "Menü\\n", "", "chrome.repeated")])
    >>> repeated_lines_by_source([doc])
    {'b.de': [RepeatedLine(text='Menü', removed=1, kept=0)]}
    """
    removed: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kept: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc in docs:
        source = source_of(doc.meta, source_key)
        for edit in doc.edits:
            if RULE in edit.rule.split("+"):  # edits next to each other may be joined: count lines
                for line in edit.before.split("\n"):
                    if line.strip():
                        removed[source][line.strip()].add(doc.id)
        for flag in doc.flags:
            if flag.rule == UNSURE and flag.text.strip():
                kept[source][flag.text.strip()].add(doc.id)
    out = {}
    for source in sorted(set(removed) | set(kept)):
        lines = set(removed[source]) | set(kept[source])
        rows = [RepeatedLine(line, len(removed[source][line]), len(kept[source][line])) for line in lines]
        out[source] = sorted(rows, key=lambda r: (-r.removed, -r.kept, r.text))
    return out
