"""The document's own word lexicon (IBM Model 1) and the aligner's passes that use it."""

import random

from pipeline.align.aligner import Aligner, AlignSettings
from pipeline.align.beads import Bead
from pipeline.align.evaluate import score_beads
from pipeline.align.lexicon import Lexicon, lexicon_views, words

# word-for-word German -> French, so generated sentences are translations of each other
DE_FR = {
    "der": "le", "hund": "chien", "sieht": "voit", "den": "le", "vogel": "oiseau", "bauer": "paysan",
    "sucht": "cherche", "baum": "arbre", "lehrer": "maître", "findet": "trouve", "stein": "pierre",
    "heute": "aujourd'hui", "morgen": "demain", "im": "dans", "dorf": "village", "wald": "forêt",
}
SUBJECTS, VERBS, OBJECTS = ["hund", "bauer", "lehrer"], ["sieht", "sucht", "findet"], ["vogel", "baum", "stein"]
WHEN, WHERE = ["heute", "morgen"], ["dorf", "wald"]


def _document(count: int, seed: int = 5, numbered: int = 0) -> tuple[list[str], list[str]]:
    """Generated German sentences and their French word-for-word translations; every
    ``numbered``-th pair (if any) without a number on both sides, the others with one."""
    rng = random.Random(seed)
    de, fr = [], []
    for k in range(count):
        s, v, o, t, p = (rng.choice(x) for x in (SUBJECTS, VERBS, OBJECTS, WHEN, WHERE))
        sentence = ["der", s, v, t, "den", o, "im", p]
        number = f" {rng.randrange(100, 1000)}" if numbered and k % numbered else ""
        de.append(" ".join(sentence).capitalize() + number + ".")
        fr.append(" ".join(DE_FR[w] for w in sentence).capitalize() + number + ".")
    return de, fr


def test_model_one_learns_word_translations_from_sentence_pairs():
    de, fr = _document(60)
    table = Lexicon.learn([words(t) for t in de], [words(t) for t in fr])
    for german in ("hund", "bauer", "sucht", "findet", "stein", "morgen", "wald"):
        assert table.best(german) == DE_FR[german]
    assert table.best("katze") is None  # never seen


def test_projected_vectors_add_up_like_the_sentences_they_come_from():
    de, fr = _document(30)
    table = Lexicon.learn([words(t) for t in de], [words(t) for t in fr])
    joined = [words(de[0] + " " + de[1])]
    x, _ = table.vectors([words(de[0]), words(de[1])], [words(t) for t in fr])
    xj, _ = table.vectors(joined, [words(t) for t in fr])
    assert abs(x[0] + x[1] - xj[0]).max() < 1e-5


def test_projected_sentence_is_closest_to_its_translation():
    de, fr = _document(40)
    table = Lexicon.learn([words(t) for t in de], [words(t) for t in fr])
    x, y = table.vectors([words(t) for t in de], [words(t) for t in fr])
    sims = (x @ y.T).toarray()
    distinct = [k for k in range(40) if fr.count(fr[k]) == 1]
    assert sum(sims[k].argmax() == k for k in distinct) >= 0.9 * len(distinct)


def test_no_lexicon_from_too_few_one_to_one_beads():
    de, fr = _document(5)
    beads = [Bead((k,), (k,)) for k in range(5)]
    assert lexicon_views(de, fr, beads, min_pairs=20) == []
    assert len(lexicon_views(de, fr, beads, min_pairs=5)) == 2


def _document_with_joins_and_drops(count: int, seed: int, numbered: int) -> tuple[list[str], list[str], list[Bead]]:
    """A generated document (:func:`_document`) with two German sentences to one French every
    eleventh pair and a French sentence without German every thirteenth, and its gold beads."""
    de, fr = _document(count, seed=seed, numbered=numbered)
    src, tgt, gold = [], [], []
    k = 0
    while k < len(de):
        if k % 11 == 3 and k + 1 < len(de):  # two German sentences, one French
            gold.append(Bead((len(src), len(src) + 1), (len(tgt),)))
            src.extend([de[k], de[k + 1]])
            tgt.append(fr[k] + " " + fr[k + 1])
            k += 2
        elif k % 13 == 7:  # a French sentence without German
            gold.append(Bead((), (len(tgt),)))
            tgt.append(fr[k])
            k += 1
        else:
            gold.append(Bead((len(src),), (len(tgt),)))
            src.append(de[k])
            tgt.append(fr[k])
            k += 1
    return src, tgt, gold


def test_second_pass_aligns_a_document_with_joins_and_drops():
    # a third of the pairs has no number to anchor it, and German and French share few n-grams:
    # the lexicon learned from the anchored pairs places the rest
    src, tgt, gold = _document_with_joins_and_drops(80, seed=9, numbered=3)
    with_lexicon = score_beads(gold, Aligner().align(src, tgt))
    one_pass = score_beads(gold, Aligner(AlignSettings(lexicon_weight=0)).align(src, tgt))
    assert with_lexicon["strict_f1"] > one_pass["strict_f1"]
    assert with_lexicon["strict_f1"] >= 0.9


def test_third_pass_with_the_lexicon_relearned_finds_more_gold_beads():
    src, tgt, gold = _document_with_joins_and_drops(120, seed=3, numbered=3)
    expected = {(b.src, b.tgt) for b in gold}

    def found(rounds: int) -> int:
        # without the anchor view, whose shared numbers already place most of what the third pass adds
        settings = AlignSettings(lexicon_rounds=rounds, anchor_weight=0)
        return sum((b.src, b.tgt) in expected for b in Aligner(settings).align(src, tgt))

    assert AlignSettings().lexicon_rounds == 2
    assert found(2) > found(1)


def test_later_lexicon_passes_keep_every_sentence_in_order_in_a_narrow_band():
    src, tgt, _ = _document_with_joins_and_drops(60, seed=4, numbered=2)
    for margin in (0, 1, 3):
        beads = Aligner(AlignSettings(lexicon_rounds=3, refine_margin=margin, lexicon_min_pairs=5)).align(src, tgt)
        assert [i for b in beads for i in b.src] == list(range(len(src)))
        assert [j for b in beads for j in b.tgt] == list(range(len(tgt)))
