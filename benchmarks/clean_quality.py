"""Quality of the clean stage on real German sentences with injected artifacts.

Builds its own test set from ``../shared/data/gsd-test.de.txt`` and the German column of
``../shared/data/pud-de-en.tsv``: sentences grouped into documents of a few paragraphs. A
third of the documents stay untouched (they measure damage); every other document gets
each artifact class injected in turn (they measure repair). Tokens are compared after NFC
and white-space folding, so line layout does not count but every changed word does.

Glue comes in four classes: after a capitalised word (`glue_name`), before a function word
(`glue_function`), between any two words (`glue_any`), and between two ordinary words of any
class at the case pattern real pages show (`glue_content`: noun + verb, adjective + noun,
name + verb ...).

Prints, per class, the share of injected token errors fixed by the cleaner and by
``ftfy.fix_text`` (run side by side on the same documents), tokens damaged per 10,000
words on the untouched documents, and whether the cleaner changes anything at all in
``gsd-test.de.txt`` read as one file (it must not).

    python benchmarks/clean_quality.py [--data DIR] [--seed N] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.clean.cleaner import Cleaner  # noqa: E402
from pipeline.record import Document  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
WORD = regex.compile(r"\p{L}+")

# Chrome and promotions written for this benchmark (not taken from any site).
CHROME = [
    ["  1. Startseite", "  2. Wirtschaft"],
    ["1. Startseite", "2. Panorama", "3. Welt"],
    ["Die mobile Version verlassen"],
    ["Teilen | Twittern | Drucken"],
    ["Facebook WhatsApp E-Mail"],
    ["Lesen Sie auch: Warum die Mieten in Großstädten weiter steigen"],
    ["Auch interessant: Das sind die besten Wanderwege im Herbst"],
    ["Lesezeit: 4 Min."],
    ["3 Min. Lesezeit"],
    ["Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten."],
    ["Impressum | Datenschutz | Kontakt"],
    ["Abonnieren Sie unseren Newsletter und erhalten Sie die wichtigsten Meldungen des Tages "
     "direkt in Ihr Postfach. Klicken Sie hier, um sich anzumelden."],
    ["Alle Informationen zur Landtagswahl kompakt zusammengefasst!"],
    ["Stand: 14.05.2024, 08:12 Uhr"],
]
CREDITS = [
    " © Foto: dpa/Lena Beispiel",
    " Foto: picture alliance / Beispielagentur",
    " © IMAGO/Beispielbild",
    " Foto: dpa/Karl Muster | Foto rechts: privat",
]
TAGS = [" (dpa)", " (AFP)", " (abc)", " (kmr)", " (SID)"]
LIGATURES = {"fi": "\ufb01", "fl": "\ufb02", "ff": "\ufb00", "ffi": "\ufb03"}
INVISIBLE = ["\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff"]
# shares of the case patterns of the words around a lost space in realweb-dev/gold_glue.tsv
# (4,285 junctions of words of two letters or more: capitalised + capitalised 1,773, lower +
# capitalised 1,137, capitalised + lower 946, lower + lower 429), for glue_content
CASE_SHARES = {"UU": 1773, "lU": 1137, "Ul": 946, "ll": 429}
FUNCTION_WORDS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "in", "im", "am", "mit", "von",
                  "sind", "ist", "hat", "wird", "und", "auf", "für", "nach", "bei"}


# -- the test set -----------------------------------------------------------------


def load_sentences(data: Path) -> list[str]:
    gsd = [ln.strip() for ln in (data / "gsd-test.de.txt").read_text(encoding="utf-8").splitlines() if ln.strip()]
    with (data / "pud-de-en.tsv").open(encoding="utf-8", newline="") as f:
        pud = [row["de"].strip() for row in csv.DictReader(f, delimiter="\t") if row["de"].strip()]
    return gsd + pud


def extra_clean_sets(data: Path) -> dict[str, list[str]]:
    """Further clean German for the damage count: technical prose and a 1957 yearbook."""
    sets = {}
    debian = data / "debian-reference.de-en.tsv"
    if debian.exists():
        sets["debian-reference (de)"] = [ln.split("\t", 1)[0].strip() for ln in debian.read_text(encoding="utf-8").splitlines()
                                         if ln.split("\t", 1)[0].strip()]
    textberg = data / "textberg-dev" / "dev.de"
    if textberg.exists():
        sets["textberg dev.de"] = [ln.strip() for ln in textberg.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return sets


def build_documents(sentences: list[str], rng: random.Random) -> list[str]:
    """Consecutive sentences, 2-4 to a paragraph, 2-4 paragraphs to a document."""
    docs, i = [], 0
    while i < len(sentences):
        paras = []
        for _ in range(rng.randint(2, 4)):
            n = rng.randint(2, 4)
            if i >= len(sentences):
                break
            paras.append(" ".join(sentences[i : i + n]))
            i += n
        docs.append("\n\n".join(paras))
    return docs


# -- artifact classes: each takes a document and returns it with the artifact -------


def glue_name(doc: str, rng: random.Random) -> str:
    """Link text glued to the next word: a capitalised word (a name, an acronym) or the end of
    a link loses the space before the word after it."""
    spots = [m for m in regex.finditer(r"(?<=[\p{Ll},] )(\p{Lu}[\p{L}]*) (\p{L}+)", doc)]
    return _glue(doc, spots, rng)


def glue_function(doc: str, rng: random.Random) -> str:
    """A word glued to the function word after it (``Politischsind``, ``WSJDen``)."""
    spots = [m for m in regex.finditer(r"(?<![\p{L}\-])(\p{L}{4,}) (\p{L}+)(?!\p{L})", doc)
             if m.group(2).lower() in FUNCTION_WORDS]
    return _glue(doc, spots, rng)


def glue_any(doc: str, rng: random.Random) -> str:
    """Any two neighbouring words glued together."""
    spots = list(regex.finditer(r"(?<![\p{L}\-])(\p{L}+) (\p{L}+)(?!\p{L})", doc))
    return _glue(doc, spots, rng)


def glue_content(doc: str, rng: random.Random) -> str:
    """Two ordinary words glued, neither a function word: noun + verb, adjective + noun, name
    + verb, noun + noun, at the rates real pages lose such spaces. The case pattern of the
    pair (capitalised or not, left and right) is drawn with the shares of the lost spaces in
    ``realweb-dev/gold_glue.tsv`` (``CASE_SHARES``), then a spot with that pattern."""
    by_case: dict[str, list] = {}
    for m in regex.finditer(r"(?<![\p{L}\-])(\p{L}{3,}) (\p{L}{3,})(?![\p{L}\-])", doc):
        left, right = m.group(1), m.group(2)
        if left.lower() in FUNCTION_WORDS or right.lower() in FUNCTION_WORDS:
            continue
        case = ("U" if left[0].isupper() else "l") + ("U" if right[0].isupper() else "l")
        by_case.setdefault(case, []).append(m)
    if not by_case:
        return doc
    cases = [c for c in CASE_SHARES if c in by_case]
    chosen = []
    for _ in range(2):
        case = rng.choices(cases, weights=[CASE_SHARES[c] for c in cases])[0]
        chosen.append(rng.choice(by_case[case]))
    return _glue(doc, chosen, rng)


def _glue(doc: str, spots: list, rng: random.Random) -> str:
    if not spots:
        return doc
    chosen = sorted(rng.sample(spots, min(2, len(spots))), key=lambda m: m.start(), reverse=True)
    last = None
    for m in chosen:
        if last is not None and m.end() >= last:
            continue
        space = m.end(1)
        doc = doc[:space] + doc[space + 1 :]
        last = m.start()
    return doc


def chrome(doc: str, rng: random.Random) -> str:
    """Navigation, share bars, teasers and promotions as paragraphs between the text."""
    paras = doc.split("\n\n")
    for _ in range(2):
        at = rng.randint(0, len(paras))
        paras.insert(at, "\n".join(rng.choice(CHROME)))
    return "\n\n".join(paras)


def title_repeat(doc: str, rng: random.Random) -> tuple[str, str]:
    """A title at the top, repeated under it and further down over a picture caption with a
    credit. Expected: the title once, the caption as a paragraph of its own, no credit."""
    words = WORD.findall(doc)[:8]
    title = " ".join(words[:6]) + " – was jetzt zählt"
    caption = "Blick auf das Gebäude am Abend."
    paras = doc.split("\n\n")
    at = min(len(paras), 2)
    broken = paras[:at] + [title + "\n" + caption + rng.choice(CREDITS)] + paras[at:]
    expected = paras[:at] + [caption] + paras[at:]
    return (title + "\n\n" + title + "\n\n" + "\n\n".join(broken),
            title + "\n\n" + "\n\n".join(expected))


def credits(doc: str, rng: random.Random) -> str:
    """Photo credits after the last sentence of a paragraph or on a line of their own."""
    paras = doc.split("\n\n")
    i = rng.randrange(len(paras))
    paras[i] = paras[i] + rng.choice(CREDITS)
    paras.insert(rng.randint(0, len(paras)), rng.choice(CREDITS).strip())
    return "\n\n".join(paras)


def end_tag(doc: str, rng: random.Random) -> str:
    if not doc.rstrip().endswith((".", "!", "?", "“", '"')):
        return doc
    return doc.rstrip() + rng.choice(TAGS)


def hyphenate(doc: str, rng: random.Random, width: int = 64) -> str:
    """Hard-wrap every paragraph; long words at a line end are hyphenated across the break."""
    out = []
    for para in doc.split("\n\n"):
        lines, line = [], ""
        for word in para.split(" "):
            if line and len(line) + 1 + len(word) > width:
                room = width - len(line) - 2
                if len(word) >= 8 and room >= 4 and word.isalpha():
                    cut = rng.randint(3, min(room, len(word) - 3))
                    lines.append(line + " " + word[:cut] + "-")
                    line = word[cut:]
                    continue
                if "-" in word.strip("-") and rng.random() < 0.7:
                    head, tail = word.split("-", 1)
                    lines.append(line + " " + head + "-")
                    line = tail
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        out.append("\n".join(lines))
    return "\n\n".join(out)


def ligatures(doc: str, rng: random.Random) -> str:
    return regex.sub(r"ffi|fi|fl|ff", lambda m: LIGATURES[m.group()] if rng.random() < 0.7 else m.group(), doc)


def invisible(doc: str, rng: random.Random) -> str:
    def soft(m):
        w = m.group()
        if len(w) < 6 or rng.random() > 0.3:
            return w
        cut = rng.randint(2, len(w) - 2)
        return w[:cut] + rng.choice(INVISIBLE) + w[cut:]

    return regex.sub(r"\p{L}+", soft, doc)


def mojibake(doc: str, rng: random.Random) -> str:
    paras = doc.split("\n\n")
    i = rng.randrange(len(paras))
    paras[i] = paras[i].encode("utf-8").decode("cp1252", errors="ignore")
    return "\n\n".join(paras)


# an injector returns the broken document, or (broken, expected) where the expected clean
# text is not the original (a title or a caption that stays)
CLASSES: dict[str, Callable[[str, random.Random], str | tuple[str, str]]] = {
    "glue_name": glue_name,
    "glue_function": glue_function,
    "glue_any": glue_any,
    "glue_content": glue_content,
    "chrome": chrome,
    "title_repeat": title_repeat,
    "credits": credits,
    "end_tag": end_tag,
    "hyphenate": hyphenate,
    "ligatures": ligatures,
    "invisible": invisible,
    "mojibake": mojibake,
}


# -- scoring ----------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def token_errors(reference: str, text: str) -> int:
    a, b = tokens(reference), tokens(text)
    errors = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            errors += max(i2 - i1, j2 - j1)
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=0, help="print up to N unfixed or damaged cases per class")
    args = parser.parse_args(argv)
    if not (args.data / "gsd-test.de.txt").exists():
        print(f"no evaluation data in {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    import ftfy

    rng = random.Random(args.seed)
    cleaner = Cleaner()
    docs = build_documents(load_sentences(args.data), rng)
    control = docs[::3]
    pool = [d for i, d in enumerate(docs) if i % 3]
    words = sum(len(WORD.findall(d)) for d in control)
    print(f"{len(docs)} documents from {len(load_sentences(args.data))} sentences: "
          f"{len(control)} untouched ({words} words), {len(pool)} injected with each class")

    damage_clean = damage_ftfy = 0
    for d in control:
        out = cleaner(Document("c", d)).clean
        damage_clean += token_errors(d, out)
        damage_ftfy += token_errors(d, ftfy.fix_text(d))
        if args.show and token_errors(d, out):
            _show("damage", d, out)
    print(f"\n{'class':<15}{'injected':>9}{'cleaner fixed':>15}{'ftfy fixed':>12}")
    total_inj = total_left = 0
    for name, inject in CLASSES.items():
        inj = left_clean = left_ftfy = 0
        shown = 0
        for i, d in enumerate(pool):
            result = inject(d, random.Random(f"{args.seed}-{name}-{i}"))
            broken, expected = result if isinstance(result, tuple) else (result, d)
            e = token_errors(expected, broken)
            if not e:
                continue
            out = cleaner(Document(f"{name}-{i}", broken)).clean
            left = min(e, token_errors(expected, out))
            inj += e
            left_clean += left
            left_ftfy += min(e, token_errors(expected, ftfy.fix_text(broken)))
            if left and shown < args.show:
                shown += 1
                _show(name, expected, out)
        total_inj += inj
        total_left += left_clean
        print(f"{name:<15}{inj:>9}{_pct(inj, left_clean):>15}{_pct(inj, left_ftfy):>12}")
    print(f"{'all classes':<15}{total_inj:>9}{_pct(total_inj, total_left):>15}")
    print(f"\ntokens damaged per 10,000 words on untouched documents: cleaner "
          f"{1e4 * damage_clean / words:.2f}, ftfy.fix_text {1e4 * damage_ftfy / words:.2f}")

    for name, paragraphs in extra_clean_sets(args.data).items():
        text_words = sum(len(WORD.findall(p)) for p in paragraphs)
        damaged = 0
        for i in range(0, len(paragraphs), 10):
            d = "\n\n".join(paragraphs[i : i + 10])
            out = cleaner(Document(name, d)).clean
            damaged += token_errors(d, out)
            if args.show and token_errors(d, out):
                _show(name, d, out)
        print(f"tokens damaged per 10,000 words on {name} ({text_words} words, untouched): {1e4 * damaged / text_words:.2f}")

    seed_article_checks(args.data, cleaner)

    gsd = (args.data / "gsd-test.de.txt").read_text(encoding="utf-8")
    doc = cleaner(Document("gsd-test", gsd))
    verdict = "unchanged" if doc.clean == gsd and not doc.edits else f"CHANGED ({len(doc.edits)} edits)"
    print(f"gsd-test.de.txt as one file: {verdict}; {len(doc.flags)} flags for review")
    return 0


SEED = "000_10c273515bf542bd.txt"
SEED_GONE = ["WSJDen", "WSJIn", "Politischsind", "Die mobile Version verlassen", "Abonnieren Sie", "Klicken Sie hier",
             "© Foto", "IMAGO/ITAR-TASS", "(chnnn)", "1. Startseite", "2. Politik", "kompakt zusammengefasst"]
SEED_KEPT = ["Satelliteninternetdienst", "Präsidentensprecher", "Geheimdienstoffiziers", "Kreml-Machthaber",
             "Starlink-Dienste", "„äußerst heikel“", "WSJ Den", "WSJ In", "Politisch sind"]
SEED_FLAGGED = [("flag.lost_boundary", "Journal Der"), ("flag.stray_dash", "WSJ–")]


def seed_article_checks(data: Path, cleaner: Cleaner) -> None:
    """The targets on the real seed article: what must go, stay, be flagged, and the title once."""
    path = data / SEED
    if not path.exists():
        return
    raw = path.read_text(encoding="utf-8")
    doc = cleaner(Document(path.stem, raw))
    title = raw.splitlines()[0].strip()
    checks = [(f"gone: {s}", s not in doc.clean) for s in SEED_GONE]
    checks += [(f"kept: {s}", s in doc.clean) for s in SEED_KEPT]
    checks += [(f"flagged {rule}: {text}", any(f.rule == rule and f.text == text for f in doc.flags))
               for rule, text in SEED_FLAGGED]
    checks.append(("title once, as the title block", doc.clean.count(title) == 1 and doc.blocks[0].kind == "title"))
    checks.append(("caption block", any(b.kind == "caption" for b in doc.blocks)))
    checks.append(("tag in meta", doc.meta.get("tags") == ["chnnn"]))
    passed = sum(ok for _, ok in checks)
    print(f"\nseed article {SEED}: {passed}/{len(checks)} targets met")
    for name, ok in checks:
        if not ok:
            print(f"  MISSED {name}")


def _pct(injected: int, left: int) -> str:
    return f"{100 * (injected - left) / injected:.1f}%" if injected else "-"


def _show(label: str, reference: str, out: str) -> None:
    a, b = tokens(reference), tokens(out)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op != "equal":
            print(f"  [{label}] {' '.join(a[max(0, i1 - 2):i2 + 2])!r} -> {' '.join(b[max(0, j1 - 2):j2 + 2])!r}")


if __name__ == "__main__":
    sys.exit(main())
