"""Leaving duplicates out of an export: documents that repeat an earlier one, repeated pairs.

The marks come from the run (:mod:`pipeline.corpus.duplicates`): ``meta['duplicate_of']`` on
a document, the pair flag ``pair.repeated`` on a pair. Both filters are on by default
(``--keep-duplicates`` turns them off) and count, like every filter, what they left out.

>>> from pipeline.record import Document, Pair, PairFlag
>>> a = Document("a", "", pairs=[Pair("a:0", [0], "Ja.", "Yes.")])
>>> b = Document("b", "", meta={"duplicate_of": "a"}, pairs=[Pair("b:0", [0], "Ja.", "Yes.")])
>>> c = Document("c", "", pairs=[Pair("c:0", [0], "Ja.", "Yes.", flags=[PairFlag("pair.repeated", "as a:0")])])
>>> [duplicate_document().applies(d, d.pairs[0]) for d in (a, b, c)]
[False, True, False]
>>> [repeated_pair().applies(d, d.pairs[0]) for d in (a, b, c)]
[False, False, True]
"""

from __future__ import annotations

from pipeline.export.filters import PairFilter
from pipeline.record import Document, Pair

REPEATED_PAIR = "pair.repeated"


def is_duplicate(doc: Document) -> bool:
    """Whether the run marked the document as a copy (exact or near) of an earlier one."""
    return bool(doc.meta.get("duplicate_of"))


def is_repeated_pair(pair: Pair) -> bool:
    """Whether the run marked the pair as a repeat of an earlier pair."""
    return any(f.rule == REPEATED_PAIR for f in pair.flags)


def duplicate_document() -> PairFilter:
    return PairFilter("duplicate", lambda doc, pair: is_duplicate(doc),
                      explain="in a document that repeats an earlier one (--keep-duplicates keeps them)")


def repeated_pair() -> PairFilter:
    return PairFilter("repeated-pair", lambda doc, pair: is_repeated_pair(pair),
                      explain="the same German and English as an earlier pair (--keep-duplicates keeps them)")
