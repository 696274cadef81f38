"""Reading a text argument that may be ``-`` for standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.read.inputs import InputError


def read_text_arg(name: str) -> tuple[str, str]:
    """(document id, text) for a path or ``-``; raises :class:`InputError` when unreadable."""
    if name == "-":
        return "stdin", sys.stdin.read()
    path = Path(name)
    try:
        return path.stem, path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; give a text file or - for standard input") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 at byte {exc.start}; convert the file to UTF-8") from None
