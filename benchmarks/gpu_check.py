"""The check to run on a CUDA machine: every engine and compute type, at batch sizes up to the memory.

    python benchmarks/gpu_check.py --out gpu.json                     # on a machine with CUDA
    python benchmarks/gpu_check.py --device cpu --quick --out cpu.json  # the same code, small, on CPU

For each variant (CUDA: torch float32 and float16; CTranslate2 float32, float16,
int8_float16 and int8. CPU: torch float32 and int8; CTranslate2 float32 and int8), the
project's translate stage translates the same distinct German sentences at a token budget
per batch (``--batch-tokens``) that doubles from ``--min-batch-tokens`` until the device runs
out of memory, the budget holds the whole set in one batch per length class, or
``--time-limit`` is spent. Every output is held to ``--new-tokens`` tokens, so every variant
does the same work (as in ``translate_speed.py``). Then each variant translates the set once
more with its outputs free to end (held to their length with ``--quick``), at the device's
default budget, and the share of outputs identical to torch float32 (and to its own engine's
float32) is written down. An engine that cannot see the GPU (a CPU build of torch, say) is
left out with the reason, and the first variant left becomes the reference.

The model has opus-mt-de-en's architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 58,101) and random weights, built on the spot; ``--quick`` uses the tiny test
model instead, and ``--model DIR`` any Marian model. Random weights give nearly flat output
distributions, so small numeric differences change the chosen token more often than in a
trained model: read the identical shares as a floor. The result is written as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from translate_speed import DATA, PeakMemory, read_sentences, synchronize  # noqa: E402  (beside this file)

VARIANTS = {
    "cuda": [("torch", "float32"), ("torch", "float16"), ("ctranslate2", "float32"), ("ctranslate2", "float16"),
             ("ctranslate2", "int8_float16"), ("ctranslate2", "int8")],
    "cpu": [("torch", "float32"), ("torch", "int8"), ("ctranslate2", "float32"), ("ctranslate2", "int8")],
}


class DeviceMemory:
    """Peak memory in use on CUDA device 0 while the block runs (all allocators, CTranslate2's too), in MiB.

    Read through torch when its build has CUDA, else from ``nvidia-smi``.
    """

    def __init__(self):
        self.peak = 0.0

    @staticmethod
    def _used() -> float:
        import torch

        if torch.cuda.is_available():
            free, total = torch.cuda.mem_get_info()
            return (total - free) / 2**20
        query = ["nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits", "-i", "0"]
        return float(subprocess.run(query, capture_output=True, text=True, check=True).stdout.strip())

    def __enter__(self):
        self._stop = threading.Event()
        self.peak = self._used()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self._used())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._used())


def out_of_memory(exc: BaseException) -> bool:
    return isinstance(exc, (RuntimeError, MemoryError)) and "out of memory" in str(exc).lower()


def distinct_sentences(sentences: list[str], count: int) -> list[str]:
    """``count`` different sentences: the given ones, then the same again with a number added.

    >>> distinct_sentences(["Es regnet."], 3)
    ['Es regnet.', 'Es regnet. (2)', 'Es regnet. (3)']
    """
    return [s if n < len(sentences) else f"{s} ({n // len(sentences) + 1})"
            for n, s in ((n, sentences[n % len(sentences)]) for n in range(count))]


def translator_for(model: Path, args, engine: str, compute: str, **extra):
    from pipeline.translate import TranslateSettings, Translator

    settings = TranslateSettings(model=str(model), engine=engine, device=args.device, compute_type=compute,
                                 beam=args.beam, threads=args.threads, retry_loops=False, **extra)
    return Translator(settings).load()


def sweep(model: Path, args, engine: str, compute: str, sentences: list[str], deadline: float) -> list[dict]:
    """Speed at each batch budget, from the smallest up, until memory, the set or the time runs out."""
    runs = []
    translator = translator_for(model, args, engine, compute, fixed_output_tokens=args.new_tokens)
    whole = sum(len(ids) for ids in translator._tokenizer(sentences)["input_ids"])
    budget = args.min_batch_tokens
    translator.translate(sentences[:4])  # warm-up: first calls pay for one-off set-up
    while budget <= args.max_batch_tokens:
        if time.perf_counter() > deadline:
            runs.append({"batch_tokens": budget, "skipped": "time limit"})
            break
        translator.settings = replace(translator.settings, batch_tokens=budget)
        translator.clear_memory()
        before = translator.counts()["output_tokens"]
        memory = DeviceMemory() if args.device == "cuda" else PeakMemory("cpu")
        try:
            with memory:
                synchronize(args.device)
                started = time.perf_counter()
                translator.translate(sentences)
                synchronize(args.device)
                seconds = time.perf_counter() - started
        except Exception as exc:  # noqa: BLE001 - only running out of memory ends the sweep quietly
            if not out_of_memory(exc):
                raise
            runs.append({"batch_tokens": budget, "error": "out of memory"})
            break
        tokens = translator.counts()["output_tokens"] - before
        runs.append({"batch_tokens": budget, "sentences_per_s": round(len(sentences) / seconds, 2),
                     "target_tokens_per_s": round(tokens / seconds, 1), "seconds": round(seconds, 3),
                     "peak_memory_mib": round(memory.peak, 1)})
        print(f"  batch tokens {budget}: {len(sentences) / seconds:.1f} sentences/s, "
              f"peak {memory.peak:.0f} MiB", file=sys.stderr)
        if budget >= whole:  # one batch per length class already: a larger budget changes nothing
            break
        budget *= 2
    release(translator)
    return runs


def compared_outputs(model: Path, args, engine: str, compute: str, sentences: list[str]) -> list[str]:
    """The translations at the device's default budget: free to end, or held to ``--new-tokens`` with --quick."""
    translator = translator_for(model, args, engine, compute, fixed_output_tokens=args.new_tokens if args.quick else None)
    texts = [o.text for o in translator.translate(sentences)]
    release(translator)
    return texts


def release(translator) -> None:
    del translator
    gc.collect()
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
    except ImportError:
        pass


def share_identical(a: list[str], b: list[str]) -> float:
    return round(sum(x == y for x, y in zip(a, b)) / len(a), 4)


def engines_on(device: str) -> dict[str, str | None]:
    """Per engine, why it cannot run on ``device`` (None when it can)."""
    import ctranslate2
    import torch

    if device == "cpu":
        return {"torch": None, "ctranslate2": None}
    return {
        "torch": None if torch.cuda.is_available() else f"this torch build ({torch.__version__}) sees no CUDA device",
        "ctranslate2": None if ctranslate2.get_cuda_device_count() else "ctranslate2 sees no CUDA device",
    }


def device_info(device: str) -> dict:
    import ctranslate2
    import torch

    info = {"device": device, "torch": torch.__version__, "ctranslate2": ctranslate2.__version__,
            "platform": platform.platform()}
    if device == "cuda":
        query = ["nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader,nounits", "-i", "0"]
        try:
            name, memory, driver = subprocess.run(query, capture_output=True, text=True, check=True).stdout.strip().split(", ")
            info.update(name=name, memory_mib=int(memory), driver=driver)
        except (OSError, subprocess.CalledProcessError, ValueError):
            pass
        info.update(torch_cuda=torch.version.cuda, ctranslate2_cuda_devices=ctranslate2.get_cuda_device_count())
    else:
        info.update(cores=len(os.sched_getaffinity(0)), load_average=round(os.getloadavg()[0], 2))
    return info


def build_model(args, where: Path) -> tuple[Path, str]:
    from pipeline.testing.corpus import GERMAN
    from pipeline.testing.tiny_model import build, opus_mt_de_en_like

    if args.model:
        return args.model, f"given: {args.model}"
    if args.quick:
        return build(where / "tiny"), "the tiny test model (random weights, d_model 32)"
    training = read_sentences(DATA, 10_000) if DATA.is_file() else GERMAN.splitlines()
    return (opus_mt_de_en_like(where / "opus-like", training),
            "opus-mt-de-en's architecture with random weights (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 58,101)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--device", choices=("cuda", "cpu"), default="cuda")
    parser.add_argument("--quick", action="store_true", help="tiny model, a few of the project's own short sentences, "
                        "two budgets, one thread, outputs held to their length when compared: a check that it runs")
    parser.add_argument("--threads", type=int, help="CPU threads (default: all the cores; 1 with --quick)")
    parser.add_argument("--model", type=Path, help="a Marian model directory instead of the built one")
    parser.add_argument("--sentences", type=int, help="distinct sentences (default 4096 on CUDA, 256 on CPU, 8 quick)")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--new-tokens", type=int, help="tokens every output is held to (default 32, 8 quick)")
    parser.add_argument("--min-batch-tokens", type=int, help="first budget (default 4096 on CUDA, 1024 on CPU, 256 quick)")
    parser.add_argument("--max-batch-tokens", type=int, default=1 << 20, help="last budget tried (default 1,048,576)")
    parser.add_argument("--time-limit", type=float, default=420, help="seconds for the speed sweeps; larger budgets "
                        "left then are marked skipped (default 420)")
    args = parser.parse_args(argv)
    missing = engines_on(args.device)
    if all(missing.values()):
        print(f"error: no engine can use CUDA here ({'; '.join(missing.values())}); "
              f"use --device cpu to try the check on CPU", file=sys.stderr)
        return 2
    quick = args.quick
    args.sentences = args.sentences or (8 if quick else 4096 if args.device == "cuda" else 256)
    args.threads = args.threads if args.threads is not None else (1 if quick else 0)
    args.new_tokens = args.new_tokens or (8 if quick else 32)
    args.min_batch_tokens = args.min_batch_tokens or (256 if quick else 4096 if args.device == "cuda" else 1024)
    if quick:
        args.max_batch_tokens = min(args.max_batch_tokens, 2 * args.min_batch_tokens)
    os.environ.setdefault("PIPELINE_CACHE", tempfile.mkdtemp(prefix="pipeline-gpu-check-cache-"))
    from pipeline.testing.corpus import GERMAN

    started = time.perf_counter()
    base = read_sentences(DATA, 100_000) if DATA.is_file() and not quick else GERMAN.splitlines()
    sentences = distinct_sentences(base, args.sentences)
    result: dict = {"settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                    "machine": device_info(args.device), "variants": [], "identical": []}
    with tempfile.TemporaryDirectory(prefix="gpu-check-model-") as tmp:
        model, described = build_model(args, Path(tmp))
        result["model"] = described
        deadline = time.perf_counter() + args.time_limit
        variants = [(e, c) for e, c in VARIANTS[args.device] if not missing[e]]
        result["skipped"] = [{"engine": e, "compute_type": c, "why": missing[e]}
                             for e, c in VARIANTS[args.device] if missing[e]]
        for engine, compute in variants:
            print(f"{engine} {compute}:", file=sys.stderr)
            runs = sweep(model, args, engine, compute, sentences, deadline)
            measured = [r for r in runs if "sentences_per_s" in r]
            best = max(measured, key=lambda r: r["sentences_per_s"]) if measured else None
            result["variants"].append({"engine": engine, "compute_type": compute, "runs": runs, "best": best})
        outputs = {}
        for engine, compute in variants:
            outputs[(engine, compute)] = compared_outputs(model, args, engine, compute, sentences)
    result["identical_outputs"] = f"held to {args.new_tokens} tokens" if args.quick else "free to end"
    reference = ("torch", "float32") if ("torch", "float32") in outputs else variants[0]
    result["reference"] = " ".join(reference)
    for (engine, compute), texts in outputs.items():
        result["identical"].append({
            "engine": engine, "compute_type": compute, "sentences": len(texts),
            "identical_to_reference": share_identical(texts, outputs[reference]),
            "identical_to_own_engine_float32": share_identical(texts, outputs[(engine, "float32")]),
        })
    result["seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_summary(result)
    return 0


def print_summary(result: dict) -> None:
    print(f"{result['model']}; {result['settings']['sentences']} sentences, beam {result['settings']['beam']}, "
          f"{result['settings']['new_tokens']} tokens an output; "
          + ", ".join(f"{k} {v}" for k, v in result["machine"].items()))
    print(f"{'variant':26} {'best sent/s':>11} {'at batch tokens':>15} {'peak MiB':>9} {'same as ' + result['reference']:>22}")
    shares = {(s["engine"], s["compute_type"]): s["identical_to_reference"] for s in result["identical"]}
    for v in result["variants"]:
        best = v["best"] or {}
        print(f"{v['engine'] + ' ' + v['compute_type']:26} {best.get('sentences_per_s', '-'):>11} "
              f"{best.get('batch_tokens', '-'):>15} {best.get('peak_memory_mib', '-'):>9} "
              f"{shares[(v['engine'], v['compute_type'])]:>22.1%}")
    for s in result["skipped"]:
        print(f"{s['engine'] + ' ' + s['compute_type']:26} skipped: {s['why']}")


if __name__ == "__main__":
    sys.exit(main())
