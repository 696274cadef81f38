"""Translation speed: the project's engines against naive ``generate``, side by side in one process.

    python benchmarks/translate_speed.py [--sentences N] [--json FILE] [--device cpu|cuda] [--skip-naive] [--skip-torch]

The model has opus-mt-de-en's architecture (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 58,101) and random weights; the German sentences are read at run time from
``../shared/data/pud-de-en.tsv``. Every output is forced to the same number of tokens
(``--new-tokens``), so each variant does the same work. Variants run interleaved, round
after round, in an order that turns by one each round, so a machine shared with other work
slows them alike; within a round a fast variant translates the sentences again until it has
run ``--min-seconds``, so that its rate is not one short measurement. What to compare are
the ratios. On CPU: naive (one sentence at a time, float32), the project's torch engine in
float32 and int8, the project's CTranslate2 engine (int8), the engine ``--engine auto`` (the
default) chooses with the compute type it chooses, and CTranslate2's own ``translate_batch``
on the same converted model. On CUDA the reduced types are float16.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "pud-de-en.tsv"


def read_sentences(path: Path, limit: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row["de"] for row in rows if row.get("de")][:limit]


class PeakMemory:
    """Peak resident memory (CPU) or peak allocated CUDA memory while the block runs, in MiB.

    On CPU it is the whole process's, all variants' models included. On CUDA it is what torch
    allocated, so CTranslate2's own GPU memory is not in it.
    """

    def __init__(self, device: str):
        self.device = device
        self.peak = 0.0

    @staticmethod
    def _rss() -> float:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def __enter__(self):
        if self.device == "cuda":
            import torch

            torch.cuda.reset_peak_memory_stats()
        self._stop = threading.Event()
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()
        return self

    def _watch(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self._rss())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        if self.device == "cuda":
            import torch

            self.peak = torch.cuda.max_memory_allocated() / 2**20


def synchronize(device: str) -> None:
    if device == "cuda":
        import torch

        torch.cuda.synchronize()


def naive_variant(model_dir: Path, device: str, beam: int, new_tokens: int):
    """``generate`` one sentence at a time in float32, as the model card's example does."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(model_dir)
    model = MarianMTModel.from_pretrained(model_dir).eval().to(device)

    def run(sentences: list[str]) -> int:
        tokens = 0
        with torch.inference_mode():
            for sentence in sentences:
                batch = tokenizer([sentence], return_tensors="pt").to(device)
                out = model.generate(**batch, num_beams=beam, min_new_tokens=new_tokens, max_new_tokens=new_tokens,
                                     forced_eos_token_id=None)
                tokens += sum(1 for t in out[0].tolist()[1:] if t not in tokenizer.all_special_ids)
        return tokens

    return run


def project_variant(model_dir: Path, device: str, beam: int, new_tokens: int, engine: str, compute: str,
                    batch_tokens: int):
    """The project's translate stage (``Translator.translate``), loops not retried: lengths are fixed."""
    from pipeline.translate import TranslateSettings, Translator

    translator = Translator(TranslateSettings(
        model=str(model_dir), engine=engine, device=device, compute_type=compute, beam=beam,
        batch_tokens=batch_tokens, fixed_output_tokens=new_tokens, retry_loops=False,
    )).load()

    def run(sentences: list[str]) -> int:
        translator.clear_memory()
        before = translator.counts()["output_tokens"]
        translator.translate(sentences)
        return translator.counts()["output_tokens"] - before

    return run, translator


