"""Rule files: every shipped rule behaves as its examples say; broken files name file and line."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("rules: []\n", 1, "'rules' must be a non-empty list of rules"),
        ("rules:\n  - just a line\n", None, "each rule in 'rules' must be a mapping"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\nextra: 1\n", 1, "unknown key(s): extra"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n", 2, "missing key(s): reason"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\n    examples: [a]\n", 2,
         "examples must be a mapping"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\n    examples:\n      hit: [a]\n", 7,
         "unknown key(s): hit"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\n    examples:\n      match: a\n", 7,
         "match must be a list of texts"),
        ("rules:\n  - id: chrome.x\n    pattern: 'a'\n    action: remove\n    reason: r\n"
         "  - id: chrome.x\n    pattern: 'b'\n    action: remove\n    reason: r\n", 6, "used twice"),
    ],
)
def test_spec_errors_of_the_line_rules_name_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "boilerplate.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_line_rules(path)
    assert str(info.value).startswith(f"{path}:{line}:" if line else f"{path}: ")
    assert message in str(info.value)


def test_line_rules_read_through_the_spec_keep_their_examples_and_defaults(tmp_path):
    path = tmp_path / "boilerplate.yaml"
    path.write_text("rules:\n  - id: chrome.x\n    pattern: 'Startseite'\n    action: flag\n    reason: r\n"
                    "  - id: chrome.y\n    pattern: 'Menü'\n    action: remove\n    reason: r\n"
                    "    examples:\n      match: [Menü]\n      keep: [Menüs]\n", encoding="utf-8")
    first, second = load_line_rules(path)
    assert (first.id, first.action, first.line, first.match_examples, first.keep_examples) == ("chrome.x", "flag", 2, (), ())
    assert (second.line, second.match_examples, second.keep_examples) == (6, ("Menü",), ("Menüs",))
    assert second.matches("Menü") and not second.matches("Menüs")


def test_structure_rules_take_the_default_scope_and_refuse_unknown_sections(tmp_path):
    path = tmp_path / "structure.yaml"
    good = ("credits:\n  - id: credit.x\n    pattern: '©'\n    reason: r\nend_tags:\n  - id: tag.x\n"
            "    pattern: '\\((?<value>dpa)\\)'\n    reason: r\ndate_lines:\n  - id: meta.x\n"
            "    pattern: '(?<value>\\d+)'\n    reason: r\n    scope: article\n")
    path.write_text(good, encoding="utf-8")
    rules = load_structure_rules(path)
    assert [r.scope for r in rules["credits"] + rules["date_lines"]] == ["paragraph", "article"]
    assert rules["date_lines"][0].whole_line and not rules["credits"][0].whole_line
    path.write_text(good + "colours: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"^{path}:1: unknown key\(s\): colours"):
        load_structure_rules(path)


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  left_part_min: 3.0\n", "", "missing key(s): left_part_min"),
        ("  left_part_min: 3.0", "  left_part_min: -1", "threshold left_part_min must be a number >= 0, not -1"),
        ("glue_heads: [", "glue_heads: [7, ", "glue_heads must be a list of words"),
    ],
)
def test_more_broken_lexicon_files_name_file_and_line(tmp_path, old, new, message):
    rules = _copy_rules(tmp_path)
    path = rules / "lexicon.yaml"
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        LexiconRules.from_dir(rules)
    assert str(info.value).startswith(f"{path}:")
    assert message in str(info.value)


def test_lexicon_thresholds_keep_their_types():
    rules = LexiconRules.from_dir(corrections_dir())
    assert isinstance(rules.left_part_min_length, int) and isinstance(rules.left_part_min, float)


@pytest.mark.parametrize(
    "rows, line, message",
    [
        ("chars.invisible\tU+200B\t\tok\nchars.invisible\tU+200B\t\tagain\n", 3, "character U+200B is listed twice"),
        ("chars.ligature\tU+FB01\tU+0066 i\tbad\n", 2, "'i' is not a code point"),
        ("Chars Bad\tU+FB01\t\tbad\n", 2, "rule id"),
        ("chars.ligature\tU+FB01\n", 2, "expected 4 tab-separated columns, found 2"),
    ],
)
def test_more_broken_character_tables_name_file_and_line(tmp_path, rows, line, message):
    path = tmp_path / "characters.tsv"
    path.write_text("# comment\n" + rows, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        CharacterPass.from_file(path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


def test_a_spec_checks_converts_and_fills_defaults(tmp_path):
    from pipeline.rules import Key, number, one_of, read_mapping

    spec = {"kind": Key(one_of(("a", "b"))), "size": Key(number(1, whole=True), False, 3)}
    path = tmp_path / "x.yaml"
    assert read_mapping(path, {"kind": "a", "__line__": 4}, spec) == {"kind": "a", "size": 3, "line": 4}
    with pytest.raises(RuleFileError, match=r":4: size must be a whole number >= 1, not 0.5"):
        read_mapping(path, {"kind": "a", "size": 0.5, "__line__": 4}, spec)
    with pytest.raises(RuleFileError, match=r":4: kind must be one of a, b, not 'c'"):
        read_mapping(path, {"kind": "c", "__line__": 4}, spec)


GATED = [r for r in LINE_RULES if r.requires]


def test_some_shipped_line_rules_are_tried_only_on_lines_with_their_words():
    assert {r.id for r in GATED} >= {"promo.newsletter", "chrome.cookie_consent"}
    cookie = next(r for r in GATED if r.id == "chrome.cookie_consent")
    assert cookie.matches("Diese Seite nutzt COOKIES. Akzeptieren")
    assert not cookie.may_match("diese seite nutzt kekse. akzeptieren")


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_line_a_gated_rule_matches_always_holds_one_of_its_words(data):
    # the word test may only skip lines the pattern could not match: upper, lower and mixed
    # case variants of the rule's own examples, with text around them, must all pass it
    rule = data.draw(st.sampled_from(GATED))
    example = data.draw(st.sampled_from(rule.match_examples))
    flips = data.draw(st.lists(st.booleans(), min_size=len(example), max_size=len(example)))
    line = "".join(c.upper() if f else c.lower() for c, f in zip(example, flips))
    line = data.draw(st.sampled_from(["", "Hinweis: ", "  "])) + line
    if rule.pattern.fullmatch(line.strip()):
        assert rule.may_match(line.strip().casefold())
        assert rule.matches(line)


def test_a_rule_whose_example_lacks_its_required_word_names_file_and_line(tmp_path):
    path = tmp_path / "boilerplate.yaml"
    path.write_text("rules:\n  - id: chrome.x\n    pattern: '(?i)kekse? annehmen'\n    requires: [cookie]\n"
                    "    action: remove\n    reason: r\n    examples:\n      match: ['Kekse annehmen']\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"boilerplate.yaml:2: .*requires"):
        load_line_rules(path)
    path.write_text("rules:\n  - id: chrome.x\n    pattern: 'x'\n    requires: []\n    action: remove\n    reason: r\n",
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"boilerplate.yaml:2: requires must be a non-empty list"):
        load_line_rules(path)
