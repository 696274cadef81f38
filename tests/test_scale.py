"""More workers, or Ray: the same output as one local worker."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_batch_runs import _jsonl


def _outputs(out):
    return {name: (out / name).read_bytes() for name in ("documents.jsonl", "pairs.tsv", "errors.jsonl")}


def test_two_workers_give_the_output_of_one(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 300)
    with data.open("a", encoding="utf-8") as handle:
        handle.write("{kaputt\n")
    runs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        result = run_cli("run", str(data), "--no-translate", "--workers", workers, "--batch-docs", "16", "--out", str(out), "--quiet")
        assert result.returncode == 1, result.stderr  # the broken line
        runs[workers] = _outputs(out)
    assert runs["1"] == runs["2"]


def test_two_workers_with_translation(tiny_model, tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 8)
    runs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        args = ["run", str(data), "--model", str(tiny_model), "--beam", "1", "--batch-docs", "3", "--engine", "ctranslate2"]
        result = run_cli(*args, "--workers", workers, "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
        runs[workers] = _outputs(out)
    assert runs["1"] == runs["2"]


def test_ray_backend_gives_the_local_output(tiny_model, tmp_path):
    pytest.importorskip("ray")
    data = _jsonl(tmp_path / "docs.jsonl", 8)
    args = ["run", str(data), "--model", str(tiny_model), "--beam", "1", "--batch-docs", "3", "--quiet", "--engine", "ctranslate2"]
    local = run_cli(*args, "--out", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    on_ray = run_cli(*args, "--out", str(tmp_path / "ray"), "--backend", "ray", env={"RAY_ADDRESS": ""})
    assert on_ray.returncode == 0, on_ray.stderr
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")
