"""Reading a ``.gz`` file as a stream that gives every byte it can before it breaks off.

:mod:`gzip` reads the end marker of a member in the same call that returns the member's last
data, so a file cut short loses its last block of lines along with the marker. This reader
hands out what it has decompressed first, and only then reports the break: a truncated
``.jsonl.gz`` keeps every complete line before the cut.
"""

from __future__ import annotations

import io
import zlib
from typing import IO

GZIP_WBITS = 16 + zlib.MAX_WBITS
CHUNK = 1 << 16


class Truncated(EOFError):
    """The compressed data ends before its end marker."""


class _Gunzip(io.RawIOBase):
    def __init__(self, raw: IO[bytes]):
        self._raw = raw
        self._inflate = zlib.decompressobj(GZIP_WBITS)
        self._pending = b""
        self._started = False  # bytes of the current member have been seen

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            if not self._fill():
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def _fill(self) -> bool:
        """Decompress more into ``_pending``; False at the clean end of the data."""
        if self._inflate.eof:  # a member ended: another may follow
            rest = self._inflate.unused_data
            self._inflate, self._started = zlib.decompressobj(GZIP_WBITS), False
            if rest:
                self._started = True
                self._pending = self._inflate.decompress(rest, CHUNK)
                return True
        data = self._inflate.unconsumed_tail or self._raw.read(CHUNK)
        if not data:
            if self._started:
                raise Truncated("the compressed data ends before its end marker")
            return False
        self._started = True
        self._pending = self._inflate.decompress(data, CHUNK)
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_gunzip(raw: IO[bytes]) -> IO[bytes]:
    """A buffered binary stream of the decompressed data of ``raw`` (closed with it).
    Damaged data raises :class:`zlib.error`, data cut short :class:`Truncated`."""
    return io.BufferedReader(_Gunzip(raw), CHUNK)
