"""The read stage: files and directories of German articles become document records.

* ``.txt``: one document; its id is the file name without extension (the path below the
  directory, when a directory was given).
* ``.jsonl`` / ``.jsonl.gz``: one document a line, with ``text`` and optional ``id``, ``url``,
  ``title``, ``date``; a line without an id gets ``FILE:LINE``. Blank lines are not items.
* ``.html`` / ``.htm``: a saved page; its main text and metadata are extracted first.
* a directory: every file of these kinds below it, in sorted order (see
  :mod:`pipeline.read.files` for links, special files and what is not an input).

Reading never stops at a bad document: it yields a :class:`ReadFailure` that names the file,
the line and what to do, and goes on. Every input file, and every non-blank line of a JSONL
file, gives exactly one item, a document or a failure; a file that cannot be read at all (an
empty ``.jsonl.gz``, a FIFO, a broken link) gives one failure. Ids are unique within the
read (:mod:`pipeline.read.ids`); file names of any bytes are kept (:mod:`pipeline.read.names`);
line length and JSON nesting are limited (:mod:`pipeline.read.limits`). Items come in a fixed
order, so a run can be resumed by skipping the items it has done (:func:`read_items` with
``skip``); the skipped items still claim their ids, so the ids after a resume are the same.
"""

from __future__ import annotations

import json
import math
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import regex

from pipeline.read.decode import DecodeError, decode_bytes
from pipeline.read.files import Found, NotReadable, open_regular, walk
from pipeline.read.gunzip import open_gunzip
from pipeline.read.ids import IdError, UniqueIds, id_from_field
from pipeline.read.limits import DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_LINE_BYTES, LongLine, bounded_lines, too_deep
from pipeline.read.names import shown, source_fields
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
    source_bytes: str | None = None  # the file name's bytes in hex, when ``source`` shows them escaped


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
    return [(path, _stem(below)) for path, below in find_inputs(paths).entries]


def find_inputs(paths: list[Path]) -> Found:
    """The input files below ``paths`` (each gives at least one item) and how many files were
    not inputs; a path that does not exist is an :class:`InputError`."""
    found = Found()
    for path in map(Path, paths):
        if path.is_dir():
            walk(path, lambda name: _kind(Path(name)) is not None, found)
        elif os.path.lexists(path):  # a file, or something that fails with its reason when read
            found.entries.append((path, Path(path.name)))
        else:
            raise InputError(f"{shown(path)}: no such file or directory")
    return found


def _stem(relative: Path) -> str:
    name = shown(relative.as_posix())
    for suffix in (*JSONL_SUFFIXES, *HTML_SUFFIXES, *TEXT_SUFFIXES):
        if name.lower().endswith(suffix):
            stem = name[: -len(suffix)]
            return stem if stem and not stem.endswith("/") else name  # ".txt" keeps its name as its id
    return name


def read_documents(paths: list[Path], max_chars: int = DEFAULT_MAX_CHARS, **limits: int) -> Iterator[Document | ReadFailure]:
    """Documents from the given paths; unreadable ones come as :class:`ReadFailure`.
    ``limits``: ``max_json_depth``, ``max_line_bytes`` (see :func:`read_items`)."""
    return read_items(paths, skip=0, max_chars=max_chars, **limits)


def read_items(
    paths: list[Path],
    skip: int = 0,
    max_chars: int = DEFAULT_MAX_CHARS,
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    fields: tuple[str, ...] = (),
) -> Iterator[Document | ReadFailure]:
    """Like :func:`read_documents`, without reading the first ``skip`` items again.

    A JSONL line longer than ``max_line_bytes`` (without its line break), or whose arrays and
    objects nest deeper than ``max_json_depth``, fails alone with the reason. The JSONL
    ``fields`` named are kept in ``meta["fields"]`` (for :mod:`pipeline.read.reference`)."""
    skipped = 0
    ids = UniqueIds()
    for path, doc_id in expand_inputs(paths):
        kind = _kind(path) or "txt"
        if kind == "jsonl":
            for number, data in _jsonl_lines(path, max_line_bytes):
                item = _unique(ids, _jsonl_item(path, number, data, doc_id, max_json_depth, fields))
                if skipped < skip:
                    skipped += 1
                    continue
                yield _limit(item, max_chars)
            continue
        if skipped < skip:  # the id of a file is its name, so it is claimed without reading
            ids.claim(doc_id)
            skipped += 1
            continue
        yield _limit(_unique(ids, _read_file(path, doc_id, kind, max_chars)), max_chars)


