"""Site chrome, promotions, titles, captions, credits, tags and dates, on articles written here."""

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits, rebuild_raw
from pipeline.record import Document

CLEANER = Cleaner()

TITLE = "Neue Brücke über die Weser – was Pendler jetzt wissen müssen"
ARTICLE = f"""{TITLE}

{TITLE}
  1. Startseite
  2. Lokales

Teilen | Twittern | Drucken

Lesezeit: 3 Min.

Bremen – Nach drei Jahren Bauzeit ist die neue Brücke fertig. Ab Montag dürfen Autos und Räder sie nutzen.

Lesen Sie auch: Warum die alte Brücke so lange hielt

Die Stadt rechnet mit weniger Staus im Berufsverkehr. Kritiker bemängeln die hohen Kosten.

{TITLE}
Die Brücke am Abend, kurz vor der Eröffnung. © Foto: dpa/Jana Beispiel | Foto rechts: IMAGO/Muster

Alle Informationen zur Verkehrswende kompakt zusammengefasst!

Abonnieren Sie unseren Newsletter und erhalten Sie die wichtigsten Nachrichten direkt in Ihr Postfach. Klicken Sie hier, um sich anzumelden.

Die Bauarbeiten an den Zufahrten dauern noch bis zum Sommer. (xyz)

Impressum | Datenschutz | Kontakt

Die mobile Version verlassen
"""


def clean(text: str) -> Document:
    doc = CLEANER(Document("t", text))
    assert apply_edits(doc.raw, doc.edits) == doc.clean
    assert rebuild_raw(doc.clean, doc.edits) == doc.raw
    return doc


def test_chrome_and_promotions_are_removed_and_kept_as_edits():
    doc = clean(ARTICLE)
    for gone in ["Startseite", "Twittern", "Lesezeit", "Lesen Sie auch", "kompakt zusammengefasst",
                 "Newsletter", "Impressum", "Die mobile Version verlassen", "(xyz)", "©", "IMAGO"]:
        assert gone not in doc.clean, gone
    removed = " ".join(e.before for e in doc.edits)
    for kept in ["2. Lokales", "Teilen | Twittern | Drucken", "Klicken Sie hier", "Die mobile Version verlassen"]:
        assert kept in removed
    rules = {r for e in doc.edits for r in e.rule.split("+")}
    assert {"chrome.breadcrumb", "chrome.share_bar", "chrome.reading_time", "promo.read_also",
            "promo.summary_teaser", "promo.newsletter", "chrome.imprint_links", "chrome.mobile_version",
            "structure.title_repeat", "credit.copyright", "tag.author"} <= rules


def test_the_title_stays_once_as_title_block_and_the_caption_gets_its_own_block():
    doc = clean(ARTICLE)
    assert doc.clean.count(TITLE) == 1
    assert doc.meta["title"] == TITLE
    kinds = [(b.kind, doc.clean[b.start : b.end]) for b in doc.blocks]
    assert kinds[0] == ("title", TITLE)
    assert ("caption", "Die Brücke am Abend, kurz vor der Eröffnung.") in kinds
    assert all(kind != "caption" for kind, text in kinds if "Bremen" in text)


def test_article_text_survives():
    doc = clean(ARTICLE)
    for kept in ["Bremen – Nach drei Jahren Bauzeit", "Die Stadt rechnet mit weniger Staus",
                 "Die Bauarbeiten an den Zufahrten dauern noch bis zum Sommer."]:
        assert kept in doc.clean


def test_tags_and_dates_go_to_meta():
    doc = clean("Stand: 14.05.2024, 08:12 Uhr\n\nDer Rat tagt am Abend.\n\nDie Sitzung ist öffentlich. (dpa)")
    assert doc.meta["date"] == "14.05.2024, 08:12 Uhr"
    assert doc.meta["tags"] == ["dpa"]
    assert doc.clean == "Der Rat tagt am Abend.\n\nDie Sitzung ist öffentlich."


def test_tags_and_dates_inside_sentences_stay():
    text = ("Die Deutsche Presse-Agentur (dpa) meldete es zuerst. Am 12.03.2024 tagt der Rat.\n\n"
            "Der Begriff (lat.) stammt aus dem Lateinischen. Die Abkürzung (abc) steht mitten im Satz.")
    doc = clean(text)
    assert doc.clean == text
    assert "tags" not in doc.meta and "date" not in doc.meta


def test_lower_case_tag_counts_only_at_the_end_of_the_article():
    text = "Der erste Absatz endet hier. (abc)\n\nDer zweite Absatz endet dort."
    assert clean(text).clean == text


def test_credit_lines_are_removed_and_labels_in_text_stay():
    doc = clean("Die Brücke bei Nacht.\nFoto: picture alliance / Beispiel\n\nFoto: Ein Blick zurück auf 1950")
    assert doc.clean == "Die Brücke bei Nacht.\n\nFoto: Ein Blick zurück auf 1950"
    assert [e.rule for e in doc.edits] == ["credit.photo_label"]


def test_a_single_title_is_not_removed():
    text = "Was bedeutet das für Pendler?\n\nDie Brücke ist fertig."
    doc = clean(text)
    assert doc.clean == text
    assert doc.blocks[0].kind == "title"


def test_sentences_that_look_like_chrome_stay():
    text = ("Wer die mobile Version verlassen will, tippt auf das Menü.\n\n"
            "Lesen Sie auch das Kleingedruckte, bevor Sie unterschreiben.\n\n"
            "Die Leser abonnieren Zeitungen seltener als früher.")
    assert clean(text).clean == text
