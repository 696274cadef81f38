"""Strict and lax precision, recall and F1 of beads against gold beads (Sennrich & Volk 2011).

Strict: a bead is right when a gold bead is exactly the same. Lax: it is right when it shares
at least one link (a source and a target sentence) with a gold bead. Precision is taken over
the beads found, recall over the gold beads with both sides non-empty.

>>> gold = [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((), (3,))]
>>> test = [Bead((0,), (0,)), Bead((1,), (1,)), Bead((), (2,)), Bead((), (3,))]
>>> r = score_beads(gold, test)
>>> round(r["strict_f1"], 3), round(r["lax_f1"], 3)
(0.5, 0.857)
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.align.beads import Bead


def _hits(reference: Sequence[Bead], found: Sequence[Bead]) -> tuple[int, int, int]:
    """(strict hits, lax hits, beads counted) of ``found`` measured against ``reference``."""
    exact = {(b.src, b.tgt) for b in reference}
    links: dict[int, set[int]] = {}
    for bead in reference:
        for i in bead.src:
            links.setdefault(i, set()).update(bead.tgt)
    strict = lax = counted = 0
    for bead in found:
        if not bead.src and not bead.tgt:
            continue
        counted += 1
        if (bead.src, bead.tgt) in exact:
            strict += 1
            lax += 1
        elif any(links.get(i, set()).intersection(bead.tgt) for i in bead.src):
            lax += 1
    return strict, lax, counted


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_beads(gold: Sequence[Bead], test: Sequence[Bead]) -> dict[str, float]:
    ps, pl, pn = _hits(gold, test)
    rs, rl, rn = _hits(test, [b for b in gold if b.src and b.tgt])
    out = {
        "strict_precision": ps / pn if pn else 0.0,
        "strict_recall": rs / rn if rn else 0.0,
        "lax_precision": pl / pn if pn else 0.0,
        "lax_recall": rl / rn if rn else 0.0,
    }
    out["strict_f1"] = _f1(out["strict_precision"], out["strict_recall"])
    out["lax_f1"] = _f1(out["lax_precision"], out["lax_recall"])
    return out
