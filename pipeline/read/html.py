"""Saved HTML pages: main text and metadata extracted with trafilatura before our cleaner runs."""

from __future__ import annotations

from typing import Any


class NoMainText(ValueError):
    """trafilatura found no main text in the page."""


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """The page's main text (paragraphs separated by blank lines) and its title, author, date, URL."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise NoMainText("no main text found in the HTML page (trafilatura extracted nothing)")
    meta: dict[str, Any] = {}
    for key in ("title", "author", "date", "url", "sitename"):
        value = getattr(result, key, None)
        if value:
            meta[key] = value
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    body = "\n\n".join(paragraphs)
    if meta.get("title") and (not paragraphs or paragraphs[0] != meta["title"]):
        body = f"{meta['title']}\n\n{body}"
    return body, meta
