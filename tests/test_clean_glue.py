"""Glued link and italic text: what is split, what is flagged, what must survive."""

import pytest

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits
from pipeline.clean.glue import GluePass
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.record import Document
from pipeline.rules import corrections_dir

CLEANER = Cleaner()


def clean(text: str) -> Document:
    doc = CLEANER(Document("t", text))
    assert apply_edits(doc.raw, doc.edits) == doc.clean
    return doc


def rules(doc: Document) -> list[str]:
    return [e.rule for e in doc.edits]


@pytest.mark.parametrize(
    "text, fixed, rule",
    [
        # an acronym glued to a sentence-opening word, the acronym alone elsewhere in the text
        ("Die FAZ meldete es zuerst. Laut der FAZDen Angaben zufolge stieg die Zahl.",
         "Laut der FAZ Den Angaben", "glue.acronym_word"),
        ("Ein Sprecher der BBC schwieg. Die Zahlen stammen aus der BBCIn der Sendung hieß es später mehr.",
         "aus der BBC In der Sendung", "glue.acronym_word"),
        # a word glued to a capitalised function word
        ("Ein Bericht der Kieler NachrichtenDen Zahlen zufolge wächst die Stadt.",
         "Kieler Nachrichten Den Zahlen", "glue.word_capitalised"),
        # a lower-case word glued to a capitalised noun
        ("Wir bestellten das originelleGericht mit Fisch.", "das originelle Gericht mit", "glue.lower_capital"),
        # two ordinary words, the second a verb or function word
        ("Viele Zeitungen, etwa das Blatt Wirtschaftlichsind besorgt.", "Blatt Wirtschaftlich sind besorgt",
         "glue.word_word"),
        ("Der Arztist freundlich und hört zu.", "Der Arzt ist freundlich", "glue.word_word"),
        # a left part made of two known words, before a verb
        ("Auf Kontaktanfragenwird nie geantwortet.", "Auf Kontaktanfragen wird nie", "glue.word_word"),
        # a function word glued to the word after it
        ("Das Essen istsehr gut gewesen.", "Das Essen ist sehr gut", "glue.function_pair"),
        # a capitalised token inside a sentence is a noun, but ends in a verb or a function word
        ("Für eine Nachtreicht das Geld.", "eine Nacht reicht das", "glue.noun_word"),
        ("Am Abend sprach die Kanzlerin kurz, Merkelsagte nur wenig.", "Merkel sagte nur", "glue.noun_word"),
        ("Der Preiswie im Vorjahr blieb stabil.", "Der Preis wie im", "glue.noun_word"),
        ("Die Lage im Nordennach dem Sturm bleibt ernst.", "im Norden nach dem", "glue.noun_word"),
        # (`erzählt` may be an imperative, a bare stem as in `Alltagskram`: the verb rule decides)
        ("In der Ausstellungerzählt eine Künstlerin von ihrer Kindheit.", "Ausstellung erzählt eine",
         "glue.noun_verb"),
        # a lower-case token that opens with a pronoun, which opens no compound
        # (a pronominal adverb heads no compound either: two function words)
        ("Das hat ihmdarauf keiner gesagt.", "hat ihm darauf keiner", "glue.function_pair"),
        ("Aber ichglaube nicht daran.", "Aber ich glaube nicht", "glue.class_word"),
        ("Wersich meldet, gewinnt.", "Wer sich meldet", "glue.class_word"),
        # two common function words glued, a pair web text holds often enough to be known a little
        ("Sie stand aufder Bühne.", "stand auf der Bühne", "glue.function_pair"),
        ("Mitdem Zug fuhr er nach Berlin.", "Mit dem Zug fuhr", "glue.function_pair"),
        # a common noun, an adjective or an article glued to a capitalised word
        ("Am Abend sprach der SprecherJohannes Weber.", "der Sprecher Johannes Weber", "glue.word_capitalised"),
        ("Im Tor stand der TorhüterJulio Cesar, er hielt alles.", "der Torhüter Julio Cesar", "glue.word_capitalised"),
        ("Im Sommer fuhr DieBahn öfter.", "fuhr Die Bahn öfter", "glue.function_capital"),
        # a function word glued to a capitalised word, though both are English words too
        ("Die Schäden wurden inBelfast gezählt.", "wurden in Belfast gezählt", "glue.lower_capital"),
        ("ImJuli wurde gewählt. WennMenschen fragen, antwortet er.", "Im Juli wurde gewählt. Wenn Menschen",
         "glue.function_capital"),
    ],
)
def test_glued_words_are_split(text, fixed, rule):
    doc = clean(text)
    assert fixed in doc.clean
    assert rule in rules(doc)


