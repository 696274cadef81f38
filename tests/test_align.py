"""The aligner on German/English text written for these tests, and its helpers."""

import random

import pytest

from pipeline.align.aligner import Aligner, AlignSettings, bead_similarities, fitted_length_share
from pipeline.align.beads import Bead, read_beads
from pipeline.align.evaluate import score_beads
from pipeline.align.gale_church import gale_church

DE = [
    "Der Stadtrat tagte am Dienstag im Rathaus.",
    "Auf der Tagesordnung standen 14 Punkte.",
    "Zuerst ging es um die neuen Radwege in der Innenstadt.",
    "Die Grünen forderten breitere Spuren, die CDU warnte vor den Kosten von 2,4 Millionen Euro.",
    "Nach zwei Stunden wurde abgestimmt.",
    "Der Antrag erhielt 23 von 40 Stimmen.",
    "Danach sprach die Bürgermeisterin über den Haushalt.",
    "Sie kündigte Einsparungen bei der Verwaltung an.",
    "Die Sitzung endete kurz vor Mitternacht.",
    "Das nächste Treffen findet am 12. März statt.",
]
EN = [
    "The city council met in the town hall on Tuesday.",
    "There were 14 items on the agenda.",
    "First came the new cycle paths in the city centre.",
    "The Greens called for wider lanes.",
    "The CDU warned of the cost of 2.4 million euros.",
    "After two hours, a vote was taken.",
    "The motion received 23 of 40 votes.",
    "The mayor then spoke about the budget and announced savings in the administration.",
    "A short break followed.",
    "The meeting ended shortly before midnight.",
    "The next meeting takes place on 12 March.",
]
# a rough word-by-word translation of DE into English, as a weak MT system might produce it
MT = [
    "The city council met on Tuesday in the town hall.",
    "On the agenda were 14 points.",
    "First it was about the new cycle paths in the inner city.",
    "The Greens demanded wider lanes, the CDU warned of the cost of 2.4 million euros.",
    "After two hours it was voted.",
    "The motion got 23 of 40 votes.",
    "Then the mayor spoke about the budget.",
    "She announced savings in the administration.",
    "The session ended shortly before midnight.",
    "The next meeting takes place on 12 March.",
]
GOLD = read_beads(
    ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3, 4]", "[4]:[5]", "[5]:[6]", "[6, 7]:[7]", "[]:[8]", "[8]:[9]", "[9]:[10]"]
)


def test_aligns_merges_and_an_extra_sentence_with_the_translation():
    assert Aligner().align(DE, EN, MT) == GOLD


def test_the_source_length_steadies_a_translation_that_lost_words():
    # the translation of sentence 6 lost half its words; measured by the translation alone,
    # German 6–7 look short against their English, and the English sentence without partner
    # after them is pulled into the next bead
    mt = list(MT)
    mt[6] = "Then the mayor spoke."
    assert Aligner(AlignSettings(translation_length_share=1.0)).align(DE, EN, mt) != GOLD
    assert Aligner().align(DE, EN, mt) == GOLD


def _lengths(texts):
    return [len(" ".join(t.split())) for t in texts]


def test_a_translation_whose_lengths_fit_worse_than_the_source_counts_less_in_the_length_model():
    # every other sentence of this translation lost half its words: its lengths predict the
    # English lengths far worse than the German's own, so its share falls well below the default
    halved = [" ".join(t.split()[::2]) if k % 2 else t for k, t in enumerate(MT)]
    kept = fitted_length_share(GOLD, _lengths(MT), _lengths(DE), _lengths(EN), 0.85, min_pairs=5)
    lowered = fitted_length_share(GOLD, _lengths(halved), _lengths(DE), _lengths(EN), 0.85, min_pairs=5)
    assert 0.5 < kept <= 0.85
    assert lowered < 0.1
    # a translation whose lengths fit better than the source's keeps the share, never more
    close = [*EN[:3], EN[3] + " " + EN[4], EN[5], EN[6], MT[6], MT[7], EN[9], EN[10]]
    assert fitted_length_share(GOLD, _lengths(close), _lengths(DE), _lengths(EN), 0.85, min_pairs=5) == 0.85
    # too few one-to-one beads to judge by: the share as given
    assert fitted_length_share(GOLD, _lengths(halved), _lengths(DE), _lengths(EN), 0.85, min_pairs=20) == 0.85


def test_without_translation_it_still_finds_most_beads():
    result = score_beads(GOLD, Aligner().align(DE, EN))
    assert result["lax_f1"] >= 0.9


