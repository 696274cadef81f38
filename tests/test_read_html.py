"""Saved HTML pages: extraction falls back instead of losing the page."""

import pytest

from pipeline.read.html import NoMainText, extract_html, page_text
from pipeline.read.inputs import read_documents
from pipeline.record import Document

SENTENCE = "Der Verein trifft sich jeden Dienstag im Gemeindehaus, und neue Mitglieder sind immer willkommen."
ARTICLE = (
    "<html><head><title>Neue Brücke eröffnet</title></head><body><nav><a href='/'>Startseite</a></nav>"
    "<article><h1>Neue Brücke eröffnet</h1><p>Die neue Brücke über den Fluss ist seit Montag für Radfahrer und "
    "Fußgänger offen, nach zwei Jahren Bauzeit.</p><p>Anwohner feierten die Eröffnung mit einem kleinen Fest am "
    "Ufer des Flusses.</p></article><footer>Impressum</footer></body></html>"
)


def test_an_article_is_extracted_with_its_title():
    text, meta = extract_html(ARTICLE)
    assert text.startswith("Neue Brücke eröffnet\n\n")
    assert "Anwohner feierten die Eröffnung" in text
    assert "Impressum" not in text
    assert meta["title"] == "Neue Brücke eröffnet" and meta["extraction"] == "main"


@pytest.mark.parametrize("html, step", [
    # text only in an aside: the default extraction finds nothing, favouring recall finds it
    (f"<html><body><aside><p>{SENTENCE}</p></aside></body></html>", "recall"),
    # text only where comments go: both extractions leave it out, the page's text keeps it
    (f"<html><body><div class='comments'><p>{SENTENCE}</p></div><script>var x = 1;</script></body></html>", "text"),
])
def test_a_page_whose_main_text_extraction_misses_is_not_lost(html, step):
    text, meta = extract_html(html)
    assert SENTENCE in text
    assert meta["extraction"] == step
    assert "var x" not in text


def test_page_text_keeps_blocks_apart_and_inline_text_together():
    html = ("<html><body><div>Ein <a href='#'>Link</a> im Satz.<p>Zweiter Absatz.</p></div>"
            "<style>p{}</style></body></html>")
    assert page_text(html) == "Ein Link im Satz.\nZweiter Absatz."


def test_a_page_without_any_text_is_a_read_failure(tmp_path):
    (tmp_path / "leer.html").write_text("<html><head><script>var a = 1;</script></head><body> </body></html>",
                                        encoding="utf-8")
    (tmp_path / "verein.html").write_text(f"<html><body><aside><p>{SENTENCE}</p></aside></body></html>",
                                          encoding="utf-8")
    items = list(read_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "Document"]
    assert "holds no text" in items[0].reason
    assert isinstance(items[1], Document) and SENTENCE in items[1].raw
    with pytest.raises(NoMainText):
        extract_html("<html><body><script>var a = 1;</script></body></html>")
