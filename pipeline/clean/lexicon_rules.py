"""Thresholds and word lists for the rules that consult the lexicon (``corrections/lexicon.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.rules import Key, load_yaml, mapping, number, read_mapping, read_word_list, words

THRESHOLDS = {
    "glued_token_max": float,
    "left_part_min": float,
    "left_part_min_length": int,
    "right_part_min": float,
    "compound_tail_min": float,
    "noun_margin": float,
    "noun_guess_margin": float,
    "known_word_cost": float,
    "open_head_known_cost": float,
    "closed_word_min": float,
    "function_neighbour_min": float,
    "function_pair_max": float,
    "class_compound_tail_min": float,
    "class_part_min_length": int,
    "wrapped_line_share": float,
    "name_verb_min": float,
    "inner_part_min_length": int,
    "prose_line_min_words": int,
    "prose_lower_per_capital": float,
    "heading_max_chars": int,
    "glue_rounds": int,
}
WORD_LISTS = ("glue_words", "strong_tails", "ambiguous_tails", "glue_left_words", "glue_heads", "glue_words_capitalised", "suspended_hyphen_words",
              "never_head_classes", "never_modifier_classes",
              "noun_like_classes", "compound_opener_classes", "closed_classes", "short_tails",
              "capitalised_left_classes", "gender_endings", "gender_stem_endings", "acronym_endings",
              "participle_tails", "content_classes", "joiners", "shape_rules", "recurring_rules",
              "glue_units", "measure_words", "adjective_heads",
              "capital_function_words", "nonhead_classes", "verb_head_classes", "name_head_classes",
              "glue_openers", "hyphens", "tag_marks", "before_hyphen_rules", "after_hyphen_rules", "top_level_domains", "address_starts", "address_rules",
              "capital_head_classes", "rest_verb_head_classes",
              "homograph_classes", "homograph_noun_classes", "formal_address")

SPEC = {
    "thresholds": Key(mapping({name: Key(number(0, label="threshold {key}", convert=kind)) for name, kind in THRESHOLDS.items()})),
    **{name: Key(words) for name in WORD_LISTS},
}


@dataclass(frozen=True)
class LexiconRules:
    """Thresholds and word lists from ``corrections/lexicon.yaml`` and ``protected.txt``."""

    glued_token_max: float
    left_part_min: float
    left_part_min_length: int
    right_part_min: float
    compound_tail_min: float
    noun_margin: float
    noun_guess_margin: float
    known_word_cost: float
    open_head_known_cost: float
    closed_word_min: float
    function_neighbour_min: float
    function_pair_max: float
    class_compound_tail_min: float
    class_part_min_length: int
    wrapped_line_share: float
    name_verb_min: float
    inner_part_min_length: int
    prose_line_min_words: int
    prose_lower_per_capital: float
    heading_max_chars: int
    glue_rounds: int
    glue_words: frozenset[str]
    strong_tails: frozenset[str]
    ambiguous_tails: frozenset[str]
    glue_left_words: frozenset[str]
    glue_heads: frozenset[str]
    glue_words_capitalised: frozenset[str]
    suspended_hyphen_words: frozenset[str]
    never_head_classes: frozenset[str]
    never_modifier_classes: frozenset[str]
    noun_like_classes: frozenset[str]
    compound_opener_classes: frozenset[str]
    closed_classes: frozenset[str]
    short_tails: frozenset[str]
    capitalised_left_classes: frozenset[str]
    gender_endings: frozenset[str]
    gender_stem_endings: frozenset[str]
    acronym_endings: frozenset[str]
    participle_tails: frozenset[str]
    content_classes: frozenset[str]
    joiners: frozenset[str]
    shape_rules: frozenset[str]
    recurring_rules: frozenset[str]
    glue_units: frozenset[str]
    measure_words: frozenset[str]
    adjective_heads: frozenset[str]
    capital_function_words: frozenset[str]
    nonhead_classes: frozenset[str]
    verb_head_classes: frozenset[str]
    name_head_classes: frozenset[str]
    homograph_classes: frozenset[str]
    homograph_noun_classes: frozenset[str]
    formal_address: frozenset[str]
    glue_openers: frozenset[str]
    hyphens: frozenset[str]
    tag_marks: frozenset[str]
    before_hyphen_rules: frozenset[str]
    after_hyphen_rules: frozenset[str]
    top_level_domains: frozenset[str]
    address_starts: frozenset[str]
    address_rules: frozenset[str]
    capital_head_classes: frozenset[str]
    rest_verb_head_classes: frozenset[str]
    protected: frozenset[str]

    @classmethod
    def from_dir(cls, rules: Path) -> LexiconRules:
        path = rules / "lexicon.yaml"
        values = read_mapping(path, load_yaml(path), SPEC)
        values = {**values.pop("thresholds"), **values}
        del values["line"]
        protected = frozenset(word for _line, word in read_word_list(rules / "protected.txt"))
        return cls(**values, protected=protected)
