"""corrections/corpus.yaml: the shipped file loads; a broken one names its file and line."""

from __future__ import annotations

import shutil

import pytest

from pipeline.corpus.settings import CorpusSettings, load_corpus_settings
from pipeline.rules import RuleFileError, corrections_dir


def test_the_shipped_settings_load():
    settings = load_corpus_settings()
    assert settings.repeated_lines.min_documents >= 2
    assert settings.duplicates.num_perm % settings.duplicates.bands == 0


def test_missing_keys_keep_their_defaults(tmp_path):
    (tmp_path / "corpus.yaml").write_text("repeated_lines:\n  min_documents: 4\n", encoding="utf-8")
    settings = load_corpus_settings(tmp_path)
    assert settings.repeated_lines.min_documents == 4
    assert settings.duplicates == CorpusSettings().duplicates


@pytest.mark.parametrize("content, line, message", [
    ("repeated_lines:\n  min_documents: 1\n", 2, "outside the allowed range"),
    ("repeated_lines:\n  min_chars: 3\n  chrome_share: 1.5\n", 3, "chrome_share = 1.5"),
    ("repeated_lines:\n  min_documents: drei\n", 2, "must be a whole number"),
    ("repeated_lines:\n  min_documents: 2.5\n", 2, "must be a whole number"),
    ("repeated_lines:\n  min_documents: 3\n  colour: red\n", 2, "unknown key(s): colour"),
    ("duplicates:\n  num_perm: 100\n  bands: 14\n", 3, "multiple of bands"),
    ("duplicates:\n  threshold: yes\n", 2, "must be a number"),
    ("dedup:\n  threshold: 0.5\n", 1, "unknown key(s): dedup"),
    ("duplicates: 3\n", 1, "must be a mapping"),
    ("duplicates:\n  threshold: [0.5\n", 3, "not valid YAML"),
])
def test_a_broken_settings_file_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "corpus.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_corpus_settings(tmp_path)
    assert str(info.value).startswith(f"{path}:{line}:"), str(info.value)
    assert message in str(info.value)


def test_a_broken_settings_file_stops_the_run(tmp_path):
    from tests.conftest import EXAMPLE, run_cli

    rules = tmp_path / "rules"
    shutil.copytree(corrections_dir(), rules)
    (rules / "corpus.yaml").write_text("repeated_lines:\n  min_documents: 0\n", encoding="utf-8")
    result = run_cli("run", str(EXAMPLE), "--no-translate", "--out", str(tmp_path / "o"),
                     env={"PIPELINE_CORRECTIONS": str(rules)})
    assert result.returncode == 2, result.stderr
    assert "corpus.yaml:2:" in result.stderr and "Traceback" not in result.stderr
