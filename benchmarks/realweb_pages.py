"""The pages of ``../shared/data/realweb-dev/`` and how their snippets are scored.

A snippet of main text (``with``) counts as kept, and one of boilerplate (``without``) as
removed, after both it and the text are normalised as the set's README says: NFC, soft
hyphens and zero-width characters dropped, white space folded.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
REALWEB = DATA / "realweb-dev"
INVISIBLE = regex.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SPACE = regex.compile(r"\s+")


def normalise(text: str) -> str:
    return SPACE.sub(" ", INVISIBLE.sub("", unicodedata.normalize("NFC", text))).strip()


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    keep: tuple[str, ...]  # normalised snippets of main text
    remove: tuple[str, ...]  # normalised snippets of boilerplate

    def naive(self, data: Path = REALWEB) -> str:
        return (data / "naive" / f"{self.id}.txt").read_text(encoding="utf-8")

    def glued(self, data: Path = REALWEB) -> str:
        return (data / "glued" / f"{self.id}.txt").read_text(encoding="utf-8")

    def html_path(self, data: Path = REALWEB) -> Path:
        return data / "html" / f"{self.id}.html"


def load_pages(data: Path = REALWEB) -> list[Page]:
    items = json.loads((data / "pages.json").read_text(encoding="utf-8"))["pages"]
    return [Page(p["id"], p.get("url", ""), tuple(normalise(s) for s in p["with"]),
                 tuple(normalise(s) for s in p["without"])) for p in items]


@dataclass
class SnippetScore:
    kept: int = 0
    keep_total: int = 0
    removed: int = 0
    remove_total: int = 0

    def add(self, page: Page, text: str) -> None:
        norm = normalise(text)
        self.kept += sum(s in norm for s in page.keep)
        self.keep_total += len(page.keep)
        self.removed += sum(s not in norm for s in page.remove)
        self.remove_total += len(page.remove)

    @property
    def keep(self) -> float:
        return 100 * self.kept / self.keep_total if self.keep_total else float("nan")

    @property
    def removal(self) -> float:
        return 100 * self.removed / self.remove_total if self.remove_total else float("nan")

    def __str__(self) -> str:
        return (f"keep {self.keep:5.1f}% ({self.kept}/{self.keep_total})  "
                f"removal {self.removal:5.1f}% ({self.removed}/{self.remove_total})")


def read_html(path: Path) -> str:
    from pipeline.read.decode import decode_bytes

    return decode_bytes(path.read_bytes()).text
