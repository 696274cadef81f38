"""Throughput of the CPU stages (read, clean, screen, segment) with 1 and 2 workers and on Ray.

    python benchmarks/scale.py [--mb 5] [--no-ray] [--json FILE]

Builds about 5 MB of German articles from the real sentences in ``../shared/data``
(gsd-test.de.txt and the German column of pud-de-en.tsv, eight to twenty sentences an
article), runs ``python -m pipeline run --no-translate`` over it with each backend one after
another, checks the outputs are identical, and prints MB/s and the ratio to one worker.

Two figures per variant: end to end (process start, loading the rules and the language
model, and the work), and the steady rate of the stages themselves, measured as the
difference between a run over the input and a run over twice the input, so the fixed
start-up cost cancels out. Also prints the cost per document, for sizing a large job.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def german_sentences() -> list[str]:
    sentences = (DATA / "gsd-test.de.txt").read_text(encoding="utf-8").splitlines()
    for line in (DATA / "pud-de-en.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        sentences.append(line.split("\t")[2])
    return [s for s in sentences if s.strip()]


def write_articles(path: Path, megabytes: float) -> int:
    rng = random.Random(5)
    sentences = german_sentences()
    target, written, n = int(megabytes * 1024 * 1024), 0, 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            k = rng.randint(8, 20)
            start = rng.randrange(len(sentences) - k)
            body = sentences[start : start + k]
            paragraphs = [" ".join(body[i : i + 4]) for i in range(0, k, 4)]
            line = json.dumps({"id": f"a{n}", "text": "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def timed_run(data: Path, out: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "pipeline", "run", str(data), "--no-translate", "--out", str(out),
               "--quiet", "--restart", *extra]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="input size in MiB (default 5)")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray backend")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each variant, interleaved; the fastest counts (default 3)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"evaluation data not found at {DATA}", file=sys.stderr)
        return 2
    variants = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"]}
    if not args.no_ray:
        variants["ray (local)"] = ["--backend", "ray"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "articles.jsonl"
        docs = write_articles(data, args.mb)
        double = Path(tmp) / "articles-x2.jsonl"
        double.write_bytes(data.read_bytes() + data.read_bytes())
        size = data.stat().st_size / 1024 / 1024
        results, outputs = {}, {}
        single = {name: float("inf") for name in variants}
        twice = dict(single)
        for _ in range(args.rounds):  # interleaved, so a busy moment hits every variant alike
            for name, extra in variants.items():
                out = Path(tmp) / name.replace(" ", "_")
                single[name] = min(single[name], timed_run(data, out, extra))
                outputs[name] = (out / "documents.jsonl").read_bytes()
                twice[name] = min(twice[name], timed_run(double, out, extra))
        for name in variants:
            seconds, steady = single[name], twice[name] - single[name]
            results[name] = {"seconds": round(seconds, 2), "mb_per_s": round(size / seconds, 3),
                             "steady_seconds": round(steady, 2), "steady_mb_per_s": round(size / steady, 3),
                             "ms_per_doc": round(1000 * steady / docs, 3)}
    base, steady_base = results["1 worker"]["seconds"], results["1 worker"]["steady_seconds"]
    for r in results.values():
        r["speedup"] = round(base / r["seconds"], 2)
        r["steady_speedup"] = round(steady_base / r["steady_seconds"], 2)
    identical = len(set(outputs.values())) == 1
    print(f"{docs} documents, {size:.1f} MB; outputs identical: {identical}")
    print(f"{'variant':<14}{'end to end s':>13}{'MB/s':>7}{'speedup':>9}{'steady s':>10}{'MB/s':>7}{'speedup':>9}{'ms/doc':>8}")
    for name, r in results.items():
        print(f"{name:<14}{r['seconds']:>13}{r['mb_per_s']:>7}{r['speedup']:>9}"
              f"{r['steady_seconds']:>10}{r['steady_mb_per_s']:>7}{r['steady_speedup']:>9}{r['ms_per_doc']:>8}")
    if args.json:
        args.json.write_text(json.dumps({"documents": docs, "mb": size, "identical": identical, "results": results}, indent=2))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
