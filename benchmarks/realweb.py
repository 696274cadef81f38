"""The cleaner on real scraped pages: ``../shared/data/realweb-dev/``, beside trafilatura.

* plain text (``naive/``): content snippets kept and boilerplate snippets removed, for the
  raw text and for our cleaner;
* HTML (``html/``): the same for ``trafilatura.extract`` with default settings and for our
  ``run`` path (reading, which extracts with trafilatura, then cleaning); pages that fail;
* glued text (``glued/``): the glue figures of ``realweb_glue.py`` (recall, precision, damage
  per 10,000 words and at gender forms), when that module is there;
* with ``--prose``: what the chrome judge removes and flags in clean prose of ``../shared/data/``
  (no chrome in it: every removal there is damage), as corpora hold it and hard-wrapped;
* the chrome judge's out-of-fold figures (``fit_chrome_judge.py``), with ``--judge``: the judge
  alone, and the whole cleaner on the plain text with each page judged by a judge fitted
  without the page's fold.

Snippets are compared as the set's README says (NFC, soft hyphens and zero-width characters
dropped, white space folded). Speed is the seconds each variant took over all pages, side by
side in this one run.

    python benchmarks/realweb.py [--data DIR] [--judge] [--prose] [--show N]
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
    parser.add_argument("--prose", action="store_true", help="only judge clean prose of ../shared/data and print "
                                                                 "what the judge removes there")
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N content snippets the cleaner lost and N boilerplate snippets it left")
    args = parser.parse_args(argv)
    if args.prose:
        return prose_damage(args.data.parent)
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


def prose_texts(shared: Path) -> dict[str, str]:
    """Clean prose of the shared data, as corpora hold it (one sentence a line, paragraphs) and
    hard-wrapped (lines broken at 60 and 40 characters)."""
    import csv
    import textwrap

    def lines(name):
        return [ln for ln in (shared / name).read_text(encoding="utf-8").splitlines() if ln.strip()]

    def wrapped(paragraphs, width):
        return "\n\n".join(textwrap.fill(p, width) for p in paragraphs) + "\n"

    gsd = lines("gsd-test.de.txt")
    with open(shared / "pud-de-en.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    documents: dict[str, list[str]] = {}
    for row in rows:
        documents.setdefault(row["doc_id"], []).append(row["de"])
    pud = [" ".join(sentences) for sentences in documents.values()]
    gsd_paragraphs = [" ".join(gsd[i : i + 4]) for i in range(0, len(gsd), 4)]
    debian = [ln.split("\t")[0] for ln in lines("debian-reference.de-en.tsv")]
    return {
        "gsd-test, one sentence a line": "\n".join(gsd) + "\n",
        "gsd-test, 4 sentences a paragraph": "\n\n".join(gsd_paragraphs) + "\n",
        "gsd-test, paragraphs wrapped at 60": wrapped(gsd_paragraphs, 60),
        "PUD German, one sentence a line": "\n".join(row["de"] for row in rows) + "\n",
        "PUD German, documents as paragraphs": "\n\n".join(pud) + "\n",
        "PUD German, documents wrapped at 40": wrapped(pud, 40),
        "debian-reference German, one a line": "\n".join(debian[:2000]) + "\n",
        "textberg dev.de": (shared / "textberg-dev" / "dev.de").read_text(encoding="utf-8"),
        "seed article": (shared / "000_10c273515bf542bd.txt").read_text(encoding="utf-8"),
        "examples/stadtrat-radwege.txt": (ROOT / "examples" / "stadtrat-radwege.txt").read_text(encoding="utf-8"),
    }


def prose_damage(shared: Path) -> int:
    """Print, for each clean prose text, how many lines the chrome judge removed and flagged."""
    if not (shared / "gsd-test.de.txt").exists():
        print(f"no evaluation data in {shared}", file=sys.stderr)
        return 2
    from pipeline.clean.chrome_judge import FLAG_RULE, REMOVE_RULE

    cleaner = Cleaner()
    print(f"{'clean prose (no chrome in it)':<40}{'lines':>7}{'judged removals':>17}{'flags':>7}")
    for name, text in prose_texts(shared).items():
        doc = cleaner(Document("prose", text))
        removed = [e for e in doc.edits if REMOVE_RULE in e.rule.split("+")]
        flags = [f for f in doc.flags if f.rule == FLAG_RULE]
        print(f"{name:<40}{sum(1 for ln in text.splitlines() if ln.strip()):>7}{len(removed):>17}{len(flags):>7}")
        for edit in removed:
            print(f"    removed: {edit.before.strip()[:100]!r}")
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
