"""Loading rule data from ``corrections/``: YAML and TSV files, validated, with line numbers.

Every stage that reads rules goes through here, so a broken rule file always stops with
the same kind of error: which file, which line, what is wrong and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
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


# -- declarative specs ------------------------------------------------------------------
#
# A rule file is described, not hand-checked: a spec maps each key of a mapping to a
# :class:`Key` (required or not, a default, a check that validates and converts the value).
# ``read_mapping`` applies a spec to one mapping, ``read_rule_list`` to a list of rules; every
# error they raise names FILE:LINE of the mapping it is about.


@dataclass
class Where:
    """What a check is looking at: the file, the line of the mapping, the key, and the rule ids seen."""

    path: Path
    line: int | None
    key: str
    seen: set[str]

    def error(self, message: str) -> RuleFileError:
        return RuleFileError(self.path, self.line, message)


Check = Callable[[Where, Any], Any]


@dataclass(frozen=True)
class Key:
    check: Check = lambda where, value: value
    required: bool = True
    default: Any = None


Spec = Mapping[str, Key]


def read_mapping(path: Path, item: Any, spec: Spec, seen: set[str] | None = None,
                 line: int | None = None, what: str = "each rule") -> dict[str, Any]:
    """The values of ``item`` under ``spec`` (checked and converted), plus ``line``."""
    if not isinstance(item, dict):
        raise RuleFileError(path, line, f"{what} must be a mapping, found {item!r}")
    check_keys(path, item, {k for k, v in spec.items() if v.required}, {k for k, v in spec.items() if not v.required})
    line = item.get("__line__", line)
    seen = set() if seen is None else seen
    out = {name: key.check(Where(path, line, name, seen), item[name]) if name in item else key.default
           for name, key in spec.items()}
    out["line"] = line
    return out


def read_rule_list(path: Path, data: dict[str, Any], name: str, spec: Spec, seen: set[str],
                   allow_empty: bool = False) -> list[dict[str, Any]]:
    """Each rule of the list ``data[name]``, read with :func:`read_mapping` (rule ids unique across ``seen``)."""
    items = data[name]
    if not isinstance(items, list) or not (items or allow_empty):
        raise RuleFileError(path, data.get("__line__", 1), f"'{name}' must be a {'' if allow_empty else 'non-empty '}list of rules")
    return [read_mapping(path, item, spec, seen, what=f"each rule in '{name}'") for item in items]


# checks for specs: each takes (where, value) and returns the value to use


def rule_id(where: Where, value: Any) -> str:
    return check_rule_id(where.path, where.line, value, where.seen)


def pattern(flags: int = 0) -> Check:
    return lambda where, value: compile_pattern(where.path, where.line, value, flags)


def one_of(choices: Sequence[str], message: str = "{key} must be one of {choices}, not {value!r}") -> Check:
    def check(where: Where, value: Any) -> Any:
        if value not in choices:
            raise where.error(message.format(key=where.key, choices=", ".join(choices), value=value))
        return value
    return check


def number(at_least: float | None = None, whole: bool = False, label: str = "{key}",
           convert: Callable[[Any], Any] | None = None, nullable: bool = False) -> Check:
    def check(where: Where, value: Any) -> Any:
        if value is None and nullable:
            return None
        kinds = (int,) if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or (at_least is not None and value < at_least):
            bound = f" >= {at_least:g}" if at_least is not None else ""
            raise where.error(f"{label.format(key=where.key)} must be {'a whole number' if whole else 'a number'}{bound}, not {value!r}")
        return convert(value) if convert else value
    return check


def text(non_empty: bool = False) -> Check:
    def check(where: Where, value: Any) -> str:
        if non_empty and (not isinstance(value, str) or not value.strip()):
            raise where.error(f"{where.key} must be a non-empty text")
        return str(value)
    return check


def words(where: Where, value: Any) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise where.error(f"{where.key} must be a list of words")
    return frozenset(w.strip() for w in value)


def strings(where: Where, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise where.error(f"{where.key} must be a list of texts")
    return tuple(value)


def mapping(spec: Spec) -> Check:
    """A nested mapping read with its own spec (its values, without ``line``)."""
    def check(where: Where, value: Any) -> dict[str, Any]:
        out = read_mapping(where.path, {} if value is None else value, spec, where.seen, where.line, what=where.key)
        del out["line"]
        return out
    return check


EXAMPLES = Key(mapping({"match": Key(strings, False, ()), "keep": Key(strings, False, ())}), False,
               {"match": (), "keep": ()})


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


def read_table(path: Path, columns: Mapping[str, Check]) -> Iterator[dict[str, Any]]:
    """Rows of a TSV rule file as ``{column: checked value, "line": n}``, the columns in order."""
    for row in read_tsv(path, len(columns)):
        values = {name: check(Where(path, row.line, name, set()), value)
                  for (name, check), value in zip(columns.items(), row.fields)}
        values["line"] = row.line
        yield values


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
