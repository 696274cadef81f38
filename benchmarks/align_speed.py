"""Alignment speed: seconds for N × N sentences, coarse pass + band against the exact search,
and the default aligner against one with a single lexicon pass (``lexicon_rounds=1``) and one
without the anchor view and the lexicon's unknown-word norms (``anchor_weight=0,
lexicon_unknown_weight=0``, the views of the aligner before them); then, with a stand-in
translation, the default aligner against one whose translation length share is not fitted to
the document (``fit_length_share=False``).

The text is generated (seeded): sentences of random words, the target a noisy copy with
joins and drops, so the aligner has real work to do. Variants run side by side in one process.

    python benchmarks/align_speed.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.align.aligner import Aligner, AlignSettings  # noqa: E402

SYLLABLES = "ka ri to ma ne lu sa be do fi gu ha jo ke la mi no pu re si ta vo we zu".split()


def make_pair(n: int, seed: int = 1, changes: bool = True) -> tuple[list[str], list[str]]:
    """``n`` source sentences and a noisy target; with ``changes``, some dropped and some joined."""
    rng = random.Random(seed)
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(5000)]
    src = [" ".join(rng.choice(words) for _ in range(rng.randint(4, 30))) + "." for _ in range(n)]
    tgt = []
    for sentence in src:
        roll = rng.random() if changes else 1.0
        if roll < 0.02:
            continue
        noisy = " ".join(w if rng.random() > 0.3 else rng.choice(words) for w in sentence.split())
        if roll < 0.07 and tgt:
            tgt[-1] += " " + noisy
        else:
            tgt.append(noisy)
    return src, tgt


def timed(aligner: Aligner, src, tgt, translation=None) -> tuple[float, int]:
    started = time.perf_counter()
    beads = aligner.align(src, tgt, translation)
    return time.perf_counter() - started, len(beads)


def translation_of(src: list[str], seed: int = 2) -> list[str]:
    """A stand-in machine translation of ``src``: each sentence with a fifth of its words replaced
    and a tenth dropped (seeded), so its lengths differ from the source's as an MT's do."""
    rng = random.Random(seed)
    words = sorted({w for s in src for w in s.split()})
    return [" ".join(w if rng.random() > 0.2 else rng.choice(words) for w in s.split() if rng.random() > 0.1) or s
            for s in src]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    args = parser.parse_args()
    banded = Aligner(AlignSettings(full_cells=0))
    exact = Aligner(AlignSettings(full_cells=10**12))
    one_round = Aligner(AlignSettings(full_cells=0, lexicon_rounds=1))  # the aligner before its third pass
    fewer_views = Aligner(AlignSettings(full_cells=0, anchor_weight=0, lexicon_unknown_weight=0))
    for n in args.sizes:
        src, tgt = make_pair(n)
        t_band, beads = timed(banded, src, tgt)
        t_one, _ = timed(one_round, src, tgt)
        t_fewer, _ = timed(fewer_views, src, tgt)
        line = (f"{n:>6} × {len(tgt):<6} banded {t_band:6.2f}s ({beads} beads)   one lexicon pass {t_one:6.2f}s   "
                f"ratio {t_band / t_one:4.2f}×   without anchors, unknown words {t_fewer:6.2f}s   ratio {t_band / t_fewer:4.2f}×")
        if n <= 3000:  # the exact search is quadratic; compare where it is affordable
            t_exact, _ = timed(exact, src, tgt)
            line += f"   exact {t_exact:6.2f}s   exact/banded {t_exact / t_band:5.1f}×"
        print(line, flush=True)
    fixed_share = Aligner(AlignSettings(full_cells=0, fit_length_share=False))
    for n in args.sizes:  # with a translation: the length share fitted to the document, or fixed
        src, tgt = make_pair(n)
        mt = translation_of(src)
        t_fit, beads = timed(banded, src, tgt, mt)
        t_fixed, _ = timed(fixed_share, src, tgt, mt)
        print(f"{n:>6} × {len(tgt):<6} with a translation: banded {t_fit:6.2f}s ({beads} beads)   "
              f"length share fixed {t_fixed:6.2f}s   ratio {t_fit / t_fixed:4.2f}×", flush=True)
    n = max(args.sizes)
    src, tgt = make_pair(n, changes=False)
    t_band, beads = timed(banded, src, tgt)
    print(f"{n:>6} × {len(tgt):<6} banded {t_band:6.2f}s ({beads} beads; target without drops or joins)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
