"""Print and OCR faults, characters, mojibake and review flags, on German written here."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.print_layout import HYPHENATED, hyphenated_words
from pipeline.clean.edits import apply_edits
from pipeline.record import Document

CLEANER = Cleaner()


def clean(text: str) -> Document:
    doc = CLEANER(Document("t", text))
    assert apply_edits(doc.raw, doc.edits) == doc.clean
    return doc


@pytest.mark.parametrize(
    "text, expected, rule",
    [
        ("Es geht um die innere Sicher-\nheit des Landes.", "Es geht um die innere Sicherheit des Landes.",
         "print.dehyphenate"),
        ("Vor der US-\nWahl wird gestritten.", "Vor der US-Wahl wird gestritten.", "print.line_break_hyphen"),
        ("Die deutsch-\nfranzösische Freundschaft hält.", "Die deutsch-französische Freundschaft hält.",
         "print.line_break_hyphen"),
        ("Sie nutzt die Satelliten-\ninternetdienste täglich.", "Sie nutzt die Satelliteninternetdienste täglich.",
         "print.dehyphenate"),
        ("Der Ein-\nund Ausgang ist gesperrt.", "Der Ein- und Ausgang ist gesperrt.", "print.unwrap"),
        ("An der Tag-\nund-Nacht-Gleiche ist es hell.", "An der Tag-und-Nacht-Gleiche ist es hell.",
         "print.line_break_hyphen"),
        # written with a hyphen elsewhere in the text: the hyphen is real
        ("Der neue Rad-\nweg ist fertig. Ein Rad-weg wie dieser fehlte.",
         "Der neue Rad-weg ist fertig. Ein Rad-weg wie dieser fehlte.", "print.line_break_hyphen"),
        # only inside a longer hyphenated word elsewhere: that is no evidence
        ("Der neue Rad-\nweg ist fertig. Das Rad-wegenetz wächst.",
         "Der neue Radweg ist fertig. Das Rad-wegenetz wächst.", "print.dehyphenate"),
    ],
)
def test_words_split_at_line_ends(text, expected, rule):
    doc = clean(text)
    assert doc.clean == expected
    assert rule in [e.rule for e in doc.edits]


WRAPPED = """Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, dass
die Radwege in der Innenstadt bis zum Jahr 2030 deutlich breiter werden
sollen. Die Kosten trägt zum größten Teil das Land.

Ein zweiter Absatz beginnt hier und steht für sich."""


def test_hard_wrapped_paragraphs_are_unwrapped():
    doc = clean(WRAPPED)
    first, second = doc.clean.split("\n\n")
    assert "\n" not in first and first.startswith("Der Stadtrat") and first.endswith("das Land.")
    assert second == "Ein zweiter Absatz beginnt hier und steht für sich."
    assert {e.rule for e in doc.edits} == {"print.unwrap"}


@pytest.mark.parametrize(
    "text",
    [
        # one sentence a line, as in a corpus file
        "Der Zug fährt um acht Uhr ab.\nDie Fahrt dauert drei Stunden.\nIn Köln steigen wir um.",
        # a list
        "Wir brauchen für die ganze Reise:\n- warme Jacken und feste Schuhe für alle\n- genug Proviant für zwei lange Tage",
        # a heading above a paragraph
        "Kurze Meldung\nDer Rat tagt am Abend und entscheidet über den neuen Haushalt der Stadt.",
    ],
)
def test_lines_that_are_not_wrapped_stay(text):
    assert clean(text).clean == text


@pytest.mark.parametrize(
    "text, expected, rule",
    [
        ("Wir ﬁnden den Weg.", "Wir finden den Weg.", "chars.ligature"),
        ("Die Schiﬀfahrt ruht.", "Die Schifffahrt ruht.", "chars.ligature"),
        ("Der Ein\u00adkauf lohnt sich.", "Der Einkauf lohnt sich.", "chars.invisible"),
        ("Null\u200bBreite und\u2060 Wortverbinder.", "NullBreite und Wortverbinder.", "chars.invisible"),
        ("Die VerdÃ¤chtigen schwiegen.", "Die Verdächtigen schwiegen.", "chars.mojibake"),
        ("Er sagte: â€žWir kommen.â€œ", "Er sagte: „Wir kommen.“", "chars.mojibake"),
        ("Die StraÃŸe ist fÃ¼r Autos gesperrt.", "Die Straße ist für Autos gesperrt.", "chars.mojibake"),
    ],
)
def test_characters(text, expected, rule):
    doc = clean(text)
    assert doc.clean == expected
    assert {e.rule for e in doc.edits} == {rule}


def test_mojibake_edits_cover_only_the_broken_characters():
    doc = clean("Die VerdÃ¤chtigen schwiegen.")
    assert [(e.before, e.after) for e in doc.edits] == [("Ã¤", "ä")]


@pytest.mark.parametrize(
    "text",
    [
        "Sie sagte: „Das ist äußerst heikel.“ Er nickte.",
        "»Gut«, sagte sie, ‚wirklich gut‘.",
        "Äpfel, Öl und Übermut – alles da.",
        'Er rief "Halt!" und blieb stehen.',
    ],
)
def test_quotes_and_umlauts_survive(text):
    doc = clean(text)
    assert doc.clean == text and doc.edits == []


def test_lost_sentence_boundary_next_to_a_link_is_flagged():
    doc = clean("Zu den Vorwürfen von Kieler Rundschau Der Bürgermeister hat sich nicht geäußert.")
    assert doc.edits == []
    [flag] = doc.flags
    assert (flag.rule, flag.text) == ("flag.lost_boundary", "Rundschau Der")
    assert "Der" in flag.reason


@pytest.mark.parametrize(
    "text",
    [
        "Die Nachricht kam spät, wie Die Zeit schreibt.",
        "Der Rat tagt. Der Bürgermeister schweigt.",
        "Am Montag beginnt die Sitzung. Die Stadt wartet.",
    ],
)
def test_capitalised_articles_in_their_place_are_not_flagged(text):
    assert clean(text).flags == []


def test_stray_dash_of_a_translated_possessive_is_flagged():
    doc = clean("Der ZDF– Bericht stützt sich auf Quellen.")
    assert doc.clean == "Der ZDF– Bericht stützt sich auf Quellen."
    assert [(f.rule, f.text) for f in doc.flags] == [("flag.stray_dash", "ZDF–")]


def test_spaced_dashes_are_not_flagged():
    assert clean("Bremen – Die Brücke ist fertig – endlich.").flags == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9äß²é\u0301-– _.\n", max_size=40))
def test_hyphenated_words_are_what_a_regex_over_the_whole_text_finds(text):
    # the hyphen-first scan must find exactly the words the plain regex finds, in any text
    assert hyphenated_words(text) == set(HYPHENATED.findall(text))


def test_a_hyphen_written_far_away_in_a_long_text_is_still_found():
    filler = "Ein Satz ohne Bindestrich steht hier. " * 2000
    text = f"Ein Rad-weg wie dieser fehlte. {filler}Der neue Rad-\nweg und der Fuß-\nweg sind fertig."
    assert hyphenated_words(text) == {"Rad-weg"}
    assert clean(text).clean.endswith("Der neue Rad-weg und der Fußweg sind fertig.")
