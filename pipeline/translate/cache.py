"""A translation cache in SQLite: the same source under the same settings is translated once.

The key is a hash of the settings signature (model identity, engine, compute type, beam,
splitting limit, stage version) and the source text, so a changed model or setting never
returns a stale translation.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pipeline.record import PairFlag

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    logprob REAL,
    flags TEXT NOT NULL
)
"""
Entry = tuple[str, float | None, list[PairFlag]]


def cache_key(signature: str, source: str) -> str:
    """The key of ``source`` under the settings ``signature``.

    >>> cache_key("m@1|torch", "Hallo.")[:12]
    '3688aa1eece2'
    """
    return hashlib.sha256(f"{signature}\n{source}".encode("utf-8")).hexdigest()


class TranslationCache:
    """``get_many`` and ``put_many`` over one SQLite file (created when missing)."""

    def __init__(self, path: str | Path, signature: str):
        self.path = Path(path)
        self.signature = signature
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute(SCHEMA)
        self._db.commit()

    def get_many(self, sources: Iterable[str]) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for source in sources:
            row = self._db.execute(
                "SELECT text, logprob, flags FROM translations WHERE key = ?", (cache_key(self.signature, source),)
            ).fetchone()
            if row:
                flags = [PairFlag(**f) for f in json.loads(row[2])]
                found[source] = (row[0], row[1], flags)
        return found

    def put_many(self, entries: dict[str, Entry]) -> None:
        rows = [
            (cache_key(self.signature, source), source, text, logprob, json.dumps([f.__dict__ for f in flags]))
            for source, (text, logprob, flags) in entries.items()
        ]
        self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)", rows)
        self._db.commit()

    def close(self) -> None:
        self._db.close()
