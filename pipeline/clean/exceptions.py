"""Edits a reviewer marked wrong, kept as data, so the cleaner does not make them again.

An exception names the rule, the text it changed (``before``), what it made of it (``after``)
and some text on each side (``left``/``right``), so it stops that one change and not the rule
everywhere. The cleaner reads ``corrections/exceptions.yaml`` when it exists and the file named
by ``$PIPELINE_EXCEPTIONS`` when that is set, and drops every proposed change an exception
matches. Context is compared with runs of whitespace collapsed. An edit that several rules
made together (``rule`` joins their ids with ``+``) stops each of their changes that lies inside
its ``before`` text in the same context.

>>> from pipeline.clean.edits import Change
>>> text = "Seite 1. Startseite Politik"
>>> ex = Exceptions([EditException(rule="chrome.breadcrumb", before="1. Startseite", after="",
...                             left="Seite ", right=" Politik")])
>>> ex.excepts(Change(6, 19, "", "chrome.breadcrumb"), text)
True
>>> ex.excepts(Change(6, 19, "", "chrome.other"), text)
False
>>> ex.excepts(Change(6, 19, "", "chrome.breadcrumb"), "Zeile 1. Startseite Politik")
False
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import regex
import yaml

from pipeline.clean.edits import Change
from pipeline.rules import RuleFileError, check_keys, corrections_dir, load_yaml

EXCEPTIONS_FILE = "exceptions.yaml"
ENV = "PIPELINE_EXCEPTIONS"
_SPACE = regex.compile(r"\s+")
_MATCH_KEYS = ("rule", "before", "after", "left", "right")
HEADER = (
    "# Edits a reviewer marked wrong: the cleaner does not make them again.\n"
    "# Each entry: rule id, the text before and after the edit, and the text left and right of it\n"
    "# (runs of whitespace compare equal). Written by the review tools; safe to edit by hand.\n"
)


class _Dumper(yaml.SafeDumper):
    """Writes text with invisible characters, line breaks or edge spaces in double quotes, escaped."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    quoted = text != text.strip() or not text.isprintable()
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"' if quoted else None)


_Dumper.add_representer(str, _represent_str)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text)


@dataclass(frozen=True)
class EditException:
    """One edit not to make again."""

    rule: str
    before: str
    after: str
    left: str = ""
    right: str = ""
    document: str = ""
    who: str = ""
    when: str = ""
    note: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(getattr(self, k) for k in _MATCH_KEYS)

    def matches(self, change: Change, text: str) -> bool:
        rules = self.rule.split("+")
        if change.rule not in rules:
            return False
        covered = text[change.start : change.end]
        if len(rules) == 1:
            return covered == self.before and change.replacement == self.after and self._around(change, text, 0)
        # an edit several rules made together: later rules rewrote the output of earlier ones, so
        # each rule's change is stopped where its text lies inside ``before`` in the same context
        at = self.before.find(covered)
        while at >= 0:
            if self._around(change, text, at):
                return True
            at = self.before.find(covered, at + 1)
        return False

    def _around(self, change: Change, text: str, at: int) -> bool:
        """Whether the text around ``change`` agrees with the context, ``change`` at ``before[at:]``."""
        left_want = _squash(self.left + self.before[:at])
        right_want = _squash(self.before[at + change.end - change.start :] + self.right)
        left = _squash(text[max(0, change.start - 2 * len(left_want) - 1) : change.start])
        right = _squash(text[change.end : change.end + 2 * len(right_want) + 1])
        return left.endswith(left_want) and right.startswith(right_want)


@dataclass
class Exceptions:
    entries: list[EditException] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def excepts(self, change: Change, text: str) -> bool:
        """Whether ``change``, proposed over ``text``, is one a reviewer marked wrong."""
        return any(entry.matches(change, text) for entry in self.entries)

    def filter(self, text: str, changes: Iterable[Change]) -> list[Change]:
        """The proposed changes no exception matches."""
        changes = list(changes)
        if not self.entries:
            return changes
        return [c for c in changes if not self.excepts(c, text)]


def load_exceptions(path: Path | str, missing_ok: bool = False) -> Exceptions:
    """Read an exceptions file; a broken one raises :class:`RuleFileError` naming file and line."""
    path = Path(path)
    if missing_ok and not path.exists():
        return Exceptions([], [])
    data = load_yaml(path)
    check_keys(path, data, set(), {"exceptions"})
    items = data.get("exceptions") or []
    if not isinstance(items, list):
        raise RuleFileError(path, data.get("__line__"), "'exceptions' must be a list of entries")
    entries = []
    names = {f for f in EditException.__dataclass_fields__}
    for item in items:
        if not isinstance(item, dict):
            raise RuleFileError(path, None, f"each exception must be a mapping, not {item!r}")
        check_keys(path, item, {"rule", "before", "after"}, names - {"rule", "before", "after"})
        values = {k: v for k, v in item.items() if k != "__line__"}
        bad = [k for k, v in values.items() if not isinstance(v, str)]
        if bad:
            raise RuleFileError(path, item["__line__"], f"{', '.join(bad)} must be text (quote it)")
        entries.append(EditException(**values))
    return Exceptions(entries, [path])


def exception_files(rules: Path | None = None) -> list[tuple[Path, bool]]:
    """The files the cleaner honours, each with whether it may be missing."""
    paths = [(Path(rules or corrections_dir()) / EXCEPTIONS_FILE, True)]
    if os.environ.get(ENV):
        paths.append((Path(os.environ[ENV]), False))
    return paths


def default_exceptions(rules: Path | None = None) -> Exceptions:
    """What the cleaner honours: ``<rules>/exceptions.yaml`` if present, plus ``$PIPELINE_EXCEPTIONS``."""
    found = Exceptions()
    for path, missing_ok in exception_files(rules):
        loaded = load_exceptions(path, missing_ok=missing_ok)
        found.entries.extend(loaded.entries)
        found.sources.extend(loaded.sources)
    return found


def exceptions_fingerprint(rules: Path | None = None) -> str:
    """SHA-256 over the exception files the cleaner would read now (their names and contents).

    A run records it, so resuming after an exception was added is refused like any other change
    of the rules.
    """
    digest = hashlib.sha256()
    for path, _ in exception_files(rules):
        digest.update(path.name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"(missing)")
        digest.update(b"\0")
    return digest.hexdigest()


def write_exceptions(path: Path | str, entries: Iterable[EditException]) -> Path:
    """Write entries (without duplicates) to ``path``, replacing it atomically."""
    path = Path(path)
    unique: dict[tuple[str, ...], EditException] = {}
    for entry in entries:
        unique.setdefault(entry.key, entry)
    items = [{k: v for k, v in asdict(e).items() if v or k in _MATCH_KEYS} for e in unique.values()]
    body = yaml.dump({"exceptions": items}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(HEADER + body, encoding="utf-8")
    os.replace(tmp, path)
    return path


def add_exception(path: Path | str, entry: EditException) -> Path:
    """Add one exception to the file at ``path`` (created if missing)."""
    existing = load_exceptions(path, missing_ok=True).entries
    return write_exceptions(path, [*existing, entry])


def copy_exceptions(source: Path | str, target: Path | str | None = None) -> Path:
    """Merge the exceptions in ``source`` into ``target`` (default ``corrections/exceptions.yaml``)."""
    target = Path(target) if target is not None else corrections_dir() / EXCEPTIONS_FILE
    merged = load_exceptions(target, missing_ok=True).entries + load_exceptions(source).entries
    return write_exceptions(target, merged)
