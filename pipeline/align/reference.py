"""The stages of a reference run: German documents aligned with a version given in another language.

* :class:`ReferencePrep` (a CPU stage, after segmenting the German): cleans the reference with
  the cleaner's language-neutral passes (mojibake, characters, chrome lines), segments it in
  its own language, sets a translation given with the document onto ``translations``, and
  flags a document whose reference is missing (``reference.missing``) or empty
  (``reference.empty``). Such a document is kept and goes on as in a run without reference.
* :class:`ReferenceAligner` (after translation): aligns the German sentences with the
  reference's through the translation (:func:`pipeline.align.texts.align_sentences`); each
  bead with sentences on both sides becomes a pair with ``origin == "reference"``, ``src`` /
  ``tgt`` its sentence indices, the scores and flags of :mod:`pipeline.align.scores` and
  ``scores["alignment"]``, the bead's n-gram cosine between the translation (or, without one,
  the German) and the reference. Sentences left without partner are listed in
  ``reference.unaligned_src`` / ``unaligned_tgt`` and flagged ``reference.unaligned`` where
  they stand (German: ``flags``; reference: ``reference.flags``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.read.reference import MISSING_KEY
from pipeline.record import Document, Edit, Flag, Pair, Translation

UNALIGNED = "reference.unaligned"
NO_REFERENCE = ("reference.missing", "reference.empty")


def reference_cleaner(rules: Path | None = None):
    """The cleaner's passes that apply to any language: mojibake, characters, chrome lines."""
    from pipeline.clean.boilerplate import LineRulePass, load_line_rules
    from pipeline.clean.characters import CharacterPass
    from pipeline.clean.cleaner import Cleaner
    from pipeline.clean.mojibake import MojibakePass
    from pipeline.rules import corrections_dir

    rules = rules or corrections_dir()
    passes = [
        MojibakePass(),
        CharacterPass.from_file(rules / "characters.tsv"),
        LineRulePass(load_line_rules(rules / "boilerplate.yaml")),
    ]
    return Cleaner(passes=passes, rules=rules)


class ReferencePrep:
    """Clean and segment ``doc.reference``; set a given translation; flag a missing reference."""

    name = "reference"

    def __init__(self, lang: str = "en"):
        from pipeline.segment.segmenter import Segmenter

        self.cleaner = reference_cleaner()
        self.segmenter = Segmenter(lang)
        self.translation_splitter = self.segmenter.splitter  # a given translation is in the reference's language

    def __call__(self, doc: Document) -> Document:
        ref = doc.reference
        if ref is None:
            why = doc.meta.get(MISSING_KEY, "no reference was given")
            doc.flags.append(Flag(0, 0, "reference.missing",
                                  f"no reference for this document ({why}); it has only the pairs of our own translation"))
            return doc
        side = self.segmenter(self.cleaner(Document(f"{doc.id}:reference", ref.raw)))
        ref.clean, ref.edits, ref.flags, ref.blocks = side.clean, side.edits, side.flags, side.blocks
        ref.sentences = side.sentences
        if not ref.sentences:
            doc.flags.append(Flag(0, 0, "reference.empty",
                                  f"the reference ({ref.source}) holds no sentence; every German sentence is unaligned"))
        if ref.translation is not None:
            lines = given_translation(doc, ref.translation, self.translation_splitter)
            if lines is None:
                doc.flags.append(Flag(
                    0, 0, "reference.translation_mismatch",
                    f"the given translation has {len(ref.translation)} lines, but the German has "
                    f"{len(doc.sentences)} sentences and {len(_raw_lines(doc.raw))} non-blank lines; give one line "
                    f"per German line. The document was aligned without translation"))
            else:
                doc.translations = [Translation(i, text) for i, text in enumerate(lines)]
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


