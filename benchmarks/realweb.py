"""The cleaner on real scraped pages: ``../shared/data/realweb-dev/``, beside trafilatura.

* plain text (``naive/``): content snippets kept and boilerplate snippets removed, for the
  raw text and for our cleaner;
* HTML (``html/``): the same for ``trafilatura.extract`` with default settings and for our
  ``run`` path (reading, which extracts with trafilatura, then cleaning); pages that fail;
* glued text (``glued/``): the glue figures of ``realweb_glue.py`` (recall, precision, damage
  per 10,000 words and at gender forms), when that module is there;
* the chrome judge's out-of-fold figures (``fit_chrome_judge.py``), with ``--judge``: the judge
  alone, and the whole cleaner on the plain text with each page judged by a judge fitted
  without the page's fold.

Snippets are compared as the set's README says (NFC, soft hyphens and zero-width characters
dropped, white space folded). Speed is the seconds each variant took over all pages, side by
side in this one run.

    python benchmarks/realweb.py [--data DIR] [--judge] [--show N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from realweb_pages import REALWEB, SnippetScore, load_pages, normalise, read_html  # noqa: E402

from pipeline.clean.chrome_judge import ChromeJudgePass  # noqa: E402
from pipeline.clean.cleaner import Cleaner, default_passes  # noqa: E402
from pipeline.read.html import NoMainText, extract_html  # noqa: E402
from pipeline.record import Document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REALWEB)
    parser.add_argument("--judge", action="store_true", help="also fit the chrome judge by folds and print its figures")
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N content snippets the cleaner lost and N boilerplate snippets it left")
    args = parser.parse_args(argv)
    if not (args.data / "pages.json").exists():
        print(f"no realweb-dev data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    import trafilatura

    pages = load_pages(args.data)
    cleaner = Cleaner()
    scores = {name: SnippetScore() for name in ("raw", "cleaner", "trafilatura", "run")}
    seconds = dict.fromkeys(scores, 0.0)
    failed: dict[str, list[str]] = {"trafilatura": [], "run": []}
    size = {"naive": 0, "html": 0}
    lost, stayed = [], []  # content snippets the cleaner lost, boilerplate snippets it left
    for page in pages:
        naive = page.naive(args.data)
        size["naive"] += len(naive.encode("utf-8"))
        scores["raw"].add(page, naive)
        start = time.perf_counter()
        clean = cleaner(Document(page.id, naive)).clean
        seconds["cleaner"] += time.perf_counter() - start
        scores["cleaner"].add(page, clean)
        norm = normalise(clean)
        lost += [(page.id, s) for s in page.keep if s not in norm]
        stayed += [(page.id, s) for s in page.remove if s in norm]

        html = read_html(page.html_path(args.data))
        size["html"] += len(html.encode("utf-8"))
        start = time.perf_counter()
        extracted = trafilatura.extract(html) or ""
        seconds["trafilatura"] += time.perf_counter() - start
        if not extracted.strip():
            failed["trafilatura"].append(page.id)
        scores["trafilatura"].add(page, extracted)
        start = time.perf_counter()
        try:
            text, meta = extract_html(html)
            done = cleaner(Document(page.id, text, meta=meta)).clean
        except NoMainText:
            done = ""
            failed["run"].append(page.id)
        seconds["run"] += time.perf_counter() - start
        scores["run"].add(page, done)

    print(f"{len(pages)} pages of {args.data}: {size['naive'] / 1e6:.1f} MB plain text, "
          f"{size['html'] / 1e6:.1f} MB HTML")
    print(f"\n{'input / variant':<34}{'content kept':>22}{'boilerplate removed':>24}{'failed':>8}{'MB/s':>7}")
    rows = [("plain text: raw", "raw", "naive"), ("plain text: cleaner", "cleaner", "naive"),
            ("HTML: trafilatura.extract", "trafilatura", "html"), ("HTML: run (read + clean)", "run", "html")]
    for label, name, kind in rows:
        s = scores[name]
        speed = f"{size[kind] / 1e6 / seconds[name]:7.2f}" if seconds[name] else f"{'-':>7}"
        print(f"{label:<34}{f'{s.keep:.1f}% ({s.kept}/{s.keep_total})':>22}"
              f"{f'{s.removal:.1f}% ({s.removed}/{s.remove_total})':>24}{len(failed.get(name, [])):>8}{speed}")
    for name, ids in failed.items():
        if ids:
            print(f"{name} failed on: {', '.join(ids)}")
    for page_id, snippet in lost[: args.show]:
        print(f"  content lost in {page_id}: {snippet[:100]!r}")
    for page_id, snippet in stayed[: args.show]:
        print(f"  boilerplate left in {page_id}: {snippet[:100]!r}")

    try:
        from realweb_glue import glue_figures
    except ImportError:
        print("\nglued text: realweb_glue.py is not there; no glue figures")
    else:
        # the glue figures map the record's edits back to the page, so they get the record
        figures = glue_figures(args.data.parent, lambda text: cleaner(Document("glued", text)))
        print("\nglued text: " + ", ".join(f"{key} {value:.3g}" if isinstance(value, float) else f"{key} {value}"
                                           for key, value in figures.items()))

    if args.judge:
        import fit_chrome_judge

        print("\nthe chrome judge alone, fitted by folds of pages (fit_chrome_judge.py):")
        fit_chrome_judge.main(["--data", str(args.data)])
        judges = fit_chrome_judge.fold_judges(args.data)
        print(f"\nplain text, the whole cleaner out of fold: {out_of_fold(pages, judges, args.data)}")
    return 0


def out_of_fold(pages, judges, data: Path) -> SnippetScore:
    """The cleaner's figures on the plain text when each page is judged by a judge fitted
    without it (``judges``: page id to the judge of its fold)."""
    cleaners: dict[int, Cleaner] = {}
    score = SnippetScore()
    for page in pages:
        model = judges[page.id]
        if id(model) not in cleaners:
            cleaners[id(model)] = Cleaner([ChromeJudgePass(model, p.leave) if isinstance(p, ChromeJudgePass) else p
                                           for p in default_passes()])
        score.add(page, cleaners[id(model)](Document(page.id, page.naive(data))).clean)
    return score


if __name__ == "__main__":
    sys.exit(main())
