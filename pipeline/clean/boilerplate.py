"""Whole-line rules for site chrome and promotions, from ``corrections/boilerplate.yaml``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.rules import (EXAMPLES, Key, RuleFileError, Where, load_yaml, one_of, pattern, read_mapping, read_rule_list,
                            rule_id, text)

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
    requires: tuple[str, ...] = field(default=())

    def matches(self, line: str) -> bool:
        line = folded(line)
        return self.may_match(line.casefold()) and self.pattern.fullmatch(line) is not None

    def may_match(self, folded_line: str) -> bool:
        """Whether the case-folded line holds one of the words the rule ``requires`` (any line
        does when it requires none): a substring test instead of a costly regex on most lines."""
        return not self.requires or any(word in folded_line for word in self.requires)


def folded(line: str) -> str:
    """The line as rules see it: white space (no-break spaces too) folded to single spaces.

    >>> folded("\\xa0Kommentierte\\xa0 Artikel \\n")
    'Kommentierte Artikel'
    """
    text = line.strip()
    if text.isprintable() and "  " not in text:  # no tab, no-break or other space to fold (fast path)
        return text
    return " ".join(text.split())


def required_words(where: Where, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise where.error("requires must be a non-empty list of words, one of which every line the rule matches holds")
    return tuple(w.casefold() for w in value)


RULE_SPEC = {
    "id": Key(rule_id),
    "pattern": Key(pattern()),
    "action": Key(one_of(ACTIONS)),
    "reason": Key(text()),
    "examples": EXAMPLES,
    "requires": Key(required_words, False, ()),
}


def load_line_rules(path: Path) -> list[LineRule]:
    data = load_yaml(path)
    read_mapping(path, data, {"rules": Key()})
    rules = [
        LineRule(r["id"], r["pattern"], r["action"], r["reason"], r["line"], r["examples"]["match"],
                 r["examples"]["keep"], r["requires"])
        for r in read_rule_list(path, data, "rules", RULE_SPEC, set())
    ]
    for rule in rules:
        for example in rule.match_examples:
            if not rule.may_match(folded(example).casefold()):
                raise RuleFileError(path, rule.line, f"rule {rule.id!r}: the match example {example!r} holds none "
                                    f"of the words it requires ({', '.join(rule.requires)}); add the word to 'requires'")
    return rules


class LineRulePass:
    """Remove (or flag) whole lines that a rule matches; removed lines stay in the edits."""

    name = "boilerplate"

    def __init__(self, rules: list[LineRule]):
        self.rules = rules
        # a rule that requires words is tried only on lines that hold one; a rule that looks
        # ahead over the whole line is tried alone; one pattern for the others finds the few
        # chrome lines fast (V1 keeps each rule's inline flags inside its own group)
        self.gated = [r for r in rules if r.requires]
        open_rules = [r for r in rules if not r.requires]
        joined = [r.pattern.pattern for r in open_rules if not LOOKS_AHEAD.match(r.pattern.pattern)]
        self.any_rule = regex.compile("|".join(f"(?:{p})" for p in joined), regex.V1) if joined else None
        self.looking_ahead = [r.pattern for r in open_rules if LOOKS_AHEAD.match(r.pattern.pattern)]
        self._seen: dict[str, bool] = {}  # what `_may_match` said of each line (lines recur: menus, footers)

    def _may_match(self, line: str) -> bool:
        said = self._seen.get(line)
        if said is None:
            if len(self._seen) >= 100_000:
                self._seen.clear()
            said = self._seen[line] = self._may_match_once(line)
        return said

    def _may_match_once(self, line: str) -> bool:
        if self.any_rule is not None and self.any_rule.fullmatch(line):
            return True
        if any(p.fullmatch(line) for p in self.looking_ahead):
            return True
        if self.gated:
            lower = line.casefold()
            return any(r.may_match(lower) and r.pattern.fullmatch(line) for r in self.gated)
        return False

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
