"""Finding and loading a Marian model: a hub id or a local directory, the Hugging Face way.

``HF_HOME``/``HF_HUB_CACHE`` decide where hub models are cached and ``HF_HUB_OFFLINE=1``
forbids the network; both are read by ``huggingface_hub`` itself. A model that cannot be
had raises :class:`ModelNotFoundError` with a message that says what to do.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-de-en"
# what a Marian checkpoint needs; the hub repos also hold TF/Flax/Rust weights we never read
MODEL_FILES = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "pytorch_model.bin"]
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


class ModelNotFoundError(RuntimeError):
    """The model is neither a directory nor obtainable from the hub (or its cache)."""


@dataclass(frozen=True)
class ModelSource:
    """Where a model was found: its name as given, its directory, hub revision and weight hash."""

    name: str
    path: Path
    revision: str | None
    weights_sha256: str

    def identity(self) -> str:
        """A short string that changes whenever the weights do (for cache keys and run.json)."""
        return f"{self.name}@{self.revision or 'local'}#{self.weights_sha256[:16]}"


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _fix_hint(name: str) -> str:
    return (
        f"To use {name}, either download it on a machine with internet access into the "
        f"Hugging Face cache (for example `hf download {name}`, then copy the cache to "
        f"$HF_HOME here), or save a model directory with `save_pretrained` and pass it "
        f"with `--model DIR`."
    )


def resolve_model(name_or_dir: str | os.PathLike[str]) -> ModelSource:
    """Find the model's files locally or in the hub cache, downloading them when allowed."""
    name = str(name_or_dir)
    path = Path(name).expanduser()
    if path.is_dir():
        return ModelSource(name, path.resolve(), None, weights_hash(path))
    if path.exists() or name.startswith((".", "/", "~")) or name.count("/") > 1:
        raise ModelNotFoundError(
            f"model directory {name} does not exist (or is not a directory). Pass --model with "
            f"a directory written by save_pretrained, or a hub id such as {DEFAULT_MODEL}."
        )
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError, LocalEntryNotFoundError, RepositoryNotFoundError

    try:
        local = snapshot_download(name, allow_patterns=MODEL_FILES, local_files_only=_offline())
    except LocalEntryNotFoundError as exc:
        why = "HF_HUB_OFFLINE is set and the model is not in the Hugging Face cache" if _offline() else (
            "it is not in the Hugging Face cache and the hub cannot be reached"
        )
        raise ModelNotFoundError(f"cannot load model {name}: {why}. {_fix_hint(name)}") from exc
    except RepositoryNotFoundError as exc:
        raise ModelNotFoundError(f"model {name} does not exist on the hub (or is private). {_fix_hint(name)}") from exc
    except HFValidationError as exc:
        raise ModelNotFoundError(f"{name!r} is neither a directory nor a valid hub id: {exc}") from exc
    except OSError as exc:  # network errors surface as OSError subclasses
        raise ModelNotFoundError(f"cannot load model {name}: {exc}. {_fix_hint(name)}") from exc
    local_path = Path(local)
    return ModelSource(name, local_path, local_path.name, weights_hash(local_path))


def weights_hash(path: Path) -> str:
    """SHA-256 of the model's weight file (the first of :data:`WEIGHT_FILES` that exists)."""
    for candidate in WEIGHT_FILES:
        weights = path / candidate
        if weights.is_file():
            digest = hashlib.sha256()
            with weights.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            return digest.hexdigest()
    raise ModelNotFoundError(
        f"model directory {path} has no weights ({' or '.join(WEIGHT_FILES)}). "
        f"Save the model with save_pretrained, or pass another --model."
    )


def load_tokenizer(source: ModelSource):
    """The model's tokenizer (imports transformers here only)."""
    from transformers import MarianTokenizer

    try:
        return MarianTokenizer.from_pretrained(source.path)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(_unloadable(source, exc)) from exc


def load_marian(source: ModelSource, device: str = "cpu"):
    """Load tokenizer and model from a resolved source (imports torch/transformers here only)."""
    from transformers import MarianMTModel

    tokenizer = load_tokenizer(source)
    try:
        model = MarianMTModel.from_pretrained(source.path)
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(_unloadable(source, exc)) from exc
    model.eval()
    model.to(device)
    return tokenizer, model


def _unloadable(source: ModelSource, exc: Exception) -> str:
    return (
        f"cannot load a Marian model from {source.path}: {exc}. The directory must hold "
        f"config.json, the weights, source.spm, target.spm and vocab.json."
    )
