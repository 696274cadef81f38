"""Detecting outputs that loop: an n-gram repeated back to back, or no end before the cap.

>>> repeated_ngram([5, 6, 7, 7, 7, 7, 8])
(1, 4)
>>> repeated_ngram([1, 2, 3, 1, 2, 3, 1, 2, 3, 4])
(3, 3)
>>> repeated_ngram([1, 2, 3, 4, 5, 1, 2]) is None
True
>>> output_cap(10)
30
>>> [length_class(n) for n in (1, 8, 9, 63, 64, 65, 130)]
[8, 8, 16, 64, 64, 80, 160]
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.repeats import ngram_runs

# an n-gram of MAX_NGRAM tokens or fewer repeated back to back MIN_REPEATS[n] times is a loop
MAX_NGRAM = 4
MIN_REPEATS = {1: 4, 2: 3, 3: 3, 4: 3}
# outputs may be at most OUTPUT_RATIO times the input plus OUTPUT_SLACK tokens
OUTPUT_RATIO = 2.0
OUTPUT_SLACK = 10
# what a retry uses to stop repetition
RETRY_NO_REPEAT_NGRAM = 3
RETRY_REPETITION_PENALTY = 1.3


def output_cap(source_tokens: int) -> int:
    """The most tokens an output of a ``source_tokens``-token input may have."""
    return int(OUTPUT_RATIO * source_tokens) + OUTPUT_SLACK


def length_class(source_tokens: int) -> int:
    """The input length a ``source_tokens``-token input is capped as: rounded up to its class.

    Classes are 8 tokens wide below 64 tokens, then a quarter of the power of two below, so
    they are at most 25% wider than the input. An input's cap comes from its own class only,
    and inputs of one class share a batch, so what an input's translation may become never
    depends on what else was in its batch.
    """
    n = max(1, source_tokens)
    width = max(8, (1 << (n.bit_length() - 1)) // 4)
    return -(-n // width) * width


def repeated_ngram(ids: Sequence[int]) -> tuple[int, int] | None:
    """``(n, repeats)`` of the first n-gram repeated back to back often enough, else None."""
    for n in range(1, MAX_NGRAM + 1):
        for _, repeats in ngram_runs(ids, n):
            if repeats >= MIN_REPEATS[n]:
                return n, repeats
    return None


def loop_reason(output: Sequence[int], cap: int | None) -> str | None:
    """Why ``output`` (token ids, no special tokens) looks like a loop, or None.

    ``cap`` is the most tokens the output was allowed (None: its length was fixed on purpose).

    >>> loop_reason([4, 5, 6], cap=3)
    'the output did not end within 3 tokens'
    >>> loop_reason([4, 5, 6], cap=None) is None
    True
    """
    if cap is not None and len(output) >= cap:
        return f"the output did not end within {cap} tokens"
    found = repeated_ngram(output)
    if found:
        n, repeats = found
        return f"a {n}-token sequence repeated {repeats} times in a row"
    return None
