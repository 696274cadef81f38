"""Fit the chrome judge's weights and thresholds from labelled pages, with cross-validation by page.

Labels come from the pages of ``../shared/data/realweb-dev/``: a line of ``naive/ID.txt`` is
main text if it is in what ``trafilatura.extract`` keeps of ``html/ID.html`` (comments left
out) and chrome if not; a line that holds an annotated snippet (``with`` or ``without`` in
``pages.json``) takes that label instead, with a larger weight, since trafilatura's own
choice is a noisy label (it keeps about 90% of chrome out and 94% of text in).

The pages are split into folds (``--folds``, by page, and each page is one site); the judge
is fitted on all folds but one and scored on the one left out, so the figures printed are
out-of-fold: they say what the judge does on sites it was not fitted on. The thresholds of
each fold are chosen on the other folds' out-of-fold scores. The model written to
``corrections/chrome_judge.yaml`` (``--write``) is fitted on all pages, with the thresholds
chosen on all out-of-fold scores: the lowest ``remove`` at which ``--keep-target`` of the
content snippets stay, and a ``flag`` at which ``--flag-keep`` of them would.

Each fit learns three things from its pages: the lexicon (terms' log-odds of chrome, counted
in pages, written to ``corrections/chrome_lexicon.tsv``), the first model (the line's own
features) and the second (the first model's score in its context). The second model learns
from first-model scores that a lexicon and a first model fitted on other pages gave (inner
folds), as on a new site. The fit is deterministic: the same pages give the same files.

    python benchmarks/fit_chrome_judge.py [--folds 3] [--write]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from realweb_pages import REALWEB, Page, SnippetScore, load_pages, normalise, read_html  # noqa: E402

from pipeline.clean.chrome_features import (  # noqa: E402
    FEATURES, LEXICON_FEATURES, WORD, lexicon_scores, lexicon_terms, line_features)
from pipeline.clean.chrome_judge import (  # noqa: E402
    CONTEXT_WEIGHTS, LEXICON_FILE, ChromeModel, load_chrome_model, second_rows)
from pipeline.rules import corrections_dir  # noqa: E402

INNER_FOLDS = 3  # folds within the training pages that give the second model its first-model scores
INNER_SALT = "/inner"  # the inner folds split pages otherwise than the outer ones
KEEP_TARGET = 99.8  # the thresholds keep this share of the content snippets (in the pages they are chosen on)
FLAG_KEEP = 98.0  # lines are flagged down to the threshold that would keep this share
LEXICON_MIN_PAGES = 4  # a word on fewer pages than this is not in the lexicon
LEXICON_MIN_SCORE = 0.3  # nor one whose log-odds are nearer 0 than this
LEXICON_CLIP = 4.0
LEXICON_COLUMNS = [FEATURES.index(name) for name in LEXICON_FEATURES]
ANNOTATION_WEIGHT = 50.0  # an annotated line counts this many times a line labelled by trafilatura alone
SHORT_MATCH = 25  # a line shorter than this must equal a line of trafilatura's output, not only occur in it


@dataclass
class LabelledPage:
    page: Page
    lines: list[str]
    labels: np.ndarray  # 1 chrome, 0 content
    weights: np.ndarray
    keep_lines: list[tuple[int, ...] | None]  # for each content snippet the lines it is on (None: not in the text)
    remove_lines: list[tuple[int, ...] | None]  # the same for each boilerplate snippet
    rows: np.ndarray | None = None  # the lines' features with an empty lexicon
    tokens: list[list[str]] | None = None  # the lines' lower-case words
    protected: np.ndarray | None = None  # lines the prose guard keeps whatever they score

    def score(self, gone: np.ndarray, score: SnippetScore) -> None:
        """Add to ``score`` what is kept and removed when the lines ``gone`` are removed: a
        snippet goes with any of its lines (as :meth:`SnippetScore.add` on the text left finds)."""
        score.kept += sum(idx is not None and not gone[list(idx)].any() for idx in self.keep_lines)
        score.keep_total += len(self.keep_lines)
        score.removed += sum(idx is None or bool(gone[list(idx)].any()) for idx in self.remove_lines)
        score.remove_total += len(self.remove_lines)


def snippet_lines(lines: list[str], snippets: tuple[str, ...]) -> list[tuple[int, ...] | None]:
    """The lines each (normalised) snippet is on, in the lines joined as the page's text is."""
    norms = [normalise(line) for line in lines]
    starts = np.cumsum([0] + [len(n) + 1 for n in norms])[:-1]
    ends = starts + np.array([len(n) for n in norms], dtype=int)
    joined = " ".join(norms)
    found = []
    for snippet in snippets:
        at = joined.find(snippet) if snippet else -1
        if at < 0:
            found.append(None)
            continue
        found.append(tuple(int(i) for i in np.nonzero((starts < at + len(snippet)) & (ends > at))[0]))
    return found


