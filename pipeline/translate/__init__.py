"""Translation: model loading and the translate stage (torch/transformers imported lazily)."""

from pipeline.translate.model import DEFAULT_MODEL, ModelNotFoundError, ModelSource, resolve_model
from pipeline.translate.translator import TranslateSettings, Translator

__all__ = ["DEFAULT_MODEL", "ModelNotFoundError", "ModelSource", "TranslateSettings", "Translator", "resolve_model"]
