"""``python -m pipeline align``: align a source text with its translation into beads or pairs."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import regex

from pipeline.align.beads import Bead
from pipeline.commands.textio import read_text_arg
from pipeline.export import FORMATS, export, pairs_from_beads
from pipeline.read.inputs import InputError
from pipeline.record import PairFlag

PARAGRAPHS = regex.compile(r"\n[ \t]*\n")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "align",
        help="align the sentences of a text with those of its translation",
        description="Align source sentences with target sentences into beads (1-1, 1-2, 2-1, 2-2, 1-0, 0-1, ...). "
        "The source is translated into the target language and compared with the target (give the "
        "translation with --src-translation, or compare by length and shared names and numbers only "
        "with --no-translate). Prints beads as '[i, j]:[k]' (0-based) or writes pairs in an export format.",
    )
    p.add_argument("src", metavar="SRC", help="source text (paragraphs separated by blank lines), or - for standard input")
    p.add_argument("tgt", metavar="TGT", help="target text")
    p.add_argument("--presegmented", action="store_true", help="SRC and TGT hold one sentence a line")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--src-translation", metavar="FILE", help="translation of the source into the target language, one line per source sentence")
    how.add_argument("--no-translate", action="store_true", help="no translation: align by length and shared anchors only")
    p.add_argument("--model", default=None, metavar="NAME_OR_DIR",
                   help="Marian model translating the source into the target language (default: the pipeline's de-en model)")
    p.add_argument("--format", choices=("beads", *FORMATS), default="beads", help="output format (default beads)")
    p.add_argument("--out", type=Path, metavar="PATH",
                   help="output file (for moses: the prefix, writing PATH.SRC_LANG and PATH.TGT_LANG); default standard output")
    p.add_argument("--src-lang", default="de", help="language code of SRC, for splitting and exports (default de)")
    p.add_argument("--tgt-lang", default="en", help="language code of TGT, for splitting and exports (default en)")
    return p


def sentences(text: str, lang: str, presegmented: bool) -> list[str]:
    """One sentence a line, or split with the sentence splitter paragraph by paragraph.

    >>> sentences("Eins.\\nZwei.\\n", "de", True)
    ['Eins.', 'Zwei.']
    >>> sentences("Er kam. Sie ging.\\n\\nNeu.", "de", False)
    ['Er kam.', 'Sie ging.', 'Neu.']
    """
    if presegmented:
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return [line.rstrip("\r") for line in lines]
    from pipeline.segment.splitter import SentenceSplitter

    splitter = SentenceSplitter(lang)
    out = []
    for paragraph in PARAGRAPHS.split(text):
        out.extend(" ".join(paragraph[s.start : s.end].split()) for s in splitter.split(paragraph))
    return out


def translate(src: list[str], model: str | None) -> tuple[list[str], list[float | None], list[list[PairFlag]]]:
    from pipeline.translate import TranslateSettings, Translator

    settings = TranslateSettings(model=model) if model else TranslateSettings()
    outputs = Translator(settings).translate(src)
    return [o.text for o in outputs], [o.logprob for o in outputs], [list(o.flags) for o in outputs]


def main(args: argparse.Namespace) -> int:
    from pipeline.align.aligner import Aligner, bead_similarities  # numpy and scipy: only when aligning
    from pipeline.align.scores import load_flag_rules, score_pair

    if args.format == "moses" and args.out is None:
        raise InputError("--format moses writes two files: give their prefix with --out")
    doc_id, src_text = read_text_arg(args.src)
    _, tgt_text = read_text_arg(args.tgt)
    src = sentences(src_text, args.src_lang, args.presegmented)
    tgt = sentences(tgt_text, args.tgt_lang, args.presegmented)
    rules = load_flag_rules()
    logprobs: list[float | None] = [None] * len(src)
    notes: list[list[PairFlag]] = [[] for _ in src]
    translation = None
    if args.src_translation:
        translation = sentences(read_text_arg(args.src_translation)[1], args.tgt_lang, True)
        if len(translation) != len(src):
            raise InputError(
                f"{args.src_translation}: {len(translation)} lines, but SRC has {len(src)} sentences; "
                f"give one translated line per source sentence{'' if args.presegmented else ' (see --presegmented)'}"
            )
    elif not args.no_translate:
        translation, logprobs, notes = translate(src, args.model)
    beads = Aligner().align(src, tgt, translation)
    if args.format == "beads":
        write_beads(beads, args.out)
        return 0
    sims = bead_similarities(beads, translation, tgt) if translation is not None else [None] * len(beads)
    scored = []
    for bead, sim in zip(beads, sims):
        known = [logprobs[i] for i in bead.src if logprobs[i] is not None]
        logprob = sum(known) / len(known) if known else None
        s, t = " ".join(src[i] for i in bead.src), " ".join(tgt[j] for j in bead.tgt)
        scores, flags = score_pair(s, t, logprob, sim, rules)
        scored.append((scores, [f for i in bead.src for f in notes[i]] + flags))
    pairs = pairs_from_beads(beads, src, tgt, doc_id, scored)
    if args.out is not None:
        export(pairs, args.format, args.out, args.src_lang, args.tgt_lang)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"pairs.{args.format}"
        export(pairs, args.format, path, args.src_lang, args.tgt_lang)
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return 0


def write_beads(beads: list[Bead], out: Path | None) -> None:
    text = "".join(f"{bead}\n" for bead in beads)
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