class ReferenceAligner:
    """Reference pairs for documents with a reference; ``fallback`` (the pair builder) for the rest."""

    name = "align"

    def __init__(self, fallback=None, rules=None):
        from pipeline.align.scores import load_flag_rules

        self.fallback = fallback
        self.rules = rules or load_flag_rules()

    def __call__(self, doc: Document) -> Document:
        from pipeline.align.similarity import bead_similarities
        from pipeline.align.texts import align_sentences

        ref = doc.reference
        if ref is None or ref.clean is None:
            if self.fallback is not None and doc.translations:
                return self.fallback(doc)
            return doc
        src = [s.text for s in doc.sentences]
        tgt = [s.text for s in ref.sentences]
        translations = doc.translations if len(doc.translations) == len(src) and src else None
        translation = [t.text for t in translations] if translations else None
        aligned = align_sentences(
            src, tgt, translation,
            logprobs=[t.logprob for t in translations] if translations else None,
            notes=[list(t.flags) for t in translations] if translations else None,
            rules=self.rules,
        )
        beads = [a.bead for a in aligned]
        cosines = bead_similarities(beads, translation if translation else src, tgt)
        pairs, unaligned_src, unaligned_tgt = [], [], []
        for a, cosine in zip(aligned, cosines):
            if not a.bead.tgt:
                unaligned_src.extend(a.bead.src)
                continue
            if not a.bead.src:
                unaligned_tgt.extend(a.bead.tgt)
                continue
            scores = {**a.scores, "alignment": cosine}
            pairs.append(Pair(
                id=f"{doc.id}:r{len(pairs)}", src=list(a.bead.src), de=" ".join(src[i] for i in a.bead.src),
                en=" ".join(tgt[j] for j in a.bead.tgt), origin="reference", tgt=list(a.bead.tgt),
                scores=scores, flags=a.flags,
            ))
        doc.pairs = pairs
        ref.unaligned_src, ref.unaligned_tgt = unaligned_src, unaligned_tgt
        for i in unaligned_src:
            s = doc.sentences[i]
            doc.flags.append(Flag(s.start, s.end, UNALIGNED, "no sentence of the reference goes with this sentence", s.text))
        for j in unaligned_tgt:
            s = ref.sentences[j]
            ref.flags.append(Flag(s.start, s.end, UNALIGNED, "no German sentence goes with this sentence", s.text))
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def reference_counts(doc: Document) -> tuple[int, int, int]:
    """(1 if the document has no usable reference, German sentences unaligned, reference sentences unaligned)."""
    ref = doc.reference
    missing = int(any(f.rule in NO_REFERENCE for f in doc.flags))
    return missing, len(ref.unaligned_src) if ref else 0, len(ref.unaligned_tgt) if ref else 0


# -- a translation given with the document -----------------------------------------------


def given_translation(doc: Document, lines: Sequence[str], splitter) -> list[str] | None:
    """One translation per German sentence from ``lines`` (None when they cannot be matched).

    The lines go one per non-blank line of ``raw`` when their numbers agree (else one per
    sentence, when those numbers agree): each sentence takes the lines its text comes from, and the sentences that share
    lines share their translation, split by ``splitter`` when that gives one part each (else
    the first takes the whole). Lines the cleaner removed (chrome) go with no sentence."""
    starts = _raw_lines(doc.raw)
    if len(starts) != len(lines) or not doc.sentences:
        return list(lines) if len(lines) == len(doc.sentences) else None
    to_raw = _clean_to_raw(doc.edits)

    def line_at(clean_pos: int) -> int:
        return max(0, bisect.bisect_right(starts, to_raw(clean_pos)) - 1)

    spans = [(line_at(s.start), line_at(max(s.start, s.end - 1))) for s in doc.sentences]
    out = [""] * len(doc.sentences)
    k = 0
    while k < len(spans):
        group, first, last = [k], spans[k][0], spans[k][1]
        while k + len(group) < len(spans) and spans[k + len(group)][0] <= last:
            last = max(last, spans[k + len(group)][1])
            group.append(k + len(group))
        text = " ".join(t.strip() for t in lines[first : last + 1] if t.strip())
        parts = [text[p.start : p.end] for p in splitter.split(text)] if len(group) > 1 else [text]
        if len(parts) == len(group):
            for index, part in zip(group, parts):
                out[index] = part
        else:
            out[group[0]] = text
        k += len(group)
    return out


def _raw_lines(raw: str) -> list[int]:
    """Start offsets of the non-blank lines of ``raw``."""
    starts, pos = [], 0
    for line in raw.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return starts


def _clean_to_raw(edits: Sequence[Edit]):
    """A function from a position in ``clean`` to the position in ``raw`` it came from."""
    ordered = sorted(edits, key=lambda e: e.start)
    clean_starts, shifts = [], []
    shift = 0  # raw position minus clean position, before the edit
    for e in ordered:
        clean_starts.append(e.start - shift)
        shifts.append(shift)
        shift += (e.end - e.start) - len(e.after)

    def to_raw(pos: int) -> int:
        k = bisect.bisect_right(clean_starts, pos) - 1
        if k < 0:
            return pos
        e = ordered[k]
        inside = pos - clean_starts[k]
        if inside < len(e.after):
            return e.start + min(inside, e.end - e.start)
        return pos + shifts[k] + (e.end - e.start) - len(e.after)

    return to_raw

