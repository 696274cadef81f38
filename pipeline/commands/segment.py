"""``python -m pipeline segment``: one sentence a line."""

from __future__ import annotations

import argparse
import sys

import regex

from pipeline.commands.textio import read_text_arg
from pipeline.segment.splitter import SentenceSplitter

PARAGRAPHS = regex.compile(r"\n[ \t]*\n")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "segment",
        help="split a text into sentences, one a line",
        description="Split a text into sentences and print one a line. Paragraphs are separated by blank lines; "
        "a sentence never crosses a paragraph.",
    )
    p.add_argument("file", metavar="FILE", help="text file, or - to read standard input")
    p.add_argument("--lang", choices=("de", "en"), default="de", help="language of the text (default de)")
    return p


def main(args: argparse.Namespace) -> int:
    _, text = read_text_arg(args.file)
    splitter = SentenceSplitter(args.lang)
    out = sys.stdout
    for paragraph in PARAGRAPHS.split(text):
        for span in splitter.split(paragraph):
            out.write(" ".join(paragraph[span.start : span.end].split()) + "\n")
    return 0
