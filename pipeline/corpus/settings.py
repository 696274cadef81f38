"""The thresholds of corpus-level cleaning, from ``corrections/corpus.yaml``, validated."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from pipeline.rules import RuleFileError, check_keys, corrections_dir, load_yaml

# the rule ids of the clean pass for repeated lines (pipeline.clean.repeated_lines)
REPEATED_RULE = "chrome.repeated"
REPEATED_UNSURE = "chrome.repeated_unsure"

FILE_NAME = "corpus.yaml"


@dataclass(frozen=True)
class RepeatedLineSettings:
    min_documents: int = 3
    min_chars: int = 2
    min_source_documents: int = 5
    chrome_share: float = 0.5
    lead_min_words: int = 4
    content_min_words: int = 3


@dataclass(frozen=True)
class DuplicateSettings:
    shingle_words: int = 5
    num_perm: int = 120
    bands: int = 40
    threshold: float = 0.5
    min_words: int = 30
    seed: int = 1


@dataclass(frozen=True)
class CorpusSettings:
    repeated_lines: RepeatedLineSettings = RepeatedLineSettings()
    duplicates: DuplicateSettings = DuplicateSettings()


# (lowest allowed value, highest allowed value) of each setting
_RANGES: dict[str, tuple[float, float]] = {
    "min_documents": (2, 10**9),
    "min_chars": (1, 10**6),
    "min_source_documents": (2, 10**9),
    "chrome_share": (0.0, 1.0),
    "lead_min_words": (1, 1000),
    "content_min_words": (1, 1000),
    "shingle_words": (1, 50),
    "num_perm": (8, 4096),
    "bands": (1, 4096),
    "threshold": (0.05, 1.0),
    "min_words": (1, 10**6),
    "seed": (0, 2**32 - 1),
}


def _key_lines(path: Path) -> dict[tuple[str, str], int]:
    """The line (1-based) of every ``section: key`` in the file, for error messages."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    lines: dict[tuple[str, str], int] = {}
    if isinstance(root, yaml.MappingNode):
        for section, body in root.value:
            if isinstance(body, yaml.MappingNode):
                for key, _ in body.value:
                    lines[(section.value, key.value)] = key.start_mark.line + 1
    return lines


def _section(path: Path, data: dict[str, Any], name: str, cls: type, key_lines: dict[tuple[str, str], int]):
    body = data.get(name)
    if not isinstance(body, dict):
        raise RuleFileError(path, data["__line__"], f"'{name}' must be a mapping of settings")
    names = {f.name for f in fields(cls)}
    check_keys(path, body, set(), names)
    values = {}
    for key, value in body.items():
        if key == "__line__":
            continue
        line = key_lines.get((name, key), body["__line__"])
        default = getattr(cls, key)
        kind = float if isinstance(default, float) else int
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
            raise RuleFileError(path, line, f"{name}.{key} must be {'a number' if kind is float else 'a whole number'}, not {value!r}")
        low, high = _RANGES[key]
        if not low <= value <= high:
            raise RuleFileError(path, line, f"{name}.{key} = {value} is outside the allowed range [{low}, {high}]")
        values[key] = kind(value)
    return cls(**values), body["__line__"]


def load_corpus_settings(rules: Path | None = None) -> CorpusSettings:
    """Read ``corpus.yaml`` from the rule directory; a missing key keeps its default.

    A broken file raises :class:`~pipeline.rules.RuleFileError` naming the file and line.
    """
    path = (rules or corrections_dir()) / FILE_NAME
    data = load_yaml(path)
    check_keys(path, data, set(), {"repeated_lines", "duplicates"})
    key_lines = _key_lines(path)
    repeated, _ = _section(path, data, "repeated_lines", RepeatedLineSettings, key_lines) if "repeated_lines" in data else (RepeatedLineSettings(), 0)
    duplicates, line = _section(path, data, "duplicates", DuplicateSettings, key_lines) if "duplicates" in data else (DuplicateSettings(), 0)
    if duplicates.num_perm % duplicates.bands:
        where = key_lines.get(("duplicates", "bands"), line)
        raise RuleFileError(path, where, f"duplicates.num_perm ({duplicates.num_perm}) must be a multiple of bands ({duplicates.bands})")
    return CorpusSettings(repeated, duplicates)
