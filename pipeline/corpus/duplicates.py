"""Duplicate documents and repeated pairs, found in input order after cleaning.

Both are stages that keep what they have seen, so they run in one process, on the documents
in input order (the runner's main process), and give the same marks for any number of workers.
A run that resumes rebuilds what they had seen from the records already written
(:meth:`DuplicateMarker.observe`, :meth:`RepeatedPairMarker.observe`), so resuming gives the
marks of an uninterrupted run.

* ``doc.duplicate``: the clean text (its words, case folded) equals an earlier document's.
* ``doc.near_duplicate``: MinHash over word shingles (``datasketch``; LSH with the bands of
  ``corrections/corpus.yaml``) finds an earlier document whose estimated Jaccard similarity
  reaches the threshold; the most similar one (the earliest among equals) is named.

A marked document gets a document-level flag (span 0–0) whose reason names the other id, and
``meta['duplicate_of']`` (the id) with ``meta['duplicate_similarity']`` (1.0 for an exact
copy). A pair whose German and English both equal an earlier pair's gets the pair flag
``pair.repeated`` naming the first pair's id. Exports leave both out unless asked to keep them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import regex

from pipeline.corpus.settings import DuplicateSettings
from pipeline.record import Document, Flag, PairFlag

EXACT, NEAR, PAIR = "doc.duplicate", "doc.near_duplicate", "pair.repeated"
_WORD = regex.compile(r"\w+")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingles(words: list[str], size: int) -> set[bytes]:
    """Word n-grams of ``size`` words (one shingle for a shorter text).

    >>> sorted(shingles(["a", "b", "c"], 2))
    [b'a b', b'b c']
    """
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class DuplicateMarker:
    """Marks documents whose clean text repeats, exactly or nearly, an earlier document's."""

    name = "duplicates"

    def __init__(self, settings: DuplicateSettings):
        from datasketch import MinHashLSH

        self.settings = settings
        rows = settings.num_perm // settings.bands
        self.lsh = MinHashLSH(num_perm=settings.num_perm, params=(settings.bands, rows))
        self.exact: dict[bytes, str] = {}
        self.signatures: list[tuple[str, object]] = []  # LSH key (its index) -> id, MinHash

    def _minhash(self, words: list[str]):
        from datasketch import MinHash

        m = MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed)
        m.update_batch(sorted(shingles(words, self.settings.shingle_words)))
        return m

    def _decide(self, doc: Document) -> tuple[str | None, str | None, float, object, bytes | None]:
        """(rule, id repeated, similarity, minhash to insert, exact key to insert)."""
        if not doc.clean:
            return None, None, 0.0, None, None
        words = words_of(doc.clean)
        if not words:
            return None, None, 0.0, None, None
        key = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).digest()
        if key in self.exact:
            return EXACT, self.exact[key], 1.0, None, None
        if len(words) < self.settings.min_words:
            return None, None, 0.0, None, key
        m = self._minhash(words)
        best, best_sim = None, 0.0
        for candidate in sorted(self.lsh.query(m), key=int):
            other_id, other = self.signatures[int(candidate)]
            similarity = m.jaccard(other)
            if similarity >= self.settings.threshold and similarity > best_sim:
                best, best_sim = other_id, similarity
        return (NEAR if best else None), best, best_sim, m, key

    def _remember(self, doc_id: str, m, key: bytes | None) -> None:
        if key is not None:
            self.exact[key] = doc_id
        if m is not None:
            index = len(self.signatures)
            self.signatures.append((doc_id, m))
            self.lsh.insert(str(index), m)

    def observe(self, doc: Document) -> None:
        """Remember a document written before, as if it had just passed (for resume)."""
        _, _, _, m, key = self._decide(doc)
        self._remember(doc.id, m, key)

    def __call__(self, doc: Document) -> Document:
        rule, other, similarity, m, key = self._decide(doc)
        if rule == EXACT:
            reason = f"the clean text repeats document {other}"
        elif rule == NEAR:
            reason = f"nearly repeats document {other} (estimated similarity {similarity:.2f})"
        if rule:
            doc.meta["duplicate_of"] = other
            doc.meta["duplicate_similarity"] = round(similarity, 3)
            doc.flags.append(Flag(0, 0, rule, reason))
        self._remember(doc.id, m, key)
        return doc


class RepeatedPairMarker:
    """Flags a pair whose German and English both repeat an earlier pair of the run."""

    name = "repeated_pairs"

    def __init__(self):
        self.seen: dict[bytes, str] = {}

    @staticmethod
    def _key(de: str, en: str) -> bytes:
        text = " ".join(de.split()) + "\t" + " ".join(en.split())
        return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()

    def observe(self, doc: Document) -> None:
        for pair in doc.pairs:
            self.seen.setdefault(self._key(pair.de, pair.en), pair.id)

    def __call__(self, doc: Document) -> Document:
        for pair in doc.pairs:
            key = self._key(pair.de, pair.en)
            first = self.seen.setdefault(key, pair.id)
            if first != pair.id and not any(f.rule == PAIR for f in pair.flags):
                pair.flags.append(PairFlag(PAIR, f"the same German and English as pair {first}"))
        return doc


def markers_for_run(done: Iterable[Document], settings: DuplicateSettings) -> tuple[DuplicateMarker, RepeatedPairMarker]:
    """Both markers, having seen the records a resumed run directory already holds (``done``:
    :func:`pipeline.rundir.reader.iter_records` of it)."""
    docs, pairs = DuplicateMarker(settings), RepeatedPairMarker()
    for doc in done:
        docs.observe(doc)
        pairs.observe(doc)
    return docs, pairs
