"""Glue on real web text: lost spaces put back, splits where none was lost, gender forms.

Reads ``../shared/data/realweb-dev/``: ``glued/ID.txt`` (the page text that lost the spaces
around inline elements), ``gold_glue.tsv`` (every lost space: page, left word, right word,
offset in ``glued``, offset in ``naive``), ``naive/ID.txt`` (the same text with no space
lost) and ``html/ID.html``.

* recall: share of gold junctions where the cleaner inserted a space (its edits are mapped
  back to ``raw`` through the record's edit spans, not found by string search);
  ``recall_main``: the same, over junctions in the main text, which is what
  ``trafilatura.extract`` (default settings) keeps of ``html/ID.html``: a junction counts as
  main text when its naive context (the words around it on its line) appears in that
  extraction after folding white space;
* precision: share of the cleaner's glue splits in ``glued/`` that fall on a gold junction;
* damage: glue splits in ``naive/`` (text that lost no space), per 10,000 words, and how
  many of them cut a gender ending off (``-in``, ``-innen``, ``*innen``, ``Innen`` …).

The pages are split by page into a tuning part and a held-out third (``held_out(page)``);
both are reported. Also counted: glue splits in correct text elsewhere in
``../shared/data/`` (``gsd-test.de.txt``, the German side of ``pud-de-en.tsv`` and of
``debian-reference.de-en.tsv``, the seed article), which must stay about zero.

    python benchmarks/realweb_glue.py [--data DIR] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.clean.cleaner import Cleaner  # noqa: E402
from pipeline.record import Document  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD = regex.compile(r"\p{L}+")
GENDER = regex.compile(r"(?:[*:_/]?(?:in|innen)|In|Innen)(?!\p{L})")
FOLD = regex.compile(r"\s+")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))

Cleaned = str | Document


def held_out(page: str) -> bool:
    """A third of the pages, chosen by a hash of the page id, are kept for checking."""
    return int(hashlib.sha1(page.encode("utf-8")).hexdigest(), 16) % 3 == 0


def split_points(raw: str, result: Cleaned) -> list[int]:
    """Positions in ``raw`` where the cleaner put a space between two letters.

    With a record, its glue edits (rule ids ``glue.*``) are read: each space an edit inserts
    is mapped to ``raw`` through the edit's span. With a plain string, the clean text is
    aligned with ``raw`` and every inserted space between letters counts.
    """
    if isinstance(result, Document):
        points = []
        for e in result.edits:
            if "glue." in e.rule:
                points.extend(e.start + at for at in _inserted_spaces(e.before, e.after))
        return sorted(points)
    return sorted(at for at in _inserted_spaces(raw, result)
                  if 0 < at < len(raw) and raw[at - 1].isalpha() and raw[at].isalpha())


def _inserted_spaces(before: str, after: str) -> Iterable[int]:
    """Where, in ``before``, ``after`` has a space that ``before`` lacks."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("insert", "replace") and " " in after[j1:j2] and " " not in before[i1:i2]:
            yield i1


def _fold(text: str) -> str:
    return FOLD.sub(" ", unicodedata.normalize("NFC", text).translate(INVISIBLE)).strip()


def main_text(data: Path, page: str) -> str | None:
    """What ``trafilatura.extract`` keeps of the page's HTML, folded; None without the file."""
    path = data / "realweb-dev" / "html" / f"{page}.html"
    if not path.exists():
        return None
    import trafilatura

    return _fold(trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or "")


def in_main(naive: str, at: int, main: str) -> bool:
    """Whether the junction whose lost space is ``naive[at]`` lies in ``main``: the words
    around it on its line (up to three each side) occur in the extraction."""
    line_start = naive.rfind("\n", 0, at) + 1
    line_end = naive.find("\n", at)
    line = naive[line_start : line_end if line_end >= 0 else len(naive)]
    at -= line_start
    left = line[:at].split()[-3:]
    right = line[at + 1 :].split()[:3]
    return _fold(" ".join(left + right)) in main


def read_gold(data: Path) -> dict[str, list[tuple[str, str, int, int]]]:
    gold: dict[str, list[tuple[str, str, int, int]]] = {}
    with (data / "realweb-dev" / "gold_glue.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold.setdefault(row["page"], []).append(
                (row["left"], row["right"], int(row["glued_offset"]), int(row["naive_offset"])))
    return gold


