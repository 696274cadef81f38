"""Reference runs through the command line: German documents aligned with an English version,
with texts written for these tests."""

import html
import json
import random

import jsonschema

from pipeline.align.beads import Bead
from pipeline.record import Document, load_schema
from tests.conftest import run_cli
from tests.test_batch_runs import _kill_during_run, _same_outputs

DE = [
    "Der Stadtrat hat am Dienstag einen neuen Haushalt für das Jahr 2027 beschlossen.",
    "Die Ausgaben für Schulen steigen um zwölf Prozent, und die Stadt will außerdem drei neue Kindergärten bauen.",
    "Bürgermeisterin Anna Keller sprach von einem guten Tag.",
    "Sie dankte allen Fraktionen.",
    "Die Opposition kritisierte die hohen Kosten für das neue Rathaus am Marktplatz.",
    "Der Bau soll im Frühjahr 2028 beginnen und 45 Millionen Euro kosten.",
]
EN = [
    "On Tuesday the city council adopted a new budget for the year 2027.",
    "Spending on schools rises by twelve percent.",
    "The city also wants to build three new kindergartens.",
    "Mayor Anna Keller spoke of a good day and thanked all parliamentary groups.",
    "This article was first published in our Sunday edition.",
    "The opposition criticised the high costs of the new town hall on the market square.",
    "Construction is to begin in spring 2028 and cost 45 million euros.",
]
MT = [
    "The city council adopted a new budget for the year 2027 on Tuesday.",
    "Spending on schools rises by twelve percent, and the city also wants to build three new kindergartens.",
    "Mayor Anna Keller spoke of a good day.",
    "She thanked all parliamentary groups.",
    "The opposition criticised the high costs for the new town hall on the market square.",
    "Construction is to begin in spring 2028 and cost 45 million euros.",
]
PLANTED = [Bead((0,), (0,)), Bead((1,), (1, 2)), Bead((2, 3), (3,)), Bead((), (4,)), Bead((4,), (5,)), Bead((5,), (6,))]


