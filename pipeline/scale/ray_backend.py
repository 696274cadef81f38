"""The run as one Ray Data job: workers read, process and write; the driver lists and joins.

The driver lists the inputs as shards (:mod:`pipeline.scale.slices`: files and line ranges
of JSONL files, no text) and makes one dataset of them for the whole run:

1. ``map_batches(_read)`` on any worker: each shard's items read from the files (shared
   storage), one row per input item;
2. ``map_batches(_clean)``: the CPU stages (clean, screen, segment) over each block, built
   once per worker process; Ray fuses it with the read into one task;
3. ``map_batches(_Translate)``: translate and align in a fixed pool of actors
   (``compute=ActorPoolStrategy(size=actors)``, ``num_gpus``); each actor loads the model
   once, in its constructor, and keeps it (and its translation memory) for the whole run;
4. ``map_batches(_write)``: each block's records written as shard parts and shard markers
   (:mod:`pipeline.write.shards`) in the run directory, one summary row per part back.

The driver only reads the summary rows: it completes a shard whose parts came in several
blocks, counts progress, and appends complete shards in input order to the run directory's
files, so they are byte for byte those of the local backend. A sentence's translation does
not depend on its batch mates, so Ray may run blocks in any order and on any worker. A task
whose worker dies is run again by Ray and writes the same part under the same name;
translator actors are restarted by Ray Data. A run that is stopped and started again skips
the shards that are complete.

Before that job, the run's first pass (the line counts the clean stage needs, see
:mod:`pipeline.corpus.first_pass`) is a distributed aggregation over the same shards
(:class:`RayLineCounting`): ``map_batches(_count)`` reads each shard on a worker and counts
its lines there, and the driver adds up the counts, one small table a shard.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import pickle
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline.corpus.line_counts import LineCounts, count_items
from pipeline.read.inputs import DEFAULT_MAX_CHARS, ReadFailure
from pipeline.record import Document
from pipeline.rundir.names import DOCUMENTS, PAIRS
from pipeline.runner import Failure, apply_stages, batched
from pipeline.scale.slices import Shard, plan_shards, read_shard
from pipeline.translate import TranslateSettings
from pipeline.write.run_dir import RunDirectory
from pipeline.write.shards import Part, ShardStore, settings_key

DEFAULT_SHARD_ITEMS = 1024
COLUMNS = ("shard", "index", "item")


def _encode(item: Document | ReadFailure | Failure) -> str:
    if isinstance(item, Document):
        return json.dumps({"doc": item.to_dict()}, ensure_ascii=False)
    if isinstance(item, ReadFailure):
        return json.dumps({"read_failure": asdict(item)}, ensure_ascii=False)
    return json.dumps({"failure": asdict(item)}, ensure_ascii=False)


def _decode(text: str) -> Document | ReadFailure | Failure:
    row = json.loads(text)
    if "doc" in row:
        return Document.from_dict(row["doc"])
    if "read_failure" in row:
        return ReadFailure(**row["read_failure"])
    return Failure(**row["failure"])


def _table(columns: dict[str, list[Any]]):
    import pyarrow as pa

    types = {"shard": pa.int64(), "index": pa.int64(), "item": pa.large_string(), "actor": pa.string(),
             "first": pa.int64(), "counts": pa.large_binary(), "chars": pa.int64()}
    return pa.table({name: pa.array(values, types.get(name, pa.string())) for name, values in columns.items()})


def _apply(stages: list[Any], batch, batch_docs: int) -> dict[str, list[Any]]:
    """The stages over a block's items, ``batch_docs`` at a time, as the local runner cuts them."""
    items = [_decode(text) for text in batch.column("item").to_pylist()]
    results = [r for chunk in batched(items, batch_docs) for r in apply_stages(stages, chunk)]
    return {"shard": batch.column("shard").to_pylist(), "index": batch.column("index").to_pylist(),
            "item": [_encode(r) for r in results]}


