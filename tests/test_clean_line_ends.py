"""Every kind of line end gives the same clean text; hyphens before a conjunction stay."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits, rebuild_raw
from pipeline.record import Document

CLEANER = Cleaner()
LINE_ENDS = ["\r\n", "\r", "\u2028", "\u2029", "\u0085"]

# words of a wrapped German text, some cut by a line-end hyphen, some compounds with a real one
WORDS = [
    "Die", "Gemeinde", "hat", "gestern", "über", "den", "neuen", "Haushalt", "beraten", "und", "die",
    "Sicher-\nheit", "Verwal-\ntung", "Bürger-\nmeisterin", "US-\nWahl", "Nord-\nSüd-Achse", "Ein-\nund",
    "Glauben-\nnur", "Musik-\nsondern", "Ausgänge", "beschlossen.", "Sie", "sagte:", "„Wir", "bleiben“,",
    "Kreml-Machthaber", "Satelliteninternetdienst", "Politischsind", "oder", "Tag-\noder", "Nacht.",
]
# long lines, so that paragraphs look hard-wrapped
FILLER = "die Verwaltung der Stadt hat den Bericht über die Lage der Schulen vorgelegt"


@st.composite
def wrapped_text(draw):
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        lines = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
            lines.append(" ".join(words) + (" " + FILLER if draw(st.booleans()) else ""))
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs) + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrapped_text(), st.sampled_from(LINE_ENDS))
def test_every_line_end_gives_the_same_clean_text(text, line_end):
    unix = CLEANER(Document("lf", text))
    other = CLEANER(Document("other", text.replace("\n", line_end)))
    assert other.clean == unix.clean
    assert apply_edits(other.raw, other.edits) == other.clean
    assert rebuild_raw(other.clean, other.edits) == other.raw


@pytest.mark.parametrize("line_end", ["\n", *LINE_ENDS])
def test_line_end_hyphens_are_joined_with_any_line_end(line_end):
    text = f"Fragen der inneren Sicher-{line_end}heit und der kommenden US-{line_end}Wahl."
    doc = CLEANER(Document("t", text))
    assert doc.clean == "Fragen der inneren Sicherheit und der kommenden US-Wahl."
    assert "\r" not in doc.clean


@pytest.mark.parametrize(
    "text, clean",
    [
        ("Sie verloren den Glauben-\nnur die Hoffnung blieb ihnen.", "Sie verloren den Glauben- nur die Hoffnung blieb ihnen."),
        ("Es ging nicht um Musik-\nsondern um Geld.", "Es ging nicht um Musik- sondern um Geld."),
        ("Die Ein-\nund Ausgänge sind gesperrt.", "Die Ein- und Ausgänge sind gesperrt."),
        ("Ob Bus-\noder Bahnfahrer, alle warten.", "Ob Bus- oder Bahnfahrer, alle warten."),
        # the two parts make a word: the hyphen was a line-end hyphen after all
        ("Die Drüsen können Schleim ab-\nsondern, sagte die Ärztin.", "Die Drüsen können Schleim absondern, sagte die Ärztin."),
    ],
)
def test_hyphen_before_a_conjunction_stays(text, clean):
    assert CLEANER(Document("t", text)).clean == clean
    assert CLEANER(Document("t", text.replace("\n", "\r\n"))).clean == clean
