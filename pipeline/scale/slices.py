"""The inputs of a run as shards: runs of input items that workers read for themselves.

The driver only lists: for each input file where its items are (a JSONL file's non-blank
lines, with the byte offset where each starts; one item for any other file), and cuts the
items of the whole run, in input order, into shards of at most ``size`` items. A shard is a
few *pieces* (a file, or a range of lines of a JSONL file) and is named by the run's index
of its first item, so the same inputs always give the same shards, and a run resumed after
``skip`` items (a shard boundary) cuts the rest exactly as before. A worker reads a shard
with :func:`read_shard`, which yields the same items :func:`pipeline.read.read_items` does.
"""

from __future__ import annotations

import zlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.read.ids import UniqueIds
from pipeline.read.inputs import DEFAULT_MAX_CHARS, ReadFailure, _kind, _open, expand_inputs, read_slice
from pipeline.record import Document


class InputChangedError(RuntimeError):
    """A worker found another number of items in a shard than the driver listed."""


@dataclass(frozen=True)
class Piece:
    """Items of one file: for JSONL lines ``first_line`` to ``last_line`` (from byte
    ``offset``); for any other file the file itself (lines 0)."""

    path: str
    doc_id: str
    first_line: int = 0
    last_line: int = 0
    offset: int = 0


@dataclass(frozen=True)
class Shard:
    first: int  # index of its first item among all the run's input items
    count: int
    pieces: tuple[Piece, ...]
    # (position in the shard, id): items whose id repeats an earlier item's id of the run get
    # the unique id the local reader gives them (``a~2``), which only the driver, seeing the
    # whole input in order, can know
    renames: tuple[tuple[int, str], ...] = ()

    def to_json(self) -> str:
        return json.dumps({"pieces": [asdict(p) for p in self.pieces], "renames": self.renames}, ensure_ascii=False)

    @staticmethod
    def from_json(text: str) -> tuple[list[Piece], list[tuple[int, str]]]:
        data = json.loads(text)
        return [Piece(**p) for p in data["pieces"]], [tuple(r) for r in data["renames"]]


def jsonl_positions(path: Path) -> Iterator[tuple[int, int]]:
    """(line number, byte offset) of every item of a JSONL file, as the reader counts them:
    each non-blank line, one item where the file breaks off, one if it cannot be opened or
    holds no line at all (line 0: the reader reads such a file whole and gives its failure)."""
    try:
        handle = _open(path)
    except OSError:
        yield 0, 0
        return
    number, offset, lines = 0, 0, 0
    with handle:
        try:
            for number, data in enumerate(handle, 1):
                if data.strip():
                    lines += 1
                    yield number, offset
                offset += len(data)
        except (OSError, EOFError, zlib.error):
            yield number + 1, offset
            return
    if not lines:
        yield 0, 0


def _positions(paths: list[Path], limits: dict[str, int]) -> Iterator[tuple[str, str, int, int, str | None]]:
    """(path, id prefix, line, offset, the item's id as read) of every input item."""
    for path, doc_id in expand_inputs(paths):
        if (_kind(path) or "txt") == "jsonl":
            positions = list(jsonl_positions(path))
            ids = [item.id for item in read_slice(path, doc_id, **limits)]
            if len(ids) != len(positions):
                raise InputChangedError(f"{path}: found {len(ids)} input items where {len(positions)} lines were "
                                        f"listed; an input changed while the run listed it. Run it again")
            for (line, offset), item_id in zip(positions, ids):
                yield str(path), doc_id, line, offset, item_id
        else:  # a file's id is its name (as :func:`pipeline.read.read_items` claims it)
            yield str(path), doc_id, 0, 0, doc_id


def plan_shards(paths: list[Path], size: int, skip: int = 0, **limits: int) -> list[Shard]:
    """The run's items after the first ``skip``, cut into shards of ``size`` items.

    The driver reads the JSONL lines' ids here (JSON only; no cleaning), so that a repeated
    id is made unique exactly as the local reader makes it, whatever worker reads the item."""
    if size < 1:
        raise ValueError("a shard holds at least one item")
    shards: list[Shard] = []
    pieces: list[Piece] = []
    renames: list[tuple[int, str]] = []
    ids = UniqueIds()
    first = count = 0
    for index, (path, doc_id, line, offset, item_id) in enumerate(_positions(paths, limits)):
        unique = ids.claim(item_id) if item_id is not None else None
        if index < skip:
            continue
        if count == 0:
            first, pieces, renames = index, [], []
        if unique != item_id:
            renames.append((count, unique))
        last = pieces[-1] if pieces else None
        if last and last.path == path and line and last.last_line and line > last.last_line:
            pieces[-1] = Piece(path, doc_id, last.first_line, line, last.offset)
        else:
            pieces.append(Piece(path, doc_id, line, line, offset))
        count += 1
        if count == size:
            shards.append(Shard(first, count, tuple(pieces), tuple(renames)))
            count = 0
    if count:
        shards.append(Shard(first, count, tuple(pieces), tuple(renames)))
    return shards


def read_shard(
    pieces: list[Piece], count: int, max_chars: int = DEFAULT_MAX_CHARS,
    renames: list[tuple[int, str]] | tuple[tuple[int, str], ...] = (), **limits: int
) -> list[Document | ReadFailure]:
    """The items of a shard, read from its files, with the unique ids the driver gave them
    (``renames``); an error if they are not ``count`` items. ``limits``: ``max_json_depth``,
    ``max_line_bytes`` (see :func:`pipeline.read.read_items`)."""
    items = [
        item
        for p in pieces
        for item in read_slice(Path(p.path), p.doc_id, p.first_line, p.last_line or None, p.offset, max_chars, **limits)
    ]
    if len(items) != count:
        where = ", ".join(f"{p.path}:{p.first_line}-{p.last_line}" if p.first_line else p.path for p in pieces)
        raise InputChangedError(
            f"{where}: found {len(items)} input items where the run listed {count}; an input changed during "
            f"the run. Leave inputs unchanged while a run uses them, and start it over with --restart"
        )
    for position, unique in renames:
        item = items[position]
        if isinstance(item, Document):
            item.meta["original_id"] = item.id
        item.id = unique
    return items
