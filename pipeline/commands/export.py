"""``python -m pipeline export``: a run directory's pairs as TSV, Moses files, JSONL or TMX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.export import FORMATS, counts_path, export_filters, export_run
from pipeline.export.filters import parse_flag_names


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export",
        help="export the reviewed pairs of a run directory for translators' and MT tools",
        description="Write the pairs of RUNDIR (written by `python -m pipeline run`) with the review decisions "
        "of RUNDIR/decisions.jsonl applied: rejected pairs are left out, edited pairs carry the reviewer's text, "
        "and the review state (pending, accepted, edited) travels along. Formats: tsv (header, ids, both "
        "sentences, scores, flags, review column), moses (PATH.de and PATH.en, line for line), jsonl (a "
        "'review' field), or tmx (TMX 1.4b; scores, flags and review state as <prop>, reasons as <note>). "
        "Pairs accepted or edited in the review pass --drop-flag and --min-score. What each filter left out "
        "is printed and written to PATH.counts.json.",
    )
    p.add_argument("run_dir", type=Path, metavar="RUNDIR", help="run directory")
    p.add_argument("--format", choices=tuple(FORMATS), required=True, help="export format")
    p.add_argument("--out", type=Path, required=True, metavar="PATH", help="output file (for moses: the prefix)")
    p.add_argument("--accepted-only", action="store_true",
                   help="only pairs accepted or edited in the review (pending ones are left out)")
    p.add_argument("--drop-flag", action="append", default=[], metavar="FLAGS",
                   help="leave out pairs carrying any of these flags, comma-separated rule ids "
                   "(pair.length_ratio,pair.numbers_differ) or groups (pair, translate); may be repeated")
    p.add_argument("--min-score", type=float, metavar="X",
                   help="leave out pairs whose overall score is below X (and pairs without a score)")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="also write the pairs of documents the run marked as copies of an earlier one, and "
                   "pairs that repeat an earlier pair (left out by default)")
    return p


def main(args: argparse.Namespace) -> int:
    filters = export_filters(args.accepted_only, parse_flag_names(args.drop_flag), args.min_score,
                             keep_duplicates=args.keep_duplicates)
    counts = export_run(args.run_dir, args.format, args.out, filters)
    print(f"{counts.written} of {counts.pairs} pairs written ({args.format}) to {args.out}; {counts.summary()}",
          file=sys.stderr)
    unmatched = counts.unmatched_flags()
    if unmatched:
        print(f"note: no pair carries a flag matching {', '.join(unmatched)}", file=sys.stderr)
    print(f"counts in {counts_path(args.out)}", file=sys.stderr)
    return 0
