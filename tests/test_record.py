"""The record format: the dataclasses and the tracked JSON Schema say the same thing."""

import json

import jsonschema
import pytest

from pipeline import record
from pipeline.record import Document, RecordError, load_schema


def test_schema_is_valid_and_versioned():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"]["const"] == record.SCHEMA_VERSION


@pytest.mark.parametrize(
    "cls, definition",
    [
        (record.Document, None),
        (record.Edit, "edit"),
        (record.Flag, "flag"),
        (record.Block, "block"),
        (record.Sentence, "sentence"),
        (record.Translation, "translation"),
        (record.Pair, "pair"),
        (record.PairFlag, "pair_flag"),
        (record.Reference, "reference"),
    ],
)
def test_schema_fields_match_dataclasses(cls, definition):
    schema = load_schema()
    node = schema if definition is None else schema["$defs"][definition]
    assert set(node["properties"]) == set(record.field_names(cls))
    assert set(node["required"]) == set(record.field_names(cls))


def test_round_trip():
    doc = Document(id="d1", raw="Ein Text.", meta={"url": "https://example.org"})
    doc.clean = "Ein Text."
    doc.sentences = [record.Sentence(0, 9, "Ein Text.", 0)]
    doc.pairs = [record.Pair("d1:0", [0], "Ein Text.", "A text.", flags=[record.PairFlag("pair.x", "why")])]
    again = Document.from_json(doc.to_json())
    assert again == doc
    jsonschema.validate(json.loads(doc.to_json()), load_schema())


def test_newer_major_version_is_refused_with_advice():
    with pytest.raises(RecordError, match="Re-run the pipeline"):
        Document.from_dict({"id": "x", "raw": "", "schema_version": "9.0"})


def test_malformed_record_names_the_document():
    with pytest.raises(RecordError, match="'x'"):
        Document.from_dict({"id": "x"})


def test_to_dict_equals_asdict_for_a_full_record():
    from dataclasses import asdict

    doc = Document(id="d", raw="Ein Satz.\u200b", meta={"url": "u", "tags": ["a"]})
    doc.clean = "Ein Satz."
    doc.edits = [record.Edit(9, 10, "\u200b", "", "chars.invisible")]
    doc.flags = [record.Flag(0, 3, "flag.x", "why", "Ein")]
    doc.blocks = [record.Block("paragraph", 0, 9)]
    doc.sentences = [record.Sentence(0, 9, "Ein Satz.", 0)]
    doc.translations = [record.Translation(0, "A sentence.", -0.5, [record.PairFlag("translate.x", "r")])]
    doc.pairs = [record.Pair("d:0", [0], "Ein Satz.", "A sentence.", scores={"score": 0.9},
                             flags=[record.PairFlag("pair.x", "r")])]
    doc.reference = record.Reference("en", "A sentence.", "field en", "A sentence.",
                                     sentences=[record.Sentence(0, 11, "A sentence.", 0)], translation=["A sentence."],
                                     unaligned_tgt=[0], flags=[record.Flag(0, 11, "reference.unaligned", "why", "A sentence.")])
    assert doc.to_dict() == asdict(doc)
    assert list(doc.to_dict()) == list(asdict(doc))
    assert Document.from_json(doc.to_json()) == doc
    jsonschema.validate(json.loads(doc.to_json()), load_schema())
