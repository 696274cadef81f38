"""More workers, or Ray: the same output as one local worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.test_batch_runs import _jsonl


def _outputs(out):
    return {name: (out / name).read_bytes() for name in ("documents.jsonl", "pairs.tsv", "errors.jsonl", "line_counts.json")}


def test_two_workers_give_the_output_of_one(tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 300)
    with data.open("a", encoding="utf-8") as handle:
        handle.write("{kaputt\n")
    runs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        result = run_cli("run", str(data), "--no-translate", "--workers", workers, "--batch-docs", "16", "--out", str(out), "--quiet")
        assert result.returncode == 1, result.stderr  # the broken line
        runs[workers] = _outputs(out)
    assert runs["1"] == runs["2"]


def test_two_workers_with_translation(tiny_model, tmp_path):
    data = _jsonl(tmp_path / "docs.jsonl", 8)
    runs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        args = ["run", str(data), "--model", str(tiny_model), "--beam", "1", "--batch-docs", "3", "--engine", "ctranslate2"]
        result = run_cli(*args, "--workers", workers, "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
        runs[workers] = _outputs(out)
    assert runs["1"] == runs["2"]


def test_ray_backend_gives_the_local_output(tiny_model, tmp_path):
    pytest.importorskip("ray")
    data = _jsonl(tmp_path / "docs.jsonl", 8)
    args = ["run", str(data), "--model", str(tiny_model), "--beam", "1", "--batch-docs", "3", "--quiet", "--engine", "ctranslate2"]
    local = run_cli(*args, "--out", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    on_ray = run_cli(*args, "--out", str(tmp_path / "ray"), "--backend", "ray", env={"RAY_ADDRESS": ""})
    assert on_ray.returncode == 0, on_ray.stderr
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")


# -- shards: listed on the driver, read and written on the workers ------------------------


def _inputs(tmp_path):
    """A JSONL file with blank and broken lines, a gzip file that breaks off, and a folder of texts."""
    import gzip

    data = _jsonl(tmp_path / "a.jsonl", 7)
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:2]) + "\n{kaputt\n" + "".join(lines[2:]) + "\n\n", encoding="utf-8")
    packed = gzip.compress(b"".join(l.encode("utf-8") for l in lines[:3]))
    (tmp_path / "b.jsonl.gz").write_bytes(packed[: len(packed) - 30])
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(3):
        (folder / f"t{n}.txt").write_text(f"Der Rat tagt am {n + 1}. Juni im Rathaus. Es geht um Radwege.", encoding="utf-8")
    (folder / "leer.txt").write_text("  ", encoding="utf-8")
    return [data, tmp_path / "b.jsonl.gz", folder]


def _as_dicts(items):
    from dataclasses import asdict

    return [item.to_dict() if hasattr(item, "to_dict") else asdict(item) for item in items]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 100])
def test_shards_read_for_themselves_give_the_reader_items(tmp_path, size):
    from pipeline.read import read_items
    from pipeline.scale.slices import plan_shards, read_shard

    paths = _inputs(tmp_path)
    everything = _as_dicts(read_items(paths))
    assert len(everything) == 7 + 1 + 3 + 4  # documents, the broken line, the gzip break, the texts
    shards = plan_shards(paths, size)
    assert [s.first for s in shards] == list(range(0, len(everything), size))
    assert any(s.renames for s in shards)  # the fixture repeats ids across files
    assert [d for s in shards for d in _as_dicts(read_shard(list(s.pieces), s.count, renames=s.renames))] == everything
    for skip in (size, 2 * size):  # resumed at a shard boundary: the rest cut as before
        assert plan_shards(paths, size, skip=skip) == [s for s in shards if s.first >= skip]


def test_a_changed_input_is_an_error_naming_the_file(tmp_path):
    from pipeline.scale.slices import InputChangedError, plan_shards, read_shard

    data = _jsonl(tmp_path / "a.jsonl", 4)
    shard = plan_shards([data], 10)[0]
    data.write_text(data.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    with pytest.raises(InputChangedError, match=r"a\.jsonl:1-4: found 3 input items where the run listed 4"):
        read_shard(list(shard.pieces), shard.count)


def test_parts_written_by_several_workers_join_as_one_commit(tmp_path):
    from pipeline.read import read_items
    from pipeline.runner import apply_stages
    from pipeline.stages import cpu_stages
    from pipeline.write import RunDirectory
    from pipeline.write.shards import ShardStore

    results = apply_stages(cpu_stages(), list(read_items(_inputs(tmp_path))))
    results = [r.to_dict() if hasattr(r, "stage") else r for r in results]
    signature = {"test": 1}
    direct = RunDirectory(tmp_path / "direct", signature)
    direct.commit(results[:6])
    direct.commit(results[6:])
    direct.close({})
    joined = RunDirectory(tmp_path / "joined", signature)
    store = ShardStore(tmp_path / "joined", "key")
    first = store.write_part(0, 0, results[:6])
    assert store.complete(0, 6, [first])
    late = store.write_part(6, 10, results[10:])  # the second shard's blocks come in out of order
    assert not store.complete(6, len(results) - 6, [late]) and store.marker(6, len(results) - 6) is None
    early = store.write_part(6, 6, results[6:10])
    assert store.complete(6, len(results) - 6, [late, early])
    for shard, items in ((0, 6), (6, len(results) - 6)):
        store.append_to(joined, store.marker(shard, items))
    joined.close({})
    for name in ("documents.jsonl", "pairs.tsv", "errors.jsonl", "progress.jsonl"):
        assert (tmp_path / "joined" / name).read_bytes() == (tmp_path / "direct" / name).read_bytes(), name
    assert not any(store.root.iterdir())  # joined shards are removed
    other_run = ShardStore(tmp_path / "joined", "another key")
    other_run.complete(0, 6, [other_run.write_part(0, 0, results[:6])])
    assert ShardStore(tmp_path / "joined", "key").marker(0, 6) is None  # never a shard of other settings


# -- a Ray cluster of two nodes on this machine ------------------------------------------

ray_cluster_test = pytest.mark.ray_cluster
MB = 1024 * 1024


@pytest.fixture(scope="module")
def cluster():
    """A head node and a worker node, each a raylet with its own resources and object store."""
    pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    nodes = Cluster(initialize_head=True, head_node_args={"num_cpus": 2, "object_store_memory": 80 * MB,
                                                          "include_dashboard": False})
    nodes.add_node(num_cpus=2, object_store_memory=80 * MB)
    nodes.wait_for_nodes()
    yield nodes
    nodes.shutdown()


@pytest.fixture(scope="module")
def articles(tmp_path_factory, tiny_model):
    """24 articles and a broken line (7 shards of 4 items), and the local backend's output for them."""
    tmp = tmp_path_factory.mktemp("cluster-run")
    data = _jsonl(tmp / "docs.jsonl", 24)
    with data.open("a", encoding="utf-8") as handle:
        handle.write("{kaputt\n")
    local = run_cli(*_translated(data, tiny_model), "--out", str(tmp / "local"))
    assert local.returncode == 1, local.stderr  # the broken line
    return data, tmp, _outputs(tmp / "local"), json.loads((tmp / "local" / "run.json").read_text())["counts"]


