"""Counting lines across the documents of each source: hashes, not text.

A line is normalised (white space collapsed, case folded, digits taken as one digit, so
``12 Kommentare`` and ``3 Kommentare`` are one line) and hashed to 64 bits; a document adds
one to the count of each distinct line hash it holds. :class:`LineCounts` are mergeable
(``a.merge(b)``), so counts of batches made anywhere — worker processes, Ray tasks — add up
to the counts of the whole input. :func:`count_documents` counts one batch.

>>> counts = count_documents([Document("a", "Menü\\nText eins."), Document("b", "Menü\\nText zwei.")], "folder")
>>> counts.sources[""].documents, counts.count("", "menü")
(2, 2)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import xxhash

from pipeline.record import Document

SOURCE_KEYS = ("url", "folder")
FILE_NAME = "line_counts.json"
FORMAT = 2


def source_of(meta: dict, key: str) -> str:
    """The source a document belongs to: the host of ``meta['url']`` (without ``www.``) for
    ``url``, the folder of the input file for ``folder``; ``url`` falls back to the folder.

    >>> source_of({"url": "https://www.Beispiel.de/a/b", "source": "in/x.jsonl"}, "url")
    'beispiel.de'
    >>> source_of({"source": "in/site-a/x.txt"}, "url")
    'in/site-a'
    """
    if key == "url":
        url = meta.get("url")
        if isinstance(url, str) and url:
            host = _host(url)
            if host:
                return host[4:] if host.startswith("www.") else host
    source = meta.get("source")
    return _folder(source) if isinstance(source, str) and source else ""


def _host(url: str) -> str:
    """The host of a URL, lower case (string operations: ``urlsplit`` costs more than hashing a page).

    >>> _host("HTTPS://user@Www.Example.de:8080/a?b#c"), _host("example.de/x")
    ('www.example.de', 'example.de')
    """
    rest = url.split("://", 1)[1] if "://" in url else url.lstrip("/")
    for end in "/?#":
        rest = rest.split(end, 1)[0]
    rest = rest.rsplit("@", 1)[-1]
    if not rest.startswith("["):
        rest = rest.split(":", 1)[0]
    return rest.lower()


@lru_cache(maxsize=4096)
def _folder(source: str) -> str:
    return Path(source).parent.as_posix()


# work on UTF-8 bytes: digits become 0, tabs and other control spaces a space, ASCII letters
# lower case; then runs of spaces and of zeros are one. Bytes keep the first pass fast.
_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_TABLE = bytes.maketrans(b"123456789\t\r\f\v" + _UPPER, b"000000000    " + _UPPER.lower())  # one pass: ASCII lower case too
_SPACES = re.compile(rb"  +")
_ZEROS = re.compile(rb"00+")


def _normalised_bytes(text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass").translate(_TABLE)
    if b"  " in data:  # a fast scan first: most texts have neither
        data = _SPACES.sub(b" ", data)
    if b"00" in data:
        data = _ZEROS.sub(b"0", data)
    return data


def normalise_line(line: str) -> str:
    """The form a line is counted in (the same for a line alone and inside a text).

    >>> normalise_line("  Teilen  auf   FACEBOOK (12) ")
    'teilen auf facebook (0)'
    """
    return _normalised_bytes(line).strip().decode("utf-8", "surrogatepass")


def line_hash(line: str) -> int:
    """The 64-bit hash a line is counted by."""
    return xxhash.xxh3_64_intdigest(_normalised_bytes(line).strip())


def line_hashes(text: str) -> list[tuple[int | None, bool]]:
    """For every line of ``text`` (split at ``\\n``): its hash (None for a blank line) and
    whether it starts in the top half of the text (by length: a long menu of short lines
    does not push the article's headline into the lower half)."""
    data = _normalised_bytes(text)
    lines = data.split(b"\n")
    top = data.count(b"\n", 0, len(data) // 2) + 1  # lines starting in the first half
    return [(xxhash.xxh3_64_intdigest(s) if (s := line.strip()) else None, i < top) for i, line in enumerate(lines)]


def document_line_hashes(text: str) -> tuple[set[int], set[int]]:
    """The distinct hashes of a text's non-blank lines, and those of them that occur in the
    top half of the text (as :func:`line_hashes` splits it)."""
    data = _normalised_bytes(text)
    lines = data.split(b"\n")
    top = data.count(b"\n", 0, len(data) // 2) + 1
    hash_ = xxhash.xxh3_64_intdigest
    upper = {hash_(s) for line in lines[:top] if (s := line.strip())}
    return upper | {hash_(s) for line in lines[top:] if (s := line.strip())}, upper


@dataclass
class SourceCounts:
    documents: int = 0
    lines: Counter = field(default_factory=Counter)  # line hash -> documents holding it
    top: Counter = field(default_factory=Counter)  # line hash -> documents holding it in their top half


@dataclass
class LineCounts:
    """Per source: how many documents, and in how many of them each line hash occurs."""

    source_key: str = "url"
    sources: dict[str, SourceCounts] = field(default_factory=dict)

    def add(self, source: str, hashes: tuple[set[int], set[int]]) -> None:
        """Count one document: its distinct line hashes, and those in its top half."""
        counts = self.sources.get(source)
        if counts is None:
            counts = self.sources[source] = SourceCounts()
        counts.documents += 1
        every, top = hashes
        counts.lines.update(every)
        counts.top.update(top)

    def merge(self, other: LineCounts) -> LineCounts:
        """Add ``other`` into these counts (same source key) and return them."""
        if other.source_key != self.source_key:
            raise ValueError(f"cannot merge line counts by {other.source_key!r} into counts by {self.source_key!r}")
        for source, theirs in other.sources.items():
            mine = self.sources.setdefault(source, SourceCounts())
            mine.documents += theirs.documents
            mine.lines.update(theirs.lines)
            mine.top.update(theirs.top)
        return self

    def count(self, source: str, line: str) -> int:
        """In how many documents of ``source`` the line occurs."""
        counts = self.sources.get(source)
        return counts.lines.get(line_hash(line), 0) if counts else 0

    # -- the file in the run directory ----------------------------------------------

    def to_bytes(self) -> bytes:
        """The counts as a JSON file; only lines in two documents or more are kept."""
        data = {
            "format": FORMAT,
            "source_key": self.source_key,
            "sources": {
                source: {
                    "documents": c.documents,
                    # hash: [documents, documents where it stands in the top half]
                    "lines": {f"{h:016x}": [n, c.top.get(h, 0)] for h, n in sorted(c.lines.items()) if n >= 2},
                }
                for source, c in sorted(self.sources.items())
            },
        }
        return (json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")

    def sha256(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()

    def save(self, path: Path) -> Path:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(self.to_bytes())
        os.replace(tmp, path)
        return path

    @classmethod
    def load(cls, path: Path) -> LineCounts:
        try:
            data = json.loads(Path(path).read_bytes())
            counts = cls(data["source_key"])
            for source, body in data["sources"].items():
                lines = {int(h, 16): pair for h, pair in body["lines"].items()}
                counts.sources[source] = SourceCounts(
                    body["documents"],
                    Counter({h: n for h, (n, _) in lines.items()}),
                    Counter({h: top for h, (_, top) in lines.items() if top}),
                )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(
                f"{path}: not a line counts file ({exc}); delete it and run again to count the input anew"
            ) from None
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: line counts format {data.get('format')!r}, this version reads {FORMAT}; delete it and run again")
        return counts


def count_documents(docs: Iterable[Document], source_key: str = "url") -> LineCounts:
    """The line counts of a batch of documents (anything else in ``docs`` is skipped)."""
    if source_key not in SOURCE_KEYS:
        raise ValueError(f"source key must be one of {', '.join(SOURCE_KEYS)}, not {source_key!r}")
    return count_items(iter(docs), source_key)[0]


def merge_counts(parts: Iterable[LineCounts]) -> LineCounts:
    """The sum of batch counts (for a distributed aggregation: map :func:`count_documents`, reduce with this)."""
    total: LineCounts | None = None
    for part in parts:
        total = part if total is None else total.merge(part)
    return total if total is not None else LineCounts()


class _Gathered:
    """Line hashes of many documents gathered per source, added to the counts in bulk: a sort
    of the hashes (numpy) and one update per distinct hash, instead of a ``Counter`` update
    per document, which is most of the first pass's time otherwise."""

    FLUSH = 1 << 20  # hashes a source gathers before they are added (8 bytes each)

    def __init__(self, counts: LineCounts):
        self.counts = counts
        self.pending: dict[str, tuple[list[int], array, array]] = {}  # source -> ([documents], every, top)

    def add(self, source: str, hashes: tuple[set[int], set[int]]) -> None:
        pending = self.pending.get(source)
        if pending is None:
            pending = self.pending[source] = ([0], array("Q"), array("Q"))
        pending[0][0] += 1
        pending[1].extend(hashes[0])
        pending[2].extend(hashes[1])
        if len(pending[1]) >= self.FLUSH:
            self._flush(source)

    def flush(self) -> LineCounts:
        for source in list(self.pending):
            self._flush(source)
        return self.counts

    def _flush(self, source: str) -> None:
        (documents,), every, top = self.pending.pop(source)
        counts = self.counts.sources.get(source)
        if counts is None:
            counts = self.counts.sources[source] = SourceCounts()
        counts.documents += documents
        _add_all(counts.lines, every)
        _add_all(counts.top, top)


def _add_all(counter: Counter, hashes: array) -> None:
    """Add one to ``counter`` for every hash in ``hashes``."""
    if hashes:
        keys, times = np.unique(np.frombuffer(hashes, dtype=np.uint64), return_counts=True)
        counter.update(dict(zip(keys.tolist(), times.tolist())))


def count_items(items: Iterator, source_key: str) -> tuple[LineCounts, int]:
    """Counts over a stream of read items, and the number of characters read."""
    gathered = _Gathered(LineCounts(source_key))
    chars = 0
    for item in items:
        if isinstance(item, Document):
            gathered.add(source_of(item.meta, source_key), document_line_hashes(item.raw))
            chars += len(item.raw)
    return gathered.flush(), chars
