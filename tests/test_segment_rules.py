"""The segmentation word lists in corrections/: they load, and a broken line names file and line."""

import pytest

from pipeline.rules import RuleFileError, corrections_dir
from pipeline.segment.lexicon import load_lexicon, read_abbreviations, read_non_final, read_starters
from pipeline.segment.splitter import SentenceSplitter


@pytest.mark.parametrize("lang", ["de", "en"])
def test_shipped_lists_load(lang):
    lexicon = load_lexicon(lang, corrections_dir())
    assert lexicon.abbreviations and lexicon.starters
    assert lexicon.bare <= lexicon.starters


ABBREVIATIONS, STARTERS = ("abbreviations.de.txt", read_abbreviations), ("sentence-starts.de.txt", read_starters)
NON_FINAL = ("no-sentence-end.de.txt", read_non_final)


@pytest.mark.parametrize(
    "rule_file, content, line, message",
    [
        (ABBREVIATIONS, "# comment\nDr\nz. B.\n", 3, "is not an abbreviation"),
        (ABBREVIATIONS, "Dr\nusw\tsometimes\n", 2, "kind 'sometimes' is unknown"),
        (ABBREVIATIONS, "Dr\nca\nz.B\nDr\n", 4, "already listed on line 1"),
        (ABBREVIATIONS, "z. B\nz.B\n", 2, "already listed on line 1"),
        (ABBREVIATIONS, "Dr\tinner\tx\n", 1, "at most one kind"),
        (STARTERS, "Der\nzwei Wörter\n", 2, "not one capitalised word"),
        (STARTERS, "Der\nder\n", 2, "not one capitalised word"),
        (STARTERS, "Der\tbare\nDie\tstrong\n", 2, "mark 'strong' is unknown"),
        (STARTERS, "Der\nDie\nDer\tbare\n", 3, "already listed on line 1"),
        (NON_FINAL, "und\noder\nWie\n", 3, "not one lower-case word"),
    ],
    ids=lambda v: v[0] if isinstance(v, tuple) else None,
)
def test_broken_list_names_file_and_line(tmp_path, rule_file, content, line, message):
    name, read = rule_file
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        read(path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


def test_a_rule_directory_changes_the_splitting(tmp_path):
    (tmp_path / "abbreviations.de.txt").write_text("Anl\n", encoding="utf-8")
    text = "Das steht in der Anl. Zwei Seiten fehlen."
    assert len(SentenceSplitter("de", tmp_path).split(text)) == 1
    assert len(SentenceSplitter("de", tmp_path / "missing").split(text)) == 2


@pytest.mark.parametrize(
    "first, second",
    [
        ("Der Service war sehr freundlich", "Das Essen kam schnell"),
        ("Wir haben lange gewartet", "Dann kam endlich der Kellner."),
        ("Sie nannte es „großartig“", "Wir fanden das nicht."),
    ],
)
def test_bare_starter_splits_text_that_lost_its_period(first, second):
    text = f"{first} {second}"
    got = [text[s.start : s.end] for s in SentenceSplitter("de").split(text)]
    assert got == [first, second]


@pytest.mark.parametrize(
    "text",
    [
        "Wir danken Ihnen für Ihre Hilfe und Ihr Vertrauen.",  # polite pronouns are no starters
        "Sie las den Roman „Der Zauberberg“ im Urlaub.",  # a title in quotes
        "Das Gebiet von Unter-Ägypten war fruchtbar.",  # part of a hyphenated name
        "Sie wohnen in Bad Die-Stadt.",
        "Das meldete am Morgen, wie Die Zeit schreibt, die Polizei.",  # after a word that never ends one
        "Den Artikel druckte laut Der Spiegel keine andere Zeitung.",
    ],
)
def test_bare_starter_keeps_sentences_whole(text):
    assert len(SentenceSplitter("de").split(text)) == 1
