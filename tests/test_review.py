"""The review API: decisions kept and replayed, filters, sample view, highlights, statistics."""

import getpass
import json
from datetime import datetime

import pytest

from pipeline.record import Document, Flag, Pair, PairFlag
from pipeline.review import (
    Decision,
    DecisionError,
    apply_decisions,
    edit_samples,
    highlight_pair,
    load_run,
    problems,
    rule_stats,
    sample_view,
    select_pairs,
    unresolved_flags,
)
from pipeline.review.run import RunNotFoundError
from tests.review_fixtures import build_docs, write_run


@pytest.fixture
def run_dir(tmp_path):
    return write_run(tmp_path / "run", build_docs())


def test_decisions_are_appended_and_survive_reloading(run_dir):
    run = load_run(run_dir)
    run.accept("bruecke:0")
    run.reject("bruecke:5", who="pruefer")
    run.edit("bruecke:2", en="The financial planning is settled.")
    lines = [json.loads(l) for l in (run_dir / "decisions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [l["decision"] for l in lines] == ["accept", "reject", "edit"]
    assert lines[0]["who"] == getpass.getuser() and lines[1]["who"] == "pruefer"
    assert datetime.fromisoformat(lines[0]["when"]).utcoffset().total_seconds() == 0
    assert lines[2]["pair"] == "bruecke:2" and lines[2]["en"] == "The financial planning is settled."

    again = load_run(run_dir)  # a new kernel: nothing but the files
    states = {p.id: p.review for p in again.docs[0].pairs}
    assert states["bruecke:0"] == "accepted" and states["bruecke:5"] == "rejected"
    assert states["bruecke:2"] == "edited" and states["bruecke:1"] == "pending"
    assert again.pair("bruecke:2")[1].en == "The financial planning is settled."
    assert again.summary()["decisions"] == 3


def test_last_decision_wins_and_edits_stay_in_effect(run_dir):
    run = load_run(run_dir)
    run.reject("bruecke:1")
    run.accept("bruecke:1")
    run.edit("bruecke:3", en="Erster Versuch")
    run.edit("bruecke:3", en="Second try")
    run.accept("bruecke:3")
    again = load_run(run_dir)
    assert again.pair("bruecke:1")[1].review == "accepted"
    assert again.pair("bruecke:3")[1].review == "edited" and again.pair("bruecke:3")[1].en == "Second try"
    again.reject("bruecke:3")
    assert load_run(run_dir).pair("bruecke:3")[1].review == "rejected"


def test_records_after_apply_decisions_are_what_exports_need():
    docs = build_docs()
    decisions = [
        Decision("bruecke:1", "reject"),
        Decision("bruecke:2", "edit", en="The financial planning is settled."),
        Decision("bruecke:4", "edit", de="Ein fiktiver Zeitplan liegt bereit."),
        Decision("anderes:0", "accept"),
    ]
    unknown = apply_decisions(docs, decisions)
    assert [d.pair for d in unknown] == ["anderes:0"]
    pairs = {p.id: p for p in docs[0].pairs}
    kept = [p for p in docs[0].pairs if p.review != "rejected"]
    assert "bruecke:1" not in {p.id for p in kept}
    assert pairs["bruecke:2"].review == "edited" and pairs["bruecke:2"].en == "The financial planning is settled."
    assert pairs["bruecke:4"].de == "Ein fiktiver Zeitplan liegt bereit."
    # the model's output and the German sentence are still in the record
    assert docs[0].sentences[4].text.startswith("Ein fiktiver Zeitplan liegt unter")
    # the record round-trips with its review state
    back = Document.from_json(docs[0].to_json())
    assert back.pairs[2].review == "edited" and back.pairs[1].review == "rejected"


def test_bad_decisions_are_refused_with_a_reason(run_dir):
    run = load_run(run_dir)
    with pytest.raises(DecisionError, match="unknown decision"):
        run.decide("bruecke:0", "maybe")
    with pytest.raises(DecisionError, match="edited text"):
        run.decide("bruecke:0", "edit")
    with pytest.raises(KeyError, match="no pair"):
        run.accept("bruecke:99")
    assert not (run_dir / "decisions.jsonl").exists()


def test_a_torn_last_line_is_skipped_and_a_broken_line_named(run_dir):
    load_run(run_dir).accept("bruecke:0")
    path = run_dir / "decisions.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"pair": "bruecke:1", "deci')
    assert [d.pair for d in load_run(run_dir).decisions] == ["bruecke:0"]
    path.write_text('kaputt\n{"pair": "bruecke:1", "decision": "accept"}\n', encoding="utf-8")
    with pytest.raises(DecisionError, match=r"decisions.jsonl:1"):
        load_run(run_dir)


def test_a_directory_without_documents_is_not_a_run(tmp_path):
    with pytest.raises(RunNotFoundError, match="not a run directory"):
        load_run(tmp_path)


def test_filters_by_flag_score_document_and_state():
    docs = build_docs() + build_docs(doc_id="zweiter")
    flagged = select_pairs(docs, flagged=True)
    assert flagged and all(i.pair.flags for i in flagged)
    ordered = select_pairs(docs)
    assert [bool(i.pair.flags) for i in ordered] == sorted((bool(i.pair.flags) for i in ordered), reverse=True)
    assert {i.pair.id for i in select_pairs(docs, flag="pair")} == {i.pair.id for i in flagged}
    assert select_pairs(docs, flag="pair.other") == []
    assert {i.doc.id for i in select_pairs(docs, doc="zweiter")} == {"zweiter"}
    assert all(i.pair.scores["score"] <= 0.5 for i in select_pairs(docs, max_score=0.5))
    assert select_pairs(docs, min_score=0.5, score="missing") == []
    docs[0].pairs[0].review = "accepted"
    assert [i.pair.id for i in select_pairs(docs, review="accepted")] == ["bruecke:0"]


def test_sample_view_is_head_random_middle_tail_and_repeatable():
    items = list(range(100))
    view = sample_view(items, head=3, middle=4, tail=3, seed=7)
    assert view.head == [0, 1, 2] and view.tail == [97, 98, 99]
    assert len(view.middle) == 4 and view.middle == sorted(view.middle)
    assert all(3 <= i < 97 for i in view.middle)
    assert sample_view(items, 3, 4, 3, seed=7) == view
    assert sample_view(items, 3, 4, 3, seed=8).middle != view.middle
    small = sample_view([1, 2, 3, 4], head=2, middle=5, tail=2)
    assert small.head + small.middle + small.tail == [1, 2, 3, 4]


def test_highlights_numbers_addresses_and_copied_words():
    de_marks, en_marks = highlight_pair(
        "Die Stadt baut bis 2027 eine Brücke für 4,5 Mio. Euro, siehe https://stadt.example/b.",
        "The city builds a Brücke for 4.5 million euros by 2028, see https://stadt.example/b.",
    )
    found = {(m.kind, m.text, m.ok) for m in de_marks}
    assert ("number", "2027", False) in found and ("number", "4,5", True) in found
    assert ("url", "https://stadt.example/b", True) in found and ("copied", "Brücke", False) in found
    assert ("number", "2028", False) in {(m.kind, m.text, m.ok) for m in en_marks}
    # ordinary English words that happen to be German too are not "copied"
    assert not [m for m in highlight_pair("Das Land hilft.", "The Land helps.")[1] if m.kind == "copied"]
    mail = problems("Fragen an info@stadt.example oder @stadtinfo.", "Questions to info@stadt.example.")
    assert [(m.kind, m.text) for m in mail] == [("handle", "@stadtinfo")]


def test_rule_statistics_count_each_part_of_a_joined_rule():
    docs = build_docs()
    stats = {s.rule: s for s in rule_stats(docs)}
    assert stats["chars.ligature"].edits == 2
    assert stats["chrome.breadcrumb"].edits == 1 and stats["layout.blank_lines"].edits == 1
    assert stats["pair.length_ratio"].pair_flags == 2 and stats["pair.length_ratio"].documents == 1


def test_edit_samples_show_the_edit_in_its_raw_context():
    docs = build_docs()
    samples = edit_samples(docs, "chars.ligature", n=5, context=12)
    assert [(s.before, s.after) for s in samples] == [("ﬁ", "fi"), ("ﬁ", "fi")]
    assert samples[0].text_before.endswith("Die ﬁnanzielle") or "Die ﬁnanzielle" in samples[0].text_before
    assert "Die finanzielle" in samples[0].text_after
    assert len(edit_samples(docs, "chars.ligature", n=1, seed=3)) == 1


def test_unresolved_flags_close_when_the_pairs_are_decided():
    docs = build_docs()
    doc = docs[0]
    sentence = doc.sentences[2]
    doc.flags.append(Flag(sentence.start, sentence.start + 3, "glue.maybe", "glued words?", "Die"))
    open_rules = {(f.rule, f.pair_id) for f in unresolved_flags(docs)}
    assert ("glue.maybe", "") in open_rules and ("pair.length_ratio", "bruecke:4") in open_rules
    apply_decisions(docs, [Decision("bruecke:2", "accept"), Decision("bruecke:4", "reject")])
    open_rules = {(f.rule, f.pair_id) for f in unresolved_flags(docs)}
    assert ("glue.maybe", "") not in open_rules and ("pair.length_ratio", "bruecke:4") not in open_rules
    assert ("pair.length_ratio", "bruecke:5") in open_rules


def test_scores_and_flags_are_treated_generically():
    doc = Document("x", "", pairs=[
        Pair("x:0", [0], "A.", "A.", scores={"cosine": 0.3, "lang_en": 0.99}, flags=[PairFlag("neu.regel", "r")]),
        Pair("x:1", [1], "B.", "B.", scores={"cosine": 0.8}),
    ])
    assert [i.pair.id for i in select_pairs([doc], score="cosine", max_score=0.5)] == ["x:0"]
    assert [i.pair.id for i in select_pairs([doc], flag="neu")] == ["x:0"]
    assert {s.rule for s in rule_stats([doc])} == {"neu.regel"}


def test_a_decision_about_a_sentence_the_pair_no_longer_holds_is_not_applied(tmp_path):
    """A run made again into the same directory can give a pair id to another sentence (the
    rules changed): the decisions stay in decisions.jsonl, but only apply to the German they
    were made about."""
    from tests.conftest import run_cli

    out = write_run(tmp_path / "run", build_docs())
    run = load_run(out)
    run.reject("bruecke:1")
    run.edit("bruecke:2", en="The financial planning is settled.")
    assert json.loads((out / "decisions.jsonl").read_text(encoding="utf-8").splitlines()[0])["source"] == \
        run.pair("bruecke:1")[1].de
    docs = build_docs()
    docs[0].pairs[1].de = "Ein ganz anderer Satz."  # what a later run wrote under the same id
    write_run(out, docs)
    again = load_run(out)
    assert again.pair("bruecke:1")[1].review == "pending"
    assert again.pair("bruecke:2")[1].review == "edited"
    assert [d.pair for d in again.stale_decisions] == ["bruecke:1"] and again.summary()["stale_decisions"] == 1
    result = run_cli("export", str(out), "--format", "jsonl", "--out", str(tmp_path / "p.jsonl"))
    assert result.returncode == 0 and "left out: 0 rejected" in result.stderr


def test_decisions_written_before_they_named_the_german_still_apply(run_dir):
    (run_dir / "decisions.jsonl").write_text('{"pair": "bruecke:1", "decision": "reject", "who": "a", "when": ""}\n',
                                             encoding="utf-8")
    run = load_run(run_dir)
    assert run.pair("bruecke:1")[1].review == "rejected" and not run.stale_decisions
