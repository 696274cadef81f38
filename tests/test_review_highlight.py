"""The review highlights and the pair flag read numbers the same way, so a highlight never
contradicts ``pair.numbers_differ``."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.align.scores import pair_scores, score_pair
from pipeline.numbers import find_numbers
from pipeline.review.highlight import highlight_pair


def number_marks(de, en):
    marks_de, marks_en = highlight_pair(de, en)
    return [(m.text, m.ok) for m in marks_de + marks_en if m.kind == "number"]


def flagged(de, en):
    _, flags = score_pair(de, en)
    return "pair.numbers_differ" in [f.rule for f in flags]


@pytest.mark.parametrize("de, en, same", [
    ("Die Sitzung beginnt um 10:30 Uhr.", "The meeting starts at 10.30 a.m.", True),
    ("Die Sitzung beginnt um 10:30 Uhr.", "The meeting starts at 10:30.", True),
    ("Die Sitzung beginnt um 10:30 Uhr.", "The meeting starts at 10 a.m.", False),
    ("Es kamen 1 000 Gäste.", "1,000 guests came.", True),
    ("Es kamen 1\u202f000 Gäste.", "1000 guests came.", True),
    ("Es kamen 1 000 Gäste.", "1 guest came.", False),
    ("Im Jahr 2027 300 Tage lang.", "For 300 days in 2027.", True),
    ("Die Linie 7 fährt 7 Mal.", "Line 7 runs 7 times.", True),
    ("Die Linie 7 fährt 7 Mal.", "Line 7 runs often.", False),
    ("Mehr unter https://stadt.example/2027.", "More at https://stadt.example/2027.", True),
])
def test_highlight_and_flag_agree_on_times_and_grouped_thousands(de, en, same):
    marks = number_marks(de, en)
    assert all(ok for _, ok in marks) is same
    assert flagged(de, en) is not same


def test_10_30_and_1_000_are_one_number_each():
    assert [n.text for n in find_numbers("um 10:30 Uhr für 1 000 Euro")] == ["10:30", "1 000"]
    assert number_marks("um 10:30 Uhr für 1 000 Euro", "at 10:30 for 1,000 euros") == [
        ("10:30", True), ("1 000", True), ("10:30", True), ("1,000", True)]


NUMBERS = st.sampled_from(["10:30", "10.30", "1 000", "1.000", "1,000", "1000", "3,5", "3.5", "2027", "7", "12 500",
                           "A4", "300"])
WORDS = st.sampled_from(["Uhr", "am", "Gäste", "und", "Euro", "—", ",", "."])
SIDE = st.lists(st.one_of(NUMBERS, WORDS), max_size=8).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(SIDE, SIDE)
def test_a_number_is_highlighted_as_missing_exactly_when_the_pair_is_flagged(de, en):
    missing = any(not ok for _, ok in number_marks(de, en))
    assert missing == (pair_scores(de, en).scores["numbers_match"] < 1.0)
