"""Alignment quality: strict / lax F1 of the aligner beside a Gale–Church baseline.

Sets (read at run time from ../shared/data, never copied into the project; every
perturbation is seeded, so every run builds the same sets):
* textberg-dev de-fr: a German–French document with gold beads and a supplied machine translation;
* textberg-dev in 4 parts: the same document cut at gold bead edges into four documents of about
  105 gold beads, each aligned on its own (smaller documents, less for the lexicon to learn from);
* textberg-dev 4 parts, worse MT: the four parts with the supplied translation degraded (a fifth
  of its words replaced by others of the translation, a tenth dropped): a weaker MT system;
* textberg-dev cut 3/5/6/8 ways: the document cut as for the four parts into 3, 5, 6 and 8 parts,
  the 22 documents pooled (each gold bead counts four times): cuts that no setting was chosen on;
* pud de-en, textberg-like: PUD in documents of 120 pairs with the bead mix of textberg-dev
  (sentences cut at a comma on either side, 2–2 beads whose German is cut at another place than
  the English, joins of two and three, runs of English sentences without German, German without
  English) and a noisy translation (the English with words replaced and dropped);
* pud de-en, textberg-like #2: the same construction with another seed (41), in documents of 80
  pairs: a check that a setting chosen on the sets above holds on other beads;
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
coarse pass and band that long documents take; then the lowest and highest strict F1 of the
set's single documents (with a translation where there is one). ``--by-type`` adds, per set,
how many gold beads of each type were found exactly.

    python benchmarks/align_quality.py [--data DIR] [--set NAME ...] [--setting NAME=VALUE ...] [--quick] [--by-type]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
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


def textberg_parts(data: Path, parts: int = 4):
    """The textberg dev document cut at gold bead edges into ``parts`` documents of about equal
    numbers of gold beads, each aligned on its own: several smaller documents of the held-out
    kind, so that a change is judged by its spread over them, not by one figure."""
    src, tgt, mt, gold = textberg(data)
    docs, start = [], 0
    for k in range(1, parts + 1):
        end = len(gold) if k == parts else round(k * len(gold) / parts)
        while 0 < end < len(gold) and not _cut_between(gold[:end], gold[end:]):
            end += 1
        beads = gold[start:end]
        s0 = min((i for b in beads for i in b.src), default=0)
        t0 = min((j for b in beads for j in b.tgt), default=0)
        s1 = max((i for b in beads for i in b.src), default=s0 - 1) + 1
        t1 = max((j for b in beads for j in b.tgt), default=t0 - 1) + 1
        shifted = [Bead(tuple(i - s0 for i in b.src), tuple(j - t0 for j in b.tgt)) for b in beads]
        docs.append((src[s0:s1], tgt[t0:t1], mt[s0:s1], shifted))
        start = end
    return docs


def degraded(docs, seed: int = 31, replace_share: float = 0.2, drop_share: float = 0.1):
    """The same documents with their translation made worse: in each translated sentence
    ``replace_share`` of the words replaced by words of other translated sentences and
    ``drop_share`` dropped. A weaker MT system than the supplied one, on the same text."""
    rng = random.Random(seed)
    vocabulary = sorted({w for d in docs for t in d[2] for w in t.split()})

    def worse(text: str) -> str:
        out = [w if rng.random() > replace_share else rng.choice(vocabulary) for w in text.split()
               if rng.random() > drop_share]
        return " ".join(out) or text

    return [(src, tgt, [worse(t) for t in mt], gold) for src, tgt, mt, gold in docs]


def _cut_between(before: list[Bead], after: list[Bead]) -> bool:
    """Whether every sentence of ``before`` precedes every sentence of ``after`` on both sides,
    and both sides of the cut hold sentences of both languages."""
    def side(beads, pick):
        return [k for b in beads for k in pick(b)]
    bs, bt, as_, at = side(before, lambda b: b.src), side(before, lambda b: b.tgt), side(after, lambda b: b.src), side(after, lambda b: b.tgt)
    return bool(bs and bt and as_ and at) and max(bs) < min(as_) and max(bt) < min(at)


def _split_at_comma(text: str, rng: random.Random) -> tuple[str, str] | None:
    """``text`` cut after one of its commas in the middle 60 % of its length, or None."""
    spots = [k for k in range(len(text)) if text.startswith(", ", k) and 0.2 < k / len(text) < 0.8]
    if not spots:
        return None
    k = rng.choice(spots)
    return text[: k + 1], text[k + 2 :]


def _cut_words(text: str, share: float) -> tuple[str, str]:
    """``text`` cut between words at about ``share`` of its words (both halves non-empty)."""
    words = text.split()
    k = min(max(1, round(share * len(words))), max(1, len(words) - 1))
    return " ".join(words[:k]), " ".join(words[k:])


def pud_textberg_like(data: Path, seed: int = 23, size: int = 120, noise: float = 0.3):
    """PUD in documents of ``size`` sentence pairs with the bead mix of the textberg dev document
    (about 60 % 1–1): English sentences cut at a comma (1–2), German sentences cut at a comma
    (2–1), two pairs whose German is joined and cut again at another place (2–2), pairs joined on
    one side (1–2, 2–1, 1–3, 3–1), runs of one to three English sentences from elsewhere in the
    corpus with no German (0–1: captions, notes of the translator), German sentences without
    English (1–0). The translation is the English with ``noise`` of its words replaced by
    words of other sentences and some dropped: an imperfect MT, not an upper bound; where the
    German is cut, its translation is cut at the same share of words."""
    with (data / "pud-de-en.tsv").open(encoding="utf-8") as handle:
        rows = [(r["de"], r["en"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    rng = random.Random(seed)
    vocabulary = sorted({w for _, en in rows for w in en.split()})

    def noisy(text: str) -> str:
        out = [w if rng.random() > noise else rng.choice(vocabulary) for w in text.split() if rng.random() > noise / 3]
        return " ".join(out) or text

    docs = []
    for start in range(0, len(rows), size):
        part = rows[start : start + size]
        src, tgt, mt, gold = [], [], [], []

        def add(de: list[str], tr: list[str], en: list[str]):
            gold.append(Bead(tuple(range(len(src), len(src) + len(de))), tuple(range(len(tgt), len(tgt) + len(en)))))
            src.extend(de)
            mt.extend(tr)
            tgt.extend(en)

        k = 0
        while k < len(part):
            de, en = part[k]
            left = len(part) - k
            roll = rng.random()
            if roll < 0.07:  # English from elsewhere, no German
                for _ in range(rng.choice((1, 1, 1, 2, 3))):
                    add([], [], [rows[rng.randrange(len(rows))][1]])
                continue
            if roll < 0.09:  # German without English
                add([de], [noisy(en)], [])
            elif roll < 0.17 and (cut := _split_at_comma(en, rng)):  # English cut at a comma: 1–2
                add([de], [noisy(en)], list(cut))
            elif roll < 0.22 and (cut := _split_at_comma(de, rng)):  # German cut at a comma: 2–1
                share = len(cut[0].split()) / len(de.split())
                add(list(cut), [noisy(t) for t in _cut_words(en, share)], [en])
            elif roll < 0.26 and left >= 2:  # German of two pairs joined and cut elsewhere: 2–2
                de2, en2 = part[k + 1]
                joined, tr = de + " " + de2, en + " " + en2
                share = rng.choice((0.3, 0.7)) * len(de.split()) / len(joined.split()) + (
                    0.0 if rng.random() < 0.5 else len(de.split()) / len(joined.split()))
                share = min(max(share, 0.1), 0.9)
                add(list(_cut_words(joined, share)), [noisy(t) for t in _cut_words(tr, share)], [en, en2])
                k += 1
            elif roll < 0.31 and left >= 2:  # German of two pairs joined: 1–2
                de2, en2 = part[k + 1]
                add([de + " " + de2], [noisy(en + " " + en2)], [en, en2])
                k += 1
            elif roll < 0.35 and left >= 2:  # English of two pairs joined: 2–1
                de2, en2 = part[k + 1]
                add([de, de2], [noisy(en), noisy(en2)], [en + " " + en2])
                k += 1
            elif roll < 0.37 and left >= 3:  # German of three pairs joined: 1–3
                add([" ".join(p[0] for p in part[k : k + 3])], [noisy(" ".join(p[1] for p in part[k : k + 3]))],
                    [p[1] for p in part[k : k + 3]])
                k += 2
            elif roll < 0.39 and left >= 3:  # English of three pairs joined: 3–1
                add([p[0] for p in part[k : k + 3]], [noisy(p[1]) for p in part[k : k + 3]],
                    [" ".join(p[1] for p in part[k : k + 3])])
                k += 2
            else:
                add([de], [noisy(en)], [en])
            k += 1
        docs.append((src, tgt, mt, gold))
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
        ("textberg-dev in 4 parts", "supplied MT", textberg_parts(data)),
        ("textberg-dev 4 parts, worse MT", "supplied MT degraded", degraded(textberg_parts(data))),
        ("textberg-dev cut 3/5/6/8 ways", "supplied MT", [d for k in (3, 5, 6, 8) for d in textberg_parts(data, k)]),
        ("pud de-en, textberg-like", "noisy English", pud_textberg_like(data)),
        ("pud de-en, textberg-like #2", "noisy English", pud_textberg_like(data, seed=41, size=80)),
        ("pud de-en, one document", "English (upper bound)", pud_set(data)),
        ("pud de-en, 40-sentence docs", "English (upper bound)", pud_documents(data)),
        ("debian-reference de-en", "-", debian_documents(data)),
    ]


def spread(docs, beads_of) -> str:
    """Lowest and highest strict F1 of a set's single documents (one figure for a one-document set)."""
    if len(docs) == 1:
        return "-"
    values = [score_beads(d[-1], beads_of(d))["strict_f1"] for d in docs]
    return f"{min(values):.3f}-{max(values):.3f}"


