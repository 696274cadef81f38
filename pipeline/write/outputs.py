"""Rows and fields of the run directory's ``pairs.tsv``."""

from __future__ import annotations

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