def _unique(ids: UniqueIds, item: Document | ReadFailure) -> Document | ReadFailure:
    """The item with an id no earlier item of the read has; a document keeps its input's id in
    ``meta.original_id`` when that changed it."""
    if item.id is None:
        return item
    unique = ids.claim(item.id)
    if unique != item.id:
        if isinstance(item, Document):
            item.meta["original_id"] = item.id
        item.id = unique
    return item


def read_slice(
    path: Path, doc_id: str, first_line: int = 1, last_line: int | None = None, offset: int = 0,
    max_chars: int = DEFAULT_MAX_CHARS, max_json_depth: int = DEFAULT_MAX_JSON_DEPTH,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
) -> Iterator[Document | ReadFailure]:
    """The items of one input file as :func:`read_items` makes them; of a JSONL file only lines
    ``first_line`` to ``last_line``, read from byte ``offset`` (where ``first_line`` starts), so
    that many processes can each read a slice of one file. ``doc_id`` is the id (a JSONL
    file's id prefix) that :func:`expand_inputs` gives the file."""
    kind = _kind(path) or "txt"
    if kind != "jsonl":
        yield _limit(_read_file(path, doc_id, kind, max_chars), max_chars)
        return
    for number, data in _jsonl_lines(path, max_line_bytes, max(first_line, 1), offset):
        if last_line is not None and number > last_line:
            return
        yield _limit(_jsonl_item(path, number, data, doc_id, max_json_depth), max_chars)


def _limit(item: Document | ReadFailure, max_chars: int) -> Document | ReadFailure:
    if isinstance(item, Document) and len(item.raw) > max_chars:
        return ReadFailure(
            item.meta.get("source", ""),
            item.meta.get("line"),
            f"document has {len(item.raw):,} characters, more than the limit of {max_chars:,}; "
            f"split it into several documents or raise --max-doc-chars",
            item.id,
            item.meta.get("source_bytes"),
        )
    return item


def _skip_bytes(handle: IO[bytes], count: int) -> None:
    """Move ``count`` bytes on: a seek where the stream can, else reading past them (a
    decompressed stream)."""
    if handle.seekable():
        handle.seek(count)
        return
    while count > 0:
        data = handle.read(min(count, 1 << 20))
        if not data:
            raise EOFError("the file ends before the slice starts")
        count -= len(data)


def _failure(path: Path, line: int | None, reason: str, doc_id: str | None = None) -> ReadFailure:
    names = source_fields(path)
    return ReadFailure(names["source"], line, reason, doc_id, names.get("source_bytes"))


def _read_file(path: Path, doc_id: str, kind: str, max_chars: int = DEFAULT_MAX_CHARS) -> Document | ReadFailure:
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            if kind == "txt" and size > 4 * max_chars:  # no encoding takes more than 4 bytes a character
                return _failure(path, None, f"the file has {size:,} bytes, more than {max_chars:,} characters "
                                f"(the limit) can take; split it or raise --max-doc-chars", doc_id)
            data = handle.read()
    except NotReadable as exc:
        return _failure(path, None, str(exc), doc_id)
    except OSError as exc:
        return _failure(path, None, f"cannot read the file: {exc.strerror}", doc_id)
    if not data.strip():
        return _failure(path, None, "the file is empty", doc_id)
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failure(path, None, str(exc), doc_id)
    meta = {**source_fields(path), "encoding": decoded.encoding}
    text = decoded.text
    if kind == "html":
        from pipeline.read.html import NoMainText, extract_html

        try:
            text, page_meta = extract_html(text)
        except NoMainText as exc:
            return _failure(path, None, str(exc), doc_id)
        meta.update(page_meta, format="html")
    return Document(id=doc_id, raw=text, meta=meta, flags=decoded.flags())


def _open(path: Path) -> IO[bytes]:
    handle = open_regular(path)
    return open_gunzip(handle) if path.name.lower().endswith(".gz") else handle


