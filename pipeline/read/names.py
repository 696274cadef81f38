"""File names of any bytes: kept exactly, shown readably.

A POSIX file name is bytes; Python hands a name that is not valid UTF-8 over as a string with
lone surrogates (``b"\\xff"`` becomes ``"\\udcff"``), which no UTF-8 file can hold. So what the
pipeline writes uses two forms of a name:

* :func:`shown`: the name for ids, ``meta.source``, ``errors.jsonl`` and messages. Bytes that
  are not UTF-8, and control characters, appear as backslash escapes (``\\xff``, ``\\x0a``).
* :func:`source_fields`: ``{"source": shown(path)}``, plus ``"source_bytes"``, the name's exact
  bytes in hex, whenever the shown form is not the name itself. ``bytes.fromhex(source_bytes)``
  (or ``os.fsencode(source)`` where there is no ``source_bytes``) opens the file again.

>>> shown(os.fsdecode(b"alt/\\xff\\xfe.txt"))
'alt/\\\\xff\\\\xfe.txt'
>>> source_fields(os.fsdecode(b"\\xffa.txt"))
{'source': '\\\\xffa.txt', 'source_bytes': 'ff612e747874'}
>>> source_fields("Grüße.txt")
{'source': 'Grüße.txt'}
"""

from __future__ import annotations

import os
from pathlib import PurePath

import regex

CONTROL = regex.compile(r"[\x00-\x1f\x7f]")


def shown(name: str | bytes | PurePath) -> str:
    """A name as readable text that any UTF-8 file can hold."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def source_fields(name: str | bytes | PurePath) -> dict[str, str]:
    """``source`` (shown) and, when that is not the exact name, ``source_bytes`` (hex)."""
    raw = os.fsencode(name)
    text = shown(raw)
    if text.encode("utf-8") == raw:
        return {"source": text}
    return {"source": text, "source_bytes": raw.hex()}
