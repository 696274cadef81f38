"""Translation: model loading and the translate stage (torch/transformers imported lazily)."""

from pipeline.translate.model import DEFAULT_MODEL, ModelNotFoundError, ModelSource, resolve_model
from pipeline.translate.settings import TranslateSettings, TranslateSettingsError
from pipeline.translate.translator import Output, Translator

__all__ = [
    "DEFAULT_MODEL", "ModelNotFoundError", "ModelSource", "Output", "TranslateSettings", "TranslateSettingsError",
    "Translator", "resolve_model",
]
