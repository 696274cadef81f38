"""The translation options of the command line, and the settings they make.

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> add_translate_arguments(parser)
>>> settings_from_args(parser.parse_args(["--engine", "ctranslate2", "--beam", "2"])).beam
2
"""

from __future__ import annotations

import argparse

from pipeline.translate.model import DEFAULT_MODEL
from pipeline.translate.settings import COMPUTE_TYPES, DEFAULT_BATCH_TOKENS, ENGINES, TranslateSettings


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_translate_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--model``, ``--engine``, ``--device``, ``--compute-type``, ``--beam`` and the rest."""
    group = parser.add_argument_group("translation")
    group.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME_OR_DIR",
                       help=f"Marian model: a Hugging Face hub id or a directory saved with save_pretrained (default {DEFAULT_MODEL})")
    group.add_argument("--engine", choices=ENGINES, default="auto",
                       help="auto: ctranslate2 when it is installed and the model converts, else torch, the choice "
                       "and its reason printed and written to run.json; torch (transformers' generate); ctranslate2 "
                       "(the model converted once into $PIPELINE_CACHE, default ~/.cache/pipeline) (default auto)")
    group.add_argument("--device", default="cpu", help="device to translate on: cpu, cuda or cuda:N (default cpu)")
    group.add_argument("--compute-type", choices=COMPUTE_TYPES, default="auto",
                       help="number format: auto picks float16 on CUDA, int8 for ctranslate2 on CPU and float32 "
                       "for torch on CPU; int8 for torch on CPU is dynamic quantisation of the linear layers; "
                       "int8_float16 is for ctranslate2 on CUDA (default auto)")
    group.add_argument("--beam", type=_positive, default=4, help="beam size (default 4)")
    group.add_argument("--batch-tokens", type=_count, default=0, metavar="N",
                       help="source tokens per batch, padding included; sentences are sorted by length and packed "
                       f"(default 0: {DEFAULT_BATCH_TOKENS['cpu']} on CPU, {DEFAULT_BATCH_TOKENS['cuda']} on CUDA)")
    group.add_argument("--max-length", type=_positive, default=256, metavar="TOKENS",
                       help="longest input given to the model at once; longer sentences are split at clause "
                       "boundaries, translated in pieces and flagged, never cut (default 256)")
    group.add_argument("--threads", type=_count, default=0, help="CPU threads (default 0: all the cores this process may use; set it when other work shares the machine)")
    group.add_argument("--cache", metavar="FILE", default=None,
                       help="SQLite file of translations to reuse and extend, keyed by model, engine, compute "
                       "type, beam and source text")


def settings_from_args(args: argparse.Namespace) -> TranslateSettings:
    """The :class:`TranslateSettings` the parsed options ask for (raises TranslateSettingsError)."""
    return TranslateSettings(
        model=args.model,
        engine=args.engine,
        device=args.device,
        compute_type=args.compute_type,
        beam=args.beam,
        batch_tokens=args.batch_tokens,
        max_length=args.max_length,
        threads=args.threads,
        cache=str(args.cache) if args.cache else None,
    )
