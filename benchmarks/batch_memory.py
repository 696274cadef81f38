"""Peak memory of a streaming run: does memory stay flat as the input grows?

    python benchmarks/batch_memory.py [--mb 1024] [--translate MODEL_DIR]

Writes a JSONL file of German articles of the given size (generated from sentences this
benchmark carries), runs ``python -m pipeline run`` over it (clean, screen and segment; with
``--translate`` also translation with the given model), samples the process's resident memory
every half second and prints the peak, the memory at each tenth of the input, and the
throughput.
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
SENTENCES = [
    "Der Gemeinderat hat am Dienstag über den neuen Haushalt beraten.",
    "Die Bürgermeisterin kündigte an, die Gebühren im kommenden Jahr nicht zu erhöhen.",
    "Mehrere Vereine hatten zuvor höhere Zuschüsse für ihre Jugendarbeit gefordert.",
    "Nach Angaben der Polizei wurde bei dem Unfall auf der Landstraße niemand verletzt.",
    "Die Straße war für drei Stunden gesperrt, der Verkehr wurde umgeleitet.",
    "Forscher der Universität stellten am Montag ihre Ergebnisse zur Wasserqualität vor.",
    "Die Ausstellung im Stadtmuseum zeigt Gemälde aus drei Jahrhunderten.",
    "Händler in der Innenstadt klagen über sinkende Umsätze und steigende Mieten.",
]


def write_input(path: Path, megabytes: float, seed: int = 1) -> int:
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    written = n = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            paragraphs = ["Meldung " + str(n)] + [
                " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(3, 8))
            ]
            line = json.dumps({"id": f"d{n}", "text": "\n\n".join(paragraphs)}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            n += 1
    return n


def memory_kb(pid: int) -> tuple[int, int]:
    """(resident now, highest resident so far) of a process, in KiB."""
    values = {"VmRSS:": 0, "VmHWM:": 0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key = line.split(maxsplit=1)[0] if line else ""
            if key in values:
                values[key] = int(line.split()[1])
    except FileNotFoundError:
        pass
    return values["VmRSS:"], values["VmHWM:"]


def journal_items(out: Path) -> int:
    try:
        last = (out / "progress.jsonl").read_bytes().rstrip(b"\n").rsplit(b"\n", 1)[-1]
        return json.loads(last)["counts"]["items"]
    except (FileNotFoundError, ValueError, KeyError):
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1024, help="input size in MiB (default 1024)")
    parser.add_argument("--translate", metavar="MODEL_DIR", help="also translate, with this model")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "input.jsonl"
        docs = write_input(data, args.mb)
        out = Path(tmp) / "run"
        command = [sys.executable, "-m", "pipeline", "run", str(data), "--out", str(out), "--quiet"]
        command += ["--model", args.translate] if args.translate else ["--no-translate"]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT)
        peak, samples, next_mark = 0, [], 0.1
        while process.poll() is None:
            rss, high_water = memory_kb(process.pid)
            peak = max(peak, rss, high_water)
            done = journal_items(out) / docs
            if done >= next_mark:
                samples.append((round(done, 2), rss // 1024))
                next_mark += 0.1
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        size_mb = data.stat().st_size / 1024 / 1024
    result = {
        "input_mb": round(size_mb, 1),
        "documents": docs,
        "exit_code": process.returncode,
        "peak_rss_mb": peak // 1024,
        "rss_mb_by_progress": samples,
        "seconds": round(seconds, 1),
        "mb_per_s": round(size_mb / seconds, 2),
        "translate": bool(args.translate),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if process.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
