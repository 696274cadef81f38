"""The document record: the one data structure that flows through every stage.

The format is written down here and nowhere else; ``pipeline/schema/document.schema.json``
is its JSON Schema, and a test checks that the two agree. Each stage takes a
:class:`Document` and returns it with its own fields filled in:

* read      -> ``id``, ``meta``, ``raw``
* clean     -> ``clean``, ``edits``, ``flags``, ``blocks``
* segment   -> ``sentences``
* translate -> ``translations`` (one per sentence, kept apart from the pairs)
* align     -> ``pairs``
* reference runs: read -> ``reference.raw``; the reference stages fill the rest of
  ``reference`` (its own ``clean``, ``edits``, ``sentences``) and the ``pairs`` with
  ``origin == "reference"``

Which stage reads and writes which field is declared on the stages themselves
(:class:`pipeline.stage.Stage`) and tabled in :mod:`pipeline.stages`.

Coordinates: ``Edit.start``/``Edit.end`` index into ``raw``; every other span
(flags, blocks, sentences) indexes into ``clean``. All spans are half-open
``[start, end)`` in Python string (code point) indices.

Bump :data:`SCHEMA_VERSION` whenever a field is added, removed or changes meaning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "1.2"  # 1.1: reference; 1.2: lang, lang_confidence

REVIEW_STATES = ("pending", "accepted", "rejected", "edited")
BLOCK_KINDS = ("title", "heading", "paragraph", "caption")


class RecordError(ValueError):
    """A serialised record does not have the shape this module writes."""


@dataclass
class Edit:
    """One change the cleaner made: ``raw[start:end]`` (== ``before``) became ``after``.

    ``rule`` names the rule (or rules, joined by ``+``, when a later rule rewrote the
    output of an earlier one) that made the change.
    """

    start: int
    end: int
    before: str
    after: str
    rule: str
    confidence: float = 1.0
    reason: str = ""


@dataclass
class Flag:
    """A span of ``clean`` a reviewer should look at, and why."""

    start: int
    end: int
    rule: str
    reason: str
    text: str = ""


@dataclass
class Block:
    """A title, heading, paragraph or caption, as a span of ``clean``."""

    kind: str
    start: int
    end: int


@dataclass
class Sentence:
    """A German sentence: ``clean[start:end] == text``; ``block`` indexes ``blocks``."""

    start: int
    end: int
    text: str
    block: int = 0


@dataclass
class Translation:
    """The model's English for one German sentence, with what the translator noticed."""

    sentence: int
    text: str
    logprob: float | None = None
    flags: list[PairFlag] = field(default_factory=list)


@dataclass
class PairFlag:
    """Why a reviewer should look at a pair (or a translation)."""

    rule: str
    reason: str


@dataclass
class Pair:
    """An aligned German/English pair with its scores, flags and review state.

    ``src``: indices into ``sentences``; ``tgt``: indices into the English sentences
    the pair was aligned against (empty when the English is our own translation).
    """

    id: str
    src: list[int]
    de: str
    en: str
    origin: str = "translation"  # "translation" (our model) or "reference" (given English)
    tgt: list[int] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    flags: list[PairFlag] = field(default_factory=list)
    review: str = "pending"


@dataclass
class Reference:
    """The article as given in another language (an English version), for a reference run.

    ``edits`` index ``raw``; ``flags``, ``blocks`` and ``sentences`` index ``clean``.
    ``translation``: a translation of the German that came with the document (then no model
    runs). ``unaligned_src`` (German sentences) and ``unaligned_tgt`` (reference sentences)
    list what the alignment left without partner.
    """

    lang: str
    raw: str
    source: str = ""
    clean: str | None = None
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    translation: list[str] | None = None
    unaligned_src: list[int] = field(default_factory=list)
    unaligned_tgt: list[int] = field(default_factory=list)


