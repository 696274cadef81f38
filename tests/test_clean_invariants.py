"""Invariants of the clean stage, over generated German-like text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits, rebuild_raw
from pipeline.record import Document

WORDS = [
    "Die", "der", "Stadt", "Rat", "hat", "am", "3.", "Juni", "entschieden", "Sicher-", "heit", "US-", "Wahl",
    "„Wir", "sind", "bereit“", "sagte", "sie.", "ﬁnden", "Ein\u00adkauf", "Null\u200bBreite", "Politik",
    "1.", "Startseite", "Die mobile Version verlassen", "VerdÃ¤chtige", "WSJDen", "(dpa)", "©", "Foto:",
    "Kreml-Machthaber", "Satelliteninternetdienst", "z. B.", "–", "?", "!", "Alle Informationen zur Wahl kompakt zusammengefasst!",
    "Politischsind", "NachrichtenDen", "WSJ", "WSJ–", "BahnCard", "istsehr", "Lesezeit: 3 Min.", "(abc)", "Foto: dpa/Muster",
    "© Foto links: X", "Stand: 12.03.2024", "Lesen Sie auch:", "Journal Der", "StraÃŸe", "â€žZitatâ€œ", "Ein-", "und",
    "Diese Zeile ist lang genug, um als umbrochene Zeile zu gelten, und", "Titel der Seite",
]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "  ", "\n\n\n", "\t", "-\n", ". "]


@st.composite
def german_like(draw):
    n = draw(st.integers(0, 40))
    parts = []
    for _ in range(n):
        parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts)


CLEANER = Cleaner()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(german_like(), st.text(max_size=200)))
def test_edits_rebuild_raw_and_spans_stay_inside(text):
    doc = CLEANER(Document("p", text))
    assert apply_edits(doc.raw, doc.edits) == doc.clean
    assert rebuild_raw(doc.clean, doc.edits) == doc.raw
    for e in doc.edits:
        assert 0 <= e.start <= e.end <= len(doc.raw)
    for span in [*doc.flags, *doc.blocks]:
        assert 0 <= span.start <= span.end <= len(doc.clean)
    for f in doc.flags:
        assert doc.clean[f.start : f.end] == f.text


# derandomized: the same examples on every run, so that a run's verdict does not depend on a seed;
# a case random runs once found is pinned below
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.one_of(german_like(), st.text(max_size=200)))
def test_cleaning_is_idempotent(text):
    once = CLEANER(Document("p", text)).clean
    twice = CLEANER(Document("p", once))
    assert twice.clean == once
    assert twice.edits == []


@pytest.mark.parametrize("text", [
    "Der Rat hat am Dienstag lange entschieden-\nDie mobile Version verlassen. (abc)\nDie ",
    "Der Stadtrat beriet am Dienstag lange über die Kosten-\nNutzen-Rechnung der Stadt. (dpa)\nund dann",
])
def test_a_hyphen_left_because_a_tag_would_appear_stays_left_after_the_paragraph_is_unwrapped(text):
    # the line-end hyphen is left (joining would end a line in an agency tag); unwrapping the
    # rest of the paragraph must not let a second cleaning join it
    once = CLEANER(Document("p", text)).clean
    assert "-\n" in once
    assert CLEANER(Document("p", once)).clean == once


def test_a_glue_split_after_a_joined_hyphen_is_stable():
    once = CLEANER(Document("p", "Die-\nder Die der istsehr ")).clean
    assert CLEANER(Document("p", once)).clean == once
