"""Build a tiny Marian model with random weights, laid out like OPUS-MT, in a few seconds.

    python -m pipeline.testing.tiny_model DIR [--vocab 300] [--seed 0]

The SentencePiece vocabulary is trained on the spot on text this project wrote
(:mod:`pipeline.testing.corpus`). The vocabulary follows opus-mt-de-en's layout: ``</s>`` is
id 0, ``<unk>`` id 1, ``<pad>`` the last id, and ``decoder_start_token_id`` is the pad id, so
converters that expect OPUS-MT's layout (CTranslate2's) accept the model. The model is written
with ``save_pretrained`` and loads like any real one; its ``config.json`` says
``"random_weights": true``, so tools that report quality can say their figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pipeline.testing.corpus import ENGLISH, GERMAN


def train_vocabulary(out: Path, vocab_size: int = 300, sentences: Iterable[str] | None = None) -> list[str]:
    """Train a joint SentencePiece model into ``out/source.spm`` and ``out/target.spm``.

    ``sentences`` default to the project's own German and English text.
    """
    import sentencepiece as spm

    lines = list(sentences) if sentences is not None else (GERMAN + ENGLISH).splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "spm"
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines),
            model_prefix=str(prefix),
            vocab_size=vocab_size,
            model_type="unigram",
            character_coverage=1.0,
            eos_id=0,
            unk_id=1,
            bos_id=-1,
            pad_id=-1,
            eos_piece="</s>",
            unk_piece="<unk>",
            hard_vocab_limit=False,
            minloglevel=2,
        )
        model_bytes = prefix.with_suffix(".model").read_bytes()
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(model_bytes)
    processor = spm.SentencePieceProcessor(model_file=str(out / "source.spm"))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build(
    out: Path,
    vocab_size: int = 300,
    seed: int = 0,
    d_model: int = 32,
    layers: int = 2,
    *,
    heads: int = 2,
    ffn_dim: int | None = None,
    total_vocab: int | None = None,
    sentences: Iterable[str] | None = None,
) -> Path:
    """Write a random-weight Marian model and its tokenizer files into ``out``.

    The defaults make the tiny test model. ``total_vocab`` (``<pad>`` included) pads the
    vocabulary with unused pieces up to a real model's size, so that the output layer costs
    what it costs there; every id still decodes (an unused piece decodes like ``<unk>``).
    ``opus_mt_de_en_like`` builds a model with that architecture.
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pieces = train_vocabulary(out, vocab_size, sentences)
    if total_vocab is not None:
        if total_vocab - 1 < len(pieces):
            raise ValueError(f"total_vocab {total_vocab} is smaller than the {len(pieces) + 1} pieces trained")
        pieces += [f"▁unused{n}" for n in range(total_vocab - 1 - len(pieces))]
    vocab = {piece: i for i, piece in enumerate(pieces)}
    pad_id = len(pieces)
    vocab["<pad>"] = pad_id
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")

    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        source_lang="de",
        target_lang="en",
        model_max_length=512,
    )
    tokenizer.save_pretrained(out)

    config = MarianConfig(
        vocab_size=pad_id + 1,
        decoder_vocab_size=pad_id + 1,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim or 2 * d_model,
        decoder_ffn_dim=ffn_dim or 2 * d_model,
        max_position_embeddings=512,
        pad_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad_id,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        random_weights=True,  # read by pipeline.translate.evaluate: scores of such a model mean nothing
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad_id]],
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
        max_length=512,
        num_beams=4,
    )
    model.save_pretrained(out)
    return out


def opus_mt_de_en_like(out: Path, sentences: Iterable[str], seed: int = 0) -> Path:
    """A random-weight model with opus-mt-de-en's architecture and vocabulary size (58,101).

    The SentencePiece pieces are trained on ``sentences`` (8,000 at most), so that inputs
    are cut into about as many tokens as the real vocabulary cuts them.
    """
    return build(out, vocab_size=8000, seed=seed, d_model=512, layers=6, heads=8, ffn_dim=2048,
                 total_vocab=58_101, sentences=sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.testing.tiny_model",
        description="Build a tiny random-weight Marian model (OPUS-MT layout) for tests and demos.",
    )
    parser.add_argument("out", type=Path, help="directory to write the model into")
    parser.add_argument("--vocab", type=int, default=300, help="SentencePiece vocabulary size (default 300)")
    parser.add_argument("--seed", type=int, default=0, help="random seed for the weights (default 0)")
    args = parser.parse_args(argv)
    path = build(args.out, vocab_size=args.vocab, seed=args.seed)
    print(f"tiny Marian model written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
