"""Which engine translates: the one asked for, or, for ``engine="auto"``, CTranslate2 when it can.

``auto`` takes CTranslate2 when it can be imported, sees the device, runs the compute type
and the model converts (the converted model is cached in ``$PIPELINE_CACHE``, so this costs
one conversion per model and compute type); otherwise torch, with the reason. The choice
and its reason go into run.json and are printed once by the commands.

>>> from pipeline.translate.settings import TranslateSettings
>>> choose_engine(TranslateSettings(engine="torch"), source=None).describe(TranslateSettings(engine="torch"))
'translation engine: torch, float32 on cpu (the engine asked for)'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.translate.model import ModelSource
from pipeline.translate.settings import TranslateSettings, TranslateSettingsError

CHOSEN = "ctranslate2 is installed and the model converts"
ASKED = "the engine asked for"


@dataclass(frozen=True)
class EngineChoice:
    """The engine that runs, what was asked for (``auto``, ``torch`` or ``ctranslate2``) and why."""

    asked: str
    engine: str
    reason: str

    def describe(self, settings: TranslateSettings) -> str:
        """One line for the user: engine, compute type, device and the reason."""
        concrete = replace(settings, engine=self.engine)
        why = f"auto: {self.reason}" if self.asked == "auto" else self.reason
        return f"translation engine: {self.engine}, {concrete.resolved_compute_type()} on {settings.device} ({why})"


def choose_engine(settings: TranslateSettings, source: ModelSource | None) -> EngineChoice:
    """The engine for ``settings``; for ``auto`` this may convert the model (``source``) once.

    Raises :class:`TranslateSettingsError` when ``auto`` cannot use CTranslate2 and torch
    cannot run the compute type asked for.
    """
    if settings.engine != "auto":
        return EngineChoice(settings.engine, settings.engine, ASKED)
    problem = ctranslate2_problem(settings, source)
    if problem is None:
        return EngineChoice("auto", "ctranslate2", CHOSEN)
    if "torch" not in settings.engines_for_compute_type():
        raise TranslateSettingsError(
            f"--engine auto cannot use ctranslate2 ({problem}), and torch does not run compute type "
            f"{settings.compute_type} on {settings.device}; pass another --compute-type, or fix what stops ctranslate2"
        )
    return EngineChoice("auto", "torch", f"{problem}; torch runs instead")


def ctranslate2_problem(settings: TranslateSettings, source: ModelSource | None) -> str | None:
    """Why CTranslate2 cannot translate with these settings, or None when it can."""
    if "ctranslate2" not in settings.engines_for_compute_type():
        return f"ctranslate2 does not run compute type {settings.compute_type} on {settings.device_kind}"
    try:
        import ctranslate2
    except ImportError as exc:
        return f"ctranslate2 cannot be imported ({exc}; pip install ctranslate2 gives the faster engine)"
    compute = replace(settings, engine="ctranslate2").resolved_compute_type()
    kind = settings.device_kind
    if kind == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        return "ctranslate2 sees no CUDA device (its build or the CUDA libraries do not fit this machine)"
    if compute not in ctranslate2.get_supported_compute_types(kind):
        return f"ctranslate2 does not support {compute} on this {kind}"
    from pipeline.translate.engines import converted_model

    try:
        converted_model(source, compute)
    except Exception as exc:  # noqa: BLE001 - the converter raises whatever the model's layout makes it raise
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        return f"the model does not convert to CTranslate2 ({type(exc).__name__}: {detail})"
    return None
