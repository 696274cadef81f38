"""Every input accounted for: one document or one reason per input file and per JSONL line,
whatever a crawler left on disk (special files, names of any bytes, hostile JSON)."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import random
import shutil
import socket
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main as cli_main
from pipeline.read import read_documents, read_items
from pipeline.read.inputs import ReadFailure, find_inputs
from pipeline.record import Document
from tests.conftest import run_cli
from tests.test_batch_runs import _kill_during_run, _same_outputs

SENTENCES = (
    "Der Gemeinderat hat am Dienstag über den neuen Haushalt beraten.",
    "Die Straße am Marktplatz bleibt bis Freitag gesperrt.",
    "Nach Angaben der Polizei wurde bei dem Unfall niemand verletzt.",
    "Die Bürgermeisterin kündigte an, die Gebühren nicht zu erhöhen.",
)
INPUT_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html", ".htm")


def _text(n: int) -> str:
    return f"Meldung {n}\n\n{SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}"


def _line(**record) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(os.fsdecode(path))


def _key(record: dict) -> bytes:
    """The exact bytes of the file a document or an error names."""
    if "source_bytes" in record:
        return bytes.fromhex(record["source_bytes"])
    return record["source"].encode("utf-8")


def _outputs(out: Path) -> tuple[list[dict], list[dict]]:
    """documents.jsonl and errors.jsonl, which are strict UTF-8 and split into the same lines
    for every reader (``str.splitlines`` breaks at U+2028 and U+0085 too)."""
    files = []
    for name in ("documents.jsonl", "errors.jsonl"):
        text = (out / name).read_bytes().decode("utf-8")
        assert text.splitlines() == text.split("\n")[:-1]
        files.append([json.loads(line) for line in text.splitlines()])
    return files[0], files[1]


# -- one failure for each kind of input that cannot be read -------------------------------


def _only_failure(path: Path, **limits) -> ReadFailure:
    items = list(read_documents([path.parent], **limits))
    assert len(items) == 1, items
    assert isinstance(items[0], ReadFailure), items[0]
    return items[0]


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(b""), "holds no documents"),
    (lambda p: p.write_bytes(_gzip(b"")), "holds no documents"),
    (lambda p: p.write_bytes(_gzip(b"\n  \n\n")), "only blank lines"),
    (lambda p: p.write_bytes(_gzip(_line(text="Ein Text.") * 50)[:20]), "breaks off"),
    (lambda p: p.write_bytes(_gzip(b"")[:10] + b"\x00garbage, not deflate"), "damaged"),
    (lambda p: p.write_bytes(b"not gzip at all\n"), "is it a gzip file?"),
    (_fifo, "named pipe"),
    (_socket, "socket"),
    (lambda p: os.symlink("nowhere.jsonl.gz", p), "does not exist"),
    (lambda p: os.symlink(p.name, p), "circle"),
], ids=["empty", "empty-stream", "blank", "truncated", "corrupt", "not-gzip", "fifo", "socket", "broken-link", "link-circle"])
def test_a_jsonl_gz_that_cannot_be_read_gives_one_failure(tmp_path, make, reason):
    path = tmp_path / "in" / "daten.jsonl.gz"
    path.parent.mkdir()
    make(path)
    failure = _only_failure(path)
    assert reason in failure.reason
    assert failure.source == str(path)


@pytest.mark.parametrize("name, make, reason", [
    ("pipe", _fifo, "named pipe (FIFO)"),
    ("pipe.txt", _fifo, "named pipe (FIFO)"),
    ("sock", _socket, "a socket"),
    ("gone.txt", lambda p: os.symlink("missing.txt", p), "a symbolic link to missing.txt, which does not exist"),
    ("loop", lambda p: os.symlink(".", p), "a loop"),
    ("leer.txt", lambda p: p.write_bytes(b""), "empty"),
], ids=["fifo", "fifo-txt", "socket", "broken-link", "loop", "empty-txt"])
def test_an_entry_that_is_not_a_readable_file_gives_one_failure_without_blocking(tmp_path, name, make, reason):
    path = tmp_path / "in" / name
    path.parent.mkdir()
    make(path)
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(read_documents([path.parent])), daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading blocked"
    assert len(result) == 1 and isinstance(result[0], ReadFailure)
    assert reason in result[0].reason
    assert result[0].id == name.removesuffix(".txt")


def test_a_loop_below_the_input_is_reported_once_and_not_followed(tmp_path):
    (tmp_path / "in" / "a" / "b").mkdir(parents=True)
    (tmp_path / "in" / "a" / "b" / "text.txt").write_text(_text(1), encoding="utf-8")
    os.symlink("../..", tmp_path / "in" / "a" / "b" / "up")
    items = list(read_documents([tmp_path / "in"]))
    assert [(type(i).__name__, i.id) for i in items] == [("Document", "a/b/text"), ("ReadFailure", "a/b/up")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files of any mode")
def test_an_unreadable_file_and_directory_give_one_failure_each(tmp_path):
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "secret.txt").write_text(_text(1), encoding="utf-8")
    (src / "secret.txt").chmod(0)
    (src / "locked").chmod(0)
    try:
        items = list(read_documents([src]))
    finally:
        (src / "locked").chmod(0o755)
    assert [i.id for i in items] == ["locked", "secret"]
    assert all(isinstance(i, ReadFailure) and "ermission denied" in i.reason for i in items)


def test_files_of_other_kinds_below_a_directory_are_counted_not_read(tmp_path):
    (tmp_path / "bild.png").write_bytes(b"\x89PNG")
    (tmp_path / "notiz.md").write_text("Notiz", encoding="utf-8")
    (tmp_path / "a.txt").write_text(_text(1), encoding="utf-8")
    found = find_inputs([tmp_path])
    assert [below.name for _, below in found.entries] == ["a.txt"] and found.ignored == 2


# -- hostile JSONL lines ----------------------------------------------------------------


def test_hostile_lines_fail_alone_with_their_reason(tmp_path):
    deep = b'{"text": "x", "a": ' + b"[" * 2000 + b"]" * 2000 + b"}\n"
    lines = [
        _line(id="gut-1", text=_text(1)),
        deep,
        b'{"id": "lang", "text": "' + b"Wort " * 1300 + b'"}\n',
        b'{"id": 1' + b"0" * 5000 + b', "text": "x"}\n',
        b'{"id": "nan", "text": NaN}\n',
        b'{"id": "halb", "text": "Stra\\ud800e"}\n',
        _line(id={"x": 1}, text="Ein Text."),
        _line(id=["a"], text="Ein Text."),
        _line(id=True, text="Ein Text."),
        _line(id=1.5, text="Ein Text."),
        _line(id=42, text=_text(2)),
        b'{"text": "Ein Text.", "tief": ' + b'{"a": ' * 20 + b"1" + b"}" * 20 + b"}\n",
        _line(id="gut-2", text=_text(3)),
    ]
    (tmp_path / "d.jsonl").write_bytes(b"".join(lines))
    items = list(read_documents([tmp_path], max_line_bytes=6000, max_json_depth=20))
    assert len(items) == len(lines)
    docs = [i.id for i in items if isinstance(i, Document)]
    assert docs == ["gut-1", "42", "gut-2"]
    reasons = {i.line: i.reason for i in items if isinstance(i, ReadFailure)}
    assert "nest 2,001 deep, more than the limit of 20" in reasons[2] and "--max-json-depth" in reasons[2]
    assert "more than the limit" in reasons[3] and "--max-line-bytes" in reasons[3]
    assert "4300 digits" in reasons[4]
    assert "NaN" in reasons[5]
    assert "\\ud800" in reasons[6] and "surrogate" in reasons[6]
    assert reasons[7].startswith('the field "id" must be a string or an integer, not an object')
    assert "an array" in reasons[8] and "true or false" in reasons[9] and "1.5" in reasons[10]
    assert "nest 21 deep" in reasons[12]
    # within the limits the same lines are read
    relaxed = list(read_documents([tmp_path], max_line_bytes=7000, max_json_depth=21))
    assert [i.id for i in relaxed if isinstance(i, Document)] == ["gut-1", "lang", "42", "d:12", "gut-2"]


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path):
    (tmp_path / "d.jsonl").write_bytes(_line(id="klammern", text="[[[[ {{{{ " * 50 + _text(1)))
    assert [i.id for i in read_documents([tmp_path], max_json_depth=2)] == ["klammern"]


# -- ids --------------------------------------------------------------------------------


def test_repeated_ids_are_made_unique_in_input_order_and_the_original_is_kept(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(
        _line(id="a", text=_text(1)) + _line(id="a~2", text=_text(2)) + _line(id="a", text=_text(3))
        + _line(id="a", title="ohne Text") + _line(id=7, text=_text(4)) + _line(id="7", text=_text(5))
    )
    (tmp_path / "a.txt").write_text(_text(6), encoding="utf-8")
    (tmp_path / "b.html").write_bytes(b"\x00\x01" * 50)  # binary: fails, and keeps its id
    (tmp_path / "b.txt").write_text(_text(7), encoding="utf-8")
    (tmp_path / "c" / ".txt").parent.mkdir()
    (tmp_path / "c" / ".txt").write_text(_text(8), encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [(type(i).__name__[0], i.id) for i in items] == [
        ("D", "a"), ("D", "a~2"), ("D", "a~3"), ("R", "a~4"), ("D", "7"), ("D", "7~2"), ("D", "a~5"),
        ("R", "b"), ("D", "b~2"), ("D", "c/.txt"),
    ]
    assert items[2].meta["original_id"] == "a" and "original_id" not in items[1].meta
    assert items[6].meta["original_id"] == "a" and items[8].meta["original_id"] == "b"


def test_a_resumed_read_gives_the_ids_of_a_whole_read(tmp_path):
    lines = b"".join(_line(id=random.Random(n).choice("abc"), text=_text(n)) for n in range(30))
    (tmp_path / "x.jsonl").write_bytes(lines + b"{kaputt\n")
    (tmp_path / "x.txt").write_text(_text(1), encoding="utf-8")
    (tmp_path / "y" / "x.txt").parent.mkdir()
    (tmp_path / "y" / "x.txt").write_text(_text(2), encoding="utf-8")
    (tmp_path / "z.jsonl").write_bytes(_line(id="x", text=_text(3)) + _line(text=_text(4)))
    whole = [(i.id, getattr(i, "meta", None)) for i in read_items([tmp_path])]
    assert len({i for i, _ in whole if i}) == len([i for i, _ in whole if i])
    for skip in range(len(whole) + 1):
        assert [(i.id, getattr(i, "meta", None)) for i in read_items([tmp_path], skip=skip)] == whole[skip:]


# -- file names of any bytes ------------------------------------------------------------


def test_names_that_are_not_utf8_are_kept_exactly_and_shown_escaped(tmp_path):
    src = tmp_path / "in"
    (src / os.fsdecode(b"alt\xe4")).mkdir(parents=True)
    raw = os.fsencode(src) + b"/alt\xe4/\xff\xfe Bericht.txt"
    Path(os.fsdecode(raw)).write_text(_text(1), encoding="utf-8")
    (src / "zeile\numbruch.txt").write_text(_text(2), encoding="utf-8")
    (src / "grüße.txt").write_text(_text(3), encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("run", str(src), "--no-translate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    docs, errors = _outputs(out)
    assert errors == []
    by_id = {d["id"]: d["meta"] for d in docs}
    assert set(by_id) == {"alt\\xe4/\\xff\\xfe Bericht", "zeile\\x0aumbruch", "grüße"}
    meta = by_id["alt\\xe4/\\xff\\xfe Bericht"]
    assert meta["source"] == f"{src}/alt\\xe4/\\xff\\xfe Bericht.txt"
    assert bytes.fromhex(meta["source_bytes"]) == raw and Path(os.fsdecode(bytes.fromhex(meta["source_bytes"]))).exists()
    assert bytes.fromhex(by_id["zeile\\x0aumbruch"]["source_bytes"]).endswith(b"zeile\numbruch.txt")
    assert by_id["grüße"]["source"] == str(src / "grüße.txt") and "source_bytes" not in by_id["grüße"]


def test_an_input_directory_whose_own_name_is_not_utf8_is_written(tmp_path):
    src = Path(os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe"))
    src.mkdir()
    (src / "a.txt").write_text(_text(1), encoding="utf-8")
    (src / "b.jsonl").write_bytes(b"{kaputt\n")
    out = tmp_path / "o"
    result = run_cli("run", str(src), "--no-translate", "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    docs, errors = _outputs(out)
    assert [_key(d["meta"]) for d in docs] == [os.fsencode(src / "a.txt")]
    assert [_key(e) for e in errors] == [os.fsencode(src / "b.jsonl")]
    info = json.loads((out / "run.json").read_bytes().decode("utf-8"))
    assert [os.fsencode(p) for p in info["inputs"]] == [os.fsencode(src)]  # \udcff escapes read back exactly
    again = run_cli("run", str(src), "--no-translate", "--out", str(out), "--quiet")
    assert again.returncode == 1, again.stderr  # the same settings: a finished run, not a refusal


# -- the property: every input accounted for --------------------------------------------


NAME_PIECES = st.sampled_from([b"a", b"b", b"x", b"\xff", b"\xfe", b"\xc3\xa4", b"\n", b" ", b"~2", b":1", b"\\", b"\xed\xa0\x80"])
SUFFIXES = st.sampled_from([*INPUT_SUFFIXES, ".TXT", ".JSONL.GZ", ".png", ""])
IDS = st.one_of(
    st.sampled_from(["a", "b", "a~2", "x", "x:1", ""]), st.none(), st.integers(-3, 3), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False), st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "title", "k"]), inner, max_size=3),
    max_leaves=8,
)
TEXTS = st.one_of(st.integers(0, 50).map(_text), st.sampled_from(["", "  ", "Stra\ud800e", "x" * 300, "Zeile\u2028Zeile\x85 Ende."]),
                  st.text(max_size=30))


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace") if encoding != "utf-16" else text.encode("utf-16", "surrogatepass")


JSONL_LINES = st.one_of(
    st.builds(lambda i, t: json.dumps({"id": i, "text": t}).encode() + b"\n", IDS, TEXTS),
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n", TEXTS),
    JSON_VALUES.map(lambda v: json.dumps(v).encode() + b"\n"),
    st.integers(1, 400).map(lambda n: b'{"text": "Tief.", "a": ' + b"[" * n + b"]" * n + b"}\n"),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"") + b"\n"),
    st.sampled_from([b"\n", b"   \n", b'{"text": NaN}\n', b'{"text": "ohne Ende"']),
)
TXT = st.one_of(
    st.binary(max_size=120),
    st.builds(_encoded, st.one_of(TEXTS, st.text(max_size=60)), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])),
)
HTML = st.one_of(
    st.integers(0, 50).map(lambda n: f"<html><head><title>T{n}</title></head><body><article><p>{_text(n)} "
                                     f"{SENTENCES[n % 4]}</p></article></body></html>".encode()),
    st.binary(max_size=80),
)


@st.composite
def _file(draw):
    name = b"".join(draw(st.lists(NAME_PIECES, min_size=1, max_size=3))) + draw(SUFFIXES).encode()
    if name.lower().endswith(b".gz"):
        body = b"".join(draw(st.lists(JSONL_LINES, max_size=5)))
        data = _gzip(body)
        cut = draw(st.sampled_from([None, None, 0, 10, len(data) // 2, len(data) - 1]))
        return name, ("file", data if cut is None else data[:cut])
    if name.lower().endswith(b".jsonl"):
        return name, ("file", b"".join(draw(st.lists(JSONL_LINES, max_size=6))))
    if name.lower().endswith((b".html", b".htm")):
        return name, ("file", draw(HTML))
    return name, ("file", draw(TXT))


SPECIAL = st.tuples(
    st.sampled_from([b"pipe", b"pipe.txt", b"sock.jsonl", b"gone.txt", b"loop", b"circle.jsonl.gz"]),
    st.sampled_from(["fifo", "socket", "broken", "loop", "circle"]).map(lambda kind: (kind, None)),
)


def _entries(max_size: int):
    return st.lists(st.one_of(_file(), _file(), SPECIAL), max_size=max_size, unique_by=lambda e: e[0])


TREE = st.tuples(_entries(7), _entries(3))  # entries at the top, and in the subdirectory "sub"


def _build(root: Path, entries, expected: dict[bytes, dict]) -> int:
    """Create the entries; note what each input must give; return how many files are ignored."""
    ignored = 0
    for name, (kind, data) in entries:
        path = Path(os.fsdecode(os.fsencode(root) + b"/" + name))
        if kind == "file":
            path.write_bytes(data)
            lower = name.lower()
            if not lower.endswith(tuple(s.encode() for s in INPUT_SUFFIXES)):
                ignored += 1
                continue
            expected[os.fsencode(path)] = {"jsonl": lower.endswith((b".jsonl", b".jsonl.gz")), "data": data,
                                           "gz": lower.endswith(b".gz")}
            continue
        {"fifo": _fifo, "socket": _socket, "broken": lambda p: os.symlink("weg", p),
         "loop": lambda p: os.symlink(".", p), "circle": lambda p: os.symlink(p.name, p)}[kind](path)
        expected[os.fsencode(path)] = {"jsonl": False, "special": True}
    return ignored


def _expected_lines(data: bytes) -> set[int | None]:
    lines = {n for n, line in enumerate(data.split(b"\n"), 1) if line.strip()}
    return lines or {None}


def _check_accounting(src: Path, out: Path, expected: dict[bytes, dict], ignored: int, code: int, stderr: str):
    assert "Traceback" not in stderr, stderr
    docs, errors = _outputs(out)
    seen: dict[bytes, list[int | None]] = {}
    for record in [d["meta"] for d in docs] + errors:
        seen.setdefault(_key(record), []).append(record.get("line"))
    assert set(seen) == set(expected), (set(seen) ^ set(expected))
    for key, what in expected.items():
        lines = seen[key]
        assert len(lines) == len(set(lines)), (key, lines)  # never two results for one line
        if not what["jsonl"]:
            assert lines == [None], (key, lines)
        elif what["gz"]:
            try:
                content = gzip.decompress(what["data"])
            except (EOFError, OSError):  # truncated: lines up to the break, then one failure
                broke = [e for e in errors if _key(e) == key and ("breaks off" in e["reason"] or "no documents" in e["reason"])]
                assert len(broke) == 1, (key, lines)
                assert max(lines, key=lambda n: n or 0) == broke[0]["line"]  # the break comes last
            else:
                assert set(lines) == _expected_lines(content), (key, lines)
        else:
            assert set(lines) == _expected_lines(what["data"]), (key, lines)
    ids = [d["id"] for d in docs] + [e["id"] for e in errors if e["id"] is not None]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for doc in docs:
        if "original_id" in doc["meta"]:
            assert doc["id"].startswith(doc["meta"]["original_id"] + "~"), doc["id"]
    info = json.loads((out / "run.json").read_bytes().decode("utf-8"))
    counts = info["counts"]
    assert (counts["documents"], counts["failed"]) == (len(docs), len(errors))
    assert counts["items"] == counts["documents"] + counts["failed"]
    assert info["input_files"] == {"read": len(expected), "ignored": ignored}
    assert code == (1 if errors else 0)


def _run_in_process(*args: str) -> tuple[int, str]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = cli_main(["run", *args])
    return code, stderr.getvalue()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(tree=TREE, batch=st.integers(1, 4))
def test_every_input_file_and_line_gives_one_document_or_one_reason(tree, batch):
    top, below = tree
    work = Path(tempfile.mkdtemp(prefix="acc"))
    try:
        src = work / "in"
        (src / "sub").mkdir(parents=True)
        expected: dict[bytes, dict] = {}
        ignored = _build(src, top, expected) + _build(src / "sub", below, expected)
        out = work / "out"
        code, stderr = _run_in_process(str(src), "--out", str(out), "--no-translate", "--batch-docs", str(batch),
                                       "--max-line-bytes", "200", "--max-json-depth", "64")
        _check_accounting(src, out, expected, ignored, code, stderr)
        # resumed half-way through, the run gives the same bytes
        resumed = work / "resumed"
        shutil.copytree(out, resumed)
        _cut_journal(resumed)
        again, stderr = _run_in_process(str(src), "--out", str(resumed), "--no-translate", "--batch-docs", str(batch),
                                        "--max-line-bytes", "200", "--max-json-depth", "64", "--quiet")
        assert again == code and "Traceback" not in stderr
        _same_outputs(resumed, out)
    finally:
        shutil.rmtree(work)


def _cut_journal(out: Path) -> None:
    """Leave the run directory as a kill after about half of its batches would."""
    journal = (out / "progress.jsonl").read_bytes().split(b"\n")[:-1]
    keep = max(1, (len(journal) + 1) // 2)
    (out / "progress.jsonl").write_bytes(b"\n".join(journal[:keep]) + b"\n")
    sizes = json.loads(journal[keep - 1])["sizes"]
    for name in ("documents.jsonl", "pairs.tsv", "errors.jsonl"):
        with (out / name).open("ab") as handle:
            handle.write(b'{"torn": ')  # more than the journal says: cut back on resume
        assert (out / name).stat().st_size > sizes[name]
    (out / "run.json").unlink()


# -- the whole run through the command line ----------------------------------------------


def _hostile_directory(src: Path, copies: int = 1) -> None:
    """Good documents among every kind of bad input, ``copies`` times."""
    src.mkdir(parents=True)
    for c in range(copies):
        sub = src / f"teil{c}"
        sub.mkdir()
        (sub / "gut.txt").write_text(_text(c), encoding="utf-8")
        Path(os.fsdecode(os.fsencode(sub) + b"/\xff\xfe-alt.txt")).write_bytes(_text(c + 1).encode("cp1252"))
        (sub / "leer.txt").write_bytes(b"")
        (sub / "leer.jsonl.gz").write_bytes(b"")
        (sub / "kaputt.jsonl.gz").write_bytes(_gzip(_line(id=f"gz-{c}", text=_text(c)) * 3)[:-5])
        _fifo(sub / "pipe")
        _socket(sub / "sock")
        os.symlink("nirgends.txt", sub / "gone.txt")
        os.symlink("..", sub / "oben")
        (sub / "bild.png").write_bytes(b"\x89PNG")
        lines = [
            _line(id="dup", text=_text(c + 2)),
            _line(id="dup", text=_text(c + 3)),
            _line(id={"x": 1}, text="Ein Text."),
            _line(id=5, text=_text(c + 4)),
            b'{"id": "tief", "text": "x", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
            b'{"id": "halb", "text": "\\udcff"}\n',
            b"{nicht json\n",
            b"\n",
            _line(id="dup", text=_text(c + 5)),
        ]
        (sub / "mix.jsonl").write_bytes(b"".join(lines))


def test_bad_inputs_among_good_ones_through_the_cli(tiny_model, tmp_path):
    src = tmp_path / "in"
    _hostile_directory(src)
    out = tmp_path / "o"
    result = run_cli("run", str(src), "--model", str(tiny_model), "--out", str(out), "--beam", "1",
                     "--engine", "ctranslate2", "--batch-docs", "3")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    docs, errors = _outputs(out)
    ids = [d["id"] for d in docs]
    assert set(ids) == {"teil0/gut", "teil0/\\xff\\xfe-alt", "dup", "dup~2", "dup~3", "5", "gz-0", "gz-0~2", "gz-0~3"}
    assert len(ids) == len(set(ids)) and len({e["id"] for e in errors if e["id"]}) == len([e for e in errors if e["id"]])
    assert [d["meta"].get("original_id") for d in docs if d["id"].startswith("dup")] == [None, "dup", "dup"]
    pair_ids = [p["id"] for d in docs for p in d["pairs"]]
    assert pair_ids and len(pair_ids) == len(set(pair_ids))
    assert {p["id"].rsplit(":", 1)[0] for d in docs for p in d["pairs"]} <= set(ids)
    reasons = {(Path(_key(e).decode("utf-8", "replace")).name, e["line"]): e["reason"] for e in errors}
    expected = {
        ("leer.txt", None): "empty", ("leer.jsonl.gz", None): "no documents", ("pipe", None): "named pipe",
        ("sock", None): "socket", ("gone.txt", None): "does not exist", ("oben", None): "loop",
        ("mix.jsonl", 3): 'field "id"', ("mix.jsonl", 5): "--max-json-depth", ("mix.jsonl", 6): "surrogate",
        ("mix.jsonl", 7): "not valid JSON",
    }
    for key, words in expected.items():
        assert words in reasons.pop(key), (key, reasons.get(key))
    assert list(reasons) == [("kaputt.jsonl.gz", 4)] and "breaks off" in reasons[("kaputt.jsonl.gz", 4)]
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    counts = info["counts"]
    assert counts["items"] == counts["documents"] + counts["failed"] == len(docs) + len(errors)
    assert counts["failed"] == len(errors) == 11
    assert info["input_files"] == {"read": 10, "ignored": 1}
    assert (f"10 input files (1 other file not read), {counts['items']} items: {counts['documents']} documents done"
            in result.stderr)
    assert f"{counts['failed']} failed" in result.stderr
    assert (out / "pairs.tsv").read_bytes().decode("utf-8").count("\n") == len(pair_ids) + 1


def test_hostile_inputs_give_the_same_output_on_two_workers_and_after_sigkill(tmp_path):
    src = tmp_path / "in"
    _hostile_directory(src, copies=10)
    args = [str(src), "--no-translate", "--batch-docs", "4"]
    whole = tmp_path / "whole"
    first = run_cli("run", *args, "--out", str(whole), "--quiet")
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
    docs, errors = _outputs(whole)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)) and ids.count("dup") == 1 and "dup~30" in ids
    two = tmp_path / "two"
    assert run_cli("run", *args, "--out", str(two), "--quiet", "--workers", "2").returncode == 1
    _same_outputs(two, whole)
    resumed = tmp_path / "resumed"
    rng = random.Random(5)
    assert sum(_kill_during_run([*args, "--workers", "2"], resumed, rng, rng.randint(3, 20)) for _ in range(2)) == 2
    final = run_cli("run", *args, "--out", str(resumed))
    assert final.returncode == 1 and "resuming" in final.stderr and "Traceback" not in final.stderr, final.stderr
    _same_outputs(resumed, whole)


@pytest.mark.parametrize("option, value", [("--max-json-depth", "0"), ("--max-json-depth", "301"),
                                           ("--max-line-bytes", "0"), ("--max-line-bytes", "viel")])
def test_limits_out_of_range_are_usage_errors(tmp_path, option, value):
    (tmp_path / "a.txt").write_text(_text(1), encoding="utf-8")
    result = run_cli("run", str(tmp_path / "a.txt"), "--no-translate", "--out", str(tmp_path / "o"), option, value)
    assert result.returncode == 2 and option in result.stderr and "Traceback" not in result.stderr


def test_a_record_as_deep_as_the_highest_limit_is_processed_on_two_workers(tmp_path):
    title = "[" * 299 + "]" * 299  # with the record's own object: 300 deep
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "tief.jsonl").write_bytes(b'{"id": "tief", "text": "' + _text(1).replace("\n", "\\n").encode()
                                          + b'", "url": ' + title.encode() + b"}\n" + _line(id="flach", text=_text(2)))
    out = tmp_path / "o"
    result = run_cli("run", str(tmp_path / "in"), "--no-translate", "--out", str(out), "--max-json-depth", "300",
                     "--workers", "2")
    assert "Traceback" not in result.stderr, result.stderr
    docs, errors = _outputs(out)
    assert [d["id"] for d in docs] + [e["id"] for e in errors] in (["tief", "flach"], ["flach", "tief"])
