"""Sentence splitting with character spans.

One compiled pattern finds every place a sentence may end (terminal punctuation with its
closing quotes, an emoticon, a closed quotation followed by an opening one); each place is
then judged by a few rules on the word before it and the word after it, with abbreviations
and sentence starters read from ``corrections/`` (see :mod:`pipeline.segment.lexicon`).
A second pattern finds sentences that lost their period: a starter marked ``bare`` right after
a lower-case word. Line breaks inside a paragraph are judged in :mod:`pipeline.segment.lines`;
a blank line always ends a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex

from pipeline.segment.lexicon import Lexicon, load_lexicon
from pipeline.segment.lines import line_boundaries

CLOSERS = "\"'”“»«’‘)\\]"
OPENERS = "\"'„“»«‚‘`(\\["
EMOTICON = r"(?:[:;=][-o^']?[()DPp\[\]/|*]+|\^\^|<3)"
CANDIDATE = regex.compile(
    rf"""
    (?P<punct>[.!?…]+)(?P<close>[{CLOSERS}]*)(?P<emo>(?:[ \t]+{EMOTICON}(?=\s|$))*)(?=\s)
    | (?<!\S)(?P<smiley>{EMOTICON})(?=\s)
    | (?<=[\p{{L}}\p{{N}}])(?P<quote>["”“«»]|'')(?=\s+(?:["„“»«‚]|``)\p{{L}})
    """,
    regex.VERBOSE,
)
# after the white space: opening quotes or brackets, then the first character of the next word
NEXT = regex.compile(rf"\s+(?P<open>[{OPENERS}]*)(?P<first>\S?)(?P<word>[\p{{L}}'’]*)")
BLANK_LINE = regex.compile(r"\n[ \t\r\f\v]*\n")
ROMAN = regex.compile(r"(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
SECTION_NUMBER = regex.compile(r"(?:\p{Lu}\.)?\d{1,4}(?:\.\d{1,3})*")
LABEL = regex.compile(r"[ \t]*(?:\p{Lu}\p{L}*[ \t]+)?")
LABEL_WINDOW = 40  # a label word and its number are short
INITIALS = regex.compile(r"\p{Lu}(?:\.\p{Lu})*")
NEXT_PART = regex.compile(r" ?([\p{L}\d]+)\.")
NO_VOWEL = regex.compile(r"(?=\p{L}+$)(?=.*\p{Ll})[^aeiouyäöüAEIOUYÄÖÜ]+")
QUOTES = "\"'”“„»«‚‘’`"
NEVER_FIRST = ".,;:!?)]}…%"  # what a sentence never starts with
LEADING = "\"'„“»«‚‘`([{"
ELLIPSIS = ("…", "..")
QUOTE_WINDOW = 1000  # how far back an open quotation is looked for
# languages that write ordinal numbers with a period ("am 3. Juni", "der 20. Jahrhundert")
ORDINAL_PERIOD = frozenset({"de", "da", "nb", "nn", "no", "cs", "sk", "sl", "hr", "sr", "fi", "et", "hu", "is", "tr"})
# a double quotation mark, opening or closing: told apart by what stands before and after it,
# so „…“, »…«, «…», “…” and "…" all count, whatever the language's convention
QUOTE_MARK = regex.compile(r"""(?P<open>„|(?<![^\s(\[])["“”»«](?=\S))|(?P<close>(?<=\S)["“”»«])""")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


class SentenceSplitter:
    """Split a paragraph into sentences; returns spans of non-space text, in order.

    >>> s = SentenceSplitter("de")
    >>> text = "Er kam am 3. Juni, z. B. mit Dr. Meier. Dann ging er."
    >>> [text[x.start:x.end] for x in s.split(text)]
    ['Er kam am 3. Juni, z. B. mit Dr. Meier.', 'Dann ging er.']
    """

    def __init__(self, lang: str = "de", rules: Path | None = None):
        self.lang = lang
        self.lexicon: Lexicon = load_lexicon(lang, rules)
        self.ordinals = lang in ORDINAL_PERIOD
        # a bare sentence starter right after a lower-case letter: a boundary that lost its period
        self.bare = (
            regex.compile(
                r"\b(?:"
                + "|".join(sorted(self.lexicon.bare, key=len, reverse=True))
                + r")\b(?<=(?P<before>\p{L}*\p{Ll})[\"“”»«'’]*\s+\p{L}+)(?![-'’])"
            )
            if self.lexicon.bare
            else None
        )

    def split(self, text: str) -> list[Span]:
        spans, start = [], 0
        for end in self.boundaries(text):
            spans.extend(_trimmed(text, start, end))
            start = end
        spans.extend(_trimmed(text, start, len(text)))
        return spans

    def boundaries(self, text: str) -> list[int]:
        """Offsets where a sentence ends (each one is where the next one's white space begins)."""
        found = {m.start() for m in BLANK_LINE.finditer(text)}
        for match in CANDIDATE.finditer(text):
            end = match.end()
            nxt = NEXT.match(text, end)
            if nxt is not None and self._ends_sentence(text, match, nxt):
                found.add(end)
        if self.bare is not None:
            non_final = self.lexicon.non_final
            found.update(m.start() for m in self.bare.finditer(text) if m.group("before") not in non_final)
        if "\n" in text:
            found.update(line_boundaries(text))
        return sorted(found)

    def _ends_sentence(self, text: str, match: regex.Match, nxt: regex.Match) -> bool:
        first, opened = nxt.group("first"), nxt.group("open")
        if not first or first in NEVER_FIRST and not opened:  # "(...) Dann" may start one
            return False
        if match.group("quote") is not None:
            return True
        lower = first.islower()
        if match.group("smiley") is not None:
            return not lower
        punct, closed = match.group("punct"), match.group("close")
        if closed and closed[-1] in QUOTES and any(q in QUOTES for q in opened):
            return True  # one quotation closes after its final punctuation, the next one opens
        if lower:
            return False
        if "!" in punct or "?" in punct:
            return True
        if punct.startswith(ELLIPSIS):
            return not self._ellipsis_inside(text, match.start(), closed)
        if closed:
            return True  # "… usw.) Dann", "„Ja.“ Dann": the closing mark ends the abbreviation too
        return self._period_ends(text, match.start(), nxt)

    def _ellipsis_inside(self, text: str, at: int, closed: str) -> bool:
        """An ellipsis that marks a pause or an omission: "[…]", or inside an open quotation."""
        if at and text[at - 1] in "[(":
            return True
        if closed:
            return False
        window = max(0, at - QUOTE_WINDOW)
        depth = 0
        for mark in QUOTE_MARK.finditer(text, max(window, text.rfind("\n\n", window, at)), at):
            depth += 1 if mark.group("open") else -1
        return depth > 0

    def _period_ends(self, text: str, dot: int, nxt: regex.Match) -> bool:
        """Whether the period at ``dot``, followed by a capital, digit or symbol, ends a sentence."""
        tokens = text[max(0, dot - 40) : dot].split()
        if not tokens or dot - 40 > 0 and len(tokens) == 1:
            return True
        token = tokens[-1].lstrip(LEADING)
        if not token:
            return True
        if "-" in token:  # "Goethe-Str.": the part after the last hyphen
            token = token.rsplit("-", 1)[1] or token
        chain = self._chain(tokens)
        if self._continues_abbreviation(text, dot, chain or token):
            return False
        kind = self.lexicon.kind(chain) if chain else None
        if kind is None:
            kind = self.lexicon.kind(token)
        first, word = nxt.group("first"), nxt.group("first") + nxt.group("word")
        if kind == "number":
            return not first.isdigit()
        if kind == "inner":
            return False
        if INITIALS.fullmatch(token) and len(word) == 1 and text.startswith(".", nxt.end()):
            return False  # a run of initials: "J. I. Smith"
        if kind == "final" or INITIALS.fullmatch(token) or NO_VOWEL.fullmatch(token):
            return word in self.lexicon.starters
        if SECTION_NUMBER.fullmatch(token) and _labels_line(text, dot - len(tokens[-1])):
            return False  # a list item or a heading's number: "1. Einleitung", "Tabelle 2.1. Werkzeuge"
        if token.isdigit():
            if self.ordinals:
                return self._after_ordinal(token, first, word)
        elif self.ordinals and ROMAN.fullmatch(token):
            return word in self.lexicon.starters  # "Ludwig XIV. Der …" but "Heinrich IV. König …"
        return True

    def _after_ordinal(self, number: str, first: str, word: str) -> bool:
        if first.isdigit():
            return len(number) > 2  # "am 3. 10. 2016" is a date
        if word in self.lexicon.starters:
            return True
        return len(number) > 3  # "im 20. Jahrhundert" but "im Jahr 2016. Danach"

    def _chain(self, tokens: list[str]) -> str | None:
        """The longest known multi-part abbreviation ending here ("z. B", "i. d. R"), lookup form."""
        if len(tokens) < 2 or not tokens[-2].endswith("."):
            return None
        for n in (3, 2):
            if n == 3 and (len(tokens) < 3 or not tokens[-3].endswith(".")):
                continue
            chain = "".join(tokens[-n:]).lstrip(LEADING)
            if self.lexicon.kind(chain) or self.lexicon.is_prefix(chain):
                return chain
        return None

    def _continues_abbreviation(self, text: str, dot: int, chain: str) -> bool:
        """Whether this period sits inside a multi-part abbreviation that goes on after it."""
        pos = dot + 1
        while self.lexicon.is_prefix(chain):
            part = NEXT_PART.match(text, pos)
            if part is None:
                return False
            chain, pos = f"{chain}.{part.group(1)}", part.end()
            if self.lexicon.kind(chain):
                return True
        return False


def _labels_line(text: str, at: int) -> bool:
    """Whether the number at ``at`` starts its line, alone or after one capitalised word ("Kapitel 3.")."""
    window = max(0, at - LABEL_WINDOW)
    newline = text.rfind("\n", window, at)
    if newline < 0 and window > 0:
        return False
    return LABEL.fullmatch(text, newline + 1, at) is not None


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return []
    lead = len(chunk) - len(chunk.lstrip())
    return [Span(start + lead, start + lead + len(stripped))]
