"""A small corpus of sites written for this project: chrome templates around German articles.

Each site wraps its articles in the same chrome (menu, cookie notice, share bar, newsletter
box, footer) and ends every page with a teaser block that quotes headlines of other
articles of the site, so a headline is the page's own text in one page and chrome in the
others. Some articles are published on several sites (syndicated): once unchanged, once with
small edits. :func:`build_corpus` renders the pages and says, for each, which lines are chrome,
which are article text, and which earlier page it repeats.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.testing.corpus import GERMAN

_OWN = [
    ("Neue Brücke über den Kanal soll im Frühjahr fertig werden", [
        "Die Bauarbeiten an der neuen Fußgängerbrücke über den Kanal liegen im Zeitplan.",
        "Nach Angaben des Tiefbauamts werden die letzten Stahlträger in der kommenden Woche eingesetzt.",
        "Anschließend folgen der Belag, das Geländer und die Beleuchtung für die Abendstunden.",
        "Rund vier Millionen Euro kostet das Projekt, die Hälfte davon trägt das Land.",
        "Anwohner hoffen, dass der Umweg über die alte Hafenstraße dann endlich entfällt.",
    ]),
    ("Imker melden ein gutes Honigjahr trotz kaltem Mai", [
        "Die Imker der Region blicken auf eine erfreuliche Saison zurück.",
        "Obwohl der Mai ungewöhnlich kalt war, sammelten die Bienen im Juni reichlich Nektar.",
        "Vor allem die Lindenblüte habe für volle Waben gesorgt, berichtet der Vorsitzende des Kreisverbands.",
        "Sorgen bereitet den Fachleuten dagegen die Varroamilbe, die sich in warmen Herbsten stark vermehrt.",
        "Der Verband bietet deshalb im Oktober einen Kurs zur schonenden Behandlung der Völker an.",
    ]),
    ("Stadtbibliothek verlängert ihre Öffnungszeiten am Abend", [
        "Ab dem ersten November hat die Stadtbibliothek an drei Abenden in der Woche bis zweiundzwanzig Uhr geöffnet.",
        "Möglich wird das durch ein neues Ausleihsystem, bei dem Leser ihre Medien selbst verbuchen.",
        "Das Personal bleibt trotzdem bis zwanzig Uhr für Fragen und Beratung im Haus.",
        "Besonders Studierende und Berufstätige hatten längere Öffnungszeiten gefordert.",
        "Die Leiterin rechnet mit deutlich mehr Besuchern in den Wintermonaten.",
    ]),
    ("Feuerwehr übt den Ernstfall im stillgelegten Kraftwerk", [
        "Mehr als achtzig Einsatzkräfte haben am Samstag auf dem Gelände des alten Kraftwerks geübt.",
        "Angenommen wurde ein Brand im Maschinenhaus mit mehreren vermissten Arbeitern.",
        "Atemschutztrupps durchsuchten die verrauchten Hallen, während Drehleitern das Dach sicherten.",
        "Der Kreisbrandmeister zeigte sich mit dem Ablauf zufrieden, wünscht sich aber schnellere Funkwege.",
        "Die Ergebnisse der Übung sollen in die neuen Alarmpläne des Landkreises einfließen.",
    ]),
    ("Wochenmarkt zieht für ein Jahr auf den Schulhof um", [
        "Weil der Marktplatz neu gepflastert wird, findet der Wochenmarkt bald auf dem Hof der Grundschule statt.",
        "Die Händler haben dem Umzug nach längerer Diskussion zugestimmt.",
        "Die Stadt stellt zusätzliche Parkplätze am Sportplatz zur Verfügung und richtet einen Pendelbus ein.",
        "Mittwochs und samstags bleibt es bei den gewohnten Zeiten von sieben bis dreizehn Uhr.",
        "Nach der Sanierung soll der Markt mit neuen Ständen und Wasseranschlüssen zurückkehren.",
    ]),
    ("Forscherinnen zählen seltene Fledermäuse im Stollen", [
        "In einem ehemaligen Bergwerksstollen haben Biologinnen mehr als dreihundert Fledermäuse gezählt.",
        "Darunter waren auch Exemplare der seltenen Mopsfledermaus, die in der Region als verschollen galt.",
        "Der Stollen bleibt im Winter verschlossen, damit die Tiere ungestört ihren Winterschlaf halten können.",
        "Die Zählung wird seit zwanzig Jahren von Ehrenamtlichen des Naturschutzbunds begleitet.",
        "Die Daten fließen in ein landesweites Programm zum Schutz der Quartiere ein.",
    ]),
    ("Handballerinnen gewinnen das Derby nach Verlängerung", [
        "Vor ausverkaufter Halle haben die Handballerinnen des TV Nordstadt das Derby knapp gewonnen.",
        "Nach sechzig Minuten stand es unentschieden, erst in der Verlängerung setzte sich die Heimmannschaft ab.",
        "Die Torhüterin hielt in den letzten Sekunden einen Siebenmeter und wurde von den Fans gefeiert.",
        "Der Trainer lobte die Moral seiner Mannschaft, kritisierte aber die vielen Fehlpässe.",
        "Mit dem Sieg rückt das Team auf den dritten Tabellenplatz vor.",
    ]),
    ("Kreis sucht Pflegefamilien für Kinder in Not", [
        "Das Jugendamt des Kreises sucht dringend Familien, die Kinder für eine Zeit bei sich aufnehmen.",
        "Derzeit warten zwölf Mädchen und Jungen auf einen Platz, einige von ihnen schon seit Monaten.",
        "Pflegeeltern werden vorbereitet, begleitet und erhalten eine monatliche Unterstützung.",
        "Gesucht werden ausdrücklich auch Alleinerziehende und Paare ohne eigene Kinder.",
        "Ein Informationsabend findet am Donnerstag im Kreishaus statt.",
    ]),
    ("Alte Mühle wird zum Dorfgemeinschaftshaus", [
        "Die seit Jahrzehnten leer stehende Wassermühle am Ortsrand bekommt eine neue Aufgabe.",
        "Ein Verein aus dem Dorf hat das Gebäude gekauft und will dort Räume für Feiern und Kurse schaffen.",
        "Das Mühlrad soll wieder laufen und einen Teil des Stroms für das Haus erzeugen.",
        "Für den Umbau rechnen die Mitglieder mit zwei Jahren Arbeit an den Wochenenden.",
        "Spenden und ein Zuschuss aus dem Dorferneuerungsprogramm sollen die Kosten decken.",
    ]),
]


def _own_articles() -> list[tuple[str, list[str]]]:
    """The articles above and six more cut from the vocabulary text, five sentences each."""
    shared = [line for line in GERMAN.splitlines() if line]
    titles = [
        "Radwege sollen bis 2030 deutlich wachsen", "Streit im Landtag über die Energieversorgung",
        "Gewitter und Schnee zum Wochenende erwartet", "Neues Verfahren reinigt Wasser günstiger",
        "Verein feiert hundert Jahre mit großem Fest", "Gespräche zwischen den Parteien stocken",
    ]
    extra = [(titles[i], shared[3 * i : 3 * i + 3] + shared[18 + 2 * i : 20 + 2 * i]) for i in range(6)]
    return _OWN + extra


@dataclass
class Site:
    host: str
    header: list[str]
    share: list[str]  # after the article
    footer: list[str]
    teaser_heading: str


SITES = [
    Site(
        "www.kreisbote-nord.de",
        ["Kreisbote Nord", "Startseite", "Lokales", "Sport", "Kultur", "E-Paper", "ABO",
         "Wir verwenden Cookies, um Ihnen ein besseres Nutzungserlebnis zu bieten.",
         "Alle akzeptieren | Einstellungen"],
        ["TEILEN TWITTERN TEILEN MAILEN", "Artikel drucken"],
        ["Newsletter: Die wichtigsten Nachrichten aus dem Kreis jeden Morgen in Ihrem Postfach.",
         "Jetzt kostenlos anmelden", "Impressum | Datenschutz | Kontakt | AGB",
         "© 2026 Kreisbote Nord Verlagsgesellschaft mbH"],
        "Mehr aus Lokales",
    ),
    Site(
        "tageblatt-sued.de",
        ["Menü", "Suche", "Anmelden", "Nachrichten Politik Wirtschaft Sport Region",
         "Diese Website nutzt Cookies. Mit der weiteren Nutzung stimmen Sie der Verwendung zu.",
         "OK"],
        ["Teilen auf Facebook", "Teilen auf WhatsApp", "Link kopieren"],
        ["Sie möchten keine Nachricht verpassen? Abonnieren Sie unseren täglichen Newsletter!",
         "Zur Anmeldung", "Über uns · Mediadaten · Impressum · Datenschutzerklärung",
         "Alle Rechte vorbehalten. Tageblatt Süd"],
        "Das könnte Sie auch interessieren",
    ),
    Site(
        "www.weserblick-online.de",
        ["weserblick online", "Home > Aktuelles", "Zum Inhalt springen",
         "Wir und unsere Partner speichern Informationen auf Ihrem Gerät und verarbeiten personenbezogene Daten.",
         "Zustimmen und weiter"],
        ["Beitrag teilen:", "Facebook · X · E-Mail"],
        ["Unterstützen Sie unabhängigen Lokaljournalismus mit einem Abo ab 4,99 Euro im Monat.",
         "Kontakt · Impressum · Datenschutz · Cookie-Einstellungen", "weserblick online 2026"],
        "Weitere Artikel",
    ),
]


@dataclass
class Page:
    id: str
    url: str
    text: str
    chrome: list[str]  # lines the cleaner must remove
    article: list[str]  # lines it must keep (title and sentences)
    duplicate_of: str | None = None
    near: bool = False


@dataclass
class SiteCorpus:
    pages: list[Page] = field(default_factory=list)

    def write_jsonl(self, path: Path) -> Path:
        with path.open("w", encoding="utf-8") as handle:
            for page in self.pages:
                handle.write(json.dumps({"id": page.id, "url": page.url, "text": page.text}, ensure_ascii=False) + "\n")
        return path


def _edit(sentences: list[str], rng: random.Random) -> list[str]:
    """A syndicated copy: one sentence reworded at its end, one word changed in another."""
    out = list(sentences)
    out[-1] = out[-1].rstrip(".") + ", hieß es am Abend."
    i = rng.randrange(len(out) - 1)
    words = out[i].split()
    j = rng.randrange(1, len(words))
    words[j] = {"die": "diese", "der": "dieser", "das": "dieses"}.get(words[j], words[j])
    out[i] = " ".join(words)
    return out


def render(site: Site, title: str, sentences: list[str], teasers: list[str]) -> tuple[str, list[str]]:
    """The page text and its chrome lines."""
    body = " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])
    teaser = [site.teaser_heading, *teasers]
    chrome = [*site.header, *site.share, *teaser, *site.footer]
    text = "\n".join(site.header) + "\n\n" + title + "\n\n" + body + "\n\n" + "\n".join(site.share) + "\n\n"
    text += "\n".join(teaser) + "\n\n" + "\n".join(site.footer) + "\n"
    return text, chrome


def build_corpus(seed: int = 7) -> SiteCorpus:
    """Three sites, five own articles each, and syndicated copies of two articles of the first
    site on the others (one unchanged, one edited): 19 pages."""
    rng = random.Random(seed)
    articles = _own_articles()
    corpus = SiteCorpus()
    own = {site.host: articles[5 * k : 5 * k + 5] for k, site in enumerate(SITES)}
    first_id: dict[str, str] = {}
    for k, site in enumerate(SITES):
        titles = [t for t, _ in own[site.host]]
        plan = [(t, s, None, False) for t, s in own[site.host]]
        if k:
            original = own[SITES[0].host]
            plan.append((original[0][0], original[0][1], first_id[original[0][0]], False))
            plan.append((original[1][0], _edit(original[1][1], rng), first_id[original[1][0]], True))
        for n, (title, sentences, dup, near) in enumerate(plan):
            # the teaser block quotes the site's three newest other headlines
            teasers = [t for t in titles if t != title][:3]
            text, chrome = render(site, title, sentences, teasers)
            page_id = f"{site.host.removeprefix('www.').split('.')[0]}-{n}"
            first_id.setdefault(title, page_id)
            article = [title, *sentences] if title not in teasers else [*sentences]
            corpus.pages.append(Page(page_id, f"https://{site.host}/artikel/{n}", text, chrome, article, dup, near))
    return corpus
