"""Words glued together where link or italic markup was lost (``WSJDen``, ``Politischsind``).

The pass finds the tokens worth a look (an inner capital, a function word at an end, a token
the lexicon does not know) and asks the rules of ``glue_rules.GLUE_RULES`` about each, in
the order that table gives; the first rule with an answer decides. A split the rule is sure
of is made (rule id ``glue.`` + the rule's name); one it is not sure of is flagged
(``glue.uncertain``) and left as it is. The parts of a split are asked again (``Kantonsrat``
``Peter`` ``sagte``). Never split: hyphenated compounds and names with an apostrophe (a
token next to a character of ``joiners``; after a hyphen, or a ``#`` or ``@`` of ``tag_marks``,
only a function word or a word that heads no noun is cut off the end, ``after_hyphen_rules``;
before a hyphen a token is split only at its front, ``before_hyphen_rules``), and a token that recurs in the
document unless its split needs no lexicon to be sure (a name, not an accident:
``Holzwerkund``), it is two function words the lexicon does not know joined
(``recurring_rules``: ``miteinem``), or it is glued to a web address beside it (``address_rules``).
Each token is judged in its position kind: whether it may open a sentence, stands beside a
web address, may end a heading run into the text after it (``heading_max_chars``), or is the
rest of a token split before it (``imThermalbad|verdampft``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import accumulate

import regex

from pipeline.clean.edits import Change
from pipeline.clean.glue_rules import GlueContext, Keep, Split, decide
from pipeline.clean.lexicon import english_like, zipf
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.word_classes import best_score
from pipeline.clean.passes import FlagSink, PassContext

WORD = regex.compile(r"\p{L}+")
WORD_OR_GAP = regex.compile(r"(\p{L}+)")  # splits a text into gaps and words
# what stands before a word inside a sentence: a word, a number, a comma, an ordinal number
# (`am 17. Februar`; else the word may open one). Not an initial: a name follows it (`R. Grischott`)
# (a closing bracket is inside a sentence, not the end of a smiley: `:-) Dann`)
INSIDE_SENTENCE = regex.compile(r"(?:[\p{L}\p{N},]|(?<![:;=]-?)\)|(?<![\p{L}\p{N}])\p{N}{1,2}\.)\s*$")
CAPITAL_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}\p{L}*")
LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}])\p{Ll}\p{L}*")
PARAGRAPH_AROUND = regex.compile(r"\n*[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*")
SENTENCE_MARK = regex.compile(r"[:;!?]")  # what ends a heading before a token on its line
SENTENCE_END = regex.compile(r"\p{L}[.!?…][\"“”»«)]?\s*$")


class GluePass:
    """Split glued tokens that the lexicon and the document show to be two words.

    >>> from pipeline.rules import corrections_dir
    >>> p = GluePass(LexiconRules.from_dir(corrections_dir()))
    >>> text = "Laut der WSJDen Angaben zufolge, meldet das WSJ, sind Politischsind besorgt."
    >>> [(c.start, c.end, c.replacement, c.rule) for c in p.propose(text, None, lambda *a: None)]
    [(12, 12, ' ', 'glue.acronym_word'), (63, 63, ' ', 'glue.word_word')]
    """

    name = "glue"

    def __init__(self, rules: LexiconRules, hard_wrapped: Callable[[str], bool] = lambda para: False):
        self.rules = rules
        # whether a paragraph will be unwrapped: then its lines count as one for `_prose_line`
        self.hard_wrapped = hard_wrapped
        self.tails = sorted(rules.glue_words, key=len, reverse=True)
        # what a token glued to a web address starts or ends with (see glue_rules.domain_word)
        self.domains, self.address_starts = tuple(rules.top_level_domains), tuple(rules.address_starts)
        # tokens worth a look: an inner capital, a function word at the end or at the start
        # (three patterns, not one: searched as one, both word lists are tried at every letter)
        self._inner_capital = regex.compile(r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}")
        self._tail = regex.compile(r"\p{L}{2}(?:%s)$" % "|".join(regex.escape(t) for t in self.tails))
        self._head = regex.compile(r"(?i:%s)\p{Ll}{3}" % "|".join(regex.escape(h) for h in rules.glue_heads))
        self._tail_ends = tuple(self.tails)

    def candidate(self, w: str) -> bool:
        """Whether the token ``w`` is worth a look: an inner capital (``WSJDen``), a function
        word of ``glue_words`` after two letters at its end, or one of ``glue_heads`` before
        three lower-case letters at its start.

        >>> from pipeline.rules import corrections_dir
        >>> p = GluePass(LexiconRules.from_dir(corrections_dir()))
        >>> p.candidate("WSJDen"), p.candidate("Politischsind"), p.candidate("Haus")
        (True, True, False)
        """
        return bool(self._inner_capital.search(w) or (w.endswith(self._tail_ends) and self._tail.search(w))
                    or self._head.match(w))

    def propose(self, text: str, context: PassContext | None, flag: FlagSink) -> Iterable[Change]:
        """The splits of ``text``, judged again on the text they make until they make no more
        (at most ``glue_rounds`` times): a split changes what the words around it are judged
        by (a line with more words in lower case is prose, a word after a split no longer
        opens a sentence), and a second cleaning must find nothing left to split.

        >>> from pipeline.rules import corrections_dir
        >>> p = GluePass(LexiconRules.from_dir(corrections_dir()))
        >>> [c.start for c in p.propose("Dieder istsehr gut", None, lambda *a: None)]
        [3, 10]
        """
        made: list[Change] = []
        inserted: list[int] = []  # where the spaces of ``made`` stand in ``text``, in order
        shifted: list[int] = []  # and where they stand in the text of the current round
        flagged: set[tuple[int, int, str]] = set()

        def to_text(at: int) -> int:
            """A position in the text of the current round, in ``text``."""
            return at - bisect_left(shifted, at)

        def sink(start: int, end: int, rule: str, reason: str) -> None:
            key = (to_text(start), to_text(end), rule)
            if key not in flagged:  # (a round after the first finds the same tokens uncertain)
                flagged.add(key)
                flag(*key, reason)

        current, around, counts = text, None, Counter()  # (counted in the first round)
        removed = Counter(WORD.findall(context.removed())) if context is not None else Counter()
        for _round in range(self.rules.glue_rounds):
            found = [replace(c, start=to_text(c.start), end=to_text(c.start))
                     for c in self._propose_once(current, sink, counts, around, removed)]
            if not found:
                break
            made += found
            # the tokens that were split: their other occurrences count one less now
            split = {_token_at(text, c.start) for c in found}
            before, this_round = current, sorted(c.start for c in found)
            inserted = sorted(inserted + this_round)  # (a space is inserted between letters only)
            shifted = [at + k for k, at in enumerate(inserted)]
            current = "".join(text[a:b] + " " for a, b in zip([0, *inserted], inserted)) + text[inserted[-1]:]
            now = [at + bisect_left(inserted, at) for at in this_round]  # this round's spaces in ``current``
            stretches = _around(now, current)
            # the counts of the words, updated where this round's spaces went in
            for a, b in stretches:
                counts.update(WORD.findall(current, a, b))
                counts.subtract(WORD.findall(before, a - bisect_left(now, a), b - bisect_left(now, b)))
            around = (stretches, split)
        return sorted(made, key=lambda c: c.start)

    def _propose_once(self, text: str, flag: FlagSink, counts: Counter,
                      around: tuple[list[tuple[int, int]], set[str]] | None = None,
                      removed: Counter | None = None) -> Iterable[Change]:
        """The splits of one round; ``counts``: how often each word stands in ``text`` (counted
        here when empty);
        ``around`` (None: the whole text): the stretches of the text that a split of the round
        before changed, and the tokens it split, whose counts changed: only the words of those
        stretches, and those tokens, can be judged otherwise now; ``removed``: the words of
        what earlier passes took out of the document (a credit line, a menu), which show a
        word standing alone as well as the words of the text do."""
        # judge each distinct word once, then find the few that are glued in the text
        if around is None:
            parts = WORD_OR_GAP.split(text)  # gap, word, gap, word, …, gap: split and counted in C
            at, words = None, parts[1::2]
            if not counts:
                counts.update(words)
        else:
            stretches, split = around
            found = [m for a, b in stretches for m in WORD.finditer(text, a, b)]
            others = sorted(t for t in split if counts[t] > 0)  # tokens split that stand elsewhere unsplit
            if others:
                tokens = regex.compile(r"(?<!\p{L})(?:%s)(?!\p{L})" % "|".join(map(regex.escape, others)))
                found += [m for m in tokens.finditer(text) if not any(a <= m.start() < b for a, b in stretches)]
            at, words = [m.start() for m in found], [m.group() for m in found]
            near = set(words)
        r = self.rules
        shortest, limit, pairs = 2 * r.class_part_min_length, r.glued_token_max, r.function_pair_max
        # one context per position kind: each remembers what it decided about each token
        contexts: dict[tuple[bool, str, bool, bool, bool], GlueContext] = {}
        evidence = _Evidence(counts, removed) if removed else counts

        def judge(w: str, opens: bool, address: str = "", heading: bool = False, rest: bool = False,
                  code: bool = False) -> tuple[str, Split] | None:
            """The split of ``w`` (None: none), decided once per document and position kind."""
            kind = (opens, address, heading, rest, code)
            if kind not in contexts:
                contexts[kind] = GlueContext(r, evidence, *kind)
            found = decide(w, contexts[kind]) if len(w) >= 4 else None
            return None if found is None or isinstance(found[1], Keep) else found  # type: ignore[return-value]

        looked_at, by_address = set(), set()
        for w in (counts if around is None else near):
            n = counts[w]
            if len(w) < 4 or not (self.candidate(w) or zipf(w) < pairs or (len(w) >= shortest and zipf(w) < limit)):
                continue  # a known word is no glue
            rule = (judge(w, False) or ("", None))[0] if n > 1 else ""
            if n == 1 or rule in r.shape_rules or (rule in r.recurring_rules and zipf(w) < limit):
                # a word that recurs is a name, unless the shape of the token shows the glue,
                # or two function words the lexicon does not know joined do (`miteinem`)
                looked_at.add(w)
            elif (w.startswith(self.domains) or w.endswith(self.address_starts)) and any(
                    (judge(w, False, a) or ("", None))[0] in r.address_rules for a in ("after_dot", "before_url")):
                by_address.add(w)  # or it is glued to a web address (`Newshttps://`, on every page of a site)
        if not (looked_at or by_address):
            return
        glued = []
        starts = None
        for k in [k for k, w in enumerate(words) if w in looked_at or w in by_address]:
            if at is not None:
                start = at[k]
            else:
                if starts is None:  # where each part starts: only once a word is to be looked at
                    starts = list(accumulate(map(len, parts), initial=0))
                start = starts[2 * k + 1]
            found = self._occurrence(text, start, words[k], judge)
            glued += found if words[k] in looked_at else [g for g in found if g[4] and judge(g[1], g[2], g[4])[0] in r.address_rules]
        for start, word, opens, only, address, heading, code in sorted(glued):
            yield from self._changes(word, start, judge, flag, opens, only, address, heading, code=code)

    def _occurrence(self, text: str, start: int, w: str, judge) -> list[tuple[int, str, bool, frozenset[str] | None, str, bool, bool]]:
        """``[(start, w, opens, only, address, heading, code)]`` if the token ``w`` at ``start`` is to be split, else
        ``[]``; ``only``: the rules that may split it and its parts (None: all).
        Beside a hyphen or an apostrophe, or outside prose, only the rules that read the shape
        of the token (``shape_rules``) may split it, and only at its front; after a hyphen,
        only the rules of ``after_hyphen_rules`` (a function word at its end). ``heading``: the
        token may end a heading run into the text after it, ``code``: a digit or a hyphen follows
        it (see ``GlueContext``)."""
        r = self.rules
        before = text[start - 1] if start else " "
        end = start + len(w)
        joined = end < len(text) and text[end] in r.joiners
        if before in r.joiners:
            # `US-WSJDen`: part of a compound, whose end only a function word may leave (`Corona-Projektvon`)
            if before not in r.hyphens | r.tag_marks or joined:
                return []
            found = judge(w, False)
            left = w[: found[1].at] if found is not None else ""
            if found is None or found[0] not in r.after_hyphen_rules or (
                    found[0] == "noun_word" and english_like(left) and best_score(left) <= -r.known_word_cost):
                return []  # (English compounds: `Shell-Builtins`; `Comfort-Statusdurch`: German too)
            return [(start, w, False, r.after_hyphen_rules, "", False, False)] if _prose_line(
                text, start, w, r.prose_line_min_words, self.hard_wrapped, r.prose_lower_per_capital) else []
        opens = not INSIDE_SENTENCE.search(text, max(0, start - 20), start)
        address = _address(text, start, end)
        heading = _heading_before(text, start, r.heading_max_chars)
        code = end < len(text) and (text[end].isdigit() or text[end] in r.hyphens)
        found = judge(w, opens, address, heading, code=code)
        if found is None:
            return []
        prose = _prose_line(text, start, w, r.prose_line_min_words, self.hard_wrapped, r.prose_lower_per_capital)
        if joined or not prose:
            # before a hyphen on a prose line, also a word glued to the compound's first part (`BremerHandball-`)
            only = r.shape_rules | r.before_hyphen_rules if prose and text[end] in r.hyphens else r.shape_rules
            return [(start, w, opens, only, address, heading, code)] if found[0] in only else []
        return [(start, w, opens, None, address, heading, code)]

    def _changes(self, token: str, start: int, judge, flag: FlagSink, opens: bool,
                 only: frozenset[str] | None = None, address: str = "", heading: bool = False,
                 rest: bool = False, code: bool = False) -> Iterable[Change]:
        """Split ``token`` (at ``start`` in the text; ``opens``: it may open a sentence;
        ``address``: beside a web address, see ``GlueContext``), and its parts again if they are
        glued too; ``only``: the rules that may (None: all); ``heading``, ``rest``: see
        ``GlueContext``; ``code``: a digit or a hyphen follows the token (its right part keeps
        it); ``judge(token, opens, address, heading, rest, code)``: the split of a token (each
        judged once per document and position kind)."""
        found = judge(token, opens, address, heading, rest, code)
        if found is None or (only is not None and found[0] not in only):
            return
        name, split = found
        if not split.certain:
            flag(start, start + len(token), "glue.uncertain", f"{split.reason} [{name}]")
            return
        # the left part keeps what stands before the token, the right part what follows it
        yield from self._changes(token[:split.at], start, judge, flag, opens, only,
                                 "after_dot" if address == "after_dot" else "", heading, rest)
        yield Change(start + split.at, start + split.at, " ", f"glue.{name}", 0.9, split.reason)
        yield from self._changes(token[split.at:], start + split.at, judge, flag, False, only,
                                 "before_url" if address == "before_url" else "", rest=True, code=code)


class _Evidence:
    """How often a word stands alone in the document: in its text now (``counts``, which the
    pass keeps up to date as it splits) and in what earlier passes removed (``removed``):
    ``Brakelmeyer`` of a removed credit line ``(Bild: Claus Brakelmeyer)`` still shows that
    ``Brakelmeyerzu`` holds a name.

    >>> from collections import Counter
    >>> e = _Evidence(Counter({"Brakelmeyerzu": 1}), Counter({"Brakelmeyer": 1}))
    >>> e["Brakelmeyer"], e["Brakelmeyerzu"], e["Fynn"]
    (1, 1, 0)
    """

    def __init__(self, counts: Counter, removed: Counter):
        self.counts, self.removed = counts, removed

    def __getitem__(self, word: str) -> int:
        return self.counts[word] + self.removed[word]


def _token_at(text: str, at: int) -> str:
    """The run of letters around position ``at`` of ``text``.

    >>> _token_at("Ja Dieder ist", 6)
    'Dieder'
    """
    start, end = at, at
    while start and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


def _around(spaces: list[int], text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` in which a space inserted at ``spaces`` can change how a token
    is judged: its paragraph (prose lines are judged with their paragraph when it is
    hard-wrapped), and the start of the paragraph after it (whether a token opens a sentence
    is read in the characters before it), each ending at the end of a word.

    >>> text = "Ein Satz. Die der ist gut.\\n\\nNeu hier.\\n\\n" + "Weit weg. " * 9
    >>> _around([13], text)
    [(0, 68)]
    """
    stretches: list[tuple[int, int]] = []
    for at in spaces:
        start = text.rfind("\n\n", 0, at) + 1
        end = text.find("\n\n", at)
        end = len(text) if end < 0 else min(len(text), end + 2 + 40)
        while end < len(text) and text[end].isalpha():
            end += 1
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
        else:
            stretches.append((start, end))
    return stretches


