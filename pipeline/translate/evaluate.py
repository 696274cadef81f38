"""Scoring the translate stage on a test set: BLEU and chrF with sacrebleu, and the speed.

A test set is a TSV file with a header naming its German and English columns (``de`` and
``en`` by default; other columns are ignored), or two plain files with one sentence a line.
The German side goes through :meth:`Translator.translate`, exactly as a run translates it
(protection, splitting, loop retries), so the scores are those of the tool as used, for the
model, engine, compute type, beam and batch settings given. Every score carries sacrebleu's
signature, and the result names the settings, so two results can be compared knowingly.

>>> model_caveat({"random_weights": True, "d_model": 32})
'the model has random weights (a test model): these figures mean nothing about translation quality'
>>> model_caveat({"d_model": 512, "vocab_size": 58101, "encoder_layers": 6}) is None
True
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.read.inputs import InputError
from pipeline.translate.translator import Translator

# below these a model is far smaller than any trained OPUS-MT model (d_model 512, vocabulary 58,101)
SMALL_D_MODEL = 256
SMALL_VOCABULARY = 1000


class BadTestSetError(InputError):
    """A test set that cannot be read: the message names the file, the line and what to do."""


@dataclass(frozen=True)
class TestSet:
    """German sources and their English references, with where they came from."""

    __test__ = False  # not a pytest class

    name: str
    sources: list[str]
    references: list[str]

    def head(self, limit: int | None) -> TestSet:
        """The first ``limit`` pairs (all for None or 0)."""
        if not limit:
            return self
        return TestSet(self.name, self.sources[:limit], self.references[:limit])


def read_tsv(path: Path, source_column: str = "de", reference_column: str = "en") -> TestSet:
    """A TSV test set with a header line; rows with an empty side are an error naming the line."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = reader.fieldnames or []
            missing = [c for c in (source_column, reference_column) if c not in header]
            if missing:
                raise BadTestSetError(
                    f"{path}:1: no column {' or '.join(map(repr, missing))} in the header ({', '.join(header) or 'empty'}); "
                    f"name the columns with --source-column and --reference-column"
                )
            sources, references = [], []
            for row in reader:
                source, reference = (row.get(source_column) or "").strip(), (row.get(reference_column) or "").strip()
                if not source or not reference:
                    raise BadTestSetError(f"{path}:{reader.line_num}: the {source_column if not source else reference_column} "
                                       f"column is empty; every row needs both sides")
                sources.append(source)
                references.append(reference)
    except (OSError, UnicodeDecodeError) as exc:
        raise BadTestSetError(f"cannot read the test set {path}: {exc}") from exc
    if not sources:
        raise BadTestSetError(f"{path}: the test set has a header but no rows")
    return TestSet(str(path), sources, references)


def read_pair(source_path: Path, reference_path: Path) -> TestSet:
    """Two plain files, one sentence a line, line N of one translated by line N of the other."""
    sides = []
    for path in (Path(source_path), Path(reference_path)):
        try:
            sides.append(path.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            raise BadTestSetError(f"cannot read {path}: {exc}") from exc
    sources, references = sides
    if len(sources) != len(references):
        raise BadTestSetError(f"{source_path} has {len(sources)} lines and {reference_path} {len(references)}; "
                           f"line N of one must be the translation of line N of the other")
    for number, (source, reference) in enumerate(zip(sources, references), 1):
        if not source.strip() or not reference.strip():
            empty = source_path if not source.strip() else reference_path
            raise BadTestSetError(f"{empty}:{number}: empty line; every line needs a sentence on both sides")
    if not sources:
        raise BadTestSetError(f"{source_path} is empty")
    return TestSet(f"{source_path} + {reference_path}", sources, references)


def model_config(path: Path) -> dict[str, Any]:
    """The model's ``config.json`` (empty when it has none)."""
    try:
        return json.loads((Path(path) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_caveat(config: dict[str, Any]) -> str | None:
    """What makes the model's scores meaningless or doubtful, from its config; None for a normal one."""
    if config.get("random_weights"):
        return "the model has random weights (a test model): these figures mean nothing about translation quality"
    d_model, vocabulary = config.get("d_model"), config.get("vocab_size")
    if (isinstance(d_model, int) and d_model < SMALL_D_MODEL) or (isinstance(vocabulary, int) and vocabulary < SMALL_VOCABULARY):
        return (f"the model is far smaller than a trained translation model (d_model {d_model}, vocabulary "
                f"{vocabulary}; opus-mt-de-en has 512 and 58,101): unless it was trained, these figures mean little")
    return None


def evaluate(translator: Translator, test_set: TestSet) -> dict[str, Any]:
    """Translate the test set and score it; the result is plain data (what ``--json`` prints).

    ``sentences_per_s`` counts the translation alone: the model is loaded (and, for
    CTranslate2, converted) before the clock starts, and ``load_seconds`` says how long that took.
    """
    from sacrebleu.metrics import BLEU, CHRF

    started = time.perf_counter()
    translator.load()
    loaded = time.perf_counter()
    outputs = translator.translate(test_set.sources)
    seconds = time.perf_counter() - loaded
    hypotheses = [o.text for o in outputs]
    scores = {}
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF())):
        score = metric.corpus_score(hypotheses, [test_set.references])
        scores[name] = {"score": round(score.score, 2), "signature": str(metric.get_signature()), "text": str(score)}
    return {
        "test_set": test_set.name,
        "sentences": len(test_set.sources),
        **scores,
        "sentences_per_s": round(len(test_set.sources) / seconds, 3) if seconds else None,
        "translate_seconds": round(seconds, 3),
        "load_seconds": round(loaded - started, 3),
        "engine": translator.describe_engine(),
        "caveat": model_caveat(model_config(translator.source.path)),
        "translation": translator.signature(),
        "translation_counts": translator.counts(),
        "hypotheses": hypotheses,
    }


def summary(result: dict[str, Any]) -> str:
    """The result as a few lines for a terminal."""
    lines = [
        f"test set: {result['test_set']}, {result['sentences']} sentences",
        result["engine"],
        f"model: {result['translation']['model_identity']}, beam {result['translation']['beam']}, "
        f"batch tokens {result['translation']['batch_tokens']}",
        f"BLEU  {result['bleu']['score']:6.2f}  {result['bleu']['signature']}",
        f"chrF  {result['chrf']['score']:6.2f}  {result['chrf']['signature']}",
        f"speed: {result['sentences_per_s']} sentences/s ({result['sentences']} sentences in "
        f"{result['translate_seconds']} s; model loaded in {result['load_seconds']} s)",
    ]
    counts = result["translation_counts"]
    if counts["flagged"]:
        lines.append(f"flagged: {counts['flagged']} translations ({counts['loop_flagged']} looping, "
                     f"{counts['split']} split, {counts['protected_lost']} with a protected span lost)")
    if result["caveat"]:
        lines.append(f"note: {result['caveat']}")
    return "\n".join(lines)
