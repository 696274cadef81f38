"""``python -m pipeline clean``: clean text, ``--explain`` and ``--json``, through the real CLI."""

import json
import subprocess
import sys

from tests.conftest import EXAMPLE, ROOT, run_cli

TEXT = (
    "Neue Brücke eröffnet\n\nNeue Brücke eröffnet\n  1. Startseite\n  2. Lokales\n\n"
    "Laut der FAZ sind die Kosten hoch. Laut der FAZDen Angaben zufolge stiegen sie um ein Drittel. "
    "Zu den Vorwürfen von Kieler Rundschau Der Bürgermeister hat sich nicht geäußert. (abc)\n\n"
    "Die mobile Version verlassen\n"
)


def test_clean_prints_the_clean_text_from_stdin():
    result = run_cli("clean", "-", input=TEXT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Neue Brücke eröffnet\n\nLaut der FAZ sind")
    assert "FAZ Den Angaben" in result.stdout
    for gone in ["Startseite", "(abc)", "mobile Version"]:
        assert gone not in result.stdout
    assert result.stdout.count("Neue Brücke eröffnet") == 1


def test_explain_lists_every_edit_and_flag():
    result = run_cli("clean", "--explain", "-", input=TEXT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for rule in ["chrome.breadcrumb", "structure.title_repeat", "glue.acronym_word", "tag.author",
                 "chrome.mobile_version", "flag.lost_boundary"]:
        assert rule in out, rule
    assert "'' -> ' '" in out
    assert "Rundschau Der" in out
    assert "meta  tags" in out and "'abc'" in out


def test_a_photo_credit_of_names_goes_and_its_name_still_splits_glue():
    text = ("Die Band spielt im Mai.\n(Bild: Claus Brakelmeyer)\n"
            "Wir haben uns mit Fynn Brakelmeyerzu einem langen Gespräch verabredet.\n")
    result = run_cli("clean", "--explain", "-", input=text)
    assert result.returncode == 0, result.stderr
    assert "credit.photo_name" in result.stdout and "(Bild: Claus Brakelmeyer)" in result.stdout
    assert "glue.noun_word" in result.stdout
    cleaned = run_cli("clean", "-", input=text)
    assert cleaned.stdout == ("Die Band spielt im Mai.\n"
                              "Wir haben uns mit Fynn Brakelmeyer zu einem langen Gespräch verabredet.\n")


def test_glue_of_a_recipe_page_is_split_and_explained_by_its_predicates():
    # the rules a user meets on a scraped recipe page: units in the ingredient list, a
    # sentence-opening determiner, an icon-font label, a participle that must stay whole
    text = ("shopping_cart Mein Warenkorb (3 Artikel)\nZutaten\n250 gMehl\n3 ELSahne\n\n"
            "Den Teig kurz ruhen lassen. VieleLeser fragen nach dem steuernden Element des Rezepts.\n")
    cleaned = run_cli("clean", "-", input=text)
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == ("Zutaten\n250 g Mehl\n3 EL Sahne\n\n"
                              "Den Teig kurz ruhen lassen. Viele Leser fragen nach dem steuernden Element des Rezepts.\n")
    explained = run_cli("clean", "--explain", "-", input=text)
    for rule in ["chrome.icon_label", "glue.unit_word", "glue.function_capital"]:
        assert rule in explained.stdout, rule


def test_a_blog_page_loses_its_post_comment_and_forum_lines_and_its_acronym_glue_is_split():
    # the rules a user meets on a scraped blog or forum page: post, comment and forum lines,
    # a word glued to a code or an acronym, and what must stay (a name, a Swiss noun) or be
    # flagged (a noun before `wegen`)
    text = ("Geschrieben am 3. März 2018 von Jo Beispiel – Schreibe einen Kommentar\n"
            "Im Test lobt die Redaktion die Bassgitarre IbanezSRMS625EX aus Japan. Der AutozuliefererZFund andere "
            "Firmen melden Verluste, sagte Mirja Lindqvist am Montag.\n"
            "Die Kühe liefen auf steilen Geröllwegen bergab, und niemand ahnte, welches Unwetterausmass der Sturm "
            "erreicht. Wir danken Ihnenauch herzlich.\n"
            "Comment by Jo Beispiel — 03.02, 2015 @ 09:12\nBenutzer in diesem Forum: 3 Mitglieder und 14 Gäste\n"
            "Jetzt gratis registrieren »\n")
    cleaned = run_cli("clean", "-", input=text)
    assert cleaned.returncode == 0, cleaned.stderr
    assert cleaned.stdout == (
        "Im Test lobt die Redaktion die Bassgitarre Ibanez SRMS625EX aus Japan. Der Autozulieferer ZF und andere "
        "Firmen melden Verluste, sagte Mirja Lindqvist am Montag.\n"
        "Die Kühe liefen auf steilen Geröllwegen bergab, und niemand ahnte, welches Unwetterausmass der Sturm "
        "erreicht. Wir danken Ihnen auch herzlich.\n")
    explained = run_cli("clean", "--explain", "-", input=text).stdout
    for rule in ["chrome.post_meta", "chrome.comment_meta", "chrome.forum_stats", "promo.order_button",
                 "glue_rules.word_acronym", "glue.function_pair"]:
        assert rule in explained, rule
    [flag] = [line for line in explained.splitlines() if line.startswith("flag")]
    assert "glue.uncertain" in flag and "'Geröllwegen'" in flag and "'Wegen' heads the compound" in flag


def test_json_prints_the_record():
    result = run_cli("clean", "--json", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["meta"]["tags"] == ["abc"]
    assert record["meta"]["title"].startswith("Stadtrat streitet")
    assert {b["kind"] for b in record["blocks"]} >= {"title", "paragraph", "caption"}
    assert any(e["rule"] == "chars.mojibake" for e in record["edits"])


def test_missing_file_is_a_usage_error():
    result = run_cli("clean", "/nonexistent/artikel.txt")
    assert result.returncode == 2
    assert "artikel.txt" in result.stderr and "Traceback" not in result.stderr


def test_cleaning_stays_light_to_import():
    code = ("import sys, pipeline.clean.cleaner, pipeline.commands.clean; "
            "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2', 'wordfreq', 'ftfy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr
