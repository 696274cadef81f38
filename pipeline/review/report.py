"""One self-contained HTML page about a run: summary, score plots, flagged pairs, rules, samples.

A review section lists the decisions made so far (``decisions.jsonl``, replayed when the
run is opened): counts by state and by decision, and every decided pair with its state, the
text an export writes and the model's English it replaced.

The page loads nothing: styles are inline, plots are inline SVG, and it carries no script. A
Content-Security-Policy forbids scripts and outside requests as a second line of defence;
the first is that every piece of article text is escaped.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from pipeline.record import Document, Pair

from pipeline.review.plots import figure_svg, score_figure
from pipeline.review.render import (
    CSS,
    documents_table,
    edit_samples_table,
    open_flags_table,
    pairs_table,
    reviewed_pairs_table,
    rule_stats_table,
    sample_view_html,
    summary_table,
    table,
)
from pipeline.review.run import ReviewRun, load_run
from pipeline.review.selection import PairItem, sample_view, select_pairs
from pipeline.review.stats import edit_samples, rule_stats, unresolved_flags

REPORT_FILE = "report.html"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _section(title: str, body: str, note: str = "") -> str:
    note_html = f'<p class="muted">{escape(note)}</p>' if note else ""
    return f"<section><h2>{escape(title)}</h2>{note_html}{body}</section>"


def _settings(run: ReviewRun) -> str:
    translation = run.info.get("translation") or {}
    rows = [
        ("model", translation.get("model")),
        ("engine", translation.get("engine")),
        ("beam", translation.get("beam")),
        ("pipeline", run.info.get("pipeline")),
        ("started", run.info.get("started")),
        ("rules", (run.info.get("rules_sha256") or "")[:12]),
        ("exceptions", (run.info.get("exceptions_sha256") or "")[:12] or None),
    ]
    return table(("setting", "value"), [(k, v) for k, v in rows if v is not None], "settings")


def model_english(doc: Document, pair: Pair) -> str:
    """The model's English for a pair's sentences (what the pair held before any edit)."""
    by_sentence = {t.sentence: t.text for t in doc.translations}
    texts = [by_sentence[i] for i in pair.src if i in by_sentence]
    return " ".join(texts) if len(texts) == len(pair.src) and texts else pair.en


def _review(run: ReviewRun, max_pairs: int) -> str:
    """Decision counts and every reviewed pair with its state and edited text."""
    summary = run.summary()
    kinds = Counter(d.decision for d in run.decisions)
    rows = [(state, summary[state]) for state in ("pending", "accepted", "edited", "rejected")]
    rows += [("decisions", len(run.decisions))] + [(f"{kind} decisions", kinds[kind]) for kind in ("accept", "reject", "edit")]
    rows += [("reviewers", ", ".join(sorted({d.who for d in run.decisions if d.who})) or "-")]
    if run.unknown_decisions:
        rows.append(("decisions naming no pair of this run", len(run.unknown_decisions)))
    if run.stale_decisions:
        rows.append(("decisions about German a pair no longer holds (not applied)", len(run.stale_decisions)))
    last = {d.pair: d for d in run.decisions}
    reviewed = [PairItem(doc, pair) for doc in run.docs for pair in doc.pairs if pair.review != "pending"]
    note = f"showing {max_pairs} of {len(reviewed)}" if len(reviewed) > max_pairs else ""
    listed = reviewed_pairs_table((item, model_english(item.doc, item.pair), last.get(item.pair.id))
                                  for item in reviewed[:max_pairs])
    return _section(f"Review ({len(reviewed)} of {summary['pairs']} pairs decided)",
                    table(("review", "count"), rows, "review-counts") + listed,
                    note or "rejected pairs are left out of exports; edited pairs are exported with the reviewer's text")


def repeated_lines_section(run: ReviewRun, max_rows: int = 500) -> str | None:
    """Per source, the lines removed as repeated across its documents (``chrome.repeated``) or
    kept and flagged, with in how many documents; None when the run removed none."""
    from pipeline.corpus.audit import repeated_lines_by_source

    by_source = repeated_lines_by_source(run.docs, run.info.get("source_key") or "url")
    rows = [(source, line.text, line.removed, line.kept) for source, lines in by_source.items() for line in lines]
    if not rows:
        return None
    note = f"showing {max_rows} of {len(rows)}" if len(rows) > max_rows else (
        "lines that recur across the documents of a source (corrections/corpus.yaml): removed as chrome, "
        "or kept and flagged where they stand out of their usual place")
    return _section(f"Lines repeated across a source ({len(rows)})",
                    table(("source", "line", "removed in", "kept (flagged) in"), rows[:max_rows], "repeated-lines"), note)


def _reference_pairs(run: ReviewRun, max_docs: int) -> str | None:
    """Reference runs: each document's reference pairs with bead type and scores, and the
    sentences left unaligned on each side; None when the run had no reference."""
    from pipeline.align.reference_view import render_reference_pairs

    docs = [doc for doc in run.docs if doc.reference is not None]
    if not docs:
        return None
    unaligned = sum(len(d.reference.unaligned_src) + len(d.reference.unaligned_tgt) for d in docs)
    body = "".join(f"<h3>{escape(doc.id)}</h3>{render_reference_pairs(doc)}" for doc in docs[:max_docs])
    note = f"showing {max_docs} of {len(docs)} documents" if len(docs) > max_docs else ""
    return _section(f"Reference pairs ({len(docs)} documents, {unaligned} sentences unaligned)", body, note)


def build_report(run: ReviewRun, max_pairs: int = 500, samples_per_rule: int = 3, seed: int = 0) -> str:
    """The report as one HTML string."""
    sections = [_section("Summary", summary_table(run.summary()) + _settings(run)),
                _review(run, max_pairs),
                _section("Documents", documents_table(run.docs[:max_pairs]))]
    fig = score_figure(run.docs)
    if fig is not None:
        sections.append(_section("Score distributions", f'<div class="plots">{figure_svg(fig)}</div>'))
    flagged = select_pairs(run.docs, flagged=True)
    note = f"showing {max_pairs} of {len(flagged)}" if len(flagged) > max_pairs else ""
    sections.append(_section(f"Flagged pairs ({len(flagged)})", pairs_table(flagged[:max_pairs]), note))
    reference = _reference_pairs(run, max_docs=50)
    if reference:
        sections.append(reference)
    stats = rule_stats(run.docs)
    sections.append(_section("Rules", rule_stats_table(stats)))
    repeated = repeated_lines_section(run, max_pairs)
    if repeated:
        sections.append(repeated)
    samples = [s for stat in stats if stat.edits for s in edit_samples(run.docs, stat.rule, samples_per_rule, seed=seed)]
    sections.append(_section("Edits in context", edit_samples_table(samples),
                             f"up to {samples_per_rule} edits per rule, chosen at random (seed {seed})"))
    open_flags = unresolved_flags(run.docs)
    sections.append(_section(f"Unresolved flags ({len(open_flags)})", open_flags_table(open_flags[:max_pairs])))
    view = sample_view(select_pairs(run.docs, flagged_first=False), seed=seed)
    sections.append(_section("Sample view", sample_view_html(view), f"head, random middle (seed {seed}) and tail of all pairs"))
    title = f"Review report: {run.path.resolve().name}"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body><h1>{escape(title)}</h1>{''.join(sections)}</body></html>\n"
    )


def write_report(run_dir: Path | str, out: Path | str | None = None, **options) -> Path:
    """Write the report of the run in ``run_dir`` (default ``run_dir/report.html``)."""
    run = load_run(run_dir)
    path = Path(out) if out is not None else run.path / REPORT_FILE
    path.write_text(build_report(run, **options), encoding="utf-8")
    return path
