"""The same run on this machine with 1 and 2 workers and on a Ray cluster of two nodes.

    python benchmarks/scale.py [--docs 2000] [--no-translate] [--ray-actors 2] [--kill-driver] [--json FILE]

Builds ``--docs`` German articles from the real sentences in ``../shared/data``
(gsd-test.de.txt and the German column of pud-de-en.tsv, eight to twenty sentences an
article) and runs ``python -m pipeline run`` over them, one variant after another:

* ``local, 1 worker`` and ``local, 2 workers`` (``--backend local``);
* ``ray, 2 nodes``: ``--backend ray`` on a cluster this script starts on this machine with
  ``ray.cluster_utils.Cluster`` (a head and a second node, each a raylet with its own CPUs
  and object store), with ``--ray-actors`` translator actors.

Translation uses a tiny Marian model built on the spot (random weights: the figures show
the overheads of each backend, not the speed of a real model); ``--no-translate`` runs the
CPU stages only. For each variant: the time end to end (process start, connecting to Ray,
loading the rules and the model, the work), documents and MB a second, and the model loads
counted (on Ray from the run's ``run.json``: one per translator actor for the whole run).
It checks that every variant's documents.jsonl, pairs.tsv, errors.jsonl and line_counts.json
are identical (on Ray the line counts are made by the workers).

With ``--kill-driver`` it also kills the Ray run's driver (SIGKILL) once a tenth of the
shards are done, runs the command again, and checks the output is still identical.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
OUTPUTS = ("documents.jsonl", "pairs.tsv", "errors.jsonl", "line_counts.json")
MB = 1024 * 1024


def german_sentences() -> list[str]:
    sentences = (DATA / "gsd-test.de.txt").read_text(encoding="utf-8").splitlines()
    for line in (DATA / "pud-de-en.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        sentences.append(line.split("\t")[2])
    return [s for s in sentences if s.strip()]


def write_articles(path: Path, count: int) -> None:
    rng = random.Random(5)
    sentences = german_sentences()
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            k = rng.randint(8, 20)
            start = rng.randrange(len(sentences) - k)
            body = sentences[start : start + k]
            paragraphs = [" ".join(body[i : i + 4]) for i in range(0, k, 4)]
            handle.write(json.dumps({"id": f"a{n}", "text": "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n")


def command(data: Path, out: Path, model: Path | None, extra: list[str]) -> list[str]:
    translate = ["--model", str(model), "--beam", "1", "--engine", "ctranslate2"] if model else ["--no-translate"]
    return [sys.executable, "-m", "pipeline", "run", str(data), "--out", str(out), "--quiet", *translate, *extra]


def timed_run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-2000:]}")
    return seconds


def kill_and_resume(args: list[str], env: dict[str, str], out: Path, shards: int, shard_docs: int) -> dict:
    """Kill the driver once a tenth of the shards are done, run again; the second run's figures."""
    driver = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while driver.poll() is None and _done_shards(out, shard_docs) < max(1, shards // 10):
        time.sleep(0.2)
    if driver.poll() is not None:
        sys.exit("the run ended before the driver could be killed; use more --docs")
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    seconds = timed_run(args, env)
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"seconds_after_kill": round(seconds, 2), "items_kept": info["resumed_after_items"],
            "shards_kept": info["ray"]["shards_done_before"]}


