"""The first pass of a run: line counts of the whole input, kept in the run directory.

The counts are made once; a resumed run reads them back from ``line_counts.json`` instead of
counting again, and their SHA-256 goes into the run's signature, so a run directory is never
continued with other counts. The file is written only once the run directory has accepted
the signature (:meth:`FirstPass.save`), so a refused resume leaves the old counts in place.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.corpus.line_counts import FILE_NAME, LineCounts, count_items
from pipeline.read import read_items

# how a run's input is counted: (inputs, source key, max_chars, read limits) -> (counts, characters read)
Counting = Callable[[list[Path], str, int, dict[str, int]], tuple[LineCounts, int]]


def count_here(inputs: list[Path], source_key: str, max_chars: int, limits: dict[str, int]) -> tuple[LineCounts, int]:
    """Count the input in this process, reading it as the run reads it (the same items fail)."""
    return count_items(read_items(inputs, max_chars=max_chars, **limits), source_key)


@dataclass
class FirstPass:
    counts: LineCounts
    path: Path
    reused: bool
    seconds: float = 0.0
    chars: int = 0

    @property
    def sha256(self) -> str:
        return self.counts.sha256()

    def save(self) -> Path:
        if not self.reused:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.counts.save(self.path)
        return self.path

    def summary(self) -> str:
        sources = len(self.counts.sources)
        if self.reused:
            return f"line counts of {sources} sources read from {self.path}"
        rate = self.chars / 1e6 / self.seconds if self.seconds else 0.0
        return f"line counts of {sources} sources made in {self.seconds:.1f} s ({rate:.0f} M characters/s)"


def first_pass(out: Path, inputs: list[Path], source_key: str, max_chars: int, restart: bool = False, *,
               limits: dict[str, int] | None = None, count: Counting = count_here) -> FirstPass:
    """The run's line counts: read back from ``OUT/line_counts.json`` when it holds counts by
    ``source_key`` (and the run is not restarted), else counted over ``inputs`` by ``count``
    (here, or on a cluster: :class:`pipeline.scale.ray_backend.RayLineCounting`), reading them
    with the run's ``limits`` (``max_json_depth``, ``max_line_bytes``)."""
    path = Path(out) / FILE_NAME
    if path.exists() and not restart:
        counts = LineCounts.load(path)
        if counts.source_key == source_key:
            return FirstPass(counts, path, reused=True)
    clock = time.perf_counter()
    counts, chars = count(inputs, source_key, max_chars, limits or {})
    return FirstPass(counts, path, reused=False, seconds=time.perf_counter() - clock, chars=chars)
