"""A word translation table learned from the document itself (IBM Model 1), as a second signal.

The aligner's first pass finds beads from character n-grams; its confident one-to-one beads
are a small parallel corpus. A few rounds of expectation maximisation over them give
``t(target word | source word)``, with an empty source word that absorbs target words without
a counterpart. Projecting a source sentence's words through the table gives a vector over
target words that can be compared with a target sentence: a signal at the word level, learned
from the document, for any language pair, that finds partners the character n-grams miss
(``Literatur`` and ``bibliographie`` share no n-gram). Everything is vectorised over the
(source word, target word) co-occurrences of the pairs, so the cost is linear in their number.

>>> src = [["der", "hund"], ["der", "baum"], ["ein", "hund"]]
>>> tgt = [["the", "dog"], ["the", "tree"], ["a", "dog"]]
>>> table = Lexicon.learn(src, tgt)
>>> table.best("hund"), table.best("baum"), table.best("der")
('dog', 'tree', 'the')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import regex
import scipy.sparse as sparse

from pipeline.align.features import idf

WORD = regex.compile(r"[\p{L}\p{N}]+")
EMPTY = "\0"  # the empty source word of IBM Model 1
MIN_PROBABILITY = 0.1  # table entries below this are noise of the expectation step


def words(text: str) -> list[str]:
    """Lower-case words and numbers of a text, without punctuation.

    >>> words("Am 3. Mai: Literatur!")
    ['am', '3', 'mai', 'literatur']
    """
    return WORD.findall(text.lower())


@dataclass
class Lexicon:
    """``table[s, t]`` = t(target word t | source word s), over the two vocabularies."""

    src_vocab: dict[str, int]
    tgt_vocab: dict[str, int]
    table: sparse.csr_matrix

    @classmethod
    def learn(
        cls, src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], iterations: int = 5, floor: float = MIN_PROBABILITY
    ) -> Lexicon:
        """IBM Model 1 over sentence pairs of words (``src[k]`` translates ``tgt[k]``). Entries
        below ``floor`` are dropped, so projected sentences stay sparse, and so is the empty
        word's row: it only serves to keep unexplained target words from distorting the rest."""
        src_vocab: dict[str, int] = {EMPTY: 0}
        tgt_vocab: dict[str, int] = {}
        # source words of each pair, the empty word first; target words of each pair
        s_rows = [[0] + [src_vocab.setdefault(w, len(src_vocab)) for w in s] for s in src]
        t_rows = [[tgt_vocab.setdefault(w, len(tgt_vocab)) for w in t] for t in tgt]
        shape = (len(src_vocab), max(len(tgt_vocab), 1))
        s_arr, t_arr, slot_arr = _cooccurrences(s_rows, t_rows)
        if not len(slot_arr):
            return cls(src_vocab, tgt_vocab, sparse.csr_matrix(shape, dtype=np.float32))
        pair_key, pair_of = np.unique(s_arr * shape[1] + t_arr, return_inverse=True)
        pair_src = pair_key // shape[1]
        prob = np.ones(len(pair_key))  # uniform start
        for _ in range(iterations):
            weight = prob[pair_of]
            posterior = weight / np.bincount(slot_arr, weights=weight)[slot_arr]
            counts = np.bincount(pair_of, weights=posterior, minlength=len(pair_key))
            prob = counts / np.bincount(pair_src, weights=counts, minlength=shape[0])[pair_src]
        keep = (prob >= floor) & (pair_src != 0)
        table = sparse.csr_matrix((prob[keep].astype(np.float32), (pair_src[keep], pair_key[keep] % shape[1])), shape=shape)
        return cls(src_vocab, tgt_vocab, table)

    def best(self, word: str) -> str | None:
        """The most probable translation of a source word, None when it was never seen."""
        row = self.src_vocab.get(word)
        if row is None or self.table[row].nnz == 0:
            return None
        names = {i: w for w, i in self.tgt_vocab.items()}
        found = self.table[row]
        return names[int(found.indices[np.argmax(found.data)])]

    def vectors(self, src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], unknown_weight: float = 0.0
                ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Source sentences projected onto target words (the expected counts of their
        translations) and target sentences as word counts, both weighted by the target words'
        inverse document frequency. Rows add up, like the n-gram vectors. With ``unknown_weight``,
        target words outside the table count in the target vectors' norms with that share of their
        idf weight (:func:`_unknown`), in columns no source vector reaches."""
        width = self.table.shape[1]
        src_counts = _counts(src, self.src_vocab, self.table.shape[0])
        tgt_counts = _counts(tgt, self.tgt_vocab, width)
        projected = (src_counts @ self.table).tocsr()
        df = np.asarray((tgt_counts > 0).sum(axis=0)).ravel()
        weights = sparse.diags(idf(df, len(tgt)))
        x, y = (projected @ weights).tocsr(), (tgt_counts @ weights).tocsr()
        if unknown_weight <= 0:
            return x, y
        # target words the table has never seen keep part of their weight in the sentence's norm, in
        # columns of their own that match nothing: a caption of names and numbers that shares one
        # frequent word with a sentence is not covered by it as if that word were all it said
        unknown = unknown_weight * _unknown(tgt, self.tgt_vocab)
        return sparse.hstack([x, sparse.csr_matrix((len(src), unknown.shape[1]), dtype=np.float32)]).tocsr(), \
            sparse.hstack([y, unknown]).tocsr()


def lexicon_views(
    src: Sequence[str], tgt: Sequence[str], beads: Sequence, min_pairs: int = 20, max_pairs: int = 2000,
    unknown_weight: float = 0.0,
) -> list[tuple[sparse.csr_matrix, sparse.csr_matrix]]:
    """Source and target sentence vectors compared through lexicons learned in both directions
    from the one-to-one beads of a first alignment (at most ``max_pairs`` of them, spread over
    the document); none when it has fewer than ``min_pairs``. ``unknown_weight``: see
    :meth:`Lexicon.vectors` (in each direction, the words of the side projected onto)."""
    pairs = [(b.src[0], b.tgt[0]) for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    if len(pairs) < min_pairs:
        return []
    if len(pairs) > max_pairs:
        pairs = [pairs[k] for k in np.linspace(0, len(pairs) - 1, max_pairs).astype(int)]
    src_words, tgt_words = [words(t) for t in src], [words(t) for t in tgt]
    s_train, t_train = [src_words[i] for i, _ in pairs], [tgt_words[j] for _, j in pairs]
    forward = Lexicon.learn(s_train, t_train).vectors(src_words, tgt_words, unknown_weight)
    target_side, source_side = Lexicon.learn(t_train, s_train).vectors(tgt_words, src_words, unknown_weight)
    return [forward, (source_side, target_side)]


def _cooccurrences(s_rows: list[list[int]], t_rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (source word, target word) of every pair, and the target word's running number
    (its slot): the rows of IBM Model 1's expectation step.

    >>> _cooccurrences([[0, 5], [0]], [[7, 8], [9]])
    (array([0, 5, 0, 5, 0]), array([7, 7, 8, 8, 9]), array([0, 0, 1, 1, 2]))
    """
    s_len = np.array([len(r) for r in s_rows], dtype=np.int64)
    t_len = np.array([len(r) for r in t_rows], dtype=np.int64)
    s_flat = np.array([w for r in s_rows for w in r], dtype=np.int64)
    t_flat = np.array([w for r in t_rows for w in r], dtype=np.int64)
    s_start = np.concatenate([[0], np.cumsum(s_len)[:-1]]).astype(np.int64)
    pair_of_slot = np.repeat(np.arange(len(t_rows)), t_len)
    per_slot = s_len[pair_of_slot]
    slot = np.repeat(np.arange(len(t_flat)), per_slot)
    first = np.concatenate([[0], np.cumsum(per_slot)[:-1]]).astype(np.int64)
    within = np.arange(len(slot)) - first[slot]
    return s_flat[s_start[pair_of_slot[slot]] + within], t_flat[slot], slot


def _counts(sentences: Sequence[Sequence[str]], vocab: dict[str, int], width: int) -> sparse.csr_matrix:
    """Word counts of sentences over a vocabulary; words outside it are left out."""
    rows, cols = [], []
    for k, sentence in enumerate(sentences):
        for w in sentence:
            col = vocab.get(w)
            if col is not None and w != EMPTY:
                rows.append(k)
                cols.append(col)
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(sentences), width))


def _unknown(sentences: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Counts of each sentence's words outside ``vocab``, one column per word, weighted by the words'
    inverse document frequency over ``sentences``.

    >>> [[round(float(v), 2) for v in row] for row in _unknown([["le", "lhotse"], ["lhotse"], ["le"]], {"le": 0}).toarray()]
    [[0.39], [0.39], [0.0]]
    """
    columns: dict[str, int] = {}
    rows, cols = [], []
    for k, sentence in enumerate(sentences):
        for w in sentence:
            if w not in vocab:
                rows.append(k)
                cols.append(columns.setdefault(w, len(columns)))
    counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sentences), max(len(columns), 1)))
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    return (counts @ sparse.diags(idf(df, len(sentences)))).tocsr()
