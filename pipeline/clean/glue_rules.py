"""The glue rules as a table: one small pure predicate per rule id, tried in order.

Each predicate takes a token (letters only) and a :class:`GlueContext` (the rules of
``corrections/lexicon.yaml``, the words of the document, whether the token may open a
sentence) and returns a :class:`Split` (where, how sure, why), a :class:`Keep` (the token is
one word: stop looking), or ``None`` (not this rule's business: try the next). The first
answer that is not ``None`` decides. :data:`GLUE_RULES` is the only place the order is
written; ``python -m pipeline clean --explain`` names the predicate behind every split.

Lexical knowledge: frequencies from ``wordfreq`` (``lexicon.py``), word classes from the
Hanover Tagger (``word_classes.py``), and the German rule that a compound ends in its head:
a finite verb or a function word cannot head one (``Stadtregierungstellt``, ``Lyonkassierte``).

>>> ctx = example_context("Laut WSJ stieg die Zahl.")
>>> decide("WSJDen", ctx)
('acronym_word', Split(at=3, certain=True, reason="acronym glued to the next word ('WSJ' stands alone in the document)"))
>>> decide("Satelliteninternetdienst", ctx)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

import regex

from pipeline.clean.lexicon import english_like, zipf
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.word_classes import best_score, can_be_noun, classes, scored, top_class

ACRONYM_WORD = regex.compile(r"(\p{Lu}{2,})(\p{Lu}\p{Ll}+)")
ACRONYM_LOWER = regex.compile(r"(\p{Lu}{2,})(\p{Ll}{3,})")
WORD_CAPITALISED = regex.compile(r"(\p{L}*\p{Ll})(\p{Lu}\p{Ll}+)")
LOWER_TAIL = regex.compile(r"\p{L}\p{Ll}+")
LOWER_CAPITAL = regex.compile(r"(\p{Ll}{2,})(\p{Lu}\p{L}+)")
INNER_CAPITAL = regex.compile(r"(?<=\p{Ll})\p{Lu}(?=\p{Ll})")
FIRST_WORD = regex.compile(r"\p{Lu}\p{Ll}*")
CAPITAL_CAPITAL = regex.compile(r"(\p{Lu}\p{Ll}+)(\p{Lu}\p{Ll}+)")
WORD_ACRONYM = regex.compile(r"(\p{Lu}\p{Ll}{2,})(\p{Lu}{2,})(\p{Ll}*)")


class Split(NamedTuple):
    """Split the token before ``at``; an uncertain split is flagged, not made."""

    at: int
    certain: bool
    reason: str


class Keep(NamedTuple):
    """The token is one word: no later rule is asked."""

    reason: str


Verdict = Split | Keep | None


@dataclass(frozen=True)
class GlueContext:
    """What a predicate may look at besides the token."""

    rules: LexiconRules
    counts: Counter[str]  # how often each word stands in the document
    opens: bool = False  # the token may open a sentence (nothing before it on its line but punctuation)
    # next to a web address: "after_dot" (a dot right after a letter or digit stands before the
    # token: `netzpolitik.org`), "before_url" (`://` or a dot follows it: `unterwww.`), or ""
    address: str = ""
    # the token may end a heading or a link's title run into the text after it (few characters
    # before it on its line: `Einfacher TrickSo stellst du`; see glue._heading_before)
    heading: bool = False
    # the token is what follows a split in the same token (`imThermalbadverdampft`:
    # `Thermalbadverdampft`): a capitalised rest is a noun inside a sentence, and its own
    # left part need not be known to the lexicon (`dieseVerschwiegenheitsklauselüber`)
    rest: bool = False
    # a digit or a hyphen follows the token directly (`IbanezSRMS|625EX`, `ZeitTV|-Programm`)
    code: bool = False
    # what `decide` found for each token in this context: a token with many inner capitals asks
    # about every prefix of itself, and their prefixes again (`AfDBahnBasketballBaustelle…`)
    decided: dict[str, tuple[str, Split | Keep] | None] = field(default_factory=dict, compare=False, repr=False)
    # the context in which a rule judges the rest of the token after a split (see _glued_rest)
    rests: list[GlueContext] = field(default_factory=list, compare=False, repr=False)

    @property
    def tails(self) -> list[str]:
        return _longest_first(self.rules.glue_words)


@lru_cache(maxsize=4)
def _longest_first(words: frozenset[str]) -> list[str]:
    return sorted(words, key=len, reverse=True)


def example_context(text: str = "", opens: bool = False, address: str = "", heading: bool = False,
                    rest: bool = False, code: bool = False) -> GlueContext:
    """A context over ``text`` with the shipped rules (for examples and tests)."""
    from pipeline.rules import corrections_dir

    return GlueContext(_shipped_rules(corrections_dir()), Counter(regex.findall(r"\p{L}+", text)), opens, address, heading,
                       rest, code)


@lru_cache(maxsize=2)
def _shipped_rules(path) -> LexiconRules:
    return LexiconRules.from_dir(path)


# -- the predicates ------------------------------------------------------------------


def protected(token: str, ctx: GlueContext) -> Verdict:
    """Names and brands of ``corrections/protected.txt``, also with an ending.

    >>> protected("BahnCards", example_context())
    Keep(reason='protected word')
    >>> protected("WSJDen", example_context()) is None
    True
    """
    words = ctx.rules.protected
    if token in words or token[:-1] in words or token[:-2] in words:
        return Keep("protected word")
    return None


def gender_form(token: str, ctx: GlueContext) -> Verdict:
    """Gender forms are words: ``BürgerInnen``, ``LehrerIn``, ``Vizepräsidentinnen``,
    ``Duisburgerin`` (``*innen``, ``:innen``, ``_innen`` never reach the table: the mark
    ends the token). A lower-case ``in`` is a gender ending after a stem that names a person
    (``-er``, ``-ent``, ``-ist`` …: ``gender_stem_endings``) or when the token is a known word.

    >>> ctx = example_context()
    >>> [gender_form(w, ctx) is not None for w in ["BürgerInnen", "Vizepräsidentinnen", "Duisburgerin", "Podcasterin"]]
    [True, True, True, True]
    >>> [gender_form(w, ctx) is not None for w in ["Urlaubin", "Politischsind"]]
    [False, False]
    """
    r = ctx.rules
    for ending in r.gender_endings:
        if len(token) > len(ending) + 2 and token.endswith(ending) and token[-len(ending) - 1].islower():
            stem = token[: -len(ending)]
            if ending[0].isupper() or ending != "in":
                return Keep(f"gender form ('-{ending}')")
            if (stem.endswith(tuple(r.gender_stem_endings)) or zipf(token) >= r.glued_token_max
                    or zipf(stem + "innen") > 0):
                return Keep("gender form ('-in')")
    return None


def unit_word(token: str, ctx: GlueContext) -> Verdict:
    """A unit of measure (``glue_units``) glued to the capitalised word after it, as an
    ingredient list or a measurement loses the space after a number's unit (``250 gMehl``,
    ``3 ELSahne``): no word opens with a unit before a capital. Before a word in lower case
    the unit may open an English word or a command (``clever``, ``mlabel``): left alone.

    >>> ctx = example_context()
    >>> unit_word("gMehl", ctx).at, unit_word("ELSahne", ctx).at, unit_word("mlButtermilch", ctx).at
    (1, 2, 2)
    >>> unit_word("cmtief", ctx), unit_word("mlabel", ctx), unit_word("mlXq", ctx), unit_word("Gramm", ctx)
    (None, None, None, None)
    """
    r = ctx.rules
    for unit in _longest_first(r.glue_units):  # (`mg` before `m`)
        rest = token[len(unit):]
        if not token.startswith(unit) or len(rest) < 3:
            continue
        if rest[0].isupper() and rest[1:].islower() and (zipf(rest) >= r.right_part_min or _noun(rest, ctx)):
            return Split(len(unit), True, f"the unit '{unit}' glued to '{rest}'")
    return None


def acronym_plural(token: str, ctx: GlueContext) -> Verdict:
    """An acronym with a plural or case ending (``PKWEn``, ``GNOMEs``) is one word.

    >>> acronym_plural("PKWEn", example_context())
    Keep(reason="acronym with the ending 'En'")
    """
    m = ACRONYM_WORD.fullmatch(token)
    if m and m.group(2) in ctx.rules.acronym_endings:
        return Keep(f"acronym with the ending '{m.group(2)}'")
    return None


def domain_word(token: str, ctx: GlueContext) -> Verdict:
    """After the dot of a host name, a top-level domain (``top_level_domains``) glued to the
    word after the address (``netzpolitik.deund``, ``example.comrebloggt``) or to the next
    address (``netzpolitik.orghttps``).

    >>> ctx = example_context(address="after_dot")
    >>> domain_word("deund", ctx).at, domain_word("orghttps", ctx).at, domain_word("deutschland", ctx)
    (2, 3, None)
    >>> domain_word("deund", example_context())
    """
    if ctx.address != "after_dot":
        return None
    r = ctx.rules
    for tld in r.top_level_domains:
        rest = token[len(tld):]
        if token.startswith(tld) and len(rest) >= 2 and (rest in r.address_starts or (
                rest.islower() and zipf(rest) >= r.right_part_min and zipf(token) < r.glued_token_max)):
            return Split(len(tld), True, f"the domain '.{tld}' glued to '{rest}'")
    return None


def address_start(token: str, ctx: GlueContext) -> Verdict:
    """A word glued to the web address after it (``unterwww.``, ``vonhttps://``,
    ``Domainwww.``): the address starts with one of ``address_starts``.

    >>> ctx = example_context(address="before_url")
    >>> address_start("unterwww", ctx).at, address_start("Horizonthttps", ctx).at, address_start("www", ctx)
    (5, 8, None)
    >>> address_start("unterwww", example_context())
    """
    if ctx.address != "before_url":
        return None
    r = ctx.rules
    for start in r.address_starts:
        left = token[: -len(start)]
        if token.endswith(start) and left and (left.lower() in r.glue_left_words or zipf(left) >= r.right_part_min):
            return Split(len(left), True, f"'{left}' glued to the address after it")
    return None


def acronym_lower(token: str, ctx: GlueContext) -> Verdict:
    """An acronym glued to a lower-case word that heads no compound: a verb form or a
    function word (``TMGist``, ``AEGgemietet``, ``ZEBRAund``). Endings and
    nouns after an acronym make one word (``PKWs``, ``CDUler``, ``EUweit``, ``ARDmediathek``).

    >>> ctx = example_context()
    >>> acronym_lower("TMGist", ctx).at, acronym_lower("AEGgemietet", ctx).at, acronym_lower("ZEBRAund", ctx).at
    (3, 3, 5)
    >>> acronym_lower("CDUler", ctx), acronym_lower("ARDmediathek", ctx), acronym_lower("EUweit", ctx)
    (None, None, None)
    """
    m = ACRONYM_LOWER.fullmatch(token)
    if not m:
        return None
    r = ctx.rules
    left, right = m.groups()
    # (a common closed word whose capital form is a rare noun too: `CDUoder`, `RTLhabe`)
    closed = zipf(right) >= r.closed_word_min and top_class(right) in r.closed_classes
    if zipf(right) < r.right_part_min or english_like(right) or (_noun(right.capitalize(), ctx) and not closed):
        return None
    if not (top_class(right) in r.verb_head_classes | r.closed_classes or _no_head(right, ctx)):
        return None
    return Split(len(left), True, f"acronym '{left}' glued to '{right}' (a verb form or a function word)")


def acronym_word(token: str, ctx: GlueContext) -> Verdict:
    """An acronym glued to a capitalised word (``WSJDen``): split when the word is a
    sentence-opening function word, or the acronym stands alone in the document and the word
    is known; only flagged when the word is known but the acronym never stands alone.

    >>> acronym_word("WSJDen", example_context())
    Split(at=3, certain=True, reason="acronym glued to the next word ('Den' opens a sentence)")
    >>> acronym_word("BBCReporter", example_context("Die BBC meldete"))
    Split(at=3, certain=True, reason="acronym glued to the next word ('BBC' stands alone in the document)")
    >>> acronym_word("NASAMission", example_context()).certain
    False
    >>> acronym_word("Wirtschaft", example_context()) is None
    True
    """
    m = ACRONYM_WORD.fullmatch(token)
    if not m:
        return None
    r = ctx.rules
    left, right = m.groups()
    function = right in r.glue_words_capitalised
    evidence = ctx.counts[left] > 0
    known = len(right) > 2 and zipf(right) >= r.right_part_min
    if function or (evidence and known):
        why = f"'{left}' stands alone in the document" if evidence else f"'{right}' opens a sentence"
        return Split(len(left), True, f"acronym glued to the next word ({why})")
    if known:
        return Split(len(left), False, f"'{token}' may be '{left}' glued to '{right}'")
    return Keep("acronym and an unknown word: a name")


def word_acronym(token: str, ctx: GlueContext) -> Verdict:
    """A capitalised word glued to an acronym after it: split where the acronym is a code
    that a digit or a hyphen continues (``GlueContext.code``: ``IbanezSRMS|625EX``,
    ``ZeitTV|-Programm``), or where a common function word follows the acronym
    (``AutozuliefererZFund``: the rest, ``ZFund``, is judged again). Camel-case names of an
    English word and an acronym stay (``OpenSSH-Client``, ``OverlayFS-Treiber``), and so does a
    word before a bare acronym, a bank or a channel as often as glue (``BayernLB``, ``GolfTV``).

    >>> word_acronym("IbanezSRMS", example_context(code=True)).at, word_acronym("AutozuliefererZFund", example_context()).at
    (6, 14)
    >>> word_acronym("BayernLB", example_context()), word_acronym("OpenSSH", example_context(code=True))
    (None, None)
    """
    m = WORD_ACRONYM.fullmatch(token)
    if not m:
        return None
    r = ctx.rules
    left, acronym, tail = m.groups()
    if english_like(left):
        return None
    if not tail and ctx.code:
        return Split(len(left), True, f"'{left}' glued to the code '{acronym}' (a digit or a hyphen goes on)")
    if tail and _common_function_word(tail, ctx) and (zipf(left) >= r.left_part_min or _noun(left, ctx)):
        return Split(len(left), True, f"'{left}' glued to the acronym '{acronym}', which '{tail}' follows")
    return None


def heading_end(token: str, ctx: GlueContext) -> Verdict:
    """A word glued to a capitalised word that is no noun (an article, a pronoun, an adverb:
    ``TrickSo``, ``TeamDie``, ``essenDiese``) where a heading or a link's title may end
    (``GlueContext.heading``): the capital may open the text after a heading whose line
    break was lost as well as a word after a lost space, so the split is only flagged.
    After a function word no heading ends (``zuDie``, ``demZweiten``): the rules below decide.

    >>> ctx = example_context(heading=True)
    >>> heading_end("TrickSo", ctx).certain, heading_end("zuDie", ctx), heading_end("vonDavid", ctx)
    (False, None, None)
    >>> heading_end("TrickSo", example_context())
    """
    if not ctx.heading:
        return None
    found = lower_capital(token, ctx) or word_capitalised(token, ctx)
    if not (isinstance(found, Split) and found.certain):
        return None
    left, right = token[: found.at], FIRST_WORD.match(token, found.at).group()
    if left.lower() in ctx.rules.glue_left_words or token[found.at + 1 : found.at + 2].isupper() or _noun(right, ctx):
        return None  # (a function word before it, an acronym or a noun after it)
    return Split(found.at, False, f"'{left}' may end a heading and '{right}' open the text after it")


def lower_capital(token: str, ctx: GlueContext) -> Verdict:
    """A German word in lower case glued to a capitalised word (``vonDavid``, ``rechnetLyft``,
    ``alteIndustriehallen``): German writes no capital inside a word, so the capital opens a
    new one, whatever follows (the rest is asked again: ``rechnetLyftmit``). The left part
    must be a German word (common, or a function word of ``glue_left_words``) and not
    English (``userAgent``); brands in lower case (``iPhone``, ``derStandard``) are protected
    and gender forms (``BürgerInnen``) kept before this rule is asked.

    >>> ctx = example_context()
    >>> lower_capital("rechnetLyftmit", ctx).at, lower_capital("unterMineralölveröffentlicht", ctx).at
    (7, 5)
    >>> lower_capital("auffälligerenSchild", ctx).at, lower_capital("bildSTUDIO", ctx), lower_capital("vonSTUDIO", ctx).at
    (13, None, 3)
    >>> lower_capital("userAgent", ctx), lower_capital("phpMyAdmin", ctx)
    (None, None)
    """
    m = LOWER_CAPITAL.match(token)
    if not m:
        return None
    r = ctx.rules
    left, right = m.groups()
    function = left in r.glue_left_words
    # (a rarer inflected word counts if the word-class model knows it: `erschreckendem`)
    known = zipf(left) >= r.left_part_min or (len(left) >= r.inner_part_min_length and best_score(left) > -r.known_word_cost)
    if not (function or (known and not english_like(left))):
        return None
    if not function and right[1:2].isupper() and top_class(left) in r.name_head_classes:
        return None  # a noun in lower case before capitals: the style of a logo (`fotoMAGAZIN`), not lost markup
    if len(right) < 3 and not function:
        return None
    return Split(len(left), True, f"'{left}' glued to '{right}' (a capital inside a word opens a new one)")


def function_capital(token: str, ctx: GlueContext) -> Verdict:
    """A capitalised article or a preposition that is no prefix (``capital_function_words``)
    glued to a capitalised word in lower case after its capital (``DieNative``, ``ImFoyer``,
    ``BeiAchiy``): no German word has a capital inside, so the second word starts at it,
    known or not. Prefixes open brand names (``VorDenker``, ``InSights``, ``EinPirat``), and
    so does a second inner capital (``NachDenkSeiten``): those stay.

    >>> ctx = example_context()
    >>> function_capital("ImFoyerdes", ctx).at, function_capital("MacBook", ctx), function_capital("VorDenker", ctx)
    (2, None, None)
    """
    m = CAPITAL_CAPITAL.fullmatch(token)
    if not m or m.group(1) not in ctx.rules.capital_function_words or len(m.group(2)) < 3:
        return None
    left, right = m.groups()
    return Split(len(left), True, f"'{left}' glued to '{right}' (a function word before a capital)")


def word_capitalised(token: str, ctx: GlueContext) -> Verdict:
    """A word glued to a capitalised word: a function word before any known word or a name
    (``vonDavid``, ``inBelfast``, ``denZutritt``), a lower-case word before a known one
    (``originelleGericht``), a noun, adjective or article before a known word or a name
    (``EndeOktober``, ``TorhüterJulio``; before a name also a rare compound of known words:
    ``BürgermeisterkandidatJonas``). Two nouns (``NullBreite``) may be a name: flagged.
    Brands in lower case (``iPhone``) are protected; English pairs (``userAgent``) stay.

    >>> ctx = example_context()
    >>> word_capitalised("vonDavid", ctx).at, word_capitalised("TorhüterJulio", ctx).at
    (3, 8)
    >>> word_capitalised("BürgermeisterkandidatJonas", ctx).at
    21
    >>> word_capitalised("userAgent", ctx), word_capitalised("NullBreite", ctx).certain
    (None, False)

    A capitalised word glued to a rest that is glue itself (``EhefrauHarperengagierte``:
    ``Harperengagierte`` is a name glued to a verb form) splits at the capital; the rest is
    asked again:

    >>> word_capitalised("GartenKatzenspielten", ctx).at, word_capitalised("KulturKaufhausist", ctx).at
    (6, 6)
    >>> word_capitalised("KulturKaufhausist", example_context("im KulturKaufhaus"))
    """
    m = WORD_CAPITALISED.fullmatch(token)
    if not m:
        return None
    r = ctx.rules
    left, right = m.groups()
    if zipf(token) >= r.glued_token_max or not (
            _left_ok(left, ctx) or (left[0].isupper() and top_class(right) == "NE"
                                    and (_noun_compound(left, ctx) or _known_noun(left, ctx)))):
        return None  # (a compound noun before a name need not be common: `KirchenvorsteherNiels`)
    counts = ctx.counts
    function = left.lower() in r.glue_left_words or top_class(left) in r.capitalised_left_classes - r.content_classes
    right_known = (zipf(right) >= (r.function_neighbour_min if function else r.right_part_min) or counts[right] > 0
                   or (function and _noun_compound(right, ctx)))  # `eineErfrischungskur`
    camel = left[0].islower() and right_known and (function or not (english_like(left) or english_like(right)))
    if right in r.glue_words_capitalised or camel:
        return Split(len(left), True, f"'{left}' glued to '{right}'")
    rest_at = None if right_known or not _left_ok(left, ctx) or english_like(left) else _glued_rest(right, ctx)
    # (unless the two capitalised words stand joined elsewhere in the document: a name, `ThyssenKrupp`)
    if rest_at is not None and not ctx.counts[left + right[:rest_at]]:
        return Split(len(left), True, f"'{left}' glued to '{right}' ('{right}' is glue of its own)")
    name = top_class(right) == "NE"  # a name may be English too (`Julio`)
    # (a German noun that is English too after a German adjective: `EuropäischenUnion`, `SchönerPark`)
    german_noun = (top_class(right) == "NN" and (top_class(left) != "NN" or left in r.measure_words)
                   and not english_like(left))
    if (left[0].isupper() and (right_known or name) and top_class(left) in r.capitalised_left_classes
            and (function or not (english_like(left) or (english_like(right) and not (name or german_noun))))):
        if (top_class(left) == "NN" and top_class(right) != "NE" and _noun(right, ctx)
                and left not in r.measure_words):  # (`MillionenDollar`, `TageUrlaub`: a measure before a noun)
            return Split(len(left), False, f"'{token}' may be '{left}' glued to '{right}'")
        return Split(len(left), True, f"'{left}' glued to '{right}' ({top_class(left)} before a word)")
    if right_known and counts[right] > 0:
        return Split(len(left), False, f"'{token}' may be '{left}' glued to '{right}'")
    return None


def inner_capital(token: str, ctx: GlueContext) -> Verdict:
    """A capital inside a token after a part that is no word of its own: that part holds a
    junction too (``HauptverwaltungvonDüsseldorf``, ``FacebookundTwitter``), so a new word
    starts at the capital, if the part ends in a function word or a rule splits it; the parts
    are asked again. Brands and identifiers in camel case join words that
    stand alone (``ThyssenKrupp``, ``KulturKaufhaus``, ``FlixBus``, ``BootProcessSpeedup``):
    they stay. A capital ``In`` after a lower-case letter is a
    gender form (``LehrerInnenverband``) and stays.

    >>> ctx = example_context()
    >>> inner_capital("HauptverwaltungvonDüsseldorf", ctx).at, inner_capital("ThyssenKrupp", ctx)
    (18, None)
    >>> inner_capital("LehrerInnenverband", ctx), inner_capital("KulturKaufhaus", ctx), inner_capital("BootProcessSpeedup", ctx)
    (None, None, None)
    """
    r = ctx.rules
    for m in INNER_CAPITAL.finditer(token):
        at = m.start()
        left, right = token[:at], token[at:]
        if right.startswith(tuple(e for e in r.gender_endings if e[0].isupper())) or len(right) < 3:
            continue
        if not (len(left) >= r.inner_part_min_length and zipf(left) < r.glued_token_max and not english_like(left)
                and best_score(left) <= -r.known_word_cost):
            continue
        # the junction inside the left part shows: it ends in a function word, or a rule splits it
        tail = next((t for t in ctx.tails if left.endswith(t) and len(left) - len(t) >= 3), None)
        inner = decide(left, ctx)
        if tail or (inner is not None and isinstance(inner[1], Split) and inner[1].certain):
            return Split(at, True, f"'{left}' glued to '{right}' ('{left}' is no word of its own)")
    return None


def function_pair(token: str, ctx: GlueContext) -> Verdict:
    """Common function words glued (``aufder``, ``Mitdem``, ``dannnichtin``); web text holds
    such pairs often enough for the lexicon to know them a little, so they are judged apart.
    A pair the word-class model knows as a word (``vordem``) or that splits two ways stays.
    The split is made before the last word; the rest is asked again.

    >>> ctx = example_context()
    >>> function_pair("aufder", ctx).at, function_pair("dannnichtin", ctx).at, function_pair("vordem", ctx)
    (3, 4, None)

    German writes a function word with a capital inside a sentence only in formal address
    (``formal_address``): any other capitalised token there is a name (``Mirja``, ``Inge``).

    >>> function_pair("Mirja", ctx), function_pair("Mirja", example_context(opens=True)).at, function_pair("Sieja", ctx).at
    (None, 3, 3)
    """
    r = ctx.rules
    if not (token[1:].islower() and zipf(token) < r.function_pair_max and len(token) >= 5):
        return None
    if token[0].isupper() and not ctx.opens and not any(token.startswith(w) for w in r.formal_address):
        return None
    found = _function_words(token, ctx)
    if len(found) != 1 or max(best_score(token), best_score(token.lower())) > -r.known_word_cost:
        return None
    at = found[0]
    return Split(at, True, f"'{token[:at]}' glued to '{token[at:]}' (function words)")


def _function_words(token: str, ctx: GlueContext, depth: int = 0) -> list[int]:
    """Where ``token`` splits into a common function word and a rest made of such words."""
    found = []
    for at in range(2, len(token) - 1):
        if not _common_function_word(token[:at].lower(), ctx):
            continue
        rest = token[at:]
        if _common_function_word(rest, ctx) or (depth < 2 and len(rest) >= 5 and len(_function_words(rest, ctx, depth + 1)) == 1):
            found.append(at)
    return found


def known_word(token: str, ctx: GlueContext) -> Verdict:
    """A token in lower case after its first letter that the lexicon knows, or that is
    English (``transmit``), is a word; only the rules above look at it.

    >>> known_word("Sicherheit", example_context())
    Keep(reason='a known word')
    >>> known_word("Politischsind", example_context()) is None
    True
    """
    if not LOWER_TAIL.fullmatch(token):
        return Keep("mixed case")
    if zipf(token) >= ctx.rules.glued_token_max:
        return Keep("a known word")
    if english_like(token):
        return Keep("an English word")
    return None


def word_word(token: str, ctx: GlueContext) -> Verdict:
    """A word glued to a lower-case function word of ``glue_words`` (``Politischsind``,
    ``Arztist``): the left part is common or stands alone in the document, and the end of the
    left part and the tail make no known word (``Radtourist``: ``Tourist``). A token that
    splits more than one way (``diesein``) is flagged.

    >>> ctx = example_context()
    >>> word_word("Politischsind", ctx).at, word_word("Radtourist", ctx)
    (9, None)
    >>> word_word("diesein", ctx).certain
    False
    """
    r = ctx.rules
    splits = []
    for tail in ctx.tails:
        left = token[: -len(tail)]
        if not token.endswith(tail):
            continue
        if not (_left_ok(left, ctx) or (tail in r.strong_tails and (_compound(left, ctx) or _known_verb(left, ctx)))):
            continue
        if tail in r.participle_tails and _participle_stem(left):
            continue  # -enden, -ernder, -elnder: participles, not glued articles
        if _separable_verb(left, tail):
            continue  # a separable prefix before a verb form is one verb (`zurückwollte`, `mitkonnte`)
        if _compound_tail(left, tail, ctx):
            continue
        splits.append((left, tail))
    if not splits:
        return None
    left, tail = splits[0]
    others = {f"{a} {b}" for a, b in splits[1:]}
    others |= {f"{token[:-len(t)]} {t}" for t in r.ambiguous_tails
               if token.endswith(t) and len(token) > len(t) and _left_ok(token[: -len(t)], ctx)}
    if others:
        return Split(len(left), False, f"'{token}' looks glued but splits more than one way: "
                                       f"'{left} {tail}' or '{sorted(others)[0]}'")
    return Split(len(left), True, f"'{left}' glued to '{tail}'")


def head_word(token: str, ctx: GlueContext) -> Verdict:
    """A function word of ``glue_heads`` glued to a common word after it (``istsehr``); only
    heads that are never prefixes, and never before a noun (``Wirgefühl``).

    >>> ctx = example_context()
    >>> head_word("istsehr", ctx).at, head_word("Wirgefühl", ctx)
    (3, None)
    """
    r = ctx.rules
    for head in r.glue_heads:
        rest = token[len(head):]
        if (len(rest) >= 3 and token.lower().startswith(head) and rest.islower()
                and zipf(rest) >= r.right_part_min and not english_like(rest)
                and top_class(rest.capitalize()) not in ("NN", "NE")):
            return Split(len(head), True, f"'{head}' glued to '{rest}'")
    return None


def prefix_adjective(token: str, ctx: GlueContext) -> Verdict:
    """An article or a preposition that is also a prefix (``adjective_heads``: ``ein``,
    ``mit``, ``auf``) glued to an inflected adjective after it (``einneuer``,
    ``mitnationalen``): prefix and adjective make a word (``anständiger``), so only a token
    that neither the frequency list nor the word-class model knows (its best reading costs at
    least ``known_word_cost``), and no participle, which a separable prefix opens
    (``einleitender``, ``eingebildeter``).

    >>> ctx = example_context()
    >>> prefix_adjective("einneuer", ctx).at, prefix_adjective("mitnationalen", ctx).at
    (3, 3)
    >>> prefix_adjective("anständiger", ctx), prefix_adjective("einleitender", ctx)
    (None, None)
    """
    r = ctx.rules
    if not token.islower() or zipf(token) > 0:
        return None
    for head in _longest_first(r.adjective_heads):
        rest = token[len(head):]
        if (token.startswith(head) and len(rest) >= 4 and rest.endswith(ADJECTIVE_ENDINGS)
                and not rest.startswith("ge") and not PRESENT_PARTICIPLE.search(rest)
                and zipf(rest) >= r.right_part_min and not english_like(rest) and top_class(rest) == "ADJ(A)"
                and best_score(token) <= -r.known_word_cost):
            return Split(len(head), True, f"'{head}' glued to the adjective '{rest}'")
    return None


ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
PRESENT_PARTICIPLE = regex.compile(r"end(?:e|en|er|es|em)$")


def noun_word(token: str, ctx: GlueContext) -> Verdict:
    """A capitalised token inside a sentence is a noun, and a German compound ends in its
    head: a known noun or name followed by a word that heads no noun (a finite verb, a
    function word) is two words (``Nachtreicht``, ``Merkelsagte``, ``Stadtregierungstellt``).

    >>> ctx = example_context()
    >>> noun_word("Nachtreicht", ctx).at, noun_word("Heftselbst", ctx).at
    (5, 4)
    >>> noun_word("Präsidentensprecher", ctx), noun_word("Nachtreicht", example_context(opens=True))
    (None, None)

    A bare verb stem may head a compound (``Alltagskram``), so may a word that two letters of
    the left part start (``Athletenteam``), and a left part of three letters that is English
    is no evidence (``Barbin``):

    >>> noun_word("Alltagskram", ctx), noun_word("Athletenteam", ctx), noun_word("Barbin", ctx)
    (None, None, None)
    """
    if not (token[0].isupper() and not ctx.opens and token[1:].islower()):
        return None
    return _by_class(token, ctx, capital=True)


def noun_verb(token: str, ctx: GlueContext) -> Verdict:
    """A capitalised token inside a sentence is a noun or a name, and a German compound ends
    in its head; a verb form that has no noun reading (``stellt``, ``sagt``,
    ``veröffentlicht``: classes of ``verb_head_classes``) heads none, so a noun or a name
    before one is another word (``Stadtregierungstellt``, ``Addorsagt``; an unknown name only
    before a common verb, ``name_verb_min``). After a name, a
    nominalised participle counts as no head either (``Lyonkassierte``); after a noun it may
    be one (``Krankenversicherte``).

    >>> ctx = example_context()
    >>> noun_verb("Stadtregierungstellt", ctx).at, noun_verb("Lyonkassierte", ctx).at, noun_verb("Addorsagt", ctx).at
    (14, 4, 5)
    >>> noun_verb("Krankenversicherte", ctx), noun_verb("Präsidentensprecher", ctx), noun_verb("Addorsagt", example_context(opens=True))
    (None, None, None)
    >>> noun_verb("Standardverhalten", ctx), noun_verb("Tastendrücke", ctx)
    (None, None)

    In the rest of a token split before it, a long noun may be glued to an infinitive too
    (``rest_verb_head_classes``; ``zumKundengespräch|führen``):

    >>> noun_verb("Kundengesprächführen", example_context(rest=True)).at, noun_verb("Kundengesprächführen", ctx)
    (14, None)
    """
    r = ctx.rules
    if not (token[0].isupper() and token[1:].islower() and not ctx.opens and len(token) >= 7):
        return None
    if zipf(token) >= r.glued_token_max:
        return None
    # the word-class model is slow: asked only about right parts the lexicon knows as words
    for at in range(3, len(token) - 3):
        left, right = token[:at], token[at:]
        if zipf(right) < (r.function_neighbour_min if ctx.rest else r.right_part_min) or any(
                zipf(left[i:] + right) >= r.compound_tail_min for i in range(1, len(left))):
            continue  # unknown, or a prefix verb or a noun (`Standardverhalten`, `Präzisionsanzeigen`)
        # the rest of a token split before it, after a long noun, may end in an infinitive too
        # (`imMietvertrag|verhandeln`): a compound of a long noun and a verb is rare
        long_rest = ctx.rest and len(left) >= r.inner_part_min_length
        if english_like(right) or top_class(right) not in (r.verb_head_classes | r.rest_verb_head_classes
                                                           if long_rest else r.verb_head_classes):
            continue
        name = top_class(left) == "NE"
        heads = r.name_head_classes if name or long_rest else r.noun_like_classes
        if (_capital_noun(right, heads, ctx) or can_be_noun(right, r.noun_margin, heads) or _swiss_noun(right, ctx)
                or (right.endswith("e") and not right.endswith("te") and not name)):  # `Tastendrücke`: plurals
            continue
        known = (zipf(left) >= r.function_neighbour_min or ctx.counts[left] > 0 or _noun_compound(left, ctx)
                 or (ctx.rest and len(left) >= r.inner_part_min_length))
        if not _noun(left, ctx) or not (known or (name and len(left) >= 4 and zipf(right) >= r.name_verb_min)):
            continue
        if best_score(token) > -r.known_word_cost or (not _closed_word(right, ctx) and _known_compound(token, ctx)):
            return None  # the word-class model knows the token as a word (`Beweislagen`)
        return Split(at, True, f"'{left}' glued to '{right}' ('{right}' is a verb form, which heads no noun)")
    return None


def class_word(token: str, ctx: GlueContext) -> Verdict:
    """A lower-case token (or a capitalised one that may open a sentence) that opens with a
    word that opens no compound (a pronoun, an article, a finite auxiliary: ``ichglaube``,
    ``ihmdarauf``) or ends in one that heads none, and is not a separable prefix
    (``einwählt`` stays).

    >>> ctx = example_context()
    >>> class_word("ihmdarauf", ctx).at, class_word("einwählt", ctx)
    (3, None)
    """
    if not token[1:].islower() or (token[0].isupper() and not ctx.opens):
        return None
    return _by_class(token, ctx, capital=False)


Predicate = Callable[[str, GlueContext], Verdict]

# The rules, in the order they are asked; the rule id of a split is ``glue.`` + the name.
GLUE_RULES: tuple[tuple[str, Predicate], ...] = (
    ("protected", protected),
    ("domain_word", domain_word),
    ("address_start", address_start),
    ("gender_form", gender_form),
    ("unit_word", unit_word),
    ("acronym_plural", acronym_plural),
    ("acronym_lower", acronym_lower),
    ("acronym_word", acronym_word),
    ("word_acronym", word_acronym),
    ("heading_end", heading_end),
    ("lower_capital", lower_capital),
    ("function_capital", function_capital),
    ("word_capitalised", word_capitalised),
    ("inner_capital", inner_capital),
    ("function_pair", function_pair),
    ("known_word", known_word),
    ("word_word", word_word),
    ("head_word", head_word),
    ("prefix_adjective", prefix_adjective),
    ("noun_word", noun_word),
    ("noun_verb", noun_verb),
    ("class_word", class_word),
)
PREDICATES = dict(GLUE_RULES)


def decide(token: str, ctx: GlueContext) -> tuple[str, Split | Keep] | None:
    """The first rule of :data:`GLUE_RULES` with an answer for ``token``, and its answer
    (each token is decided once per context)."""
    if token in ctx.decided:
        return ctx.decided[token]
    found = None
    for name, predicate in GLUE_RULES:
        verdict = predicate(token, ctx)
        if verdict is not None:
            found = name, verdict
            break
    ctx.decided[token] = found
    return found


def predicate_of(rule_id: str) -> str | None:
    """The qualified name of the predicate behind a glue rule id (``glue.noun_word``)."""
    for part in rule_id.split("+"):
        name = part.removeprefix("glue.")
        if part.startswith("glue.") and name in PREDICATES:
            return f"{__name__}.{name}"
    return None


# -- shared judgements ---------------------------------------------------------------


def _by_class(token: str, ctx: GlueContext, capital: bool) -> Verdict:
    """Split an unknown token into two known words by their word classes: a capitalised
    token inside a sentence (``capital``) must end in a noun; a lower-case token must not
    start with a word that opens no compound nor end in one that heads none."""
    r = ctx.rules
    counts = ctx.counts
    n = r.class_part_min_length
    # a capitalised word that may open a sentence can be of any class: it is judged in lower
    # case, and then its right part must be no noun (`Wirgefühl` stays)
    opening = token[0].isupper() and ctx.opens
    word = token[0].lower() + token[1:] if opening else token
    found = []
    # (a lower-case token may also open with a pronoun of two letters: `esgenug`, `duweißt`)
    for at in range(n if capital else 2, len(word) - 1):
        left, right = word[:at], word[at:]
        if at < n and left not in r.glue_openers:
            continue
        if len(right) < n and not (capital and right in r.short_tails):
            break
        if not capital and left in r.glue_openers and len(right) >= 2 * n and zipf(right) < r.glued_token_max:
            inner = decide(right, ctx)  # a chain of glued words after a pronoun (`siedirgut`)
            if inner is not None and isinstance(inner[1], Split) and inner[1].certain:
                found.append(at)
            continue
        if zipf(right) < r.right_part_min or (english_like(left) and not capital):
            continue  # (a capitalised left part inside a sentence is a noun, also if English: `Song`)
        # (both kinds of closed words are common: the word-class model is asked about no others)
        closed = zipf(right) >= r.closed_word_min and (top_class(right) in r.closed_classes or _no_head(right, ctx))
        if english_like(right) and not (capital and closed and zipf(left) >= r.left_part_min
                                        and not english_like(left) and top_class(left) == "NN"):
            continue  # (a German function word that is English too after a common German noun: `Dozentan`; not a name: `Jadaan`)
        if len(right) <= n and not closed and not (left in r.glue_openers and zipf(right) >= r.closed_word_min):
            continue  # a short part that is no function word may be a suffix (`Frieseur`: `-eur`; not `dirgut`)
        if capital:
            known = (zipf(left) >= (r.function_neighbour_min if closed else r.left_part_min) or counts[left] > 0
                     or (closed and (_noun_compound(left, ctx) or (ctx.rest and len(left) >= r.inner_part_min_length))))
            glued = (known and _noun(left, ctx) and not _participle(left, right, ctx)
                     and (len(left) >= r.left_part_min_length or counts[left] > 0 or not english_like(left))
                     and (closed or not (_noun(right, ctx) or _noun(right.capitalize(), ctx) or _swiss_noun(right, ctx)
                                         or {top_class(right), top_class(right.capitalize())} & r.capital_head_classes)))
        else:
            glued = (zipf(left) >= r.left_part_min or counts[left] > 0) and left != right and top_class(left) != "NE" and (
                (top_class(left) in r.never_modifier_classes and not r.compound_opener_classes & set(classes(left)))
                or ((closed or top_class(right) in r.never_head_classes) and not _capital_noun(right, r.noun_like_classes, ctx)
                    and not (right in r.participle_tails and _participle_stem(left))))
            glued = glued and not (opening and _noun(right.capitalize(), ctx)) and not _separable_verb(left, right)
        if glued and not _class_compound_tail(left, right, ctx):
            found.append(at)
    if not found:
        return None
    opener = not capital and word[: found[0]] in r.glue_openers  # `einermöglichen`: no prefix
    if not opener and (best_score(token) > -r.known_word_cost or (opening and best_score(word) > -r.known_word_cost)):
        return None  # the model knows the token as a word (`Bombenlegen`)
    at = found[0]
    if capital and not _closed_word(word[at:], ctx) and _known_compound(token, ctx):
        return None  # a noun before an adjective or a verb form the model half knows as a compound (`Beweislagen`)
    if len(found) > 1:
        others = " or ".join(f"'{token[:a]} {token[a:]}'" for a in found[1:])
        return Split(at, False, f"'{token}' looks glued but splits more than one way: '{token[:at]} {token[at:]}' or {others}")
    if capital and _noun_homograph(word[at:], ctx):
        return Split(at, False, f"'{token[:at]}' may be glued to '{token[at:]}', or '{token[at:].capitalize()}' heads the compound")
    return Split(at, True, f"'{token[:at]}' glued to '{token[at:]}' "
                           f"('{token[at:]}' {'heads no noun' if capital else 'forms no compound here'})")


def _common_function_word(word: str, ctx: GlueContext) -> bool:
    return zipf(word) >= ctx.rules.closed_word_min and (top_class(word) in ctx.rules.closed_classes or _no_head(word, ctx))


def _glued_rest(word: str, ctx: GlueContext) -> int | None:
    """Where ``word``, the rest of a token after a split, is split for sure in turn (None:
    nowhere), judged as ``glue.GluePass`` judges such a rest (not opening a sentence, ``rest``)."""
    r = ctx.rules
    if len(word) < 2 * r.class_part_min_length or zipf(word) >= r.glued_token_max:
        return None
    if not ctx.rests:  # the context of rests, kept with this one (each decides once)
        ctx.rests.append(replace(ctx, opens=False, heading=False, rest=True, decided={}, rests=[],
                                 address="before_url" if ctx.address == "before_url" else ""))
    found = decide(word, ctx.rests[0])
    return found[1].at if found is not None and isinstance(found[1], Split) and found[1].certain else None


def _known_compound(token: str, ctx: GlueContext) -> bool:
    """Whether the word-class model reads ``token`` as a noun or an adjective at a cost below
    ``open_head_known_cost``: a compound it half knows (``Beweislagen``, ``Druckbreiten``),
    not a noun glued to a verb form it reads as a verb (``Preisstimmt``) or guesses at
    (``Nachtreicht``).

    >>> ctx = example_context()
    >>> _known_compound("Beweislagen", ctx), _known_compound("Preisstimmt", ctx), _known_compound("Nachtreicht", ctx)
    (True, False, False)
    """
    return best_score(token) > -ctx.rules.open_head_known_cost and top_class(token) not in ctx.rules.verb_head_classes


def _closed_word(word: str, ctx: GlueContext) -> bool:
    """Whether ``word`` is first a word of a closed class (an article, a preposition, an
    auxiliary: ``seien``) or a common one that heads no compound (``dann``), not an
    adjective or a verb of its own (``lagen``, ``kommunistische``).

    >>> ctx = example_context()
    >>> _closed_word("seien", ctx), _closed_word("dann", ctx), _closed_word("lagen", ctx)
    (True, True, False)
    """
    return top_class(word) in ctx.rules.closed_classes or _no_head(word, ctx)


def _noun_homograph(word: str, ctx: GlueContext) -> bool:
    """A preposition or a conjunction whose capitalised form is a noun first (``wegen``:
    ``Geröllwegen``; ``plus``: ``Umsatzplus``; ``kraft``: ``Wasserkraft``): after a noun it may
    head the compound. Auxiliaries and modals are not asked (``habe``, ``waren``: glued far
    more often than they end a noun).

    >>> ctx = example_context()
    >>> _noun_homograph("wegen", ctx), _noun_homograph("waren", ctx), _noun_homograph("aus", ctx)
    (True, False, False)
    """
    return (top_class(word) in ctx.rules.homograph_classes
            and top_class(word.capitalize()) in ctx.rules.homograph_noun_classes)


def _swiss_noun(word: str, ctx: GlueContext) -> bool:
    """Whether ``word`` with ``ss`` written as ``ß`` (Swiss spelling: ``ausmass``, ``Strasse``)
    is a noun that the model knows in its German spelling (``Unwetterausmass``).

    >>> ctx = example_context()
    >>> _swiss_noun("ausmass", ctx), _swiss_noun("wusste", ctx), _swiss_noun("gemessen", ctx)
    (True, False, False)
    """
    if "ss" not in word:
        return False
    sharp = word.capitalize().replace("ss", "ß")
    # (the word-class model is asked: the frequency list folds ``ß`` to ``ss``, it knows both)
    return best_score(sharp) > -ctx.rules.known_word_cost and top_class(sharp) in ctx.rules.homograph_noun_classes


def _no_head(word: str, ctx: GlueContext) -> bool:
    """A common word of ``nonhead_classes`` (``selbst``, ``dann``, ``nicht``) whose capitalised
    form is no noun first (``Morgen`` is): it heads no compound."""
    r = ctx.rules
    return (zipf(word) >= r.closed_word_min and top_class(word) in r.nonhead_classes
            and top_class(word.capitalize()) not in r.noun_like_classes)


def _capital_noun(word: str, heads: frozenset[str], ctx: GlueContext) -> bool:
    """Whether ``word`` (in lower case) capitalised may be a noun of ``heads``; a noun reading
    far below the lower-case word's best reading is the word-class model's guess for an
    unknown capitalised word, no noun (``Verdampft``, ``Feierte``; ``Versicherte`` is one).

    >>> ctx = example_context()
    >>> _capital_noun("versicherte", ctx.rules.noun_like_classes, ctx), _capital_noun("feierte", ctx.rules.noun_like_classes, ctx)
    (True, False)
    """
    r = ctx.rules
    found = scored(word.capitalize())
    if not found:
        return True  # nothing known: assume the worst
    best = found[0][1]
    floor = best_score(word) - r.noun_guess_margin
    return any(tag in heads and score >= best - r.noun_margin and score >= floor for tag, score in found)


def _participle(left: str, right: str, ctx: GlueContext) -> bool:
    """Whether ``left`` + ``right`` may be a nominalised participle (``Vorsitzender``), not a
    noun glued to an article (``Intendantender``)."""
    return right in ctx.rules.participle_tails and left.endswith(("en", "rn", "ln")) and (
        zipf(left + "d") > 0 or bool({"VV(INF)", "NNI"} & set(classes(left))))


def _participle_stem(left: str) -> bool:
    """Whether ``left`` may be the stem of a present participle before its ending (``-den``,
    ``-der``: see ``participle_tails``): a word in ``-en``, or a verb in ``-ern``, ``-eln``
    (``steuern`` of ``steuerndes``, ``zweifeln`` of ``zweifelnder``); capitalised, only a word
    read first as a verb: a noun glued to an article is far more common (``Kindernder``,
    ``Regelndes``) than a nominalised participle.

    >>> _participle_stem("protestieren"), _participle_stem("steuern"), _participle_stem("Kindern")
    (True, True, False)
    >>> _participle_stem("Regeln")
    False
    """
    if left.endswith("en"):
        return True
    if not left.endswith(("rn", "ln")):
        return False
    return "VV(INF)" in classes(left) if left.islower() else top_class(left) == "VV(INF)"


def _noun(word: str, ctx: GlueContext) -> bool:
    """Whether ``word`` may be a noun or head one; a verb form in ``-e`` that may be an
    imperative may be a plural too (``drücke``: ``Tastendrücke``; not ``kommt``)."""
    return can_be_noun(word, ctx.rules.noun_margin, ctx.rules.noun_like_classes) or (
        word.endswith("e") and "VV(IMP)" in classes(word))


def _compound(left: str, ctx: GlueContext) -> bool:
    """Whether ``left`` is two known words (``Kontakt`` + ``anfragen``)."""
    r = ctx.rules
    n = r.left_part_min_length
    return len(left) >= 2 * n and any(
        zipf(left[:i]) >= r.left_part_min and zipf(left[i:]) >= r.left_part_min for i in range(n, len(left) - n + 1))


def _separable_verb(left: str, right: str) -> bool:
    """Whether ``left`` may be a separable prefix and ``right`` a verb form, which make one verb
    in a subordinate clause (``zurückwollte``, ``teilhatte``, ``bekanntwurde``; not ``dannwollte``).

    >>> _separable_verb("zurück", "wollte"), _separable_verb("Teil", "hatte"), _separable_verb("dann", "wollte")
    (True, True, False)
    """
    return "PTKVZ" in classes(left.lower()) and top_class(right).startswith("V")


def _known_verb(word: str, ctx: GlueContext) -> bool:
    """Whether ``word`` is in lower case a verb form the word-class model knows first, at a
    cost below ``known_word_cost``, not rare (``function_neighbour_min``) and not short
    (``inner_part_min_length``: `brumm`, `muck` open names): a participle or an infinitive
    before an auxiliary (``vorgezeigt`` of ``vorgezeigtwerden``).

    >>> ctx = example_context()
    >>> _known_verb("vorgezeigt", ctx), _known_verb("Kontrabass", ctx), _known_verb("brumm", ctx)
    (True, False, False)
    """
    return (word.islower() and len(word) >= ctx.rules.inner_part_min_length
            and zipf(word) >= ctx.rules.function_neighbour_min
            and top_class(word).startswith(("VV", "VA", "VM")) and best_score(word) > -ctx.rules.known_word_cost)


def _known_noun(word: str, ctx: GlueContext) -> bool:
    """Whether the word-class model reads ``word`` first as a noun at a cost below
    ``known_word_cost``: a rarer noun that the frequency list lacks (``Pastorin``, ``Finnin``).

    >>> ctx = example_context()
    >>> _known_noun("Pastorin", ctx), _known_noun("Xqzubel", ctx)
    (True, False)
    """
    return top_class(word) == "NN" and best_score(word) > -ctx.rules.known_word_cost


def _noun_compound(left: str, ctx: GlueContext) -> bool:
    """Whether ``left`` is two known words, maybe joined by an ``s``, and ends in a noun
    (``Leihwagen``, ``Erfrischungskur``; not ``Bergsteigert``: ``steigert``)."""
    r = ctx.rules
    n = r.left_part_min_length
    return len(left) >= 2 * n and any(
        max(zipf(left[:i]), zipf(left[: i - 1]) if left[i - 1] == "s" else 0) >= r.left_part_min
        and zipf(left[i:]) >= r.left_part_min and _noun(left[i:].capitalize(), ctx)
        for i in range(n, len(left) - n + 1))


def _compound_tail(left: str, tail: str, ctx: GlueContext) -> bool:
    """Whether the end of ``left`` and ``tail`` make a known word (``tour`` + ``ist``)."""
    return any(zipf(left[i:] + tail) >= ctx.rules.compound_tail_min for i in range(1, len(left) - 2))


def _class_compound_tail(left: str, tail: str, ctx: GlueContext) -> bool:
    """Like ``_compound_tail``, but a rarer word counts only if the word-class model knows it
    too (``Saxophonist`` counts; ``dennach``, web glue for ``denn ach``, does not); before a
    two-letter tail, two letters of ``left`` may start the word (``Athletenteam``: ``Team``)."""
    r = ctx.rules
    for i in range(1, len(left) - (1 if len(tail) <= 2 else 2)):
        word = left[i:] + tail
        common = zipf(word)
        if common >= r.class_compound_tail_min or (
                common >= r.compound_tail_min and best_score(word.capitalize()) > -r.known_word_cost):
            return True
    return False


def _left_ok(left: str, ctx: GlueContext) -> bool:
    """A left part is a common word, a short function word, or stands alone in the document."""
    r = ctx.rules
    if left.lower() in r.glue_left_words:
        return True
    if len(left) < r.left_part_min_length:
        return False
    return zipf(left) >= r.left_part_min or (len(left) >= 6 and ctx.counts[left] > 0)