def glue_figures(data: Path, clean: Callable[[str], Cleaned], pages: Iterable[str] | None = None,
                 show: int = 0, main_cache: dict[str, str] | None = None) -> dict:
    """Glue figures of ``clean`` (text -> clean text, or -> record) on ``data/realweb-dev``.

    ``pages`` limits the pages (default: all); ``main_cache`` keeps trafilatura's extraction
    per page between calls. Returns recall, recall_main, precision, damage_per_10k,
    damage_gender and the counts behind them.
    """
    base = data / "realweb-dev"
    gold = read_gold(data)
    ids = sorted(p.stem for p in (base / "glued").glob("*.txt"))
    if pages is not None:
        wanted = set(pages)
        ids = [i for i in ids if i in wanted]
    main_cache = {} if main_cache is None else main_cache
    junctions = found = main_junctions = main_found = splits = right = 0
    naive_words = damage = damage_gender = 0
    shown = {"missed": 0, "wrong": 0, "damage": 0}
    for page in ids:
        glued = (base / "glued" / f"{page}.txt").read_text(encoding="utf-8")
        naive = (base / "naive" / f"{page}.txt").read_text(encoding="utf-8")
        if page not in main_cache:
            main_cache[page] = main_text(data, page) or ""
        main = main_cache[page]
        at_gold = {g[2]: g for g in gold.get(page, [])}
        points = set(split_points(glued, clean(glued)))
        junctions += len(at_gold)
        found += len(points & at_gold.keys())
        for offset, (left, right_word, _g, naive_at) in at_gold.items():
            main_junction = in_main(naive, naive_at, main)
            if main_junction:
                main_junctions += 1
                main_found += offset in points
            if offset not in points and shown["missed"] < show:
                shown["missed"] += 1
                # (a miss in the main text, which recall_main counts, is marked `main`)
                print(f"  missed  {page}: {left}|{right_word}{'  main' if main_junction else ''}")
        splits += len(points)
        right += len(points & at_gold.keys())
        for p in sorted(points - at_gold.keys()):
            if shown["wrong"] < show:
                shown["wrong"] += 1
                print(f"  wrong   {page}: {_context(glued, p)}")
        naive_points = split_points(naive, clean(naive))
        naive_words += len(WORD.findall(naive))
        damage += len(naive_points)
        for p in naive_points:
            damage_gender += bool(GENDER.match(naive, p))
            if shown["damage"] < show:
                shown["damage"] += 1
                print(f"  damage  {page}: {_context(naive, p)}")
    return {
        "pages": len(ids),
        "junctions": junctions,
        "found": found,
        "recall": found / junctions if junctions else 0.0,
        "main_junctions": main_junctions,
        "main_found": main_found,
        "recall_main": main_found / main_junctions if main_junctions else 0.0,
        "splits": splits,
        "splits_at_junction": right,
        "precision": right / splits if splits else 1.0,
        "naive_words": naive_words,
        "damage": damage,
        "damage_per_10k": 1e4 * damage / naive_words if naive_words else 0.0,
        "damage_gender": damage_gender,
    }


def _context(text: str, at: int) -> str:
    start = max(text.rfind(" ", 0, max(0, at - 1)), text.rfind("\n", 0, max(0, at - 1))) + 1
    end = min(x for x in (text.find(" ", at), text.find("\n", at), len(text)) if x >= 0)
    return f"{text[start:at]}|{text[at:end]}"


def other_texts(data: Path) -> dict[str, list[str]]:
    """Correct German from ``data`` as documents of a few paragraphs each."""
    sets: dict[str, list[str]] = {}
    gsd = data / "gsd-test.de.txt"
    if gsd.exists():
        sets["gsd-test.de.txt"] = _docs([ln.strip() for ln in gsd.read_text(encoding="utf-8").splitlines()])
    pud = data / "pud-de-en.tsv"
    if pud.exists():
        with pud.open(encoding="utf-8", newline="") as f:
            sets["pud-de-en.tsv (de)"] = _docs([r["de"].strip() for r in csv.DictReader(f, delimiter="\t")])
    debian = data / "debian-reference.de-en.tsv"
    if debian.exists():
        sets["debian-reference (de)"] = _docs([ln.split("\t", 1)[0].strip()
                                               for ln in debian.read_text(encoding="utf-8").splitlines()])
    seed = data / "000_10c273515bf542bd.txt"
    if seed.exists():
        sets["seed article"] = [seed.read_text(encoding="utf-8")]
    return sets


def _docs(paragraphs: list[str], size: int = 10) -> list[str]:
    paragraphs = [p for p in paragraphs if p]
    return ["\n\n".join(paragraphs[i : i + size]) for i in range(0, len(paragraphs), size)]


def damage_elsewhere(data: Path, clean: Callable[[str], Cleaned], show: int = 0) -> dict[str, dict]:
    """Glue splits per set of correct German (each set: words, splits, the splits shown)."""
    out = {}
    for name, docs in other_texts(data).items():
        words = splits = 0
        examples = []
        for d in docs:
            words += len(WORD.findall(d))
            points = split_points(d, clean(d))
            splits += len(points)
            examples += [_context(d, p) for p in points]
        out[name] = {"words": words, "splits": splits, "examples": examples[:show]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N misses (those in the main text marked), wrong splits and damage per half")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "realweb-dev" / "gold_glue.tsv").exists():
        print(f"no realweb-dev data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    cleaner = Cleaner()

    def clean(text: str) -> Document:
        return cleaner(Document("page", text))

    ids = sorted(p.stem for p in (args.data / "realweb-dev" / "glued").glob("*.txt"))
    cache: dict[str, str] = {}
    halves = {
        "tuning (2/3)": glue_figures(args.data, clean, [i for i in ids if not held_out(i)], args.show, cache),
        "held-out (1/3)": glue_figures(args.data, clean, [i for i in ids if held_out(i)], args.show, cache),
    }
    elsewhere = damage_elsewhere(args.data, clean, args.show)
    if args.json:
        print(json.dumps({"realweb": halves, "elsewhere": elsewhere}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'pages':<16}{'junctions':>10}{'recall':>8}{'main':>12}{'precision':>11}{'damage/10k':>12}{'gender':>8}")
    for name, f in halves.items():
        print(f"{name:<16}{f['junctions']:>10}{100 * f['recall']:>7.1f}%"
              f"{100 * f['recall_main']:>7.1f}% of {f['main_junctions']:<4}"
              f"{100 * f['precision']:>9.1f}%{f['damage_per_10k']:>12.2f}{f['damage_gender']:>8}")
    print("\nglue splits in correct German elsewhere:")
    for name, f in elsewhere.items():
        print(f"  {name:<24}{f['splits']:>4} splits in {f['words']} words")
        for e in f["examples"]:
            print(f"      {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
