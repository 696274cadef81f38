"""Rule files: every shipped rule behaves as its examples say; broken files name file and line."""

import pytest

from pipeline.clean.boilerplate import load_line_rules
from pipeline.clean.characters import CharacterPass
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.structure import load_structure_rules
from pipeline.rules import RuleFileError, corrections_dir

LINE_RULES = load_line_rules(corrections_dir() / "boilerplate.yaml")
STRUCTURE_RULES = [r for rules in load_structure_rules(corrections_dir() / "structure.yaml").values() for r in rules]


@pytest.mark.parametrize("rule", LINE_RULES + STRUCTURE_RULES, ids=lambda r: r.id)
def test_rule_examples(rule):
    finds = rule.finds if hasattr(rule, "finds") else rule.matches
    assert rule.match_examples, f"{rule.id} needs at least one example it matches"
    for line in rule.match_examples:
        assert finds(line), f"{rule.id} should match {line!r}"
    for line in rule.keep_examples:
        assert not finds(line), f"{rule.id} must not match {line!r}"


def test_character_table_loads():
    table = CharacterPass.from_file(corrections_dir() / "characters.tsv").table
    assert table["\ufb01"] == ("fi", "chars.ligature")
    assert table["\u00ad"] == ("", "chars.invisible")


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("rules:\n  - id: chrome.x\n    pattern: '('\n    action: remove\n    reason: r\n", 2, "not a valid regular expression"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: zap\n    reason: r\n", 2, "action must be one of"),
        ("rules:\n  - id: Bad Id\n    pattern: 'a'\n    action: remove\n    reason: r\n", 2, "rule id"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\n    colour: red\n", 2, "unknown key"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a*'\n    action: remove\n    reason: r\n", 2, "matches the empty string"),
        ("rules:\n  - id: chrome.x\n   pattern: 'a'\n", 3, "not valid YAML"),
    ],
)
def test_broken_yaml_rule_file_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "boilerplate.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_line_rules(path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


def test_broken_tsv_rule_file_names_file_and_line(tmp_path):
    path = tmp_path / "characters.tsv"
    path.write_text("# comment\nchars.invisible\tU+200B\t\tok\nchars.invisible\tZWSP\t\tbad\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"^{path}:3: 'ZWSP' is not a code point"):
        CharacterPass.from_file(path)


def test_broken_rule_file_stops_the_cli(tmp_path):
    from tests.conftest import EXAMPLE, run_cli

    rules = _copy_rules(tmp_path)
    (rules / "boilerplate.yaml").write_text("rules:\n  - id: chrome.x\n    pattern: '('\n    action: remove\n    reason: r\n")
    result = run_cli("clean", str(EXAMPLE), env={"PIPELINE_CORRECTIONS": str(rules)})
    assert result.returncode == 2
    assert "boilerplate.yaml:2:" in result.stderr and "Traceback" not in result.stderr


def test_lexicon_rules_load():
    rules = LexiconRules.from_dir(corrections_dir())
    assert "sind" in rules.glue_words and "Den" in rules.glue_words_capitalised
    assert {"McDonald", "BahnCard", "iPhone", "YouTube", "PayPal"} <= rules.protected
    assert not rules.glue_words & {"er", "es", "sie", "als", "aus"}


def _copy_rules(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for f in corrections_dir().iterdir():
        if f.is_file():
            (rules / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return rules


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  left_part_min: 3.0", "  left_part_min: drei", "threshold left_part_min must be a number"),
        ("  left_part_min: 3.0", "  left_part_min: 3.0\n  colour: 3", "unknown key(s): colour"),
        ("glue_heads: [", "glue_heads: 7\nunused: [", "unknown key(s): unused"),
    ],
)
def test_broken_lexicon_file_names_file_and_line(tmp_path, old, new, message):
    rules = _copy_rules(tmp_path)
    path = rules / "lexicon.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        LexiconRules.from_dir(rules)
    assert str(info.value).startswith(f"{path}:")
    assert message in str(info.value)


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("credits: []\nend_tags: []\ndate_lines: []\n", 1, "'credits' must be a non-empty list"),
        ("credits:\n  - id: credit.x\n    pattern: '©'\n    reason: r\n    scope: page\nend_tags: []\ndate_lines: []\n",
         2, "scope must be one of"),
        ("credits:\n  - id: credit.x\n    pattern: '©'\n    reason: r\nend_tags:\n  - id: tag.x\n    pattern: '\\(dpa\\)'\n"
         "    reason: r\ndate_lines: []\n", 6, "named group (?<value>...)"),
    ],
)
def test_broken_structure_file_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "structure.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_structure_rules(path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)
