"""Screening after cleaning: which language a document is in.

The language goes into the record's ``lang`` and ``lang_confidence``. A document that is
confidently not German is flagged and kept (its record, its cleaning), but it is not sent to
translation: :class:`GermanOnly` lets a stage pass it by, deciding on ``lang``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pipeline.record import Document, Flag
from pipeline.stage import Stage

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


class Screen(Stage):
    """Sets ``lang`` and ``lang_confidence``, and flags a text that is not German."""

    name = "screen"
    reads = ("raw", "clean", "flags")
    writes = ("lang", "lang_confidence", "flags")

    def __call__(self, doc: Document) -> Document:
        text = doc.clean if doc.clean is not None else doc.raw
        doc.flags = [f for f in doc.flags if not f.rule.startswith("screen.")]  # screening again
        doc.lang, doc.lang_confidence = None, None
        if len(text.strip()) >= MIN_CHARS:
            lang, confidence = detect_language(text)
            doc.lang = lang
            doc.lang_confidence = round(confidence, 3)
            if not is_german(doc):
                doc.flags.append(
                    Flag(0, 0, "screen.not_german",
                         f"the text looks like language '{lang}' (confidence {confidence:.2f}), not German; "
                         f"it is not translated")
                )
        return doc


def is_german(doc: Document) -> bool:
    """False only for a document the screen found, confidently, to be in another language."""
    return doc.lang in (None, "de") or (doc.lang_confidence or 0.0) < MIN_CONFIDENCE


class GermanOnly(Stage):
    """Wrap a stage so that documents screened as not German pass by it unchanged."""

    def __init__(self, stage):
        self.stage = stage
        self.name = getattr(stage, "name", type(stage).__name__)
        self.reads = ("lang", "lang_confidence", *getattr(stage, "reads", ()))
        self.writes = tuple(getattr(stage, "writes", ()))

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
