"""``python -m pipeline evaluate`` and its API, on the tiny random-weight model."""

import json

import pytest
import sacrebleu

from pipeline.translate import TranslateSettings, Translator
from pipeline.translate.evaluate import TestSet, evaluate, model_caveat, read_pair, read_tsv
from tests.conftest import SHARED_DATA, run_cli

PAIRS = [
    ("Der Rat tagt am Montag.", "The council meets on Monday."),
    ("Die Stadt plant neue Radwege.", "The city is planning new cycle paths."),
    ("Im Herbst beginnen die Arbeiten.", "Work begins in the autumn."),
    ("Die Polizei bittet um Hinweise.", "The police are asking for information."),
]


def write_tsv(path, pairs=PAIRS, header="id\tde\ten"):
    rows = [header] + [f"s{n}\t{de}\t{en}" for n, (de, en) in enumerate(pairs)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_tsv_as_json(tiny_model, tmp_path):
    tsv = write_tsv(tmp_path / "test.tsv")
    hypotheses = tmp_path / "hyp.en"
    result = run_cli("evaluate", str(tsv), "--model", str(tiny_model), "--beam", "1", "--json",
                     "--hypotheses", str(hypotheses), env={"PIPELINE_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["sentences"] == len(PAIRS) and report["test_set"] == str(tsv)
    for name in ("bleu", "chrf"):
        assert report[name]["signature"].startswith("nrefs:1|case:mixed|")
        assert report[name]["signature"].endswith(f"|version:{sacrebleu.__version__}")
    lines = hypotheses.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(PAIRS)
    references = [en for _, en in PAIRS]
    assert report["bleu"]["score"] == round(sacrebleu.corpus_bleu(lines, [references]).score, 2)
    assert report["chrf"]["score"] == round(sacrebleu.corpus_chrf(lines, [references]).score, 2)
    assert report["sentences_per_s"] > 0 and report["translation"]["beam"] == 1
    assert report["translation"]["engine"] == "ctranslate2" and report["engine"].startswith("translation engine: ctranslate2")
    assert "random weights" in report["caveat"] and "mean nothing" in report["caveat"]


@pytest.mark.skipif(not (SHARED_DATA / "pud-de-en.tsv").is_file(), reason="the PUD test set is not here")
def test_evaluate_pud_prints_scores_signatures_and_the_caveat(tiny_model, tmp_path):
    result = run_cli("evaluate", str(SHARED_DATA / "pud-de-en.tsv"), "--model", str(tiny_model), "--limit", "6",
                     "--beam", "1", env={"PIPELINE_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].endswith("pud-de-en.tsv, 6 sentences")
    assert [line.split()[0] for line in out if line.startswith(("BLEU", "chrF"))] == ["BLEU", "chrF"]
    assert any(line.startswith("BLEU") and "tok:13a" in line and "version:" in line for line in out)
    assert any(line.startswith("chrF") and "nc:6" in line for line in out)
    assert any(line.startswith("speed: ") and "sentences/s" in line for line in out)
    assert out[-1].startswith("note: the model has random weights")


def test_scores_are_sacrebleus_and_a_perfect_reference_scores_100(tiny_model, tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_CACHE", str(tmp_path / "cache"))
    translator = Translator(TranslateSettings(model=str(tiny_model), engine="torch", beam=1))
    test_set = read_pair(*_two_files(tmp_path))
    first = evaluate(translator, test_set)
    assert first["translation"]["engine"] == "torch" and first["sentences"] == len(PAIRS)
    perfect = evaluate(translator, TestSet("own output", test_set.sources, first["hypotheses"]))
    assert perfect["hypotheses"] == first["hypotheses"]
    assert perfect["bleu"]["score"] == perfect["chrf"]["score"] == 100.0


def _two_files(tmp_path):
    source, reference = tmp_path / "test.de", tmp_path / "test.en"
    source.write_text("".join(f"{de}\n" for de, _ in PAIRS), encoding="utf-8")
    reference.write_text("".join(f"{en}\n" for _, en in PAIRS), encoding="utf-8")
    return source, reference


def test_small_models_get_a_note_and_trained_sizes_none():
    assert "far smaller than a trained translation model (d_model 64" in model_caveat({"d_model": 64, "vocab_size": 9000})
    assert model_caveat({"d_model": 512, "vocab_size": 58101}) is None


def test_test_set_errors_name_file_and_line(tmp_path):
    with pytest.raises(ValueError, match=r"test.tsv:1: no column 'en' in the header \(id, de, english\)"):
        read_tsv(write_tsv(tmp_path / "test.tsv", header="id\tde\tenglish"))
    broken = tmp_path / "broken.tsv"
    broken.write_text("de\ten\nDer Rat tagt.\tThe council meets.\nEs regnet.\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.tsv:3: the en column is empty"):
        read_tsv(broken)
    source, reference = _two_files(tmp_path)
    reference.write_text("The council meets.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"test.de has 4 lines and .*test.en 1"):
        read_pair(source, reference)
    assert read_tsv(write_tsv(tmp_path / "ok.tsv")).head(2).sources == [de for de, _ in PAIRS[:2]]


def test_bad_test_set_through_the_cli_exits_2(tmp_path):
    tsv = write_tsv(tmp_path / "test.tsv", header="id\tgerman\ten")
    result = run_cli("evaluate", str(tsv))
    assert result.returncode == 2 and "test.tsv:1: no column 'de'" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("evaluate", str(tsv), "--source", str(tsv))
    assert result.returncode == 2 and "either a TSV test set or --source FILE with --reference FILE" in result.stderr
