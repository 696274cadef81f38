"""HTML fragments for notebooks and the report; every piece of article text goes through ``escape``.

>>> marked_html("Ab 3 <b>", [])
'Ab 3 &lt;b&gt;'
>>> from pipeline.review.highlight import Mark
>>> marked_html("Ab 3 Uhr", [Mark(3, 4, "number", "3", False)])
'Ab <mark class="hl number missing" title="number missing on the other side">3</mark> Uhr'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from pipeline.record import Document
from pipeline.review.highlight import Mark, highlight_pair
from pipeline.review.selection import PairItem, SampleView
from pipeline.review.stats import EditSample, OpenFlag, RuleStat

CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.text { max-width: 38em; white-space: pre-wrap; overflow-wrap: anywhere; }
td.scores { white-space: nowrap; font-size: 90%; }
tr.flagged td.id { border-left: 4px solid #d9822b; }
mark.hl { border-radius: 3px; padding: 0 2px; }
mark.hl.ok { background: #d6ecd2; }
mark.hl.missing { background: #f6c7c3; }
mark.hl.copied { background: #ffe9a8; }
del { background: #f6c7c3; } ins { background: #d6ecd2; text-decoration: none; }
.flag { display: inline-block; background: #fbe3cf; border-radius: 3px; padding: 0 4px; margin: 1px; }
.state-rejected { color: #a33; } .state-accepted { color: #383; } .state-edited { color: #36a; }
.muted { color: #777; }
"""


def marked_html(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with each mark wrapped in ``<mark>``."""
    parts, pos = [], 0
    for m in sorted(marks, key=lambda m: m.start):
        if m.start < pos:
            continue
        state = "copied" if m.kind == "copied" else ("ok" if m.ok else "missing")
        parts.append(escape(text[pos : m.start]))
        parts.append(
            f'<mark class="hl {escape(m.kind)} {state}" title="{escape(m.title)}">{escape(text[m.start:m.end])}</mark>'
        )
        pos = m.end
    parts.append(escape(text[pos:]))
    return "".join(parts)


def flags_html(flags: Iterable[Any]) -> str:
    return " ".join(
        f'<span class="flag" title="{escape(f.reason)}">{escape(f.rule)}</span>' for f in flags
    )


def scores_html(scores: dict[str, float]) -> str:
    return "<br>".join(f"{escape(str(k))}: {escape(str(v))}" for k, v in scores.items())


def pairs_table(items: Sequence[PairItem], highlight: bool = True) -> str:
    """German and English side by side, with scores, flags and review state."""
    rows = []
    for item in items:
        pair = item.pair
        de_marks, en_marks = highlight_pair(pair.de, pair.en) if highlight else ([], [])
        cls = ' class="flagged"' if pair.flags else ""
        rows.append(
            f'<tr{cls} data-pair="{escape(pair.id)}">'
            f'<td class="id">{escape(pair.id)}</td>'
            f'<td class="text" lang="de">{marked_html(pair.de, de_marks)}</td>'
            f'<td class="text" lang="en">{marked_html(pair.en, en_marks)}</td>'
            f'<td class="scores">{scores_html(pair.scores)}</td>'
            f'<td class="flags">{flags_html(pair.flags)}</td>'
            f'<td class="state-{escape(pair.review)}">{escape(pair.review)}</td></tr>'
        )
    head = "<tr><th>pair</th><th>German</th><th>English</th><th>scores</th><th>flags</th><th>review</th></tr>"
    return f'<table class="pairs">{head}{"".join(rows)}</table>'


def reviewed_pairs_table(rows: Iterable[tuple[PairItem, str, Any]]) -> str:
    """Each reviewed pair: its state, the German and the English an export writes, the model's
    English where a reviewer changed it, and who decided when. ``rows``: (item, model English,
    last decision)."""
    body = []
    for item, model_en, last in rows:
        pair = item.pair
        was = f'<del>{escape(model_en)}</del>' if model_en != pair.en else '<span class="muted">unchanged</span>'
        who = f"{escape(last.who)}, {escape(last.when)}" if last is not None else ""
        body.append(
            f'<tr data-reviewed="{escape(pair.id)}"><td class="id">{escape(pair.id)}</td>'
            f'<td class="state-{escape(pair.review)}">{escape(pair.review)}</td>'
            f'<td class="text" lang="de">{escape(pair.de)}</td><td class="text" lang="en">{escape(pair.en)}</td>'
            f'<td class="text" lang="en">{was}</td><td>{who}</td></tr>'
        )
    head = ("<tr><th>pair</th><th>review</th><th>German</th><th>English (exported)</th>"
            "<th>model's English</th><th>last decision</th></tr>")
    return f'<table class="reviewed">{head}{"".join(body)}</table>'


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], cls: str = "") -> str:
    """A plain table; every cell is escaped."""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{escape(cls)}"><tr>{head}</tr>{body}</table>'


def summary_table(summary: dict[str, Any]) -> str:
    return table(("what", "count"), summary.items(), "summary")


def documents_table(docs: Sequence[Document]) -> str:
    """One row per document: id, title, source, pairs, flagged pairs, edits, text flags."""
    return table(
        ("document", "title", "source", "pairs", "flagged pairs", "edits", "text flags"),
        (
            (d.id, d.meta.get("title", ""), d.meta.get("url") or d.meta.get("source", ""), len(d.pairs),
             sum(1 for p in d.pairs if p.flags), len(d.edits), len(d.flags))
            for d in docs
        ),
        "documents",
    )


def rule_stats_table(stats: Sequence[RuleStat]) -> str:
    return table(
        ("rule", "edits", "text flags", "pair flags", "documents"),
        ((s.rule, s.edits, s.text_flags, s.pair_flags, s.documents) for s in stats),
        "rules",
    )


def edit_samples_table(samples: Sequence[EditSample]) -> str:
    """Each edit in its raw context: removed text struck through, inserted text underlined."""
    rows = []
    for s in samples:
        rows.append(
            f"<tr><td>{escape(s.doc_id)}</td><td>{s.index}</td><td>{escape(s.rule)}</td>"
            f'<td class="text">{escape(s.left)}<del>{escape(s.before)}</del><ins>{escape(s.after)}</ins>'
            f"{escape(s.right)}</td></tr>"
        )
    head = "<tr><th>document</th><th>edit</th><th>rule</th><th>in context (removed / inserted)</th></tr>"
    return f'<table class="edits">{head}{"".join(rows)}</table>'


def open_flags_table(flags: Sequence[OpenFlag]) -> str:
    return table(
        ("document", "pair", "rule", "reason", "text"),
        ((f.doc_id, f.pair_id, f.rule, f.reason, f.text) for f in flags),
        "open-flags",
    )


def sample_view_html(view: SampleView[PairItem]) -> str:
    """The head, random middle and tail of a sample view, each as a pairs table."""
    return "".join(f"<h3>{escape(name)} ({len(items)})</h3>{pairs_table(items)}" for name, items in view.sections())
