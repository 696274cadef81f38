"""The clean stage: runs the cleaning passes in order and writes their edits onto the record."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.clean.blocks import find_blocks
from pipeline.clean.boilerplate import LineRulePass, load_line_rules
from pipeline.clean.characters import CharacterPass
from pipeline.clean.chrome_judge import ChromeJudgePass, load_chrome_model
from pipeline.clean.edits import EditLog
from pipeline.clean.glue import GluePass
from pipeline.clean.layout import LayoutPass
from pipeline.clean.lexicon_rules import LexiconRules
from pipeline.clean.mojibake import MojibakePass
from pipeline.clean.passes import CleaningPass, PassContext, PendingFlag
from pipeline.clean.print_layout import DehyphenatePass, UnwrapPass
from pipeline.clean.repeated_lines import repeated_line_pass
from pipeline.clean.review_flags import ReviewFlagPass
from pipeline.clean.structure import CreditPass, StructurePass, load_structure_rules
from pipeline.record import Document, Flag
from pipeline.clean.exceptions import default_exceptions  # edits reviewers marked wrong
from pipeline.rules import corrections_dir
from pipeline.stage import Stage, flags_of


def default_passes(rules: Path | None = None, line_counts=None) -> list[CleaningPass]:
    """The passes in the order they run; this list is the one place that order is written.

    ``line_counts`` (:class:`pipeline.corpus.LineCounts` of the whole input) adds the pass
    for lines repeated across a source's documents; it runs first, on the lines it counted.
    """
    rules = rules or corrections_dir()
    lexicon = LexiconRules.from_dir(rules)
    structure = load_structure_rules(rules / "structure.yaml")
    chrome = LineRulePass(load_line_rules(rules / "boilerplate.yaml"))
    # what the line-by-line passes look for: joining lines must not make new ones appear
    line_patterns = [r.pattern for r in structure["credits"] + structure["end_tags"]]
    dehyphenate = DehyphenatePass(lexicon, line_patterns)
    unwrap = UnwrapPass(lexicon, line_patterns, dehyphenate)
    return [
        *([repeated_line_pass(line_counts, rules, chrome.rules)] if line_counts is not None else []),
        MojibakePass(),
        CharacterPass.from_file(rules / "characters.tsv"),
        CreditPass(structure["credits"]),
        chrome,
        ChromeJudgePass(load_chrome_model(rules / "chrome_judge.yaml"), [r.pattern for r in structure["date_lines"]]),
        StructurePass(structure, chrome.rules),
        dehyphenate,
        GluePass(lexicon, unwrap.hard_wrapped),  # before unwrapping, whose decision depends on line lengths
        unwrap,
        ReviewFlagPass(),
        LayoutPass(),
    ]


class Cleaner(Stage):
    """``Cleaner()(doc)`` fills ``clean``, ``edits``, ``flags`` and ``blocks`` of a record."""

    name = "clean"
    reads = ("id", "raw", "meta", "flags")
    writes = ("clean", "edits", "flags", "blocks", "meta")  # meta: title, date, author found in the text

    def __init__(self, passes: Sequence[CleaningPass] | None = None, rules: Path | None = None, line_counts=None):
        self.passes = list(passes) if passes is not None else default_passes(rules, line_counts)
        self.exceptions = default_exceptions(rules)  # changes matching these are not made

    def __call__(self, doc: Document) -> Document:
        log = EditLog(doc.raw)
        context = PassContext(doc_id=doc.id, meta=doc.meta,
                              removed=lambda: "\n".join(e.before for e in log.edits() if not e.after.strip()))
        for cleaning_pass in self.passes:
            text = log.text
            context.to_raw = log.to_raw

            def flag(start: int, end: int, rule: str, reason: str) -> None:
                context.flags.append(PendingFlag(log.to_raw(start), log.to_raw(end), rule, reason))

            log.apply(self.exceptions.filter(text, cleaning_pass.propose(text, context, flag)))
        clean = log.text
        doc.clean = clean
        doc.edits = log.edits()
        doc.flags = flags_of(doc, "read") + _final_flags(log, context.flags)  # read's flags stay
        captions = [(log.from_raw(a), log.from_raw(b)) for a, b in context.captions]
        doc.blocks = find_blocks(clean, doc.meta.get("title"), captions)
        return doc


def _final_flags(log: EditLog, pending: list[PendingFlag]) -> list[Flag]:
    clean = log.text
    flags = []
    for p in sorted(pending, key=lambda p: (p.raw_start, p.raw_end, p.rule)):
        start, end = log.from_raw(p.raw_start), log.from_raw(p.raw_end)
        end = max(start, end)
        flags.append(Flag(start, end, p.rule, p.reason, clean[start:end]))
    return flags
