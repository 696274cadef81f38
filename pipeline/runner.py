"""The runner: pushes documents through the stages in batches and routes failures.

A stage is a callable ``Document -> Document``; a stage that can work on many documents at
once (translation) also has ``pipe(docs)``, which the runner prefers. A stage that fails on
one document fails that document only: the error is recorded and the run goes on.
"""

from __future__ import annotations

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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.doc_id, "stage": self.stage, "reason": self.reason, "source": self.source, "line": self.line}


def _name(stage: Any) -> str:
    return getattr(stage, "name", type(stage).__name__)


class Runner:
    """Runs ``stages`` in order over documents, ``batch_size`` documents at a time."""

    def __init__(self, stages: Sequence[Callable[[Document], Document]], batch_size: int = 32):
        self.stages = list(stages)
        self.batch_size = batch_size

    def run(self, items: Iterable[Document | ReadFailure]) -> Iterator[Document | Failure]:
        """Results one by one, in input order."""
        for batch in self.run_batches(items):
            yield from batch

    def run_batches(self, items: Iterable[Document | ReadFailure]) -> Iterator[list[Document | Failure]]:
        """Results in batches of ``batch_size`` input items (read failures count as items), in
        input order; the batches are the same however the input is split into runs."""
        batch: list[Document | ReadFailure] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield self._run_batch(batch)
                batch = []
        if batch:
            yield self._run_batch(batch)

    def _run_batch(self, items: list[Document | ReadFailure]) -> list[Document | Failure]:
        failures: dict[int, Failure] = {}
        alive = [item for item in items if isinstance(item, Document)]
        for stage in self.stages:
            alive = self._apply(stage, alive, failures)
        done = {id(d) for d in alive}
        results: list[Document | Failure] = []
        for item in items:
            if isinstance(item, ReadFailure):
                results.append(Failure(item.id, "read", item.reason, item.source, item.line))
            elif id(item) in done:
                results.append(item)
            else:
                results.append(failures[id(item)])
        return results

    def _apply(self, stage: Any, docs: list[Document], failures: dict[int, Failure]) -> list[Document]:
        if hasattr(stage, "pipe") and len(docs) > 1:
            try:
                out = list(stage.pipe(docs))
                self._check(stage, out, len(docs))
                return out
            except StageContractError:
                raise
            except Exception:  # noqa: BLE001 - fall back to one at a time to isolate the bad document
                pass
        out = []
        for doc in docs:
            try:
                result = stage(doc)
            except Exception as exc:  # noqa: BLE001 - one bad document never ends the run
                failures[id(doc)] = Failure(
                    doc.id, _name(stage), f"{type(exc).__name__}: {exc}", doc.meta.get("source"), doc.meta.get("line")
                )
                continue
            self._check(stage, [result], 1)
            out.append(result)
        return out

    @staticmethod
    def _check(stage: Any, out: list[Any], expected: int) -> None:
        if len(out) != expected or not all(isinstance(d, Document) for d in out):
            raise StageContractError(
                f"stage {_name(stage)} must return one Document per input document; got {out[:1]!r}"
            )