@pytest.mark.parametrize(
    "text",
    [
        # names and brands with inner capitals
        "Bei McDonald's und McKinsey arbeiten viele Studenten.",
        "Wie derStandard berichtete, stieg die Zahl; er fuhr mit MeinFernbus.",
        "Mit der BahnCard fährt sie günstiger nach Köln.",
        "Er zahlte mit PayPal für das neue iPhone.",
        "Das Video lief auf YouTube und wurde über WhatsApp und LinkedIn geteilt.",
        # long compounds the lexicon does not know
        "Der Satelliteninternetdienst fiel aus, sagte der Präsidentensprecher.",
        "Die Aussage des ehemaligen Geheimdienstoffiziers wurde geprüft.",
        # compounds and feminine forms that end in a function word
        "Die Busfahrerin und die Stadtratskandidatin sprachen mit dem Radtouristen.",
        "Der Radtourist übernachtete im Zelt.",
        "Die Protestierenden zogen weiter, die Umstehenden schauten zu.",
        "Die Zahl der zu markierenden Stellen und der Streikenden wächst.",
        "Die Kontoguthaben und das Bauvorhaben wurden geprüft.",
        # hyphenated compounds
        "Der Kreml-Machthaber äußerte sich zur US-Wahl und zu den Starlink-Diensten.",
        # German quotes
        "Das Thema sei „äußerst heikel“, hieß es.",
        # plurals and genitives of acronyms
        "Die PKWs des ADACs standen vor den GNOMEs Büros.",
        # camel case from code or English
        "Der Browser meldet seinen userAgent und die manpages liegen bereit.",
        # English words in German text
        "Der Befehl transmit sendet, der guitarist spielt.",
        # compounds headed by an infinitive or by a plural that looks like a verb form
        "Er sprach vom Autofahren und vom Bombenlegen.",
        "Die Knopfdrücke am Gerät wurden gezählt.",
        # compounds ending in a rarer word that is also a preposition (`namens`, `ums`)
        "Die Länge des Dateinamens ist begrenzt, die Tugenden des Bergsteigertums leben fort.",
        # feminine forms with an inner capital
        "Die LehrerIn und die SchülerInnen kamen.",
        # a separable prefix that is also an article, nominalised participles, `-ist` nouns
        "Sobald sich der Rechner einwählt, startet der Abgleich.",
        "Ein Zugreisender und ein Streikender warteten.",
        "Der Jazzsaxophonist spielte mit dem Kontrabassisten.",
        # short endings that are words too (`-eur`), a name before a preposition, long compounds
        "Der Heizungsmonteur kam erst am Abend.",
        "Mit dem Befehl ulimit setzt man Grenzen.",
        "Sie sprach vom Radiosender und vom Hundeverein, er war Chefredakteur beim Heimatverein.",
        "Die Altbausanierung dauerte lange, der Gastsolist kam spät.",
        # words made of two function words, and a name that looks like two
        "Er fuhr vordem nach Berlin, sodass er müde war; indem er schlief, erholte er sich.",
        "Sie wanderten in den sogenannten „Andes de tipo“ im Süden.",
        # a capitalised token that opens a sentence may be any word class
        "Hochmodern war die Halle nicht.",
        "Wirgefühl ist wichtig, sagte sie.",
    ],
)
def test_correct_german_is_not_split(text):
    doc = clean(text)
    assert doc.clean == text
    assert not [f for f in doc.flags if f.rule.startswith("glue.")]


def test_a_word_that_recurs_is_a_name_not_glue():
    text = "Die Firma Holzwerkund baut Schränke. Holzwerkund liefert auch nach Polen."
    assert clean(text).clean == text


