"""Line counts of the first pass: normalisation, hashes, merging, the counts file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus import line_counts
from pipeline.corpus.line_counts import (
    LineCounts, count_documents, document_line_hashes, line_hash, line_hashes, merge_counts, normalise_line, source_of,
)
from pipeline.record import Document

LINES = st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8)


@pytest.mark.parametrize("a, b", [
    ("Teilen auf Facebook", "  teilen  auf\tfacebook "),
    ("12 Kommentare", "3 Kommentare"),
    ("© 2025 Verlag", "© 2026 Verlag"),
])
def test_variants_of_one_chrome_line_count_as_one(a, b):
    assert line_hash(a) == line_hash(b)


@pytest.mark.parametrize("a, b", [
    ("Die Stadt plant neue Radwege.", "Die Stadt plant neue Radwege!"),
    ("Übersicht", "Uebersicht"),
])
def test_different_lines_stay_apart(a, b):
    assert line_hash(a) != line_hash(b)


@given(LINES)
def test_a_line_hashes_alone_as_it_does_inside_a_text(lines):
    text = "\n".join(lines)
    inside = [h for h, _ in line_hashes(text)]
    assert len(inside) == len(text.split("\n"))
    for line, h in zip(text.split("\n"), inside):
        if normalise_line(line):
            assert h == line_hash(line)
        else:
            assert h is None


@given(st.lists(st.tuples(st.sampled_from(["a.de", "b.de", "c.de"]), LINES), max_size=12), st.integers(0, 12))
@settings(max_examples=60)
def test_counts_of_batches_merge_to_the_counts_of_the_whole(pages, cut):
    docs = [Document(f"d{i}", "\n".join(lines), {"url": f"https://{host}/{i}"}) for i, (host, lines) in enumerate(pages)]
    whole = count_documents(docs)
    merged = merge_counts([count_documents(docs[:cut]), count_documents(docs[cut:])])
    assert merged.to_bytes() == whole.to_bytes()
    for source in whole.sources:
        assert merged.sources[source].lines == whole.sources[source].lines
        assert merged.sources[source].top == whole.sources[source].top


@given(st.lists(st.tuples(st.sampled_from(["a.de", "b.de"]), LINES), max_size=12), st.integers(1, 20))
@settings(max_examples=60)
def test_hashes_added_in_bulk_count_as_documents_added_one_by_one(pages, flush):
    docs = [Document(f"d{i}", "\n".join(lines), {"url": f"https://{host}/{i}"}) for i, (host, lines) in enumerate(pages)]
    one_by_one = LineCounts()
    for doc in docs:
        one_by_one.add(source_of(doc.meta, "url"), document_line_hashes(doc.raw))
    before, line_counts._Gathered.FLUSH = line_counts._Gathered.FLUSH, flush  # added in several rounds
    try:
        counts = count_documents(docs)
    finally:
        line_counts._Gathered.FLUSH = before
    assert sorted(counts.sources) == sorted(one_by_one.sources)
    for source, mine in one_by_one.sources.items():
        assert (counts.sources[source].documents, counts.sources[source].lines, counts.sources[source].top) == (
            mine.documents, mine.lines, mine.top)


def test_each_document_counts_a_line_once_and_knows_its_half():
    text = "Menü\nMenü\nEin langer Satz des Artikels mit vielen Wörtern darin.\nImpressum"
    every, top = document_line_hashes(text)
    assert len(every) == 3
    assert line_hash("Menü") in top and line_hash("Impressum") not in top and line_hash("Impressum") in every
    counts = count_documents([Document("a", text, {"source": "x/a.txt"}), Document("b", "Menü", {"source": "x/b.txt"})], "folder")
    assert counts.sources["x"].documents == 2 and counts.count("x", "menü") == 2 and counts.count("x", "Impressum") == 1


def test_the_counts_file_round_trips_and_keeps_only_repeated_lines(tmp_path):
    docs = [Document(str(i), f"Menü\nText {'abc'[i]}", {"url": "https://www.site.de/x"}) for i in range(3)]
    counts = count_documents(docs)
    path = counts.save(tmp_path / "line_counts.json")
    loaded = LineCounts.load(path)
    assert loaded.to_bytes() == counts.to_bytes() and loaded.sha256() == counts.sha256()
    assert loaded.count("site.de", "Menü") == 3 and loaded.count("site.de", "Text a") == 0
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ValueError, match="broken.json.*delete it"):
        LineCounts.load(tmp_path / "broken.json")


def test_merging_counts_by_different_keys_is_refused():
    with pytest.raises(ValueError, match="folder"):
        LineCounts("url").merge(LineCounts("folder"))


@pytest.mark.parametrize("meta, key, source", [
    ({"url": "https://www.Kreisbote.de/a?b=1"}, "url", "kreisbote.de"),
    ({"url": "kreisbote.de/a", "source": "in/x.jsonl"}, "url", "kreisbote.de"),
    ({"url": "https://kreisbote.de/a", "source": "in/site/x.txt"}, "folder", "in/site"),
    ({"source": "in/site/x.txt"}, "url", "in/site"),
    ({}, "url", ""),
])
def test_source_of(meta, key, source):
    assert source_of(meta, key) == source