def _translated(data, model):
    return ["run", str(data), "--model", str(model), "--beam", "1", "--batch-docs", "3", "--quiet",
            "--engine", "ctranslate2"]


def _on_cluster(cluster, data, model, out, *extra):
    args = [*_translated(data, model), "--out", str(out), "--backend", "ray", "--ray-shard-docs", "4", *extra]
    return [sys.executable, "-m", "pipeline", *args], {**os.environ, "RAY_ADDRESS": cluster.address}


def _run_json(out):
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


@ray_cluster_test
def test_two_node_cluster_gives_the_local_output_with_one_model_load_per_actor(cluster, articles, tiny_model):
    data, tmp, local, local_counts = articles
    command, env = _on_cluster(cluster, data, tiny_model, tmp / "ray", "--ray-actors", "2")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 1, result.stderr
    assert _outputs(tmp / "ray") == local
    info = _run_json(tmp / "ray")
    assert info["counts"] == local_counts
    assert info["ray"]["shards"] == 7
    # once per actor for all 7 shards (an actor that Ray gave no block to is not counted)
    assert info["ray"]["model_loads"] == info["ray"]["translator_actors"] in (1, 2)
    assert info["translation_counts"]["sentences"] > 0
    assert info["ray"]["shards_in_parts"] == 0  # a whole block a shard: the workers wrote every marker
    assert not (tmp / "ray" / "shards").exists()


def _wait_for(condition, process, out, idle=300.0, poll=0.2):
    """Wait until ``condition()``. The machine may be loaded by other jobs, so there is no
    deadline for the run as a whole: it fails only when the driver died, or when the run
    directory has not changed for ``idle`` seconds (a hung run)."""
    seen, since = None, time.monotonic()
    while not condition():
        assert process.poll() is None, process.communicate()[1]
        now = _tree(out)
        if now != seen:
            seen, since = now, time.monotonic()
        assert time.monotonic() - since < idle, f"the run made no progress in {idle:.0f} s"
        time.sleep(poll)


def _tree(out):
    """Names and sizes of what the run has written so far."""
    try:
        return sorted((str(p.relative_to(out)), p.stat().st_size) for p in out.rglob("*") if p.is_file())
    except OSError:  # a file renamed or removed while listed
        return None


