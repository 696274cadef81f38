"""The read stage: files and directories of German articles become document records.

* ``.txt``: one document; its id is the file name without extension.
* ``.jsonl``: one document a line, with ``id`` and ``text`` (``url``, ``title``, ``date`` optional).
* a directory: every ``.txt`` and ``.jsonl`` below it, in sorted order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.record import Document

SUFFIXES = (".txt", ".jsonl")
META_KEYS = ("url", "title", "date")


class InputError(ValueError):
    """Input that cannot be read: the message names the file (and line) and what to do."""


@dataclass
class ReadFailure:
    """A document that could not be read; the run records it and goes on."""

    source: str
    line: int | None
    reason: str
    id: str | None = None


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files to read, in a stable order; a missing path is an :class:`InputError`."""
    files: list[Path] = []
    for path in paths:
        if str(path) == "-":
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def read_documents(paths: list[Path]) -> Iterator[Document | ReadFailure]:
    """Documents from the given paths; unreadable ones come as :class:`ReadFailure`."""
    for path in expand_inputs(paths):
        if path.suffix == ".jsonl":
            yield from _read_jsonl(path)
        else:
            yield _read_txt(path)


def _read_txt(path: Path) -> Document | ReadFailure:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), None, f"cannot read the file: {exc.strerror}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadFailure(str(path), None, f"not valid UTF-8 at byte {exc.start}; convert the file to UTF-8")
    return Document(id=path.stem, raw=text, meta={"source": str(path)})


def _read_jsonl(path: Path) -> Iterator[Document | ReadFailure]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), None, f"cannot read the file: {exc.strerror}")
        return
    with handle:
        for number, data in enumerate(handle, 1):
            try:
                line = data.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield ReadFailure(str(path), number, f"not valid UTF-8 at byte {exc.start} of the line")
                continue
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(str(path), number, f"not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                yield ReadFailure(str(path), number, 'a line must be a JSON object with a string "text"')
                continue
            doc_id = str(item.get("id") or f"{path.stem}-{number}")
            meta = {k: item[k] for k in META_KEYS if item.get(k) is not None}
            meta.update(source=str(path), line=number)
            yield Document(id=doc_id, raw=item["text"], meta=meta)
