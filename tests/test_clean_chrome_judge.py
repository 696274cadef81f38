"""The chrome judge: site chrome in plain text removed or flagged, prose and headings kept."""

import dataclasses
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.chrome_features import lexicon_scores, lexicon_terms
from pipeline.clean.chrome_judge import FLAG_RULE, LEXICON_FILE, REMOVE_RULE, ChromeJudgePass, load_chrome_model
from pipeline.clean.cleaner import Cleaner, default_passes
from pipeline.clean.edits import EditLog
from pipeline.clean.passes import PassContext
from pipeline.record import Document
from pipeline.rules import RuleFileError, corrections_dir

MODEL = load_chrome_model(corrections_dir() / "chrome_judge.yaml")
CLEANER = Cleaner()
# the default passes with a judge that judges texts of any length, for short fixtures
EVERY_TEXT = Cleaner([ChromeJudgePass(dataclasses.replace(p.model, min_lines=1), p.leave)
                      if isinstance(p, ChromeJudgePass) else p for p in default_passes()])

MENU = ["E-Paper", "Abo", "Startseite", "Lokales", "Nordstadt", "Südstadt", "Am Hafen", "Oberdorf", "Sport",
        "Kultur", "Wirtschaft", "Ratgeber", "Veranstaltungen", "Service", "Anzeigen", "Suche"]
HEADING = "Neue Radwege für die Innenstadt"
PROSE = [
    "Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt bis zum Herbst zu verbreitern.",
    "Die Arbeiten sollen im April beginnen und werden nach Angaben der Verwaltung rund zwei Millionen Euro kosten.",
    "„Wir wollen, dass die Menschen sicher mit dem Rad zur Arbeit kommen“, sagte die Bürgermeisterin.",
    "Kritik kam von den Händlern in der Fußgängerzone, die um ihre Parkplätze fürchten.",
    "Ja.",
    "Im Mai soll es eine Bürgerversammlung geben, zu der alle Anwohner eingeladen sind.",
]
FOOTER = ["Mehr aus der Region", "Kommentare", "Weitere Artikel", "Kontakt", "Impressum", "Datenschutz", "AGB",
          "Mediadaten", "Newsletter", "Facebook", "Instagram", "© 2024 Beispielzeitung"]
PAGE = "\n".join([*MENU, HEADING, *PROSE, *FOOTER]) + "\n"


def removed_rules(doc):
    return {e.rule for e in doc.edits if e.after == ""}


def test_menu_and_footer_runs_go_and_article_stays():
    doc = CLEANER(Document("seite", PAGE))
    for line in [HEADING, *PROSE]:
        assert line in doc.clean
    gone = [line for line in MENU + FOOTER if line not in doc.clean.splitlines()]
    flagged = {f.text for f in doc.flags if f.rule == FLAG_RULE}
    assert len(gone) >= 0.5 * len(MENU + FOOTER)
    assert all(line in gone or line in flagged for line in MENU)  # what stays of the menu is flagged
    assert REMOVE_RULE in removed_rules(doc)
    judged = [e for e in doc.edits if e.rule == REMOVE_RULE]
    assert all(e.before.strip() and e.after == "" for e in judged)  # removed text stays in the record


