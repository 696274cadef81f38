"""ipywidgets for the review notebooks: decide on pairs, filter them, mark edits wrong.

Every button calls the review API (:class:`~pipeline.review.run.ReviewRun` methods), so what a
click does is the same as what code does, and it is written to the run directory at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import ipywidgets as w

from pipeline.clean.exceptions import copy_exceptions
from pipeline.review.render import edit_samples_table, pairs_table
from pipeline.review.run import ReviewRun
from pipeline.review.selection import PairItem, document_ids, score_names, select_pairs
from pipeline.review.stats import EditSample, rule_stats


class PairCard(w.VBox):
    """One pair side by side, with accept / reject / edit buttons and its review state."""

    def __init__(self, run: ReviewRun, item: PairItem, who: str | None = None):
        self.run, self.item, self.who = run, item, who
        self.view = w.HTML(pairs_table([item]))
        self.english = w.Textarea(value=item.pair.en, layout=w.Layout(width="100%"), description="English")
        self.accept_button = w.Button(description="accept", button_style="success")
        self.reject_button = w.Button(description="reject", button_style="danger")
        self.edit_button = w.Button(description="save edit", button_style="info")
        self.state = w.Label(value=item.pair.review)
        self.accept_button.on_click(lambda _: self._decide("accept"))
        self.reject_button.on_click(lambda _: self._decide("reject"))
        self.edit_button.on_click(lambda _: self._decide("edit"))
        buttons = w.HBox([self.accept_button, self.reject_button, self.edit_button, self.state])
        super().__init__([self.view, self.english, buttons])

    def _decide(self, decision: str) -> None:
        pair_id = self.item.pair.id
        if decision == "edit":
            self.run.edit(pair_id, en=self.english.value, who=self.who)
        else:
            self.run.decide(pair_id, decision, who=self.who)
        self.state.value = self.item.pair.review
        self.view.value = pairs_table([self.item])


def review_widget(run: ReviewRun, items: Sequence[PairItem], who: str | None = None) -> w.VBox:
    """A card for each pair given."""
    return w.VBox([PairCard(run, item, who) for item in items])


class PairFilter(w.VBox):
    """Filters by flag, score and document; shows the matching pairs as cards (first ``limit``)."""

    def __init__(self, run: ReviewRun, who: str | None = None, limit: int = 20, score: str = "score"):
        self.run, self.who, self.limit = run, who, limit
        rules = sorted({f.rule for d in run.docs for p in d.pairs for f in p.flags})
        scores = score_names(run.docs)
        self.flag = w.Dropdown(options=[("any", "")] + [(r, r) for r in rules], description="flag")
        self.document = w.Dropdown(options=[("any", "")] + [(d, d) for d in document_ids(run.docs)],
                                   description="document")
        self.score = w.Dropdown(options=scores or [score], value=score if score in scores else None,
                                description="score")
        self.max_score = w.Text(value="", placeholder="any", description="at most")
        self.review = w.Dropdown(options=["", "pending", "accepted", "rejected", "edited"], description="review")
        self.count = w.Label()
        self.cards = w.VBox()
        for control in (self.flag, self.document, self.score, self.max_score, self.review):
            control.observe(lambda _: self.refresh(), names="value")
        controls = w.HBox([self.flag, self.document, self.review])
        super().__init__([controls, w.HBox([self.score, self.max_score, self.count]), self.cards])
        self.refresh()

    def selection(self) -> list[PairItem]:
        return select_pairs(
            self.run.docs,
            flag=self.flag.value or None,
            doc=self.document.value or None,
            review=self.review.value or None,
            score=self.score.value or "score",
            max_score=_number(self.max_score.value),
        )

    def refresh(self) -> None:
        items = self.selection()
        self.count.value = f"{len(items)} pairs" + (f", first {self.limit} shown" if len(items) > self.limit else "")
        self.cards.children = [PairCard(self.run, item, self.who) for item in items[: self.limit]]


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


class EditCard(w.VBox):
    """One edit in context with a button that records it as wrong (an exception for the cleaner)."""

    def __init__(self, run: ReviewRun, sample: EditSample, path: Path | str | None = None, who: str | None = None):
        self.run, self.sample, self.path, self.who = run, sample, path, who
        self.note = w.Text(placeholder="why it is wrong (optional)", layout=w.Layout(width="50%"))
        self.wrong_button = w.Button(description="edit is wrong", button_style="warning")
        self.status = w.Label()
        self.wrong_button.on_click(lambda _: self.mark_wrong())
        super().__init__([w.HTML(edit_samples_table([sample])), w.HBox([self.wrong_button, self.note, self.status])])

    def mark_wrong(self) -> Path:
        path = self.run.mark_edit_wrong(self.sample.doc_id, self.sample.index, self.path, self.who, self.note.value)
        self.status.value = f"recorded in {path}"
        return path


def audit_widget(run: ReviewRun, samples: Sequence[EditSample], path: Path | str | None = None,
                 who: str | None = None) -> w.VBox:
    """A card for each edit sample."""
    return w.VBox([EditCard(run, s, path, who) for s in samples])


def copy_exceptions_button(source: Path | str, target: Path | str | None = None) -> w.HBox:
    """A button that merges ``source`` into ``corrections/exceptions.yaml`` (or ``target``)."""
    button = w.Button(description="copy to corrections", button_style="warning")
    status = w.Label()

    def copy(_):
        status.value = f"merged into {copy_exceptions(source, target)}"

    button.on_click(copy)
    return w.HBox([button, status])


def rule_picker(run: ReviewRun) -> w.Dropdown:
    """A dropdown of the rules that made edits, most used first."""
    return w.Dropdown(options=[s.rule for s in rule_stats(run.docs) if s.edits], description="rule")