def _prose_line(text: str, start: int, word: str, least: int,
                hard_wrapped: Callable[[str], bool] = lambda para: False, per_capital: float = 0.0) -> bool:
    """Whether the line around ``word`` (at ``start``) holds at least ``least`` other words in
    lower case (a sentence end counts as one), and at least ``per_capital`` of them per
    capitalised word: prose, not a menu or a list of tags, whose glued names are left
    alone. A line of a hard-wrapped paragraph counts with the whole paragraph, as it will be
    one line once unwrapped.

    >>> _prose_line("Startseite\\nWetterNaturschutzUmwelt\\n", 11, "WetterNaturschutzUmwelt", 2)
    False
    >>> _prose_line("Er folgte ihr aufFacebook und", 14, "aufFacebook", 2)
    True
    >>> _prose_line("Tags: Alpaka Cardigan Fair Fashion and Failure HamburgBerlin Kaschmir Mode und Wolle", 50, "HamburgBerlin", 2, per_capital=0.35)
    False
    """
    if _prose(_line(text, start), word, least, per_capital):
        return True
    para = PARAGRAPH_AROUND.match(text, text.rfind("\n\n", 0, start) + 1)
    lines = para.group().strip("\n") if para else ""
    return "\n" in lines and hard_wrapped(lines) and _prose(lines, word, least, per_capital)


