"""The run as a Ray Data job: the same stages, the same batches, the same output files.

Each row of the dataset is one batch of input items (as the local runner cuts them), so the
translator sees exactly the batches it sees locally and the output is identical. The CPU
stages run as a ``map`` over the rows on any worker; translation runs in an actor class that
loads the model once per actor (with ``num_gpus`` when the cluster has GPUs) and takes its
rows in input order. The driver reads the inputs in windows of rows, and writes the results
in input order through the same :class:`~pipeline.write.RunDirectory`, so resume works as
it does locally.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import Any

from pipeline.read.inputs import ReadFailure
from pipeline.record import Document
from pipeline.runner import Failure, apply_stages, batched
from pipeline.translate import TranslateSettings

WINDOW_BATCHES = 64


def _encode(results: list[Any]) -> str:
    rows = []
    for r in results:
        if isinstance(r, Document):
            rows.append({"doc": r.to_dict()})
        elif isinstance(r, ReadFailure):
            rows.append({"read_failure": asdict(r)})
        else:
            rows.append({"failure": asdict(r)})
    return json.dumps(rows, ensure_ascii=False)


def _decode(payload: str) -> list[Any]:
    out: list[Any] = []
    for row in json.loads(payload):
        if "doc" in row:
            out.append(Document.from_dict(row["doc"]))
        elif "read_failure" in row:
            out.append(ReadFailure(**row["read_failure"]))
        else:
            out.append(Failure(**row["failure"]))
    return out


class _CpuStages:
    """Clean, screen and segment one batch row (stages built once per worker)."""

    def __init__(self):
        from pipeline.stages import cpu_stages

        self.stages = cpu_stages()

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"n": row["n"], "items": _encode(apply_stages(self.stages, _decode(row["items"])))}


class _ModelStages:
    """Translate and align one batch row; the model is loaded once per actor."""

    def __init__(self, settings: dict[str, Any]):
        from pipeline.stages import model_stages
        from pipeline.translate import Translator

        translator = Translator(TranslateSettings(**settings)).load()
        self.stages = model_stages(translator)

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"n": row["n"], "items": _encode(apply_stages(self.stages, _decode(row["items"])))}


def connect(address: str | None) -> None:
    """Join the cluster at ``address`` (or ``RAY_ADDRESS``), else start a local Ray."""
    import os

    import logging

    import ray

    if ray.is_initialized():
        return
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    address = address or os.environ.get("RAY_ADDRESS") or None
    ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)


def run_batches(
    items: Iterable[Document | ReadFailure],
    batch_size: int,
    settings: TranslateSettings | None,
    address: str | None = None,
    actors: int = 1,
    gpus_per_actor: float = 0,
) -> Iterator[list[Document | Failure]]:
    """Like :meth:`pipeline.runner.Runner.run_batches`, on Ray."""
    import ray

    connect(address)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    rows = ({"n": n, "items": _encode(batch)} for n, batch in enumerate(batched(items, batch_size)))
    for window in batched(rows, WINDOW_BATCHES):
        cpus = max(1, int(ray.available_resources().get("CPU", 1)))
        dataset = ray.data.from_items(window, override_num_blocks=len(window))
        dataset = dataset.map(_CpuStages, compute=ray.data.ActorPoolStrategy(min_size=1, max_size=cpus))
        if settings is not None:
            with warnings.catch_warnings():
                # Ray Data lets an actor run its tasks out of order by default. The translator
                # remembers what it translated, so the order decides which sentences are
                # translated and which are taken from memory; in order, one actor works
                # exactly as the local runner does. Ray 2.60 takes the actor option only
                # through the keyword arguments it calls deprecated.
                warnings.filterwarnings("ignore", message=".*ray_remote_args.* is deprecated")
                dataset = dataset.map(
                    _ModelStages,
                    fn_constructor_kwargs={"settings": asdict(settings)},
                    compute=ray.data.ActorPoolStrategy(size=actors, max_concurrent_calls_per_actor=1),
                    num_gpus=gpus_per_actor,
                    allow_out_of_order_execution=False,
                )
        for row in dataset.iter_rows():
            yield _decode(row["items"])
