"""What a reviewer decides is what leaves the tool: a run made through the CLI, decisions made
through the review API and through the notebook widgets, then `export` and `report` run as a
user runs them, in every format."""

import json
import shutil
from collections import Counter
import xml.etree.ElementTree as ET

import pytest

from pipeline.review import load_run
from pipeline.review.selection import PairItem
from pipeline.review.widgets import PairCard
from tests.conftest import EXAMPLE, run_cli

DOC = "stadtrat-radwege"
EDITED = "The expansion of the cycle paths divides the city."


@pytest.fixture(scope="module")
def made_run(tiny_model, tmp_path_factory):
    """``python -m pipeline run examples/stadtrat-radwege.txt`` with the tiny model, made once."""
    out = tmp_path_factory.mktemp("review-export") / "run"
    # short outputs keep the tiny model fast: it loops until the length cap
    result = run_cli("run", str(EXAMPLE), "--model", str(tiny_model), "--out", str(out), "--beam", "1",
                     "--max-length", "16", "--threads", "1", "--quiet")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def run_dir(made_run, tmp_path):
    """A fresh copy of the run for each test, so decisions do not leak between tests."""
    return shutil.copytree(made_run, tmp_path / "run")


def read_export(fmt, out):
    """(pair id or None, German, English, review state or None) per exported pair, from the files."""
    if fmt == "tsv":
        header, *rows = out.read_text(encoding="utf-8").splitlines()
        columns = header.split("\t")
        return [(r["pair_id"], r["de"], r["en"], r["review"]) for r in (dict(zip(columns, row.split("\t"))) for row in rows)]
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return [(r["id"], r["src"], r["tgt"], r["review"]) for r in records]
    if fmt == "tmx":
        units = []
        for tu in ET.parse(out).getroot().iter("tu"):
            props = {p.get("type"): p.text for p in tu.iter("prop")}
            de, en = (seg.text for seg in tu.iter("seg"))
            units.append((tu.get("tuid"), de, en, props["x-review"]))
        return units
    de = out.with_name(out.name + ".de").read_text(encoding="utf-8").splitlines()
    en = out.with_name(out.name + ".en").read_text(encoding="utf-8").splitlines()
    return [(None, d, e, None) for d, e in zip(de, en, strict=True)]


def export(run_dir, fmt, out, *options):
    result = run_cli("export", str(run_dir), "--format", fmt, "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    counts = out.with_name(out.name + ".counts.json")
    return result.stderr, json.loads(counts.read_text(encoding="utf-8")) if counts.exists() else None, read_export(fmt, out)


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "moses", "tmx"])
def test_decisions_made_through_the_api_reach_every_export_format(run_dir, tmp_path, fmt):
    run = load_run(run_dir)
    total = len(run.docs[0].pairs)
    german = {p.id: p.de for p in run.docs[0].pairs}
    run.reject(f"{DOC}:0")
    run.edit(f"{DOC}:1", en=EDITED)
    run.accept(f"{DOC}:2")
    stderr, counts, pairs = export(run_dir, fmt, tmp_path / f"pairs.{fmt}")
    assert german[f"{DOC}:0"] not in [de for _, de, _, _ in pairs]  # the rejected pair is gone
    assert len(pairs) == total - 1 == 17
    assert pairs[0][1:3] == (german[f"{DOC}:1"], EDITED)  # the edited English in its place
    if fmt != "moses":  # Moses files carry text only
        states = {pair_id: state for pair_id, _, _, state in pairs}
        assert f"{DOC}:0" not in states
        assert states[f"{DOC}:1"] == "edited" and states[f"{DOC}:2"] == "accepted" and states[f"{DOC}:3"] == "pending"
    assert f"17 of {total} pairs written" in stderr and "left out: 1 rejected" in stderr
    assert counts["written"] == 17 and counts["left_out"] == 1
    assert counts["written_by_review"] == {"accepted": 1, "edited": 1, "pending": 15}


def test_decisions_made_through_the_widgets_reach_the_export(run_dir, tmp_path):
    run = load_run(run_dir)
    doc = run.docs[0]
    first, second = (PairCard(run, PairItem(doc, pair), who="pruefer") for pair in doc.pairs[3:5])
    first.reject_button.click()
    second.english.value = EDITED
    second.edit_button.click()
    assert first.state.value == "rejected" and second.state.value == "edited"
    _, counts, pairs = export(run_dir, "jsonl", tmp_path / "pairs.jsonl")
    ids = [pair_id for pair_id, _, _, _ in pairs]
    assert f"{DOC}:3" not in ids
    assert (f"{DOC}:4", doc.pairs[4].de, EDITED, "edited") in pairs
    assert counts["filters"][0]["left_out"] == 1
    decisions = [json.loads(line) for line in (run_dir / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["pair"], d["decision"], d["who"]) for d in decisions] == [
        (f"{DOC}:3", "reject", "pruefer"), (f"{DOC}:4", "edit", "pruefer")]


