"""Character rules: invisible characters, ligatures and line ends, from ``corrections/characters.tsv``.

A rule may name a sequence of characters (``U+000D U+000A``: a Windows line end); the
longest sequence that fits wins, so a CR LF becomes one LF, not two.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import regex

from pipeline.clean.edits import Change
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.rules import RuleFileError, Where, read_table, rule_id

CODE_POINT = regex.compile(r"^U\+([0-9A-F]{4,6})$")


def _code_point(where: Where, value: str) -> str:
    match = CODE_POINT.match(value.strip())
    if not match:
        raise where.error(f"{value!r} is not a code point written as U+XXXX")
    return chr(int(match.group(1), 16))


def _code_points(where: Where, value: str) -> str:
    return "".join(_code_point(where, cp) for cp in value.split())


def _characters(where: Where, value: str) -> str:
    if not value.strip():
        raise where.error("the character column is empty")
    return _code_points(where, value)


COLUMNS = {"id": rule_id, "character": _characters, "replacement": _code_points, "note": lambda where, value: value}


class CharacterPass:
    """Replace or remove characters (or short sequences of them) wherever they occur.

    >>> p = CharacterPass({"\\ufb01": ("fi", "chars.ligature"), "\\u00ad": ("", "chars.invisible")})
    >>> [(c.start, c.end, c.replacement, c.rule) for c in p.propose("Ein\\u00adkauf ﬁnden", None, None)]
    [(3, 4, '', 'chars.invisible'), (9, 10, 'fi', 'chars.ligature')]
    >>> p = CharacterPass({"\\r\\n": ("\\n", "chars.line_end"), "\\r": ("\\n", "chars.line_end")})
    >>> [(c.start, c.end, c.replacement) for c in p.propose("a\\r\\nb\\rc", None, None)]
    [(1, 3, '\\n'), (4, 5, '\\n')]
    """

    name = "characters"

    def __init__(self, table: dict[str, tuple[str, str]]):
        self.table = table
        keys = sorted(table, key=len, reverse=True)
        self.pattern = regex.compile("|".join(regex.escape(c) for c in keys)) if table else None

    @classmethod
    def from_file(cls, path: Path) -> CharacterPass:
        table: dict[str, tuple[str, str]] = {}
        for row in read_table(path, COLUMNS):
            if row["character"] in table:
                shown = " ".join(f"U+{ord(c):04X}" for c in row["character"])
                raise RuleFileError(path, row["line"], f"character {shown} is listed twice")
            table[row["character"]] = (row["replacement"], row["id"])
        return cls(table)

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            replacement, rule = self.table[match.group()]
            yield Change(match.start(), match.end(), replacement, rule)
