"""The stage contract: what every stage of a run is and which record fields it touches.

A stage is called on one :class:`~pipeline.record.Document` and returns it (the same object,
changed in place, is fine). ``reads`` names the record fields it looks at, ``writes`` the
fields it may change; a stage changes no other field (``tests/test_stage_contract.py`` runs
every stage on a fixture and checks). ``flags`` is shared: a stage that writes it appends its
own flags to what earlier stages flagged, it never drops theirs.

``pipe(docs)`` runs the stage over many documents; the default calls the stage on each in
turn. A stage that gains from batches (translation) overrides it. The table of all stages is
in :mod:`pipeline.stages`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar

from pipeline.record import Document, Flag


class Stage(ABC):
    """One step of a run: ``stage(doc) -> doc``, with the record fields it reads and writes."""

    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]] = ()
    writes: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def __call__(self, doc: Document) -> Document:
        """Fill this stage's fields of ``doc`` and return it."""

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def flags_of(doc: Document, *stages: str) -> list[Flag]:
    """The flags ``doc`` carries from the named stages (a flag's rule starts with its stage's name).

    A stage that runs again on a record keeps these and makes its own anew, so running it
    twice gives the same flags as running it once.
    """
    prefixes = tuple(f"{name}." for name in stages)
    return [f for f in doc.flags if f.rule.startswith(prefixes)]
