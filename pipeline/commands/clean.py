"""``python -m pipeline clean``: clean one text and print it, its edits, or its record."""

from __future__ import annotations

import argparse
import json
import sys

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.glue_rules import predicate_of
from pipeline.commands.textio import read_text_arg
from pipeline.record import Document


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "clean",
        help="clean one German text and print the result",
        description="Clean one German text (a file, or - for standard input) and print the clean text.",
    )
    p.add_argument("file", metavar="FILE", help="text file to clean, or - to read standard input")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true", help="print every edit and flag: rule id, position, before -> after, reason")
    mode.add_argument("--json", action="store_true", help="print the document record as JSON")
    return p


def explain(doc: Document) -> str:
    """Every edit (raw position, before -> after, confidence, reason, and for a glue split the
    predicate of ``glue_rules.GLUE_RULES`` that decided it), every flag (clean position, text,
    reason), and what went into ``meta``, one a line."""
    lines = [f"{len(doc.edits)} edits, {len(doc.flags)} flags in {doc.id}"]
    for e in doc.edits:
        sure = f"  [confidence {e.confidence:.2f}]" if e.confidence < 1 else ""
        why = f"  ({e.reason})" if e.reason else ""
        decided = predicate_of(e.rule)
        by = f"  [decided by {decided}]" if decided else ""
        lines.append(f"edit  {e.rule:<28} raw {e.start}-{e.end}  {e.before!r} -> {e.after!r}{sure}{why}{by}")
    for f in doc.flags:
        lines.append(f"flag  {f.rule:<28} clean {f.start}-{f.end}  {f.text!r}  {f.reason}")
    for key, value in doc.meta.items():
        lines.append(f"meta  {key:<28} {value!r}")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    doc_id, text = read_text_arg(args.file)
    doc = Cleaner()(Document(id=doc_id, raw=text))
    if args.json:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    elif args.explain:
        print(explain(doc))
    else:
        sys.stdout.write(doc.clean + ("\n" if doc.clean and not doc.clean.endswith("\n") else ""))
    return 0
