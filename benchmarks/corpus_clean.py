"""Corpus-level cleaning on real article text wrapped in site templates.

Builds a corpus from ``../shared/data/``: articles from ``pud-de-en.tsv`` (consecutive
documents joined, so an article has several paragraphs) and ``debian-reference.de-en.tsv``
(runs of paragraphs, with their short headings and list items), each published on one of
six sites whose chrome is written here: menus, cookie banners, share bars, newsletter boxes,
reading times, date and author lines, teaser blocks that quote the site's other headlines
(so a headline is content on its own page and chrome on the others), mid-article ads and
footers. Some articles are published again on other sites, with other chrome: unchanged, or
with small edits (words changed, a sentence added or dropped).

Prints, side by side on the same pages:

* chrome removal with the rule files alone and with the repetition rule added: recall over
  the repeated chrome lines (in at least K pages of their site) and over all chrome lines,
  precision over the removed lines, and article lines lost (title, paragraphs, headings);
* near-duplicate recall and precision against the planted copies, for the LSH settings of
  ``corrections/corpus.yaml`` and for 14 bands of 8 rows (the FineWeb setting);
* the first pass (read + line hashes + counts) in MB/s of JSONL input, and what each of its
  steps costs: reading alone, normalising, hashing the lines, counting them.

    python benchmarks/corpus_clean.py [--data DIR] [--seed N] [--pages-per-site N] [--speed-mb N] [--speed-texts DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.clean.cleaner import Cleaner  # noqa: E402
from pipeline.corpus.duplicates import DuplicateMarker  # noqa: E402
from pipeline.corpus.line_counts import count_documents, count_items, normalise_line  # noqa: E402
from pipeline.corpus.settings import load_corpus_settings  # noqa: E402
from pipeline.read import read_items  # noqa: E402
from pipeline.record import Document  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

# -- site templates, written for this benchmark -------------------------------------------

TOWNS = ["Altenbach", "Bergheim", "Dorfen", "Eichstadt", "Feldkirch", "Grünau", "Hainburg", "Kirchberg",
         "Lindau-Süd", "Mühlental", "Neustadt", "Oberweiler", "Rosenau", "Steinfeld", "Talheim", "Wiesental"]
AUTHORS = ["Von Anna Berger", "Von Jonas Keller", "Von Miriam Sommer", "Von Lukas Brandt", "Von Petra Hahn"]


@dataclass
class SiteTemplate:
    host: str
    header: list[str]
    before_title: list[str] = field(default_factory=list)  # breadcrumb, reading time
    meta_lines: bool = True  # date and author lines under the title
    mid: list[str] = field(default_factory=list)  # one of these between paragraphs
    after: list[str] = field(default_factory=list)  # share bar, newsletter
    teaser_heading: str | None = None
    footer: list[str] = field(default_factory=list)


SITES = [
    SiteTemplate(
        "www.nordkurier-beispiel.de",
        ["E-Paper", "ABO", "Anmelden", "Startseite", "Region", *TOWNS, "Politik", "Wirtschaft", "Sport", "Kultur",
         "Ratgeber", "Service", "Suche"],
        ["Startseite › Region › Lokales"],
        True,
        ["Anzeige", "Weiterlesen nach der Anzeige"],
        ["TEILEN TWITTERN TEILEN MAILEN",
         "Newsletter: Die wichtigsten Nachrichten aus der Region jeden Morgen kostenlos per E-Mail.",
         "Jetzt anmelden"],
        "Mehr aus der Region",
        ["Impressum", "Datenschutz", "AGB", "Kontakt", "Mediadaten", "Cookie-Einstellungen",
         "© Nordkurier Beispiel Mediengruppe GmbH & Co. KG"],
    ),
    SiteTemplate(
        "tagesblick-online.de",
        ["Menü", "Nachrichten", "Deutschland", "Welt", "Wirtschaft", "Wissen", "Digital", "Reise",
         "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren und die Nutzung unserer "
         "Website zu analysieren.", "Alle akzeptieren", "Nur notwendige Cookies", "Einstellungen anpassen"],
        ["Lesezeit: 4 Min."],
        True,
        ["Lesen Sie auch:", "Mehr zum Thema"],
        ["Artikel teilen", "Facebook", "X", "WhatsApp", "E-Mail", "Link kopieren", "0 Kommentare"],
        "Das könnte Sie auch interessieren",
        ["Über uns", "Jobs", "Werben", "Impressum", "Datenschutzerklärung", "Nutzungsbedingungen",
         "Alle Rechte vorbehalten. Vervielfältigung nur mit Genehmigung."],
    ),
    SiteTemplate(
        "www.rheinland-echo.de",
        ["Zum Inhalt springen", "rheinland echo", "Lokalnachrichten aus dem Rheinland", "Home", "Aktuelles",
         "Veranstaltungen", "Vereine", "Kleinanzeigen", "Kontakt"],
        [],
        False,
        [],
        ["Beitrag teilen:", "Facebook · Twitter · Pinterest · E-Mail",
         "Unterstützen Sie unabhängigen Lokaljournalismus: Mit einem Digital-Abo ab 2,99 Euro im Monat lesen Sie "
         "alle Artikel ohne Werbung.", "Jetzt Abo abschließen"],
        "Weitere Beiträge",
        ["Kategorien", "Lokales", "Sport", "Kultur", "Schlagwörter", "Archiv", "Impressum · Datenschutz",
         "rheinland echo 2024 – Alle Rechte vorbehalten"],
    ),
    SiteTemplate(
        "technik-wissen.example.org",
        ["technik-wissen.org", "Anleitungen", "Tests", "Forum", "Glossar", "Login",
         "Diese Seite verwendet Cookies. Wenn Sie weitersurfen, stimmen Sie der Cookie-Nutzung zu.", "OK",
         "Mehr erfahren"],
        ["Sie sind hier: Start / Anleitungen / Linux"],
        False,
        ["Werbung"],
        ["War dieser Artikel hilfreich?", "Ja", "Nein", "Drucken", "Als PDF speichern"],
        "Ähnliche Artikel",
        ["Über technik-wissen.org", "Autoren", "Spenden", "Impressum", "Datenschutz",
         "Inhalte lizenziert unter CC BY-SA 4.0, sofern nicht anders angegeben."],
    ),
    SiteTemplate(
        "www.suedost-rundschau.de",
        ["Abonnieren", "Suedost Rundschau", "Politik", "Lokales", "Sport", "Leben", "Meinung", "Podcasts",
         "Wetter: 14°C leicht bewölkt"],
        ["Aktualisiert: 12.03.2024, 08:15 Uhr"],
        True,
        ["ANZEIGE", "Abonnieren Sie unseren WhatsApp-Kanal und verpassen Sie keine Eilmeldung mehr!"],
        ["Haben Sie einen Fehler entdeckt? Schreiben Sie uns.", "Teilen", "Merken", "Drucken"],
        "Empfehlungen der Redaktion",
        ["Verlag", "Redaktion", "Leserservice", "Barrierefreiheit", "Impressum", "Datenschutz", "Cookies verwalten",
         "© Suedost Rundschau Verlag 2024"],
    ),
    SiteTemplate(
        "blog.kuestenwandern.de",
        ["Küstenwandern", "Ein Blog über Wege, Wetter und Menschen am Meer", "Start", "Touren", "Ausrüstung",
         "Über mich"],
        [],
        True,
        [],
        ["Gefällt mir:", "Gefällt mir Wird geladen …", "Ähnliche Beiträge",
         "Kommentar verfassen", "Deine Adresse bleibt privat, Pflichtfelder tragen einen Stern.",
         "Kommentar absenden", "Benachrichtige mich über nachfolgende Kommentare via E-Mail."],
        "Neueste Beiträge",
        ["Kategorien", "Touren", "Ausrüstung", "Archiv", "Bloggen auf WordPress.com.", "Datenschutz & Cookies"],
    ),
]

# -- articles from the evaluation data ---------------------------------------------------


def _title(sentence: str) -> str:
    words = sentence.replace("„", "").replace("“", "").split()
    return " ".join(words[:8]).rstrip(",.;:")


def load_articles(data: Path) -> list[list[str]]:
    """Articles as lists of lines: a title, then paragraphs (and, for the manual, its headings)."""
    articles = []
    docs: dict[str, list[str]] = defaultdict(list)
    with (data / "pud-de-en.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            docs[row["doc_id"]].append(row["de"])
    groups = list(docs.values())
    for i in range(0, len(groups) - 2, 3):  # three documents make one article of three paragraphs
        paragraphs = [" ".join(g) for g in groups[i : i + 3]]
        articles.append([_title(paragraphs[0]), *paragraphs])
    paragraphs = [line.split("\t")[0] for line in (data / "debian-reference.de-en.tsv").read_text(encoding="utf-8").splitlines()]
    for i in range(0, len(paragraphs) - 8, 8):
        chunk = [p for p in paragraphs[i : i + 8] if p.strip()]
        long = next((p for p in chunk if len(p.split()) >= 6), chunk[0])
        title = _title(long)
        articles.append([title, *(p for p in chunk if p.rstrip(".") != title)])
    return articles


# -- the corpus --------------------------------------------------------------------------


@dataclass
class Page:
    id: str
    url: str
    lines: list[tuple[str, bool]]  # (line, is chrome); blank lines are layout
    story: int

    @property
    def text(self) -> str:
        return "\n".join(line for line, _ in self.lines) + "\n"


def _render(site: SiteTemplate, article: list[str], teasers: list[str], rng: random.Random) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = [(line, True) for line in site.header]
    out += [("", False), *((line, True) for line in site.before_title)]
    out += [(article[0], False)]
    if site.meta_lines:
        out += [(f"Veröffentlicht am {rng.randint(1, 28)}.{rng.randint(1, 12)}.2024, {rng.randint(6, 22)}:{rng.randint(10, 59)} Uhr", True),
                (rng.choice(AUTHORS), True)]
    paragraphs = article[1:]
    mid_at = rng.randrange(1, len(paragraphs)) if site.mid and len(paragraphs) > 1 else -1
    for n, paragraph in enumerate(paragraphs):
        if n == mid_at:
            out += [("", False), (rng.choice(site.mid), True)]
        out += [("", False), (paragraph, False)]
    out += [("", False), *((line, True) for line in site.after)]
    if site.teaser_heading:
        out += [("", False), (site.teaser_heading, True), *((t, True) for t in teasers)]
    out += [("", False), *((line, True) for line in site.footer)]
    return out


def _edit(article: list[str], rng: random.Random) -> list[str]:
    """Small edits of a syndicated copy: words changed, a sentence added or the last paragraph dropped."""
    out = list(article)
    for _ in range(rng.randint(1, 3)):
        n = rng.randrange(1, len(out))
        words = out[n].split()
        if len(words) > 3:
            words[rng.randrange(len(words))] = rng.choice(["jedoch", "bereits", "offenbar", "demnach", "zudem"])
            out[n] = " ".join(words)
    if rng.random() < 0.5:
        out[-1] = out[-1] + " Das teilte eine Sprecherin am Abend mit."
    elif len(out) > 5:  # a long article loses its last paragraph
        out = out[:-1]
    return out


@dataclass
class Corpus:
    pages: list[Page]
    copies: list[tuple[str, str]]  # (copy id, original id)


def build_corpus(articles: list[list[str]], pages_per_site: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    rng.shuffle(articles)
    pages: list[Page] = []
    by_site: dict[str, list[int]] = {}
    cursor = 0
    for k, site in enumerate(SITES):
        stories = list(range(cursor, cursor + pages_per_site))
        cursor += pages_per_site
        by_site[site.host] = stories
        featured = [articles[s][0] for s in stories[:8]]  # the headlines the teaser blocks quote
        for n, story in enumerate(stories):
            teasers = rng.sample([t for t in featured if t != articles[story][0]], 4)
            lines = _render(site, articles[story], teasers, rng)
            pages.append(Page(f"s{k}-{n}", f"https://{site.host}/artikel/{n}", lines, story))
    # syndicated copies on other sites, with their chrome: a fifth unchanged, the rest edited
    copies = []
    originals = [p for p in pages]
    for c in range(len(originals) // 4):
        original = rng.choice(originals)
        k = rng.choice([i for i, s in enumerate(SITES) if not original.url.startswith(f"https://{s.host}/")])
        site = SITES[k]
        featured = [articles[s][0] for s in by_site[site.host][:8]]
        article = articles[original.story] if c % 5 == 0 else _edit(articles[original.story], rng)
        page_id = f"s{k}-copy{c}"
        pages.append(Page(page_id, f"https://{site.host}/agentur/{c}", _render(site, article, rng.sample(featured, 4), rng), original.story))
        copies.append((page_id, original.id))
    # follow-up articles that quote one paragraph of an earlier one: not copies
    spare = cursor
    for c in range(len(originals) // 10):
        original = rng.choice(originals)
        quoted = rng.choice(articles[original.story][1:])
        fresh = articles[spare + c]
        article = [fresh[0], *fresh[1:3], quoted, *fresh[3:5]]
        k = rng.randrange(len(SITES))
        featured = [articles[s][0] for s in by_site[SITES[k].host][:8]]
        lines = _render(SITES[k], article, rng.sample(featured, 4), rng)
        pages.append(Page(f"s{k}-followup{c}", f"https://{SITES[k].host}/folge/{c}", lines, spare + c))
    rng.shuffle(pages)
    return Corpus(pages, copies)


# -- measuring ---------------------------------------------------------------------------


def _deleted_mask(doc: Document) -> bytearray:
    mask = bytearray(len(doc.raw))
    for edit in doc.edits:
        if not edit.after.strip():
            mask[edit.start : edit.end] = b"\1" * (edit.end - edit.start)
    return mask


def _removed(line_start: int, line: str, mask: bytearray) -> float:
    chars = [i for i, ch in enumerate(line) if not ch.isspace()]
    return sum(mask[line_start + i] for i in chars) / len(chars) if chars else 0.0


def chrome_scores(pages: list[Page], docs: list[Document], k: int) -> dict:
    counts: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for page in pages:
        host = page.url.split("/")[2]
        for line, _ in page.lines:
            if line.strip():
                counts[host][normalise_line(line)].add(page.id)
    stats = dict.fromkeys(("chrome", "chrome_removed", "repeated", "repeated_removed", "removed", "content",
                           "content_lost"), 0)
    lost_examples = []
    for page, doc in zip(pages, docs):
        host = page.url.split("/")[2]
        mask = _deleted_mask(doc)
        pos = 0
        for line, chrome in page.lines:
            if line.strip():
                gone = _removed(pos, line, mask) >= 0.9
                stats["removed"] += gone
                if chrome:
                    repeated = len(counts[host][normalise_line(line)]) >= k
                    stats["chrome"] += 1
                    stats["chrome_removed"] += gone
                    stats["repeated"] += repeated
                    stats["repeated_removed"] += gone and repeated
                else:
                    stats["content"] += 1
                    if _removed(pos, line, mask) >= 0.5:
                        stats["content_lost"] += 1
                        lost_examples.append((page.id, line[:80]))
            pos += len(line) + 1
    stats["chrome_removed_precision"] = (stats["chrome_removed"] / stats["removed"]) if stats["removed"] else 1.0
    stats["lost_examples"] = lost_examples
    return stats


def duplicate_scores(corpus: Corpus, docs: list[Document], settings) -> dict:
    story = {p.id: p.story for p in corpus.pages}
    marker = DuplicateMarker(settings)
    clock = time.perf_counter()
    marked = {}
    for doc in docs:
        probe = Document(doc.id, doc.raw, meta={}, clean=doc.clean)
        marker(probe)
        if probe.meta.get("duplicate_of"):
            marked[doc.id] = probe.meta["duplicate_of"]
    seconds = time.perf_counter() - clock
    correct = sum(story[a] == story[b] for a, b in marked.items())
    found = 0
    for copy, original in corpus.copies:
        if (copy in marked and story[marked[copy]] == story[copy]) or (original in marked and story[marked[original]] == story[original]):
            found += 1
    return {"marked": len(marked), "correct": correct, "precision": correct / len(marked) if marked else 1.0,
            "recall": found / len(corpus.copies), "found": found, "ms_per_doc": 1000 * seconds / len(docs)}


FIRST_PASS = "first pass (+ counting)"
ONE_BY_ONE = "counted one by one"


def first_pass_speed(pages: list[Page], megabytes: float) -> tuple[float, dict[str, float]]:
    """MB/s of JSONL input for the first pass and for its steps alone, each step adding to the
    one before: reading; reading and normalising every text; reading and hashing its lines
    (normalising included); the whole pass (reading, hashing, counting per source), and the
    whole pass with each document's hashes added to ``Counter``s as it comes, as it was
    counted before (hashes are now gathered per source and added in bulk)."""
    import json

    from pipeline.corpus.line_counts import LineCounts, _normalised_bytes, document_line_hashes, source_of

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        size = 0
        with path.open("w", encoding="utf-8") as handle:
            n = 0
            while size < megabytes * 1e6:
                for page in pages:
                    line = json.dumps({"id": f"{page.id}-{n}", "url": page.url, "text": page.text}, ensure_ascii=False) + "\n"
                    handle.write(line)
                    size += len(line.encode("utf-8"))
                n += 1

        def each(step):
            for item in read_items([path]):
                if isinstance(item, Document):
                    step(item.raw)

        def counted_one_by_one():  # each document's hashes added to the counts as it comes
            counts = LineCounts("url")
            for item in read_items([path]):
                if isinstance(item, Document):
                    counts.add(source_of(item.meta, "url"), document_line_hashes(item.raw))

        steps = {
            "reading": lambda: each(len),
            "reading + normalising": lambda: each(_normalised_bytes),
            "reading + line hashes": lambda: each(document_line_hashes),
            FIRST_PASS: lambda: count_items(read_items([path]), "url"),
            ONE_BY_ONE: counted_one_by_one,
        }
        seconds: dict[str, list[float]] = defaultdict(list)
        for _ in range(3):  # alternate, best of three: the load of the machine changes meanwhile
            for name, step in steps.items():
                clock = time.perf_counter()
                step()
                seconds[name].append(time.perf_counter() - clock)
    return size / 1e6, {name: size / 1e6 / min(times) for name, times in seconds.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--pages-per-site", type=int, default=40)
    parser.add_argument("--speed-mb", type=float, default=50.0, help="size of the JSONL input timed for the first pass")
    parser.add_argument("--speed-texts", type=Path, metavar="DIR",
                        help="time the first pass over these pages instead (each file a page, on 20 sites), "
                        "e.g. ../shared/data/realweb-dev/naive")
    parser.add_argument("--show", type=int, default=5, help="article lines lost to show")
    args = parser.parse_args()
    if not (args.data / "pud-de-en.tsv").exists():
        print(f"{args.data}: evaluation data not found; pass --data", file=sys.stderr)
        return 2
    corpus = build_corpus(load_articles(args.data), args.pages_per_site, args.seed)
    settings = load_corpus_settings()
    print(f"{len(corpus.pages)} pages on {len(SITES)} sites, {len(corpus.copies)} planted copies "
          f"(machine shared with other jobs: timings are noisy, compare ratios)")
    raw_docs = [Document(p.id, p.text, {"url": p.url}) for p in corpus.pages]
    counts = count_documents(raw_docs, "url")
    results = {}
    for name, cleaner in (("rule files only", Cleaner()), ("with repetition", Cleaner(line_counts=counts))):
        clock = time.perf_counter()
        docs = [cleaner(Document(d.id, d.raw, dict(d.meta))) for d in raw_docs]
        seconds = time.perf_counter() - clock
        results[name] = (docs, chrome_scores(corpus.pages, docs, settings.repeated_lines.min_documents), seconds)
    print("\nchrome removal             repeated chrome  all chrome  precision  article lines lost  unsure flags  ms/page")
    for name, (docs, s, seconds) in results.items():
        unsure = sum(f.rule == "chrome.repeated_unsure" for d in docs for f in d.flags)
        print(f"  {name:24} {s['repeated_removed'] / s['repeated']:15.1%} {s['chrome_removed'] / s['chrome']:11.1%} "
              f"{s['chrome_removed_precision']:10.1%} {s['content_lost']:7d} of {s['content']:<8d} {unsure:10d} "
              f"{1000 * seconds / len(docs):8.1f}")
    for name, (_, s, _) in results.items():
        for page_id, line in s["lost_examples"][: args.show]:
            print(f"    lost ({name}): {page_id}: {line}")
    docs = results["with repetition"][0]
    followups = sum("followup" in p.id for p in corpus.pages)
    print(f"\nnear-duplicates after cleaning ({followups} follow-ups quote a paragraph: not copies)"
          f"\n  {'':56} marked  precision  recall  ms/doc")
    ours = settings.duplicates
    variants = [(f"corpus.yaml: {ours.num_perm} hashes, {ours.bands} x {ours.num_perm // ours.bands}, threshold {ours.threshold}", ours)]
    for perm, bands, threshold in ((112, 14, 0.7), (112, 28, 0.7), (112, 28, 0.6), (120, 40, 0.6), (120, 40, 0.5)):
        if (perm, bands, threshold) != (ours.num_perm, ours.bands, ours.threshold):
            variants.append((f"{perm} hashes, {bands} bands x {perm // bands} rows, threshold {threshold}",
                             replace(ours, num_perm=perm, bands=bands, threshold=threshold)))
    for name, variant in variants:
        d = duplicate_scores(corpus, docs, variant)
        print(f"  {name:56} {d['marked']:6d} {d['precision']:10.1%} {d['recall']:7.1%} {d['ms_per_doc']:7.2f}")
    speed_pages = corpus.pages
    if args.speed_texts:
        files = sorted(p for p in args.speed_texts.iterdir() if p.is_file())
        speed_pages = [Page(p.stem, f"https://site{k % 20}.de/{p.stem}", [(line, False) for line in
                            p.read_text(encoding="utf-8", errors="replace").split("\n")], k) for k, p in enumerate(files)]
        print(f"\nfirst pass timed on {len(files)} pages of {args.speed_texts}")
    size, rates = first_pass_speed(speed_pages, args.speed_mb)
    whole = rates[FIRST_PASS]
    print(f"\nfirst pass over {size:.0f} MB of JSONL (best of 3, alternating): {whole:.0f} MB/s, "
          f"{rates['reading'] / whole:.2f}x the time of reading alone")
    before = 0.0
    for name, rate in rates.items():
        if name == ONE_BY_ONE:
            print(f"  {'the same, ' + name:26} {rate:6.1f} MB/s   (hashes added per document: {whole / rate:.2f}x slower)")
            continue
        share = 1 / rate - before  # seconds a MB this step adds
        before = 1 / rate
        print(f"  {name:26} {rate:6.1f} MB/s   the step adds {share * whole:6.1%} of the pass's time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
