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

def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``argv`` naming a command, only that command's module is
    imported (the others stand as bare names), so a call does not pay for every command's
    imports: ``clean`` starts without the translation and alignment stack."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Clean scraped German articles, split them into sentences, translate them "
        "to English and align the pairs for review.",
    )
    parser.add_argument("--version", action="version", version=f"pipeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = _command_of(argv)
    for name in COMMANDS:
        if chosen is not None and name != chosen:
            sub.add_parser(name)
            continue
        module = importlib.import_module(f"pipeline.commands.{name}")
        command = module.add_parser(sub)
        command.set_defaults(handler=module.main)
    return parser


def _command_of(argv: list[str] | None) -> str | None:
    """The command ``argv`` names, if its first word that is no option is one."""
    words = [a for a in argv or () if not a.startswith("-")]
    return words[0] if words and words[0] in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # the user errors are imported only when something failed: their modules are the
        # whole stack, which ``clean`` does not need
        from pipeline.errors import UserError

        if not isinstance(exc, UserError):
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
