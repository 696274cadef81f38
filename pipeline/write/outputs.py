"""The write stage: ``documents.jsonl``, ``pairs.tsv``, ``errors.jsonl`` and ``run.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.record import Document

PAIRS_COLUMNS = (
    "doc_id", "pair_id", "src", "de", "en", "score", "length_ratio", "logprob", "flags", "reasons", "review",
)


def tsv_field(value: Any) -> str:
    """A value as one TSV field: backslash, tab and line breaks escaped, so no text is lost.

    >>> tsv_field("a\\tb\\nc\\\\d")
    'a\\\\tb\\\\nc\\\\\\\\d'
    """
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def pair_rows(doc: Document):
    for pair in doc.pairs:
        yield (
            doc.id,
            pair.id,
            ",".join(map(str, pair.src)),
            pair.de,
            pair.en,
            pair.scores.get("score"),
            pair.scores.get("length_ratio"),
            pair.scores.get("logprob"),
            ",".join(f.rule for f in pair.flags),
            "; ".join(f.reason for f in pair.flags),
            pair.review,
        )


class RunWriter:
    """Writes a run directory; documents are written as they come."""

    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self._docs = (self.out / "documents.jsonl").open("w", encoding="utf-8")
        self._pairs = (self.out / "pairs.tsv").open("w", encoding="utf-8")
        self._errors = (self.out / "errors.jsonl").open("w", encoding="utf-8")
        self._pairs.write("\t".join(PAIRS_COLUMNS) + "\n")
        self.counts = {"documents": 0, "failed": 0, "flagged": 0, "sentences": 0, "pairs": 0, "edits": 0}

    def write(self, doc: Document) -> None:
        self._docs.write(doc.to_json() + "\n")
        for row in pair_rows(doc):
            self._pairs.write("\t".join(tsv_field(v) for v in row) + "\n")
        self.counts["documents"] += 1
        self.counts["sentences"] += len(doc.sentences)
        self.counts["pairs"] += len(doc.pairs)
        self.counts["edits"] += len(doc.edits)
        if doc.flags or any(p.flags for p in doc.pairs):
            self.counts["flagged"] += 1

    def fail(self, error: dict[str, Any]) -> None:
        self._errors.write(json.dumps(error, ensure_ascii=False) + "\n")
        self.counts["failed"] += 1

    def close(self, run_info: dict[str, Any]) -> Path:
        for handle in (self._docs, self._pairs, self._errors):
            handle.close()
        path = self.out / "run.json"
        path.write_text(json.dumps({**run_info, "counts": self.counts}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return path
