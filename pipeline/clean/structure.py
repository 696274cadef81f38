"""Title repeats, captions, photo credits, end tags and date lines (``corrections/structure.yaml``).

Rule ids: ``structure.title_repeat`` (a later copy of the title line is removed; when a
caption line follows it directly, that paragraph becomes a ``caption`` block), the
``credit.*`` rules (photo credits removed; a paragraph that carried one is a caption), the
``tag.*`` rules (agency and author tags at the end, into ``meta["tags"]``) and the
``meta.*`` date-line rules (into ``meta["date"]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.clean.boilerplate import LineRule
from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.rules import EXAMPLES, Key, RuleFileError, load_yaml, one_of, pattern, read_mapping, read_rule_list, rule_id, text

SECTIONS = ("credits", "end_tags", "date_lines")
SCOPES = ("paragraph", "article")
LINE = regex.compile(r"[^\n]*")
TITLE_MAX = 200
TITLE_RULE = "structure.title_repeat"


@dataclass(frozen=True)
class PatternRule:
    id: str
    pattern: regex.Pattern[str]
    reason: str
    line: int
    scope: str = "paragraph"
    whole_line: bool = False  # date lines: the pattern must cover the whole line
    match_examples: tuple[str, ...] = field(default=())
    keep_examples: tuple[str, ...] = field(default=())

    def finds(self, text: str) -> bool:
        if self.whole_line:
            return self.pattern.fullmatch(text.strip()) is not None
        return self.pattern.search(text) is not None


RULE_SPEC = {
    "id": Key(rule_id),
    "pattern": Key(pattern(regex.MULTILINE)),
    "reason": Key(text()),
    "examples": EXAMPLES,
    "scope": Key(one_of(SCOPES), False, "paragraph"),
}


def load_structure_rules(path: Path) -> dict[str, list[PatternRule]]:
    data = load_yaml(path)
    read_mapping(path, data, {section: Key() for section in SECTIONS})
    seen: set[str] = set()
    out: dict[str, list[PatternRule]] = {}
    for section in SECTIONS:
        out[section] = []
        for r in read_rule_list(path, data, section, RULE_SPEC, seen):
            if section != "credits" and "value" not in r["pattern"].groupindex:
                raise RuleFileError(path, r["line"], "pattern needs a named group (?<value>...) for what goes into meta")
            out[section].append(PatternRule(r["id"], r["pattern"], r["reason"], r["line"], r["scope"],
                                            section == "date_lines", r["examples"]["match"], r["examples"]["keep"]))
    return out


@dataclass
class _Line:
    start: int
    end: int  # without the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines = [_Line(m.start(), m.end(), m.group()) for m in LINE.finditer(text)]
    return [ln for i, ln in enumerate(lines) if i == 0 or ln.start != lines[i - 1].end]


class CreditPass:
    """Remove photo credits; the paragraph that carried one (its text before the credit) is a
    caption.

    >>> from pipeline.rules import corrections_dir
    >>> from pipeline.clean.passes import PassContext
    >>> p = CreditPass(load_structure_rules(corrections_dir() / "structure.yaml")["credits"])
    >>> ctx = PassContext("d", {})
    >>> text = "Die neue Brücke bei Nacht. Foto: dpa/Anna Beispiel\\n\\nText."
    >>> [(text[c.start:c.end], c.rule) for c in p.propose(text, ctx, None)], ctx.captions
    ([(' Foto: dpa/Anna Beispiel', 'credit.photo_label')], [(0, 26)])
    """

    name = "credits"

    def __init__(self, rules: list[PatternRule]):
        self.rules = rules

    def propose(self, text: str, context: PassContext, flag: FlagSink | None) -> Iterable[Change]:
        if "©" not in text and ":" not in text:
            return []
        lines = _lines(text)
        changes = []
        captions: dict[int, int] = {}  # start -> end, current coordinates
        for i, ln in enumerate(lines):
            if not ln.blank:
                change = self._credit(text, lines, i, captions)
                if change is not None:
                    changes.append(change)
        context.captions.extend((context.to_raw(a), context.to_raw(b)) for a, b in captions.items())
        return changes

    def _credit(self, text: str, lines: list[_Line], i: int, captions: dict[int, int]) -> Change | None:
        ln = lines[i]
        # credits run to the line end; what is left before one may end in another credit
        start, rule, end = None, None, ln.end
        while True:
            found = [(m, r) for r in self.rules if (m := r.pattern.search(text, ln.start, end))]
            if not found:
                break
            m, rule = min(found, key=lambda f: f[0].start())
            start = end = m.start()
        if rule is None:
            return None
        if not text[ln.start : start].strip():  # nothing but the credit on the line
            end = lines[i + 1].start if i + 1 < len(lines) else ln.end
            return Change(ln.start, end, "", rule.id, reason=rule.reason)
        first = i
        while first > 0 and not lines[first - 1].blank:
            first -= 1
        captions[lines[first].start] = start
        return Change(start, ln.end, "", rule.id, reason=rule.reason)


class StructurePass:
    """Find what belongs to the page, not the article body, and move it out of the text.

    >>> from pipeline.rules import corrections_dir
    >>> from pipeline.clean.passes import PassContext
    >>> p = StructurePass(load_structure_rules(corrections_dir() / "structure.yaml"))
    >>> ctx = PassContext("d", {})
    >>> text = "Neue Brücke eröffnet\\n\\nDer Verkehr rollt wieder. (dpa)"
    >>> [(c.start, c.end, c.rule) for c in p.propose(text, ctx, None)], ctx.meta
    ([(47, 53, 'tag.agency')], {'title': 'Neue Brücke eröffnet', 'tags': ['dpa']})
    """

    name = "structure"

    def __init__(self, rules: dict[str, list[PatternRule]], line_rules: Sequence[LineRule] = ()):
        self.rules = rules
        self.line_rules = [r for r in line_rules if r.action == "remove"]

    def propose(self, text: str, context: PassContext, flag: FlagSink | None) -> Iterable[Change]:
        lines = _lines(text)
        changes: list[Change] = []
        taken: set[int] = set()  # indexes of lines removed whole
        captions: dict[int, int] = {}  # start -> end, current coordinates
        self._title(text, lines, context, changes, taken, captions)
        for i, ln in enumerate(lines):
            if i in taken or ln.blank:
                continue
            change = self._date_line(ln, context)
            if change is not None:
                if change.start == ln.start and change.end >= ln.end:
                    taken.add(i)
                changes.append(change)
        changes.extend(self._end_tags(lines, taken, context))
        context.captions.extend((context.to_raw(a), context.to_raw(b)) for a, b in captions.items())
        return changes

    # -- title and captions -----------------------------------------------------------

    def _title(self, text, lines, context, changes, taken, captions) -> None:
        first = next((i for i, ln in enumerate(lines) if not ln.blank and not self._is_date_line(ln)), None)
        if first is None:
            return
        title = lines[first].text.strip()
        if len(title) > TITLE_MAX or title.endswith(".") or not any(ch.isalpha() for ch in title):
            return
        context.meta.setdefault("title", title)
        for i in range(first + 1, len(lines)):
            ln = lines[i]
            if ln.text.strip() != title:
                continue
            taken.add(i)
            after = i + 1 < len(lines) and not lines[i + 1].blank
            end = lines[i + 1].start if i + 1 < len(lines) else ln.end
            if after:  # the title over a picture, then its caption: the rest is a caption
                last = i + 1
                while last + 1 < len(lines) and not lines[last + 1].blank:
                    last += 1
                captions[lines[i + 1].start] = lines[last].end
            elif i + 2 < len(lines) and lines[i + 1].blank and (i == 0 or lines[i - 1].blank):
                end = lines[i + 2].start  # a paragraph of its own takes a blank line along
            changes.append(Change(ln.start, end, "", TITLE_RULE, reason="the title repeated in the page"))

    # -- meta -------------------------------------------------------------------------

    def _is_date_line(self, ln: _Line) -> bool:
        return any(rule.finds(ln.text) for rule in self.rules["date_lines"])

    def _date_line(self, ln: _Line, context: PassContext) -> Change | None:
        for rule in self.rules["date_lines"]:
            m = rule.pattern.fullmatch(ln.text.strip())
            if m:
                context.meta.setdefault("date", m.group("value"))
                return Change(ln.start, ln.end, "", rule.id, reason=rule.reason)
        return None

    def _end_tags(self, lines: list[_Line], taken: set[int], context: PassContext) -> Iterable[Change]:
        ends = [i for i, ln in enumerate(lines) if not ln.blank and i not in taken
                and (i + 1 == len(lines) or lines[i + 1].blank)]
        for i in ends:
            ln = lines[i]
            for rule in self.rules["end_tags"]:
                if rule.scope == "article" and i != ends[-1]:
                    continue
                m = rule.pattern.search(ln.text)
                if m:
                    start = ln.start + m.start()
                    while start > ln.start and ln.text[start - ln.start - 1] in " \t":
                        start -= 1
                    context.meta.setdefault("tags", []).append(m.group("value"))
                    # what stands before the tag may be chrome, which the chrome pass (before
                    # this one) could not see with the tag still on the line
                    rest = ln.text[: start - ln.start]
                    chrome = next((r for r in self.line_rules if r.matches(rest)), None)
                    if chrome is not None:
                        yield Change(ln.start, ln.start + m.end(), "", f"{chrome.id}", reason=chrome.reason)
                    else:
                        yield Change(start, ln.start + m.end(), "", rule.id, reason=rule.reason)
                    break