def _shards_done(out):
    return len(list((out / "shards").glob("*.done"))) + _items_joined(out) // 4


def _items_joined(out):
    try:
        journal = (out / "progress.jsonl").read_bytes()
    except FileNotFoundError:
        return 0
    lines = journal.split(b"\n")[:-1]  # complete lines only: the driver may be writing the next
    return json.loads(lines[-1])["counts"]["items"] if lines else 0


@ray_cluster_test
def test_driver_killed_mid_run_and_run_again_gives_the_local_output(cluster, articles, tiny_model):
    data, tmp, local, local_counts = articles
    out = tmp / "killed"
    command, env = _on_cluster(cluster, data, tiny_model, out)
    driver = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: _shards_done(out) >= 1, driver, out)
    driver.send_signal(signal.SIGKILL)
    driver.communicate()
    assert _shards_done(out) < 7  # killed mid-run
    counted = (out / "line_counts.json").stat()  # made on the cluster before the first shard
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert again.returncode == 1, again.stderr
    kept = (out / "line_counts.json").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (counted.st_ino, counted.st_mtime_ns)  # read back, not counted again
    assert _run_json(out)["ray"]["line_counts"] is None
    assert _outputs(out) == local
    info = _run_json(out)
    assert info["counts"] == local_counts
    assert info["resumed_after_items"] + 4 * info["ray"]["shards_done_before"] >= 4  # the work done before was kept


def _raylets(cluster):
    return {node.all_processes["raylet"][0].process.pid for node in (cluster.head_node, *cluster.worker_nodes)}


def _title(pid):
    """A process's title as Ray sets it (``ray::MapWorker(...).submit`` while it runs a task), "" if it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode("utf-8", "replace")
    except OSError:
        return ""


def _busy_translators(cluster):
    """Process ids of this cluster's translator actors that are running a task now. Ray's
    workers are children of their node's raylet (so nothing of another Ray on the machine is
    taken, nor a worker a raylet no longer owns); the translator actor is the one ``MapWorker``
    here (Ray fuses reading and the CPU stages into it); a task runs while its title ends in
    ``.submit``, so a worker that is starting, idle or exiting is never taken."""
    raylets = _raylets(cluster)
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        title = _title(entry.name)
        if int(ppid) in raylets and state != "Z" and title.startswith("ray::MapWorker(") and title.endswith(".submit"):
            found.append(int(entry.name))
    return found


def _kill_busy_translator(cluster):
    """SIGKILL a translator of the cluster in the middle of a task; its pid, or None if none was busy."""
    for pid in _busy_translators(cluster):
        if _title(pid).endswith(".submit"):  # read again just before: still in that task
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            return pid
    return None


@ray_cluster_test
def test_a_translator_worker_killed_mid_run_loses_and_repeats_no_document(cluster, articles, tiny_model):
    data, tmp, local, local_counts = articles
    out = tmp / "worker-killed"
    command, env = _on_cluster(cluster, data, tiny_model, out)
    driver = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def killed_in_a_later_task():  # once the translator has given its first shard
        return _shards_done(out) >= 1 and _kill_busy_translator(cluster) is not None

    _wait_for(killed_in_a_later_task, driver, out, poll=0.05)
    _, stderr = driver.communicate(timeout=900)
    assert driver.returncode == 1, stderr
    assert _outputs(out) == local
    info = _run_json(out)
    assert info["counts"] == local_counts
    # the killed process gave shards before it died, a new one redid its task and did the rest
    assert info["ray"]["model_loads"] == info["ray"]["translator_actors"] == 2


@ray_cluster_test
def test_shards_cut_across_translator_batches_are_completed_by_the_driver(cluster, articles, tiny_model, tmp_path):
    """Blocks Ray cuts smaller than a shard (it cuts blocks above its target size), and
    translator batches of 3 rows over shards of 4 (as with GPUs, where Ray needs a batch size):
    the writers get pieces of shards, the driver writes their markers."""
    import ray
    import ray.data

    from pipeline.cli import build_parser
    from pipeline.scale import ray_backend
    from pipeline.translate.options import settings_from_args
    from pipeline.write import RunDirectory

    from pipeline.corpus.first_pass import first_pass
    from pipeline.stages import corpus_stages

    data, _, local, local_counts = articles
    args = build_parser().parse_args([*_translated(data, tiny_model), "--out", str(tmp_path)])
    run_dir = RunDirectory(tmp_path, {"test": "parts"})
    counted = first_pass(tmp_path, [data], "url", args.max_doc_chars, False)  # what `run` does first
    _, before_model, after_model = corpus_stages(counted.save(), tmp_path)
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    block_size, context.target_max_block_size = context.target_max_block_size, 4096
    try:
        info = ray_backend.run([data], run_dir, settings_from_args(args), batch_docs=3, shard_items=4,
                               translate_rows=3, line_counts=str(counted.path.resolve()),
                               finish=[*before_model, *after_model])
    finally:
        context.target_max_block_size = block_size
        ray.shutdown()
    run_dir.close({})
    assert _outputs(tmp_path) == local
    assert run_dir.counts == local_counts
    assert info["ray"]["model_loads"] == info["ray"]["translator_actors"] == 1
    assert info["ray"]["shards_in_parts"] > 0


# -- the first pass on the cluster: line counts made by the workers, added up by the driver -----


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Three sites whose chrome repeats from page to page (19 pages), and the local backend's
    run over them with one worker and with two, which give the same bytes."""
    from pipeline.testing.sites import build_corpus

    tmp = tmp_path_factory.mktemp("sites")
    data = build_corpus().write_jsonl(tmp / "sites.jsonl")
    for workers in ("1", "2"):
        local = run_cli(*_cleaned(data, tmp / f"local-w{workers}"), "--workers", workers)
        assert local.returncode == 0, local.stderr
    assert _outputs(tmp / "local-w1") == _outputs(tmp / "local-w2")
    return data, tmp