# -- the dataset's stages -------------------------------------------------------------


def _shards_read(batch, max_chars: int, limits: dict[str, int] | None):
    """(first item, items) of each shard row (first item, count, pieces) of a block, read here."""
    for first, count, pieces in zip(*(batch.column(n).to_pylist() for n in ("first", "count", "pieces"))):
        listed, renames = Shard.from_json(pieces)
        yield first, read_shard(listed, count, max_chars, renames, **(limits or {}))


def _count(batch, source_key: str, max_chars: int, limits: dict[str, int] | None = None):
    """Shard rows → one row per shard: the line counts of its documents (every line, also
    those seen once: another shard may hold the line too), counted by this worker."""
    import ray

    worker = json.dumps({"node": ray.get_runtime_context().get_node_id(), "pid": os.getpid()})
    columns: dict[str, list[Any]] = {"first": [], "counts": [], "chars": [], "worker": []}
    for first, items in _shards_read(batch, max_chars, limits):
        counts, chars = count_items(iter(items), source_key)
        columns["first"].append(first)
        columns["counts"].append(pickle.dumps(counts, protocol=pickle.HIGHEST_PROTOCOL))
        columns["chars"].append(chars)
        columns["worker"].append(worker)
    return _table(columns)


def _read(batch, max_chars: int, limits: dict[str, int] | None = None):
    """Shard rows (first item, count, pieces) → one row per input item, read here."""
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for first, items in _shards_read(batch, max_chars, limits):
        for k, item in enumerate(items):
            columns["shard"].append(first)
            columns["index"].append(first + k)
            columns["item"].append(_encode(item))
    return _table(columns)


@functools.cache
def _cpu_stages(line_counts: str | None = None) -> list[Any]:
    """The rule stages, built once per worker process (the rules and the run's line counts,
    a file in the run directory on shared storage, load once)."""
    from pipeline.stages import cpu_stages

    return cpu_stages(line_counts=line_counts)


def _clean(batch, batch_docs: int, line_counts: str | None = None):
    return _table(_apply(_cpu_stages(line_counts), batch, batch_docs))


class _Translate:
    """Translate and align blocks; the model is loaded once, when the actor starts."""

    loads = 0  # models loaded in this process

    def __init__(self, settings: dict[str, Any], batch_docs: int):
        import ray

        from pipeline.stages import model_stages
        from pipeline.translate import Translator

        self.translator = Translator(TranslateSettings(**settings)).load()
        type(self).loads += 1
        self.stages = model_stages(self.translator)
        self.batch_docs = batch_docs
        context = ray.get_runtime_context()
        self.actor = json.dumps({"actor": context.get_actor_id(), "pid": os.getpid(), "node": context.get_node_id(),
                                 "loads": type(self).loads})

    def __call__(self, batch):
        before = self.translator.counts()
        columns = _apply(self.stages, batch, self.batch_docs)
        after = self.translator.counts()
        delta = json.dumps({k: after[k] - before.get(k, 0) for k in after})
        columns["actor"] = [self.actor] * batch.num_rows
        columns["translation"] = [delta] + [""] * (batch.num_rows - 1)
        return _table(columns)


