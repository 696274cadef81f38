"""Screening after cleaning: which language a document is in, and read-stage warnings as flags.

A document that is confidently not German is flagged and kept (its record, its cleaning), but
it is not sent to translation: :class:`GermanOnly` lets a stage pass it by.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pipeline.record import Document, Flag

SAMPLE_CHARS = 1000  # enough for a confident decision; the cost grows with the sample
MIN_CHARS = 40
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence of the language of ``text`` (py3langid).

    >>> detect_language("Die Stadt hat am Montag neue Pläne für die Radwege vorgestellt.")[0]
    'de'
    """
    lang, confidence = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(confidence)


class Screen:
    """Adds ``meta['language']`` and flags for a foreign-language text or a legacy encoding."""

    name = "screen"

    def __call__(self, doc: Document) -> Document:
        text = doc.clean if doc.clean is not None else doc.raw
        if doc.meta.get("encoding") in ("cp1252", "latin-1"):
            doc.flags.append(
                Flag(0, 0, "read.legacy_encoding",
                     f"the file is not UTF-8; it was read as {doc.meta['encoding']}: check umlauts and quotes")
            )
        if len(text.strip()) >= MIN_CHARS:
            lang, confidence = detect_language(text)
            doc.meta["language"] = lang
            doc.meta["language_confidence"] = round(confidence, 3)
            if lang != "de" and confidence >= MIN_CONFIDENCE:
                doc.flags.append(
                    Flag(0, 0, "screen.not_german",
                         f"the text looks like language '{lang}' (confidence {confidence:.2f}), not German; "
                         f"it is not translated")
                )
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def is_german(doc: Document) -> bool:
    return not any(f.rule == "screen.not_german" for f in doc.flags)


class GermanOnly:
    """Wrap a stage so that documents screened as not German pass by it unchanged."""

    def __init__(self, stage):
        self.stage = stage
        self.name = getattr(stage, "name", type(stage).__name__)

    def __call__(self, doc: Document) -> Document:
        return self.stage(doc) if is_german(doc) else doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        docs = list(docs)
        german = [d for d in docs if is_german(d)]
        if hasattr(self.stage, "pipe"):
            done = iter(list(self.stage.pipe(german)))
        else:
            done = iter([self.stage(d) for d in german])
        for doc in docs:
            yield next(done) if is_german(doc) else doc
