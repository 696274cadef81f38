"""The stage contract: every stage declares what it reads and writes, and keeps to it."""

import copy
import re
from dataclasses import fields

import pytest

from pipeline import stages as stages_module
from pipeline.align.pairs import PairBuilder
from pipeline.clean.cleaner import Cleaner
from pipeline.read.decode import decode_bytes
from pipeline.record import Document, Flag, Translation
from pipeline.screen import GermanOnly, Screen, is_german
from pipeline.segment.segmenter import Segmenter
from pipeline.stage import Stage
from pipeline.stages import READ_WRITES, check_contract, contract, cpu_stages, model_stages

RECORD_FIELDS = {f.name for f in fields(Document)}
GERMAN = ("Der Stadtrat hat am Dienstag den Ausbau der Radwege beschlossen. Die Kosten "
          "liegen bei 2,5 Millionen Euro.\n\nDie Zeitung WSJ– berichtete am Montag über den Ausbau.\n")
ENGLISH = "The city council decided on Tuesday to build more cycle paths across the whole town."


class _Echo(Stage):
    """A translate-shaped stage without a model: the English is the German."""

    name = "translate"
    reads = ("sentences",)
    writes = ("translations",)

    def __call__(self, doc):
        doc.translations = [Translation(i, s.text) for i, s in enumerate(doc.sentences)]
        return doc


def _all_stages():
    return cpu_stages() + model_stages(_Echo())


def _table_rows():
    """The table in ``pipeline/stages.py``'s docstring as (name, reads, writes)."""
    lines = stages_module.__doc__.splitlines()
    rules = [i for i, ln in enumerate(lines) if ln.startswith("=========  ")]
    assert len(rules) == 3, "the table in pipeline/stages.py lost its shape"
    rows = []
    for ln in lines[rules[1] + 1 : rules[2]]:
        name, reads, writes = re.split(r"\s{2,}", ln.strip())
        rows.append((name, _names(reads), _names(writes)))
    return rows


def _names(cell):
    return () if cell.startswith("(") else tuple(x.strip() for x in cell.split(","))


def test_every_stage_declares_record_fields_it_reads_and_writes():
    for stage in _all_stages():
        assert isinstance(stage, Stage), stage
        assert stage.writes, f"{stage.name} writes nothing"
        for name in (*stage.reads, *stage.writes):
            assert name in RECORD_FIELDS, f"{stage.name} declares {name!r}, not a field of Document"
    assert set(READ_WRITES) <= RECORD_FIELDS


def test_the_table_in_stages_says_what_the_stages_declare():
    declared = [(n, r, w) for n, r, w in contract(_all_stages()) if n != "read"]
    assert [row for row in _table_rows() if row[0] != "read"] == declared
    assert _table_rows()[0] == ("read", (), READ_WRITES)


def test_each_stage_reads_only_what_came_before_it():
    check_contract(_all_stages())
    with pytest.raises(TypeError, match="stage segment reads clean, blocks"):
        check_contract([Segmenter(), Cleaner()])


def _legacy_document():
    decoded = decode_bytes(GERMAN.encode("cp1252") + "Grüße aus Köln – „Zitat“.\n".encode("cp1252"))
    return Document("doc", decoded.text, {"source": "x.txt", "encoding": decoded.encoding}, flags=decoded.flags())


def test_a_stage_changes_only_the_fields_it_declares():
    doc = _legacy_document()
    for stage in _all_stages():
        before = copy.deepcopy(doc)
        doc = stage(doc)
        for name in RECORD_FIELDS - set(stage.writes):
            assert getattr(doc, name) == getattr(before, name), f"{stage.name} changed {name}, not in its writes"
        assert any(getattr(doc, n) != getattr(before, n) for n in stage.writes), f"{stage.name} changed nothing"
    assert doc.pairs and doc.lang == "de"


def test_flags_are_appended_the_read_flag_survives_cleaning_and_is_not_raised_again():
    doc = _legacy_document()
    assert [f.rule for f in doc.flags] == ["read.legacy_encoding"]
    for stage in cpu_stages():
        doc = stage(doc)
    rules = [f.rule for f in doc.flags]
    assert rules.count("read.legacy_encoding") == 1
    assert rules == ["read.legacy_encoding", "flag.stray_dash"]  # the cleaner's flag comes after read's
    again = copy.deepcopy(doc)
    for stage in cpu_stages():
        again = stage(again)
    assert again.flags == doc.flags  # running the stages again flags nothing twice


def test_the_language_is_a_field_and_routing_reads_it():
    english = Screen()(Cleaner()(Document("en", ENGLISH + " " + ENGLISH)))
    assert english.lang == "en" and english.lang_confidence >= 0.9 and not is_german(english)
    assert [f.rule for f in english.flags] == ["screen.not_german"]
    english.sentences = Segmenter()(copy.deepcopy(english)).sentences
    assert GermanOnly(PairBuilder())(english).pairs == []  # passed by
    # the flag is for the reviewer; routing decides on the field
    english.flags = []
    assert not is_german(english)
    german = Document("de", "kurz", lang="de", lang_confidence=1.0, flags=[Flag(0, 0, "screen.not_german", "stale")])
    assert is_german(german)
    short = Screen()(Document("s", "Kurz."))
    assert short.lang is None and is_german(short)


def test_a_record_written_before_the_language_field_still_loads():
    old = {"id": "x", "raw": "Text", "schema_version": "1.0"}
    doc = Document.from_dict(old)
    assert doc.lang is None and doc.lang_confidence is None and doc.schema_version == "1.0"
    assert Document.from_json(Document("y", "a", lang="de", lang_confidence=0.99).to_json()).lang == "de"
