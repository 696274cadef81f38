"""Sentence-boundary F1 and speed of our splitter beside pysbd, on the evaluation data.

Gold sentences are joined five to a paragraph by a space; only the boundaries inside a
paragraph count. Both splitters run in the same process on the same paragraphs, and speed is
measured with the runs interleaved, so a busy machine slows both alike.

    python benchmarks/segment_quality.py [--data DIR] [--errors N] [--no-pysbd]

Reads ``pud-de-en.tsv`` (German and English columns) and ``gsd-test.de.txt`` from
``../shared/data/`` beside the repository, or from ``--data``; skips what is absent.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.segment.splitter import SentenceSplitter  # noqa: E402

GROUP = 5
Boundaries = set[int]


def read_sets(data: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (language, gold sentences in corpus order)."""
    sets: dict[str, tuple[str, list[str]]] = {}
    pud = data / "pud-de-en.tsv"
    if pud.exists():
        with pud.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        sets["PUD de"] = ("de", [r["de"].strip() for r in rows])
        sets["PUD en"] = ("en", [r["en"].strip() for r in rows])
    else:
        print(f"skipped PUD: {pud} not found", file=sys.stderr)
    gsd = data / "gsd-test.de.txt"
    if gsd.exists():
        sentences = [line.strip() for line in gsd.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets["GSD de"] = ("de", sentences)
    else:
        print(f"skipped GSD: {gsd} not found", file=sys.stderr)
    return sets


def paragraphs(sentences: list[str]) -> list[tuple[str, Boundaries]]:
    """Paragraphs of GROUP sentences and the offsets where their inner sentences start."""
    out = []
    for i in range(0, len(sentences), GROUP):
        group = sentences[i : i + GROUP]
        starts, pos = set(), 0
        for n, sentence in enumerate(group):
            if n:
                starts.add(pos)
            pos += len(sentence) + 1
        out.append((" ".join(group), starts))
    return out


def starts_of(text: str, pieces: list[str]) -> Boundaries:
    """Offsets where the second and later pieces start, found in order in ``text``."""
    starts, cursor = set(), 0
    for n, piece in enumerate(pieces):
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # a splitter that changed the text: fall back to the first non-space
            at = cursor + len(text[cursor:]) - len(text[cursor:].lstrip())
        if n and at > 0:
            starts.add(at)
        cursor = at + len(piece)
    return starts


def ours(lang: str) -> Callable[[str], list[str]]:
    splitter = SentenceSplitter(lang)
    return lambda text: [text[s.start : s.end] for s in splitter.split(text)]


def pysbd_splitter(lang: str) -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    return pysbd.Segmenter(language=lang, clean=False).segment


def score(split: Callable[[str], list[str]], paras: list[tuple[str, Boundaries]]):
    tp = fp = fn = 0
    errors = []
    t0 = time.perf_counter()
    predicted = [starts_of(text, split(text)) for text, _ in paras]
    seconds = time.perf_counter() - t0
    for (text, gold), pred in zip(paras, predicted):
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        errors += [("split", text, at) for at in sorted(pred - gold)]
        errors += [("missed", text, at) for at in sorted(gold - pred)]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, fp, fn, seconds, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of ours per set")
    parser.add_argument("--no-pysbd", action="store_true", help="score only our splitter")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each splitter per set; the fastest counts (default 3)")
    args = parser.parse_args(argv)
    sets = read_sets(args.data)
    if not sets:
        print(f"no evaluation data in {args.data}; nothing to measure", file=sys.stderr)
        return 0
    print(f"{'set':8} {'splitter':8} {'F1':>7} {'false':>6} {'missed':>6} {'MB/s':>8}")
    for name, (lang, sentences) in sets.items():
        paras = paragraphs(sentences)
        megabytes = sum(len(text.encode("utf-8")) for text, _ in paras) / 1e6
        candidates = [("ours", ours(lang))]
        other = None if args.no_pysbd else pysbd_splitter(lang)
        if other is not None:
            candidates.append(("pysbd", other))
        elif not args.no_pysbd:
            print("pysbd is not installed; scoring ours alone", file=sys.stderr)
        # interleaved: ours, pysbd, ours, ... so both see the same machine load
        timings: dict[str, list[float]] = {label: [] for label, _ in candidates}
        results = {}
        for _ in range(max(1, args.repeat)):
            for label, split in candidates:
                results[label] = score(split, paras)
                timings[label].append(results[label][3])
        for label, _ in candidates:
            f1, fp, fn, _, errors = results[label]
            speed = megabytes / min(timings[label])
            print(f"{name:8} {label:8} {f1:7.4f} {fp:6d} {fn:6d} {speed:8.3f}")
            if label == "ours":
                for kind, text, at in errors[: args.errors]:
                    print(f"    {kind:6} …{text[max(0, at - 70):at]}|{text[at:at + 50]}…")
        if len(candidates) == 2:
            ratio = min(timings["pysbd"]) / min(timings["ours"])
            print(f"{name:8} ours is {ratio:.0f}x the speed of pysbd")
    return 0


if __name__ == "__main__":
    sys.exit(main())