@dataclass
class Document:
    """One document and everything the stages found in it; one line of ``documents.jsonl``.

    ``id`` is unique in a run; ``raw`` is the text exactly as read and never changes;
    ``meta`` holds what the reader and the cleaner learned about the source (``source``,
    ``line``, ``encoding``, ``url``, ``title``, ``date``, ``author`` ...). ``clean`` is
    ``raw`` with ``edits`` applied (``None`` until the clean stage ran); ``flags`` are spans
    of ``clean`` (or, at ``0, 0``, the whole document) a reviewer should look at: every stage
    appends to them. ``blocks`` divide ``clean`` into titles, headings, paragraphs and
    captions; ``sentences`` are the German sentences, each inside one block;
    ``translations`` the model's English, one per sentence; ``pairs`` the aligned,
    scored sentence pairs a reviewer decides on. ``lang`` is the language the screen stage
    detected (ISO 639-1, ``None`` when the text was too short to tell) with its
    ``lang_confidence`` (0-1); documents not in German are not translated.
    """

    id: str
    raw: str
    meta: dict[str, Any] = field(default_factory=dict)
    clean: str | None = None
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    translations: list[Translation] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    reference: Reference | None = None
    lang: str | None = None
    lang_confidence: float | None = None
    schema_version: str = SCHEMA_VERSION

    # -- serialisation -------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON data (what ``dataclasses.asdict`` gives, several times faster)."""
        return {
            "id": self.id,
            "raw": self.raw,
            "meta": self.meta,
            "clean": self.clean,
            "edits": [dict(vars(e)) for e in self.edits],
            "flags": [dict(vars(f)) for f in self.flags],
            "blocks": [dict(vars(b)) for b in self.blocks],
            "sentences": [dict(vars(s)) for s in self.sentences],
            "translations": [_with_flags(t) for t in self.translations],
            "pairs": [_with_flags(p) for p in self.pairs],
            "reference": None if self.reference is None else _reference_dict(self.reference),
            "lang": self.lang,
            "lang_confidence": self.lang_confidence,
            "schema_version": self.schema_version,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if not isinstance(data, dict):
            raise RecordError(f"a document record must be a JSON object, not {type(data).__name__}")
        version = data.get("schema_version", SCHEMA_VERSION)
        if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise RecordError(
                f"record {data.get('id')!r} has schema_version {version}; this version of the "
                f"pipeline reads {SCHEMA_VERSION}. Re-run the pipeline on the input to rebuild it."
            )
        try:
            return cls(
                id=data["id"],
                raw=data["raw"],
                meta=dict(data.get("meta") or {}),
                clean=data.get("clean"),
                edits=[Edit(**e) for e in data.get("edits", [])],
                flags=[Flag(**f) for f in data.get("flags", [])],
                blocks=[Block(**b) for b in data.get("blocks", [])],
                sentences=[Sentence(**s) for s in data.get("sentences", [])],
                translations=[_translation(t) for t in data.get("translations", [])],
                pairs=[_pair(p) for p in data.get("pairs", [])],
                reference=None if data.get("reference") is None else _reference(data["reference"]),
                lang=data.get("lang"),
                lang_confidence=data.get("lang_confidence"),
                schema_version=version,
            )
        except (KeyError, TypeError) as exc:
            raise RecordError(f"record {data.get('id')!r} is malformed: {exc}") from exc

    @classmethod
    def from_json(cls, line: str) -> Document:
        return cls.from_dict(json.loads(line))


def _with_flags(item: Translation | Pair) -> dict[str, Any]:
    data = dict(vars(item))
    data["flags"] = [dict(vars(f)) for f in item.flags]
    for key in ("src", "tgt"):
        if key in data:
            data[key] = list(data[key])
    if "scores" in data:
        data["scores"] = dict(data["scores"])
    return data


def _reference_dict(ref: Reference) -> dict[str, Any]:
    return {
        **vars(ref),
        "edits": [dict(vars(e)) for e in ref.edits],
        "flags": [dict(vars(f)) for f in ref.flags],
        "blocks": [dict(vars(b)) for b in ref.blocks],
        "sentences": [dict(vars(s)) for s in ref.sentences],
        "translation": None if ref.translation is None else list(ref.translation),
        "unaligned_src": list(ref.unaligned_src),
        "unaligned_tgt": list(ref.unaligned_tgt),
    }


def _reference(data: dict[str, Any]) -> Reference:
    return Reference(**{
        **data,
        "edits": [Edit(**e) for e in data.get("edits", [])],
        "flags": [Flag(**f) for f in data.get("flags", [])],
        "blocks": [Block(**b) for b in data.get("blocks", [])],
        "sentences": [Sentence(**s) for s in data.get("sentences", [])],
    })


def _translation(data: dict[str, Any]) -> Translation:
    flags = [PairFlag(**f) for f in data.get("flags", [])]
    return Translation(**{**data, "flags": flags})


def _pair(data: dict[str, Any]) -> Pair:
    flags = [PairFlag(**f) for f in data.get("flags", [])]
    return Pair(**{**data, "flags": flags})


def field_names(cls: type) -> list[str]:
    """The serialised field names of a record class, in order (used by the schema test)."""
    return [f.name for f in fields(cls)]


SCHEMA_PATH = Path(__file__).parent / "schema" / "document.schema.json"


def load_schema() -> dict[str, Any]:
    """The record's JSON Schema (tracked in ``pipeline/schema/document.schema.json``)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
