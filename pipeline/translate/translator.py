"""The translate stage: German sentences to English, fast, cached, and without losing text.

For each distinct sentence not already known (from this run or the ``--cache`` file):
text that is not prose is passed through; URLs, e-mail addresses and @handles are masked;
a sentence longer than ``max_length`` tokens is split at clause boundaries; the pieces of
all sentences are grouped by length class, packed into batches by a token budget and given
to the engine (torch or CTranslate2) with their class's cap on output length; outputs that
loop are retried with settings against repetition; the pieces are joined, the masked spans
put back, and everything noticed on the way becomes a flag.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from pipeline.record import Document, PairFlag, Translation
from pipeline.stage import Stage
from pipeline.translate.batching import token_batches
from pipeline.translate.cache import TranslationCache
from pipeline.translate.choice import EngineChoice, choose_engine
from pipeline.translate.loops import length_class, loop_reason, output_cap
from pipeline.translate.model import ModelSource, load_tokenizer, resolve_model
from pipeline.translate.protect import Masked, is_prose, protect, restore
from pipeline.translate.settings import TranslateSettings
from pipeline.translate.split import split_to_fit

# bump when protection, splitting or loop handling change what comes out (it keys the cache)
STAGE_VERSION = "3"
# sentences remembered in memory, so repeats across batches of a run are translated once
MEMO_SIZE = 50_000
COUNTS = ("sentences", "translated", "cache_hits", "duplicates", "passed_through", "split",
          "loop_retried", "loop_flagged", "protected_lost", "flagged", "output_tokens")


@dataclass
class Output:
    text: str
    logprob: float | None
    flags: list[PairFlag] = field(default_factory=list)

    def copy(self) -> Output:
        return Output(self.text, self.logprob, list(self.flags))


@dataclass
class _Piece:
    """One input to the model: a sentence, or a piece of a split one."""

    ids: list[int]
    out: list[int] = field(default_factory=list)
    score: float | None = None
    loop: str | None = None


@dataclass
class _Plan:
    masked: Masked
    tokens: int
    pieces: list[_Piece]


class Translator(Stage):
    """``Translator(settings)(doc)`` fills ``doc.translations``; ``translate`` works on strings."""

    name = "translate"
    reads = ("sentences",)
    writes = ("translations",)

    def __init__(self, settings: TranslateSettings | None = None):
        self.settings = settings or TranslateSettings()
        self._choice: EngineChoice | None = None
        self._source: ModelSource | None = None
        self._engine = None
        self._tokenizer = None
        self._cache: TranslationCache | None = None
        self._memo: OrderedDict[str, Output] = OrderedDict()
        self._counts: Counter[str] = Counter({name: 0 for name in COUNTS})

    # -- loading ------------------------------------------------------------------

    @property
    def source(self) -> ModelSource:
        if self._source is None:
            self._source = resolve_model(self.settings.model)
        return self._source

    def choice(self) -> EngineChoice:
        """The engine that translates and why; settles ``engine="auto"`` (once) in ``settings``."""
        if self._choice is None:
            self._choice = choose_engine(self.settings, self.source if self.settings.engine == "auto" else None)
            self.settings = replace(self.settings, engine=self._choice.engine)
        return self._choice

    def describe_engine(self) -> str:
        """One line saying which engine, compute type and device translate, and why."""
        return self.choice().describe(self.settings)

    def load(self) -> Translator:
        if self._engine is not None:
            return self
        from pipeline.translate.engines import CTranslate2Engine, TorchEngine

        self.choice()
        if self.settings.engine == "ctranslate2":
            self._tokenizer = load_tokenizer(self.source)
            self._engine = CTranslate2Engine(self.source, self.settings, self._tokenizer)
        else:
            self._engine = TorchEngine(self.source, self.settings)
            self._tokenizer = self._engine.tokenizer
        positions = getattr(self._tokenizer, "model_max_length", 512)
        self._positions = positions if isinstance(positions, int) and positions < 100_000 else 512
        self._limit = min(self.settings.max_length, self._positions)
        if self.settings.cache:
            self._cache = TranslationCache(self.settings.cache, self.cache_signature())
        return self

    def signature(self) -> dict[str, Any]:
        """The settings and the model's identity: what run.json records."""
        import torch
        import transformers

        choice = self.choice()
        info = {
            **asdict(self.settings.resolved()),
            "engine_asked": choice.asked,
            "engine_reason": choice.reason,
            "model_identity": self.source.identity(),
            "model_path": str(self.source.path),
            "model_revision": self.source.revision,
            "model_weights_sha256": self.source.weights_sha256,
            "stage_version": STAGE_VERSION,
            "torch": torch.__version__,
            "transformers": transformers.__version__,
        }
        if self.settings.engine == "ctranslate2":
            import ctranslate2

            info["ctranslate2"] = ctranslate2.__version__
        return info

    def cache_signature(self) -> str:
        """What the output depends on, as one string (the cache key's first part)."""
        self.choice()
        s = self.settings
        parts = [self.source.identity(), s.engine, s.resolved_compute_type(), f"beam={s.beam}",
                 f"max_length={s.max_length}", f"fixed={s.fixed_output_tokens}", f"retry={s.retry_loops}",
                 f"stage={STAGE_VERSION}"]
        return "|".join(parts)

    def counts(self) -> dict[str, int]:
        """What the translator did so far: sentences asked for, translated, cached, flagged …"""
        return {name: self._counts[name] for name in COUNTS}

    def clear_memory(self) -> None:
        """Forget the translations remembered in memory (a ``--cache`` file is kept)."""
        self._memo.clear()

    # -- computing ----------------------------------------------------------------

    def translate(self, texts: Sequence[str]) -> list[Output]:
        """Translate strings; results come back in input order, one per input."""
        self.load()
        self._counts["sentences"] += len(texts)
        known: dict[str, Output] = {}
        todo = []
        for text in dict.fromkeys(texts):
            if text in self._memo:
                self._memo.move_to_end(text)
                known[text] = self._memo[text]
            else:
                todo.append(text)
        hits: dict = {}
        if self._cache and todo:
            hits = self._cache.get_many(todo)
            self._counts["cache_hits"] += len(hits)
            known.update((text, Output(*entry)) for text, entry in hits.items())
            todo = [t for t in todo if t not in hits]
        fresh = self._translate_new(todo)
        if self._cache and fresh:
            self._cache.put_many({t: (o.text, o.logprob, o.flags) for t, o in fresh.items()})
        known.update(fresh)
        self._remember(known)
        self._counts["duplicates"] += len(texts) - len(fresh) - len(hits)
        outputs = [known[t].copy() for t in texts]
        self._counts["flagged"] += sum(1 for o in outputs if o.flags)
        return outputs

    def _remember(self, outputs: dict[str, Output]) -> None:
        self._memo.update(outputs)
        while len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)

    def _translate_new(self, texts: list[str]) -> dict[str, Output]:
        done: dict[str, Output] = {}
        plans: dict[str, _Plan] = {}
        tokenizer = self._tokenizer
        for text in texts:
            if not is_prose(text):
                done[text] = Output(text, None, [])
                self._counts["passed_through"] += 1
                continue
            masked = protect(text)
            tokens = self._count_tokens(masked.text)
            parts = [masked.text] if tokens <= self._limit else split_to_fit(masked.text, self._count_tokens, self._limit)
            parts = [p.strip() for p in parts if p.strip()]
            ids = tokenizer(parts)["input_ids"]
            plans[text] = _Plan(masked, tokens, [_Piece(list(i)) for i in ids])
        pieces = [piece for plan in plans.values() for piece in plan.pieces]
        self._generate(pieces, stop_repeats=False)
        looping = [p for p in pieces if p.loop]
        if looping and self.settings.retry_loops:
            self._counts["loop_retried"] += sum(1 for plan in plans.values() if any(p.loop for p in plan.pieces))
            self._generate(looping, stop_repeats=True)
        self._counts["output_tokens"] += sum(len(p.out) for p in pieces)
        for text, plan in plans.items():
            done[text] = self._assemble(plan)
        self._counts["translated"] += len(plans)
        return done

    def _count_tokens(self, text: str) -> int:
        return len(self._tokenizer(text)["input_ids"])

    def _generate(self, pieces: list[_Piece], stop_repeats: bool) -> None:
        fixed = self.settings.fixed_output_tokens
        budget = self.settings.resolved_batch_tokens()
        groups: dict[int, list[_Piece]] = {}
        for piece in pieces:  # a batch holds one length class, so every input gets its own cap
            groups.setdefault(0 if fixed else length_class(len(piece.ids)), []).append(piece)
        for key in sorted(groups, reverse=True):
            members = groups[key]
            cap = fixed or self._cap(key)
            for batch in token_batches([len(p.ids) for p in members], budget):
                group = [members[i] for i in batch]
                results = self._engine.generate([p.ids for p in group], cap, cap if fixed else 0, stop_repeats)
                for piece, (out, score) in zip(group, results):
                    piece.out, piece.score = out, score
                    piece.loop = loop_reason(out, None if fixed else cap)

    def _cap(self, length: int) -> int:
        return min(output_cap(length), self._positions - 1)

    def _assemble(self, plan: _Plan) -> Output:
        decode = self._tokenizer.decode
        parts = [decode(p.out, skip_special_tokens=True).strip() for p in plan.pieces]
        text, lost = restore(" ".join(p for p in parts if p), plan.masked)
        flags = []
        if len(plan.pieces) > 1:
            self._counts["split"] += 1
            flags.append(PairFlag(
                "translate.split",
                f"input of {plan.tokens} tokens is over the limit of {self._limit}: split at clause "
                f"boundaries into {len(plan.pieces)} pieces, translated one by one and joined",
            ))
        loops = [p.loop for p in plan.pieces if p.loop]
        if loops:
            self._counts["loop_flagged"] += 1
            retried = " after a retry against repetition" if self.settings.retry_loops else ""
            flags.append(PairFlag("translate.loop", f"the translation loops{retried}: {loops[0]}"))
        if lost:
            self._counts["protected_lost"] += 1
            flags.append(PairFlag("translate.protected_lost", f"missing from the translation: {', '.join(lost)}"))
        weights = [(p.score, max(1, len(p.out))) for p in plan.pieces if p.score is not None]
        logprob = round(sum(s * w for s, w in weights) / sum(w for _, w in weights), 4) if weights else None
        return Output(text, logprob, flags)

    # -- the stage ----------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        docs = list(docs)
        outputs = iter(self.translate([s.text for d in docs for s in d.sentences]))
        for doc in docs:
            doc.translations = []
            for index, _ in enumerate(doc.sentences):
                out = next(outputs)
                doc.translations.append(Translation(index, out.text, out.logprob, out.flags))
            yield doc