@pytest.mark.parametrize("text", [
    # a heading standing alone before prose, and short sentences
    "Ein Fest am Fluss\n\nAnwohner feierten am Samstag die Eröffnung der neuen Brücke mit Musik und einem Markt.\n\n"
    "Es regnete. Trotzdem kamen viele.",
    # a list inside prose
    "Für den Kuchen braucht man nur wenige Zutaten, die in jedem Laden zu finden sind:\n"
    "- 200 g Mehl\n- 100 g Zucker\n- drei Eier\n"
    "Alles wird verrührt und eine halbe Stunde gebacken, bis der Teig goldbraun ist.",
    # quotes and a question
    "„Wir sind bereit“, sagte die Trainerin nach dem Spiel.\n\nWarum dauerte es so lange?\n\n"
    "Die Antwort kam erst am nächsten Morgen von der Vereinsführung.",
    # a hard-wrapped paragraph whose last line is one word
    "Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, dass die neuen Radwege\n"
    "in der Innenstadt bis zum Herbst fertig sein sollen, wie die Verwaltung mitteilte, und\n"
    "dass die Kosten von zwei Millionen Euro aus dem Haushalt des kommenden Jahres bezahlt\n"
    "werden.\n\nDie Händler sind skeptisch.\n\nImpressum\nKontakt\nDatenschutz\nAGB\nNewsletter\nSuche",
    # one sentence a line, as a corpus holds them
    "Das Essen war gut.\nDer Service war freundlich und schnell.\nWir kommen wieder!\nSehr empfehlenswert.\n"
    "Die Preise sind in Ordnung, aber die Parkplätze sind knapp.",
])
def test_prose_headings_lists_and_quotes_stay(text):
    doc = EVERY_TEXT(Document("prosa", text))
    assert not [e for e in doc.edits if e.rule == REMOVE_RULE and "Impressum" not in e.before]
    for word in ("Kuchen", "Mehl", "Zucker", "bereit", "Antwort", "Service", "Fest", "regnete", "empfehlenswert",
                 "werden.", "skeptisch"):
        if word in text:
            assert word in doc.clean


def test_the_title_is_never_judged_chrome():
    text = "Startseite\nSport\nKultur\nImpressum\nKontakt\nDatenschutz\n" + "\n".join(PROSE)
    strict = dataclasses.replace(MODEL, remove=0.02, flag=0.01, min_lines=1)
    changes = list(ChromeJudgePass(strict).propose(text, PassContext("t", {"title": "Kultur"}), lambda *a: None))
    gone = "".join(text[c.start:c.end] for c in changes)
    assert "Startseite" in gone and "Kultur" not in gone


DATE_LINES = next(p.leave for p in default_passes() if isinstance(p, ChromeJudgePass))


@pytest.mark.parametrize("date", ["Veröffentlicht am 13.8.2024, 6:24 Uhr", "Stand: 12.03.2024, 14:30 Uhr"])
def test_the_headline_over_the_first_date_line_is_never_judged_chrome(date):
    headline = "Der Rat baut eine neue Brücke"
    menu = "Startseite\nSport\nKultur\nImpressum\nKontakt\nDatenschutz\n"
    strict = dataclasses.replace(MODEL, remove=0.02, flag=0.01, min_lines=1)

    def gone(text):
        changes = ChromeJudgePass(strict, DATE_LINES).propose(text, PassContext("t", {}), lambda *a: None)
        return "".join(text[c.start:c.end] for c in changes)

    with_date = gone(menu + headline + "\n" + date + "\n" + "\n".join(PROSE))
    assert "Startseite" in with_date and headline not in with_date and date not in with_date
    assert headline in gone(menu + headline + "\n" + "\n".join(PROSE))  # without its date line it may go


def judge(model, text, meta=None):
    flags = []
    changes = list(ChromeJudgePass(model).propose(text, PassContext("t", meta or {}),
                                                  lambda s, e, rule, reason: flags.append((text[s:e], rule))))
    log = EditLog(text)
    log.apply(changes)
    return log.text, flags, changes


WRAPPED = ("Die Feuerwehr war am Sonntag mit\nvierzig Kräften im Einsatz, weil ein\nalter Schuppen am Waldrand in\n"
           "Flammen stand und der Wind die\nFunken bis zu den ersten Häusern\ntrug. Verletzt wurde nach Angaben\n"
           "der Polizei zum Glück niemand, der\nSchaden liegt bei etwa zwanzigtausend\nEuro.\n\n")


def test_a_narrowly_wrapped_paragraph_is_never_judged():
    """Four to six words a line, lines starting with nouns, the last line one word: every line
    goes on a sentence, so even a judge that removes all it may leaves them; the menu goes."""
    eager = dataclasses.replace(MODEL, remove=0.0002, flag=0.0001, min_lines=1)
    menu = "Impressum\nKontakt\nDatenschutz\nAGB\nNewsletter\nSuche\n"
    clean, _, changes = judge(eager, WRAPPED + menu)
    assert clean == WRAPPED
    assert [c.rule for c in changes] == [REMOVE_RULE]


