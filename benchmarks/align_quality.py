"""Alignment quality: strict / lax F1 of the aligner beside a Gale–Church baseline.

Sets (read at run time from ../shared/data, never copied into the project):
* textberg-dev: German–French document with gold beads and a supplied machine translation;
* pud-de-en: German–English sentences, made into a test by joining neighbouring sentences on
  one side and dropping some on the other (seeded, so every run builds the same set). No
  machine translation of it ships with the data, so it is scored without translation.

    python benchmarks/align_quality.py [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
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


def pud_set(data: Path, seed: int = 7, join: float = 0.15, drop: float = 0.05):
    """German sentences × English sentences with joins on either side and drops on either side."""
    with (data / "pud-de-en.tsv").open(encoding="utf-8") as handle:
        rows = [(r["de"], r["en"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    rng = random.Random(seed)
    src, tgt, gold = [], [], []
    k = 0
    while k < len(rows):
        roll = rng.random()
        if roll < drop / 2:  # German sentence dropped: its English is left alone
            gold.append(Bead((), (len(tgt),)))
            tgt.append(rows[k][1])
            k += 1
        elif roll < drop:  # English sentence dropped
            gold.append(Bead((len(src),), ()))
            src.append(rows[k][0])
            k += 1
        elif roll < drop + join / 2 and k + 1 < len(rows):  # two German sentences joined into one
            gold.append(Bead((len(src),), (len(tgt), len(tgt) + 1)))
            src.append(rows[k][0] + " " + rows[k + 1][0])
            tgt.extend([rows[k][1], rows[k + 1][1]])
            k += 2
        elif roll < drop + join and k + 1 < len(rows):  # two English sentences joined into one
            gold.append(Bead((len(src), len(src) + 1), (len(tgt),)))
            src.extend([rows[k][0], rows[k + 1][0]])
            tgt.append(rows[k][1] + " " + rows[k + 1][1])
            k += 2
        else:
            gold.append(Bead((len(src),), (len(tgt),)))
            src.append(rows[k][0])
            tgt.append(rows[k][1])
            k += 1
    return src, tgt, gold


def report(name: str, gold, beads, seconds: float) -> dict:
    r = score_beads(gold, beads)
    print(f"{name:<44} strict {r['strict_f1']:.3f}  lax {r['lax_f1']:.3f}  "
          f"(P {r['strict_precision']:.3f} R {r['strict_recall']:.3f})  {seconds:.2f}s")
    return r


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    if not (args.data / "textberg-dev").exists():
        print(f"no evaluation data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    aligner = Aligner()
    coarse = Aligner(AlignSettings(full_cells=0, chunk=8))
    src, tgt, mt, gold = textberg(args.data)
    print(f"textberg-dev: {len(src)} de × {len(tgt)} fr sentences, {len(gold)} gold beads")
    report("  Gale–Church baseline", gold, *timed(gale_church, src, tgt))
    report("  aligner, no translation", gold, *timed(aligner.align, src, tgt))
    report("  aligner, with translation", gold, *timed(aligner.align, src, tgt, mt))
    report("  aligner, with translation, coarse+band", gold, *timed(coarse.align, src, tgt, mt))
    src, tgt, gold = pud_set(args.data)
    print(f"pud-de-en (joins and drops): {len(src)} de × {len(tgt)} en sentences, {len(gold)} gold beads")
    report("  Gale–Church baseline", gold, *timed(gale_church, src, tgt))
    report("  aligner, no translation", gold, *timed(aligner.align, src, tgt))
    report("  aligner, no translation, coarse+band", gold, *timed(coarse.align, src, tgt))
    return 0


if __name__ == "__main__":
    sys.exit(main())
