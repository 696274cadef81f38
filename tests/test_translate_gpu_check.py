"""``benchmarks/gpu_check.py`` runs end to end: on CPU, small, with the tiny model."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_gpu_check_runs_on_cpu_and_writes_every_variant(tiny_model, tmp_path):
    out = tmp_path / "check.json"
    done = subprocess.run(
        [sys.executable, "benchmarks/gpu_check.py", "--device", "cpu", "--quick", "--model", str(tiny_model),
         "--sentences", "4", "--max-batch-tokens", "256", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PIPELINE_CACHE": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert result["machine"]["device"] == "cpu" and result["model"] == f"given: {tiny_model}"
    variants = [(v["engine"], v["compute_type"]) for v in result["variants"]]
    assert variants == [("torch", "float32"), ("torch", "int8"), ("ctranslate2", "float32"), ("ctranslate2", "int8")]
    for variant in result["variants"]:
        [run] = variant["runs"]
        assert run["batch_tokens"] == 256 and run["sentences_per_s"] > 0 and run["peak_memory_mib"] > 0
        assert variant["best"] == run
    shares = {(s["engine"], s["compute_type"]): s for s in result["identical"]}
    assert set(shares) == set(variants) and all(s["sentences"] == 4 for s in shares.values())
    assert result["reference"] == "torch float32" and result["skipped"] == []
    assert shares[("torch", "float32")]["identical_to_reference"] == 1.0
    assert shares[("ctranslate2", "float32")]["identical_to_own_engine_float32"] == 1.0
    assert all(0 <= s["identical_to_reference"] <= 1 for s in shares.values())
    assert "same as torch float32" in done.stdout
