"""``python -m pipeline run``: the whole pipeline over files, into a run directory."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from pipeline import __version__
from pipeline.corpus.run_stages import corpus_stages, first_pass
from pipeline.read import expand_inputs, read_items
from pipeline.read.inputs import DEFAULT_MAX_CHARS
from pipeline.rules import rules_fingerprint
from pipeline.runner import Failure, Runner, apply_stages
from pipeline.stages import model_stages
from pipeline.translate import Translator
from pipeline.translate.options import add_translate_arguments, settings_from_args
from pipeline.write import RunDirectory


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "run",
        help="clean, segment, translate and align documents into a run directory",
        description="Read German articles, clean them, split them into sentences, translate them "
        "to English and write the aligned pairs into OUT: documents.jsonl (one record a document), "
        "pairs.tsv, errors.jsonl and run.json. Output is written batch by batch; running the same "
        "command again continues where an interrupted run stopped.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help=".txt or .html file (one document), .jsonl or .jsonl.gz file (one document a line "
                   "with text and optional id, url, title, date), or a directory read recursively")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="run directory to write (created if missing)")
    p.add_argument("--no-translate", action="store_true",
                   help="clean and segment only: no model is loaded and no pairs are written")
    p.add_argument("--batch-docs", type=int, default=32, metavar="N",
                   help="documents read, processed and written together; output is saved after each batch (default 32)")
    p.add_argument("--max-doc-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"documents longer than this fail with a reason instead of being processed (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes for cleaning and segmenting; translation runs in the main process on whole "
                   "batches meanwhile. The output is the same for any N (default 1)")
    p.add_argument("--backend", choices=("local", "ray"), default="local",
                   help="local: this machine (see --workers); ray: a Ray Data job on the cluster at --ray-address "
                   "or RAY_ADDRESS, or on a local Ray started for the run (default local)")
    p.add_argument("--ray-address", metavar="ADDRESS", help="address of a running Ray cluster, e.g. ray://head:10001")
    p.add_argument("--ray-actors", type=int, default=1, metavar="N", help="translator actors on Ray, each holding the model (default 1)")
    p.add_argument("--ray-gpus", type=float, default=0, metavar="G", help="GPUs per translator actor on Ray (default 0)")
    p.add_argument("--source-key", choices=("url", "folder"), default="url",
                   help="what makes documents one source for the lines repeated across it: the host of their url "
                   "(documents without one: their folder), or the folder of the input file (default url)")
    p.add_argument("--restart", action="store_true", help="discard what an earlier run left in OUT and start over")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary on stderr")
    add_translate_arguments(p)
    return p


def main(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    expand_inputs(args.inputs)  # a missing input is a usage error before any work starts
    translator = None
    if not args.no_translate:
        translator = Translator(settings_from_args(args))
        if args.backend == "local":
            translator.load()  # on Ray each actor loads its own copy; here the model is only found
    signature = {
        "pipeline": __version__,
        "inputs": [str(p.resolve()) for p in args.inputs],
        "translation": translator.signature() if translator else None,
        "rules_sha256": rules_fingerprint(),
        "batch_docs": args.batch_docs,
        "max_doc_chars": args.max_doc_chars,
    }
    counted = first_pass(args.out, args.inputs, args.source_key, args.max_doc_chars, args.restart)
    signature.update(source_key=args.source_key, line_counts_sha256=counted.sha256)
    run_dir = RunDirectory(args.out, signature, restart=args.restart)
    factory, before_model, after_model = corpus_stages(counted.save(), args.out)
    if not args.quiet:
        print(counted.summary(), file=sys.stderr)
    done_before = run_dir.items_done
    if run_dir.resumed and not args.quiet:
        print(f"resuming {args.out}: {done_before} input items already done", file=sys.stderr)
    main_stages = [*before_model, *(model_stages(translator) if translator else []), *after_model]
    runner = Runner(factory, main_stages, batch_size=args.batch_docs, workers=args.workers)
    progress = tqdm(desc="documents", unit="doc", initial=done_before, disable=args.quiet, file=sys.stderr)
    items = read_items(args.inputs, skip=done_before, max_chars=args.max_doc_chars)
    if args.backend == "ray":
        import os

        from pipeline.scale.ray_backend import run_batches

        os.environ["PIPELINE_LINE_COUNTS"] = str(counted.path.resolve())  # inherited by a local Ray's workers

        batches = run_batches(items, args.batch_docs, translator.settings if translator else None,
                              args.ray_address, args.ray_actors, args.ray_gpus)
        batches = (apply_stages([*before_model, *after_model], batch) for batch in batches)
    else:
        batches = runner.run_batches(items)
    for batch in batches:
        run_dir.commit([r.to_dict() if isinstance(r, Failure) else r for r in batch])
        progress.update(len(batch))
    progress.close()
    run_dir.close(
        {
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - clock, 3),
            "resumed_after_items": done_before,
            "translation_counts": translator.counts() if translator and args.backend == "local" else None,
        }
    )
    counts = run_dir.counts
    if not args.quiet:
        print(
            f"{counts['documents']} documents done, {counts['flagged']} flagged, {counts['failed']} failed; "
            f"{counts['pairs']} pairs in {args.out}" + (f" (see {args.out / 'errors.jsonl'})" if counts["failed"] else ""),
            file=sys.stderr,
        )
        if translator and args.backend == "local":
            t = translator.counts()
            print(
                f"translation: {t['translated']} translated, {t['cache_hits']} cache hits, {t['duplicates']} repeats, "
                f"{t['passed_through']} passed through, {t['split']} split, {t['loop_retried']} loop-retried, "
                f"{t['flagged']} flagged",
                file=sys.stderr,
            )
    return 1 if counts["failed"] else 0
