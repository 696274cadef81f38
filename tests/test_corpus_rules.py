"""The repeated-line pass: chrome that recurs across a site goes, the pages' own text stays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.cleaner import Cleaner
from pipeline.clean.edits import apply_edits, rebuild_raw
from pipeline.corpus.line_counts import count_documents
from pipeline.record import Document
from pipeline.testing.corpus import GERMAN

SENTENCES = [s for s in GERMAN.splitlines() if s]
HEADER = ["Stadtanzeiger", "Startseite", "Politik", "Sport", "Wir nutzen Cookies, damit diese Seite gut funktioniert."]
FOOTER = ["Jetzt den Newsletter bestellen und nichts mehr verpassen.", "Impressum | Datenschutz"]
TITLES = [f"{w} beschäftigt den Stadtrat in dieser Woche" for w in
          ("Der Haushalt", "Die Schule", "Das Hallenbad", "Die Buslinie", "Der Marktplatz", "Die Kita")]


def _body(n: int) -> list[str]:
    return [SENTENCES[(5 * n + k) % len(SENTENCES)] for k in range(4)]


def _page(n: int, teasers=(), header=HEADER, footer=FOOTER, body=None) -> str:
    body = body or _body(n)
    parts = ["\n".join(header), TITLES[n], " ".join(body[:2]), " ".join(body[2:])]
    if teasers:
        parts.append("\n".join(["Mehr aus der Stadt", *teasers]))
    parts.append("\n".join(footer))
    return "\n\n".join(parts) + "\n"


def _site(texts, host="stadtanzeiger.de"):
    return [Document(f"p{i}", text, {"url": f"https://{host}/{i}"}) for i, text in enumerate(texts)]


def _clean(docs, rules=None):
    cleaner = Cleaner(line_counts=count_documents(docs), rules=rules)
    return [cleaner(doc) for doc in docs]


def _lines(doc):
    return {line.strip() for line in doc.clean.split("\n") if line.strip()}


def test_lines_on_every_page_of_a_site_are_removed_as_edits():
    docs = _clean(_site([_page(n) for n in range(6)]))
    for n, doc in enumerate(docs):
        assert not _lines(doc) & set(HEADER + FOOTER), doc.clean
        assert TITLES[n] in _lines(doc)
        for sentence in _body(n):
            assert sentence in doc.clean
        removed = [e for e in doc.edits if e.rule == "chrome.repeated"]
        assert {e.before.strip() for e in removed} >= {"Startseite", "Impressum | Datenschutz"}
        assert all("in 6 of 6 documents of stadtanzeiger.de" in e.reason for e in removed)
        assert apply_edits(doc.raw, doc.edits) == doc.clean
        assert rebuild_raw(doc.clean, doc.edits) == doc.raw


def test_a_headline_quoted_in_the_teasers_of_other_pages_stays_in_its_own_page():
    # every page's teaser block quotes the headlines of page 0 and 1
    texts = [_page(n, teasers=[TITLES[k] for k in (0, 1) if k != n]) for n in range(6)]
    docs = _clean(_site(texts))
    for n, doc in enumerate(docs):
        lines = _lines(doc)
        assert TITLES[n] in lines
        assert "Mehr aus der Stadt" not in lines
        for k in (0, 1):
            if k != n:
                assert TITLES[k] not in lines, (n, doc.clean)
    for n in (0, 1):
        [flag] = [f for f in docs[n].flags if f.rule == "chrome.repeated_unsure"]
        assert flag.text == TITLES[n] and "in 6 of 6 documents" in flag.reason


def _with_line_between_paragraphs(line: str, pages: int):
    texts = []
    for n in range(7):
        body = _body(n % 6)
        if n < pages:
            body = [body[0], body[1], line + "\n\n" + body[2], body[3]]
        texts.append(_page(n % 6, body=body))
    return _clean(_site(texts))


def test_a_stock_sentence_inside_the_text_of_some_pages_is_kept_and_flagged():
    stock = "Hinweise nimmt die Polizei unter der Telefonnummer 110 entgegen."
    for doc in _with_line_between_paragraphs(stock, 3)[:3]:
        assert stock in _lines(doc)
        assert any(f.rule == "chrome.repeated_unsure" and f.text == stock for f in doc.flags)


def test_a_label_between_paragraphs_is_removed():
    for doc in _with_line_between_paragraphs("Anzeige", 3)[:3]:
        assert "Anzeige" not in _lines(doc)
        assert any(e.rule == "chrome.repeated" and e.before.startswith("Anzeige") for e in doc.edits)


def test_a_small_source_and_rare_lines_are_left_alone():
    few = _clean(_site([_page(n) for n in range(4)]))  # fewer than min_source_documents
    assert all(not [e for e in d.edits if e.rule == "chrome.repeated"] for d in few)
    # a line on two pages of six is below K
    texts = [_page(n, footer=[*FOOTER, "Möbelhaus Müller lädt zum Frühlingsfest"] if n < 2 else FOOTER) for n in range(6)]
    docs = _clean(_site(texts))
    assert all("Möbelhaus Müller lädt zum Frühlingsfest" in d.clean for d in docs[:2])


def test_pages_without_text_of_their_own_keep_their_prose_flagged():
    # one article published three times on the same site, plus three other pages
    texts = [_page(0) for _ in range(3)] + [_page(n) for n in range(1, 4)]
    docs = _clean(_site(texts))
    for doc in docs[:3]:
        for sentence in _body(0):
            assert sentence in doc.clean
        assert "Startseite" not in _lines(doc)
        assert any(f.rule == "chrome.repeated_unsure" for f in doc.flags)


def test_the_settings_file_sets_k(tmp_path):
    import shutil

    from pipeline.rules import corrections_dir

    rules = tmp_path / "rules"
    shutil.copytree(corrections_dir(), rules)
    text = (rules / "corpus.yaml").read_text(encoding="utf-8").replace("min_documents: 3", "min_documents: 7")
    (rules / "corpus.yaml").write_text(text, encoding="utf-8")
    docs = _clean(_site([_page(n) for n in range(6)]), rules=rules)  # 6 pages: below K = 7
    assert all("Startseite" in _lines(d) for d in docs)


@given(st.lists(st.lists(st.sampled_from(HEADER + FOOTER + SENTENCES[:6] + TITLES), min_size=1, max_size=8),
                min_size=5, max_size=9))
@settings(max_examples=40, deadline=None)
def test_edits_rebuild_raw_and_no_line_below_k_is_removed(pages):
    docs = _site(["\n".join(lines) + "\n" for lines in pages])
    counts = count_documents(docs)
    for doc in _clean(docs):
        assert rebuild_raw(doc.clean, doc.edits) == doc.raw
        for edit in doc.edits:
            if edit.rule == "chrome.repeated":
                for line in edit.before.split("\n"):
                    if line.strip():
                        assert counts.count("stadtanzeiger.de", line) >= 3