def _records(out) -> list[Document]:
    return [Document.from_json(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def _beads(doc: Document) -> list[Bead]:
    """The document's reference pairs and unaligned sentences as beads, in target order."""
    beads = [Bead(tuple(p.src), tuple(p.tgt)) for p in doc.pairs]
    beads += [Bead((i,), ()) for i in doc.reference.unaligned_src] + [Bead((), (j,)) for j in doc.reference.unaligned_tgt]
    return sorted(beads, key=lambda b: (b.tgt[0] if b.tgt else -1, b.src[0] if b.src else -1))


def _check_every_sentence_kept(doc: Document):
    """Each German and each reference sentence is in exactly one pair or listed as unaligned."""
    ref = doc.reference
    src = sorted([i for p in doc.pairs for i in p.src] + ref.unaligned_src)
    tgt = sorted([j for p in doc.pairs for j in p.tgt] + ref.unaligned_tgt)
    assert src == list(range(len(doc.sentences)))
    assert tgt == list(range(len(ref.sentences)))
    assert all(p.origin == "reference" for p in doc.pairs)


def _corpus(path, copies=1):
    lines = []
    for k in range(copies):
        lines.append({"id": f"rat{k}", "text": "\n".join(DE) + "\n", "en": "\n".join(EN), "mt": "\n".join(MT)})
    lines.append({"id": "ohne", "text": "Der Rat tagt am Montag. Es geht um den Haushalt der Stadt.", "mt": "x\ny"})
    lines.append({"id": "leer", "text": "Der Rat tagt am Montag.\nEs geht um den Haushalt.", "en": "  \n", "mt": "a\nb"})
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return path


def test_a_given_translation_finds_the_planted_beads_without_a_model(tmp_path):
    data = _corpus(tmp_path / "docs.jsonl")
    out = tmp_path / "o"
    result = run_cli("run", str(data), "--reference", "--translation-field", "mt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rat, ohne, leer = _records(out)
    assert [s.text for s in rat.sentences] == DE and [s.text for s in rat.reference.sentences] == EN
    assert _beads(rat) == PLANTED
    _check_every_sentence_kept(rat)
    assert rat.reference.unaligned_tgt == [4]
    assert [f.text for f in rat.reference.flags if f.rule == "reference.unaligned"] == [EN[4]]
    pair = rat.pairs[1]
    assert (pair.src, pair.tgt, pair.en) == ([1], [1, 2], f"{EN[1]} {EN[2]}")
    assert {"alignment", "similarity", "score", "length_ratio", "numbers_match"} <= set(pair.scores)
    assert [t.text for t in rat.translations] == MT
    validator = jsonschema.Draft202012Validator(load_schema())
    for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line)))
    # a missing and an empty reference: reported, the German kept
    assert ohne.reference is None and [f.rule for f in ohne.flags] == ["reference.missing"]
    assert "no field 'en'" in ohne.flags[0].reason and len(ohne.sentences) == 2
    assert "reference.empty" in [f.rule for f in leer.flags]
    assert leer.reference.unaligned_src == [0, 1] and not leer.pairs
    info = json.loads((out / "run.json").read_text())
    assert info["translation"] is None
    assert info["counts"]["reference_missing"] == 2
    assert info["counts"]["unaligned_src"] == 2 and info["counts"]["unaligned_tgt"] == 1
    assert "2 documents without a usable reference" in result.stderr
    assert "2 German and 1 reference sentences left unaligned" in result.stderr
    tsv = (out / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    assert len(tsv) == 1 + 5  # header and the five pairs of rat0; ohne has no translation pairs without a model
    # the report shows the reference pairs with their bead types and the unaligned sentences
    report = run_cli("report", str(out), "--out", str(tmp_path / "report.html"))
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Reference pairs (2 documents, 3 sentences unaligned)" in page
    assert "<td>1-2</td>" in page and html.escape(EN[4]) in page


def test_a_translation_given_per_line_is_matched_to_the_sentences(tmp_path):
    text = "Startseite\n" + f"{DE[0]} {DE[1]}\n{DE[2]}\n{DE[3]}\n{DE[4]}\n{DE[5]}\n"
    mt = ["Home", f"{MT[0]} {MT[1]}", *MT[2:]]
    data = tmp_path / "docs.jsonl"
    wrong = {"id": "falsch", "text": "\n".join(DE), "en": EN, "mt": MT[:4]}
    data.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (
        {"id": "d", "text": text, "en": EN, "mt": mt}, wrong)), encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("run", str(data), "--translation-field", "mt", "--out", str(out))
    assert result.returncode == 0, result.stderr
    doc, falsch = _records(out)
    # (the corpus-level duplicate check may flag the document too: it repeats another one)
    reference_flags = [f for f in falsch.flags if f.rule.startswith("reference.")]
    assert [f.rule for f in reference_flags] == ["reference.translation_mismatch"]
    assert "4 lines" in reference_flags[0].reason and not falsch.translations
    _check_every_sentence_kept(falsch)  # aligned without translation, nothing lost
    texts = [s.text for s in doc.sentences]
    assert texts[-6:] == DE
    assert [t.text for t in doc.translations][-6:] == MT
    _check_every_sentence_kept(doc)


def test_references_from_a_directory_and_from_a_list_of_path_pairs(tmp_path):
    de, en = tmp_path / "de", tmp_path / "en"
    (de / "sub").mkdir(parents=True)
    (en / "sub").mkdir(parents=True)
    (de / "sub" / "rat.txt").write_text("\n".join(DE) + "\n", encoding="utf-8")
    (en / "sub" / "rat.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
    (de / "allein.txt").write_text("Der Rat tagt am Montag. Es geht um den Haushalt der Stadt.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("run", str(de), "--ref-dir", str(en), "--no-translate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    allein, rat = _records(out)
    assert rat.id == "sub/rat" and rat.reference.source == str(en / "sub" / "rat.txt")
    _check_every_sentence_kept(rat)
    assert allein.reference is None and allein.flags[-1].rule == "reference.missing"
    assert str(en) in allein.flags[-1].reason
    listing = tmp_path / "pairs.tsv"
    listing.write_text("# German\treference\nde/sub/rat.txt\ten/sub/rat.txt\nde/allein.txt\ten/fehlt.txt\n", encoding="utf-8")
    out2 = tmp_path / "o2"
    result = run_cli("run", "--ref-pairs", str(listing), "--no-translate", "--out", str(out2))
    assert result.returncode == 0, result.stderr
    rat2, allein2 = _records(out2)
    assert [p.tgt for p in rat2.pairs] == [p.tgt for p in rat.pairs]
    assert "fehlt.txt: no such file" in allein2.flags[-1].reason
    bad = tmp_path / "bad.tsv"
    bad.write_text("de/allein.txt\n", encoding="utf-8")
    result = run_cli("run", "--ref-pairs", str(bad), "--no-translate", "--out", str(tmp_path / "o3"))
    assert result.returncode == 2 and f"{bad}:1" in result.stderr


def test_a_reference_run_with_our_own_translation_keeps_every_sentence(tiny_model, tmp_path):
    data = tmp_path / "docs.jsonl"
    data.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (
        {"id": "rat", "text": "\n".join(DE), "en": "\n".join(EN)},
        {"id": "ohne", "text": "Der Rat tagt am Montag. Es geht um den Haushalt der Stadt."})), encoding="utf-8")
    out = tmp_path / "o"
    result = run_cli("run", str(data), "--reference", "--model", str(tiny_model), "--beam", "1",
                     "--engine", "ctranslate2", "--out", str(out), timeout=900)
    assert result.returncode == 0, result.stderr
    rat, ohne = _records(out)
    assert len(rat.translations) == len(DE)
    _check_every_sentence_kept(rat)
    assert [p.origin for p in ohne.pairs] == ["translation", "translation"]  # no reference: our own pairs
    assert "reference.missing" in [f.rule for f in ohne.flags]
    assert json.loads((out / "run.json").read_text())["reference"]["field"] == "en"


