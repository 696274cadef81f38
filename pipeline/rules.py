"""Loading rule data from ``corrections/``: YAML and TSV files, validated, with line numbers.

Every stage that reads rules goes through here, so a broken rule file always stops with
the same kind of error: which file, which line, what is wrong and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
import yaml

RULE_ID = regex.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


def corrections_dir() -> Path:
    """The rule directory: ``$PIPELINE_CORRECTIONS``, the ``corrections/`` an installed package
    ships inside itself, or the one at the top of the checkout."""
    env = os.environ.get("PIPELINE_CORRECTIONS")
    if env:
        return Path(env)
    installed = Path(__file__).resolve().parent / "corrections"
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / "corrections"


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line (1-based) where each mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML rule file; each mapping in it carries ``__line__``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot read the rule file ({exc.strerror})") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleFileError(path, line, f"not valid YAML: {exc.problem}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(path, 1, "expected a mapping at the top of the file")
    return data


def check_keys(path: Path, item: dict[str, Any], required: set[str], optional: set[str]) -> None:
    line = item.get("__line__")
    keys = set(item) - {"__line__"}
    missing = required - keys
    if missing:
        raise RuleFileError(path, line, f"missing key(s): {', '.join(sorted(missing))}")
    unknown = keys - required - optional
    if unknown:
        allowed = ", ".join(sorted(required | optional))
        raise RuleFileError(path, line, f"unknown key(s): {', '.join(sorted(unknown))} (allowed: {allowed})")


def check_rule_id(path: Path, line: int | None, rule_id: Any, seen: set[str]) -> str:
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise RuleFileError(
            path, line, f"rule id {rule_id!r} must look like 'group.name' (lower case, digits, _ and .)"
        )
    if rule_id in seen:
        raise RuleFileError(path, line, f"rule id {rule_id!r} is used twice")
    seen.add(rule_id)
    return rule_id


def compile_pattern(path: Path, line: int | None, pattern: Any, flags: int = 0) -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleFileError(path, line, "pattern must be a non-empty string")
    try:
        compiled = regex.compile(pattern, flags | regex.V1)
    except regex.error as exc:
        raise RuleFileError(path, line, f"pattern {pattern!r} is not a valid regular expression: {exc}") from exc
    if compiled.search(""):
        raise RuleFileError(path, line, f"pattern {pattern!r} matches the empty string and would match everything")
    return compiled


@dataclass(frozen=True)
class TsvRow:
    line: int
    fields: tuple[str, ...]


def read_tsv(path: Path, columns: int) -> Iterator[TsvRow]:
    """Rows of a TSV rule file; ``#`` starts a comment line, blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot read the rule file ({exc.strerror})") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = tuple(line.split("\t"))
        if len(fields) != columns:
            raise RuleFileError(
                path, number, f"expected {columns} tab-separated columns, found {len(fields)}"
            )
        yield TsvRow(number, fields)


def read_word_list(path: Path) -> list[tuple[int, str]]:
    """One entry a line; ``#`` starts a comment; returns (line, entry) pairs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise RuleFileError(path, None, f"cannot read the rule file ({exc.strerror})") from exc
    out = []
    for number, line in enumerate(lines, 1):
        entry = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if entry:
            out.append((number, entry))
    return out


def rules_fingerprint(rules: Path | None = None) -> str:
    """SHA-256 over every rule file, so outputs and caches can say which rules made them."""
    import hashlib

    root = rules or corrections_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
