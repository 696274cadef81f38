"""Reading the reference side of a reference run: the article as given in another language.

A German document finds its reference in one of three ways:

* a JSONL field (``en`` by default): a string, or a list of sentences or paragraphs (each
  becomes a paragraph of its own);
* a directory whose files match the German files by name (the path below the input
  directory, or the document id, with ``.txt``, ``.html`` or ``.htm``);
* a TSV of path pairs, ``GERMAN<TAB>REFERENCE`` a line (relative to the TSV's folder; blank
  lines and lines starting with ``#`` are skipped); its German files are the run's inputs.

A translation of the German may come with a JSONL document (``translation_field``): a
string with one line per German line, or a list of strings. Then no model is needed.

A document whose reference cannot be found or read keeps ``reference`` None, with the reason
in ``meta["reference_missing"]``; it is processed as any other document and flagged later
(:mod:`pipeline.align.reference`), never dropped.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.read.decode import DecodeError, decode_bytes
from pipeline.read.inputs import InputError, ReadFailure
from pipeline.record import Document, Reference

FIELDS_KEY = "fields"  # where the reader leaves the JSONL fields asked for (see read_items)
MISSING_KEY = "reference_missing"
REF_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class ReferenceOptions:
    """Where references come from, and their language."""

    lang: str = "en"
    field: str = "en"
    translation_field: str | None = None
    directory: Path | None = None
    pairs: Path | None = None

    def signature(self) -> dict[str, str | None]:
        return {
            "lang": self.lang, "field": self.field, "translation_field": self.translation_field,
            "directory": str(self.directory.resolve()) if self.directory else None,
            "pairs": str(self.pairs.resolve()) if self.pairs else None,
        }

    def fields(self) -> tuple[str, ...]:
        """The JSONL fields the reader keeps for :func:`attach_references`."""
        return tuple(f for f in (self.field, self.translation_field) if f)


def add_reference_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "reference runs",
        "align the German with a version of the article given in another language, our translation as the bridge "
        "(any of these options makes a reference run)")
    g.add_argument("--reference", action="store_true", help="a reference run with the references in JSONL field 'en'")
    g.add_argument("--ref-field", metavar="FIELD", help="JSONL field holding the reference (default en)")
    g.add_argument("--ref-dir", type=Path, metavar="DIR",
                   help="directory of reference files matching the German files by name (or by document id)")
    g.add_argument("--ref-pairs", type=Path, metavar="TSV",
                   help="list of path pairs GERMAN<TAB>REFERENCE, relative to the list's folder; its German files are read")
    g.add_argument("--ref-lang", metavar="LANG", help="language code of the references, for splitting (default en)")
    g.add_argument("--translation-field", metavar="FIELD",
                   help="JSONL field holding a translation of the German into the reference's language (one line per "
                   "German line, or a list); then no model is loaded")


def reference_setup(args: argparse.Namespace) -> tuple[ReferenceOptions | None, list[tuple[Path, Path]] | None]:
    """The reference options of a ``run`` command line (None: not a reference run) and the path pairs."""
    given = [args.ref_field, args.ref_dir, args.ref_pairs, args.ref_lang, args.translation_field]
    if not args.reference and all(v is None for v in given):
        return None, None
    if args.ref_dir is not None and args.ref_pairs is not None:
        raise InputError("give either --ref-dir or --ref-pairs, not both")
    if args.ref_dir is not None and not args.ref_dir.is_dir():
        raise InputError(f"{args.ref_dir}: no such directory (--ref-dir)")
    options = ReferenceOptions(
        lang=args.ref_lang or "en", field=args.ref_field or "en", translation_field=args.translation_field,
        directory=args.ref_dir, pairs=args.ref_pairs,
    )
    return options, read_pair_list(args.ref_pairs) if args.ref_pairs is not None else None


def read_pair_list(path: Path) -> list[tuple[Path, Path]]:
    """(German file, reference file) pairs of a TSV; a malformed line is an :class:`InputError`."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the list of path pairs ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 at byte {exc.start}; write the list as UTF-8") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise InputError(f"{path}:{number}: expected GERMAN<TAB>REFERENCE (two paths), got {line!r}")
        german, ref = (path.parent / p.strip() for p in parts)
        if not german.is_file():
            raise InputError(f"{path}:{number}: {german}: no such file")
        out.append((german, ref))
    return out


def attach_references(items: Iterable[Document | ReadFailure], options: ReferenceOptions,
                      pairs: list[tuple[Path, Path]] | None = None) -> Iterator[Document | ReadFailure]:
    """The read items with ``reference`` (and a given translation) set on each document."""
    by_source = {german.resolve(): ref for german, ref in pairs or ()}
    for item in items:
        if isinstance(item, Document):
            _attach(item, options, by_source)
        yield item


def _attach(doc: Document, options: ReferenceOptions, by_source: dict[Path, Path]) -> None:
    fields = doc.meta.pop(FIELDS_KEY, {})
    translation = fields.get(options.translation_field) if options.translation_field else None
    if options.translation_field and translation is not None:
        lines = _translation_lines(translation)
        if lines is None:
            doc.meta["translation_unusable"] = (
                f"field {options.translation_field!r} is neither a string nor a list of strings; it was not used")
        translation = lines
    source = Path(doc.meta.get("source", ""))
    if by_source or options.directory is not None:
        path = by_source.get(source.resolve()) if by_source else _match_in(options.directory, source, doc.id)
        if path is None:
            doc.meta[MISSING_KEY] = f"no file for document {doc.id!r} in {options.directory}"
            return
        text, problem = _read_reference_file(path)
        if text is None:
            doc.meta[MISSING_KEY] = f"{path}: {problem}"
            return
        doc.reference = Reference(options.lang, text, str(path), translation=translation)
        return
    value = fields.get(options.field)
    if value is None:
        doc.meta[MISSING_KEY] = f"the document has no field {options.field!r}"
        return
    text = value if isinstance(value, str) else _paragraphs(value)
    if text is None:
        doc.meta[MISSING_KEY] = f"field {options.field!r} is neither a string nor a list of strings"
        return
    doc.reference = Reference(options.lang, text, f"field {options.field}", translation=translation)


def _paragraphs(value) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value)
    return None


def _translation_lines(value) -> list[str] | None:
    if isinstance(value, str):
        lines = value.split("\n")
        return lines[:-1] if lines and lines[-1] == "" else lines
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _match_in(directory: Path, source: Path, doc_id: str) -> Path | None:
    """The reference file for a German file: the same path below the directory, else the
    document id with one of the reference suffixes."""
    candidates = [directory / f"{doc_id}{source.suffix}"] if source.suffix else []
    candidates += [directory / f"{doc_id}{suffix}" for suffix in REF_SUFFIXES]
    return next((c for c in candidates if c.is_file()), None)


def _read_reference_file(path: Path) -> tuple[str | None, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "no such file"
    except OSError as exc:
        return None, f"cannot read the file: {exc.strerror}"
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        return None, str(exc)
    if path.suffix.lower() in (".html", ".htm") and text.strip():
        from pipeline.read.html import NoMainText, extract_html

        try:
            text, _ = extract_html(text)
        except NoMainText as exc:
            return None, str(exc)
    return text, ""
