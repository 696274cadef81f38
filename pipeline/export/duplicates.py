"""Leaving duplicates out of an export: documents that repeat an earlier one, repeated pairs.

The marks come from the run (:mod:`pipeline.corpus.duplicates`): ``meta['duplicate_of']`` on
a document, the pair flag ``pair.repeated`` on a pair.

>>> from pipeline.record import Document, Pair, PairFlag
>>> docs = [Document("a", "", pairs=[Pair("a:0", [0], "Ja.", "Yes.")]),
...         Document("b", "", meta={"duplicate_of": "a"}, pairs=[Pair("b:0", [0], "Ja.", "Yes.")]),
...         Document("c", "", pairs=[Pair("c:0", [0], "Ja.", "Yes.", flags=[PairFlag("pair.repeated", "as a:0")])])]
>>> left_out = DuplicateFilter()
>>> [(d.id, len(d.pairs)) for d in left_out.filter(docs)], left_out.summary()
([('a', 1), ('c', 0)], 'left out 1 duplicate document (1 pair) and 1 repeated pair; --keep-duplicates keeps them')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from pipeline.record import Document, Pair

REPEATED_PAIR = "pair.repeated"


def is_duplicate(doc: Document) -> bool:
    """Whether the run marked the document as a copy (exact or near) of an earlier one."""
    return bool(doc.meta.get("duplicate_of"))


def is_repeated_pair(pair: Pair) -> bool:
    """Whether the run marked the pair as a repeat of an earlier pair."""
    return any(f.rule == REPEATED_PAIR for f in pair.flags)


class DuplicateFilter:
    """Drops duplicate documents and repeated pairs (unless ``keep``) and counts what it dropped."""

    def __init__(self, keep: bool = False):
        self.keep = keep
        self.documents = self.document_pairs = self.pairs = 0

    def filter(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if self.keep:
                yield doc
            elif is_duplicate(doc):
                self.documents += 1
                self.document_pairs += len(doc.pairs)
            else:
                kept = [p for p in doc.pairs if not is_repeated_pair(p)]
                self.pairs += len(doc.pairs) - len(kept)
                yield doc if len(kept) == len(doc.pairs) else replace(doc, pairs=kept)

    def summary(self) -> str:
        def n(count: int, word: str) -> str:
            return f"{count} {word}" + ("" if count == 1 else "s")

        return (f"left out {n(self.documents, 'duplicate document')} ({n(self.document_pairs, 'pair')}) and "
                f"{n(self.pairs, 'repeated pair')}; --keep-duplicates keeps them")
