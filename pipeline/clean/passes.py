"""What a cleaning pass is, and the context it works in."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from pipeline.clean.edits import Change


@dataclass
class PendingFlag:
    """A flag in ``raw`` coordinates, turned into a clean-text span when cleaning ends."""

    raw_start: int
    raw_end: int
    rule: str
    reason: str


@dataclass
class PassContext:
    """What a pass may read and add besides changes: the document's metadata and flags."""

    doc_id: str
    meta: dict[str, Any]
    flags: list[PendingFlag] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)  # raw spans of caption text
    # the text that the passes so far removed (their deletions, one a line; the cleaner sets it)
    removed: Callable[[], str] = field(default=lambda: "", repr=False, compare=False)
    # maps a position in the text the running pass sees to ``raw`` (the cleaner sets it)
    to_raw: Callable[[int], int] = field(default=lambda pos: pos, repr=False, compare=False)


class CleaningPass(Protocol):
    """A pass looks at the current text and proposes non-overlapping changes to it.

    It may also record flags through ``flag`` (current-text coordinates) and put facts
    it removed from the text (an author tag, a date) into ``context.meta``.
    """

    name: str

    def propose(self, text: str, context: PassContext, flag: FlagSink) -> Iterable[Change]: ...


class FlagSink(Protocol):
    def __call__(self, start: int, end: int, rule: str, reason: str) -> None: ...