def test_a_reference_run_resumes_after_sigkill_to_identical_output(tmp_path):
    data = _corpus(tmp_path / "docs.jsonl", copies=60)
    args = [str(data), "--reference", "--translation-field", "mt", "--batch-docs", "3"]
    whole = tmp_path / "whole"
    assert run_cli("run", *args, "--out", str(whole), "--quiet").returncode == 0
    resumed = tmp_path / "resumed"
    assert _kill_during_run(args, resumed, random.Random(5), 4)
    final = run_cli("run", *args, "--out", str(resumed))
    assert final.returncode == 0, final.stderr
    assert "resuming" in final.stderr
    _same_outputs(resumed, whole)
    assert json.loads((resumed / "run.json").read_text())["counts"] == json.loads((whole / "run.json").read_text())["counts"]
    pooled = tmp_path / "pooled"  # worker processes clean and segment both sides: the same output
    assert run_cli("run", *args, "--workers", "2", "--out", str(pooled), "--quiet").returncode == 0
    _same_outputs(pooled, whole)


def test_reference_usage_errors(tmp_path):
    data = _corpus(tmp_path / "docs.jsonl")
    result = run_cli("run", str(data), "--ref-dir", str(tmp_path / "nirgends"), "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "nirgends: no such directory (--ref-dir)" in result.stderr
    result = run_cli("run", str(data), "--reference", "--backend", "ray", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "--backend local only" in result.stderr
    result = run_cli("run", "--reference", "--out", str(tmp_path / "o"))
    assert result.returncode == 2 and "give at least one INPUT" in result.stderr


def test_reviewers_decisions_on_reference_pairs_reach_the_export(tmp_path):
    # the path a reviewer takes: a reference run through the CLI, decisions through the review
    # API of the notebooks, then `export` through the CLI
    from pipeline.review import load_run

    data = _corpus(tmp_path / "docs.jsonl")
    out = tmp_path / "o"
    assert run_cli("run", str(data), "--reference", "--translation-field", "mt", "--out", str(out)).returncode == 0
    run = load_run(out)
    rat = next(d for d in run.docs if d.id == "rat0")
    joined, merged = rat.pairs[1], rat.pairs[2]  # the 1-2 and the 2-1 bead
    assert (joined.tgt, merged.src) == ([1, 2], [2, 3])
    run.reject(joined.id)
    run.edit(merged.id, en="Mayor Anna Keller spoke of a good day; she thanked all groups.")
    exported = tmp_path / "pairs.jsonl"
    result = run_cli("export", str(out), "--format", "jsonl", "--out", str(exported))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert joined.id not in by_id and len(rows) == len(rat.pairs) - 1
    assert by_id[merged.id]["tgt"] == "Mayor Anna Keller spoke of a good day; she thanked all groups."
    assert by_id[merged.id]["review"] == "edited" and by_id[merged.id]["origin"] == "reference"
    assert {r["origin"] for r in rows} == {"reference"}
