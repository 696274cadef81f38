"""Exports from a run directory: every format, rejected pairs left out, edited pairs as stored."""

import csv
import json

import pytest

from pipeline.export import export, pairs_from_run
from pipeline.record import Document, Pair, PairFlag
from tests.conftest import run_cli

TRICKY = [
    ("Müller & Söhne <GmbH> sagt: „Wir wachsen“.", 'Müller & Sons <GmbH> says: "We are growing".'),
    ("Preis: 5 € – 'günstig' 🎉", "Price: €5 – 'cheap' 🎉"),
    ("Ein Tab\tim Satz und ein Backslash \\ dazu.", "A tab\tin the sentence and a backslash \\ too."),
]


def _run_dir(tmp_path):
    pairs = [
        Pair(f"a:{n}", [n], de, en, scores={"score": 0.9, "length_ratio": 1.0},
             flags=[PairFlag("pair.numbers_differ", "numbers differ (only in source: 5)")] if n == 1 else [])
        for n, (de, en) in enumerate(TRICKY)
    ]
    pairs.append(Pair("a:3", [3], "Verworfen.", "Rejected.", review="rejected"))
    pairs.append(Pair("a:4", [4], "Korrigiert & geprüft.", "Corrected & checked.", review="edited"))
    docs = [
        Document("a", "raw", pairs=pairs),
        Document("b", "raw", pairs=[Pair("b:0", [0], "Zweites Dokument.", "Second document.", review="accepted")]),
    ]
    run = tmp_path / "run"
    run.mkdir()
    (run / "documents.jsonl").write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    return run


def _expected():
    return [*TRICKY, ("Korrigiert & geprüft.", "Corrected & checked."), ("Zweites Dokument.", "Second document.")]


def test_tmx_reads_back_unchanged_with_translate_toolkit(tmp_path):
    from translate.storage import tmx

    out = tmp_path / "pairs.tmx"
    assert export(pairs_from_run(_run_dir(tmp_path)), "tmx", out) == 5
    store = tmx.tmxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == _expected()
    assert "pair.numbers_differ" in store.units[1].getnotes()
    header = out.read_text(encoding="utf-8")
    for attribute in ('creationtool="pipeline"', "creationtoolversion=", 'segtype="sentence"', "o-tmf=",
                      'adminlang="en"', 'srclang="de"', 'datatype="plaintext"', 'version="1.4"'):
        assert attribute in header
    assert '<prop type="x-score-score">0.9</prop>' in header


def test_tsv_has_a_header_and_one_row_a_pair(tmp_path):
    out = tmp_path / "pairs.tsv"
    export(pairs_from_run(_run_dir(tmp_path)), "tsv", out)
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    columns = header.split("\t")
    assert columns[:6] == ["doc_id", "pair_id", "src_ids", "tgt_ids", "de", "en"]
    assert {"score", "flags", "reasons", "review"} <= set(columns)
    assert len(rows) == 5 and all(len(r.split("\t")) == len(columns) for r in rows)
    second = dict(zip(columns, rows[1].split("\t")))
    assert second["flags"] == "pair.numbers_differ" and "only in source" in second["reasons"]
    assert "Ein Tab\\tim Satz" in rows[2]


def test_moses_files_line_for_line(tmp_path):
    prefix = tmp_path / "out" / "corpus"
    export(pairs_from_run(_run_dir(tmp_path)), "moses", prefix)
    de = (tmp_path / "out" / "corpus.de").read_text(encoding="utf-8").split("\n")[:-1]
    en = (tmp_path / "out" / "corpus.en").read_text(encoding="utf-8").split("\n")[:-1]
    assert list(zip(de, en)) == _expected()


def test_jsonl_keeps_scores_flags_and_review(tmp_path):
    out = tmp_path / "pairs.jsonl"
    export(pairs_from_run(_run_dir(tmp_path)), "jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["src"], r["tgt"]) for r in records] == _expected()
    assert records[1]["flags"][0]["rule"] == "pair.numbers_differ"
    assert [r["review"] for r in records][-2:] == ["edited", "accepted"]
    assert all(r["id"] != "a:3" for r in records)


@pytest.mark.parametrize("fmt", ["tsv", "moses", "jsonl", "tmx"])
def test_export_command(tmp_path, fmt):
    run = _run_dir(tmp_path)
    result = run_cli("export", str(run), "--format", fmt, "--out", str(tmp_path / "x" / "pairs"))
    assert result.returncode == 0, result.stderr
    assert "5 pairs written" in result.stderr


def test_export_command_errors_name_the_problem(tmp_path):
    result = run_cli("export", str(tmp_path / "nowhere"), "--format", "tsv", "--out", str(tmp_path / "o.tsv"))
    assert result.returncode == 2 and "nowhere" in result.stderr and "Traceback" not in result.stderr
    run = tmp_path / "run"
    run.mkdir()
    (run / "documents.jsonl").write_text('{"id": "a", "raw": "x"}\n{broken\n', encoding="utf-8")
    result = run_cli("export", str(run), "--format", "tsv", "--out", str(tmp_path / "o.tsv"))
    assert result.returncode == 2 and "documents.jsonl:2" in result.stderr and "Traceback" not in result.stderr


def test_tsv_reads_back_with_the_csv_module(tmp_path):
    out = tmp_path / "pairs.tsv"
    export(pairs_from_run(_run_dir(tmp_path)), "tsv", out)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0]["de"] == TRICKY[0][0] and rows[0]["en"] == TRICKY[0][1]