def test_the_unsure_band_is_flagged_not_removed():
    target = "Kontakt | Impressum"
    lines = [*PROSE[:3], target, *PROSE[3:]]
    p = dict(zip(lines, MODEL.probabilities(lines)))
    assert p[target] == max(p.values())
    # thresholds that put the line's score between flag and remove
    assert p[target] < 1
    second = max(v for line, v in p.items() if line != target)
    band = dataclasses.replace(MODEL, flag=(p[target] + second) / 2, remove=(1 + p[target]) / 2, min_lines=1)
    clean, flags, changes = judge(band, "\n".join(lines))
    assert not changes and target in clean.splitlines()
    assert flags == [(target, FLAG_RULE)]


@pytest.mark.parametrize("short", ["Für 12 Stück", "Zubereitung", "Weitere Informationen", "25 Min."])
def test_a_short_line_between_paragraphs_counts_as_article_and_after_the_article_as_chrome(short):
    lines = [*MENU, HEADING, PROSE[0], PROSE[1], short, PROSE[2], PROSE[3], PROSE[5], *FOOTER[:6], short, *FOOTER[6:]]
    p = MODEL.probabilities(lines)
    inside, after = (p[i] for i, line in enumerate(lines) if line == short)
    assert inside < MODEL.remove <= after
    doc = CLEANER(Document("rezept", "\n".join(lines) + "\n"))
    assert doc.clean.splitlines().count(short) == 1


def test_a_line_that_reads_as_prose_goes_only_at_the_guarded_score():
    """A comment form's sentence after the article reads as prose to the guard; the judge
    removes it only when it scores ``guarded`` or more, and flags it not at all below that."""
    target = "Die Kommentare werden vor der Freischaltung von der Redaktion geprüft."
    assert MODEL.guard.protects(target, MODEL.function_words)
    lines = [*MENU, HEADING, *PROSE, *FOOTER[:4], target, *FOOTER[4:]]
    p = dict(zip(lines, MODEL.probabilities(lines)))[target]
    text = "\n".join(lines) + "\n"
    low = dataclasses.replace(MODEL, remove=p / 2, block=p / 2, flag=p / 4, min_lines=1)
    kept, flags, _ = judge(dataclasses.replace(low, guarded=min(p * 1.001, 0.99999)), text)
    assert target in kept.splitlines() and target not in [f[0] for f in flags]
    removed, _, _ = judge(dataclasses.replace(low, guarded=p), text)
    assert target not in removed.splitlines()


def test_the_lexicon_counts_words_pairs_of_words_and_the_first_word():
    assert lexicon_terms(["das", "könnte", "sie"]) == ["das", "könnte", "sie", "das könnte", "könnte sie", "^das"]
    assert lexicon_scores(lexicon_terms(["mehr", "zum", "thema"]), {"zum thema": 4.0, "mehr": 1.0})[1:] == (
        4.0, 0.0, 1 / 3)


def test_a_short_text_is_not_judged():
    text = "\n".join(["Startseite", "Impressum", "Kontakt", PROSE[0], PROSE[1]])
    assert len(text.splitlines()) < MODEL.min_lines
    assert list(ChromeJudgePass(MODEL).propose(text, PassContext("t", {}), lambda *a: None)) == []


def test_rule_lines_the_issue_names_are_removed():
    chrome = ["Like it? Share it!", "TEILEN TWITTERN TEILEN MAILEN", "Beitrag teilen:",
              "ANZEIGE - Jetzt Winterreifen zum Sonderpreis sichern", "weiterlesen 5 Minuten",
              "Startseite > Politik > Inland", "Kategorien", "Tags: Garten, Frühling", "Login | Registrieren",
              "Jetzt zum Newsletter anmelden!"]
    text = "\n\n".join([PROSE[0], *chrome, PROSE[1]])
    doc = CLEANER(Document("regeln", text))
    for line in chrome:
        assert line not in doc.clean
    assert PROSE[0] in doc.clean and PROSE[1] in doc.clean


FUNCTION = ["der", "die", "das", "und", "mit", "von", "auf", "ist", "hat", "nicht", "auch", "in", "zu", "sich"]
CONTENT = ["Stadt", "Rat", "Brücke", "Verein", "Sommer", "Haus", "baut", "plant", "neue", "alten", "Weg", "Markt"]
CHROME = ["Startseite", "Impressum", "Login", "Teilen", "Newsletter", "Kontakt", "Suche", "Kategorien", "Tags"]