def _jsonl_lines(
    path: Path, max_bytes: int = DEFAULT_MAX_LINE_BYTES, first: int = 1, offset: int = 0
) -> Iterator[tuple[int, bytes | LongLine | ReadFailure]]:
    """(line number, bytes) for every non-blank line from line ``first``, which starts at byte
    ``offset`` of the (uncompressed) file; a file that breaks off yields a failure, and so does
    a file that cannot be opened or, read from its start, holds no line at all."""
    try:
        handle = _open(path)
    except NotReadable as exc:
        yield 0, _failure(path, None, str(exc))
        return
    except OSError as exc:
        yield 0, _failure(path, None, f"cannot read the file: {exc.strerror}")
        return
    number, lines = first - 1, 0
    with handle:
        try:
            if offset:
                _skip_bytes(handle, offset)
            for number, data in enumerate(bounded_lines(handle, max_bytes), first):
                if isinstance(data, LongLine) or data.strip():
                    lines += 1
                    yield number, data
        except EOFError as exc:
            yield number + 1, _failure(path, number + 1, f"the file breaks off here: {exc}")
            return
        except zlib.error as exc:
            yield number + 1, _failure(path, number + 1, f"the compressed data is damaged here ({exc}); "
                                       f"is it a gzip file?")
            return
        except OSError as exc:
            yield number + 1, _failure(path, number + 1, f"the file cannot be read past here: {exc.strerror or exc}")
            return
    if not lines and first == 1:
        yield 0, _failure(path, None, "the file holds no documents (it is empty or blank)"
                          if number == 0 else "the file holds only blank lines")


LONE_SURROGATE_ESCAPE = regex.compile(r"\\u[dD][89a-fA-F]")


def _jsonl_item(path: Path, number: int, data: bytes | LongLine | ReadFailure, prefix: str,
                max_depth: int = DEFAULT_MAX_JSON_DEPTH, fields: tuple[str, ...] = ()) -> Document | ReadFailure:
    if isinstance(data, ReadFailure):
        return data
    if isinstance(data, LongLine):
        return _failure(path, number, f"the line has {data.size:,} bytes, more than the limit; "
                        f"split the document or raise --max-line-bytes")
    try:
        line = data.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return _failure(path, number, f"not valid UTF-8 at byte {exc.start} of the line; write JSONL as UTF-8")
    depth = too_deep(data, max_depth)
    if depth is not None:
        return _failure(path, number, f"arrays and objects nest {depth:,} deep, more than the limit of "
                        f"{max_depth:,}; flatten the record or raise --max-json-depth")
    try:
        item = json.loads(line, parse_constant=_no_constant, parse_float=_finite)
    except ValueError as exc:  # JSONDecodeError, and numbers JSON should not hold
        if isinstance(exc, json.JSONDecodeError):
            return _failure(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})")
        return _failure(path, number, f"not valid JSON ({str(exc).split(': ')[0]})")
    except RecursionError:
        return _failure(path, number, "nested too deeply to parse; flatten the record or lower --max-json-depth")
    if not isinstance(item, dict):
        return _failure(path, number, "a line must be a JSON object with a string field \"text\"")
    try:
        given = id_from_field(item.get("id"))
    except IdError as exc:
        return _failure(path, number, f"{exc}; give each record a string id, or none")
    doc_id = given if given is not None else f"{prefix}:{number}"
    text = item.get("text")
    if not isinstance(text, str):
        return _failure(path, number, "the object has no string field \"text\"", doc_id)
    if not text.strip():
        return _failure(path, number, "the document's text is empty", doc_id)
    meta = {k: item[k] for k in META_KEYS if item.get(k) is not None}
    meta.update(source_fields(path), line=number)
    if fields:
        meta["fields"] = {k: item[k] for k in fields if k in item}
    if LONE_SURROGATE_ESCAPE.search(line):
        problem = _not_text(doc_id, text, meta)
        if problem:
            return _failure(path, number, problem, None if problem.startswith("the id") else doc_id)
    return Document(id=doc_id, raw=text, meta=meta)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"the number {literal[:20]} is too large")
    return value


def _not_text(doc_id: str, text: str, meta: dict) -> str | None:
    """What holds a lone surrogate (a ``\\uD800``-style escape that is half a character)."""
    for what, value in (("the id", doc_id), ("the text", text), ("the metadata", json.dumps(meta, ensure_ascii=False))):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"{what} holds half of a UTF-16 surrogate pair (\\u{ord(value[exc.start]):04x} at character "
                    f"{exc.start}), which is not text; fix the escape in the input")
    return None
