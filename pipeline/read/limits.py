"""Limits on hostile structure in JSONL input: line length and JSON nesting depth.

Both are checked before a line is parsed, so a line over them fails alone with its reason
(and no line can make the JSON parser recurse until Python gives up).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from itertools import accumulate, count
from typing import IO

DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_JSON_DEPTH = 100
SKIP_CHUNK = 1 << 20

# a JSON string literal (escapes included); in UTF-8 no byte of another character is '"' or '\\'
STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
# an opening bracket weighs 2, a closing one 0, all else is dropped: the depth after n brackets
# is then the sum of their weights minus n
WEIGHTS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")
NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[{]}")


def json_depth(line: str | bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count).

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    >>> json_depth('"no brackets"'), json_depth(b"[]")
    (0, 1)
    """
    data = line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line
    weights = STRING.sub(b"", data).translate(WEIGHTS, NOT_BRACKETS)
    # C-level iterators only: a line of a million brackets takes a fraction of a second
    return max(0, max(map(operator.sub, accumulate(weights), count(1)), default=0))


def too_deep(line: str | bytes, max_depth: int) -> int | None:
    """The nesting depth when it is over ``max_depth``, else None (cheap for ordinary lines)."""
    if line.count("[" if isinstance(line, str) else b"[") + line.count("{" if isinstance(line, str) else b"{") <= max_depth:
        return None
    depth = json_depth(line)
    return depth if depth > max_depth else None


class LongLine:
    """A line longer than the limit: it was read past and dropped; ``size`` is its length in bytes."""

    def __init__(self, size: int):
        self.size = size


def bounded_lines(handle: IO[bytes], max_bytes: int) -> Iterator[bytes | LongLine]:
    """The lines of a binary file (with their ``\\n``), never holding more than ``max_bytes``
    of one line: a longer line comes as :class:`LongLine`."""
    while True:
        data = handle.readline(max_bytes + 1)
        if not data:
            return
        if len(data) <= max_bytes or data.endswith(b"\n"):
            yield data
            continue
        size = len(data)
        while not data.endswith(b"\n"):
            data = handle.readline(SKIP_CHUNK)
            if not data:
                break
            size += len(data)
        yield LongLine(size - data.endswith(b"\n"))