def test_each_filter_changes_the_counts_as_printed(run_dir, tmp_path):
    run = load_run(run_dir)
    run.reject(f"{DOC}:0")
    run.edit(f"{DOC}:1", en=EDITED)
    run.accept(f"{DOC}:2")
    pending = [p for p in run.docs[0].pairs if p.review == "pending"]
    # a flag some pending pairs carry and others do not, and a score some are below
    carried = Counter(f.rule for p in pending for f in {f.rule: f for f in p.flags}.values())
    rule = next(r for r, n in sorted(carried.items()) if 0 < n < len(pending))
    group = rule.split(".")[0]
    scores = sorted({p.scores["score"] for p in pending})
    assert len(scores) > 1, "the tiny model's run gives one score for every pair"
    threshold = scores[1]
    out = tmp_path / "pairs.tsv"
    cases = [
        ((), {"rejected": 1}),
        (("--drop-flag", rule), {"rejected": 1, "drop-flag": carried[rule]}),
        (("--drop-flag", f"pair.copy,{rule}"), {"rejected": 1, "drop-flag": carried[rule]}),
        (("--drop-flag", group), {"rejected": 1, "drop-flag": sum(any(f.rule.startswith(group + ".") for f in p.flags)
                                                                   for p in pending)}),
        (("--min-score", str(threshold)), {"rejected": 1, "min-score": sum(p.scores["score"] < threshold for p in pending)}),
        (("--accepted-only",), {"rejected": 1, "accepted-only": len(pending)}),
        (("--drop-flag", rule, "--min-score", str(threshold)), {
            "rejected": 1, "drop-flag": carried[rule],
            "min-score": sum(p.scores["score"] < threshold and rule not in {f.rule for f in p.flags} for p in pending)}),
    ]
    for options, left_out in cases:
        # the duplicate filters run after the review's, on by default; this run has no duplicates
        left_out = {"rejected": left_out.pop("rejected"), "duplicate": 0, "repeated-pair": 0, **left_out}
        stderr, counts, pairs = export(run_dir, "tsv", out, *options)
        printed = "left out: " + ", ".join(f"{n} {name}" for name, n in left_out.items())
        assert printed in stderr, (options, stderr)
        assert {f["filter"]: f["left_out"] for f in counts["filters"]} == left_out
        assert len(pairs) == counts["written"] == 18 - sum(left_out.values())
        assert {f"{DOC}:1", f"{DOC}:2"} <= {pair_id for pair_id, _, _, _ in pairs}  # reviewed pairs pass
    stderr, counts, _ = export(run_dir, "tsv", out, "--drop-flag", f"pair.copy,{rule}")
    assert "no pair carries a flag matching pair.copy" in stderr
    drop_flag = next(f for f in counts["filters"] if f["filter"] == "drop-flag")
    assert drop_flag["carrying"] == {"pair.copy": 0, rule: carried[rule]}


def test_report_after_decisions_shows_them(run_dir):
    run = load_run(run_dir)
    model_english = run.docs[0].pairs[1].en
    run.reject(f"{DOC}:0")
    run.edit(f"{DOC}:1", en=EDITED, who="pruefer")
    run.accept(f"{DOC}:2")
    result = run_cli("report", str(run_dir))
    assert result.returncode == 0, result.stderr
    page = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "Review (3 of 18 pairs decided)" in page
    for state, n in (("pending", 15), ("accepted", 1), ("edited", 1), ("rejected", 1), ("decisions", 3)):
        assert f"<tr><td>{state}</td><td>{n}</td></tr>" in page
    for pair_id, state in ((f"{DOC}:0", "rejected"), (f"{DOC}:1", "edited"), (f"{DOC}:2", "accepted")):
        assert f'<tr data-reviewed="{pair_id}"><td class="id">{pair_id}</td><td class="state-{state}">{state}</td>' in page
    row = page[page.index(f'data-reviewed="{DOC}:1"'):]
    row = row[: row.index("</tr>")]
    assert EDITED in row and "pruefer" in row and "<del>" in row and model_english[:20] in row.replace("&quot;", '"')
