"""``python -m pipeline run``: the whole pipeline over files, into a run directory."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from pipeline import __version__
from pipeline.align.pairs import PairBuilder
from pipeline.clean.cleaner import Cleaner
from pipeline.read import read_documents
from pipeline.read.inputs import expand_inputs
from pipeline.runner import Failure, Runner
from pipeline.segment.segmenter import Segmenter
from pipeline.translate import Translator
from pipeline.translate.options import add_translate_arguments, settings_from_args
from pipeline.write import RunWriter


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "run",
        help="clean, segment, translate and align documents into a run directory",
        description="Read German articles, clean them, split them into sentences, translate "
        "them to English and write the aligned pairs. Writes OUT/documents.jsonl (one record "
        "a document), OUT/pairs.tsv, OUT/errors.jsonl and OUT/run.json.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help=".txt file (one document), .jsonl file (one document a line with id and text), or a directory read recursively")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="run directory to write (created if missing)")
    add_translate_arguments(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar on stderr")
    return p


def main(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    expand_inputs(args.inputs)  # a missing input is a usage error before any work starts
    translator = Translator(settings_from_args(args))
    translator.load()
    runner = Runner([Cleaner(), Segmenter(), translator, PairBuilder()])
    writer = RunWriter(args.out)
    progress = tqdm(desc="documents", unit="doc", disable=args.quiet, file=sys.stderr)
    for result in runner.run(read_documents(args.inputs)):
        if isinstance(result, Failure):
            writer.fail(result.to_dict())
        else:
            writer.write(result)
        progress.update(1)
    progress.close()
    info = {
        "pipeline": __version__,
        "inputs": [str(p) for p in args.inputs],
        "translation": translator.signature(),
        "translation_counts": translator.counts(),
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - clock, 3),
    }
    writer.close(info)
    counts = writer.counts
    if not args.quiet:
        print(
            f"{counts['documents']} documents done, {counts['flagged']} flagged, {counts['failed']} failed; "
            f"{counts['pairs']} pairs written to {args.out}",
            file=sys.stderr,
        )
        t = translator.counts()
        print(
            f"translation: {t['translated']} translated, {t['cache_hits']} cache hits, {t['duplicates']} repeats, "
            f"{t['passed_through']} passed through, {t['split']} split, {t['loop_retried']} loop-retried, "
            f"{t['flagged']} flagged",
            file=sys.stderr,
        )
    return 1 if counts["failed"] else 0