def raw_ctranslate2_variant(translator, device: str, beam: int, new_tokens: int, batch_tokens: int):
    """CTranslate2's ``translate_batch`` on the project's converted model, input tokenized beforehand."""
    engine = translator._engine
    tokenizer = translator._tokenizer
    cache: dict[tuple[str, ...], list[list[str]]] = {}

    def run(sentences: list[str]) -> int:
        key = tuple(sentences)
        if key not in cache:  # tokenizing is not counted against CTranslate2
            cache[key] = [tokenizer.convert_ids_to_tokens(ids) for ids in tokenizer(sentences)["input_ids"]]
        results = engine.translator.translate_batch(
            cache[key], beam_size=beam, min_decoding_length=new_tokens, max_decoding_length=new_tokens,
            max_batch_size=batch_tokens, batch_type="tokens",
        )
        return sum(len(r.hypotheses[0]) for r in results)

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=64, help="German sentences to translate (default 64)")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--new-tokens", type=int, default=32, help="tokens every output is held to (default 32)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds over all variants (default 2)")
    parser.add_argument("--min-seconds", type=float, default=5.0,
                        help="a variant repeats the sentences within a round until it has run this long (default 5)")
    parser.add_argument("--batch-tokens", type=int, default=0, help="the project's token budget (default: per device)")
    parser.add_argument("--skip-naive", action="store_true", help="leave the naive variant out (ratios then to torch fp32)")
    parser.add_argument("--skip-torch", action="store_true",
                        help="leave the project's torch variants out too (ratios then to the CTranslate2 engine)")
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"error: {DATA} not found; the benchmark reads its German sentences from there", file=sys.stderr)
        return 2
    os.environ.setdefault("PIPELINE_CACHE", tempfile.mkdtemp(prefix="pipeline-bench-cache-"))
    from pipeline.testing.tiny_model import opus_mt_de_en_like
    from pipeline.translate.settings import DEFAULT_BATCH_TOKENS

    sentences = read_sentences(DATA, args.sentences)
    batch_tokens = args.batch_tokens or DEFAULT_BATCH_TOKENS[args.device]
    reduced = "int8" if args.device == "cpu" else "float16"
    with tempfile.TemporaryDirectory(prefix="opus-mt-like-") as tmp:
        print(f"building a random model with opus-mt-de-en's architecture in {tmp} …", file=sys.stderr)
        model_dir = opus_mt_de_en_like(Path(tmp) / "model", read_sentences(DATA, 10_000))
        variants = {}
        if not args.skip_naive:
            variants["naive generate, float32"] = naive_variant(model_dir, args.device, args.beam, args.new_tokens)
        common = (model_dir, args.device, args.beam, args.new_tokens)
        if not args.skip_torch:
            variants["project torch, float32"] = project_variant(*common, "torch", "float32", batch_tokens)[0]
            variants[f"project torch, {reduced}"] = project_variant(*common, "torch", reduced, batch_tokens)[0]
        ct2_run, ct2_translator = project_variant(*common, "ctranslate2", reduced, batch_tokens)
        variants[f"project ctranslate2, {reduced}"] = ct2_run
        auto_run, auto_translator = project_variant(*common, "auto", "auto", batch_tokens)
        chosen = auto_translator.settings
        variants[f"project auto (default): {chosen.engine}, {chosen.resolved_compute_type()}"] = auto_run
        variants[f"raw ctranslate2 translate_batch, {reduced}"] = raw_ctranslate2_variant(
            ct2_translator, args.device, args.beam, args.new_tokens, batch_tokens)
        for run in variants.values():  # warm-up: first calls pay for one-off set-up
            run(sentences[:2])
        totals = {name: {"seconds": 0.0, "sentences": 0, "tokens": 0, "peak_mib": 0.0} for name in variants}
        names = list(variants)
        for round_ in range(args.rounds):
            shift = round_ % len(names)  # each round starts one variant later, so none always follows the same one
            for name in names[shift:] + names[:shift]:
                run, total = variants[name], totals[name]
                seconds = done = 0
                while not done or seconds < args.min_seconds:  # fast variants repeat the set
                    with PeakMemory(args.device) as memory:
                        synchronize(args.device)
                        started = time.perf_counter()
                        total["tokens"] += run(sentences)
                        synchronize(args.device)
                        seconds += time.perf_counter() - started
                    done += len(sentences)
                    total["peak_mib"] = max(total["peak_mib"], memory.peak)
                total["seconds"] += seconds
                total["sentences"] += done
                print(f"round {round_ + 1}: {name}: {done / seconds:.2f} sentences/s", file=sys.stderr)
    results = report(totals, args, batch_tokens)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def report(totals: dict, args: argparse.Namespace, batch_tokens: int) -> dict:
    base_name = next(iter(totals))
    base = totals[base_name]["sentences"] / totals[base_name]["seconds"]
    rows = []
    for name, t in totals.items():
        rate = t["sentences"] / t["seconds"]
        rows.append({
            "variant": name,
            "sentences_per_s": round(rate, 3),
            "target_tokens_per_s": round(t["tokens"] / t["seconds"], 1),
            "tokens_per_sentence": round(t["tokens"] / t["sentences"], 2),
            "ratio_to_baseline": round(rate / base, 2),
            "peak_memory_mib": round(t["peak_mib"], 1),
        })
    import torch

    device = args.device
    if device == "cuda":
        device = f"cuda ({torch.cuda.get_device_name()})"
    else:
        device = f"cpu ({torch.get_num_threads()} threads, load average {os.getloadavg()[0]:.1f})"
    print(f"\n{args.sentences} sentences, beam {args.beam}, {args.new_tokens} tokens per output, "
          f"batch tokens {batch_tokens}, {args.rounds} rounds of at least {args.min_seconds:g} s a variant, "
          f"device {device}, baseline: {base_name}")
    print(f"{'variant':48} {'sent/s':>8} {'tok/s':>9} {'tok/sent':>8} {'ratio':>7} {'peak MiB':>9}")
    for r in rows:
        print(f"{r['variant']:48} {r['sentences_per_s']:8.2f} {r['target_tokens_per_s']:9.1f} "
              f"{r['tokens_per_sentence']:8.2f} {r['ratio_to_baseline']:6.2f}x {r['peak_memory_mib']:9.1f}")
    return {"device": device, "beam": args.beam, "sentences": args.sentences, "new_tokens": args.new_tokens,
            "batch_tokens": batch_tokens, "rounds": args.rounds, "min_seconds": args.min_seconds,
            "baseline": base_name, "variants": rows}


if __name__ == "__main__":
    sys.exit(main())
