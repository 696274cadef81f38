"""Corpus-level cleaning through the CLI, on sites the project writes itself: chrome repeated
across a site is removed, no article sentence is, planted copies are found; the same output
with two workers, after SIGKILL and resume, and run after run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.clean.edits import rebuild_raw
from pipeline.review.stats import repeated_lines_of_run
from pipeline.record import Document
from pipeline.testing.sites import build_corpus
from tests.conftest import ROOT, run_cli

CORPUS = build_corpus()
OUTPUTS = ("documents.jsonl", "pairs.tsv", "errors.jsonl", "line_counts.json")


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    return CORPUS.write_jsonl(tmp_path_factory.mktemp("sites") / "sites.jsonl")


@pytest.fixture(scope="module")
def whole(corpus_file, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("whole") / "run"
    result = run_cli("run", str(corpus_file), "--no-translate", "--batch-docs", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "line counts of 3 sources made" in result.stderr
    return out


def _records(out: Path) -> dict[str, Document]:
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    return {d.id: d for d in map(Document.from_json, lines)}


def _same(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_every_chrome_line_goes_and_every_article_sentence_stays(whole):
    records = _records(whole)
    assert len(records) == len(CORPUS.pages)
    for page in CORPUS.pages:
        doc = records[page.id]
        lines = {line.strip() for line in doc.clean.split("\n")}
        assert not lines & set(page.chrome), (page.id, lines & set(page.chrome))
        for sentence in page.article:
            assert sentence in doc.clean, (page.id, sentence)
        assert rebuild_raw(doc.clean, doc.edits) == doc.raw
        assert any(e.rule == "chrome.repeated" for e in doc.edits)


def test_planted_copies_are_found_and_name_a_page_of_the_same_story(whole):
    records = _records(whole)
    story = {p.id: p.duplicate_of or p.id for p in CORPUS.pages}
    for page in CORPUS.pages:
        marked = records[page.id].meta.get("duplicate_of")
        if page.duplicate_of is None:
            assert marked is None, page.id
        else:
            assert marked is not None and story[marked] == page.duplicate_of, (page.id, marked)
            assert {f.rule for f in records[page.id].flags} & {"doc.duplicate", "doc.near_duplicate"}


def test_the_audit_lists_each_sites_repeated_lines_with_counts(whole):
    audit = repeated_lines_of_run(whole)
    assert sorted(audit) == ["kreisbote-nord.de", "tageblatt-sued.de", "weserblick-online.de"]
    rows = {r.text: r for r in audit["kreisbote-nord.de"]}
    assert rows["Startseite"].removed == 5 and rows["Startseite"].kept == 0
    headline = "Neue Brücke über den Kanal soll im Frühjahr fertig werden"
    assert rows[headline].kept == 1 and rows[headline].removed >= 3


def test_the_report_shows_the_repeated_lines_with_their_counts(whole, tmp_path):
    from html import escape

    out = tmp_path / "report.html"
    result = run_cli("report", str(whole), "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Lines repeated across a source" in page
    headline = "Neue Brücke über den Kanal soll im Frühjahr fertig werden"
    assert "<td>kreisbote-nord.de</td><td>Startseite</td><td>5</td><td>0</td>" in page
    assert escape(headline) in page


def test_two_workers_give_the_same_bytes(corpus_file, whole, tmp_path):
    out = tmp_path / "w2"
    result = run_cli("run", str(corpus_file), "--no-translate", "--batch-docs", "3", "--workers", "2", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    _same(out, whole)


def _journal_lines(out: Path) -> int:
    try:
        return (out / "progress.jsonl").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def test_sigkill_mid_run_and_resume_give_the_same_bytes(corpus_file, tmp_path):
    # the corpus ten times over (cleaning it once takes a few milliseconds a page), so that the
    # kill lands with most of the input still to do
    big = tmp_path / "big.jsonl"
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    big.write_text("".join(line.replace('"id": "', f'"id": "r{k}-', 1) + "\n" for k in range(10) for line in lines),
                   encoding="utf-8")
    whole = tmp_path / "whole"
    assert run_cli("run", str(big), "--no-translate", "--batch-docs", "1", "--out", str(whole), "--quiet").returncode == 0
    out = tmp_path / "killed"
    args = [sys.executable, "-m", "pipeline", "run", str(big), "--no-translate", "--batch-docs", "1",
            "--out", str(out), "--quiet"]
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _journal_lines(out) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(random.Random(2).uniform(0, 0.05))
    assert process.poll() is None, "the run ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = sum(1 for _ in (out / "documents.jsonl").open("rb"))
    assert 0 < done < 10 * len(CORPUS.pages)
    result = run_cli("run", str(big), "--no-translate", "--batch-docs", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "resuming" in result.stderr and "read from" in result.stderr
    _same(out, whole)


def test_run_again_gives_the_same_bytes_and_resume_with_other_counts_is_refused(corpus_file, whole, tmp_path):
    out = tmp_path / "other"
    assert run_cli("run", str(corpus_file), "--no-translate", "--batch-docs", "3", "--out", str(out), "--quiet").returncode == 0
    _same(out, whole)
    kept = (out / "line_counts.json").read_bytes()
    refused = run_cli("run", str(corpus_file), "--no-translate", "--batch-docs", "3", "--out", str(out),
                      "--source-key", "folder")
    assert refused.returncode == 2 and "line_counts_sha256" in refused.stderr and "source_key" in refused.stderr
    assert (out / "line_counts.json").read_bytes() == kept  # the refused run left the counts alone
    info = json.loads((out / "run.json").read_text())
    assert info["source_key"] == "url" and len(info["line_counts_sha256"]) == 64


def test_source_key_folder_counts_per_input_folder(tmp_path):
    for site in ("a", "b"):
        folder = tmp_path / "in" / site
        folder.mkdir(parents=True)
        for page in CORPUS.pages[:5]:  # the same pages in both folders: each folder is a source of its own
            (folder / f"{page.id}.txt").write_text(page.text, encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("run", str(tmp_path / "in"), "--no-translate", "--source-key", "folder", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    counts = json.loads((out / "line_counts.json").read_text())
    assert sorted(counts["sources"]) == [str(tmp_path / "in" / "a"), str(tmp_path / "in" / "b")]
    records = _records(out)
    assert all("Startseite" not in {l.strip() for l in d.clean.split("\n")} for d in records.values())
    # the second folder repeats the first one page for page
    assert sum(1 for d in records.values() if d.meta.get("duplicate_of")) == 5
