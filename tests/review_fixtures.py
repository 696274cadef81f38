"""Run directories for the review tests, built from German text written for them."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean.cleaner import Cleaner
from pipeline.record import Document, Pair, PairFlag
from pipeline.segment.segmenter import Segmenter

ARTICLE = """Neue Brücke über den Kanal

  1. Startseite
  2. Lokales

Die Stadt baut bis 2027 eine Brücke für 4,5 Mio. Euro. Die ﬁnanzielle Planung steht.
Fragen beantwortet die Pressestelle unter info@stadt.example oder @stadtinfo.

Ein ﬁktiver Zeitplan liegt unter https://stadt.example/bruecke bereit. Der Rat stimmt am 12. März ab.
"""

# one made-up English rendering per German sentence, with faults a reviewer should see
ENGLISH = {
    "Neue Brücke über den Kanal": "New bridge over the canal",
    "Die Stadt baut bis 2027 eine Brücke für 4,5 Mio. Euro.": "The city builds a bridge for 4.5 million euros by 2028.",
    "Die finanzielle Planung steht.": "The financial Planung is set.",
    "Fragen beantwortet die Pressestelle unter info@stadt.example oder @stadtinfo.":
        "The press office answers questions at info@stadt.example or @stadtinfo.",
}


def build_docs(text: str = ARTICLE, doc_id: str = "bruecke") -> list[Document]:
    """The article cleaned and segmented by the real stages, with hand-made pairs and scores."""
    doc = Segmenter()(Cleaner()(Document(doc_id, text, meta={"source": "test"})))
    pairs = []
    for i, sentence in enumerate(doc.sentences):
        en = ENGLISH.get(sentence.text, "Something else entirely, much longer than the German sentence was.")
        flags = [] if sentence.text in ENGLISH else [PairFlag("pair.length_ratio", "English much longer")]
        score = 0.9 if not flags else 0.1 + i / 100
        pairs.append(Pair(f"{doc_id}:{i}", [i], sentence.text, en, scores={"score": score, "length_ratio": 1.0},
                          flags=flags))
    doc.pairs = pairs
    return [doc]


def write_run(out: Path, docs: list[Document]) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents.jsonl").write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    return out


# input for runs with the tiny model: two short articles, one carrying markup that must stay text
HOSTILE = "Der Rat tagt am 12. März. <script>document.title='PWNED';document.body.dataset.pwned=1</script>"
IMG = "Fotos folgen. <img src=x onerror=\"document.title='PWNED'\">"
RUN_INPUT = [
    {"id": "bruecke", "text": "Neue Brücke über den Kanal\n\n  1. Startseite\n\nDie Stadt baut bis 2027 eine "
     "Brücke für 4,5 Mio. Euro. Die ﬁnanzielle Planung steht.\n\n" + HOSTILE + " " + IMG + "\n"},
    {"id": "markt", "title": "Markt <b onmouseover=alert(1)>neu</b>", "url": "javascript:alert(1)",
     "text": "Der Wochenmarkt zieht um.\n\nAb Mai öffnet er am Rathaus. Fragen an info@markt.example.\n"},
]


def tiny_run(model: Path, out: Path, cache: Path) -> Path:
    """A copy, at ``out``, of a run made by ``python -m pipeline run`` with the tiny model over RUN_INPUT.

    The run itself is made once under ``cache`` (the session's temporary directory) and copied
    for each user, so tests that add decisions or exceptions do not see each other's.
    """
    import json
    import shutil

    from tests.conftest import run_cli

    made = cache / "review-tiny-run"
    if not (made / "run.json").exists():
        made.mkdir(parents=True, exist_ok=True)
        source = cache / "review-tiny-run-input.jsonl"
        source.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in RUN_INPUT), encoding="utf-8")
        # short inputs and one thread keep the tiny model quick on a busy machine (it loops to the cap)
        result = run_cli("run", str(source), "--model", str(model), "--out", str(made), "--beam", "1",
                         "--max-length", "16", "--threads", "1", "--quiet")
        assert result.returncode == 0, result.stderr
    shutil.copytree(made, out)
    return out