def test_two_function_words_glued_are_split_wherever_the_link_recurs():
    # a page repeats a glued link; two function words joined make no name
    doc = clean("Wir fuhren miteinem Bus in die Stadt und kamen spät an.\n\n"
                "Am Abend fuhren wir miteinem Zug zurück nach Hause.")
    assert doc.clean.count("mit einem") == 2
    assert rules(doc) == ["glue.function_pair", "glue.function_pair"]
    # but a token the lexicon knows a little, and which recurs, is a word or a name
    text = "Wir trafen Jaden am Bahnhof, und Jaden lachte.\n\nDas war ein übernatürlicher Moment, übernatürlicher Zufall."
    assert clean(text).clean == text


def test_a_unit_glued_to_an_ingredient_is_split_in_a_list():
    # an ingredient list is no prose, and its units recur: the shape of the token decides
    doc = clean("Zutaten\n250 gMehl\n150 gZartbitterschokolade\n3 ELSahne\n400 mlButtermilch\n\n"
                "Das Mehl mit der Buttermilch verrühren und eine Stunde ruhen lassen.")
    for fixed in ("250 g Mehl", "150 g Zartbitterschokolade", "3 EL Sahne", "400 ml Buttermilch"):
        assert fixed in doc.clean
    assert set(rules(doc)) == {"glue.unit_word"}
    # a unit before a word in lower case may open an English word or a command
    text = "Mit dem Befehl mlabel setzt man den Namen, sagte der clevere Admin."
    assert clean(text).clean == text


def test_a_name_that_stands_alone_only_in_a_removed_credit_still_shows_the_glue():
    # the credit line goes first; its name is still evidence that `Brakelmeyerzu` holds one
    text = ("Die Band spielt im Mai.\n(Bild: Claus Brakelmeyer)\n"
            "Wir haben uns mit Fynn Brakelmeyerzu einem langen Gespräch verabredet.\n")
    doc = clean(text)
    assert doc.clean == "Die Band spielt im Mai.\nWir haben uns mit Fynn Brakelmeyer zu einem langen Gespräch verabredet.\n"
    assert [e.rule for e in doc.edits] == ["credit.photo_name", "glue.noun_word"]
    # without the credit, nothing in the document shows the name standing alone: no split
    alone = text.replace("(Bild: Claus Brakelmeyer)\n", "")
    assert clean(alone).clean == alone


def test_an_ambiguous_split_is_flagged_not_made():
    doc = clean("Man kann diesein kleinen Gruppen üben.")
    assert "diesein" in doc.clean
    [flag] = [f for f in doc.flags if f.rule == "glue.uncertain"]
    assert flag.text == "diesein"
    assert "diese in" in flag.reason or "dies ein" in flag.reason


def test_a_preposition_that_is_a_noun_too_after_a_noun_is_flagged_not_split():
    # `wegen` after a noun is glued (`Bauernwegen der Beschlüsse`) or the noun `Wege` heads it
    doc = clean("Die Kühe liefen auf steilen Geröllwegen bergab.")
    assert "Geröllwegen" in doc.clean
    [flag] = [f for f in doc.flags if f.rule == "glue.uncertain"]
    assert flag.text == "Geröllwegen" and "'Wegen' heads the compound" in flag.reason


def test_a_smiley_ends_a_sentence_so_the_capitalised_pair_after_it_is_split():
    doc = clean("Danke dir! ;-) Dannhabe ich es verstanden.")
    assert "Dann habe ich" in doc.clean
    assert rules(doc) == ["glue.function_pair"]


def test_two_names_or_nouns_glued_are_flagged_not_split():
    # a company name may be two names in one (`ThyssenKrupp`), or two nouns (`StadtWerke`)
    doc = clean("Ein Vertrag mit HeinzKaiser wurde verlängert. Der Name Kaiser fiel oft. Die NullBreite zählt.")
    assert "HeinzKaiser" in doc.clean and "NullBreite" in doc.clean
    assert [f.text for f in doc.flags if f.rule == "glue.uncertain"] == ["HeinzKaiser", "NullBreite"]


def test_acronym_with_unknown_evidence_is_flagged():
    doc = clean("Das Magazin ARDZeitung berichtete ausführlich.")
    assert "ARDZeitung" in doc.clean
    assert [f.text for f in doc.flags if f.rule == "glue.uncertain"] == ["ARDZeitung"]


