"""The export formats: TSV with a header, Moses plain files, JSONL and TMX 1.4b."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import regex

from pipeline import __version__
from pipeline.export.pairs import ExportPair
from pipeline.write.outputs import tsv_field  # the one TSV escaping, shared with the run directory's pairs.tsv

SCORE_COLUMNS = ("score", "length_ratio", "numbers_match", "protected_match", "copy_ratio", "repetition", "logprob", "similarity")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# characters XML 1.0 cannot carry at all; TMX drops them (every other export keeps them)
NOT_XML = regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def one_line(text: str) -> str:
    """Text on one line for line-for-line files: line breaks become spaces.

    >>> one_line("Zeile eins\\nZeile zwei")
    'Zeile eins Zeile zwei'
    """
    return " ".join(text.splitlines()) if ("\n" in text or "\r" in text or "\u2028" in text) else text


def write_tsv(pairs: Iterable[ExportPair], out: Path, src_lang: str, tgt_lang: str) -> int:
    columns = ("doc_id", "pair_id", "src_ids", "tgt_ids", src_lang, tgt_lang, *SCORE_COLUMNS, "flags", "reasons", "review")
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(columns) + "\n")
        for p in pairs:
            row = [p.doc_id, p.id, ",".join(map(str, p.src_ids)), ",".join(map(str, p.tgt_ids)), p.src, p.tgt]
            row += [p.scores.get(name) for name in SCORE_COLUMNS]
            row += [",".join(f.rule for f in p.flags), "; ".join(f.reason for f in p.flags), p.review]
            handle.write("\t".join(tsv_field(v) for v in row) + "\n")
            count += 1
    return count


def moses_paths(out: Path, src_lang: str, tgt_lang: str) -> tuple[Path, Path]:
    """``PREFIX.de`` and ``PREFIX.en`` for the prefix ``out``.

    >>> [p.name for p in moses_paths(Path("o/corpus"), "de", "en")]
    ['corpus.de', 'corpus.en']
    """
    return out.with_name(f"{out.name}.{src_lang}"), out.with_name(f"{out.name}.{tgt_lang}")


def write_moses(pairs: Iterable[ExportPair], out: Path, src_lang: str, tgt_lang: str) -> int:
    src_path, tgt_path = moses_paths(out, src_lang, tgt_lang)
    count = 0
    with src_path.open("w", encoding="utf-8", newline="\n") as s, tgt_path.open("w", encoding="utf-8", newline="\n") as t:
        for p in pairs:
            s.write(one_line(p.src) + "\n")
            t.write(one_line(p.tgt) + "\n")
            count += 1
    return count


def write_jsonl(pairs: Iterable[ExportPair], out: Path, src_lang: str, tgt_lang: str) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="\n") as handle:
        for p in pairs:
            record = {
                "doc_id": p.doc_id, "id": p.id, "src_lang": src_lang, "tgt_lang": tgt_lang,
                "src_ids": p.src_ids, "tgt_ids": p.tgt_ids, "src": p.src, "tgt": p.tgt,
                "scores": p.scores, "flags": [{"rule": f.rule, "reason": f.reason} for f in p.flags],
                "review": p.review, "origin": p.origin,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def tmx_tree(pairs: Iterable[ExportPair], src_lang: str, tgt_lang: str) -> tuple[ET.ElementTree, int]:
    """A TMX 1.4b document: scores and flags as ``<prop>``, flag reasons as ``<note>``."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "pipeline", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "pipeline-jsonl", "adminlang": "en", "srclang": src_lang, "datatype": "plaintext",
    })
    body = ET.SubElement(root, "body")
    count = 0
    for p in pairs:
        tu = ET.SubElement(body, "tu", tuid=p.id)
        for flag in p.flags:
            ET.SubElement(tu, "note").text = NOT_XML.sub("", f"{flag.rule}: {flag.reason}")
        props = {"x-doc": p.doc_id, "x-review": p.review, "x-origin": p.origin,
                 "x-src-ids": ",".join(map(str, p.src_ids)), "x-tgt-ids": ",".join(map(str, p.tgt_ids))}
        props.update({f"x-score-{k}": str(v) for k, v in p.scores.items()})
        if p.flags:
            props["x-flags"] = ",".join(f.rule for f in p.flags)
        for key, value in props.items():
            ET.SubElement(tu, "prop", type=key).text = NOT_XML.sub("", value)
        for lang, text in ((src_lang, p.src), (tgt_lang, p.tgt)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = NOT_XML.sub("", text)
        count += 1
    ET.indent(root, space=" ")
    return ET.ElementTree(root), count


def write_tmx(pairs: Iterable[ExportPair], out: Path, src_lang: str, tgt_lang: str) -> int:
    tree, count = tmx_tree(pairs, src_lang, tgt_lang)
    with out.open("wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        tree.write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")
    return count


FORMATS = {"tsv": write_tsv, "moses": write_moses, "jsonl": write_jsonl, "tmx": write_tmx}


def export(pairs: Iterable[ExportPair], fmt: str, out: Path, src_lang: str = "de", tgt_lang: str = "en") -> int:
    """Write ``pairs`` as ``fmt`` to ``out`` (for moses: the prefix); returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    return FORMATS[fmt](pairs, out, src_lang, tgt_lang)
