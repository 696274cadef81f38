"""Chrome that any site carries, removed by the rules of corrections/boilerplate.yaml: comment
forms, headings of article lists, newsletter boxes, share and rating prompts, licence lines;
the article around it stays."""

import pytest

from pipeline.clean.boilerplate import folded
from pipeline.clean.cleaner import Cleaner
from pipeline.record import Document

CLEANER = Cleaner()
ARTICLE = [
    "Neue Radwege für die Innenstadt",
    "Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt bis zum Herbst zu verbreitern.",
    "Die Arbeiten sollen im April beginnen und werden nach Angaben der Verwaltung rund zwei Millionen Euro kosten.",
    "Ihre E-Mail-Adresse wird bei der Anmeldung zur Bürgerversammlung nicht weitergegeben, versprach die Stadt.",
    "Mehr aus der Region kam am Abend nicht, sagte der Sprecher des Rathauses.",
]
CHROME = [
    "Willst du den Artikel teilen?",
    "Wie bewerten Sie den Artikel?",
    "Dieser Beitrag wurde veröffentlicht in Verkehr, Stadt und gekennzeichnet mit Radweg von Anna.",
    "3 Gedanken zu „Neue Radwege für die Innenstadt“",
    "Hinterlasse eine Antwort Antwort abbrechen",
    "Deine E-Mail-Adresse wird nicht veröffentlicht. Benötigte Felder sind mit * markiert",
    "Meinen Namen, E-Mail-Adresse und Website in diesem Browser speichern, bis ich wieder kommentiere",
    "Diese Website verwendet Akismet, um Spam zu reduzieren. Hier steht, was mit deinem Kommentar geschieht.",
    "\u00a0\u00a0Meistgelesene\u00a0Artikel",  # no-break spaces, as scraped pages have them
    "Das könnte euch auch interessieren!",
    "« Vorheriger Beitrag",
    "Abonniere unseren Newsletter und erfahre alles rund um Verkehr und Stadtplanung.",
    "Dieses Blog steht unter einer Creative Commons Namensnennung 4.0 Lizenz.",
    "© 2024 Beispielzeitung. Alle Rechte vorbehalten.",
]


def test_chrome_of_any_site_goes_and_the_article_stays():
    doc = CLEANER(Document("seite", "\n".join(ARTICLE + CHROME) + "\n"))
    lines = doc.clean.splitlines()
    for line in ARTICLE:
        assert line in lines
    for line in CHROME:
        assert folded(line) not in [folded(x) for x in lines], line
    removed = {e.rule for e in doc.edits if e.after == ""}
    assert {"chrome.comment_form", "promo.list_heading", "chrome.share_question", "chrome.license"} <= removed


@pytest.mark.parametrize("line", ["\u00a0Kommentierte\u00a0Artikel", "Meist  gelesen\t", "\u2009Related Posts"])
def test_a_rule_matches_a_line_whatever_its_white_space(line):
    text = "\n".join([ARTICLE[1], line, ARTICLE[2]]) + "\n"
    doc = CLEANER(Document("leer", text))
    assert doc.clean.splitlines() == [ARTICLE[1], ARTICLE[2]]
    assert [e.rule for e in doc.edits if e.after == ""] == ["promo.list_heading"]
