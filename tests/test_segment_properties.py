"""Invariants of sentence splitting on any text: spans lie inside it, in order, without
overlap, trimmed of white space, and together cover every character that is not white space."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment.splitter import SentenceSplitter

SPLITTERS = {lang: SentenceSplitter(lang) for lang in ("de", "en")}
# pieces that exercise the rules: abbreviations, ordinals, quotes, ellipses, line breaks
PIECES = st.sampled_from(
    [
        "Der", "die", "Haus", "z. B.", "Dr.", "usw.", "U.S.", "3.", "2016.", "XIV.", "J.", "Nr.", "St.",
        ".", "!", "?", "…", "...", "„", "“", '"', "»", "«", "‚", "‘", "''", "``", "(", ")", "[", "]",
        ":-)", "- ", "1)", "www.beispiel.de", "a@b.de", " ", "  ", "\n", "\n\n", "\t", "Dann", "The",
    ]
)
TEXTS = st.one_of(st.text(max_size=120), st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, lang=st.sampled_from(sorted(SPLITTERS)))
def test_spans_are_ordered_trimmed_and_cover_all_non_space(text, lang):
    spans = SPLITTERS[lang].split(text)
    covered = set()
    previous_end = 0
    for span in spans:
        assert 0 <= previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
        covered.update(range(span.start, span.end))
        previous_end = span.end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
