"""Whole-line rules for site chrome and promotions, from ``corrections/boilerplate.yaml``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.rules import EXAMPLES, Key, load_yaml, one_of, pattern, read_mapping, read_rule_list, rule_id, text

ACTIONS = ("remove", "flag")
LINE = regex.compile(r"[^\n]*(?:\n|$)")
MAX_LINE = 600  # longer lines are article text, never chrome
BLANK_AFTER = regex.compile(r"[ \t]*\n")
# a pattern that starts by looking ahead over the whole line ("a line that holds X and Y"):
# alone, regex finds the words it needs fast; joined with other patterns it scans every line
LOOKS_AHEAD = regex.compile(r"(?:\(\?[a-zA-Z]+\))?\(\?=")


@dataclass(frozen=True)
class LineRule:
    id: str
    pattern: regex.Pattern[str]
    action: str
    reason: str
    line: int
    match_examples: tuple[str, ...] = field(default=())
    keep_examples: tuple[str, ...] = field(default=())

    def matches(self, line: str) -> bool:
        return self.pattern.fullmatch(folded(line)) is not None


def folded(line: str) -> str:
    """The line as rules see it: white space (no-break spaces too) folded to single spaces.

    >>> folded("\\xa0Kommentierte\\xa0 Artikel \\n")
    'Kommentierte Artikel'
    """
    text = line.strip()
    if text.isprintable() and "  " not in text:  # no tab, no-break or other space to fold (fast path)
        return text
    return " ".join(text.split())


RULE_SPEC = {
    "id": Key(rule_id),
    "pattern": Key(pattern()),
    "action": Key(one_of(ACTIONS)),
    "reason": Key(text()),
    "examples": EXAMPLES,
}


def load_line_rules(path: Path) -> list[LineRule]:
    data = load_yaml(path)
    read_mapping(path, data, {"rules": Key()})
    return [
        LineRule(r["id"], r["pattern"], r["action"], r["reason"], r["line"], r["examples"]["match"], r["examples"]["keep"])
        for r in read_rule_list(path, data, "rules", RULE_SPEC, set())
    ]


class LineRulePass:
    """Remove (or flag) whole lines that a rule matches; removed lines stay in the edits."""

    name = "boilerplate"

    def __init__(self, rules: list[LineRule]):
        self.rules = rules
        # one pattern for the other rules finds the few chrome lines fast; V1 keeps each rule's
        # inline flags inside its own group
        joined = [r.pattern.pattern for r in rules if not LOOKS_AHEAD.match(r.pattern.pattern)]
        self.any_rule = regex.compile("|".join(f"(?:{p})" for p in joined), regex.V1) if joined else None
        self.looking_ahead = [r.pattern for r in rules if LOOKS_AHEAD.match(r.pattern.pattern)]

    def _may_match(self, line: str) -> bool:
        return bool(self.any_rule and self.any_rule.fullmatch(line)) or any(
            p.fullmatch(line) for p in self.looking_ahead)

    def propose(self, text: str, context: PassContext, flag: FlagSink) -> Iterable[Change]:
        for match in LINE.finditer(text):
            line = match.group()
            if not line.strip() or len(line) > MAX_LINE or not self._may_match(folded(line)):
                if match.end() == len(text):
                    break
                continue
            for rule in self.rules:
                if rule.matches(line):
                    if rule.action == "remove":
                        # a line that stands as a paragraph of its own takes its blank line along
                        end = match.end()
                        blank = BLANK_AFTER.match(text, end)
                        starts_paragraph = match.start() == 0 or text.endswith("\n\n", 0, match.start())
                        if blank and line.endswith("\n") and starts_paragraph:
                            end = blank.end()
                        yield Change(match.start(), end, "", rule.id, reason=rule.reason)
                    else:
                        flag(match.start(), match.start() + len(line.rstrip("\n")), rule.id, rule.reason)
                    break
            if match.end() == len(text):
                break
