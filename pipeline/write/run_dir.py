"""A run directory that survives being killed: appends per batch, a journal, resume.

Each batch of results is appended to ``documents.jsonl``, ``pairs.tsv`` and ``errors.jsonl``
and handed to the operating system; only then a line is appended to ``progress.jsonl`` with
how many input items are done and how long each output file is. On start, the last complete
journal line whose sizes the files reach says what is valid: longer files are cut back to it
(a torn line from a kill disappears) and the reader skips the items already done. So a run
killed at any moment and started again gives exactly the output of a run that was never
interrupted. Files are also synced to the disk every few seconds and at the end, so that
after a power loss the run resumes from the last synced batch.

Everything is written as UTF-8 and nothing can fail to encode: the one kind of character
UTF-8 cannot hold, a lone surrogate (what Python makes of a file name that is not UTF-8),
is written as its ``\\uXXXX`` escape (:data:`ENCODE_ERRORS`), which in the JSON files reads
back as the same string. The characters other than ``\\n`` that some readers take for a line
break (U+0085, U+2028, U+2029; JSON escapes the control characters itself) are escaped too,
so a record is one line for any reader.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.align.reference import reference_counts
from pipeline.record import Document
from pipeline.rundir.names import DOCUMENTS, ERRORS, JOURNAL, PAIRS  # the names the reader knows too
from pipeline.write.outputs import PAIRS_COLUMNS, pair_rows, tsv_field

OUTPUTS = (DOCUMENTS, PAIRS, ERRORS)
COUNTS = ("items", "documents", "failed", "flagged", "sentences", "pairs", "edits")
REFERENCE_COUNTS = ("reference_missing", "unaligned_src", "unaligned_tgt")  # reference runs
SYNC_SECONDS = 5.0
ENCODE_ERRORS = "backslashreplace"
LINE_BREAKS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(text: str) -> str:
    """A JSON text as one line for every reader (escapes the line breaks JSON leaves raw).

    >>> json_line('{"a": "x\u2028y"}')
    '{"a": "x\\\\u2028y"}'
    """
    return text.translate(LINE_BREAKS) if ("\u0085" in text or "\u2028" in text or "\u2029" in text) else text


@dataclass(frozen=True)
class WrittenDocument:
    """A finished document as the run directory stores it: its ``documents.jsonl`` line, its
    ``pairs.tsv`` rows and what it adds to the counts. Worker processes make these, so the
    process that writes only writes."""

    json_line: str
    tsv_rows: str
    sentences: int
    pairs: int
    edits: int
    flagged: bool
    reference: tuple[int, int, int] = (0, 0, 0)  # REFERENCE_COUNTS of the document

    @classmethod
    def of(cls, doc: Document) -> WrittenDocument:
        return cls(
            json_line=json_line(doc.to_json()) + "\n",
            tsv_rows="".join("\t".join(tsv_field(v) for v in row) + "\n" for row in pair_rows(doc)),
            sentences=len(doc.sentences),
            pairs=len(doc.pairs),
            edits=len(doc.edits),
            flagged=bool(doc.flags or any(p.flags for p in doc.pairs)),
            reference=reference_counts(doc),
        )


def add_counts(counts: dict[str, int], doc: WrittenDocument) -> None:
    """Add what a written document contributes to a run's counts (documents, sentences,
    pairs, edits, flagged, and the reference counts where it has them)."""
    counts["documents"] += 1
    counts["sentences"] += doc.sentences
    counts["pairs"] += doc.pairs
    counts["edits"] += doc.edits
    counts["flagged"] += doc.flagged
    for key, value in zip(REFERENCE_COUNTS, doc.reference):
        if value:
            counts[key] = counts.get(key, 0) + value


class ResumeError(ValueError):
    """The run directory holds a run with other settings; the message says what to do."""


class OutputError(ValueError):
    """The run directory cannot be created or written."""


class RunDirectory:
    """Open (or resume) a run directory for settings ``signature``."""

    def __init__(self, out: Path, signature: dict[str, Any], restart: bool = False):
        self.out = Path(out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise OutputError(f"{self.out} exists and is not a directory; choose another --out") from None
        except OSError as exc:
            raise OutputError(f"cannot create the run directory {self.out}: {exc.strerror}") from None
        self.signature = signature
        if restart:
            for name in (*OUTPUTS, JOURNAL, "run.json"):
                (self.out / name).unlink(missing_ok=True)
        state = self._recover()
        if state is None:
            self._start()
        else:
            if state["signature"] != signature:
                changed = sorted(k for k in set(signature) | set(state["signature"])
                                 if signature.get(k) != state["signature"].get(k))
                raise ResumeError(
                    f"{self.out} holds a run with other settings ({', '.join(changed)} differ); "
                    f"pass --restart to start it over, or choose another --out"
                )
            self.counts = state["counts"]
        self.resumed = state is not None and self.counts["items"] > 0
        self._handles = {name: (self.out / name).open("ab") for name in OUTPUTS}
        self._journal = (self.out / JOURNAL).open("ab")
        self._synced = time.monotonic()

    @property
    def items_done(self) -> int:
        return self.counts["items"]

    # -- writing ------------------------------------------------------------------

    def commit(self, results: list[Document | WrittenDocument | dict[str, Any]]) -> None:
        """Append one batch: documents, or failure dicts (``{"id", "stage", "reason", ...}``)."""
        docs, pairs, errors = [], [], []
        for result in results:
            if isinstance(result, Document | WrittenDocument):
                written = WrittenDocument.of(result) if isinstance(result, Document) else result
                docs.append(written.json_line)
                pairs.append(written.tsv_rows)
                self._count(written)
            else:
                errors.append(json_line(json.dumps(result, ensure_ascii=False)) + "\n")
                self.counts["failed"] += 1
            self.counts["items"] += 1
        for name, lines in ((DOCUMENTS, docs), (PAIRS, pairs), (ERRORS, errors)):
            if lines:
                self._handles[name].write("".join(lines).encode("utf-8", ENCODE_ERRORS))
        self._end_batch()

    def append_written(self, texts: dict[str, bytes], counts: dict[str, int]) -> None:
        """Append output put together elsewhere (a shard that workers wrote): the bytes for
        each output file and the counts they add; journaled like a batch."""
        for name in OUTPUTS:
            if texts.get(name):
                self._handles[name].write(texts[name])
        for key in COUNTS:
            self.counts[key] += counts.get(key, 0)
        self._end_batch()

    def _end_batch(self) -> None:
        sync = time.monotonic() - self._synced > SYNC_SECONDS
        for handle in self._handles.values():
            _flush(handle, sync)
        self._journal.write(self._journal_line())
        _flush(self._journal, sync)
        if sync:
            self._synced = time.monotonic()

    def close(self, run_info: dict[str, Any]) -> Path:
        for handle in (*self._handles.values(), self._journal):
            _flush(handle, sync=True)
            handle.close()
        path = self.out / "run.json"
        info = {**self.signature, **run_info, "counts": self.counts}
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", errors=ENCODE_ERRORS)
        os.replace(tmp, path)
        return path

    # -- internals ----------------------------------------------------------------

    def _count(self, doc: WrittenDocument) -> None:
        add_counts(self.counts, doc)

    def _start(self) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        for name in OUTPUTS:
            (self.out / name).write_bytes(b"")
        (self.out / PAIRS).write_text("\t".join(PAIRS_COLUMNS) + "\n", encoding="utf-8")
        with (self.out / JOURNAL).open("wb") as journal:
            journal.write(self._journal_line(first=True))
            _flush(journal, sync=True)

    def _journal_line(self, first: bool = False) -> bytes:
        entry: dict[str, Any] = {"counts": self.counts, "sizes": self._sizes()}
        if first:
            entry["signature"] = self.signature
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8", ENCODE_ERRORS)

    def _sizes(self) -> dict[str, int]:
        return {name: (self.out / name).stat().st_size for name in OUTPUTS}

    def _recover(self) -> dict[str, Any] | None:
        """The last complete journal entry, with the outputs cut back to it; None for a new run."""
        path = self.out / JOURNAL
        if not path.exists():
            return None
        raw = path.read_bytes()
        entries, valid_bytes = [], 0
        for line in raw.split(b"\n")[:-1]:  # the part after the last newline is torn
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                break
            valid_bytes += len(line) + 1
        if not entries or "signature" not in entries[0]:
            return None
        sizes = {name: (self.out / name).stat().st_size if (self.out / name).exists() else -1 for name in OUTPUTS}
        # the newest entry whose data reached the files (after a power loss an entry can be
        # on disk before the data it describes)
        usable = [i for i, e in enumerate(entries) if all(sizes.get(n, -1) >= s for n, s in e["sizes"].items())]
        if not usable:
            raise ResumeError(
                f"the output files in {self.out} are shorter than its journal {path} says at any point; "
                f"they were changed by hand. Pass --restart to start the run over"
            )
        keep = usable[-1]
        for name, size in entries[keep]["sizes"].items():
            with (self.out / name).open("r+b") as handle:
                handle.truncate(size)
        journal_bytes = sum(len(line) + 1 for line in raw.split(b"\n")[: keep + 1])
        with path.open("r+b") as handle:
            handle.truncate(min(journal_bytes, valid_bytes))
        return {"signature": entries[0]["signature"], "counts": dict(entries[keep]["counts"])}


def _flush(handle, sync: bool) -> None:
    handle.flush()
    if sync:
        os.fsync(handle.fileno())
