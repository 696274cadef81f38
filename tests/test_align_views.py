"""The aligner's views beside the character n-grams: anchors (shared word stems and numbers of the
source itself) and the lexicon's treatment of words it never saw."""

import random

import numpy as np

from pipeline.align.aligner import Aligner, AlignSettings
from pipeline.align.beads import Bead
from pipeline.align.evaluate import score_beads
from pipeline.align.features import anchor_vectors, anchors
from pipeline.align.lexicon import Lexicon, words
from tests.test_align_lexicon import _document


def _cosines(x, y) -> np.ndarray:
    dots = (x @ y.T).toarray()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))) * np.sqrt(np.asarray(y.multiply(y).sum(axis=1))).T
    return dots / np.maximum(norms, 1e-9)


def test_anchors_fold_case_and_diacritics_and_skip_short_words():
    assert anchors("Die Expedition nach Grönland") == anchors("die EXPÉDITION nach Gronland")
    assert anchors("Er sah sie am Tag.") == []  # no word of five letters, no number
    assert anchors("im Jahr 1865") == ["#1865"]


def test_anchor_vectors_match_cognates_and_add_up():
    de = ["Die Expedition erreichte Zermatt am 14. Juli 1865.", "Danach regnete es tagelang."]
    fr = ["L'expédition atteignit Zermatt le 14 juillet 1865.", "Il plut ensuite pendant des jours."]
    x, y = anchor_vectors([de, fr])
    sims = _cosines(x, y)
    assert sims[0, 0] > 0.4 and sims[0, 1] == 0.0 and sims[1, 0] == 0.0
    both, _ = anchor_vectors([de + [de[0] + " " + de[1]], fr])
    assert abs(both[2] - both[0] - both[1]).max() < 1e-5


DE_FILLER = "der die das und mit auf für nicht eine wurde sich auch nach über zwischen gegen".split()
FR_FILLER = "le la les et avec sur pour pas une était se aussi après entre contre dans".split()
NAMES = [("Zürich", "Zurich"), ("Genf", "Genève"), ("Lötschental", "Lötschental"), ("Bündner Oberland", "Oberland grison"),
         ("Expedition", "expédition"), ("Grönland", "Groenland"), ("Kilometer", "kilomètres"),
         ("Photographie", "photographie"), ("Zermatt", "Zermatt"), ("Matterhorn", "Matterhorn"),
         ("Aletschgletscher", "glacier d'Aletsch"), ("Himalaja", "Himalaya")]


def _named_document(seed: int, count: int = 30) -> tuple[list[str], list[str], list[Bead]]:
    """German and French sentences of function words that share nothing but one name or cognate
    each; every seventh French sentence has no German."""
    rng = random.Random(seed)
    src, tgt, gold = [], [], []
    for k in range(count):
        de_name, fr_name = rng.choice(NAMES)
        de = " ".join(rng.choice(DE_FILLER) for _ in range(rng.randint(5, 12))) + f" {de_name}."
        fr = " ".join(rng.choice(FR_FILLER) for _ in range(rng.randint(6, 14))) + f" {fr_name}."
        if k % 7 == 3:
            gold.append(Bead((), (len(tgt),)))
        else:
            gold.append(Bead((len(src),), (len(tgt),)))
            src.append(de)
        tgt.append(fr)
    return src, tgt, gold


def test_anchor_view_places_sentences_that_share_only_a_name():
    def mean_f1(settings: AlignSettings) -> float:
        docs = [_named_document(seed) for seed in range(1, 16)]
        return float(np.mean([score_beads(g, Aligner(settings).align(s, t))["strict_f1"] for s, t, g in docs]))

    assert AlignSettings().anchor_weight > 0
    assert mean_f1(AlignSettings()) > mean_f1(AlignSettings(anchor_weight=0)) + 0.03


def test_words_the_lexicon_never_saw_lower_a_caption_s_coverage():
    de, fr = _document(40)
    table = Lexicon.learn([words(t) for t in de], [words(t) for t in fr])
    caption = ["Photo Zermatt le 1934", fr[0]]  # one known word among names and a year; a real translation
    plain = _cosines(*table.vectors([words(de[0])], [words(t) for t in caption]))
    kept = _cosines(*table.vectors([words(de[0])], [words(t) for t in caption], unknown_weight=0.5))
    assert kept[0, 0] < plain[0, 0]
    assert abs(kept[0, 1] - plain[0, 1]) < 1e-6  # every word of the translation is known: unchanged


def _captioned_document(seed: int, count: int = 60, at: int = 30) -> tuple[list[str], list[str], list[Bead]]:
    """A generated German–French document with a block of French captions (place names, years and
    one word the lexicon knows) without German in the middle."""
    de, fr = _document(count, seed=seed, numbered=3)
    places = ["Zermatt", "Saas Fee", "Arolla", "Zinal", "Evolène", "Grächen"]
    captions = [f"Photo {place} le {1931 + k}" for k, place in enumerate(places)]
    gold = ([Bead((k,), (k,)) for k in range(at)] + [Bead((), (at + c,)) for c in range(len(captions))]
            + [Bead((k,), (k + len(captions),)) for k in range(at, count)])
    return de, fr[:at] + captions + fr[at:], gold


def test_a_caption_block_stays_without_partner():
    found = {}
    for weight in (0.0, AlignSettings().lexicon_unknown_weight):
        found[weight] = [score_beads(g, Aligner(AlignSettings(lexicon_unknown_weight=weight)).align(s, t))["strict_f1"]
                         for s, t, g in (_captioned_document(seed) for seed in (3, 5, 6))]
    assert found[AlignSettings().lexicon_unknown_weight] == [1.0, 1.0, 1.0]
    assert min(found[0.0]) < 1.0  # without it, a caption joins a sentence's bead
