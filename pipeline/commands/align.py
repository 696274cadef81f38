"""``python -m pipeline align``: align a source text with its translation into beads or pairs."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pipeline.align.beads import Bead
from pipeline.commands.textio import read_text_arg
from pipeline.export import FORMATS, export, pairs_from_beads
from pipeline.read.inputs import InputError


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


def main(args: argparse.Namespace) -> int:
    from pipeline.align.texts import align_sentences, split_sentences, translate_sentences

    if args.format == "moses" and args.out is None:
        raise InputError("--format moses writes two files: give their prefix with --out")
    doc_id, src_text = read_text_arg(args.src)
    _, tgt_text = read_text_arg(args.tgt)
    src = split_sentences(src_text, args.src_lang, args.presegmented)
    tgt = split_sentences(tgt_text, args.tgt_lang, args.presegmented)
    translation, logprobs, notes = None, None, None
    if args.src_translation:
        translation = split_sentences(read_text_arg(args.src_translation)[1], args.tgt_lang, True)
        if len(translation) != len(src):
            raise InputError(
                f"{args.src_translation}: {len(translation)} lines, but SRC has {len(src)} sentences; "
                f"give one translated line per source sentence{'' if args.presegmented else ' (see --presegmented)'}"
            )
    elif not args.no_translate:
        translation, logprobs, notes = translate_sentences(src, args.model)
    aligned = align_sentences(src, tgt, translation, logprobs=logprobs, notes=notes,
                              with_scores=args.format != "beads")
    beads = [a.bead for a in aligned]
    if args.format == "beads":
        write_beads(beads, args.out)
        return 0
    pairs = pairs_from_beads(beads, src, tgt, doc_id, [(a.scores, a.flags) for a in aligned])
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
