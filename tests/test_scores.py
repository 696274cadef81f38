"""Pair scores and the flags they raise, one example pair (written for these tests) per flag."""

import pytest

from pipeline.align.scores import FlagRules, load_flag_rules, longest_repeat, pair_scores, protected, score_pair
from pipeline.record import PairFlag
from pipeline.rules import RuleFileError


def rules_of(pairs):
    return {src: [f.rule for f in score_pair(src, tgt, *extra)[1]] for src, tgt, *extra in pairs}


@pytest.mark.parametrize(
    "src, tgt, extra, rule",
    [
        ("Der Gemeinderat hat den Haushalt für das kommende Jahr beschlossen.", "Yes.", (), "pair.length_ratio"),
        ("Ja.", "The municipal council adopted the budget for the coming year.", (), None),  # too short to judge
        ("Die Brücke kostet 12 Millionen Euro.", "The bridge costs 21 million euros.", (), "pair.numbers_differ"),
        ("Anmeldung unter https://stadt.example/anmeldung bis Freitag.", "Register by Friday.", (), "pair.protected_differ"),
        ("Fragen an rathaus@stadt.example richten.", "Send questions to info@stadt.example.", (), "pair.protected_differ"),
        ("Folgen Sie @stadtrat_nord für Neuigkeiten.", "Follow @stadtrat_sued for news.", (), "pair.protected_differ"),
        ("Die Sitzung beginnt pünktlich um neun Uhr im großen Saal.", "Die Sitzung beginnt pünktlich um neun Uhr im großen Saal.", (), "pair.untranslated"),
        ("Der Bürgermeister eröffnete das Fest.", "The mayor opened the the the the the the festival.", (), "pair.repetition"),
        ("Das Wetter bleibt morgen freundlich.", "The weather stays friendly tomorrow.", (-4.2,), "pair.low_logprob"),
        ("Das Wetter bleibt morgen freundlich.", "Les chiffres du budget sont publiés.", (None, 0.01), "pair.low_similarity"),
    ],
)
def test_each_flag_fires_on_its_example(src, tgt, extra, rule):
    flags = score_pair(src, tgt, *extra)[1]
    if rule is None:
        assert flags == []
    else:
        assert rule in [f.rule for f in flags]
        assert all(f.reason for f in flags)


def test_good_pairs_raise_no_flag():
    good = [
        ("Am 3. Mai kamen 1.000 Gäste.", "On 3 May, 1,000 guests came.", -0.3, 0.4),
        ("Die Quote stieg um 3,5 Prozent.", "The rate rose by 3.5 percent.", -0.5, 0.3),
        ("Mehr unter https://stadt.example/rat.", "More at https://stadt.example/rat.", None, None),
        ("Die Zahlen: 5 5 5 5.", "The numbers: 5 5 5 5.", None, None),  # repeated in the source too
        ("Berlin", "Berlin", None, None),  # a name stays a name: too short to call untranslated
    ]
    for src, tgt, logprob, sim in good:
        assert score_pair(src, tgt, logprob, sim)[1] == [], (src, tgt)


def test_reasons_name_what_differs():
    [flag] = score_pair("Es kamen 200 Gäste.", "300 guests came.")[1]
    assert flag.rule == "pair.numbers_differ"
    assert "200" in flag.reason and "300" in flag.reason


def test_scores_are_kept_even_without_flags():
    m = pair_scores("Das ist gut.", "That is good.", -0.2, 0.5)
    assert set(m.scores) >= {"length_ratio", "numbers_match", "protected_match", "copy_ratio", "repetition",
                             "logprob", "similarity", "score"}
    assert 0 < m.scores["score"] <= 1


def test_decoding_loop_of_punctuation():
    assert longest_repeat("J … … … … … …")[0] == 6
    assert score_pair("J", "J … … … … … …")[1][0].rule == "pair.repetition"


def test_protected_spans_do_not_double_count_an_email():
    assert sorted(protected("an a.b@stadt.example").elements()) == ["a.b@stadt.example"]


def test_shipped_rules_load():
    ids = [r.id for r in load_flag_rules().rules]
    assert ids == sorted(set(ids), key=ids.index) and "pair.untranslated" in ids


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("flags:\n  - id: pair.x\n    score: colour\n    max: 1\n    reason: r\n", 2, "unknown score"),
        ("flags:\n  - id: pair.x\n    score: copy_ratio\n    reason: r\n", 2, "give min, max or both"),
        ("flags:\n  - id: pair.x\n    score: copy_ratio\n    max: high\n    reason: r\n", 2, "must be a number"),
        ("flags:\n  - id: pair.x\n    score: copy_ratio\n    max: 1\n    reason: '{nope}'\n", 2, "bad placeholder"),
        ("flags:\n  - id: Pair X\n    score: copy_ratio\n    max: 1\n    reason: r\n", 2, "rule id"),
        ("flags:\n  - id: pair.x\n    score: copy_ratio\n    max: 1\n    reason: r\n    colour: red\n", 2, "unknown key"),
        ("flags:\n  - id: pair.x\n    score: copy_ratio\n    max: 1\n    reason: r\n"
         "  - id: pair.x\n    score: copy_ratio\n    max: 1\n    reason: r\n", 6, "used twice"),
        ("flags:\n  - id: pair.x\n   score: 1\n", 3, "not valid YAML"),
    ],
)
def test_broken_flag_file_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "pair_flags.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        FlagRules.from_file(path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


def test_pair_builder_scores_and_flags_our_translations():
    from pipeline.align.pairs import PairBuilder
    from pipeline.record import Document, Sentence, Translation

    doc = Document("d", "raw", clean="x", sentences=[Sentence(0, 1, "Es kamen 200 Gäste."), Sentence(2, 3, "Gut.")])
    doc.translations = [
        Translation(0, "300 guests came.", -0.3, [PairFlag("translate.truncated", "cut")]),
        Translation(1, "Good.", -0.2),
    ]
    PairBuilder()(doc)
    assert [f.rule for f in doc.pairs[0].flags] == ["translate.truncated", "pair.numbers_differ"]
    assert doc.pairs[1].flags == [] and doc.pairs[1].scores["logprob"] == -0.2
    assert len(doc.pairs) == len(doc.sentences)