def _done_shards(out: Path, shard_docs: int) -> int:
    markers = len(list((out / "shards").glob("*.done"))) if (out / "shards").exists() else 0
    journal = out / "progress.jsonl"
    lines = journal.read_bytes().split(b"\n")[:-1] if journal.exists() else []  # complete lines only
    return markers + (json.loads(lines[-1])["counts"]["items"] // shard_docs if lines else 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="articles in the input (default 2000)")
    parser.add_argument("--no-translate", action="store_true", help="CPU stages only, no model")
    parser.add_argument("--ray-actors", type=int, default=2, help="translator actors on the cluster (default 2)")
    parser.add_argument("--node-cpus", type=int, default=2, help="logical CPUs of each of the two Ray nodes (default 2)")
    parser.add_argument("--kill-driver", action="store_true", help="also kill the Ray driver mid-run and run it again")
    parser.add_argument("--no-two-workers", action="store_true", help="leave out local, 2 workers (for long runs)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"evaluation data not found at {DATA}", file=sys.stderr)
        return 2
    from ray.cluster_utils import Cluster

    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        data = tmp_dir / "articles.jsonl"
        write_articles(data, args.docs)
        size = data.stat().st_size / MB
        model = None
        if not args.no_translate:
            from pipeline.testing.tiny_model import build

            model = build(tmp_dir / "tiny-model")
        env = {**os.environ, "PIPELINE_CACHE": str(tmp_dir / "cache"), "RAY_ADDRESS": ""}
        shard_docs = 64
        ray_extra = ["--backend", "ray", "--ray-actors", str(args.ray_actors), "--ray-shard-docs", str(shard_docs)]
        variants = {"local, 1 worker": ["--workers", "1"], "local, 2 workers": ["--workers", "2"],
                    f"ray, 2 nodes, {args.ray_actors} actors": ray_extra}
        if args.no_two_workers:
            del variants["local, 2 workers"]
        if model:  # convert the model for CTranslate2 once, outside the timings
            warm = tmp_dir / "one.jsonl"
            warm.write_text(data.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
            timed_run(command(warm, tmp_dir / "warm", model, []), env)
        cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": args.node_cpus,
                                                                "object_store_memory": 200 * MB,
                                                                "include_dashboard": False})
        cluster.add_node(num_cpus=args.node_cpus, object_store_memory=200 * MB)
        cluster.wait_for_nodes()
        results, outputs = {}, {}
        try:
            for name, extra in variants.items():
                out = tmp_dir / name.replace(" ", "_").replace(",", "")
                run_env = {**env, "RAY_ADDRESS": cluster.address} if "ray" in name else env
                seconds = timed_run(command(data, out, model, extra), run_env)
                info = json.loads((out / "run.json").read_text(encoding="utf-8"))
                loads = info["ray"]["model_loads"] if "ray" in info else (1 if model else 0)
                results[name] = {"seconds": round(seconds, 2), "docs_per_s": round(args.docs / seconds, 1),
                                 "mb_per_s": round(size / seconds, 3), "model_loads": loads}
                if "ray" in info:
                    results[name].update(shards=info["ray"]["shards"], actors=info["ray"]["translator_actors"],
                                         actor_nodes=info["ray"]["translator_nodes"], line_counts=info["ray"]["line_counts"])
                outputs[name] = tuple((out / f).read_bytes() for f in OUTPUTS)
            if args.kill_driver:
                name = next(n for n in variants if n.startswith("ray"))
                out = tmp_dir / "ray-killed"
                ray_env = {**env, "RAY_ADDRESS": cluster.address}
                results["ray, driver killed and run again"] = kill_and_resume(
                    command(data, out, model, variants[name]), ray_env, out, -(-args.docs // shard_docs), shard_docs)
                outputs["ray, driver killed and run again"] = tuple((out / f).read_bytes() for f in OUTPUTS)
        finally:
            cluster.shutdown()
    identical = len(set(outputs.values())) == 1
    base = results["local, 1 worker"]["seconds"]
    print(f"{args.docs} documents, {size:.1f} MB, {'no translation' if model is None else 'tiny model'}; "
          f"outputs identical: {identical}")
    print(f"{'variant':<36}{'seconds':>9}{'docs/s':>9}{'MB/s':>8}{'vs 1 worker':>13}{'model loads':>13}")
    for name, r in results.items():
        if "seconds" in r:
            print(f"{name:<36}{r['seconds']:>9}{r['docs_per_s']:>9}{r['mb_per_s']:>8}"
                  f"{round(base / r['seconds'], 2):>13}{r['model_loads']:>13}")
            if r.get("line_counts"):
                c = r["line_counts"]
                print(f"{'':<4}line counts made on the workers: {c['shards']} shards, {c['processes']} worker "
                      f"processes on {c['nodes']} nodes")
        else:
            print(f"{name:<36}{r['seconds_after_kill']:>9}  (rerun; kept {r['items_kept']} joined items "
                  f"and {r['shards_kept']} written shards)")
    if args.json:
        args.json.write_text(json.dumps({"documents": args.docs, "mb": size, "identical": identical,
                                         "results": results}, indent=2))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
