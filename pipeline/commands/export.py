"""``python -m pipeline export``: a run directory's pairs as TSV, Moses files, JSONL or TMX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.export import FORMATS, export, pairs_from_documents
from pipeline.export.duplicates import DuplicateFilter
from pipeline.export.pairs import read_run


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="export the pairs of a run directory for translators' and MT tools",
        description="Read RUNDIR/documents.jsonl (written by `python -m pipeline run`) and write its pairs: "
        "tsv (header, ids, both sentences, scores, flags), moses (PATH.de and PATH.en, line for line), "
        "jsonl, or tmx (TMX 1.4b, scores and flags as <prop> and <note>). Rejected pairs are left out; "
        "edited pairs are written as stored.",
    )
    p.add_argument("run_dir", type=Path, metavar="RUNDIR", help="run directory")
    p.add_argument("--format", choices=tuple(FORMATS), required=True, help="export format")
    p.add_argument("--out", type=Path, required=True, metavar="PATH", help="output file (for moses: the prefix)")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="also write the pairs of documents the run marked as copies of an earlier one, and "
                   "pairs that repeat an earlier pair (left out by default)")
    return p


def main(args: argparse.Namespace) -> int:
    duplicates = DuplicateFilter(keep=args.keep_duplicates)
    count = export(pairs_from_documents(duplicates.filter(read_run(args.run_dir))), args.format, args.out, "de", "en")
    print(f"{count} pairs written ({args.format}) to {args.out}", file=sys.stderr)
    if not args.keep_duplicates:
        print(duplicates.summary(), file=sys.stderr)
    return 0
