"""``python -m pipeline run``: the whole pipeline over files, into a run directory."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from pipeline import __version__
from pipeline.clean.exceptions import exceptions_fingerprint
from pipeline.corpus.first_pass import count_here, first_pass
from pipeline.read import read_items
from pipeline.read.inputs import DEFAULT_MAX_CHARS, InputError, find_inputs
from pipeline.read.limits import DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_LINE_BYTES
from pipeline.read.reference import add_reference_arguments, attach_references, reference_setup
from pipeline.rules import rules_fingerprint
from pipeline.rundir.names import ERRORS
from pipeline.runner import Failure, Runner
from pipeline.stages import corpus_stages, model_stages
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
    p.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                   help=".txt or .html file (one document), .jsonl or .jsonl.gz file (one document a line "
                   "with text and optional id, url, title, date), or a directory read recursively")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="run directory to write (created if missing)")
    p.add_argument("--no-translate", action="store_true",
                   help="clean and segment only: no model is loaded and no pairs are written")
    p.add_argument("--batch-docs", type=int, default=32, metavar="N",
                   help="documents read, processed and written together; output is saved after each batch (default 32)")
    p.add_argument("--max-doc-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"documents longer than this fail with a reason instead of being processed (default {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--max-line-bytes", type=_at_least(1), default=DEFAULT_MAX_LINE_BYTES, metavar="N",
                   help=f"a JSONL line longer than this fails with a reason and is not parsed (default {DEFAULT_MAX_LINE_BYTES:,})")
    p.add_argument("--max-json-depth", type=_at_least(1, MAX_JSON_DEPTH), default=DEFAULT_MAX_JSON_DEPTH, metavar="N",
                   help=f"a JSONL line whose arrays and objects nest deeper than this fails with a reason "
                   f"(default {DEFAULT_MAX_JSON_DEPTH}, at most {MAX_JSON_DEPTH})")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes for cleaning and segmenting; translation runs in the main process on whole "
                   "batches meanwhile. The output is the same for any N (default 1)")
    p.add_argument("--backend", choices=("local", "ray"), default="local",
                   help="local: this machine (see --workers); ray: a Ray Data job on the cluster at --ray-address "
                   "or RAY_ADDRESS, or on a local Ray started for the run (default local)")
    p.add_argument("--ray-address", metavar="ADDRESS", help="address of a running Ray cluster, e.g. ray://head:10001")
    p.add_argument("--ray-actors", type=int, default=1, metavar="N", help="translator actors on Ray, each holding the model (default 1)")
    p.add_argument("--ray-gpus", type=float, default=0, metavar="G", help="GPUs per translator actor on Ray (default 0)")
    p.add_argument("--ray-shard-docs", type=int, default=1024, metavar="N",
                   help="input items per shard on Ray: each is read, processed and written by the workers, and "
                   "kept when a run is started again (default 1024)")
    p.add_argument("--source-key", choices=("url", "folder"), default="url",
                   help="what makes documents one source for the lines repeated across it: the host of their url "
                   "(documents without one: their folder), or the folder of the input file (default url)")
    p.add_argument("--restart", action="store_true", help="discard what an earlier run left in OUT and start over")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary on stderr")
    add_reference_arguments(p)
    add_translate_arguments(p)
    return p


# libraries whose data or rules change the German text, the language routing or the flags
OUTPUT_LIBRARIES = ("wordfreq", "HanTa", "py3langid", "ftfy")


def library_versions() -> dict[str, str | None]:
    from importlib.metadata import PackageNotFoundError, version

    found: dict[str, str | None] = {}
    for name in OUTPUT_LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


MAX_JSON_DEPTH = 300  # deeper records would come near Python's recursion limit when pickled or written


def _at_least(low: int, high: int | None = None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}" if high else f"must be at least {low}")
        return value

    return parse


def main(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    finally:
        if args.backend == "ray":
            from pipeline.scale.ray_backend import disconnect

            disconnect()


def _run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    reference, pairs = reference_setup(args)
    inputs = list(args.inputs) + [german for german, _ in pairs or ()]
    if not inputs:
        raise InputError("give at least one INPUT (or a list of path pairs with --ref-pairs)")
    if reference and args.backend == "ray":
        raise InputError("reference runs (--reference, --ref-*) run on --backend local only")
    found = find_inputs(inputs)  # a missing input is a usage error before any work starts
    translator = None
    if not args.no_translate and not (reference and reference.translation_field):
        translator = Translator(settings_from_args(args))
        if args.backend == "local":
            translator.load()  # on Ray each actor loads its own copy; here the model is only found
    signature = {
        "pipeline": __version__,
        "inputs": [str(p.resolve()) for p in inputs],
        "translation": translator.signature() if translator else None,
        "rules_sha256": rules_fingerprint(),
        "exceptions_sha256": exceptions_fingerprint(),
        "libraries": library_versions(),
        "batch_docs": args.batch_docs,
        "max_doc_chars": args.max_doc_chars,
        "max_line_bytes": args.max_line_bytes,
        "max_json_depth": args.max_json_depth,
    }
    if reference:
        signature["reference"] = reference.signature()
    limits = {"max_json_depth": args.max_json_depth, "max_line_bytes": args.max_line_bytes}
    counting = None
    if args.backend == "ray":  # the first pass as a distributed aggregation over the run's shards
        from pipeline.scale.ray_backend import RayLineCounting

        counting = RayLineCounting(args.ray_shard_docs, args.ray_address)
    counted = first_pass(args.out, inputs, args.source_key, args.max_doc_chars, args.restart, limits=limits,
                         count=counting or count_here)
    signature.update(source_key=args.source_key, line_counts_sha256=counted.sha256)
    if translator and not args.quiet:
        print(translator.describe_engine(), file=sys.stderr)
    run_dir = RunDirectory(args.out, signature, restart=args.restart)
    factory, before_model, after_model = corpus_stages(counted.save(), args.out)
    if not args.quiet:
        print(counted.summary(), file=sys.stderr)
    done_before = run_dir.items_done
    if run_dir.resumed and not args.quiet:
        print(f"resuming {args.out}: {done_before} input items already done", file=sys.stderr)
    factory = partial(factory, reference.lang) if reference else factory
    main_stages = [*before_model, *(model_stages(translator, reference=bool(reference)) if translator or reference else []),
                   *after_model]
    runner = Runner(factory, main_stages, batch_size=args.batch_docs, workers=args.workers)
    progress = tqdm(desc="documents", unit="doc", initial=done_before, disable=args.quiet, file=sys.stderr)
    if args.backend == "ray":
        from pipeline.scale.ray_backend import run as run_on_ray

        backend_info = run_on_ray(
            args.inputs, run_dir, translator.settings if translator else None, batch_docs=args.batch_docs,
            shard_items=args.ray_shard_docs, max_chars=args.max_doc_chars, address=args.ray_address,
            limits=limits, line_counts=str(counted.path.resolve()), finish=[*before_model, *after_model],
            actors=args.ray_actors, gpus_per_actor=args.ray_gpus, restart=args.restart, progress=progress.update,
            counting=counting,
        )
    else:
        items = read_items(inputs, skip=done_before, max_chars=args.max_doc_chars,
                           max_json_depth=args.max_json_depth, max_line_bytes=args.max_line_bytes,
                           fields=reference.fields() if reference else ())
        if reference:
            items = attach_references(items, reference, pairs)
        for batch in runner.run_batches(items):
            run_dir.commit([r.to_dict() if isinstance(r, Failure) else r for r in batch])
            progress.update(len(batch))
        backend_info = {"translation_counts": translator.counts() if translator else None}
    progress.close()
    run_dir.close(
        {
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - clock, 3),
            "resumed_after_items": done_before,
            **backend_info,
            "input_files": {"read": len(found.entries), "ignored": found.ignored},
        }
    )
    counts = run_dir.counts
    if not args.quiet:
        ignored = f" ({found.ignored} other file{'s' * (found.ignored != 1)} not read)" if found.ignored else ""
        print(
            f"{len(found.entries)} input files{ignored}, {counts['items']} items: "
            f"{counts['documents']} documents done, {counts['flagged']} flagged, {counts['failed']} failed; "
            f"{counts['pairs']} pairs in {args.out}" + (f" (see {args.out / ERRORS})" if counts["failed"] else ""),
            file=sys.stderr,
        )
        if reference:
            print(
                f"reference: {counts.get('reference_missing', 0)} documents without a usable reference (flagged); "
                f"{counts.get('unaligned_src', 0)} German and {counts.get('unaligned_tgt', 0)} reference sentences "
                f"left unaligned (flagged)",
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
