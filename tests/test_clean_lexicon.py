"""The cleaner's own English frequency lookup gives what wordfreq gives, word for word."""

from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import top_n_list, zipf_frequency

from pipeline.clean.lexicon import english_like, english_zipf


def test_english_zipf_equals_wordfreq_on_its_frequent_words_and_their_capitalised_forms():
    words = top_n_list("en", 20_000)
    words += [w.capitalize() for w in words[:5_000]] + [w.upper() for w in words[:1_000]]
    differ = [w for w in words if english_zipf(w) != zipf_frequency(w, "en")]
    assert differ == []


def test_english_zipf_equals_wordfreq_on_german_words_and_words_of_no_list():
    words = ["Straße", "Übersicht", "Gemeinderat", "Radwege", "Ölpreis", "déjà", "Œuvre", "ﬁnden",
             "naïve", "Zürich", "Qxvzt", "Bürgermeisterin", "µm", "ºC", "x", "A"]
    assert [english_zipf(w) for w in words] == [zipf_frequency(w, "en") for w in words]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x41, max_codepoint=0x17F), min_size=1, max_size=12))
def test_english_zipf_equals_wordfreq_on_any_latin_letters(word):
    assert english_zipf(word) == zipf_frequency(word, "en")


def test_english_like_reads_the_english_frequency():
    assert english_like("download") and english_like("User")
    assert not english_like("Gemeinderat") and not english_like("originelle")
