"""Glued link and italic text: what is split, what is flagged, what must survive."""

import pytest

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits
from pipeline.record import Document

CLEANER = Cleaner()


def clean(text: str) -> Document:
    doc = CLEANER(Document("t", text))
    assert apply_edits(doc.raw, doc.edits) == doc.clean
    return doc


def rules(doc: Document) -> list[str]:
    return [e.rule for e in doc.edits]


@pytest.mark.parametrize(
    "text, fixed, rule",
    [
        # an acronym glued to a sentence-opening word, the acronym alone elsewhere in the text
        ("Die FAZ meldete es zuerst. Laut der FAZDen Angaben zufolge stieg die Zahl.",
         "Laut der FAZ Den Angaben", "glue.acronym_word"),
        ("Ein Sprecher der BBC schwieg. Die Zahlen stammen aus der BBCIn der Sendung hieß es später mehr.",
         "aus der BBC In der Sendung", "glue.acronym_word"),
        # a word glued to a capitalised function word
        ("Ein Bericht der Kieler NachrichtenDen Zahlen zufolge wächst die Stadt.",
         "Kieler Nachrichten Den Zahlen", "glue.word_capitalised"),
        # a lower-case word glued to a capitalised noun
        ("Wir bestellten das originelleGericht mit Fisch.", "das originelle Gericht mit", "glue.word_capitalised"),
        # two ordinary words, the second a verb or function word
        ("Viele Zeitungen, etwa das Blatt Wirtschaftlichsind besorgt.", "Blatt Wirtschaftlich sind besorgt",
         "glue.word_word"),
        ("Der Arztist freundlich und hört zu.", "Der Arzt ist freundlich", "glue.word_word"),
        # a left part made of two known words, before a verb
        ("Auf Kontaktanfragenwird nie geantwortet.", "Auf Kontaktanfragen wird nie", "glue.word_word"),
        # a function word glued to the word after it
        ("Das Essen istsehr gut gewesen.", "Das Essen ist sehr gut", "glue.head_word"),
    ],
)
def test_glued_words_are_split(text, fixed, rule):
    doc = clean(text)
    assert fixed in doc.clean
    assert rule in rules(doc)


@pytest.mark.parametrize(
    "text",
    [
        # names and brands with inner capitals
        "Bei McDonald's und McKinsey arbeiten viele Studenten.",
        "Mit der BahnCard fährt sie günstiger nach Köln.",
        "Er zahlte mit PayPal für das neue iPhone.",
        "Das Video lief auf YouTube und wurde über WhatsApp und LinkedIn geteilt.",
        # long compounds the lexicon does not know
        "Der Satelliteninternetdienst fiel aus, sagte der Präsidentensprecher.",
        "Die Aussage des ehemaligen Geheimdienstoffiziers wurde geprüft.",
        # compounds and feminine forms that end in a function word
        "Die Busfahrerin und die Stadtratskandidatin sprachen mit dem Radtouristen.",
        "Der Radtourist übernachtete im Zelt.",
        "Die Protestierenden zogen weiter, die Umstehenden schauten zu.",
        "Die Zahl der zu markierenden Stellen und der Streikenden wächst.",
        "Die Kontoguthaben und das Bauvorhaben wurden geprüft.",
        # hyphenated compounds
        "Der Kreml-Machthaber äußerte sich zur US-Wahl und zu den Starlink-Diensten.",
        # German quotes
        "Das Thema sei „äußerst heikel“, hieß es.",
        # plurals and genitives of acronyms
        "Die PKWs des ADACs standen vor den GNOMEs Büros.",
        # camel case from code or English
        "Der Browser meldet seinen userAgent und die manpages liegen bereit.",
        # English words in German text
        "Der Befehl transmit sendet, der guitarist spielt.",
    ],
)
def test_correct_german_is_not_split(text):
    doc = clean(text)
    assert doc.clean == text
    assert not [f for f in doc.flags if f.rule.startswith("glue.")]


def test_a_word_that_recurs_is_a_name_not_glue():
    text = "Die Firma Holzwerkund baut Schränke. Holzwerkund liefert auch nach Polen."
    assert clean(text).clean == text


def test_an_ambiguous_split_is_flagged_not_made():
    doc = clean("Man kann diesein kleinen Gruppen üben.")
    assert "diesein" in doc.clean
    [flag] = [f for f in doc.flags if f.rule == "glue.uncertain"]
    assert flag.text == "diesein"
    assert "diese in" in flag.reason or "dies ein" in flag.reason


def test_acronym_with_unknown_evidence_is_flagged():
    doc = clean("Das Magazin ARDZeitung berichtete ausführlich.")
    assert "ARDZeitung" in doc.clean
    assert [f.text for f in doc.flags if f.rule == "glue.uncertain"] == ["ARDZeitung"]


def test_split_edits_are_insertions_with_a_reason():
    doc = clean("Der Arztist freundlich.")
    [edit] = doc.edits
    assert (edit.before, edit.after, edit.rule) == ("", " ", "glue.word_word")
    assert "Arzt" in edit.reason and edit.confidence < 1
