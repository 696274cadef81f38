"""The translate stage: German sentences to English with a Marian model via ``generate``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.record import Document, PairFlag, Translation
from pipeline.translate.model import DEFAULT_MODEL, ModelSource, load_marian, resolve_model


@dataclass(frozen=True)
class TranslateSettings:
    """Everything that changes the output of translation; it goes into run.json."""

    model: str = DEFAULT_MODEL
    engine: str = "torch"
    device: str = "cpu"
    compute_type: str = "float32"
    beam: int = 4
    batch_size: int = 16
    max_input_tokens: int = 512


@dataclass
class Output:
    text: str
    logprob: float | None
    flags: list[PairFlag]


class Translator:
    """``Translator(settings)(doc)`` fills ``doc.translations``; ``translate`` works on strings."""

    name = "translate"

    def __init__(self, settings: TranslateSettings | None = None):
        self.settings = settings or TranslateSettings()
        self._source: ModelSource | None = None
        self._tokenizer = None
        self._model = None

    # -- loading ------------------------------------------------------------------

    @property
    def source(self) -> ModelSource:
        if self._source is None:
            self._source = resolve_model(self.settings.model)
        return self._source

    def load(self) -> Translator:
        if self._model is None:
            self._tokenizer, self._model = load_marian(self.source, self.settings.device)
        return self

    def signature(self) -> dict[str, Any]:
        """The settings and the model's identity: what run.json and cache keys record."""
        import torch
        import transformers

        return {
            **asdict(self.settings),
            "model_path": str(self.source.path),
            "model_revision": self.source.revision,
            "model_weights_sha256": self.source.weights_sha256,
            "torch": torch.__version__,
            "transformers": transformers.__version__,
        }

    # -- computing ----------------------------------------------------------------

    def translate(self, texts: Sequence[str]) -> list[Output]:
        """Translate strings; results come back in input order."""
        import torch

        self.load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: list[Output | None] = [None] * len(texts)
        size = max(1, self.settings.batch_size)
        with torch.inference_mode():
            for at in range(0, len(order), size):
                batch = order[at : at + size]
                for i, out in zip(batch, self._translate_batch([texts[i] for i in batch])):
                    results[i] = out
        return [r for r in results if r is not None]

    def _translate_batch(self, texts: list[str]) -> list[Output]:
        tokenizer, model = self._tokenizer, self._model
        limit = self.settings.max_input_tokens
        encoded = tokenizer(texts, return_tensors="pt", padding=True, truncation=True, max_length=limit)
        lengths = [len(ids) for ids in tokenizer(texts, truncation=False)["input_ids"]]
        encoded = {k: v.to(model.device) for k, v in encoded.items()}
        src_len = encoded["input_ids"].shape[1]
        generated = model.generate(
            **encoded,
            num_beams=self.settings.beam,
            max_new_tokens=min(limit, 2 * src_len + 16),
            output_scores=True,
            return_dict_in_generate=True,
        )
        texts_out = tokenizer.batch_decode(generated.sequences, skip_special_tokens=True)
        scores = _sequence_scores(model, generated)
        outputs = []
        for n, text in enumerate(texts_out):
            flags = []
            if lengths[n] > limit:
                flags.append(
                    PairFlag("translate.truncated", f"input of {lengths[n]} tokens cut to the model's {limit}")
                )
            outputs.append(Output(text.strip(), scores[n], flags))
        return outputs

    # -- the stage ----------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        docs = list(docs)
        texts = [s.text for d in docs for s in d.sentences]
        outputs = iter(self.translate(texts))
        for doc in docs:
            doc.translations = []
            for index, _ in enumerate(doc.sentences):
                out = next(outputs)
                doc.translations.append(Translation(index, out.text, out.logprob, out.flags))
            yield doc


def _sequence_scores(model, generated) -> list[float | None]:
    """Length-normalised log-probability of each output sequence."""
    scores = getattr(generated, "sequences_scores", None)
    if scores is not None:
        return [round(float(s), 4) for s in scores]
    transition = model.compute_transition_scores(generated.sequences, generated.scores, normalize_logits=True)
    out = []
    for row in transition:
        finite = row[row.isfinite()]
        out.append(round(float(finite.mean()), 4) if len(finite) else None)
    return out
