"""The review notebooks: stored without outputs, and executed headless on a run of the tiny model."""

import json

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.review import load_run
from tests.conftest import ROOT
from tests.review_fixtures import tiny_run

NOTEBOOKS = ROOT / "notebooks"
NAMES = ("review_alignments.ipynb", "corrections_audit.ipynb")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, cell["source"][:80]
    assert "widgets" not in nb["metadata"]  # no saved widget state either


@pytest.fixture(scope="module")
def run_dir(tiny_model, tmp_path_factory):
    return tiny_run(tiny_model, tmp_path_factory.mktemp("notebooks") / "run", tmp_path_factory.getbasetemp())


def execute(name, run_dir, monkeypatch):
    """Run a notebook in a fresh kernel, as a person opening it would; returns its text outputs."""
    monkeypatch.setenv("PIPELINE_RUN_DIR", str(run_dir))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", "".join(output.get("traceback", []))
            texts.append(output.get("text", ""))
            data = output.get("data", {})
            texts.append(data.get("text/html", "") + data.get("text/plain", ""))
            if "application/vnd.jupyter.widget-view+json" in data:
                texts.append("[widget]")
    return "\n".join(texts)


def test_review_notebook_shows_the_run_and_keeps_decisions_across_kernels(run_dir, monkeypatch):
    first = execute("review_alignments.ipynb", run_dir, monkeypatch)
    assert "<svg" in first and 'class="flagged" data-pair=' in first and "mark class=\"hl" in first
    assert "0 decisions in" in first and "random middle" in first
    assert first.count("[widget]") == 2  # the filter and the decision cards
    # decisions made through the API (what the buttons call), then the notebook opened again
    run = load_run(run_dir)
    run.reject(run.docs[0].pairs[0].id)
    run.edit(run.docs[1].pairs[0].id, en="The weekly market is moving.")
    second = execute("review_alignments.ipynb", run_dir, monkeypatch)
    assert "2 decisions in" in second
    assert "The weekly market is moving." in second
    assert "<td>rejected</td><td>1</td>" in second and "<td>edited</td><td>1</td>" in second
    pairs = sum(len(d.pairs) for d in run.docs)
    assert f"an export writes {pairs - 1} of {pairs} pairs; left out: 1 rejected" in second


def test_audit_notebook_shows_rules_edits_and_exceptions(run_dir, monkeypatch):
    first = execute("corrections_audit.ipynb", run_dir, monkeypatch)
    assert "chars.ligature" in first and "<del>ﬁ</del><ins>fi</ins>" in first
    assert "0 exceptions in" in first and "unresolved flags" in first
    run = load_run(run_dir)
    doc = run.docs[0]
    run.mark_edit_wrong(doc.id, next(i for i, e in enumerate(doc.edits) if e.rule == "chars.ligature"))
    second = execute("corrections_audit.ipynb", run_dir, monkeypatch)
    assert "1 exceptions in" in second
