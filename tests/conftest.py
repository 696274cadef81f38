"""Shared fixtures: the tiny Marian model is built once per test run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "stadtrat-radwege.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> Path:
    from pipeline.testing.tiny_model import build

    return build(tmp_path_factory.mktemp("tiny-marian"))


def _end_biased_copy(model_dir: Path, out: Path, bias: float) -> Path:
    import shutil

    import torch
    from transformers import MarianMTModel

    for name in model_dir.iterdir():
        shutil.copy(name, out / name.name)
    model = MarianMTModel.from_pretrained(model_dir)
    with torch.no_grad():
        model.final_logits_bias[..., model.config.eos_token_id] = bias
    model.save_pretrained(out)
    return out


@pytest.fixture(scope="session")
def endless_model(tiny_model, tmp_path_factory) -> Path:
    """The tiny model with its end-of-sentence token made unreachable: every output runs to
    the length cap, even after a retry against repetition."""
    return _end_biased_copy(tiny_model, tmp_path_factory.mktemp("endless-marian"), -1e4)


@pytest.fixture(scope="session")
def hasty_model(tiny_model, tmp_path_factory) -> Path:
    """The tiny model with its end-of-sentence token made certain: every output ends at once
    unless a minimum length holds it."""
    return _end_biased_copy(tiny_model, tmp_path_factory.mktemp("hasty-marian"), 1e4)


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 300):
    """Run ``python -m pipeline ARGS`` in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=ROOT,
        env=full_env,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session", autouse=True)
def _model_cache(tmp_path_factory):
    """One cache directory for converted models per test run (CTranslate2 converts once)."""
    if "PIPELINE_CACHE" not in os.environ:
        os.environ["PIPELINE_CACHE"] = str(tmp_path_factory.mktemp("pipeline-cache"))
    yield
