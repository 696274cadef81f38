"""The two engines behind the translate stage, with one method each: ``generate``.

Which one runs for ``engine="auto"`` is settled in :mod:`pipeline.translate.choice`.

``generate(batch, max_new, min_new, stop_repeats)`` takes source token ids (the tokenizer's,
ending in ``</s>``) and returns, per input, the output token ids without special tokens and
the length-normalised log-probability. Everything else (tokenizing, batching, splitting,
protection, loop checks, the cache) is shared in :mod:`pipeline.translate.translator`.
torch, transformers and ctranslate2 are imported here only when an engine is built.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import replace
from pathlib import Path

from pipeline.translate.allocator import keep_freed_memory
from pipeline.translate.loops import RETRY_NO_REPEAT_NGRAM, RETRY_REPETITION_PENALTY
from pipeline.translate.model import ModelSource, load_marian
from pipeline.translate.search import SearchScores, beam_cache, token_ban
from pipeline.translate.settings import TranslateSettings

Generated = list[tuple[list[int], float | None]]
# output tokens of the teacher-forced scoring pass done at once: 512 × 58,101 float logits is 119 MB
SCORE_CHUNK_TOKENS = 512


class TorchEngine:
    """``MarianMTModel.generate`` in float32, dynamic int8 (CPU) or half precision (CUDA)."""

    def __init__(self, source: ModelSource, settings: TranslateSettings):
        import torch
        import transformers

        transformers.logging.set_verbosity_error()  # per-call notes on lengths we set on purpose
        settings = replace(settings, engine="torch")  # an "auto" already settled on this engine
        self.settings = settings
        compute = settings.resolved_compute_type()
        if settings.device_kind == "cpu":
            torch.set_num_threads(settings.resolved_threads())
            keep_freed_memory()
        self.tokenizer, model = load_marian(source, "cpu")
        config = model.generation_config
        config.max_length = None  # max_new_tokens is set per batch
        # single-token bans (OPUS-MT bans <pad>) are applied in place by token_ban
        self.banned = list(config.suppress_tokens or [])
        config.suppress_tokens = None
        words = config.bad_words_ids or []
        if words and all(len(word) == 1 for word in words):
            self.banned += [word[0] for word in words]
            config.bad_words_ids = None
        if compute == "int8":
            with warnings.catch_warnings():  # torch notes that quantized tensors are deprecated
                warnings.simplefilter("ignore", UserWarning)
                model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        elif compute in ("float16", "bfloat16"):
            model = model.to(getattr(torch, compute))
        self.model = model.to(settings.device)
        self.pad = self.model.config.pad_token_id
        self.eos = self.model.config.eos_token_id
        self.specials = set(self.tokenizer.all_special_ids)
        self.search_scores = SearchScores(self.model)

    def generate(self, batch: list[list[int]], max_new: int, min_new: int = 0, stop_repeats: bool = False) -> Generated:
        import torch
        from transformers import LogitsProcessorList

        width = max(len(ids) for ids in batch)
        input_ids = torch.full((len(batch), width), self.pad, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = torch.tensor(ids)
            mask[row, : len(ids)] = 1
        input_ids, mask = input_ids.to(self.model.device), mask.to(self.model.device)
        # an output that reaches max_new ends there unfinished, as CTranslate2 leaves it: no end
        # token is forced in, so the caller sees it ran to the cap and its score is the model's own
        extra: dict = {"forced_eos_token_id": None}
        if stop_repeats:
            extra.update(no_repeat_ngram_size=RETRY_NO_REPEAT_NGRAM, repetition_penalty=RETRY_REPETITION_PENALTY)
        with torch.inference_mode():
            encoded = self.model.get_encoder()(input_ids=input_ids, attention_mask=mask)
            states = encoded.last_hidden_state  # generate replaces it with one copy per beam
            self.search_scores.clear()
            sequences = self.model.generate(
                encoder_outputs=encoded,
                attention_mask=mask,
                num_beams=self.settings.beam,
                max_new_tokens=max_new,
                logits_processor=LogitsProcessorList([token_ban(self.banned, self.eos, min_new)]),
                cache=beam_cache(self.model),
                **extra,
            )
            scores = self._scores(states, mask, sequences, processed=stop_repeats)
        outputs = [[t for t in row.tolist() if t not in self.specials] for row in sequences]
        return list(zip(outputs, scores))

    def _scores(self, encoded, mask, sequences, processed: bool) -> list[float | None]:
        """Mean log-probability per output token of each output.

        Beam search has summed the log-probabilities of the tokens it chose; that sum is taken
        from the search where it is the model's own. A teacher-forced pass scores the rest:
        every output when there was no beam search (``beam == 1``) or when repetition
        penalties changed the search's numbers.
        """
        valid = sequences[:, 1:] != self.pad  # the output tokens, the end token included
        lengths = [int(n) for n in valid.sum(-1)]
        searched = None if processed else self.search_scores.take()
        if searched is None:
            return self._score(encoded, mask, sequences)
        penalty = self.model.generation_config.length_penalty or 1.0
        return [round(float(s) * n**penalty / n, 4) if n else None for s, n in zip(searched.tolist(), lengths)]

    def _score(self, encoded, mask, sequences) -> list[float | None]:
        """Mean log-probability per output token, by one teacher-forced pass of the decoder."""
        import torch

        decoder_input = sequences[:, :-1]
        target = sequences[:, 1:]
        hidden = self.model.model.decoder(
            input_ids=decoder_input,
            attention_mask=((decoder_input != self.pad) | (torch.arange(decoder_input.shape[1], device=mask.device) == 0)).long(),
            encoder_hidden_states=encoded,
            encoder_attention_mask=mask,
        ).last_hidden_state
        valid = target != self.pad
        totals = torch.zeros(len(sequences), dtype=torch.float32, device=mask.device)
        rows = max(1, SCORE_CHUNK_TOKENS // max(1, target.shape[1]))
        for at in range(0, len(sequences), rows):
            logits = self.model.lm_head(hidden[at : at + rows]) + self.model.final_logits_bias
            logprobs = torch.log_softmax(logits.float(), dim=-1)
            picked = logprobs.gather(-1, target[at : at + rows].unsqueeze(-1)).squeeze(-1)
            totals[at : at + rows] = (picked * valid[at : at + rows]).sum(-1)
        counts = valid.sum(-1)
        return [round(float(t) / int(c), 4) if int(c) else None for t, c in zip(totals, counts)]


class CTranslate2Engine:
    """CTranslate2's ``translate_batch`` on the model converted once into the cache directory."""

    def __init__(self, source: ModelSource, settings: TranslateSettings, tokenizer):
        import ctranslate2

        settings = replace(settings, engine="ctranslate2")
        self.settings = settings
        self.tokenizer = tokenizer
        compute = settings.resolved_compute_type()
        self.path = converted_model(source, compute)
        device, _, index = settings.device.partition(":")
        self.translator = ctranslate2.Translator(
            str(self.path),
            device=settings.device_kind,
            device_index=int(index or 0),
            compute_type=compute,
            intra_threads=settings.resolved_threads() if device == "cpu" else 0,
            inter_threads=1,
        )
        self.vocab = tokenizer.get_vocab()
        self.unk = tokenizer.unk_token_id
        self.specials = set(tokenizer.all_special_tokens)

    def generate(self, batch: list[list[int]], max_new: int, min_new: int = 0, stop_repeats: bool = False) -> Generated:
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        extra = {}
        if stop_repeats:
            extra = {"no_repeat_ngram_size": RETRY_NO_REPEAT_NGRAM, "repetition_penalty": RETRY_REPETITION_PENALTY}
        results = self.translator.translate_batch(
            tokens,
            beam_size=self.settings.beam,
            max_decoding_length=max_new,
            min_decoding_length=min_new,
            return_scores=True,
            max_batch_size=0,
            **extra,
        )
        vocab, unk, specials = self.vocab, self.unk, self.specials
        return [
            ([vocab.get(t, unk) for t in r.hypotheses[0] if t not in specials], round(r.scores[0], 4))
            for r in results
        ]


def cache_root() -> Path:
    """Where converted models live: ``$PIPELINE_CACHE`` or ``~/.cache/pipeline``."""
    return Path(os.environ.get("PIPELINE_CACHE") or Path.home() / ".cache" / "pipeline").expanduser()


def converted_model(source: ModelSource, quantization: str) -> Path:
    """Convert the Marian model with CTranslate2's converter, once per model and quantization."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(source.name).name or source.name)
    target = cache_root() / "ctranslate2" / f"{slug}-{source.weights_sha256[:16]}-{quantization}"
    if (target / "model.bin").is_file():
        return target
    import shutil

    from ctranslate2.converters import TransformersConverter

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.partial-{os.getpid()}")
    try:
        TransformersConverter(str(source.path)).convert(str(partial), quantization=quantization, force=True)
    except BaseException:  # a model the converter refuses leaves nothing behind
        shutil.rmtree(partial, ignore_errors=True)
        raise
    try:
        partial.rename(target)
    except OSError:  # another process finished the same conversion first
        shutil.rmtree(partial, ignore_errors=True)
    return target
