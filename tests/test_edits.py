"""The edit model's invariants: edits replay raw into clean and undo clean into raw."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.edits import Change, EditError, EditLog, apply_edits, rebuild_raw

ALPHABET = "aäbcdeoöß- \n.„“ﬁ\u00ad\u200b"


@st.composite
def passes(draw):
    raw = draw(st.text(alphabet=ALPHABET, max_size=40))
    n_passes = draw(st.integers(0, 4))
    plan = []
    for p in range(n_passes):
        plan.append(draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 4), st.text(alphabet="xyz ", max_size=3)), max_size=5)))
    return raw, plan


def _non_overlapping(spec, length, rule):
    changes, last_end, last_insert = [], 0, None
    for start, width, repl in sorted(spec):
        start = min(start, length)
        end = min(start + width, length)
        if start < last_end or (start == end and last_insert == start):
            continue
        if start == end:
            last_insert = start
        changes.append(Change(start, end, repl, rule))
        last_end = end
    return changes


@settings(max_examples=300, deadline=None)
@given(passes())
def test_edits_replay_and_undo(case):
    raw, plan = case
    log = EditLog(raw)
    expected = raw
    for n, spec in enumerate(plan):
        changes = _non_overlapping(spec, len(log.text), f"rule.p{n}")
        # what the text should become, computed independently
        parts, pos = [], 0
        for c in changes:
            parts.append(expected[pos : c.start])
            parts.append(c.replacement)
            pos = c.end
        parts.append(expected[pos:])
        expected = "".join(parts)
        log.apply(changes)
        assert log.text == expected
    edits = log.edits()
    assert apply_edits(raw, edits) == log.text
    assert rebuild_raw(log.text, edits) == raw
    for a, b in zip(edits, edits[1:]):
        assert a.end <= b.start
    for e in edits:
        assert 0 <= e.start <= e.end <= len(raw)
        assert e.before != e.after


def test_later_rule_absorbs_earlier_edit():
    log = EditLog("VerdÃ¤chtige")
    log.apply([Change(4, 6, "ä", "chars.mojibake")])
    log.apply([Change(0, 5, "verdä", "test.lower")])
    [edit] = log.edits()
    assert (edit.before, edit.after, edit.rule) == ("VerdÃ¤", "verdä", "chars.mojibake+test.lower")


def test_overlapping_changes_in_one_pass_are_refused():
    log = EditLog("abcdef")
    with pytest.raises(EditError, match="overlaps"):
        log.apply([Change(0, 3, "x", "a"), Change(2, 4, "y", "b")])


def test_mismatching_edits_are_refused():
    log = EditLog("abc")
    log.apply([Change(0, 1, "x", "r")])
    with pytest.raises(EditError):
        rebuild_raw("zbc", log.edits())


def test_position_maps():
    log = EditLog("ab\u200bcd")
    log.apply([Change(2, 3, "", "chars.invisible")])
    assert log.text == "abcd"
    assert log.to_raw(3) == 4
    assert log.from_raw(4) == 3


def _naive_to_raw(pieces, pos):
    offset = 0
    for p in pieces:
        if pos < offset + len(p.text) or (pos == offset and not p.text):
            return p.raw_start if p.edited else p.raw_start + (pos - offset)
        offset += len(p.text)
    return None


def _naive_from_raw(pieces, raw_pos):
    offset = 0
    for p in pieces:
        if raw_pos < p.raw_end or raw_pos == p.raw_start:
            return offset if (p.edited or raw_pos < p.raw_start) else offset + (raw_pos - p.raw_start)
        offset += len(p.text)
    return offset


@settings(max_examples=200, deadline=None)
@given(passes())
def test_position_maps_agree_with_a_walk_over_the_pieces(case):
    raw, plan = case
    log = EditLog(raw)
    for n, spec in enumerate(plan):
        log.apply(_non_overlapping(spec, len(log.text), f"rule.p{n}"))
        for pos in range(len(log.text) + 1):
            expected = _naive_to_raw(log._pieces, pos)
            assert log.to_raw(pos) == (len(raw) if expected is None else expected)
        for raw_pos in range(len(raw) + 1):
            assert log.from_raw(raw_pos) == _naive_from_raw(log._pieces, raw_pos)
            assert 0 <= log.from_raw(raw_pos) <= len(log.text)
