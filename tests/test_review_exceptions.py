"""Edits marked wrong become exceptions the cleaner honours on the next run, and only there."""

import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import Change
from pipeline.record import Document
from pipeline.review import copy_exceptions, load_exceptions, load_run
from pipeline.clean.exceptions import EditException, Exceptions
from pipeline.rules import RuleFileError, corrections_dir
from tests.review_fixtures import ARTICLE, build_docs, write_run


def _clean(text=ARTICLE):
    return Cleaner()(Document("bruecke", text))


def _ligature_index(doc, word):
    return next(i for i, e in enumerate(doc.edits) if e.rule == "chars.ligature" and doc.raw[e.end:].startswith(word))


def test_an_edit_marked_wrong_is_not_made_again_and_only_there(tmp_path, monkeypatch):
    run = load_run(write_run(tmp_path / "run", build_docs()))
    index = _ligature_index(run.docs[0], "nanzielle")
    path = run.mark_edit_wrong("bruecke", index, note="Ligatur gehört zum Originaltitel")
    assert path == tmp_path / "run" / "exceptions.yaml"
    [entry] = load_exceptions(path).entries
    assert (entry.rule, entry.before, entry.after, entry.document) == ("chars.ligature", "ﬁ", "fi", "bruecke")
    assert entry.left.endswith("Die ") and entry.right.startswith("nanzielle")

    monkeypatch.setenv("PIPELINE_EXCEPTIONS", str(path))
    doc = _clean()
    assert "Die ﬁnanzielle" in doc.clean  # the excepted edit is not made
    assert "Ein fiktiver" in doc.clean  # the same rule still works elsewhere
    assert [e.rule for e in doc.edits].count("chars.ligature") == 1
    # the same change in another sentence is not covered: the context makes the exception specific
    other = _clean(ARTICLE.replace("Die ﬁnanzielle Planung", "Eine ﬁnanzielle Planung"))
    assert "Eine finanzielle" in other.clean


def test_an_edit_of_joined_rules_stops_each_rule_inside_it(tmp_path, monkeypatch):
    run = load_run(write_run(tmp_path / "run", build_docs()))
    index = next(i for i, e in enumerate(run.docs[0].edits) if e.rule.startswith("chrome.breadcrumb"))
    monkeypatch.setenv("PIPELINE_EXCEPTIONS", str(run.mark_edit_wrong("bruecke", index)))
    doc = _clean()
    assert "1. Startseite" in doc.clean and "2. Lokales" in doc.clean
    assert not [e for e in doc.edits if "chrome.breadcrumb" in e.rule]


def test_exceptions_copied_into_corrections_are_honoured(tmp_path, monkeypatch):
    rules = tmp_path / "corrections"
    shutil.copytree(corrections_dir(), rules)
    monkeypatch.setenv("PIPELINE_CORRECTIONS", str(rules))
    monkeypatch.delenv("PIPELINE_EXCEPTIONS", raising=False)
    run = load_run(write_run(tmp_path / "run", build_docs()))
    own = tmp_path / "mine.yaml"
    run.mark_edit_wrong("bruecke", _ligature_index(run.docs[0], "ktiver"), path=own)
    run.mark_edit_wrong("bruecke", _ligature_index(run.docs[0], "ktiver"), path=own)  # once is enough
    assert len(load_exceptions(own)) == 1
    assert not (tmp_path / "run" / "exceptions.yaml").exists()
    target = copy_exceptions(own)
    assert target == rules / "exceptions.yaml"
    copy_exceptions(own)
    assert len(load_exceptions(target)) == 1
    doc = _clean()
    assert "Ein ﬁktiver" in doc.clean and "Die finanzielle" in doc.clean


def test_no_exceptions_changes_nothing(monkeypatch):
    monkeypatch.delenv("PIPELINE_EXCEPTIONS", raising=False)
    changes = [Change(0, 1, "x", "a.b")]
    assert Exceptions().filter("abc", changes) == changes
    assert _clean().clean == build_docs()[0].clean


