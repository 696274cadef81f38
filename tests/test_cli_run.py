"""End to end through the command line, with the tiny model."""

import json
import time

import jsonschema
import pytest

from pipeline.clean.edits import apply_edits, rebuild_raw
from pipeline.record import Document, load_schema
from tests.conftest import EXAMPLE, SHARED_DATA, run_cli


def _check_run(out, expect_docs):
    docs = [Document.from_json(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == expect_docs
    validator = jsonschema.Draft202012Validator(load_schema())
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))
    for doc in docs:
        assert doc.raw and doc.clean and doc.edits and doc.sentences and doc.pairs
        assert apply_edits(doc.raw, doc.edits) == doc.clean
        assert rebuild_raw(doc.clean, doc.edits) == doc.raw
        for s in doc.sentences:
            assert doc.clean[s.start : s.end] == s.text
        assert len(doc.pairs) == len(doc.sentences)
    header, *rows = (out / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    assert header.split("\t")[:5] == ["doc_id", "pair_id", "src", "de", "en"]
    assert len(rows) == sum(len(d.pairs) for d in docs)
    info = json.loads((out / "run.json").read_text())
    assert info["translation"]["model_weights_sha256"]
    assert info["translation"]["engine"] == "ctranslate2"  # what --engine auto, the default, takes here
    assert info["counts"]["documents"] == expect_docs
    return docs


def test_run_on_example(tiny_model, tmp_path):
    result = run_cli("run", str(EXAMPLE), "--model", str(tiny_model), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    [doc] = _check_run(tmp_path / "o", 1)
    assert "Die mobile Version verlassen" not in doc.clean
    assert "1 documents done" in result.stderr


@pytest.mark.skipif(not (SHARED_DATA / "000_10c273515bf542bd.txt").exists(), reason="shared evaluation data not present")
def test_run_on_seed_article(tiny_model, tmp_path):
    seed = SHARED_DATA / "000_10c273515bf542bd.txt"
    result = run_cli("run", str(seed), "--model", str(tiny_model), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 0, result.stderr
    _check_run(tmp_path / "o", 1)


def test_run_on_jsonl_and_directory_with_a_bad_line(tiny_model, tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text("Titel\n\nDer Rat tagt am 3. Mai.\u200b Er entscheidet.\n", encoding="utf-8")
    (src / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "Die Stadt plant.\u00ad Mehr folgt.", "url": "https://example.org/b1"}) + "\n"
        + "{kaputt\n"
        + json.dumps({"id": "b2", "text": "Noch ein Text.\ufeff"}) + "\n",
        encoding="utf-8",
    )
    result = run_cli("run", str(src), "--model", str(tiny_model), "--out", str(tmp_path / "o"), "--quiet")
    assert result.returncode == 1, result.stderr  # one line failed, the rest came through
    docs = _check_run(tmp_path / "o", 3)
    assert {d.id for d in docs} == {"sub/a", "b1", "b2"}
    assert docs[[d.id for d in docs].index("b1")].meta["url"] == "https://example.org/b1"
    [error] = [json.loads(l) for l in (tmp_path / "o" / "errors.jsonl").read_text().splitlines()]
    assert error["line"] == 2 and error["source"].endswith("b.jsonl") and "JSON" in error["reason"]


def test_missing_input_is_a_usage_error(tiny_model, tmp_path):
    result = run_cli("run", str(tmp_path / "nope.txt"), "--model", str(tiny_model), "--out", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


def test_missing_default_model_fails_fast_and_says_what_to_do(tmp_path):
    env = {"HF_HOME": str(tmp_path / "hf"), "HF_HUB_OFFLINE": "1"}
    started = time.monotonic()
    result = run_cli("run", str(EXAMPLE), "--out", str(tmp_path / "o"), env=env, timeout=60)
    assert time.monotonic() - started < 30
    assert result.returncode == 2
    assert "Helsinki-NLP/opus-mt-de-en" in result.stderr
    assert "--model" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_model_directory(tmp_path):
    result = run_cli("run", str(EXAMPLE), "--out", str(tmp_path / "o"), "--model", str(tmp_path / "no-model"))
    assert result.returncode == 2
    assert "no-model" in result.stderr and "Traceback" not in result.stderr


def test_help_explains_every_option():
    result = run_cli("run", "--help")
    assert result.returncode == 0
    for option in ("--out", "--model", "--quiet", "--beam", "--device"):
        assert option in result.stdout


def test_bad_arguments_exit_2():
    assert run_cli("run").returncode == 2
    assert run_cli("frobnicate").returncode == 2