def _finder(output: str):
    """Whether a normalised line is in ``output``: equal to one of its lines, or inside it if long."""
    lines = {normalise(ln) for ln in output.splitlines() if ln.strip()}
    text = normalise(output)
    return lambda norm: norm in lines or (len(norm) >= SHORT_MATCH and norm in text)


def label_page(page: Page, extracted: str, recalled: str) -> LabelledPage:
    """Content if trafilatura keeps the line, chrome if it drops it even when favouring recall;
    a line that only the recall setting keeps is left out (weight 0); annotations overrule."""
    lines = [ln for ln in page.naive().splitlines() if ln.strip()]
    in_extracted, in_recalled = _finder(extracted), _finder(recalled)
    labels, weights = [], []
    for line in lines:
        norm = normalise(line)
        if any(s and s in norm for s in page.keep):
            labels.append(0), weights.append(ANNOTATION_WEIGHT)
        elif any(s and s in norm for s in page.remove):
            labels.append(1), weights.append(ANNOTATION_WEIGHT)
        else:
            if in_extracted(norm):
                labels.append(0), weights.append(1.0)
            else:
                labels.append(1), weights.append(0.0 if in_recalled(norm) else 1.0)
    return LabelledPage(page, lines, np.array(labels, dtype=float), np.array(weights),
                        snippet_lines(lines, page.keep), snippet_lines(lines, page.remove))


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, rounds: int = 30) -> np.ndarray:
    """Weighted logistic regression by Newton's method, with an L2 penalty (none on the bias, column 0)."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -40, 40)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-7:
            break
    return beta


def build_lexicon(pages: list[LabelledPage]) -> dict[str, float]:
    """Terms' log-odds (words, pairs of words, first words: ``lexicon_terms``) of standing in chrome
    rather than in main text, counted in pages (a term counts once a page for each label), so
    that one site's names weigh no more than one page; terms found on fewer than
    ``LEXICON_MIN_PAGES`` pages, numbers and single letters are left out."""
    chrome: Counter[str] = Counter()
    content: Counter[str] = Counter()
    for p in pages:
        chrome.update({w for ws, y, wt in zip(p.tokens, p.labels, p.weights) if y == 1 and wt > 0 for w in ws})
        content.update({w for ws, y, wt in zip(p.tokens, p.labels, p.weights) if y == 0 and wt > 0 for w in ws})
    base = math.log((sum(chrome.values()) + 1) / (sum(content.values()) + 1))
    lexicon = {}
    for word in sorted(set(chrome) | set(content)):
        bare = word.lstrip("^").replace(" ", "")
        if chrome[word] + content[word] < LEXICON_MIN_PAGES or len(bare) < 2 or bare.isdigit():
            continue
        score = math.log((chrome[word] + 1) / (content[word] + 1)) - base
        if abs(score) >= LEXICON_MIN_SCORE:
            lexicon[word] = round(max(-LEXICON_CLIP, min(LEXICON_CLIP, score)), 2)
    return lexicon


def rows_with(page: LabelledPage, lexicon: dict[str, float]) -> np.ndarray:
    """The page's features with the lexicon's columns filled from ``lexicon``."""
    rows = page.rows.copy()
    if page.lines:
        rows[:, LEXICON_COLUMNS] = [lexicon_scores(words, lexicon) for words in page.tokens]
    return rows


def fit_lines(pages: list[LabelledPage], lexicon: dict[str, float]) -> np.ndarray:
    """The first model's weights, fitted on ``pages``."""
    return fit_logistic(np.vstack([rows_with(p, lexicon) for p in pages]), np.concatenate([p.labels for p in pages]),
                        np.concatenate([p.weights for p in pages]))


