"""The runner: pushes documents through the stages in batches and routes failures.

A stage is a callable ``Document -> Document``; a stage that can work on many documents at
once (translation) also has ``pipe(docs)``, which the runner prefers. A stage that fails on
one document fails that document only: the error is recorded and the run goes on.

Stages come in two groups. The *CPU stages* (read-only rules: clean, screen, segment) are
built by a factory, so that with ``workers > 1`` each worker process builds its own and the
batch is spread over a process pool. The *model stages* (translate, align) run in the main
process, which holds the model, on whole batches, while the pool already works on the next
batch. Batches are cut by input items, so the output is the same for any number of workers.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.read import ReadFailure
from pipeline.record import Document



class StageContractError(TypeError):
    """A stage returned something other than a document record."""


@dataclass
class Failure:
    doc_id: str | None
    stage: str
    reason: str
    source: str | None = None
    line: int | None = None
    source_bytes: str | None = None  # see pipeline.read.names

    def to_dict(self) -> dict[str, Any]:
        data = {"id": self.doc_id, "stage": self.stage, "reason": self.reason, "source": self.source, "line": self.line}
        if self.source_bytes is not None:
            data["source_bytes"] = self.source_bytes
        return data


def _name(stage: Any) -> str:
    return getattr(stage, "name", type(stage).__name__)


def _check(stage: Any, out: list[Any], expected: int) -> None:
    if len(out) != expected or not all(isinstance(d, Document) for d in out):
        raise StageContractError(f"stage {_name(stage)} must return one Document per input document; got {out[:1]!r}")


def _failure(stage: Any, doc: Document, exc: Exception) -> Failure:
    return Failure(doc.id, _name(stage), f"{type(exc).__name__}: {exc}", doc.meta.get("source"), doc.meta.get("line"),
                   doc.meta.get("source_bytes"))


def apply_stage(stage: Any, docs: list[Document], failures: dict[int, Failure]) -> list[Document]:
    """Run one stage over documents; a document it fails on is recorded in ``failures``."""
    if hasattr(stage, "pipe") and len(docs) > 1:
        try:
            out = list(stage.pipe(docs))
        except StageContractError:
            raise
        except Exception:  # noqa: BLE001 - the batch failed: run it one by one to find the bad document
            pass
        else:
            _check(stage, out, len(docs))
            return out
    out = []
    for doc in docs:
        try:
            result = stage(doc)
        except Exception as exc:  # noqa: BLE001 - one bad document never ends the run
            failures[id(doc)] = _failure(stage, doc, exc)
            continue
        _check(stage, [result], 1)
        out.append(result)
    return out


def apply_stages(stages: Sequence[Any], items: list[Document | ReadFailure | Failure]) -> list[Document | Failure]:
    """Run stages over a batch of items in order; read failures become :class:`Failure`."""
    failures: dict[int, Failure] = {}
    alive = [item for item in items if isinstance(item, Document)]
    for stage in stages:
        alive = apply_stage(stage, alive, failures)
    done = {id(d) for d in alive}
    results: list[Document | Failure] = []
    for item in items:
        if isinstance(item, ReadFailure):
            results.append(Failure(item.id, "read", item.reason, item.source, item.line, item.source_bytes))
        elif isinstance(item, Failure):
            results.append(item)
        elif id(item) in done:
            results.append(item)
        else:
            results.append(failures[id(item)])
    return results


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- worker processes ---------------------------------------------------------------

_WORKER_STAGES: list[Any] = []
_WORKER_WRITES: list[bool] = [False]


def _init_worker(factory: Callable[[], list[Any]], writes: bool = False) -> None:
    _WORKER_STAGES[:] = factory()
    _WORKER_WRITES[0] = writes


def _warm_up(stages: list[Any]) -> None:
    """Let the stages load their lazy data (lexicon, language model) before workers fork."""
    sample = Document("warm-up", "Der Rat tagt am Montag im Rathaus. Es geht um den Haushalt der Stadt.")
    apply_stages(stages, [sample])


def _work(items: list[Document | ReadFailure]) -> list[Any]:
    results = apply_stages(_WORKER_STAGES, items)
    if _WORKER_WRITES[0]:  # nothing left to do but writing: serialise here, in parallel
        from pipeline.write.run_dir import WrittenDocument

        return [WrittenDocument.of(r) if isinstance(r, Document) else r for r in results]
    return results


def _chunks(items: list[Any], parts: int) -> list[list[Any]]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)]


class Runner:
    """Runs the CPU stages from ``cpu_stages`` and then ``model_stages`` over documents,
    ``batch_size`` input items at a time, on ``workers`` processes for the CPU stages."""

    def __init__(
        self,
        cpu_stages: Callable[[], list[Any]],
        model_stages: Sequence[Any] = (),
        batch_size: int = 32,
        workers: int = 1,
    ):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.cpu_factory = cpu_stages
        self.model_stages = list(model_stages)
        self.batch_size = batch_size
        self.workers = workers

    def run(self, items: Iterable[Document | ReadFailure]) -> Iterator[Document | Failure]:
        """Results one by one, in input order."""
        for batch in self.run_batches(items):
            yield from batch

    def run_batches(self, items: Iterable[Document | ReadFailure]) -> Iterator[list[Document | Failure]]:
        """Results in batches of ``batch_size`` input items (read failures count as items), in
        input order; the batches are the same however the input is split into runs."""
        if self.workers == 1:
            stages = [*self.cpu_factory(), *self.model_stages]
            for batch in batched(items, self.batch_size):
                yield apply_stages(stages, batch)
            return
        if "torch" in sys.modules:  # never fork a process that holds torch's threads
            context = multiprocessing.get_context("spawn")
        else:  # forked workers share the rule data the parent loads once here
            context = multiprocessing.get_context("fork")
            _init_worker(self.cpu_factory)
            _warm_up(_WORKER_STAGES)
        writes = not self.model_stages
        with context.Pool(self.workers, initializer=_init_worker, initargs=(self.cpu_factory, writes)) as pool:
            pending: deque = deque()
            for batch in batched(items, self.batch_size):
                pending.append(pool.map_async(_work, _chunks(batch, self.workers)))
                if len(pending) > self.workers:  # keep the pool busy while the model works
                    yield self._finish(pending.popleft())
            while pending:
                yield self._finish(pending.popleft())

    def _finish(self, job) -> list[Any]:
        cpu_results = [result for chunk in job.get() for result in chunk]
        if not self.model_stages:
            return cpu_results
        return apply_stages(self.model_stages, cpu_results)
