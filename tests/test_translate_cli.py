"""The translate stage end to end through ``python -m pipeline run``, with the tiny model."""

import json

import pytest

from pipeline.record import Document
from tests.conftest import run_cli

CLAUSES = [
    "der Ausschuss berät über den Haushalt",
    "die Bürgerinnen warten auf eine Antwort",
    "und der Bürgermeister verspricht neue Radwege",
    "während die Händler um ihre Parkplätze fürchten",
    "weil im Herbst gewählt wird",
]
SPANS = ["https://example.org/bericht?id=42", "@Beispiel_Konto", "presse@example.org"]


def long_sentence(words: int) -> str:
    parts, count = [], 0
    while count < words:
        clause = CLAUSES[len(parts) % len(CLAUSES)]
        parts.append(clause)
        count += len(clause.split())
    return "Im Rathaus hieß es am Montag, " + ", ".join(parts) + "."


def run(tmp_path, name, text, *options):
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / name
    result = run_cli("run", str(source), "--out", str(out), "--quiet", *options,
                     env={"PIPELINE_CACHE": str(tmp_path / "pipeline-cache")})
    assert result.returncode == 0, result.stderr
    [doc] = [Document.from_json(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return doc, json.loads((out / "run.json").read_text()), result


def test_a_2000_word_sentence_comes_back_whole_and_flagged(tiny_model, tmp_path):
    text = long_sentence(2000)
    doc, info, _ = run(tmp_path, "long", f"Lange Rede\n\n{text}\n", "--model", str(tiny_model), "--engine", "ctranslate2")
    [pair] = [p for p in doc.pairs if len(p.de.split()) >= 2000]
    [split] = [f for f in pair.flags if f.rule == "translate.split"]
    pieces = int(split.reason.split(" into ")[1].split()[0])
    assert pieces >= 8
    # each piece's English is there: far more than one model window (256 tokens) could hold
    assert len(pair.en) > len(pair.de) / 2
    assert info["translation_counts"]["split"] == 1


def test_protected_spans_survive_or_are_flagged(tiny_model, tmp_path):
    text = (
        "Pressemitteilung\n\n"
        f"Den Bericht finden Sie unter {SPANS[0]} im Netz. Folgen Sie uns auf {SPANS[1]} für Neuigkeiten. "
        f"Fragen beantwortet die Pressestelle unter {SPANS[2]} gern.\n\n"
        "2024\n\nSTARTSEITE POLITIK SPORT\n"
    )
    doc, info, _ = run(tmp_path, "spans", text, "--model", str(tiny_model), "--beam", "2")
    for span in SPANS:
        [pair] = [p for p in doc.pairs if span in p.de]
        lost = [f for f in pair.flags if f.rule == "translate.protected_lost"]
        assert span in pair.en or any(span in f.reason for f in lost)
        assert span not in pair.en or not any(span in f.reason for f in lost)
    passed = {p.de: p.en for p in doc.pairs if p.de in ("2024", "STARTSEITE POLITIK SPORT")}
    assert passed == {"2024": "2024", "STARTSEITE POLITIK SPORT": "STARTSEITE POLITIK SPORT"}
    assert info["translation_counts"]["passed_through"] == 2


def test_second_run_with_the_cache_translates_nothing(tiny_model, tmp_path):
    text = "Kurz gemeldet\n\nDer Rat tagt am Montag. Die Stadt plant neue Radwege. Der Rat tagt am Montag.\n"
    options = ["--model", str(tiny_model), "--beam", "2", "--cache", str(tmp_path / "translations.sqlite")]
    first, info1, _ = run(tmp_path, "first", text, *options)
    assert info1["translation_counts"]["translated"] == 3 and info1["translation_counts"]["duplicates"] == 1
    source = tmp_path / "second.txt"
    source.write_text(text, encoding="utf-8")
    result = run_cli("run", str(source), "--out", str(tmp_path / "second"), *options,
                     env={"PIPELINE_CACHE": str(tmp_path / "pipeline-cache")})
    assert result.returncode == 0, result.stderr
    assert "0 translated, 3 cache hits" in result.stderr
    second = Document.from_json((tmp_path / "second" / "documents.jsonl").read_text(encoding="utf-8"))
    assert [p.en for p in second.pairs] == [p.en for p in first.pairs]
    info2 = json.loads((tmp_path / "second" / "run.json").read_text())
    assert info2["translation_counts"]["cache_hits"] == 3 and info2["translation_counts"]["translated"] == 0


def test_ctranslate2_engine_records_its_settings(tiny_model, tmp_path):
    text = "Wetter\n\nAm Wochenende ziehen Schauer über das Land. In den Alpen fällt Schnee.\n"
    doc, info, _ = run(tmp_path, "ct2", text, "--model", str(tiny_model), "--engine", "ctranslate2",
                       "--batch-tokens", "512")
    assert all(p.en for p in doc.pairs)
    settings = info["translation"]
    assert (settings["engine"], settings["compute_type"], settings["beam"], settings["batch_tokens"]) == (
        "ctranslate2", "int8", 4, 512)
    assert settings["model_weights_sha256"] and settings["ctranslate2"]
    assert list((tmp_path / "pipeline-cache" / "ctranslate2").iterdir())


def test_run_without_engine_uses_ctranslate2_and_says_so(tiny_model, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("Wetter\n\nAm Wochenende ziehen Schauer über das Land.\n", encoding="utf-8")
    result = run_cli("run", str(source), "--out", str(tmp_path / "o"), "--model", str(tiny_model), "--beam", "1",
                     env={"PIPELINE_CACHE": str(tmp_path / "pipeline-cache")})
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("translation engine:")]
    assert said == ["translation engine: ctranslate2, int8 on cpu (auto: ctranslate2 is installed and the model converts)"]
    info = json.loads((tmp_path / "o" / "run.json").read_text())["translation"]
    assert (info["engine"], info["engine_asked"], info["compute_type"]) == ("ctranslate2", "auto", "int8")
    assert info["engine_reason"] == "ctranslate2 is installed and the model converts"


def test_run_without_ctranslate2_falls_back_to_torch_and_says_why(tiny_model, tmp_path):
    """A Python where ``import ctranslate2`` fails (``sys.modules`` holds None for it, as it does
    for a module that cannot be imported) runs the same command on torch."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    source = tmp_path / "a.txt"
    source.write_text("Wetter\n\nAm Wochenende ziehen Schauer über das Land.\n", encoding="utf-8")
    args = ["run", str(source), "--out", str(tmp_path / "o"), "--model", str(tiny_model), "--beam", "1"]
    code = "import sys; sys.modules['ctranslate2'] = None; from pipeline.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("translation engine:")]
    assert len(said) == 1 and said[0].startswith("translation engine: torch, float32 on cpu (auto: ctranslate2 cannot be imported")
    info = json.loads((tmp_path / "o" / "run.json").read_text())["translation"]
    assert (info["engine"], info["engine_asked"], info["compute_type"]) == ("torch", "auto", "float32")
    assert info["engine_reason"].endswith("; torch runs instead") and "ctranslate2" not in info


@pytest.mark.parametrize("options, message", [
    (["--engine", "torch", "--device", "cuda", "--compute-type", "int8"],
     "compute type int8 does not run with engine torch on cuda"),
    (["--compute-type", "int8_float16"], "compute type int8_float16 runs with no engine on cpu"),
    (["--beam", "0"], "--beam"),
])
def test_bad_translation_options_exit_2(tiny_model, tmp_path, options, message):
    source = tmp_path / "a.txt"
    source.write_text("Der Rat tagt.\n", encoding="utf-8")
    result = run_cli("run", str(source), "--out", str(tmp_path / "o"), "--model", str(tiny_model), *options)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
