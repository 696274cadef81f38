"""No import cycle between the packages of ``pipeline/`` (read from the source, imports inside
functions included), and run directories are read in one place only."""

import ast
import re

from tests.conftest import ROOT

PIPELINE = ROOT / "pipeline"


def part_of(module: str) -> str:
    """The part of ``pipeline`` a module belongs to: its sub-package, or the top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "pipeline"


def module_name(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, dict[str, str]]:
    """part -> {imported part: 'file:line' of one import that makes the edge}."""
    graph: dict[str, dict[str, str]] = {}
    for path in sorted(PIPELINE.rglob("*.py")):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        source = part_of(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: resolve against the importing package
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base]
            else:
                continue
            for target in targets:
                if target.split(".")[0] == "pipeline" and part_of(target) != source:
                    graph.setdefault(source, {}).setdefault(part_of(target), f"{path.relative_to(ROOT)}:{node.lineno}")
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """The strongly connected parts with more than one member (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"clean": {"review": "a:1"}, "review": {"clean": "b:2", "record": "b:3"}, "record": {}}
    assert cycles(graph) == [["clean", "review"]]
    assert cycles({"a": {"b": ""}, "b": {"c": ""}}) == []


def test_no_import_cycle_between_pipeline_packages():
    graph = import_graph()
    assert "clean" in graph and "review" in graph  # the graph was read
    found = cycles(graph)
    where = [f"{a} -> {b} ({graph[a][b]})" for component in found for a in component for b in graph.get(a, {})
             if b in component]
    assert not found, "import cycle between packages: " + "; ".join(where)


RUN_FILES = re.compile(r"""["'](?:documents|decisions|errors)\.jsonl["']|["']run\.json["']|["']exceptions\.yaml["']""")


def test_only_the_run_directory_modules_name_its_files():
    """The reader (pipeline/rundir) and the writer (pipeline/write) own the file names; the
    cleaner names its own corrections/exceptions.yaml. Everything else goes through them."""
    owners = {"pipeline/rundir/names.py", "pipeline/write/run_dir.py", "pipeline/clean/exceptions.py"}
    naming = {str(p.relative_to(ROOT)) for p in PIPELINE.rglob("*.py") if RUN_FILES.search(p.read_text(encoding="utf-8"))}
    assert naming <= owners, sorted(naming - owners)
