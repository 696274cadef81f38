"""Pair scores and the flags derived from them (scores first, decisions from thresholds)."""

from __future__ import annotations

import math

from pipeline.record import PairFlag

# character length ratio English/German outside which a pair is flagged
LENGTH_RATIO_RANGE = (0.5, 2.0)
LOGPROB_MIN = -2.5


def score_pair(de: str, en: str, logprob: float | None) -> tuple[dict[str, float], list[PairFlag]]:
    """Scores of a German/English pair and the flags they raise.

    >>> scores, flags = score_pair("Das ist gut.", "That is good.", -0.4)
    >>> scores["length_ratio"], [f.rule for f in flags]
    (1.077, [])
    """
    ratio = (len(en) + 1) / (len(de) + 1)
    scores: dict[str, float] = {"length_ratio": round(ratio, 3)}
    if logprob is not None:
        scores["logprob"] = round(logprob, 4)
    lo, hi = LENGTH_RATIO_RANGE
    # one overall score in [0, 1]: how far the pair is from anything suspicious
    length_score = math.exp(-abs(math.log(ratio)))
    model_score = math.exp(logprob) if logprob is not None else 1.0
    scores["score"] = round(length_score * model_score ** 0.5, 4)
    flags = []
    if not lo <= ratio <= hi:
        flags.append(PairFlag("pair.length_ratio", f"English/German length ratio {ratio:.2f} outside [{lo}, {hi}]"))
    if logprob is not None and logprob < LOGPROB_MIN:
        flags.append(PairFlag("pair.low_logprob", f"model log-probability {logprob:.2f} below {LOGPROB_MIN}"))
    return scores, flags
