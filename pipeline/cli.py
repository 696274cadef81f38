"""``python -m pipeline``: a thin command line over the API.

Each sub-command lives in ``pipeline/commands/<name>.py`` with ``add_parser(subparsers)``
and ``main(args) -> int``. Exit codes: 0 all went well, 1 some documents failed,
2 usage or set-up errors (bad arguments, missing input, missing model, broken rule file).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from pipeline import __version__

COMMANDS = ("run", "clean", "segment", "align", "export", "report", "evaluate")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Clean scraped German articles, split them into sentences, translate them "
        "to English and align the pairs for review.",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"pipeline.commands.{name}")
        command = module.add_parser(sub)
        command.set_defaults(handler=module.main)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pipeline.errors import UserError

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
