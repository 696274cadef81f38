"""Batch runs: odd inputs isolated, streaming output, resume after SIGKILL, determinism."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.read import read_documents
from pipeline.read.inputs import ReadFailure
from pipeline.record import Document
from tests.conftest import ROOT, run_cli

SENTENCES = [
    "Der Gemeinderat hat am Dienstag über den neuen Haushalt beraten.",
    "Die Bürgermeisterin kündigte an, die Gebühren nicht zu erhöhen.",
    "Mehrere Vereine hatten zuvor höhere Zuschüsse gefordert.",
    "Die Entscheidung soll im Dezember fallen.",
    "Nach Angaben der Polizei wurde niemand verletzt.",
    "Die Straße war für drei Stunden gesperrt.",
]


def _article(n: int) -> str:
    rng = random.Random(n)
    body = " ".join(rng.choice(SENTENCES) for _ in range(2))
    return f"Meldung Nummer {n}\n\n{body}\n\nDie mobile Version verlassen"


def _jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"doc-{n:04d}", "text": _article(n)}, ensure_ascii=False) + "\n")
    return path


def _records(out: Path) -> list[Document]:
    return [Document.from_json(l) for l in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def _errors(out: Path) -> list[dict]:
    return [json.loads(l) for l in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


# -- reading odd inputs -----------------------------------------------------------


def test_encodings_are_detected(tmp_path):
    text = "Die Bürger „grüßen“ die Straße."
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "legacy.txt").write_bytes(text.encode("cp1252"))
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert {k: d.raw for k, d in docs.items()} == dict.fromkeys(("bom", "legacy", "u16"), text)
    assert docs["legacy"].meta["encoding"] == "cp1252"
    assert docs["u16"].meta["encoding"] == "utf-16"


def test_gzipped_jsonl_and_html(tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": "Ein Text.", "date": "2026-01-02"}) + "\n")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Neue Brücke eröffnet</title><meta name='author' content='Erika Muster'></head>"
        "<body><nav>Startseite | Lokales</nav><script>document.title='böse'</script><article>"
        "<h1>Neue Brücke eröffnet</h1><p>Die neue Brücke über den Fluss ist seit Montag für den Verkehr "
        "freigegeben. Sie hat rund acht Millionen Euro gekostet und verbindet zwei Stadtteile.</p>"
        "<p>Anwohner feierten die Eröffnung mit einem kleinen Fest am Ufer des Flusses.</p></article></body></html>",
        encoding="utf-8",
    )
    docs = {d.id: d for d in read_documents([tmp_path])}
    assert docs["g1"].meta["date"] == "2026-01-02"
    page = docs["page"]
    assert page.meta["title"] == "Neue Brücke eröffnet" and page.meta["author"] == "Erika Muster"
    assert "böse" not in page.raw and "Startseite" not in page.raw and "acht Millionen Euro" in page.raw


def test_bad_inputs_are_failures_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "lines.jsonl").write_bytes(
        b'{"id": "ok1", "text": "Gut."}\n'
        b'{"id": "broken", "text": \n'
        b'{"id": "notext", "title": "x"}\n'
        b'{"id": "bad-utf8", "text": "Gr\xfc\xdfe"}\n'
        b'["a", "list"]\n'
    )
    items = list(read_documents([tmp_path]))
    failures = {(Path(f.source).name, f.line): f.reason for f in items if isinstance(f, ReadFailure)}
    assert "binary" in failures[("binary.txt", None)]
    assert "empty" in failures[("empty.txt", None)]
    assert "JSON" in failures[("lines.jsonl", 2)]
    assert '"text"' in failures[("lines.jsonl", 3)]
    assert "UTF-8" in failures[("lines.jsonl", 4)]
    assert '"text"' in failures[("lines.jsonl", 5)]
    assert [d.id for d in items if isinstance(d, Document)] == ["ok1"]


def test_bad_inputs_among_good_ones_through_the_cli(tiny_model, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(_article(1), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (src / "legacy.txt").write_bytes(_article(2).encode("cp1252"))
    (src / "english.txt").write_text(
        "The council met on Tuesday to discuss the new budget. The mayor said that fees would not rise, "
        "although several clubs had asked for higher grants.", encoding="utf-8")
    (src / "evil.html").write_text(
        "<html><head><title>Test</title></head><body><article><p>Der Rat tagt heute im Rathaus und berät "
        "über den Haushalt der Stadt für das kommende Jahr.</p><script>alert('x')</script>"
        "<p>Die Sitzung ist öffentlich, Gäste sind willkommen.</p></article></body></html>", encoding="utf-8")
    long_sentence = " ".join(["und die Stadt plant weiter"] * 1000) + "."
    huge = "Wort " * 2_100_000
    with (src / "mixed.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "long", "text": "Lang: " + long_sentence}) + "\n")
        handle.write("{nicht json\n")
        handle.write(json.dumps({"id": "huge", "text": huge}) + "\n")
        handle.write(json.dumps({"id": "notext"}) + "\n")
    # CTranslate2 keeps the 5,000-word sentence (many pieces through the random model) quick
    result = run_cli("run", str(src), "--model", str(tiny_model), "--out", str(tmp_path / "o"), "--beam", "1",
                     "--engine", "ctranslate2")
    assert result.returncode == 1, result.stderr
    out = tmp_path / "o"
    docs = {d.id: d for d in _records(out)}
    assert set(docs) == {"good", "legacy", "english", "evil", "long"}
    assert any(f.rule == "read.legacy_encoding" for f in docs["legacy"].flags)
    assert any(f.rule == "screen.not_german" for f in docs["english"].flags)
    assert docs["english"].pairs == [] and docs["good"].pairs
    assert "alert" not in docs["evil"].raw
    assert docs["long"].pairs and docs["long"].pairs[-1].en
    errors = {(Path(e["source"]).name, e["line"]): e for e in _errors(out)}
    assert set(errors) == {("empty.txt", None), ("binary.txt", None), ("mixed.jsonl", 2), ("mixed.jsonl", 3), ("mixed.jsonl", 4)}
    assert "--max-doc-chars" in errors[("mixed.jsonl", 3)]["reason"]
    assert "5 documents done" in result.stderr and "5 failed" in result.stderr


# -- resume and determinism -------------------------------------------------------


def _start(args, out):
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args, "--out", str(out), "--quiet"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _journal_lines(out: Path) -> int:
    try:
        return (out / "progress.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill_during_run(args, out, rng, batches_before_kill):
    """Start a run, wait until it has committed some batches, SIGKILL it at a random moment."""
    before = _journal_lines(out)
    process = _start(args, out)
    deadline = time.monotonic() + 120
    target = before + batches_before_kill
    while _journal_lines(out) < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(rng.uniform(0, 0.05))  # land anywhere inside the next batch, or inside its write
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return killed


def _same_outputs(a: Path, b: Path):
    for name in ("documents.jsonl", "pairs.tsv", "errors.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_sigkill_three_times_and_resume_gives_the_uninterrupted_output(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 2000)
    with data.open("a", encoding="utf-8") as handle:  # failures must survive a resume too
        handle.write("{kaputt\n")
    args = [str(data), "--no-translate", "--batch-docs", "25"]
    whole = tmp_path / "whole"
    assert run_cli("run", *args, "--out", str(whole), "--quiet").returncode == 1
    resumed = tmp_path / "resumed"
    rng = random.Random(11)
    kills = sum(_kill_during_run(args, resumed, rng, rng.randint(2, 12)) for _ in range(3))
    assert kills == 3
    with (resumed / "documents.jsonl").open("ab") as handle:  # a torn tail, as a kill mid-write leaves
        handle.write(b'{"id": "torn')
    final = run_cli("run", *args, "--out", str(resumed))
    assert final.returncode == 1, final.stderr
    assert "resuming" in final.stderr
    _same_outputs(resumed, whole)
    info = json.loads((resumed / "run.json").read_text())
    assert info["counts"]["documents"] == 2000 and info["counts"]["failed"] == 1


def test_sigkill_during_translation_and_resume(tiny_model, tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 6)
    args = [str(data), "--model", str(tiny_model), "--batch-docs", "2", "--beam", "1", "--engine", "ctranslate2"]
    whole = tmp_path / "whole"
    assert run_cli("run", *args, "--out", str(whole), "--quiet").returncode == 0
    resumed = tmp_path / "resumed"
    assert _kill_during_run(args, resumed, random.Random(3), 1)
    final = run_cli("run", *args, "--out", str(resumed), "--quiet")
    assert final.returncode == 0, final.stderr
    _same_outputs(resumed, whole)


def test_same_input_gives_byte_identical_records(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 30)
    outs = []
    for name in ("a", "b"):
        result = run_cli("run", str(data), "--no-translate", "--out", str(tmp_path / name), "--quiet", "--batch-docs", "7")
        assert result.returncode == 0, result.stderr
        outs.append((tmp_path / name / "documents.jsonl").read_bytes())
    assert outs[0] == outs[1] and outs[0]


def test_resume_with_other_settings_is_refused_and_restart_starts_over(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 5)
    out = tmp_path / "o"
    assert run_cli("run", str(data), "--no-translate", "--out", str(out), "--quiet").returncode == 0
    refused = run_cli("run", str(data), "--no-translate", "--out", str(out), "--batch-docs", "2")
    assert refused.returncode == 2 and "--restart" in refused.stderr and "batch_docs" in refused.stderr
    again = run_cli("run", str(data), "--no-translate", "--out", str(out), "--batch-docs", "2", "--restart", "--quiet")
    assert again.returncode == 0
    assert len(_records(out)) == 5


def test_a_finished_run_run_again_does_nothing_new(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 5)
    out = tmp_path / "o"
    assert run_cli("run", str(data), "--no-translate", "--out", str(out), "--quiet").returncode == 0
    first = (out / "documents.jsonl").read_bytes()
    assert run_cli("run", str(data), "--no-translate", "--out", str(out), "--quiet").returncode == 0
    assert (out / "documents.jsonl").read_bytes() == first


@pytest.mark.parametrize("size", [3])
def test_runner_batches_do_not_depend_on_where_a_run_starts(size, tmp_path):
    from pipeline.read import read_items

    data = _jsonl(tmp_path / "docs.jsonl", 10)
    all_ids = [d.id for d in read_items([data])]
    assert [d.id for d in read_items([data], skip=size)] == all_ids[size:]


def test_an_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 1)
    (tmp_path / "taken").write_text("not a directory")
    result = run_cli("run", str(data), "--no-translate", "--out", str(tmp_path / "taken"))
    assert result.returncode == 2
    assert "not a directory" in result.stderr and "Traceback" not in result.stderr
