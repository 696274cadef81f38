"""Words glued together where link or italic markup was lost (``WSJDen``, ``Politischsind``).

A token is split only when the lexicon and the document agree; what looks glued but is not
certain is flagged (``glue.uncertain``) and left as it is. Rule ids:

* ``glue.acronym_word``: an acronym glued to a capitalised word (``WSJDen`` → ``WSJ Den``);
  the word must be a sentence-opening function word, or the acronym must stand alone
  elsewhere in the document and the word be known to the lexicon.
* ``glue.word_capitalised``: a word glued to a capitalised function word
  (``NachrichtenDen`` → ``Nachrichten Den``), or a lower-case word glued to a capitalised
  one (``originelleGericht`` → ``originelle Gericht``); brands that start in lower case
  (``iPhone``, ``eBay``) are protected.
* ``glue.word_word``: a word glued to a lower-case function word (``Politischsind`` →
  ``Politisch sind``); the glued token must be unknown, the left part a common word or a
  word that stands alone in the document, and no other split may fit as well
  (``diesein`` is flagged: ``diese in`` or ``dies ein``), and the end of the left part and
  the tail must not form a known word (``Radtourist`` stays: ``Tourist``).
* ``glue.head_word``: a function word glued to a common word after it (``istsehr`` →
  ``ist sehr``), only with heads that are never prefixes (``corrections/lexicon.yaml``).
* ``glue.noun_word``: a capitalised token inside a sentence is a noun, and a German compound
  ends in its head; a token that is a known noun or name followed by a word that can be no
  noun (``Nachtreicht``: ``reicht``; ``Merkelsagte``; ``Preiswie``) is two words. Word
  classes come from ``word_classes.py``, asked only about unknown tokens.
* ``glue.function_pair``: two common function words glued (``aufder``, ``Mitdem``), which web
  text holds often enough for the lexicon to know them a little.
* ``glue.class_word``: a lower-case token that opens with a word that opens no compound (a
  pronoun, an article, a finite auxiliary: ``ichdas``, ``ihmdarauf``) or ends in one that
  heads none, and is not a separable prefix (``einwählt`` stays).

With ``glue.word_capitalised`` a capitalised common noun, adjective or article glued to a
known capitalised word or a name is split (``EndeOktober``, ``DieBahn``); two names
(``ThyssenKrupp``) or two nouns (``NullBreite``) are flagged, unless a part stands alone in
the document.

Never split: words in ``corrections/protected.txt`` (``McDonald``, ``BahnCard``, ``iPhone``),
hyphenated compounds, long compounds the lexicon does not know (their parts are not
function words), and a token that occurs twice in the document (a name, not an accident).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex

from pipeline.clean.edits import Change
from pipeline.clean.lexicon import english_like, zipf
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.passes import FlagSink, PassContext
from pipeline.clean.word_classes import best_score, can_be_noun, classes, top_class

WORD = regex.compile(r"\p{L}+")
# what stands before a word inside a sentence: a word, a number, a comma (else the word may open one)
INSIDE_SENTENCE = regex.compile(r"[\p{L}\p{N},)]\s*$")
ACRONYM_WORD = regex.compile(r"(\p{Lu}{2,})(\p{Lu}\p{Ll}+)")
WORD_CAPITALISED = regex.compile(r"(\p{L}*\p{Ll})(\p{Lu}\p{Ll}+)")
LOWER_TAIL = regex.compile(r"\p{L}\p{Ll}+")
PARTICIPLE_TAILS = frozenset({"den", "der", "dem", "des"})
JOINERS = "-‐'’"  # a word next to one of these is part of a compound or a name: left alone
PLURAL_ENDINGS = frozenset({"Es", "Er", "En"})  # GNOMEs, PKWEn: endings, not words
GENDER_ENDINGS = frozenset({"In", "Innen"})  # LehrerIn, SchülerInnen: one word
CONTENT_CLASSES = frozenset({"NN", "NE", "ADJ(A)", "ADJ(D)"})


class GluePass:
    """Split glued tokens that the lexicon and the document show to be two words.

    >>> from pipeline.rules import corrections_dir
    >>> p = GluePass(LexiconRules.from_dir(corrections_dir()))
    >>> text = "Laut der WSJDen Angaben zufolge, meldet das WSJ, sind Politischsind besorgt."
    >>> [(c.start, c.end, c.replacement, c.rule) for c in p.propose(text, None, lambda *a: None)]
    [(12, 12, ' ', 'glue.acronym_word'), (63, 63, ' ', 'glue.word_word')]
    """

    name = "glue"

    def __init__(self, rules: LexiconRules):
        self.rules = rules
        self.tails = sorted(rules.glue_words, key=len, reverse=True)
        # tokens worth a look: an inner capital, a function word at the end or at the start
        self.candidate = regex.compile(
            r"\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}|\p{L}{2}(?:%s)$|^(?i:%s)\p{Ll}{3}"
            % ("|".join(regex.escape(t) for t in self.tails), "|".join(regex.escape(h) for h in rules.glue_heads))
        )

    def propose(self, text: str, context: PassContext | None, flag: FlagSink) -> Iterable[Change]:
        # judge each distinct word once, then find the few that are glued in the text
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for m in WORD.finditer(text):  # the hot loop of the pass: plain dict operations only
            word = m.group()
            if word in first:
                counts[word] += 1
            else:
                counts[word] = 1
                first[word] = m.start()
        r = self.rules
        shortest, limit, pairs = 2 * r.class_part_min_length, r.glued_token_max, r.function_pair_max
        glued = []
        for w, n in counts.items():
            if n > 1 or len(w) < 4 or not (self.candidate.search(w) or zipf(w) < pairs or (len(w) >= shortest and zipf(w) < limit)):
                continue  # a word that recurs is a name; a known word is no glue
            if not self._protected(w) and _standalone(text, first[w], w):
                opens = not INSIDE_SENTENCE.search(text, max(0, first[w] - 20), first[w])
                if self._split(w, counts, opens) is not None:
                    glued.append((first[w], w, opens))
        for start, word, opens in sorted(glued):
            yield from self._changes(word, start, counts, flag, opens)

    def _changes(self, token: str, start: int, counts: Counter[str], flag: FlagSink,
                 opens: bool) -> Iterable[Change]:
        """Split ``token`` (at ``start`` in the text; ``opens``: it may open a sentence), and its
        parts again if they are glued too."""
        found = self._split(token, counts, opens) if len(token) >= 4 and not self._protected(token) else None
        if found is None:
            return
        at, rule, certain, reason = found
        if not certain:
            flag(start, start + len(token), "glue.uncertain", reason)
            return
        yield from self._changes(token[:at], start, counts, flag, opens)
        yield Change(start + at, start + at, " ", rule, 0.9, reason)
        yield from self._changes(token[at:], start + at, counts, flag, False)

    def _protected(self, token: str) -> bool:
        protected = self.rules.protected
        return token in protected or token[:-1] in protected or token[:-2] in protected

    def _split(self, token: str, counts: Counter[str], opens: bool) -> tuple[int, str, bool, str] | None:
        r = self.rules
        m = ACRONYM_WORD.fullmatch(token)
        if m:
            left, right = m.groups()
            if right in PLURAL_ENDINGS:
                return None
            function = right in r.glue_words_capitalised
            evidence = counts[left] > 0
            if function or (evidence and len(right) > 2 and zipf(right) >= r.right_part_min):
                why = f"'{left}' stands alone in the document" if evidence else f"'{right}' opens a sentence"
                return len(left), "glue.acronym_word", True, f"acronym glued to the next word ({why})"
            if len(right) > 2 and zipf(right) >= r.right_part_min:
                return len(left), "glue.acronym_word", False, f"'{token}' may be '{left}' glued to '{right}'"
            return None
        m = WORD_CAPITALISED.fullmatch(token)
        if m:
            left, right = m.groups()
            if zipf(token) >= r.glued_token_max or not self._left_ok(left, counts):
                return None
            if right in GENDER_ENDINGS:
                return None
            # a function word (`in`, `die`: German, though English too) before a capitalised word
            function = left.lower() in r.glue_left_words or top_class(left) in r.capitalised_left_classes - CONTENT_CLASSES
            right_known = (zipf(right) >= (r.function_neighbour_min if function else r.right_part_min) or counts[right] > 0
                           or (function and self._noun_compound(right)))  # `eineErfrischungskur`
            camel = left[0].islower() and right_known and (function or not (english_like(left) or english_like(right)))
            if right in r.glue_words_capitalised or camel:
                return len(left), "glue.word_capitalised", True, f"'{left}' glued to '{right}'"
            if (left[0].isupper() and (right_known or top_class(right) == "NE") and top_class(left) in r.capitalised_left_classes
                    and (function or not (english_like(left) or english_like(right)))):
                if top_class(left) == "NN" and top_class(right) != "NE" and self._noun(right) and not (counts[left] or counts[right]):
                    # two nouns (`NullBreite`, `StadtWerke`) may be a name, unless a part stands alone
                    return len(left), "glue.word_capitalised", False, f"'{token}' may be '{left}' glued to '{right}'"
                return len(left), "glue.word_capitalised", True, f"'{left}' glued to '{right}' ({top_class(left)} before a word)"
            if right_known and counts[right] > 0:
                return len(left), "glue.word_capitalised", False, f"'{token}' may be '{left}' glued to '{right}'"
            return None
        pair = self._function_pair(token)
        if pair is not None:
            return pair
        if not LOWER_TAIL.fullmatch(token) or zipf(token) >= r.glued_token_max or english_like(token):
            return None  # known German, or English (`transmit`, `guitarist`): not glued
        splits = []
        for tail in self.tails:
            left = token[: -len(tail)]
            if not token.endswith(tail):
                continue
            if not (self._left_ok(left, counts) or (tail in r.strong_tails and self._compound(left))):
                continue
            if tail in PARTICIPLE_TAILS and left.endswith("en"):
                continue  # -enden, -ender: participles, not glued articles
            if self._compound_tail(left, tail):
                continue
            splits.append((left, tail))
        if not splits:
            return self._head(token) or self._by_class(token, counts, opens)
        left, tail = splits[0]
        others = {f"{a} {b}" for a, b in splits[1:]}
        others |= {f"{token[:-len(t)]} {t}" for t in r.ambiguous_tails
                   if token.endswith(t) and len(token) > len(t) and self._left_ok(token[: -len(t)], counts)}
        if others:
            return len(left), "glue.uncertain", False, (
                f"'{token}' looks glued but splits more than one way: '{left} {tail}' or '{sorted(others)[0]}'")
        return len(left), "glue.word_word", True, f"'{left}' glued to '{tail}'"

    def _head(self, token: str) -> tuple[int, str, bool, str] | None:
        r = self.rules
        for head in r.glue_heads:
            rest = token[len(head) :]
            if (len(rest) >= 3 and token.lower().startswith(head) and rest.islower()
                    and zipf(rest) >= r.right_part_min and not english_like(rest)
                    and top_class(rest.capitalize()) not in ("NN", "NE")):  # `Wirgefühl`: a noun stays whole
                return len(head), "glue.head_word", True, f"'{head}' glued to '{rest}'"
        return None

    def _function_pair(self, token: str) -> tuple[int, str, bool, str] | None:
        """Two common function words glued (``aufder``, ``Mitdem``): web text holds such pairs
        often enough for the lexicon to know them a little, so they are judged apart."""
        r = self.rules
        if not (token[1:].islower() and zipf(token) < r.function_pair_max and len(token) >= 5):
            return None
        found = [at for at in range(2, len(token) - 1) if self._common_function_word(token[:at].lower())
                 and self._common_function_word(token[at:])]
        if len(found) != 1 or max(best_score(token), best_score(token.lower())) > -r.known_word_cost:
            return None  # none, more than one way (flagged by the other rules), a word (`vordem`, `Andes`)
        at = found[0]
        return at, "glue.function_pair", True, f"'{token[:at]}' glued to '{token[at:]}' (two function words)"

    def _common_function_word(self, word: str) -> bool:
        return zipf(word) >= self.rules.closed_word_min and top_class(word) in self.rules.closed_classes

    def _by_class(self, token: str, counts: Counter[str], opens: bool) -> tuple[int, str, bool, str] | None:
        """Split an unknown token into two known words by their word classes: a capitalised
        token inside a sentence is a noun, so it must end in one (``Nachtreicht``: ``reicht``
        heads no noun); a lower-case token must not start with a word that opens no compound
        (``ichkann``) nor end in one that heads none (``hiergenau``: no; ``mirnach``: ``mir``)."""
        r = self.rules
        n = r.class_part_min_length
        if not token[1:].islower():
            return None
        # a capitalised word that may open a sentence can be of any class: it is judged in lower
        # case, and then its right part must be no noun (`Wirgefühl` stays)
        opening = token[0].isupper() and opens
        capital = token[0].isupper() and not opening
        word = token[0].lower() + token[1:] if opening else token
        found = []
        for at in range(n, len(word) - 1):
            left, right = word[:at], word[at:]
            if len(right) < n and not (capital and right in r.short_tails):
                break
            if zipf(right) < r.right_part_min or english_like(right) or (english_like(left) and not capital):
                continue  # (a capitalised left part inside a sentence is a noun, also if English: `Song`)
            closed = top_class(right) in r.closed_classes and zipf(right) >= r.closed_word_min
            if len(right) <= n and not closed:
                continue  # a short part that is no function word may be a suffix (`Frieseur`: `-eur`)
            if capital:
                known = (zipf(left) >= (r.function_neighbour_min if closed else r.left_part_min) or counts[left] > 0
                         or (closed and self._noun_compound(left)))
                glued = (known and self._noun(left) and not self._participle(left, right)
                         and (closed or not (self._noun(right) or self._noun(right.capitalize()))))
            else:
                glued = (zipf(left) >= r.left_part_min or counts[left] > 0) and left != right and top_class(left) != "NE" and (
                    (top_class(left) in r.never_modifier_classes and not r.compound_opener_classes & set(classes(left)))
                    or ((closed or top_class(right) in r.never_head_classes) and not self._noun(right.capitalize())
                        and not (right in PARTICIPLE_TAILS and left.endswith("en"))))
                glued = glued and not (opening and self._noun(right.capitalize()))
            if glued and not self._class_compound_tail(left, right):
                found.append(at)
        if not found or best_score(token) > -r.known_word_cost or (opening and best_score(word) > -r.known_word_cost):
            return None  # no split fits, or the model knows the token as a word (`Bombenlegen`)
        at = found[0]
        if len(found) > 1:
            others = " or ".join(f"'{token[:a]} {token[a:]}'" for a in found[1:])
            return at, "glue.uncertain", False, f"'{token}' looks glued but splits more than one way: '{token[:at]} {token[at:]}' or {others}"
        rule = "glue.noun_word" if capital else "glue.class_word"
        return at, rule, True, f"'{token[:at]}' glued to '{token[at:]}' ('{token[at:]}' {'heads no noun' if capital else 'forms no compound here'})"

    def _participle(self, left: str, right: str) -> bool:
        """Whether ``left`` + ``right`` may be a nominalised participle (``Vorsitzender``:
        ``Vorsitzen`` + ``der``), not a noun glued to an article (``Intendantender``)."""
        return right in PARTICIPLE_TAILS and left.endswith("en") and (
            zipf(left + "d") > 0 or bool({"VV(INF)", "NNI"} & set(classes(left))))

    def _noun(self, word: str) -> bool:
        """Whether ``word`` may be a noun or head one; a verb form in ``-e`` that may be an
        imperative may be a plural too (``drücke``: ``Tastendrücke``; not ``kommt``)."""
        return can_be_noun(word, self.rules.noun_margin, self.rules.noun_like_classes) or (
            word.endswith("e") and "VV(IMP)" in classes(word))

    def _compound(self, left: str) -> bool:
        """Whether ``left`` is two known words (``Kontakt`` + ``anfragen``)."""
        r = self.rules
        n = r.left_part_min_length
        return len(left) >= 2 * n and any(
            zipf(left[:i]) >= r.left_part_min and zipf(left[i:]) >= r.left_part_min for i in range(n, len(left) - n + 1)
        )

    def _noun_compound(self, left: str) -> bool:
        """Whether ``left`` is two known words, maybe joined by an ``s``, and ends in a noun
        (``Leihwagen``, ``Erfrischungskur``; not ``Bergsteigert``: ``steigert``)."""
        r = self.rules
        n = r.left_part_min_length
        return len(left) >= 2 * n and any(
            max(zipf(left[:i]), zipf(left[: i - 1]) if left[i - 1] == "s" else 0) >= r.left_part_min
            and zipf(left[i:]) >= r.left_part_min and self._noun(left[i:].capitalize())
            for i in range(n, len(left) - n + 1))

    def _compound_tail(self, left: str, tail: str) -> bool:
        """Whether the end of ``left`` and ``tail`` make a known word (``tour`` + ``ist``)."""
        return any(zipf(left[i:] + tail) >= self.rules.compound_tail_min for i in range(1, len(left) - 2))

    def _class_compound_tail(self, left: str, tail: str) -> bool:
        """Like ``_compound_tail``, but a rarer word counts only if the word-class model knows it
        too (``Saxophonist`` counts; ``dennach``, web glue for ``denn ach``, does not)."""
        r = self.rules
        for i in range(1, len(left) - 2):
            word = left[i:] + tail
            common = zipf(word)
            if common >= r.class_compound_tail_min or (
                    common >= r.compound_tail_min and best_score(word.capitalize()) > -r.known_word_cost):
                return True
        return False

    def _left_ok(self, left: str, counts: Counter[str]) -> bool:
        """A left part is a common word, a short function word, or stands alone in the document."""
        r = self.rules
        if left.lower() in r.glue_left_words:
            return True
        if len(left) < r.left_part_min_length:
            return False
        return zipf(left) >= r.left_part_min or (len(left) >= 6 and counts[left] > 0)


def _standalone(text: str, start: int, word: str) -> bool:
    """Whether ``word`` at ``start`` stands as a word of its own, not in a hyphenated compound
    or a name with an apostrophe.

    >>> _standalone("US-WSJDen WSJDen", 3, "WSJDen"), _standalone("US-WSJDen WSJDen", 10, "WSJDen")
    (False, True)
    """
    end = start + len(word)
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before in JOINERS or after in JOINERS)
