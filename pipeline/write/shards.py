"""Shard files: the output of a run written piece by piece by many workers, then put together.

A worker writes the finished records of a run of input items as a *part* in the run
directory's ``shards/`` folder: the lines its items add to ``documents.jsonl``, ``pairs.tsv``
and ``errors.jsonl``, each file written under a temporary name and renamed, so a part is
there whole or not at all. When the parts of a shard cover all its items, a *marker*
``shards/FIRST.done`` names them with the counts they add; it is written last, so a shard
with a marker is complete, and a run started again skips it. A marker carries a key of the
run's settings, so no shard of a run with other settings is ever used.

Parts and markers are written the same way whoever writes them: a part written twice (a
task that Ray ran again after its worker died) has the same name and the same bytes.

:meth:`ShardStore.append_to` puts complete shards, in input order, into the run directory's
files through :class:`~pipeline.write.RunDirectory`, whose journal makes that step
resumable too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.record import Document
from pipeline.write.run_dir import COUNTS, DOCUMENTS, ERRORS, OUTPUTS, PAIRS, RunDirectory, WrittenDocument

SHARDS = "shards"


def settings_key(signature: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(signature, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


@dataclass
class Part:
    """What one part added: its first item, its number of items, the counts it adds."""

    shard: int
    first: int
    items: int
    counts: dict[str, int]
    extra: dict[str, int] = field(default_factory=dict)  # e.g. translation counts

    def to_dict(self) -> dict[str, Any]:
        return {"shard": self.shard, "first": self.first, "items": self.items, "counts": self.counts, "extra": self.extra}


def render(results: Iterable[Document | WrittenDocument | dict[str, Any]]) -> tuple[dict[str, bytes], dict[str, int]]:
    """The bytes a batch of results adds to each output file, and its counts, exactly as
    :meth:`RunDirectory.commit` would write them."""
    docs, pairs, errors = [], [], []
    counts = dict.fromkeys(COUNTS, 0)
    for result in results:
        if isinstance(result, Document | WrittenDocument):
            written = WrittenDocument.of(result) if isinstance(result, Document) else result
            docs.append(written.json_line)
            pairs.append(written.tsv_rows)
            counts["documents"] += 1
            counts["sentences"] += written.sentences
            counts["pairs"] += written.pairs
            counts["edits"] += written.edits
            counts["flagged"] += written.flagged
        else:
            errors.append(json.dumps(result, ensure_ascii=False) + "\n")
            counts["failed"] += 1
        counts["items"] += 1
    texts = {DOCUMENTS: "".join(docs), PAIRS: "".join(pairs), ERRORS: "".join(errors)}
    return {name: text.encode("utf-8") for name, text in texts.items()}, counts


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class ShardStore:
    """The ``shards/`` folder of run directory ``out`` for the run with settings ``key``."""

    def __init__(self, out: Path, key: str):
        self.root = Path(out) / SHARDS
        self.key = key

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _shard_dir(self, shard: int) -> Path:
        return self.root / f"{shard:012d}"

    def _part_path(self, shard: int, first: int, items: int, name: str) -> Path:
        return self._shard_dir(shard) / f"{first:012d}-{items}.{name}"

    def _marker(self, shard: int) -> Path:
        return self.root / f"{shard:012d}.done"

    # -- on the workers -------------------------------------------------------------

    def write_part(self, shard: int, first: int, results: list[Any], extra: dict[str, int] | None = None) -> Part:
        """Write the results of items ``first`` … of shard ``shard`` as one part."""
        texts, counts = render(results)
        self._shard_dir(shard).mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:
            _write_atomic(self._part_path(shard, first, len(results), name), texts[name])
        return Part(shard, first, len(results), counts, dict(extra or {}))

    def complete(self, shard: int, items: int, parts: list[Part]) -> bool:
        """Write the shard's marker if ``parts`` cover its ``items`` items; say whether they did."""
        parts = sorted(parts, key=lambda p: p.first)
        position = shard
        for part in parts:
            if part.first != position:
                return False
            position += part.items
        if position != shard + items:
            return False
        counts = Counter(dict.fromkeys(COUNTS, 0))
        extra: Counter[str] = Counter()
        for part in parts:
            counts.update(part.counts)
            extra.update(part.extra)
        marker = {"key": self.key, "shard": shard, "items": items, "parts": [[p.first, p.items] for p in parts],
                  "counts": dict(counts), "extra": dict(extra)}
        self.root.mkdir(parents=True, exist_ok=True)
        _write_atomic(self._marker(shard), (json.dumps(marker) + "\n").encode("utf-8"))
        return True

    # -- on the driver --------------------------------------------------------------

    def marker(self, shard: int, items: int) -> dict[str, Any] | None:
        """The marker of a complete shard of this run, or None."""
        try:
            marker = json.loads(self._marker(shard).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if marker.get("key") != self.key or marker.get("items") != items:
            return None
        if not all(self._part_path(shard, f, n, name).exists() for f, n in marker["parts"] for name in OUTPUTS):
            return None
        return marker

    def append_to(self, run_dir: RunDirectory, marker: dict[str, Any], finish=None) -> None:
        """Append a complete shard to the run directory's files, then remove its files.
        ``finish(texts, counts) -> (texts, counts)`` may change the joined outputs first."""
        shard = marker["shard"]
        texts = {
            name: b"".join(self._part_path(shard, f, n, name).read_bytes() for f, n in marker["parts"])
            for name in OUTPUTS
        }
        counts = marker["counts"]
        if finish is not None:
            texts, counts = finish(texts, counts)
        run_dir.append_written(texts, counts)
        shutil.rmtree(self._shard_dir(shard), ignore_errors=True)
        self._marker(shard).unlink(missing_ok=True)
