"""The package as built: the wheel carries the rule files and the schema, and declares its dependencies."""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ("pipeline", "corrections", "pyproject.toml", "setup.py", "README.md")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout (the build leaves its folders in the copy)."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), "."],
        cwd=tree, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [built] = out.glob("pipeline-*.whl")
    return built


def test_the_wheel_carries_the_rule_files_the_schema_and_every_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    rule_files = {f"pipeline/corrections/{p.name}" for p in (ROOT / "corrections").iterdir() if p.is_file()}
    assert rule_files and rule_files <= names
    schemas = {f"pipeline/schema/{p.name}" for p in (ROOT / "pipeline" / "schema").glob("*.json")}
    assert schemas and schemas <= names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "pipeline").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names, sorted(modules - names)
    assert not {n for n in names if n.startswith(("tests/", "benchmarks/", "corrections/"))}


def test_the_wheel_declares_the_core_and_optional_dependencies(wheel):
    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode("utf-8").splitlines()
    requires = [line.split(": ", 1)[1] for line in lines if line.startswith("Requires-Dist: ")]
    core = {r.split(">")[0].split("<")[0].split("=")[0].strip().lower() for r in requires if "extra ==" not in r}
    assert {"torch", "transformers", "sentencepiece", "pyyaml", "sacrebleu"} <= core
    assert not core & {"ctranslate2", "ray", "matplotlib", "pytest"}  # optional, in their groups
    extras = {line.split(": ", 1)[1] for line in lines if line.startswith("Provides-Extra: ")}
    assert {"ctranslate2", "ray", "review", "dev"} <= extras
    assert "torch<2.15,>=2.13" in requires or "torch>=2.13,<2.15" in requires


def test_the_pinned_set_satisfies_the_declared_ranges():
    """requirements.txt (what CI installs) stays inside the ranges pyproject.toml declares."""
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for group in project["optional-dependencies"].values() for r in group]
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pin = Requirement(line)
            pins[pin.name.lower().replace("_", "-")] = next(iter(pin.specifier)).version
    for requirement in declared:
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{requirement} is declared in pyproject.toml but not pinned in requirements.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} is outside {requirement}"
