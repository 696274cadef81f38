"""Exports from a run directory: every format, the review applied (rejected left out, edited text
used, states carried), the filters and their counts."""

import csv
import json

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.export import FilterCounts, export, export_filters, pairs_from_documents, pairs_from_run
from pipeline.record import Document, Pair, PairFlag
from pipeline.review import load_run
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
    pairs.append(Pair("a:3", [3], "Verworfen.", "Rejected."))
    pairs.append(Pair("a:4", [4], "Korrigiert & geprüft.", "Corrected and checked, first try."))
    docs = [
        Document("a", "raw", pairs=pairs),
        Document("b", "raw", pairs=[Pair("b:0", [0], "Zweites Dokument.", "Second document.")]),
    ]
    run = tmp_path / "run"
    run.mkdir()
    (run / "documents.jsonl").write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    review = load_run(run)  # the decisions go through the review API, as a reviewer's would
    review.reject("a:3")
    review.edit("a:4", en="Corrected & checked.")
    review.accept("b:0")
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
    assert "5 of 6 pairs written" in result.stderr and "left out: 1 rejected" in result.stderr
    counts = json.loads((tmp_path / "x" / "pairs.counts.json").read_text(encoding="utf-8"))
    assert counts["written"] == 5 and counts["filters"][0] == {
        "filter": "rejected", "setting": None, "left_out": 1, "why": "rejected in the review"}


def test_export_command_errors_name_the_problem(tmp_path):
    result = run_cli("export", str(tmp_path / "nowhere"), "--format", "tsv", "--out", str(tmp_path / "o.tsv"))
    assert result.returncode == 2 and "nowhere" in result.stderr and "Traceback" not in result.stderr
    run = tmp_path / "run"
    run.mkdir()
    (run / "documents.jsonl").write_text('{"id": "a", "raw": "x"}\n{broken\n', encoding="utf-8")
    result = run_cli("export", str(run), "--format", "tsv", "--out", str(tmp_path / "o.tsv"))
    assert result.returncode == 2 and "documents.jsonl:2" in result.stderr and "Traceback" not in result.stderr
    (run / "documents.jsonl").write_text('{"id": "a", "raw": "x"}\n', encoding="utf-8")
    (run / "decisions.jsonl").write_text('{"pair": "a:0", "decision": "maybe"}\n', encoding="utf-8")
    result = run_cli("export", str(run), "--format", "tsv", "--out", str(tmp_path / "o.tsv"))
    assert result.returncode == 2 and "decisions.jsonl:1" in result.stderr and "maybe" in result.stderr


def test_tsv_reads_back_with_the_csv_module(tmp_path):
    out = tmp_path / "pairs.tsv"
    export(pairs_from_run(_run_dir(tmp_path)), "tsv", out)
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0]["de"] == TRICKY[0][0] and rows[0]["en"] == TRICKY[0][1]


def _flagged_docs():
    flag = lambda rule: [PairFlag(rule, "why")]  # noqa: E731
    pairs = [
        Pair("d:0", [0], "Eins.", "One.", scores={"score": 0.9}),
        Pair("d:1", [1], "Zwei.", "Two.", scores={"score": 0.2}),
        Pair("d:2", [2], "Drei.", "Three.", scores={"score": 0.9}, flags=flag("pair.length_ratio")),
        Pair("d:3", [3], "Vier.", "Four.", scores={"score": 0.9}, flags=flag("translate.loop")),
        Pair("d:4", [4], "Fünf.", "Five.", flags=flag("pair.numbers_differ")),
        Pair("d:5", [5], "Sechs.", "Six.", scores={"score": 0.1}, flags=flag("pair.numbers_differ"), review="accepted"),
    ]
    return [Document("d", "raw", pairs=pairs)]


@pytest.mark.parametrize("options, kept, left_out", [
    ({}, ["d:0", "d:1", "d:2", "d:3", "d:4", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0}),
    ({"drop_flags": ["pair.length_ratio"]}, ["d:0", "d:1", "d:3", "d:4", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "drop-flag": 1}),
    ({"drop_flags": ["pair"]}, ["d:0", "d:1", "d:3", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "drop-flag": 2}),
    ({"drop_flags": ["pair", "translate"]}, ["d:0", "d:1", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "drop-flag": 3}),
    ({"score": 0.5}, ["d:0", "d:2", "d:3", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "min-score": 2}),  # d:4 has no score
    ({"accepted": True}, ["d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "accepted-only": 5}),
    ({"drop_flags": ["pair"], "score": 0.5}, ["d:0", "d:3", "d:5"], {"rejected": 0, "duplicate": 0, "repeated-pair": 0, "drop-flag": 2, "min-score": 1}),
])
def test_each_filter_leaves_out_what_it_names_and_a_reviewed_pair_passes(options, kept, left_out):
    counts = FilterCounts(export_filters(**options))
    assert [p.id for p in pairs_from_documents(_flagged_docs(), counts)] == kept
    assert counts.left_out() == left_out


def test_a_flag_group_is_a_whole_part_of_the_rule_id():
    counts = FilterCounts(export_filters(drop_flags=["pair.length", "pair.copy"]))
    assert len(list(pairs_from_documents(_flagged_docs(), counts))) == 6
    assert counts.unmatched_flags() == ["pair.length", "pair.copy"]


STATES = st.sampled_from(["pending", "accepted", "rejected", "edited"])
RULES = st.sampled_from(["pair.length_ratio", "pair.numbers_differ", "translate.loop", "screen.language"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(STATES, st.lists(RULES, max_size=2), st.none() | st.floats(0, 1)), max_size=12),
       st.booleans(), st.lists(st.sampled_from(["pair", "translate", "pair.numbers_differ"]), max_size=2),
       st.none() | st.floats(0, 1))
def test_counts_add_up_and_no_rejected_pair_is_ever_written(specs, accepted, drop, score):
    pairs = [Pair(f"d:{n}", [n], "Satz.", "Sentence.", review=state,
                  scores={} if value is None else {"score": value}, flags=[PairFlag(r, "") for r in rules])
             for n, (state, rules, value) in enumerate(specs)]
    counts = FilterCounts(export_filters(accepted, drop, score))
    written = list(pairs_from_documents([Document("d", "", pairs=pairs)], counts))
    assert counts.pairs == len(pairs) == len(written) + sum(counts.left_out().values())
    assert all(p.review != "rejected" for p in written)
    assert counts.to_dict()["written_by_review"] == {
        s: n for s in sorted({p.review for p in written}) for n in [sum(p.review == s for p in written)]}
    if accepted:
        assert all(p.review in ("accepted", "edited") for p in written)
