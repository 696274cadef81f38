"""``python -m pipeline evaluate``: translate a test set and score it (BLEU, chrF, speed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.translate.options import add_translate_arguments, settings_from_args


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "evaluate",
        help="translate a German-English test set and report BLEU, chrF and sentences/s",
        description="Translate the German side of a test set with the model and settings given, exactly as "
        "`run` translates, and score the output against the English side with sacrebleu: BLEU and chrF, each "
        "with its signature, and the speed in sentences per second. Run it once per setting (engine, compute "
        "type, beam, batch tokens) to see what each costs in quality and gains in speed.",
    )
    p.add_argument("test_set", nargs="?", type=Path, metavar="TSV",
                   help="tab-separated test set with a header line naming its columns (see --source-column)")
    p.add_argument("--source", type=Path, metavar="FILE", help="instead of TSV: German sentences, one a line")
    p.add_argument("--reference", type=Path, metavar="FILE", help="with --source: their English translations, one a line")
    p.add_argument("--source-column", default="de", metavar="NAME", help="German column of the TSV (default de)")
    p.add_argument("--reference-column", default="en", metavar="NAME", help="English column of the TSV (default en)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="score the first N pairs only (default 0: all)")
    p.add_argument("--json", action="store_true", help="print the result as JSON: scores, signatures, speed, settings")
    p.add_argument("--hypotheses", type=Path, metavar="FILE", help="also write the translations, one a line, to FILE")
    add_translate_arguments(p)
    return p


def main(args: argparse.Namespace) -> int:
    from pipeline.cli import EXIT_USAGE
    from pipeline.translate import Translator
    from pipeline.translate.evaluate import evaluate, read_pair, read_tsv, summary

    if (args.test_set is None) == (args.source is None) or (args.source is None) != (args.reference is None):
        print("error: give either a TSV test set or --source FILE with --reference FILE", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 0:
        print(f"error: --limit must be 0 (all) or more, not {args.limit}", file=sys.stderr)
        return EXIT_USAGE
    if args.test_set is not None:
        test_set = read_tsv(args.test_set, args.source_column, args.reference_column)
    else:
        test_set = read_pair(args.source, args.reference)
    result = evaluate(Translator(settings_from_args(args)), test_set.head(args.limit))
    hypotheses = result.pop("hypotheses")
    if args.hypotheses:
        args.hypotheses.write_text("".join(f"{h}\n" for h in hypotheses), encoding="utf-8")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary(result))
    return 0
