"""Print and OCR layout: words hyphenated across line breaks, and hard-wrapped paragraphs.

Rule ids: ``print.dehyphenate`` (``Sicher-`` / ``heit`` → ``Sicherheit``; not before a
conjunction, where the hyphen is suspended or a dash: ``Ein-`` / ``und Ausgang``,
``Musik-`` / ``sondern``, which become ``Ein- und``, ``Musik- sondern``),
``print.line_break_hyphen`` (a real hyphen at a line end stays: ``US-`` / ``Wahl`` →
``US-Wahl``), ``print.unwrap`` (line breaks inside a hard-wrapped paragraph become spaces).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import regex

from pipeline.clean.edits import Change
from pipeline.clean.lexicon import zipf
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.list_items import LIST_ITEM  # the segmenter's list items too

LEFT_OF_HYPHEN = regex.compile(r"(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$")
RIGHT_OF_BREAK = regex.compile(r"[ \t]*(\p{L}+)")
LINE_END_HYPHEN = regex.compile(r"(?<=[\p{L}\p{N}])-[ \t]*\n")
HYPHENATED = regex.compile(r"[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+")
WORD_BEFORE = regex.compile(r"[\p{L}\p{N}]+", regex.REVERSE)  # matched backwards from a position
PARAGRAPH = regex.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
LINE_BREAK = regex.compile(r"[ \t]*\n[ \t]*")
SENTENCE_END = regex.compile(r"[.!?:\"“”»«)]$")
MIN_WRAPPED_LINE = 25


def hyphenated_words(text: str) -> set[str]:
    """Every whole hyphenated word of ``text`` (``HYPHENATED.findall`` as a set).

    The text is scanned for its hyphens with ``str.find``, and a word is matched only where
    one stands: a regex that starts at every letter of a long text takes 30 times as long.

    >>> sorted(hyphenated_words("Die Nord-Süd-Achse, ein E-Mail- und 2-Zimmer-Ding -- x-"))
    ['2-Zimmer-Ding', 'E-Mail', 'Nord-Süd-Achse']
    """
    words: set[str] = set()
    end = 0  # where the last word found ends: a hyphen before it belongs to that word
    at = text.find("-")
    while at >= 0:
        if at >= end:
            left = WORD_BEFORE.match(text, 0, at)
            word = HYPHENATED.match(text, left.start()) if left else None
            if word:
                words.add(word.group())
                end = word.end()
        at = text.find("-", at + 1)
    return words


class DehyphenatePass:
    """Join words split at line ends; a real hyphen stays. ``keep_lines`` as for :class:`UnwrapPass`.

    >>> from pipeline.rules import corrections_dir
    >>> p = DehyphenatePass(LexiconRules.from_dir(corrections_dir()))
    >>> text = ("Fragen der inneren Sicher-\\nheit und der kommenden US-\\nWahl beschäftigen alle Parteien\\n"
    ...         "und die Verbände gleichermaßen.")
    >>> [(text[c.start:c.end], c.replacement, c.rule) for c in p.propose(text, None, None)]
    [('-\\n', '', 'print.dehyphenate'), ('\\n', '', 'print.line_break_hyphen')]
    >>> [(text[c.start:c.end], c.rule) for c in UnwrapPass(p.rules).propose(text, None, None)]
    [('\\n', 'print.unwrap')]
    """

    name = "dehyphenate"

    def __init__(self, rules: LexiconRules, keep_lines: Sequence[regex.Pattern[str]] = ()):
        self.rules = rules
        self.keep_lines = list(keep_lines)

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        if "-\n" not in text and "- \n" not in text and "-\t\n" not in text:
            return
        # in `Nord-\nSüd-\nAchse` both breaks count
        changes = {}
        self._words: tuple[str, set[str]] | None = None
        self._searches: tuple[str, int] = (text, 0)  # plain searches of the text that found no word
        for hit in LINE_END_HYPHEN.finditer(text):
            left = LEFT_OF_HYPHEN.search(text, max(0, hit.start() - 200), hit.start())
            right = RIGHT_OF_BREAK.match(text, hit.end())
            if left is None or right is None:
                continue
            change = self._hyphen(text, left.group(), hit.start(), right)
            if self.keep_lines:
                line_start = text.rfind("\n", 0, hit.start()) + 1
                line_end = text.find("\n", right.end())
                joined = text[line_start : change.start] + change.replacement + text[change.end : line_end if line_end >= 0 else len(text)]
                if any(p.search(joined) for p in self.keep_lines):
                    continue  # joining would make a credit or tag appear: leave the lines as they are
            changes.setdefault(change.start, change)
        yield from changes.values()

    def _written_with_hyphen(self, text: str, word: str) -> bool:
        """Whether ``word`` stands as a whole hyphenated word in ``text``. The text's hyphenated
        words are collected once, the first time a plain substring search finds a word (most
        texts never need them) or after a few searches that found none (each reads the whole
        text); from then on they answer alone."""
        if self._words is None or self._words[0] is not text:
            searched = self._searches[1] if self._searches[0] is text else 0
            if searched < 3 and word not in text:
                self._searches = (text, searched + 1)
                return False
            self._words = (text, hyphenated_words(text))
        return word in self._words[1]

    def _hyphen(self, text: str, compound: str, hyphen: int, right_match: regex.Match[str]) -> Change:
        right = right_match.group(1)
        left = compound.rsplit("-", 1)[-1]
        br = LINE_BREAK.match(text, hyphen + 1)
        if (right in self.rules.suspended_hyphen_words and not text.startswith("-", right_match.end())
                and zipf(left + right) < self.rules.compound_tail_min):  # `ab-` / `sondern` is `absondern`
            return Change(br.start(), br.end(), " ", "print.unwrap", reason="line break after a suspended hyphen")
        keep = (
            right[0].isupper()
            or any(ch.isdigit() for ch in left)
            or (len(left) > 1 and left.isupper())
            or text.startswith("-", right_match.end())  # Tag-/und-Nacht-Gleiche: a chain of hyphens
            or self._written_with_hyphen(text, f"{compound}-{right}")  # written with a hyphen elsewhere
        )
        if keep:
            return Change(br.start(), br.end(), "", "print.line_break_hyphen", reason="a real hyphen at a line end")
        joined = left + right
        if zipf(joined) == 0 and left[0].islower() and zipf(left) >= 3 and zipf(right) >= 3:
            # deutsch-/französische: two known lower-case words that the lexicon does not know joined
            return Change(br.start(), br.end(), "", "print.line_break_hyphen", 0.8,
                          reason="a real hyphen between two adjectives at a line end")
        confidence = 1.0 if zipf(joined) > 0 else 0.8
        return Change(hyphen, br.end(), "", "print.dehyphenate", confidence,
                      reason="word hyphenated across a line break")



class UnwrapPass:
    """Unwrap hard-wrapped paragraphs; runs after :class:`DehyphenatePass`, whose line breaks
    it leaves alone (a line that still ends in a hyphen is never joined here).

    ``keep_lines`` are patterns (photo credits, end tags) that the earlier passes look for
    line by line: a paragraph in which joining the lines would make one of them appear is
    left as it is, so that cleaning the result again changes nothing.
    """

    name = "unwrap"

    def __init__(self, rules: LexiconRules, keep_lines: Sequence[regex.Pattern[str]] = (),
                 dehyphenate: DehyphenatePass | None = None):
        self.rules = rules
        self.keep_lines = list(keep_lines)
        self.dehyphenate = dehyphenate

    def propose(self, text: str, context: PassContext | None, flag: FlagSink | None) -> Iterable[Change]:
        if "\n" not in text:
            return
        for para in PARAGRAPH.finditer(text):
            if "\n" in para.group():
                yield from self._unwrap(para)

    def hard_wrapped(self, para: str) -> bool:
        """Whether the paragraph ``para`` (lines without a blank line between) is hard-wrapped:
        every line but the last fills most of the width, some line ends in mid-sentence, and
        joining its lines makes none of ``keep_lines`` appear."""
        lines = para.split("\n")
        if len(lines) < 2 or any(LIST_ITEM.match(line) for line in lines):
            return False
        longest = max(len(line.strip()) for line in lines)
        wrapped_min = max(MIN_WRAPPED_LINE, self.rules.wrapped_line_share * longest)
        if not all(len(line.strip()) >= wrapped_min for line in lines[:-1]):
            return False
        if not any(
            not SENTENCE_END.search(lines[i].rstrip()) or lines[i + 1].lstrip()[:1].islower()
            for i in range(len(lines) - 1)
        ):
            return False
        joined = LINE_BREAK.sub(" ", para)
        return not any(p.search(joined) for p in self.keep_lines)

    def _unwrap(self, para: regex.Match[str]) -> Iterable[Change]:
        """A paragraph is hard-wrapped when every line but the last fills most of the width and
        some line ends in mid-sentence; then all its line breaks go (decided for the paragraph
        as a whole, so cleaning the result again finds nothing to do)."""
        if not self.hard_wrapped(para.group()):
            return
        lines = para.group().split("\n")
        breaks = [m for m in LINE_BREAK.finditer(para.group())
                  if not lines[para.group().count("\n", 0, m.start())].rstrip().endswith("-")]
        if self.dehyphenate is not None and len(breaks) < len(lines) - 1:
            # a line-end hyphen that the dehyphenate pass left (joining would have made a credit
            # or tag appear) must stay left once the other lines are joined: else a second
            # cleaning joins it
            text, pieces, at = para.group(), [], 0
            for m in breaks:
                pieces += [text[at : m.start()], " "]
                at = m.end()
            unwrapped = "".join(pieces) + text[at:]
            if any(True for _ in self.dehyphenate.propose(unwrapped, None, None)):
                return
        for m in breaks:
            yield Change(para.start() + m.start(), para.start() + m.end(), " ", "print.unwrap",
                             reason="line break inside a hard-wrapped paragraph")
