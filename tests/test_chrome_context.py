"""Hard-wrapped lines the chrome judge never removes: a line that carries on the sentence the
line above left open."""

import dataclasses

import numpy as np

from pipeline.clean.chrome_judge import REMOVE_RULE, ChromeJudgePass, _Line, _continues, load_chrome_model
from pipeline.clean.edits import EditLog
from pipeline.clean.passes import PassContext
from pipeline.rules import corrections_dir

MODEL = load_chrome_model(corrections_dir() / "chrome_judge.yaml")


def lines_of(text):
    out, at = [], 0
    for line in text.splitlines(keepends=True):
        out.append(_Line(at, at + len(line), line))
        at += len(line)
    return out


def test_a_lower_case_sentence_end_under_an_open_line_carries_it_on():
    words = MODEL.function_words
    assert _continues(lines_of("wurde im Hafen häufig\nverwendet.\n"), 1, words)
    assert _continues(lines_of("Die Halle öffnete am 4.\nOktober 1988 und wieder im Mai\n"), 1, words)
    assert not _continues(lines_of("Ähnliche Artikel\nMehr lesen\n"), 1, words)  # a capital, no sentence end
    assert not _continues(lines_of("Der Zug fuhr ab.\nverwendet.\n"), 1, words)  # the line above ended its sentence


def test_hard_wrapped_short_ends_stay_with_a_judge_that_removes_all_it_may():
    wrapped = ("Während des Winters wurde der\nalte Steg nur selten\nbenutzt.\n"
               "Der Verein hatte am 12.\nOktober 1990 und erneut im Jahr 2001\ngeklagt.\n\n")
    menu = "Impressum\nKontakt\nDatenschutz\nAGB\nNewsletter\nSuche\n"
    eager = dataclasses.replace(MODEL, remove=0.0002, flag=0.0001, min_lines=1)
    text = wrapped + menu
    changes = list(ChromeJudgePass(eager).propose(text, PassContext("t", {}), lambda *a: None))
    log = EditLog(text)
    log.apply(changes)
    assert log.text == wrapped
    assert {c.rule for c in changes} == {REMOVE_RULE}
    assert np.isfinite(eager.probabilities(text.splitlines())).all()