def test_split_edits_are_insertions_with_a_reason():
    doc = clean("Der Arztist freundlich.")
    [edit] = doc.edits
    assert (edit.before, edit.after, edit.rule) == ("", " ", "glue.word_word")
    assert "Arzt" in edit.reason and edit.confidence < 1


# -- glue at the rate web pages lose spaces: the rules of glue_rules.GLUE_RULES -------------

GLUED = [
    # a capital inside a word opens a new one, after a German word in lower case
    ("Der Fahrdienst rechnetLyftmit höheren Preisen.", "rechnet Lyft mit höheren", "glue.lower_capital"),
    ("Der Konzern will unterMineralölveröffentlicht werden.", "unter Mineralöl veröffentlicht werden",
     "glue.lower_capital"),
    ("Ein Interview vonDavid Weber lief am Abend.", "von David Weber", "glue.lower_capital"),
    ("Ein Interview vonDavid Weber lief. Das Buch vonDavid Weber folgte.", "Das Buch von David Weber",
     "glue.lower_capital"),  # the same link glued twice: both are split
    # a capitalised article or preposition glued to a capitalised word
    ("Wir trafen uns ImFoyer des Theaters.", "uns Im Foyer des", "glue.function_capital"),
    # a part before an inner capital that holds a junction itself
    ("Sie zogen in dieHauptverwaltungvonDüsseldorf um.", "die Hauptverwaltung von Düsseldorf um",
     "glue.inner_capital"),
    # a verb form heads no noun: after a noun or a name it is another word
    ("Die Stadtregierungstellt morgen den Plan vor.", "Stadtregierung stellt morgen", "glue.noun_verb"),
    ("Der Klub aus Lyonkassierte eine hohe Summe.", "Lyon kassierte eine", "glue.noun_verb"),
    ("Trainer Addorsagt dazu nichts, er schweigt.", "Addor sagt dazu", "glue.noun_verb"),
    # a common adverb with no noun reading heads no noun either
    ("Er las das Heftselbst nicht, sagte sie.", "Heft selbst nicht", "glue.noun_word"),
    # a chain of function words
    ("Wir gehen dannnichtin die Stadt.", "dann nicht in die", "glue.function_pair"),
    # a noun glued to a name
    ("Im Tor stand der TorhüterJulio Cesar, er hielt alles.", "Torhüter Julio Cesar", "glue.word_capitalised"),
    # a rare compound of known words glued to a first name
    ("Gestern sprach der BürgermeisterkandidatJonas Weber im Rathaus.", "Bürgermeisterkandidat Jonas Weber",
     "glue.word_capitalised"),
    # an acronym glued to a verb form or a function word
    ("Das Gericht sagt, das TMGist hier nicht anwendbar.", "das TMG ist hier", "glue.acronym_lower"),
    ("Die Halle hatte die AEGgemietet und umgebaut.", "die AEG gemietet und", "glue.acronym_lower"),
    # a pronoun or an inflected article glued to the word after it
    ("Wir sprachen über die Folgen einermöglichen Schließung des Werks.", "einer möglichen Schließung",
     "glue.class_word"),
    # a function word cut off the end of a hyphenated compound
    ("Das neue Corona-Projektvon Airbus lief gestern an.", "Corona-Projekt von Airbus", "glue.word_word"),
    ("Für eine Party-Nachtreicht das Geld nicht.", "Party-Nacht reicht das", "glue.noun_word"),
    # a word glued to a web address, and the domain of an address to the word after it
    ("Mehr dazu lesen Sie unterwww.example.de und auf Papier.", "unter www.example.de", "glue.address_start"),
    ("Der Text stand auf example.deund wurde oft geteilt.", "example.de und wurde", "glue.domain_word"),
    ("Die Meldung las ich in den Newshttps://example.de/a und danach in den Newshttps://example.de/b erneut.",
     "in den News https://example.de/b erneut", "glue.address_start"),  # the same link glued twice
    # an English function word of credits glued to a name
    ("Das Foto stammt byMirko aus dem Archiv der Stadt.", "by Mirko aus", "glue.lower_capital"),
    # a pronoun of two letters, and a chain of glued words after a pronoun
    ("Ich glaube, esgenug geübt zu haben.", "es genug geübt", "glue.class_word"),
    ("Die Farbe ist neu, aber steht siedirgut?", "steht sie dir gut?", "glue.class_word"),
    # the rest of a split token is a noun inside a sentence: its left part need not be known
    ("Sie hat dieseVerschwiegenheitsvereinbarungüber Jahre beachtet.",
     "diese Verschwiegenheitsvereinbarung über Jahre", "glue.noun_word"),
    # a capitalised verb form whose noun reading is only the word-class model's guess
    ("Am Abend imStrandbadverdampft das Wasser schnell.", "im Strandbad verdampft das", "glue.noun_verb"),
    # a verb form in -te is a past tense, not a plural (`Tastendrücke` is one)
    ("Am Ende ging es rasch, die Bauherrschaftbaute schnell.", "die Bauherrschaft baute schnell",
     "glue.noun_verb"),
    ("Wir fanden dieWasserstoffspeicherumlagenach langer Suche.", "die Wasserstoffspeicherumlage nach langer",
     "glue.noun_word"),
]

KEPT = [
    # long compounds are words, though the lexicon does not know them
    "Der Satelliteninternetdienst fiel aus, sagte der Präsidentensprecher des Landes.",
    "Die Aussage des ehemaligen Geheimdienstoffiziers wurde gestern geprüft.",
    # compounds that end in a participle or a plural noun that looks like a verb form
    "Die Krankenversicherte zahlte, die Tastendrücke wurden gezählt, das Standardverhalten blieb.",
    # a prefix verb after a line-end hyphen: one word
    "Die Zellen können den Stoff ab-\nsondern, sagte die Forscherin.",
    # brands in camel case whose parts stand alone
    "Er kaufte im KulturKaufhaus ein und fuhr mit dem FlixBus nach Hause.",
    "Die Tagung der VorDenker und der NachDenkSeiten fand in der Stadt statt.",
    # identifiers and paths
    "Die Option AllowTcpForwarding steht in /etc/ssh/sshd_config, siehe #EKDSynode und @DieStadtwerke.",
    # menus and tag lists run names together: not prose, left alone
    "Startseite\nWetterNaturschutzUmwelt\nKontakt",
    # a word that starts with a prefix
    "Die Vorlage versagt, wenn der Rat untersagt, dass der Bau weitergeht.",
    # a list of host names run together, and the end of a hyphenated compound that is a word
    "Links: example.atnews.atsport.at und mehr. Das Nord-Südgefälle wuchs, die E-Mailadresse blieb.",
    "Die Shell-Builtins der Kommandozeile sind in der Anleitung beschrieben.",
    # an acronym with an ending or before a noun or a suffix: one word
    "Die CDUler und die SPDler lasen die ARDmediathek, die Zahl der PKWs stieg EUweit.",
    # compounds headed by a noun that is also a bare verb stem (`kram`)
    "Er mag den Küchenkram nicht, sie sorgt für Ärger und Alltagskram im Büro.",
    # a list of tags is no prose, though it holds a few words in lower case
    "Schlagwörter\nAlpaka Cardigan Fair Fashion and Failure StrickmodeMila Kaschmir Mode Hamburg und Wolle\nTeilen\n",
    # a two-letter tail after a compound that ends in a word with it (`-team`)
    "Das Athletenteam und das Seglerteam trafen sich am Abend.",
]

HEADINGS = [
    # a heading or a link's title run into the text after it: the capital may open a sentence
    ("Lesetipp\nEinfacher TrickSo backst du Brot selbst\nMehr", "TrickSo"),
    ("Über uns\nUnser LeitbildWir helfen Menschen in Not.", "LeitbildWir"),
    ("Rezepte\nGesund kochenDiese Gerichte gelingen schnell", "kochenDiese"),
]

GENDER_FORMS = [
    "Die Vizepräsidentinnen trafen sich mit den Ministerinnen in der Stadt.",
    "Die Duisburgerin gewann den Lauf vor der Berlinerin.",
    "Die Blocker*innen und die Fahrer:innen standen an der Straße.",
    "Die Sportler_innen und die Trainer/innen reisten gemeinsam an.",
    "Die BürgerInnen und die LehrerIn sprachen mit der Podcasterin.",
    "Die Bassistinnen und die Genießerinnen kamen am Abend.",
]


