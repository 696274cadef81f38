"""The edit model: every change to ``raw`` is recorded, so ``clean`` can be replayed and undone.

Cleaning runs as a series of passes. Each pass looks at the current text and proposes
:class:`Change` objects in *current* coordinates; :class:`EditLog` applies them and keeps,
for the whole series, a list of pieces that are either untouched slices of ``raw`` or
replacements made by rules. A change that touches the output of an earlier rule absorbs it,
so the final edits never overlap and always refer to ``raw``:

>>> log = EditLog("Sicher-\\nheit und ﬁnden")
>>> log.apply([Change(6, 8, "", "print.dehyphenate")])
1
>>> log.apply([Change(15, 16, "fi", "chars.ligature")])
1
>>> log.text
'Sicherheit und finden'
>>> [(e.start, e.end, e.before, e.after, e.rule) for e in log.edits()]
[(6, 8, '-\\n', '', 'print.dehyphenate'), (17, 18, 'ﬁ', 'fi', 'chars.ligature')]
>>> rebuild_raw(log.text, log.edits()) == log.raw
True
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.record import Edit


class EditError(ValueError):
    """Edits that cannot be applied: overlapping, out of range, or not matching the text."""


@dataclass(frozen=True)
class Change:
    """A proposed change in the coordinates of the text a pass looked at."""

    start: int
    end: int
    replacement: str
    rule: str
    confidence: float = 1.0
    reason: str = ""


@dataclass
class _Piece:
    raw_start: int
    raw_end: int
    text: str
    rules: tuple[str, ...] = ()  # empty: an untouched slice of raw
    confidence: float = 1.0
    reason: str = ""

    @property
    def edited(self) -> bool:
        return bool(self.rules)


class EditLog:
    """The current text of a document, as ``raw`` plus the edits made so far."""

    def __init__(self, raw: str):
        self.raw = raw
        self._pieces: list[_Piece] = [_Piece(0, len(raw), raw)] if raw else []
        self._text: str | None = raw
        self._offsets: tuple[list[int], list[int], list[int]] | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(p.text for p in self._pieces)
        return self._text

    def edits(self) -> list[Edit]:
        return [
            Edit(
                start=p.raw_start,
                end=p.raw_end,
                before=self.raw[p.raw_start : p.raw_end],
                after=p.text,
                rule="+".join(p.rules),
                confidence=p.confidence,
                reason=p.reason,
            )
            for p in self._pieces
            if p.edited
        ]

    def apply(self, changes: Iterable[Change]) -> int:
        """Apply changes given in current-text coordinates; returns how many were applied.

        Changes must not overlap each other. A change whose replacement equals the text it
        covers is ignored.
        """
        text = self.text
        todo = sorted(
            (c for c in changes if text[c.start : c.end] != c.replacement),
            key=lambda c: (c.start, c.end),
        )
        if not todo:
            return 0
        _check(todo, len(text))
        pieces = self._split_at(sorted({c.start for c in todo} | {c.end for c in todo}))
        starts = _offsets(pieces)
        # group the changes by the pieces they cover: changes that touch the same edited
        # piece are merged into one replacement of it
        groups: list[tuple[int, int, list[Change]]] = []
        j = 0
        for change in todo:
            while j < len(pieces) and _ends_before(pieces[j], starts[j], change):
                j += 1
            k = j
            while k < len(pieces) and _overlaps(pieces[k], starts[k], change):
                k += 1
            if groups and k > j and groups[-1][1] > j:
                i0, i1, members = groups[-1]
                groups[-1] = (i0, max(i1, k), members + [change])
            else:
                groups.append((j, k, [change]))
        out: list[_Piece] = []
        done = 0
        for i0, i1, members in groups:
            out.extend(pieces[done:i0])
            out.append(self._merge(members, pieces[i0:i1], starts[i0] if i0 < len(pieces) else 0, out))
            done = max(done, i1)
        out.extend(pieces[done:])
        self._pieces = _coalesce(out, self.raw)
        self._text = None
        self._offsets = None
        return len(todo)

    def to_raw(self, pos: int) -> int:
        """Map a position in the current text to ``raw`` (edited pieces map to their start)."""
        starts, ends, _raw_ends = self._index()
        for i in range(bisect.bisect_left(ends, pos), len(self._pieces)):
            piece = self._pieces[i]
            if pos < ends[i] or (pos == starts[i] and not piece.text):
                if piece.edited:
                    return piece.raw_start
                return piece.raw_start + (pos - starts[i])
        return len(self.raw)

    def from_raw(self, raw_pos: int) -> int:
        """Map a position in ``raw`` to the current text (inside an edit: to the edit's start)."""
        starts, ends, raw_ends = self._index()
        for i in range(bisect.bisect_left(raw_ends, raw_pos), len(self._pieces)):
            piece = self._pieces[i]
            if raw_pos < piece.raw_end or raw_pos == piece.raw_start:
                if piece.edited or raw_pos < piece.raw_start:
                    return starts[i]
                return starts[i] + (raw_pos - piece.raw_start)
        return ends[-1] if ends else 0

    def _index(self) -> tuple[list[int], list[int], list[int]]:
        """Current start and end and raw end of every piece, for bisecting; rebuilt after apply."""
        if self._offsets is None:
            starts, ends, offset = [], [], 0
            for p in self._pieces:
                starts.append(offset)
                offset += len(p.text)
                ends.append(offset)
            self._offsets = (starts, ends, [p.raw_end for p in self._pieces])
        return self._offsets

    # -- internals ----------------------------------------------------------------

    def _split_at(self, cuts: Sequence[int]) -> list[_Piece]:
        """Split untouched pieces at the given current positions (edited ones stay whole)."""
        result: list[_Piece] = []
        offset = 0
        for piece in self._pieces:
            end = offset + len(piece.text)
            if piece.edited:
                result.append(piece)
            else:
                lo = bisect.bisect_right(cuts, offset)
                hi = bisect.bisect_left(cuts, end)
                prev = offset
                for cut in list(cuts[lo:hi]) + [end]:
                    if cut > prev:
                        a = piece.raw_start + (prev - offset)
                        b = piece.raw_start + (cut - offset)
                        result.append(_Piece(a, b, self.raw[a:b]))
                    prev = cut
            offset = end
        return result

    def _merge(self, changes: list[Change], covered: list[_Piece], offset: int, before: list[_Piece]) -> _Piece:
        """One piece for a group of changes over the covered pieces (current offset ``offset``)."""
        if covered:
            raw_start, raw_end = covered[0].raw_start, covered[-1].raw_end
        else:  # a pure insertion between pieces
            raw_start = raw_end = before[-1].raw_end if before else 0
        text = "".join(p.text for p in covered)
        parts, pos = [], 0
        for c in changes:
            parts.append(text[pos : c.start - offset])
            parts.append(c.replacement)
            pos = c.end - offset
        parts.append(text[pos:])
        rules: list[str] = []
        reasons: list[str] = []
        confidence = 1.0
        for source in [p for p in covered if p.edited] + changes:
            for rule in getattr(source, "rules", None) or (source.rule,):
                if rule not in rules:
                    rules.append(rule)
            confidence = min(confidence, source.confidence)
            if source.reason and source.reason not in reasons:
                reasons.append(source.reason)
        return _Piece(raw_start, raw_end, "".join(parts), tuple(rules), confidence, "; ".join(reasons))


def _check(changes: list[Change], length: int) -> None:
    prev: Change | None = None
    for c in changes:
        if not 0 <= c.start <= c.end <= length:
            raise EditError(f"rule {c.rule}: span [{c.start}, {c.end}) lies outside the text (length {length})")
        if prev is not None and (c.start < prev.end or c.start == c.end == prev.start == prev.end):
            raise EditError(
                f"rule {c.rule}: change at [{c.start}, {c.end}) overlaps change "
                f"[{prev.start}, {prev.end}) of rule {prev.rule} in the same pass"
            )
        prev = c


def _offsets(pieces: list[_Piece]) -> list[int]:
    starts, offset = [], 0
    for p in pieces:
        starts.append(offset)
        offset += len(p.text)
    return starts


def _ends_before(piece: _Piece, start: int, change: Change) -> bool:
    return start + len(piece.text) <= change.start


def _overlaps(piece: _Piece, start: int, change: Change) -> bool:
    end = start + len(piece.text)
    if change.start == change.end:
        return piece.edited and start < change.start < end
    if not piece.text:  # an empty (deleted) piece strictly inside the change is absorbed
        return change.start < start < change.end
    return start < change.end and end > change.start


def _coalesce(pieces: list[_Piece], raw: str) -> list[_Piece]:
    """Drop edits that restored the original and join neighbouring untouched slices."""
    out: list[_Piece] = []
    for p in pieces:
        if p.edited and p.text == raw[p.raw_start : p.raw_end]:
            p = _Piece(p.raw_start, p.raw_end, p.text)
        if p.raw_start == p.raw_end and not p.text:
            continue
        if out and not p.edited and not out[-1].edited and out[-1].raw_end == p.raw_start:
            prev = out.pop()
            p = _Piece(prev.raw_start, p.raw_end, raw[prev.raw_start : p.raw_end])
        out.append(p)
    return out


def apply_edits(raw: str, edits: Sequence[Edit]) -> str:
    """Replay edits over ``raw``; raises :class:`EditError` if they do not fit it."""
    parts, pos = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos or e.end > len(raw) or raw[e.start : e.end] != e.before:
            raise EditError(f"edit {e.rule} at [{e.start}, {e.end}) does not match the raw text")
        parts.append(raw[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(raw[pos:])
    return "".join(parts)


def rebuild_raw(clean: str, edits: Sequence[Edit]) -> str:
    """Undo edits over ``clean``; raises :class:`EditError` if they do not fit it."""
    parts, pos, delta = [], 0, 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        at = e.start + delta
        if at < pos or clean[at : at + len(e.after)] != e.after:
            raise EditError(f"edit {e.rule} at raw [{e.start}, {e.end}) does not match the clean text")
        parts.append(clean[pos:at])
        parts.append(e.before)
        pos = at + len(e.after)
        delta += len(e.after) - (e.end - e.start)
    parts.append(clean[pos:])
    return "".join(parts)