def _heading_before(text: str, start: int, most: int) -> bool:
    """Whether at most ``most`` characters stand before ``start`` on its line since the
    line's last ``!``, ``?``, ``:`` or ``;`` (not ``.``: abbreviations, and sentences of a
    paragraph): a token there may end a heading or a link's title run into the text after
    it. (Characters, not words: glued text has fewer words than it should.) Not a token
    that opens a sentence inside the line (``Ende. MeinenSie``).

    >>> _heading_before("Einfacher TrickSo stellst du", 10, 20), _heading_before("Er sagte, dass sie vonDavid", 19, 10)
    (True, False)
    >>> _heading_before("Gut. MeinenSie das?", 5, 20), _heading_before("Tipp: Gut sparenEine Idee", 10, 12)
    (False, True)
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip()
    if before.endswith((".", "!", "?")):
        return False  # the token opens a sentence inside the line: no heading ends in its first word
    return len(SENTENCE_MARK.split(before)[-1].strip()) <= most


def _address(text: str, start: int, end: int) -> str:
    """Whether the token at ``start:end`` follows the dot of a host name (``after_dot``), or
    stands before an address (``before_url``: ``://`` or a dot follows it), else ``""``
    (also between two dots).

    >>> _address("bei netzpolitik.deund", 16, 21), _address("unterwww.example.de", 0, 8), _address("Ende. Der", 6, 9)
    ('after_dot', 'before_url', '')
    """
    after_dot = start >= 2 and text[start - 1] == "." and text[start - 2].isalnum()
    before_url = text.startswith("://", end) or (text.startswith(".", end) and text[end + 1 : end + 2].isalnum())
    if after_dot and before_url:
        return ""  # a part of a host name (`kurier.atevents.at`: a list of links, left alone)
    return "after_dot" if after_dot else "before_url" if before_url else ""


def _line(text: str, at: int) -> str:
    line_end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : line_end if line_end >= 0 else len(text)]


def _prose(line: str, word: str, least: int, per_capital: float = 0.0) -> bool:
    ends = bool(SENTENCE_END.search(line))  # a sentence ends on the line: it counts as a word
    lower = len(LOWER_WORD.findall(line)) - word[0].islower() + ends
    return lower >= least and lower >= per_capital * len(CAPITAL_WORD.findall(line))