# glue judged by lexical evidence: what the word-class model knows of the whole token and of its parts
LEXICAL_GLUED = [
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
        # a determiner, a numeral or a conjunction that opens a sentence, glued to a noun
        ("Der Kurs ist voll. VieleStudenten warten noch, AberPolens Gäste kommen erst im Mai.",
         "Viele Studenten warten", "glue.function_capital"),
        ("Das Amt prüft den Antrag. SeineFähigkeit zu helfen ist begrenzt.", "Seine Fähigkeit zu helfen",
         "glue.function_capital"),
        # an adjective before a German noun that is English too (`Union`, `Park`)
        ("Die Staaten der EuropäischenUnion stimmten am Montag zu.", "der Europäischen Union stimmten",
         "glue.word_capitalised"),
        # a noun of number, measure or time before a noun (two nouns are otherwise only flagged)
        ("Der Verein bekam fast drei MillionenDollar für den Neubau.", "drei Millionen Dollar für", "glue.word_capitalised"),
        ("Wir hatten nur drei TageUrlaub im Herbst.", "drei Tage Urlaub im", "glue.word_capitalised"),
        # a participle or an infinitive the word-class model knows, before an auxiliary or a modal
        ("Der Ausweis muss am Eingang vorgezeigtwerden, sonst gilt er nicht.", "vorgezeigt werden, sonst",
         "glue.word_word"),
        ("Er sagt, dass er die Insel bereisenmöchte und bald fährt.", "bereisen möchte und", "glue.word_word"),
        # an acronym glued to a common function word whose capital form is a rare noun too (`Oder`)
        ("Ob die CDUoder die SPD den Antrag stellt, ist noch offen.", "die CDU oder die SPD", "glue.acronym_lower"),
        # an article or a preposition that is a prefix too, glued to an inflected adjective
        ("Zum Turnier reisten viele Vereine mitnationalen Teams an.", "mit nationalen Teams", "glue.prefix_adjective"),
        ("Es war einneuer Anfang für die Stadt.", "ein neuer Anfang", "glue.prefix_adjective"),
        # a byline whose name was a link: `Von` opens no word, even on a line that is no prose
        ("VonMarlene Berger | 12. März 2024\nDer Stadtrat hat am Montag beschlossen, die Radwege auszubauen.",
         "Von Marlene Berger |", "glue.function_capital"),
        # a rarer noun the word-class model knows, before a name
        ("Im Gottesdienst begrüßte die Gemeinde PastorinHelga Brandt und ihre Familie.", "Pastorin Helga Brandt",
         "glue.word_capitalised"),
        # after an ordinal number a capitalised token is inside the sentence (`am 17. Februar`)
        ("Die Zahlen stiegen weiter. Am 3. Märzveröffentlichte das Amt die neuen Werte.",
         "3. März veröffentlichte das", "glue.noun_word"),
        # a common noun glued to a function word that is English too (`an`)
        ("Sie begann das Studiuman der Universität Leipzig im Herbst.", "das Studium an der",
         "glue.noun_word"),
        # a noun in `-ern` before an article: no verb, so no participle (`Kindernder`)
        ("Er dankte den Kindernder Schule für die Bilder.", "den Kindern der Schule", "glue.word_word"),
        # a word glued to a code that a digit or a hyphen goes on with, or to an acronym before
        # a function word (whose rest is judged again)
        ("Neu im Test ist die Bassgitarre IbanezSRMS625EX aus Japan.", "Ibanez SRMS625EX", "glue.word_acronym"),
        ("Heute läuft im ZeitTV-Programm ein alter Film.", "im Zeit TV-Programm", "glue.word_acronym"),
        ("Der AutozuliefererZFund andere Firmen melden Verluste.", "Autozulieferer ZF und andere", "glue.word_acronym"),
]