def test_every_sentence_is_in_exactly_one_bead_in_order():
    rng = random.Random(3)
    for _ in range(20):
        src = [rng.choice(DE) for _ in range(rng.randint(0, 12))]
        tgt = [rng.choice(EN) for _ in range(rng.randint(0, 12))]
        beads = Aligner().align(src, tgt)
        assert [i for b in beads for i in b.src] == list(range(len(src)))
        assert [j for b in beads for j in b.tgt] == list(range(len(tgt)))
        assert all(b.src or b.tgt for b in beads)


def test_debris_without_words_becomes_a_bead_of_its_own_even_inside_a_merge():
    # OCR debris between the two English halves of German sentence 3, and before sentence 0
    en = ["- _ .", *EN[:4], "h * ,", *EN[4:]]
    beads = Aligner().align(DE, en, MT)
    assert Bead((), (0,)) in beads and Bead((), (5,)) in beads
    assert Bead((3,), (4, 6)) in beads  # the merge keeps its halves and leaves a gap
    assert sorted(j for b in beads for j in b.tgt) == list(range(len(en)))
    assert sorted(i for b in beads for i in b.src) == list(range(len(DE)))


def test_debris_is_aligned_as_it_is_when_a_side_has_nothing_else():
    assert Aligner().align(["....."], ["Der Hund.", "- -"]) != []
    assert [i for b in Aligner().align(["..", "- -"], [". ."]) for i in b.src] == [0, 1]


def test_empty_sides():
    assert Aligner().align([], ["A."]) == [Bead((), (0,))]
    assert Aligner().align(["A."], []) == [Bead((0,), ())]
    assert Aligner().align([], []) == []


def test_translation_must_match_the_source():
    with pytest.raises(ValueError, match="2 translations for 3 source sentences"):
        Aligner().align(["a", "b", "c"], ["x"], ["a", "b"])


def _long_document(n, seed=5):
    rng = random.Random(seed)
    src, tgt, mt = [], [], []
    for k in range(n):
        a, b, c = rng.randrange(len(DE)), rng.randrange(1000), rng.randrange(1000)
        src.append(f"{DE[a][:-1]} ({b} / {c}).")
        mt.append(f"{MT[a][:-1]} ({b} / {c}).")
        tgt.append(f"{MT[a][:-1]} ({b} / {c}).")
    return src, tgt, mt


def test_coarse_pass_and_band_find_the_same_path_as_the_full_search():
    src, tgt, mt = _long_document(300)
    del tgt[40], tgt[200]  # two target sentences missing
    exact = Aligner(AlignSettings(full_cells=10**9)).align(src, tgt, mt)
    banded = Aligner(AlignSettings(full_cells=0, chunk=8, margin=6)).align(src, tgt, mt)
    assert banded == exact
    assert Bead((40,), ()) in banded and Bead((201,), ()) in banded


def test_bead_similarities():
    sims = bead_similarities(GOLD, MT, EN)
    assert sims[7] is None  # the 0-1 bead
    assert all(s > 0.3 for s in sims if s is not None)


def test_gale_church_baseline_on_lengths():
    src = ["a" * 40, "b" * 80, "c" * 30]
    tgt = ["a" * 42, "b" * 38, "b" * 40, "c" * 31]
    assert gale_church(src, tgt) == read_beads(["[0]:[0]", "[1]:[1, 2]", "[2]:[3]"])


def test_bead_format_round_trips_and_rejects_garbage():
    for line in ("[0]:[0]", "[1, 2]:[3]", "[]:[4]", "[5]:[]"):
        assert str(Bead.parse(line)) == line
    with pytest.raises(ValueError, match="expected"):
        Bead.parse("1-2")


def test_a_block_of_extra_sentences_stays_whole_instead_of_its_edges_joining_neighbours():
    # three captions between English sentences 2 and 3: leaving a run alone costs less per sentence
    # than leaving sentences alone one by one, so the block's first and last line are not merged
    captions = ["Photo: museum archive", "Drawing by the author", "Fig. 12"]
    en = [*EN[:3], *captions, *EN[3:]]
    beads = Aligner().align(DE, en, MT)
    assert [Bead((), (j,)) in beads for j in (3, 4, 5)] == [True, True, True]
    assert Bead((2,), (2,)) in beads and Bead((3,), (6, 7)) in beads
    linear = Aligner(AlignSettings(skip_extend=AlignSettings().skip)).align(DE, en, MT)
    assert Bead((2,), (2,)) not in linear  # with a flat cost per sentence an edge joins a neighbour


def test_documents_shorter_than_the_largest_bead():
    for n, m in [(1, 1), (1, 2), (2, 3), (3, 2), (4, 1)]:
        beads = Aligner().align(DE[:n], EN[:m], MT[:n])
        assert [i for b in beads for i in b.src] == list(range(n))
        assert [j for b in beads for j in b.tgt] == list(range(m))
