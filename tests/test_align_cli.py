"""``python -m pipeline align`` end to end, with texts written for these tests."""

import json

from pipeline.align.beads import read_beads
from tests.conftest import run_cli
from tests.test_align import DE, EN, GOLD, MT


def _files(tmp_path):
    src, tgt, mt = tmp_path / "rat.de", tmp_path / "rat.en", tmp_path / "rat.mt.en"
    src.write_text("\n".join(DE) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    mt.write_text("\n".join(MT) + "\n", encoding="utf-8")
    return src, tgt, mt


def test_presegmented_with_a_supplied_translation_prints_beads(tmp_path):
    src, tgt, mt = _files(tmp_path)
    result = run_cli("align", str(src), str(tgt), "--presegmented", "--src-translation", str(mt))
    assert result.returncode == 0, result.stderr
    assert read_beads(result.stdout.splitlines()) == GOLD
    assert "[]:[8]" in result.stdout.splitlines()


def test_no_translate_writes_every_format(tmp_path):
    src, tgt, _ = _files(tmp_path)
    for fmt in ("beads", "tsv", "jsonl", "tmx", "moses"):
        out = tmp_path / "out" / f"pairs-{fmt}"
        result = run_cli("align", str(src), str(tgt), "--presegmented", "--no-translate", "--format", fmt, "--out", str(out))
        assert result.returncode == 0, result.stderr
    beads = read_beads((tmp_path / "out" / "pairs-beads").read_text().splitlines())
    assert sorted(i for b in beads for i in b.src) == list(range(len(DE)))
    de = (tmp_path / "out" / "pairs-moses.de").read_text(encoding="utf-8").splitlines()
    en = (tmp_path / "out" / "pairs-moses.en").read_text(encoding="utf-8").splitlines()
    assert len(de) == len(en) == sum(1 for b in beads if b.src and b.tgt)
    records = [json.loads(line) for line in (tmp_path / "out" / "pairs-jsonl").read_text(encoding="utf-8").splitlines()]
    assert records[0]["src"] == DE[0] and "length_ratio" in records[0]["scores"]


def test_unsegmented_text_with_the_tiny_model(tiny_model, tmp_path):
    src = tmp_path / "a.de"
    tgt = tmp_path / "a.en"
    src.write_text("Der Rat tagte am 3. Mai im Rathaus. Es gab 14 Punkte.\n\nDie Sitzung endete spät.\n", encoding="utf-8")
    tgt.write_text("The council met in the town hall on 3 May. There were 14 items.\n\nThe meeting ended late.\n", encoding="utf-8")
    result = run_cli("align", str(src), str(tgt), "--model", str(tiny_model), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["src_ids"] for r in records] == [[0], [1], [2]]
    assert all("logprob" in r["scores"] and "similarity" in r["scores"] for r in records)


def test_translation_with_the_wrong_number_of_lines_is_a_usage_error(tmp_path):
    src, tgt, mt = _files(tmp_path)
    mt.write_text("only one line\n", encoding="utf-8")
    result = run_cli("align", str(src), str(tgt), "--presegmented", "--src-translation", str(mt))
    assert result.returncode == 2
    assert "1 lines" in result.stderr and "10 sentences" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors(tmp_path):
    src, tgt, _ = _files(tmp_path)
    assert run_cli("align", str(src)).returncode == 2
    result = run_cli("align", str(src), str(tgt), "--no-translate", "--format", "moses")
    assert result.returncode == 2 and "--out" in result.stderr
    result = run_cli("align", str(src), str(tmp_path / "missing.en"), "--no-translate")
    assert result.returncode == 2 and "missing.en" in result.stderr
    result = run_cli("align", str(src), str(tgt), "--no-translate", "--src-translation", str(src))
    assert result.returncode == 2
