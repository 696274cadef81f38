"""Saved HTML pages: main text and metadata extracted with trafilatura before our cleaner runs.

Extraction keeps what trafilatura's default settings keep (user comments left out); the
text-level cleaner then removes the chrome that extraction left. When that finds nothing,
the page is not lost: extraction is tried again favouring recall, and as a last resort the
page's visible text is taken whole (``meta["extraction"]`` says which step gave the text).
"""

from __future__ import annotations

from typing import Any

# the steps tried in turn: (name in meta["extraction"], trafilatura settings)
EXTRACTION_STEPS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("main", {}),
    ("recall", {"favor_recall": True}),
)
SKIPPED_ELEMENTS = ("script", "style", "noscript", "template", "head", "svg")


class NoMainText(ValueError):
    """The page holds no text at all."""


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The page's main text (paragraphs separated by blank lines) and its title, author, date, URL."""
    import trafilatura

    result, text, step = None, "", "text"
    for name, settings in EXTRACTION_STEPS:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, deduplicate=False, **settings
        )
        text = (getattr(result, "text", None) or "") if result is not None else ""
        if text.strip():
            step = name
            break
    meta: dict[str, Any] = {}
    if result is None or not text.strip():
        text = page_text(html)
        if not text.strip():
            raise NoMainText("the HTML page holds no text (nothing outside scripts and styles); "
                             "check that the file is the saved page and not an empty shell")
        result = trafilatura.extract_metadata(html, default_url=url)
    for key in ("title", "author", "date", "url", "sitename"):
        value = getattr(result, key, None) if result is not None else None
        if value:
            meta[key] = value
    meta["extraction"] = step
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    body = "\n\n".join(paragraphs)
    if meta.get("title") and (not paragraphs or paragraphs[0] != meta["title"]):
        body = f"{meta['title']}\n\n{body}"
    return body, meta


def page_text(html: str) -> str:
    """Every text of the page's body, one line per block element, scripts and styles left out."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):
        return ""
    for element in list(root.iter(*SKIPPED_ELEMENTS)):
        if element.getparent() is not None:
            element.drop_tree()
    lines = []
    for block in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "pre",
                           "blockquote", "div", "section", "article", "main", "figcaption"):
        own = (block.text or "") + "".join(
            (child.text_content() if child.tag in INLINE else "") + (child.tail or "") for child in block)
        own = " ".join(own.split())
        if own:
            lines.append(own)
    return "\n".join(lines)


INLINE = {"a", "span", "em", "i", "b", "strong", "u", "small", "sup", "sub", "abbr", "code", "mark", "time",
          "cite", "q", "label", "font", "br"}
