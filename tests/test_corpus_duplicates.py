"""Duplicate documents and repeated pairs: found in input order, kept out of exports."""

from __future__ import annotations

import random

from pipeline.corpus.duplicates import DuplicateMarker, RepeatedPairMarker, markers_for_run
from pipeline.rundir.reader import iter_records
from pipeline.corpus.settings import DuplicateSettings, load_corpus_settings
from pipeline.record import Document, Pair, PairFlag
from pipeline.testing.sites import _own_articles
from tests.conftest import run_cli

ARTICLES = [" ".join(sentences) for _, sentences in _own_articles()]


def _doc(doc_id: str, clean: str, **meta) -> Document:
    return Document(doc_id, clean, meta=dict(meta), clean=clean)


def _marker() -> DuplicateMarker:
    return DuplicateMarker(load_corpus_settings().duplicates)


def _edited(text: str, rng: random.Random, changes: int) -> str:
    words = text.split()
    for _ in range(changes):
        i = rng.randrange(len(words))
        words[i] = words[i].upper() + "x"
    return " ".join(words)


def test_an_exact_copy_names_the_first_document():
    marker = _marker()
    docs = [marker(_doc("a", ARTICLES[0])), marker(_doc("b", ARTICLES[1])), marker(_doc("c", "  " + ARTICLES[0].upper()))]
    assert [d.meta.get("duplicate_of") for d in docs] == [None, None, "a"]
    [flag] = docs[2].flags
    assert flag.rule == "doc.duplicate" and "document a" in flag.reason and (flag.start, flag.end) == (0, 0)
    assert docs[2].meta["duplicate_similarity"] == 1.0


def test_near_copies_with_small_edits_are_found_and_other_articles_are_not():
    rng = random.Random(5)
    marker = _marker()
    originals = [marker(_doc(f"o{i}", text)) for i, text in enumerate(ARTICLES)]
    assert not any(d.flags for d in originals)
    copies = [marker(_doc(f"c{i}", _edited(text, rng, 1))) for i, text in enumerate(ARTICLES)]
    for i, copy in enumerate(copies):
        assert copy.meta.get("duplicate_of") == f"o{i}", (i, copy.flags)
        assert copy.flags[0].rule == "doc.near_duplicate" and f"o{i}" in copy.flags[0].reason


def test_a_text_that_shares_only_a_paragraph_is_not_a_near_duplicate():
    marker = _marker()
    marker(_doc("a", ARTICLES[0] + " " + ARTICLES[1]))
    other = marker(_doc("b", ARTICLES[1] + " " + ARTICLES[2] + " " + ARTICLES[3]))
    assert "duplicate_of" not in other.meta


def test_short_documents_are_checked_for_exact_copies_only():
    marker = DuplicateMarker(DuplicateSettings(min_words=30))
    marker(_doc("a", "Die Sitzung fällt aus."))
    assert "duplicate_of" not in marker(_doc("b", "Die Sitzung fällt heute aus.")).meta
    assert marker(_doc("c", "Die Sitzung fällt aus.")).meta["duplicate_of"] == "a"


def test_a_marker_that_observed_the_written_records_marks_as_one_that_ran_through():
    rng = random.Random(9)
    texts = [ARTICLES[i % 6] if i % 4 else _edited(ARTICLES[i % 6], rng, 1) for i in range(14)]
    through = _marker()
    expected = [through(_doc(f"d{i}", t)) for i, t in enumerate(texts)]
    for cut in (0, 5, 13):
        resumed = _marker()
        for doc in expected[:cut]:
            resumed.observe(doc)
        again = [resumed(_doc(f"d{i}", t)) for i, t in enumerate(texts)][cut:]
        assert [(d.meta.get("duplicate_of"), [f.reason for f in d.flags]) for d in again] == \
               [(d.meta.get("duplicate_of"), [f.reason for f in d.flags]) for d in expected[cut:]]


def _with_pairs(doc_id, pairs, **meta):
    doc = Document(doc_id, "x", meta=dict(meta))
    doc.pairs = [Pair(f"{doc_id}:{n}", [n], de, en) for n, (de, en) in enumerate(pairs)]
    return doc


def test_repeated_pairs_are_marked_with_the_first_pair():
    marker = RepeatedPairMarker()
    a = marker(_with_pairs("a", [("Ja.", "Yes."), ("Nein.", "No.")]))
    b = marker(_with_pairs("b", [("Ja.", "Yes."), ("Ja.", "Yes, indeed."), ("Nein.", "No.")]))
    assert not any(p.flags for p in a.pairs)
    assert [[f.reason for f in p.flags] for p in b.pairs] == [
        ["the same German and English as pair a:0"], [], ["the same German and English as pair a:1"]]


def test_export_leaves_duplicates_out_unless_asked_and_says_how_many(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    docs = [
        _with_pairs("a", [("Ja.", "Yes."), ("Gut.", "Good.")]),
        _with_pairs("b", [("Ja.", "Yes."), ("Gut.", "Good.")], duplicate_of="a"),
        _with_pairs("c", [("Neu.", "New."), ("Ja.", "Yes.")]),
    ]
    docs[2].pairs[1].flags.append(PairFlag("pair.repeated", "the same German and English as pair a:0"))
    (run / "documents.jsonl").write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    result = run_cli("export", str(run), "--format", "moses", "--out", str(tmp_path / "x"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.de").read_text(encoding="utf-8").splitlines() == ["Ja.", "Gut.", "Neu."]
    assert "left out: 0 rejected, 2 duplicate, 1 repeated-pair" in result.stderr
    kept = run_cli("export", str(run), "--format", "moses", "--out", str(tmp_path / "k"), "--keep-duplicates")
    assert kept.returncode == 0 and len((tmp_path / "k.de").read_text(encoding="utf-8").splitlines()) == 6
    assert "left out: 0 rejected\n" in kept.stderr  # no duplicate filter ran


def test_markers_for_a_run_directory_remember_its_records(tmp_path):
    docs = [_doc("a", ARTICLES[0]), _with_pairs("p", [("Ja.", "Yes.")])]
    (tmp_path / "documents.jsonl").write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    documents, pairs = markers_for_run(iter_records(tmp_path), load_corpus_settings().duplicates)
    assert documents(_doc("b", ARTICLES[0])).meta["duplicate_of"] == "a"
    assert pairs(_with_pairs("q", [("Ja.", "Yes.")])).pairs[0].flags
