"""``python -m pipeline report RUNDIR``: one self-contained HTML page about a run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "report",
        help="write an HTML report about a run directory",
        description="Write RUNDIR/report.html: a summary, score plots, flagged pairs side by side, per-rule "
        "statistics with edits in context, unresolved flags and a sample view (head, random middle, tail). "
        "The file is self-contained: it loads nothing from the network. Review decisions in "
        "RUNDIR/decisions.jsonl are shown.",
    )
    p.add_argument("run_dir", metavar="RUNDIR", type=Path, help="a directory written by 'python -m pipeline run'")
    p.add_argument("--out", type=Path, help="where to write the page (default RUNDIR/report.html)")
    p.add_argument("--max-pairs", type=int, default=500, help="most pairs listed per table (default 500)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random samples (default 0)")
    return p


def main(args: argparse.Namespace) -> int:
    from pipeline.review.report import write_report

    path = write_report(args.run_dir, args.out, max_pairs=args.max_pairs, seed=args.seed)
    print(f"report written to {path}", file=sys.stderr)
    return 0
