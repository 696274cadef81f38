"""The segment stage: German sentences with spans in ``clean``, never across a block."""

from __future__ import annotations

from pipeline.record import Block, Document, Sentence
from pipeline.segment.splitter import SentenceSplitter
from pipeline.stage import Stage


class Segmenter(Stage):
    name = "segment"
    reads = ("clean", "blocks")
    writes = ("sentences",)

    def __init__(self, lang: str = "de"):
        self.splitter = SentenceSplitter(lang)

    def __call__(self, doc: Document) -> Document:
        if doc.clean is None:
            raise ValueError(f"document {doc.id}: segment needs the clean stage to run first")
        text = doc.clean
        blocks = doc.blocks or [Block("paragraph", 0, len(text))]
        sentences = []
        for index, block in enumerate(blocks):
            for span in self.splitter.split(text[block.start : block.end]):
                start, end = block.start + span.start, block.start + span.end
                sentences.append(Sentence(start, end, text[start:end], index))
        doc.sentences = sentences
        return doc