def fit(pages: list[LabelledPage], inner_folds: int = INNER_FOLDS) -> tuple[dict[str, float], np.ndarray, np.ndarray]:
    """The lexicon and both models' weights. The second model learns from first-model scores of
    pages that neither the first model nor the lexicon was fitted on (folds within ``pages``),
    as it will meet them on a new site; fitted on scores of pages they have seen, it would trust
    them too much."""
    lexicon = build_lexicon(pages)
    line_weights = fit_lines(pages, lexicon)
    rows: dict[str, np.ndarray] = {}
    scores: dict[str, np.ndarray] = {}
    for k in range(inner_folds):
        inner = [p for p in pages if fold_of(p.page.id + INNER_SALT, inner_folds) != k]
        inner_lexicon = build_lexicon(inner)
        weights = fit_lines(inner, inner_lexicon)
        for p in pages:
            if fold_of(p.page.id + INNER_SALT, inner_folds) == k:
                rows[p.page.id] = rows_with(p, inner_lexicon)
                scores[p.page.id] = rows[p.page.id] @ weights
    z = np.vstack([second_rows(scores[p.page.id], rows[p.page.id]) for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([p.weights for p in pages])
    return lexicon, line_weights, fit_logistic(z, y, w)


def model_with(lists: ChromeModel, lexicon, line_weights, context_weights) -> ChromeModel:
    return dataclasses.replace(lists, lexicon=lexicon, line_weights=line_weights, context_weights=context_weights)


def score_at(model: ChromeModel, pages: list[LabelledPage], probs: list[np.ndarray]) -> SnippetScore:
    """The snippet figures when the lines the model's thresholds remove are gone (one round)."""
    score = SnippetScore()
    for page, p in zip(pages, probs):
        if page.protected is None:
            page.protected = np.array([model.guard.protects(ln, model.function_words) for ln in page.lines], bool)
        page.score(model.removals(p, np.zeros(len(p), bool), page.protected), score)
    return score


THRESHOLD_LOGITS = np.round(np.arange(9.0, -0.05, -0.1), 1)  # thresholds tried, as log-odds: fine where P is near 1


def threshold(logit: float) -> float:
    return round(float(1 / (1 + np.exp(-logit))), 5)


def choose_thresholds(model: ChromeModel, pages, probs, keep_target: float) -> ChromeModel:
    """The lowest ``remove``, then the lowest ``block``, at which ``keep_target`` % of the content
    snippets stay, lines the prose guard keeps staying; then the lowest ``guarded`` (not below
    ``remove``) at which they still do when such lines scoring that much go."""
    top = threshold(THRESHOLD_LOGITS[0])
    model = dataclasses.replace(model, remove=top, block=top, guarded=None)
    for field in ("remove", "block", "guarded"):
        if field == "guarded":
            model = dataclasses.replace(model, guarded=top)
            if score_at(model, pages, probs).keep < keep_target:
                return dataclasses.replace(model, guarded=None)
        for logit in THRESHOLD_LOGITS[1:]:
            t = threshold(logit)
            if t > getattr(model, field) or (field == "guarded" and t < model.remove):
                continue
            trial = dataclasses.replace(model, **{field: t})
            if field == "remove":
                trial = dataclasses.replace(trial, block=t)
            if score_at(trial, pages, probs).keep < keep_target:
                break
            model = trial
    return model


def print_curve(lists: ChromeModel, pages, probs) -> None:
    """Out-of-fold content kept and boilerplate removed as one threshold (remove = block) falls."""
    print("out-of-fold trade-off, one threshold for lines and runs:")
    for logit in (9.0, 7.0, 6.0, 5.0, 4.5, 4.0, 3.5, 3.0, 2.5, 2.0, 1.5, 1.0):
        t = threshold(logit)
        print(f"  at {t:.5f}: {score_at(dataclasses.replace(lists, remove=t, block=t), pages, probs)}")


def fold_of(page_id: str, folds: int) -> int:
    return int(hashlib.sha256(page_id.encode("utf-8")).hexdigest(), 16) % folds


def write_model(path: Path, lists: ChromeModel, note: str) -> None:
    def words(name, values):
        return f"{name}: [{', '.join(sorted(values))}]\n"

    def weights(name, names, values):
        return f"{name}:\n" + "".join(f"  {n}: {v:.4f}\n" for n, v in zip(names, values))

    text = (HEADER + words("function_words", lists.function_words) + words("chrome_words", lists.chrome_words)
            + "chrome_phrases:\n" + "".join(f"  - {p}\n" for p in lists.chrome_phrases)
            + weights("line_weights", FEATURES, lists.line_weights)
            + weights("context_weights", CONTEXT_WEIGHTS, lists.context_weights)
            + f"thresholds:\n  remove: {lists.remove}\n  block: {lists.block}\n  block_lines: {lists.block_lines}\n"
            + f"  flag: {lists.flag}\n  min_lines: {lists.min_lines}\n"
            + (f"  guarded: {lists.guarded}\n" if lists.guarded is not None else "")
            + f"prose_guard:\n  min_words: {lists.guard.min_words}\n"
            + f"  min_function_share: {lists.guard.min_function_share}\n"
            + f"fitted: {note!r}\n")
    path.write_text(text, encoding="utf-8")
    path.with_name(LEXICON_FILE).write_text(LEXICON_HEADER + "".join(
        f"{term}\t{score}\n" for term, score in sorted(lists.lexicon.items())), encoding="utf-8")


HEADER = """\
# The chrome judge (pipeline/clean/chrome_judge.py): weights and thresholds that score each line
# of a text as site chrome (menus, share bars, cookie and login lines, teasers, footers) from
# what the text alone shows. Written by `python benchmarks/fit_chrome_judge.py --write`, which
# fits the weights and thresholds on labelled pages and keeps the word lists, the prose guard,
# block_lines and min_lines as they are here; edit those by hand, then fit again.
#
#   function_words:    German function words; prose has many of them, chrome few
#   chrome_words:      words typical of site chrome, in lower case (no site's own names)
#   chrome_phrases:    phrases typical of site chrome (share bars, teasers, comment forms, logins)
#   line_weights:      the first model, one weight per feature (pipeline/clean/chrome_features.py)
#   context_weights:   the second model: the first model's score set against the scores around
#                      it (neighbours, body text before and after, nearest sure prose, the body
#                      span; pipeline/clean/chrome_features.py CONTEXT_FEATURES), and the line's
#                      own features again (own_*)
#   thresholds:        remove: a line scoring at least this is removed (rule chrome.judged, kept
#                      as an edit); block: every line of a run of at least block_lines lines
#                      scoring this or more is removed too; flag: a line scoring at least this
#                      that is not removed is flagged for review (chrome.unsure); guarded: a
#                      line the prose guard keeps is removed only at this score or above;
#                      min_lines (set by hand): a text with fewer lines is not judged
#   prose_guard:       a line that ends a sentence with at least min_words words, of which at
#                      least min_function_share are function words, is removed only at guarded
#
# The judge also reads chrome_lexicon.tsv beside this file, written by the same fit.
"""

LEXICON_HEADER = """\
# The chrome judge's lexicon (pipeline/clean/chrome_judge.py, beside chrome_judge.yaml): words,
# pairs of words and first words of a line (^word), a tab, their log-odds of standing in site
# chrome rather than in main text, counted in the labelled pages (a term counts once a page
# for each label, and is here only if it is on at least 4 pages). Written by
# `python benchmarks/fit_chrome_judge.py --write`; do not edit by hand, fit again.
"""


def labelled_pages(data: Path, lists: ChromeModel) -> list[LabelledPage]:
    """The dev pages with their lines labelled (trafilatura and the annotations) and their features."""
    import trafilatura

    pages = []
    for page in load_pages(data):
        html = read_html(page.html_path(data))
        extracted = trafilatura.extract(html, include_comments=False) or ""
        recalled = trafilatura.extract(html, include_comments=False, favor_recall=True) or ""
        labelled = label_page(page, extracted, recalled)
        labelled.rows = line_features(labelled.lines, lists.function_words, lists.chrome_words, lists.phrases)[1]
        labelled.tokens = [lexicon_terms([w.lower() for w in WORD.findall(line.strip())]) for line in labelled.lines]
        pages.append(labelled)
    return pages


def out_of_fold(pages: list[LabelledPage], lists: ChromeModel, folds: int, keep_target: float):
    """The pages by fold; for each fold a judge fitted on the other folds, with the thresholds
    chosen on the other folds' out-of-fold scores; and each page's scores from its fold's judge."""
    by_fold = [[p for p in pages if fold_of(p.page.id, folds) == k] for k in range(folds)]
    models, oof = [], {}
    for k, held in enumerate(by_fold):
        model = model_with(lists, *fit([p for j, f in enumerate(by_fold) if j != k for p in f]))
        models.append(model)
        for p in held:
            oof[p.page.id] = model.probabilities(p.lines)
    chosen = []
    for k, model in enumerate(models):
        others = [p for j, f in enumerate(by_fold) if j != k for p in f]
        chosen.append(with_thresholds(model, others, [oof[p.page.id] for p in others], keep_target, FLAG_KEEP))
    return by_fold, chosen, oof


def with_thresholds(model: ChromeModel, pages, probs, keep_target: float, flag_keep: float) -> ChromeModel:
    """``model`` with the thresholds chosen on ``probs`` (scores of ``pages`` the model was not fitted on)."""
    t = choose_thresholds(model, pages, probs, keep_target)
    flag = min(choose_thresholds(model, pages, probs, flag_keep).remove, t.block, t.remove - 1e-5)
    return dataclasses.replace(model, remove=t.remove, block=t.block, guarded=t.guarded, flag=round(flag, 5))


def fold_judges(data: Path = REALWEB, folds: int = 3, keep_target: float | None = None) -> dict[str, ChromeModel]:
    """For each dev page, the judge of its fold: fitted without the page's fold (for benchmarks
    that run the whole cleaner out of fold)."""
    lists = load_chrome_model(corrections_dir() / "chrome_judge.yaml")
    by_fold, models, _ = out_of_fold(labelled_pages(data, lists), lists, folds, keep_target or KEEP_TARGET)
    return {p.page.id: model for held, model in zip(by_fold, models) for p in held}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REALWEB)
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--keep-target", type=float, default=KEEP_TARGET)
    parser.add_argument("--flag-keep", type=float, default=FLAG_KEEP)
    parser.add_argument("--rules", type=Path, default=corrections_dir() / "chrome_judge.yaml")
    parser.add_argument("--write", action="store_true", help="write the fitted model to --rules")
    args = parser.parse_args(argv)
    if not (args.data / "pages.json").exists():
        print(f"no realweb-dev data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    started = time.perf_counter()
    lists = load_chrome_model(args.rules)
    pages = labelled_pages(args.data, lists)
    n_lines = sum(len(p.lines) for p in pages)
    chrome_share = sum(p.labels.sum() for p in pages) / n_lines
    print(f"{len(pages)} pages, {n_lines} lines, {100 * chrome_share:.1f}% labelled chrome "
          f"({time.perf_counter() - started:.0f} s to label)")

    folds, models, oof = out_of_fold(pages, lists, args.folds, args.keep_target)
    probs = [oof[p.page.id] for p in pages]
    raw = SnippetScore()
    for p in pages:
        raw.add(p.page, "\n".join(p.lines))
    print(f"\nnaive text, nothing removed:          {raw}")
    total = SnippetScore()
    for k, (held, chosen) in enumerate(zip(folds, models)):
        score = score_at(chosen, held, [oof[p.page.id] for p in held])
        t = f"{chosen.remove:.4f}, runs of {chosen.block_lines} at {chosen.block:.4f}, guarded at {chosen.guarded}"
        for field in ("kept", "keep_total", "removed", "remove_total"):
            setattr(total, field, getattr(total, field) + getattr(score, field))
        print(f"fold {k} ({len(held):3d} pages, remove at {t}): {score}")
    print(f"out-of-fold, judge alone:             {total}")
    print_curve(lists, pages, probs)

    final = with_thresholds(model_with(lists, *fit(pages)), pages, probs, args.keep_target, args.flag_keep)
    line_weights = final.line_weights
    in_sample = score_at(final, pages, [final.probabilities(p.lines) for p in pages])
    print(f"all pages, thresholds from out-of-fold scores: remove {final.remove}, runs of {final.block_lines} at "
          f"{final.block}, guarded lines at {final.guarded}, flag {final.flag}")
    print(f"in-sample, judge alone:               {in_sample}")
    for name, weight in sorted(zip(FEATURES, line_weights), key=lambda t: -abs(t[1]))[:10]:
        print(f"  {name:<24} {weight:+.2f}")
    if args.write:
        note = (f"{len(pages)} pages of realweb-dev, {args.folds}-fold out-of-fold {total.keep:.1f}% kept, "
                f"{total.removal:.1f}% removed (judge alone)")
        write_model(args.rules, final, note)
        load_chrome_model(args.rules)
        print(f"wrote {args.rules}")
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
