"""Alignment quality: strict / lax F1 of the aligner beside a Gale–Church baseline.

Sets (read at run time from ../shared/data, never copied into the project; every
perturbation is seeded, so every run builds the same sets):
* textberg-dev de-fr: a German–French document with gold beads and a supplied machine translation;
* pud de-en, one document: the 1,000 PUD sentences as one document, with neighbouring sentences
  joined on either side and some dropped on either side; the translation condition uses the
  English itself, as below;
* pud de-en, 40-sentence docs: the same sentences in documents of 40, with joins, drops and
  swapped neighbours (a swap is one 2–2 gold bead); the translation condition uses the English
  itself as a perfect translation, an upper bound;
* debian-reference de-en: paragraph pairs segmented into sentences, so a paragraph's sentences
  give 1–1, 1–n and n–1 beads, in documents of 40 paragraphs with some paragraphs dropped on one
  side. No translation exists for it; its translation column is empty.

Columns: strict / lax F1 pooled over a set's documents: Gale–Church (length only), the aligner
without a translation, with one, and with one (or without, where none exists) through the
coarse pass and band that long documents take.

    python benchmarks/align_quality.py [--data DIR] [--set NAME ...]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.align.aligner import Aligner, AlignSettings  # noqa: E402
from pipeline.align.beads import Bead, read_beads  # noqa: E402
from pipeline.align.evaluate import score_beads  # noqa: E402
from pipeline.align.gale_church import gale_church  # noqa: E402


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")


def textberg(data: Path):
    base = data / "textberg-dev"
    src, tgt, mt = (read_lines(base / name) for name in ("dev.de", "dev.fr", "dev.mt.fr"))
    gold = read_beads(read_lines(base / "dev.defr"))
    return src, tgt, mt, gold


def pud_set(data: Path):
    """The 1,000 PUD sentences as one document with joins and drops on either side (no swaps)."""
    return pud_documents(data, seed=7, size=10**6, join=0.15, drop=0.05, swap=0.0)


def pud_documents(data: Path, seed: int = 11, size: int = 40, join: float = 0.12, drop: float = 0.06,
                  swap: float = 0.04):
    """PUD in documents of about ``size`` sentences (neighbouring PUD documents together), each with
    joins on either side, drops on either side and neighbouring English sentences swapped (a
    swap's gold is one 2–2 bead). Each document also gets the English itself, arranged as the
    German is, as a perfect translation (an upper bound for the translation condition)."""
    with (data / "pud-de-en.tsv").open(encoding="utf-8") as handle:
        rows = [(r["de"], r["en"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    rng = random.Random(seed)
    docs = []
    for start in range(0, len(rows), size):
        part = rows[start : start + size]
        src, tgt, mt, gold = [], [], [], []
        k = 0
        while k < len(part):
            roll = rng.random()
            two = k + 1 < len(part)
            if roll < drop / 2:  # German dropped
                gold.append(Bead((), (len(tgt),)))
                tgt.append(part[k][1])
                k += 1
            elif roll < drop:  # English dropped
                gold.append(Bead((len(src),), ()))
                src.append(part[k][0])
                mt.append(part[k][1])
                k += 1
            elif roll < drop + join / 2 and two:  # two German sentences joined
                gold.append(Bead((len(src),), (len(tgt), len(tgt) + 1)))
                src.append(part[k][0] + " " + part[k + 1][0])
                mt.append(part[k][1] + " " + part[k + 1][1])
                tgt.extend([part[k][1], part[k + 1][1]])
                k += 2
            elif roll < drop + join and two:  # two English sentences joined
                gold.append(Bead((len(src), len(src) + 1), (len(tgt),)))
                src.extend([part[k][0], part[k + 1][0]])
                mt.extend([part[k][1], part[k + 1][1]])
                tgt.append(part[k][1] + " " + part[k + 1][1])
                k += 2
            elif roll < drop + join + swap and two:  # two English sentences in the other order
                gold.append(Bead((len(src), len(src) + 1), (len(tgt), len(tgt) + 1)))
                src.extend([part[k][0], part[k + 1][0]])
                mt.extend([part[k][1], part[k + 1][1]])
                tgt.extend([part[k + 1][1], part[k][1]])
                k += 2
            else:
                gold.append(Bead((len(src),), (len(tgt),)))
                src.append(part[k][0])
                mt.append(part[k][1])
                tgt.append(part[k][1])
                k += 1
        docs.append((src, tgt, mt, gold))
    return docs


def debian_documents(data: Path, seed: int = 5, size: int = 40, drop: float = 0.05):
    """debian-reference paragraph pairs, each segmented into sentences (German and English
    splitters), in documents of ``size`` paragraph pairs. A pair with one sentence on a side
    gives one 1–n bead (n–1, 1–1); a pair with the same number of sentences on both sides gives
    1–1 beads; other pairs (2–3, 3–2 ...) say nothing exact about their sentences and are left
    out. Some paragraphs lose one side (1–0 / 0–1 beads). No translation ships with it."""
    from pipeline.segment.splitter import SentenceSplitter

    de_split, en_split = SentenceSplitter("de"), SentenceSplitter("en")

    def split(splitter, text):
        return [" ".join(text[s.start : s.end].split()) for s in splitter.split(text)]

    rows = []
    for line in (data / "debian-reference.de-en.tsv").read_text(encoding="utf-8").splitlines():
        de, sep, en = line.partition("\t")
        if sep:
            a, b = split(de_split, de), split(en_split, en)
            if a and b and (len(a) == len(b) or min(len(a), len(b)) == 1):
                rows.append((a, b))
    rng = random.Random(seed)
    docs = []
    for start in range(0, len(rows), size):
        src, tgt, gold = [], [], []
        for a, b in rows[start : start + size]:
            roll = rng.random()
            if roll < drop / 2:
                a = []
            elif roll < drop:
                b = []
            if not a or not b:
                gold += [Bead((len(src) + i,), ()) for i in range(len(a))] + [Bead((), (len(tgt) + j,)) for j in range(len(b))]
            elif len(a) == len(b):
                gold += [Bead((len(src) + i,), (len(tgt) + i,)) for i in range(len(a))]
            else:
                gold.append(Bead(tuple(range(len(src), len(src) + len(a))), tuple(range(len(tgt), len(tgt) + len(b)))))
            src += a
            tgt += b
        docs.append((src, tgt, None, gold))
    return docs


def pooled(docs, beads_of) -> dict:
    """Strict / lax scores over several documents together (their beads side by side)."""
    gold_all, test_all = [], []
    off_s = off_t = 0
    for doc in docs:
        src, tgt, gold = doc[0], doc[1], doc[-1]
        shift = lambda b: Bead(tuple(i + off_s for i in b.src), tuple(j + off_t for j in b.tgt))  # noqa: E731
        gold_all += [shift(b) for b in gold]
        test_all += [shift(b) for b in beads_of(doc)]
        off_s, off_t = off_s + len(src), off_t + len(tgt)
    return score_beads(gold_all, test_all)


def dev_sets(data: Path) -> list[tuple[str, str, list]]:
    """(name, what the translation condition uses, documents of (src, tgt, translation or None, gold))."""
    src, tgt, mt, gold = textberg(data)
    return [
        ("textberg-dev de-fr", "supplied MT", [(src, tgt, mt, gold)]),
        ("pud de-en, one document", "English (upper bound)", pud_set(data)),
        ("pud de-en, 40-sentence docs", "English (upper bound)", pud_documents(data)),
        ("debian-reference de-en", "-", debian_documents(data)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set", action="append", help="only the sets whose name contains this (repeatable)")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="an AlignSettings field for the aligner columns, e.g. skip=-0.3 (repeatable)")
    parser.add_argument("--quick", action="store_true", help="the aligner columns only (no Gale-Church, no coarse+band)")
    args = parser.parse_args()
    if not (args.data / "textberg-dev").exists():
        print(f"no evaluation data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    settings = AlignSettings()
    for item in args.setting:
        key, _, value = item.partition("=")
        kind = {f.name: f.type for f in fields(AlignSettings)}.get(key)
        if kind is None:
            parser.error(f"--setting {item}: AlignSettings has no field {key!r}")
        default = getattr(settings, key)
        parsed = tuple(int(v) for v in value.split(",")) if isinstance(default, tuple) else type(default)(value)
        settings = replace(settings, **{key: parsed})
    if args.setting:
        print("settings:", ", ".join(args.setting))
    aligner = Aligner(settings)
    coarse = Aligner(replace(settings, full_cells=0, chunk=8))
    print(f"{'set':<30} {'docs':>4} {'gold':>5}  {'Gale-Church':>12}  {'no translation':>14}  {'translation':>12}  "
          f"{'coarse+band':>12}  translation used")
    for name, kind, docs in dev_sets(args.data):
        if args.set and not any(s in name for s in args.set):
            continue
        has_mt = docs[0][2] is not None
        cells = [None if args.quick else pooled(docs, lambda d: gale_church(d[0], d[1])),
                 pooled(docs, lambda d: aligner.align(d[0], d[1]))]
        cells.append(pooled(docs, lambda d: aligner.align(d[0], d[1], d[2])) if has_mt else None)
        cells.append(None if args.quick else pooled(
            docs, lambda d: coarse.align(d[0], d[1], d[2]) if has_mt else coarse.align(d[0], d[1])))
        shown = ["   -  /  -  " if c is None else f"{c['strict_f1']:.3f} / {c['lax_f1']:.3f}" for c in cells]
        print(f"{name:<30} {len(docs):>4} {sum(len(d[3]) for d in docs):>5}  {shown[0]:>12}  {shown[1]:>14}  "
              f"{shown[2]:>12}  {shown[3]:>12}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
