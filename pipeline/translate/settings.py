"""The translation settings: one immutable object, a default for every field.

Everything here that changes the English output also goes into run.json and into the
translation cache key (see :meth:`TranslateSettings.output_key`).

>>> s = TranslateSettings(engine="ctranslate2")
>>> s.resolved_compute_type(), TranslateSettings(device="cuda").resolved_compute_type()
('int8', 'float16')

``engine="auto"`` (the default) is settled when the model is loaded, by
:func:`pipeline.translate.choice.choose_engine`; until then the compute type it resolves to
is the one for CTranslate2 on the device:

>>> TranslateSettings().resolved_compute_type(), TranslateSettings(engine="torch").resolved_compute_type()
('int8', 'float32')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from pipeline.translate.model import DEFAULT_MODEL

ENGINES = ("auto", "torch", "ctranslate2")
COMPUTE_TYPES = ("auto", "float32", "int8", "float16", "bfloat16", "int8_float16")
# what each engine can run on each kind of device (torch's dynamic int8 is CPU only)
SUPPORTED = {
    ("torch", "cpu"): ("float32", "int8", "bfloat16"),
    ("torch", "cuda"): ("float16", "bfloat16", "float32"),
    ("ctranslate2", "cpu"): ("int8", "float32"),
    ("ctranslate2", "cuda"): ("float16", "bfloat16", "int8", "int8_float16", "float32"),
}
DEFAULT_BATCH_TOKENS = {"cpu": 2048, "cuda": 16384}


class TranslateSettingsError(ValueError):
    """Settings that cannot work together (an engine, device and compute type that do not fit)."""


@dataclass(frozen=True)
class TranslateSettings:
    """How to translate. ``compute_type="auto"`` and ``batch_tokens=0`` pick per device.

    ``max_length`` is the longest input, in model tokens, sent to the model in one piece:
    longer sentences are split at clause boundaries. ``fixed_output_tokens`` forces every
    output to that many tokens (benchmarks use it to compare variants at equal work);
    ``retry_loops`` retries looping outputs with settings that stop repetition.
    """

    model: str = DEFAULT_MODEL
    engine: str = "auto"
    device: str = "cpu"
    compute_type: str = "auto"
    beam: int = 4
    batch_tokens: int = 0
    max_length: int = 256
    threads: int = 0
    cache: str | None = None
    retry_loops: bool = True
    fixed_output_tokens: int | None = None

    def __post_init__(self):
        if self.engine not in ENGINES:
            raise TranslateSettingsError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        if self.compute_type not in COMPUTE_TYPES:
            raise TranslateSettingsError(
                f"unknown compute type {self.compute_type!r}; choose one of {', '.join(COMPUTE_TYPES)}"
            )
        for name in ("beam", "max_length"):
            if getattr(self, name) < 1:
                raise TranslateSettingsError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.batch_tokens < 0 or self.threads < 0:
            raise TranslateSettingsError("batch_tokens and threads must be 0 (automatic) or positive")
        if self.engine == "auto":
            if not self.engines_for_compute_type():
                raise TranslateSettingsError(
                    f"compute type {self.compute_type} runs with no engine on {self.device}; use --compute-type "
                    f"{' or '.join(dict.fromkeys(c for e in ENGINES[1:] for c in SUPPORTED[(e, self.device_kind)]))}"
                )
            return
        supported = SUPPORTED[(self.engine, self.device_kind)]
        compute = self.resolved_compute_type()
        if compute not in supported:
            raise TranslateSettingsError(
                f"compute type {compute} does not run with engine {self.engine} on {self.device}; "
                f"use --compute-type {' or '.join(supported)}"
            )

    @property
    def device_kind(self) -> str:
        """``cuda`` for any CUDA device (``cuda``, ``cuda:1``), else ``cpu``."""
        return "cuda" if self.device.startswith("cuda") else "cpu"

    def engines_for_compute_type(self) -> tuple[str, ...]:
        """The engines that can run the compute type asked for on this device (all for ``auto``)."""
        return tuple(e for e in ENGINES[1:] if self.compute_type == "auto"
                     or self.compute_type in SUPPORTED[(e, self.device_kind)])

    def resolved_compute_type(self) -> str:
        """The compute type asked for, or the device's: float16 on CUDA; int8 for CTranslate2
        (and for ``auto``, which prefers it) and float32 for torch on CPU."""
        if self.compute_type != "auto":
            return self.compute_type
        if self.device_kind == "cuda":
            return "float16"
        return "float32" if self.engine == "torch" else "int8"

    def resolved_batch_tokens(self) -> int:
        return self.batch_tokens or DEFAULT_BATCH_TOKENS[self.device_kind]

    def resolved_threads(self) -> int:
        """Threads for the CPU engines, unless set: the cores this process may use.

        The choice depends on the machine only, never on its momentary load, so the same
        command makes the same choice every time (it is part of the run's settings). On a
        machine that other work keeps busy, pass ``--threads`` explicitly.
        """
        if self.threads:
            return self.threads
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return os.cpu_count() or 1

    def resolved(self) -> TranslateSettings:
        """The same settings with every automatic choice made (what run.json records)."""
        return replace(
            self,
            compute_type=self.resolved_compute_type(),
            batch_tokens=self.resolved_batch_tokens(),
            threads=self.resolved_threads(),
        )