def test_context_compares_with_whitespace_collapsed():
    entry = EditException("chars.ligature", "ﬁ", "fi", left="Die\n", right="nanzielle  Lage")
    assert entry.matches(Change(4, 5, "fi", "chars.ligature"), "Die ﬁnanzielle Lage")
    assert not entry.matches(Change(4, 5, "fi", "chars.ligature"), "Die ﬁnanzielle Not")


@pytest.mark.parametrize(
    "body, message",
    [
        ("exceptions:\n  - rule: a.b\n    before: x\n", "missing key(s): after"),
        ("exceptions:\n  - rule: a.b\n    before: x\n    after: y\n    colour: rot\n", "unknown key(s): colour"),
        ("exceptions:\n  - rule: a.b\n    before: 12\n    after: y\n", "before must be text"),
        ("exceptions: [\n", "not valid YAML"),
        ("exceptions: {a: 1}\n", "must be a list"),
    ],
)
def test_a_broken_exceptions_file_names_file_and_line(tmp_path, body, message):
    path = tmp_path / "exceptions.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleFileError, match=re.escape(message)) as info:
        load_exceptions(path)
    assert str(path) in str(info.value)


def test_a_missing_file_named_by_the_variable_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_EXCEPTIONS", str(tmp_path / "fehlt.yaml"))
    with pytest.raises(RuleFileError, match="fehlt.yaml"):
        Cleaner()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12)), max_size=4))
def test_exceptions_files_keep_any_text(tmp_path_factory, texts):
    from pipeline.clean.exceptions import write_exceptions

    path = tmp_path_factory.mktemp("ex") / "exceptions.yaml"
    entries = [EditException("chars.ligature", before, after, left=left, right="# 1: x") for before, after, left in texts]
    write_exceptions(path, entries)
    unique = list({e.key: e for e in reversed(entries)}.values())
    assert {e.key for e in load_exceptions(path).entries} == {e.key for e in unique}


def test_the_next_run_through_the_command_line_honours_the_exception(tmp_path):
    import json

    from tests.conftest import run_cli

    run = load_run(write_run(tmp_path / "run", build_docs()))
    path = run.mark_edit_wrong("bruecke", _ligature_index(run.docs[0], "nanzielle"))
    article = tmp_path / "bruecke.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("clean", str(article), "--json", env={"PIPELINE_EXCEPTIONS": str(path)})
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert "Die ﬁnanzielle" in doc["clean"] and "Ein fiktiver" in doc["clean"]


def test_a_run_records_the_exceptions_and_library_versions_and_will_not_resume_past_a_change(tmp_path):
    """Exceptions and the versions of the text libraries change the output, so they are part of
    the run's signature: resuming with another one is refused as for any other setting."""
    import json
    from importlib.metadata import version

    from tests.conftest import run_cli

    article = tmp_path / "bruecke.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "run"
    first = run_cli("run", str(article), "--no-translate", "--out", str(out), "--quiet")
    assert first.returncode == 0, first.stderr
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert info["libraries"] == {name: version(name) for name in ("wordfreq", "HanTa", "py3langid", "ftfy")}
    assert len(info["exceptions_sha256"]) == 64
    assert run_cli("run", str(article), "--no-translate", "--out", str(out), "--quiet").returncode == 0

    run = load_run(out)
    exceptions = run.mark_edit_wrong("bruecke", _ligature_index(run.docs[0], "nanzielle"))
    refused = run_cli("run", str(article), "--no-translate", "--out", str(out), "--quiet",
                      env={"PIPELINE_EXCEPTIONS": str(exceptions)})
    assert refused.returncode == 2 and "exceptions_sha256 differ" in refused.stderr and "--restart" in refused.stderr

    # a run made with another wordfreq: its journal's signature says so
    journal = out / "progress.jsonl"
    lines = journal.read_text(encoding="utf-8").splitlines(keepends=True)
    entry = json.loads(lines[0])
    entry["signature"]["libraries"]["wordfreq"] = "0.1"
    journal.write_text(json.dumps(entry) + "\n" + "".join(lines[1:]), encoding="utf-8")
    refused = run_cli("run", str(article), "--no-translate", "--out", str(out), "--quiet")
    assert refused.returncode == 2 and "libraries differ" in refused.stderr