@st.composite
def prose_line(draw):
    """A line that ends a sentence and is mostly function words: the prose guard must hold it."""
    n = draw(st.integers(MODEL.guard.min_words, 14))
    words = [draw(st.sampled_from(FUNCTION if i % 2 else CONTENT)) for i in range(n)]
    return " ".join(words).capitalize() + draw(st.sampled_from([".", "!", "?", ".“"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(prose_line(), st.sampled_from(CHROME)), min_size=1, max_size=30))
def test_the_judge_never_removes_a_sentence_with_enough_function_words(lines):
    text = "\n".join(lines) + "\n"
    # removes everything it may; lines the prose guard holds never
    eager = dataclasses.replace(MODEL, remove=0.0002, flag=0.0001, min_lines=1, guarded=None)
    clean, _, changes = judge(eager, text)
    for line in lines:
        if line not in CHROME:
            assert line in clean.splitlines()
    for change in changes:  # only whole lines go
        assert change.start == 0 or text[change.start - 1] == "\n"
        assert text[change.start:change.end].endswith("\n")


@pytest.mark.parametrize("old, new, message", [
    ("  bias:", "  bias_x:", "missing key(s): bias"),
    ("\n  remove: ", "\n  remove: 0.001 #", "0 < flag < remove < 1"),
    ("  self: ", "  self: viel #", "'self' must be a number"),
    ("\n  block_lines: ", "\n  block_lines: 1 #", "block_lines a whole number >= 2"),
    ("function_words: [", "function_words: [Der, ", "lower-case words; not 'Der'"),
    ("chrome_phrases:\n", "chrome_phrases:\n  - startseite\n", "lists 'startseite' twice"),
    ("prose_guard:\n  min_words: ", "prose_guard:\n  min_words: 2.5 #", "min_words a whole number"),
    ("  in_span_2: ", "  in_span_x: ", "missing key(s): in_span_2"),
    ("\n  guarded: ", "\n  guarded: 0.5 #", "remove <= guarded < 1"),
])
def test_broken_judge_file_names_file_and_line(tmp_path, old, new, message):
    path = tmp_path / "chrome_judge.yaml"
    text = (corrections_dir() / "chrome_judge.yaml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_chrome_model(path)
    assert message in str(err.value)
    assert str(path) + ":" in str(err.value)


@pytest.mark.parametrize("row, message", [
    ("Teilen\t2.0", "lower-case word, two words or ^ and a word; not 'Teilen'"),
    ("mehr zum thema\t2.0", "not 'mehr zum thema'"),
    ("^ mehr\t2.0", "not '^ mehr'"),
    ("teilenx\tviel", "'teilenx' needs a number as its log-odds, not 'viel'"),
    ("teilenx\tnan", "'teilenx' needs a number"),
    ("teilenx", "expected 2 tab-separated columns, found 1"),
    ("teilenx\t1.0\nteilenx\t2.0", "'teilenx' is listed twice"),
])
def test_broken_lexicon_row_names_file_and_line(tmp_path, row, message):
    for name in ("chrome_judge.yaml", LEXICON_FILE):
        shutil.copy(corrections_dir() / name, tmp_path / name)
    path = tmp_path / LEXICON_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = 7  # the row goes in as line 7, after the header and a row of the lexicon
    path.write_text("".join(lines[: at - 1]) + row + "\n" + "".join(lines[at - 1 :]), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_chrome_model(tmp_path / "chrome_judge.yaml")
    assert message in str(err.value)
    assert f"{path}:{at + row.count(chr(10))}:" in str(err.value)


def test_the_lexicon_file_holds_what_the_fit_writes():
    lexicon = MODEL.lexicon
    assert len(lexicon) > 1000 and all(-5 < v < 5 for v in lexicon.values())
    assert lexicon["impressum"] > 1 and lexicon["weiterlesen"] > 1  # words of chrome score high
    assert lexicon["sagte"] < 0 and lexicon["jedoch"] < 0  # words of prose low


def test_a_broken_judge_file_stops_the_cleaner(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(corrections_dir(), rules)
    (rules / "chrome_judge.yaml").write_text("function_words: [der]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="chrome_judge.yaml:1: missing key"):
        Cleaner(rules=rules)