def _write(batch, out: str, key: str, counts: dict[int, int]):
    """Write a block's records as one part per shard it holds; a summary row per part."""
    store = ShardStore(Path(out), key)
    shards, indexes = batch.column("shard").to_pylist(), batch.column("index").to_pylist()
    texts = batch.column("item").to_pylist()
    names = batch.column_names
    actors = batch.column("actor").to_pylist() if "actor" in names else [""] * len(texts)
    deltas = batch.column("translation").to_pylist() if "translation" in names else [""] * len(texts)
    runs: dict[int, list[int]] = defaultdict(list)
    for row, shard in enumerate(shards):
        runs[shard].append(row)
    summary: dict[str, list[Any]] = {"part": [], "complete": [], "actors": []}
    for shard, rows in runs.items():
        rows.sort(key=lambda r: indexes[r])
        extra: dict[str, int] = defaultdict(int)
        for r in rows:
            for k, v in json.loads(deltas[r] or "{}").items():
                extra[k] += v
        # rows of one shard in one block are consecutive items; a part is such a run
        for part_rows in _consecutive(rows, indexes):
            results = [_result(_decode(texts[r])) for r in part_rows]
            part = store.write_part(shard, indexes[part_rows[0]], results, extra)
            extra = {}
            whole = part.first == shard and part.items == counts[shard]
            summary["part"].append(json.dumps(part.to_dict()))
            summary["complete"].append(str(whole and store.complete(shard, part.items, [part])))
            summary["actors"].append(json.dumps(sorted({actors[r] for r in part_rows} - {""})))
    return _table(summary)


