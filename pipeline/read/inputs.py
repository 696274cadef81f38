"""The read stage: files and directories of German articles become document records.

* ``.txt``: one document; its id is the file name without extension (the path below the
  directory, when a directory was given).
* ``.jsonl`` / ``.jsonl.gz``: one document a line, with ``text`` and optional ``id``, ``url``,
  ``title``, ``date``; a line without an id gets ``FILE:LINE``.
* ``.html`` / ``.htm``: a saved page; its main text and metadata are extracted first.
* a directory: every file of these kinds below it, in sorted order.

Reading never stops at a bad document: it yields a :class:`ReadFailure` that names the file,
the line and what to do, and goes on. Items come in a fixed order, so a run can be resumed
by skipping the items it has done (:func:`read_items` with ``skip``).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.read.decode import DecodeError, decode_bytes
from pipeline.record import Document

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
HTML_SUFFIXES = (".html", ".htm")
META_KEYS = ("url", "title", "date", "author")
DEFAULT_MAX_CHARS = 2_000_000


class InputError(ValueError):
    """Input that cannot be read at all: the message names the path and what to do."""


@dataclass
class ReadFailure:
    """A document that could not be read; the run records it and goes on."""

    source: str
    line: int | None
    reason: str
    id: str | None = None


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "txt"
    return None


def expand_inputs(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, document id prefix) pairs in a stable order; a missing path is an :class:`InputError`."""
    files: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p))
            files.extend((p, _stem(p.relative_to(path))) for p in found)
        elif path.is_file():
            files.append((path, _stem(Path(path.name))))
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def _stem(relative: Path) -> str:
    name = relative.as_posix()
    for suffix in (*JSONL_SUFFIXES, *HTML_SUFFIXES, *TEXT_SUFFIXES):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_documents(paths: list[Path], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ReadFailure]:
    """Documents from the given paths; unreadable ones come as :class:`ReadFailure`."""
    return read_items(paths, skip=0, max_chars=max_chars)


def read_items(paths: list[Path], skip: int = 0, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document | ReadFailure]:
    """Like :func:`read_documents`, without reading the first ``skip`` items again."""
    skipped = 0
    for path, doc_id in expand_inputs(paths):
        kind = _kind(path) or "txt"
        if kind == "jsonl":
            for number, data in _jsonl_lines(path):
                if skipped < skip:
                    skipped += 1
                    continue
                yield _limit(_jsonl_item(path, number, data, doc_id), max_chars)
            continue
        if skipped < skip:
            skipped += 1
            continue
        yield _limit(_read_file(path, doc_id, kind), max_chars)


def _limit(item: Document | ReadFailure, max_chars: int) -> Document | ReadFailure:
    if isinstance(item, Document) and len(item.raw) > max_chars:
        return ReadFailure(
            item.meta.get("source", ""),
            item.meta.get("line"),
            f"document has {len(item.raw):,} characters, more than the limit of {max_chars:,}; "
            f"split it into several documents or raise --max-doc-chars",
            item.id,
        )
    return item


def _read_file(path: Path, doc_id: str, kind: str) -> Document | ReadFailure:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ReadFailure(str(path), None, f"cannot read the file: {exc.strerror}", doc_id)
    if not data.strip():
        return ReadFailure(str(path), None, "the file is empty", doc_id)
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return ReadFailure(str(path), None, str(exc), doc_id)
    meta = {"source": str(path), "encoding": decoded.encoding}
    text = decoded.text
    if kind == "html":
        from pipeline.read.html import NoMainText, extract_html

        try:
            text, page_meta = extract_html(text)
        except NoMainText as exc:
            return ReadFailure(str(path), None, str(exc), doc_id)
        meta.update(page_meta, format="html")
    return Document(id=doc_id, raw=text, meta=meta, flags=decoded.flags())


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | ReadFailure]]:
    """(line number, bytes) for every non-blank line; a file that breaks off yields a failure."""
    try:
        handle = _open(path)
    except OSError as exc:
        yield 0, ReadFailure(str(path), None, f"cannot read the file: {exc.strerror}")
        return
    number = 0
    with handle:
        try:
            for number, data in enumerate(handle, 1):
                if data.strip():
                    yield number, data
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield number + 1, ReadFailure(str(path), number + 1, f"the file breaks off here: {exc}")


def _jsonl_item(path: Path, number: int, data: bytes | ReadFailure, prefix: str) -> Document | ReadFailure:
    if isinstance(data, ReadFailure):
        return data
    source = str(path)
    try:
        line = data.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return ReadFailure(source, number, f"not valid UTF-8 at byte {exc.start} of the line; write JSONL as UTF-8")
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(source, number, f"not valid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(item, dict):
        return ReadFailure(source, number, "a line must be a JSON object with a string field \"text\"")
    doc_id = str(item["id"]) if item.get("id") not in (None, "") else f"{prefix}:{number}"
    text = item.get("text")
    if not isinstance(text, str):
        return ReadFailure(source, number, "the object has no string field \"text\"", doc_id)
    if not text.strip():
        return ReadFailure(source, number, "the document's text is empty", doc_id)
    meta = {k: item[k] for k in META_KEYS if item.get(k) is not None}
    meta.update(source=source, line=number)
    return Document(id=doc_id, raw=text, meta=meta)
