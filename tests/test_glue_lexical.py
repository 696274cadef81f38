"""Glue judged by lexical evidence: what the word-class model knows of the whole token and of
its parts, and the splits of a text judged again on the text they make."""

import pytest

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.glue import GluePass
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.record import Document
from pipeline.rules import corrections_dir

CLEANER = Cleaner()


def clean(text: str) -> Document:
    return CLEANER(Document("t", text))


@pytest.mark.parametrize(
    "text, fixed, rule",
    [
        # after a hyphen, a German noun that is an English word too ends the compound before
        # a function word or a verb form
        ("Er prüfte den Premium-Statusdurch einen Anruf bei der Bank.", "Premium-Status durch einen",
         "glue.noun_word"),
        ("Das alte Stadt-Theaterbefindet sich am Markt.", "Stadt-Theater befindet sich", "glue.noun_word"),
        # a function word after an adjective or an adverb: its capitalised form has a name
        # reading only as the word-class model's guess, so it is no noun that could head one
        ("Das gilt künftignur für Mitglieder des Vereins.", "künftig nur für", "glue.class_word"),
        # a noun before a verb form the model does not know as one word with it
        ("Wir besuchten den Stadtparkheute mit den Kindern.", "Stadtpark heute mit", "glue.noun_word"),
        ("Der Hundlief schnell über die Wiese und bellte.", "Der Hund lief schnell", "glue.noun_word"),
        # a rare inflected word in lower case that the word-class model knows, before a capital
        ("Wir sahen ein auffälligeresSchild an der Straße.", "ein auffälligeres Schild an", "glue.lower_capital"),
        ("Sie backte einen rekordverdächtigenKuchen für das Fest.", "rekordverdächtigen Kuchen für",
         "glue.lower_capital"),
        # a capitalised word before a rest that is glue of its own: split at the capital, then the rest
        ("Im Park sah die NachbarinKatzenspielten und lachte laut.", "die Nachbarin Katzen spielten und",
         "glue.word_capitalised"),
        ("Wir trafen im Hafen den KapitänHansensagte er uns.", "den Kapitän Hansen sagte er", "glue.word_capitalised"),
        # a hashtag or a handle with a function word or a verb form glued to its end
        ("Die Freude über #Sommerfestvon unserer Schule war groß.", "#Sommerfest von unserer", "glue.word_word"),
        ("Wir danken @Nachbarinhat uns sehr geholfen, sagte er.", "@Nachbarin hat uns", "glue.word_word"),
        # before a hyphen, a word glued to the first part of the compound
        ("Sie lobte den VereinsvorsitzendenKarl-Heinz Berger sehr.", "Vereinsvorsitzenden Karl-Heinz Berger",
         "glue.word_capitalised"),
        ("Das gilt für dieStadtBremen-Nord und den Süden.", "die Stadt Bremen-Nord und", "glue.word_capitalised"),
        # after a split, the rest: a long noun glued to an infinitive
        ("Wir mussten zumBewerbungsgesprächvorbereiten früh aufstehen.", "zum Bewerbungsgespräch vorbereiten früh",
         "glue.noun_verb"),
        # (but a nominalised infinitive the lexicon knows stays whole)
        ("Sie freute sich aufsZeitunglesen am Morgen.", "aufs Zeitunglesen am", "glue.lower_capital"),
        # (a function word before capitals is glued to them)
        ("Die Bilder zeigt das Heft vonSTUDIO jeden Sonntag.", "Heft von STUDIO jeden", "glue.lower_capital"),
    ],
)
def test_glue_with_lexical_evidence_is_split(text, fixed, rule):
    doc = clean(text)
    assert fixed in doc.clean
    assert rule in [e.rule for e in doc.edits]


@pytest.mark.parametrize(
    "text",
    [
        # a noun before an adjective or a verb form that may head a compound with it, where the
        # word-class model reads the whole token as one word (`open_head_known_cost`)
        "Er kannte die Beweislagen in beiden Fällen genau.",
        "Wir messen die Druckbreiten der Maschinen jeden Morgen.",
        "Wir sahen die Scheinkommunistische Partei nicht gern.",
        # English compounds after a hyphen stay
        "Der Befehl nutzt die Shell-Builtins des Systems.",
        "Die Kinder spielten nurmehr im Garten.",
        # camel case of two capitalised words that stand joined elsewhere in the text: a name
        "Die Firma heißt KulturKaufhaus und liegt im Zentrum, im KulturKaufhausist es voll.",
        "Wie jQuery und phpMyAdmin zeigen, ist das üblich.",
        # inner capitals of a hashtag, a camel-case name before a hyphen or an address stay
        "Wir folgen #DigitalRadeberg und schreiben uns oft.",
        "Er kaufte ein neues MacBook-Netzteil und war froh.",
        "Schreiben Sie an HansMeier@example.org und fragen Sie nach.",
        # a noun in lower case before capitals: the style of a logo
        "Die Bilder zeigt das bildSTUDIO der Stadt jeden Sonntag.",
    ],
)
def test_a_token_the_model_reads_as_one_word_is_kept(text):
    doc = clean(text)
    assert doc.clean == text
    assert not [e for e in doc.edits if e.rule.startswith("glue.")]


def test_the_splits_of_a_text_are_judged_again_on_the_text_they_make():
    # `istsehr` alone on its line is no prose (one other word in lower case); once `Dieder`
    # is split, the line holds two, and a second cleaning would split it: so does the first
    glue = GluePass(LexiconRules.from_dir(corrections_dir()))
    found = list(glue.propose("Dieder istsehr gut", None, lambda *a: None))
    assert [(c.start, c.rule) for c in found] == [(3, "glue.function_pair"), (10, "glue.function_pair")]
    once = clean("Dieder istsehr gut").clean
    assert once == "Die der ist sehr gut"
    assert clean(once).clean == once


def test_a_flag_is_reported_once_in_coordinates_of_the_text():
    glue = GluePass(LexiconRules.from_dir(corrections_dir()))
    flags = []
    text = "Dieder istsehr gut, sagte die NASAMission gestern."
    list(glue.propose(text, None, lambda *a: flags.append(a)))
    assert [(text[s:e], rule) for s, e, rule, _why in flags] == [("NASAMission", "glue.uncertain")]