def _consecutive(rows: list[int], indexes: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for r in rows:
        if runs and indexes[r] == indexes[runs[-1][-1]] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


def _result(item: Document | ReadFailure | Failure) -> Document | dict[str, Any]:
    if isinstance(item, ReadFailure):  # the CPU stages turn these into failures; never left over
        item = Failure(item.id, "read", item.reason, item.source, item.line)
    return item.to_dict() if isinstance(item, Failure) else item


# -- the driver -------------------------------------------------------------------------


_connected_here = False  # whether :func:`connect` started this process's Ray connection


def connect(address: str | None) -> None:
    """Join the cluster at ``address`` (or ``RAY_ADDRESS``), else start a local Ray."""
    global _connected_here
    import ray

    if ray.is_initialized():
        return
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    address = address or os.environ.get("RAY_ADDRESS") or None
    ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    _connected_here = True


def disconnect() -> None:
    """Leave the cluster that :func:`connect` joined, from the calling thread, once the
    run's files are written.

    Left to the interpreter's exit, Ray's shutdown runs while modules are torn down and the
    daemon threads of Ray and Ray Data still run; a late call from one of them into the
    shut-down core worker ends the process with status 1 ("The core worker has already
    been shutdown"), which reads as a failed run. Here the datasets' object references are
    freed while the connection still holds (``gc.collect``) and the shutdown runs before the
    exit. A connection the caller made itself is left to the caller."""
    global _connected_here
    if not _connected_here:
        return
    import gc

    import ray

    gc.collect()
    ray.shutdown()
    _connected_here = False


def _shard_dataset(shards: list[Shard]):
    """A dataset of one row (and block) per shard: what it is, not its text."""
    import ray.data

    for name in ("ray", "ray.data"):  # ray.data sets its own levels when it is first imported
        logging.getLogger(name).setLevel(logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = False
    rows = [{"first": s.first, "count": s.count, "pieces": s.to_json()} for s in shards]
    return ray.data.from_items(rows, override_num_blocks=len(rows))


class RayLineCounting:
    """The first pass on Ray (a :data:`pipeline.corpus.first_pass.Counting`): the input
    listed as shards, each shard's lines counted by the worker that reads it, the counts
    added up by the driver. Line counts add up in any order, so they are those of the local
    first pass. The shards are kept for the run (:func:`run` reuses them), and where they
    were counted (:meth:`summary`)."""

    def __init__(self, shard_items: int = DEFAULT_SHARD_ITEMS, address: str | None = None):
        self.shard_items = shard_items
        self.address = address
        self.shards: list[Shard] | None = None
        self.workers: list[dict[str, Any]] = []  # node and process of each shard's count

    def __call__(self, inputs: list[Path], source_key: str, max_chars: int, limits: dict[str, int]) -> tuple[LineCounts, int]:
        self.shards = plan_shards(inputs, self.shard_items, **limits)
        total, chars, self.workers = LineCounts(source_key), 0, []
        if not self.shards:
            return total, chars
        connect(self.address)
        dataset = _shard_dataset(self.shards).map_batches(
            _count, batch_format="pyarrow", fn_kwargs={"source_key": source_key, "max_chars": max_chars, "limits": limits})
        counted: set[int] = set()
        for row in dataset.iter_rows():
            counted.add(row["first"])
            total.merge(pickle.loads(row["counts"]))
            chars += row["chars"]
            self.workers.append(json.loads(row["worker"]))
        if counted != {s.first for s in self.shards}:
            missing = sorted({s.first for s in self.shards} - counted)
            raise RuntimeError(f"the line counts of shards {missing} did not come back from Ray; run the command again")
        return total, chars

    def summary(self) -> dict[str, int] | None:
        """How many shards were counted, on how many nodes, by how many worker processes
        (None when the counts were read back from the run directory)."""
        if not self.workers:
            return None
        return {"shards": len(self.workers), "nodes": len({w["node"] for w in self.workers}),
                "processes": len({(w["node"], w["pid"]) for w in self.workers})}

    def shards_after(self, skip: int) -> list[Shard] | None:
        """The counted shards from item ``skip`` on, when ``skip`` is where one starts (else None)."""
        if self.shards is None or not (skip == 0 or any(s.first == skip for s in self.shards)):
            return None
        return [s for s in self.shards if s.first >= skip]


def build_dataset(todo: list[Shard], out: Path, key: str, settings: TranslateSettings | None, *,
                  batch_docs: int, max_chars: int, actors: int, gpus_per_actor: float,
                  translate_rows: int | None = None, limits: dict[str, int] | None = None,
                  line_counts: str | None = None):
    """The one dataset of the run: read → clean → translate → write, over the shards to do.

    ``translate_rows`` is the number of rows a translator actor takes at a time (default: a
    block; with GPUs, where Ray needs a number, a shard's worth)."""
    import ray.data

    dataset = _shard_dataset(todo)
    dataset = dataset.map_batches(_read, batch_format="pyarrow", fn_kwargs={"max_chars": max_chars, "limits": limits})
    dataset = dataset.map_batches(_clean, batch_format="pyarrow", fn_kwargs={"batch_docs": batch_docs, "line_counts": line_counts})
    if settings is not None:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            dataset = dataset.map_batches(
                _Translate,
                batch_format="pyarrow",
                # with a fixed size Ray cuts and joins blocks into batches: a shard cut in two
                # is written as several parts
                batch_size=translate_rows or (max(s.count for s in todo) if gpus_per_actor else None),
                fn_constructor_kwargs={"settings": asdict(settings), "batch_docs": batch_docs},
                compute=ray.data.ActorPoolStrategy(size=actors),
                num_gpus=gpus_per_actor or None,
            )
    counts = {s.first: s.count for s in todo}
    return dataset.map_batches(_write, batch_format="pyarrow",
                               fn_kwargs={"out": str(out), "key": key, "counts": counts})


def _finish(texts: dict[str, bytes], counts: dict[str, int], stages: list[Any]) -> tuple[dict[str, bytes], dict[str, int]]:
    """A joined shard's outputs after the in-order stages: its documents marked, their lines,
    pair rows and counts made again (failures and item counts stay)."""
    from pipeline.write.run_dir import ENCODE_ERRORS, WrittenDocument, add_counts

    written = []
    for line in texts.get(DOCUMENTS, b"").split(b"\n"):
        if not line:
            continue
        doc = Document.from_json(line.decode("utf-8"))
        for stage in stages:
            doc = stage(doc)
        written.append(WrittenDocument.of(doc))
    counts = {**counts, "documents": 0, "sentences": 0, "pairs": 0, "edits": 0, "flagged": 0}
    for w in written:
        add_counts(counts, w)
    texts = {**texts, DOCUMENTS: "".join(w.json_line for w in written).encode("utf-8", ENCODE_ERRORS),
             PAIRS: "".join(w.tsv_rows for w in written).encode("utf-8", ENCODE_ERRORS)}
    return texts, counts


def run(
    inputs: list[Path],
    run_dir: RunDirectory,
    settings: TranslateSettings | None,
    *,
    batch_docs: int = 32,
    shard_items: int = DEFAULT_SHARD_ITEMS,
    max_chars: int = DEFAULT_MAX_CHARS,
    limits: dict[str, int] | None = None,
    line_counts: str | None = None,
    finish: list[Any] | None = None,
    address: str | None = None,
    actors: int = 1,
    gpus_per_actor: float = 0,
    restart: bool = False,
    progress: Callable[[int], Any] = lambda n: None,
    translate_rows: int | None = None,
    counting: RayLineCounting | None = None,
) -> dict[str, Any]:
    """Run the stages over ``inputs`` on Ray into ``run_dir``; what the run did, for run.json.

    ``line_counts``: the run's line counts file, which the clean stage on the workers reads;
    ``finish``: stages that need the documents in input order (the duplicate and repeated-pair
    markers), run by the driver over each shard as it joins it, as the local runner runs them."""
    store = ShardStore(run_dir.out, settings_key(run_dir.signature))
    if restart:
        store.clear()
    shards = plan_shards(inputs, shard_items, skip=run_dir.items_done, **(limits or {}))
    markers = {s.first: m for s in shards if (m := store.marker(s.first, s.count))}
    todo = [s for s in shards if s.first not in markers]
    progress(sum(s.count for s in shards if s.first in markers))
    translation: dict[str, int] = defaultdict(int)
    actor_loads: dict[tuple[str, int], int] = {}
    nodes: set[str] = set()
    joined_by_driver = 0
    pending = iter(shards)
    next_shard = next(pending, None)

    def append_ready() -> None:
        nonlocal next_shard
        while next_shard is not None and next_shard.first in markers:
            marker = markers.pop(next_shard.first)
            for k, v in marker["extra"].items():
                translation[k] += v
            store.append_to(run_dir, marker, (lambda texts, counts: _finish(texts, counts, finish)) if finish else None)
            next_shard = next(pending, None)

    append_ready()
    if todo:
        connect(address)
        dataset = build_dataset(todo, run_dir.out, store.key, settings, batch_docs=batch_docs,
                                max_chars=max_chars, actors=actors, gpus_per_actor=gpus_per_actor,
                                translate_rows=translate_rows, limits=limits, line_counts=line_counts)
        sizes = {s.first: s.count for s in todo}
        parts: dict[int, list[Part]] = defaultdict(list)
        for row in dataset.iter_rows():
            part = Part(**json.loads(row["part"]))
            progress(part.items)
            for actor in json.loads(row["actors"]):
                a = json.loads(actor)
                actor_loads[(a["actor"], a["pid"])] = a["loads"]
                nodes.add(a["node"])
            parts[part.shard].append(part)
            whole = row["complete"] == "True"
            if whole or store.complete(part.shard, sizes[part.shard], parts[part.shard]):
                joined_by_driver += not whole
                markers[part.shard] = store.marker(part.shard, sizes[part.shard])
                if markers[part.shard] is None:
                    raise RuntimeError(f"shard {part.shard} was written, but its files in {store.root} are gone")
                append_ready()
    append_ready()
    if next_shard is not None:
        raise RuntimeError(f"the Ray job ended before shard {next_shard.first} was written; run the command again")
    store.clear()
    return {
        "translation_counts": dict(translation) if settings is not None else None,
        "ray": {
            "shards": len(shards),
            "shards_done_before": len(shards) - len(todo),
            "shards_in_parts": joined_by_driver,  # shards whose parts came in several blocks
            "shard_items": shard_items,
            "translator_actors": len(actor_loads),
            "translator_nodes": len(nodes),
            "model_loads": sum(actor_loads.values()),
            "line_counts": counting.summary() if counting else None,  # where the first pass counted
        },
    }