LEXICAL_KEPT = [
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
        # a prefix and an adjective that make a word, or a participle a separable prefix opens
        "Er war ein anständiger und aufrechter Mann, sagte ein einleitender Satz der Rede.",
        # a separable prefix before a verb form is one verb in a subordinate clause
        "Sie fragte, ob er zurückwollte, als der Plan bekanntwurde und er teilhatte.",
        # camel case after a word that opens brands and menus (`Alle`, `Mein`)
        "Wir fahren mit MeinFernbus und lesen AllePolitik auf dem Handy.",
        # a name that ends in a function word that is English too
        "Das Treffen mit Rahaan und Jordan fand gestern statt.",
        # present participles of verbs in `-ern`, `-eln` end in what looks like an article
        "Ein steuerndes Element fehlt noch, die zweifelnden Stimmen und die gliedernden Absätze bleiben.",
        # a noun in Swiss spelling (`ss` for `ß`) heads the compound, it is no verb form
        "Niemand ahnte, welches Unwetterausmass der Sturm erreicht.",
        # inside a sentence, a capitalised pair of function words is a name
        "Beim Lauf siegte gestern Mirja Lindqvist vor Anna Roth.",
        # an English word and an acronym make a name; a word before a bare acronym may be a bank
        "Er startet den OpenSSH-Client neu und lädt den OverlayFS-Treiber, die BayernLB zahlt.",
        # names of a word and an acronym before a hyphen (`protected.txt`)
        "Der BayernLB-Chef trat zurück, nach dem MotoGP-Rennen in Brünn.",
]


@pytest.mark.parametrize("text, fixed, rule", GLUED + LEXICAL_GLUED)
def test_glue_of_web_pages_is_split(text, fixed, rule):
    doc = clean(text)
    assert fixed in doc.clean
    assert rule in rules(doc)


@pytest.mark.parametrize("text", KEPT + LEXICAL_KEPT)
def test_words_that_look_glued_are_kept(text):
    doc = clean(text)
    assert not [e for e in doc.edits if "glue." in e.rule]


@pytest.mark.parametrize("text, token", HEADINGS)
def test_a_heading_run_into_the_text_is_flagged_not_split(text, token):
    doc = clean(text)
    assert doc.clean == text
    [flag] = [f for f in doc.flags if f.rule == "glue.uncertain"]
    assert flag.text == token and "[heading_end]" in flag.reason


def test_after_a_function_word_or_far_into_a_line_no_heading_ends():
    doc = clean("Wir sahen zuDie ganze Woche nichts.\nDer Bericht über den Umbau der alten Halle lag lange bei den "
                "Akten, bis die Stadt entschiedSie wird verkauft.")
    assert "zu Die ganze" in doc.clean and "entschied Sie wird" in doc.clean
    assert not [f for f in doc.flags if f.rule.startswith("glue.")]


@pytest.mark.parametrize("text", GENDER_FORMS)
def test_gender_forms_are_never_split(text):
    doc = clean(text)
    assert doc.clean == text
    assert not [f for f in doc.flags if f.rule.startswith("glue.")]


def test_every_rule_id_of_the_table_is_a_predicate_with_examples():
    from pipeline.clean.glue_rules import GLUE_RULES, predicate_of

    names = [name for name, _ in GLUE_RULES]
    assert len(names) == len(set(names))
    for name, predicate in GLUE_RULES:
        assert predicate.__name__ == name
        assert ">>> " in (predicate.__doc__ or ""), f"{name} needs doctest examples"
        assert predicate_of(f"glue.{name}") == f"pipeline.clean.glue_rules.{name}"
    assert predicate_of("chars.invisible") is None


def test_explain_names_the_predicate_that_decided():
    from tests.conftest import run_cli

    result = run_cli("clean", "--explain", "-", input="Die Stadtregierungstellt morgen den Plan vor.\n")
    assert result.returncode == 0, result.stderr
    [line] = [ln for ln in result.stdout.splitlines() if ln.startswith("edit")]
    assert "glue.noun_verb" in line and "decided by pipeline.clean.glue_rules.noun_verb" in line


def test_a_long_run_of_tag_links_is_judged_quickly():
    # every prefix of a token with many inner capitals may be asked about: each is decided once
    import time

    tags = "".join(["Bahn", "Baustelle", "Bildung", "Brand", "Diebstahl", "Drogen", "Einbruch", "Fahrrad",
                    "Feuerwehr", "Flughafen", "Fußball", "Impfung", "Kita", "Klima", "Polizei", "Raub",
                    "Schule", "Stadtrat", "Statistik", "Straßenbahn", "Streik", "Unfall", "Zoo"])
    start = time.process_time()
    clean(f"Die Stadt meldet heute viel, mehr dazu unter {tags} und weiteren Themen der Woche.")
    assert time.process_time() - start < 10  # before, such a token took minutes


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