def _cleaned(data, out):
    return ["run", str(data), "--no-translate", "--batch-docs", "3", "--quiet", "--out", str(out)]


def _signature(out):
    return json.loads((out / "progress.jsonl").read_text(encoding="utf-8").splitlines()[0])["signature"]


@ray_cluster_test
def test_line_counts_made_on_the_cluster_give_the_local_counts_signature_and_output(cluster, sites):
    data, tmp = sites
    out = tmp / "ray"
    result = run_cli(*_cleaned(data, out), "--backend", "ray", "--ray-shard-docs", "3", env={"RAY_ADDRESS": cluster.address})
    assert result.returncode == 0, result.stderr
    assert _outputs(out) == _outputs(tmp / "local-w1")
    assert _signature(out) == _signature(tmp / "local-w1")
    assert _run_json(out)["ray"]["line_counts"]["shards"] == 7  # 19 pages in shards of 3, each counted by a worker
    assert json.loads((out / "line_counts.json").read_text())["sources"]["kreisbote-nord.de"]["documents"] == 5


@ray_cluster_test
def test_the_driver_adds_up_counts_it_never_makes(cluster, sites, monkeypatch):
    """Each shard's lines are counted by the worker that reads it: the driver, which cannot
    hash a line here, only adds up the workers' counts, and they are the local ones."""
    import ray

    from pipeline.corpus import line_counts
    from pipeline.corpus.first_pass import count_here
    from pipeline.scale.ray_backend import RayLineCounting

    data, _ = sites
    here, chars = count_here([data], "url", 200_000, {})
    assert here.count("kreisbote-nord.de", "Startseite") == 5  # more than a shard holds: counts of shards added up

    def no_hashing_on_the_driver(text):
        raise AssertionError("the driver hashed a line")

    monkeypatch.setattr(line_counts, "document_line_hashes", no_hashing_on_the_driver)
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
    try:
        counting = RayLineCounting(shard_items=3)
        counts, counted_chars = counting([data], "url", 200_000, {})
        nodes = {node["NodeID"] for node in ray.nodes() if node["Alive"]}
    finally:
        ray.shutdown()
    assert counts.to_bytes() == here.to_bytes() and counted_chars == chars
    assert counts.sources["kreisbote-nord.de"].lines == here.sources["kreisbote-nord.de"].lines  # also the lines seen once
    assert len(counting.workers) == len(counting.shards) == 7
    assert {w["node"] for w in counting.workers} <= nodes and len(nodes) == 2
    assert os.getpid() not in {w["pid"] for w in counting.workers}


@ray_cluster_test
def test_the_cli_leaves_the_cluster_it_joined_before_it_returns(cluster, sites, monkeypatch, capsys):
    """The command's own connection is shut down by the command, from its thread, once the run
    directory is written: not by the interpreter's exit, where a late call of one of Ray's
    daemon threads into the shut-down core worker ends the process with status 1. A
    connection the caller made is left open."""
    import ray

    from pipeline.cli import main

    data, tmp = sites
    monkeypatch.setenv("RAY_ADDRESS", cluster.address)
    assert main(_cleaned(data, tmp / "in-process") + ["--backend", "ray", "--ray-shard-docs", "3"]) == 0
    assert not ray.is_initialized()
    assert _outputs(tmp / "in-process") == _outputs(tmp / "local-w1")
    ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
    try:
        assert main(_cleaned(data, tmp / "caller-connected") + ["--backend", "ray", "--ray-shard-docs", "3"]) == 0
        assert ray.is_initialized()
    finally:
        ray.shutdown()
    assert _outputs(tmp / "caller-connected") == _outputs(tmp / "local-w1")
