"""``python -m pipeline segment``: one sentence a line."""

from __future__ import annotations

import argparse
import sys

from pipeline.commands.textio import read_text_arg
from pipeline.segment.splitter import SentenceSplitter


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "segment",
        help="split a text into sentences, one a line",
        description="Split a text into sentences and print one a line, its inner white space (a wrapped line) "
        "joined to single spaces. Paragraphs are separated by blank lines; a sentence never crosses a paragraph. "
        "Abbreviations and sentence starters are read from corrections/ (or $PIPELINE_CORRECTIONS).",
    )
    p.add_argument("file", metavar="FILE", help="text file, or - to read standard input")
    p.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text (default de)")
    return p


def main(args: argparse.Namespace) -> int:
    _, text = read_text_arg(args.file)
    splitter = SentenceSplitter(args.lang)
    out = sys.stdout
    for span in splitter.split(text):  # a blank line always ends a sentence
        out.write(" ".join(text[span.start : span.end].split()) + "\n")
    return 0
