"""A run directory that survives being killed: appends per batch, a journal, resume.

Each batch of results is appended to ``documents.jsonl``, ``pairs.tsv`` and ``errors.jsonl``
and flushed to disk; only then a line is appended to ``progress.jsonl`` with how many input
items are done and how long each output file is. On start, the last complete journal line
says what is valid: longer files are cut back to it (a torn line from a kill disappears) and
the reader skips the items already done. So a run killed at any moment and started again gives
exactly the output of a run that was never interrupted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pipeline.record import Document
from pipeline.write.outputs import PAIRS_COLUMNS, pair_rows, tsv_field

DOCUMENTS, PAIRS, ERRORS = "documents.jsonl", "pairs.tsv", "errors.jsonl"
JOURNAL = "progress.jsonl"
OUTPUTS = (DOCUMENTS, PAIRS, ERRORS)
COUNTS = ("items", "documents", "failed", "flagged", "sentences", "pairs", "edits")


class ResumeError(ValueError):
    """The run directory holds a run with other settings; the message says what to do."""


class RunDirectory:
    """Open (or resume) a run directory for settings ``signature``."""

    def __init__(self, out: Path, signature: dict[str, Any], restart: bool = False):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
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

    @property
    def items_done(self) -> int:
        return self.counts["items"]

    # -- writing ------------------------------------------------------------------

    def commit(self, results: list[Document | dict[str, Any]]) -> None:
        """Append one batch: documents, or failure dicts (``{"id", "stage", "reason", ...}``)."""
        docs, pairs, errors = [], [], []
        for result in results:
            if isinstance(result, Document):
                docs.append(result.to_json() + "\n")
                pairs.extend("\t".join(tsv_field(v) for v in row) + "\n" for row in pair_rows(result))
                self._count(result)
            else:
                errors.append(json.dumps(result, ensure_ascii=False) + "\n")
                self.counts["failed"] += 1
            self.counts["items"] += 1
        for name, lines in ((DOCUMENTS, docs), (PAIRS, pairs), (ERRORS, errors)):
            if lines:
                self._handles[name].write("".join(lines).encode("utf-8"))
        for handle in self._handles.values():
            _sync(handle)
        self._append_journal()

    def close(self, run_info: dict[str, Any]) -> Path:
        for handle in (*self._handles.values(), self._journal):
            handle.close()
        path = self.out / "run.json"
        info = {**self.signature, **run_info, "counts": self.counts}
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
        return path

    # -- internals ----------------------------------------------------------------

    def _count(self, doc: Document) -> None:
        self.counts["documents"] += 1
        self.counts["sentences"] += len(doc.sentences)
        self.counts["pairs"] += len(doc.pairs)
        self.counts["edits"] += len(doc.edits)
        if doc.flags or any(p.flags for p in doc.pairs):
            self.counts["flagged"] += 1

    def _start(self) -> None:
        self.counts = dict.fromkeys(COUNTS, 0)
        for name in OUTPUTS:
            (self.out / name).write_bytes(b"")
        (self.out / PAIRS).write_text("\t".join(PAIRS_COLUMNS) + "\n", encoding="utf-8")
        with (self.out / JOURNAL).open("wb") as journal:
            journal.write(self._journal_line(first=True))
            _sync(journal)

    def _append_journal(self) -> None:
        self._journal.write(self._journal_line())
        _sync(self._journal)

    def _journal_line(self, first: bool = False) -> bytes:
        entry: dict[str, Any] = {"counts": self.counts, "sizes": self._sizes()}
        if first:
            entry["signature"] = self.signature
        return (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")

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
        last = entries[-1]
        for name, size in last["sizes"].items():
            target = self.out / name
            if not target.exists() or target.stat().st_size < size:
                raise ResumeError(
                    f"{target} is shorter than the journal {path} says; the run directory was changed "
                    f"by hand. Pass --restart to start the run over"
                )
            with target.open("r+b") as handle:
                handle.truncate(size)
        with path.open("r+b") as handle:
            handle.truncate(valid_bytes)
        return {"signature": entries[0]["signature"], "counts": dict(last["counts"])}


def _sync(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