def missed_by_type(docs, beads_of) -> str:
    """Gold beads found exactly, by bead type (most frequent types first): ``1-1 237/246 ...``."""
    total: Counter = Counter()
    found: Counter = Counter()
    for doc in docs:
        beads = {(b.src, b.tgt) for b in beads_of(doc)}
        for bead in doc[-1]:
            total[bead.kind] += 1
            found[bead.kind] += (bead.src, bead.tgt) in beads
    return "  ".join(f"{kind} {found[kind]}/{count}" for kind, count in total.most_common())


def parse_settings(parser: argparse.ArgumentParser, items: list[str]) -> AlignSettings:
    settings = AlignSettings()
    for item in items:
        key, _, value = item.partition("=")
        kind = {f.name: f.type for f in fields(AlignSettings)}.get(key)
        if kind is None:
            parser.error(f"--setting {item}: AlignSettings has no field {key!r}")
        default = getattr(settings, key)
        if isinstance(default, bool):
            if value.lower() not in ("0", "1", "false", "true"):
                parser.error(f"--setting {item}: {key} is 0 or 1")
            parsed = value.lower() in ("1", "true")
        else:
            parsed = tuple(int(v) for v in value.split(",")) if isinstance(default, tuple) else type(default)(value)
        settings = replace(settings, **{key: parsed})
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--set", action="append", help="only the sets whose name contains this (repeatable)")
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="an AlignSettings field for the aligner columns, e.g. skip=-0.3 (repeatable)")
    parser.add_argument("--quick", action="store_true", help="the aligner columns only (no Gale-Church, no coarse+band)")
    parser.add_argument("--by-type", action="store_true",
                        help="also the gold beads found exactly, by bead type, with and without translation")
    args = parser.parse_args()
    if not (args.data / "textberg-dev").exists():
        print(f"no evaluation data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    settings = parse_settings(parser, args.setting)
    if args.setting:
        print("settings:", ", ".join(args.setting))
    aligner = Aligner(settings)
    coarse = Aligner(replace(settings, full_cells=0, chunk=8))
    print(f"{'set':<30} {'docs':>4} {'gold':>5}  {'Gale-Church':>12}  {'no translation':>14}  {'translation':>12}  "
          f"{'coarse+band':>12}  {'per doc':>11}  translation used")
    for name, kind, docs in dev_sets(args.data):
        if args.set and not any(s in name for s in args.set):
            continue
        has_mt = docs[0][2] is not None
        plain = lambda d: aligner.align(d[0], d[1])  # noqa: E731
        best = (lambda d: aligner.align(d[0], d[1], d[2])) if has_mt else plain
        cells = [None if args.quick else pooled(docs, lambda d: gale_church(d[0], d[1])), pooled(docs, plain)]
        cells.append(pooled(docs, best) if has_mt else None)
        cells.append(None if args.quick else pooled(
            docs, lambda d: coarse.align(d[0], d[1], d[2]) if has_mt else coarse.align(d[0], d[1])))
        shown = ["   -  /  -  " if c is None else f"{c['strict_f1']:.3f} / {c['lax_f1']:.3f}" for c in cells]
        print(f"{name:<30} {len(docs):>4} {sum(len(d[3]) for d in docs):>5}  {shown[0]:>12}  {shown[1]:>14}  "
              f"{shown[2]:>12}  {shown[3]:>12}  {spread(docs, best):>11}  {kind}", flush=True)
        if args.by_type:
            print(f"    found, no translation: {missed_by_type(docs, plain)}")
            if has_mt:
                print(f"    found, translation:    {missed_by_type(docs, best)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
