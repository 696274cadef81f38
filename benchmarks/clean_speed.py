"""Speed of ``python -m pipeline clean`` on a 5 MB file, start-up included, beside ftfy.

The file is real German from ``../shared/data/`` (as in ``clean_quality.py``), grouped into
articles, a fifth of them with an injected artifact, repeated to the size asked for. The
variants run side by side, interleaved, in one process; the best of ``--rounds`` counts:

* ``pipeline clean``: ``python -m pipeline clean FILE`` in a subprocess (start-up included)
* ``ftfy CLI-like``: a subprocess that imports ftfy and runs ``ftfy.fix_text`` on the file
* ``ftfy.fix_text``: in this process, no start-up

    python benchmarks/clean_speed.py [--mb 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from clean_quality import CLASSES, DATA, build_documents, load_sentences  # noqa: E402

FTFY_SCRIPT = "import sys, ftfy; sys.stdout.write(ftfy.fix_text(open(sys.argv[1], encoding='utf-8').read()))"


def build_file(data: Path, megabytes: float, seed: int) -> str:
    rng = random.Random(seed)
    docs = build_documents(load_sentences(data), rng)
    names = list(CLASSES)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        for i, d in enumerate(docs):
            if i % 5 == 0:
                result = CLASSES[names[i // 5 % len(names)]](d, rng)
                d = result[0] if isinstance(result, tuple) else result
            parts.append(d)
            size += len(d.encode("utf-8")) + 2
    return "\n\n".join(parts)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.data / "gsd-test.de.txt").exists():
        print(f"no evaluation data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    import ftfy

    text = build_file(args.data, args.mb, 7)
    size = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.txt"
        path.write_text(text, encoding="utf-8")

        def pipeline_clean():
            subprocess.run([sys.executable, "-m", "pipeline", "clean", str(path)], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)

        def ftfy_subprocess():
            subprocess.run([sys.executable, "-c", FTFY_SCRIPT, str(path)], check=True, stdout=subprocess.DEVNULL)

        variants = {"pipeline clean": pipeline_clean, "ftfy CLI-like": ftfy_subprocess,
                    "ftfy.fix_text": lambda: ftfy.fix_text(text)}
        best = {name: float("inf") for name in variants}
        for _ in range(args.rounds):
            for name, fn in variants.items():
                best[name] = min(best[name], timed(fn))
    print(f"{size:.2f} MB of German articles, best of {args.rounds} interleaved rounds")
    for name, seconds in best.items():
        print(f"{name:<16} {seconds:6.2f} s  {size / seconds:5.2f} MB/s")
    print(f"pipeline clean / ftfy.fix_text speed: {best['ftfy.fix_text'] / best['pipeline clean']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
