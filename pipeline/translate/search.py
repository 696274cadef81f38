"""What the torch engine adds to ``generate``'s beam search, on one model instance.

* :class:`SearchScores` keeps the scores of the finished beams. transformers returns them only
  with ``output_scores=True``, which also keeps every step's full log-probability matrix
  (batch × beams × vocabulary floats a step; OPUS-MT's vocabulary has 58,101 entries).
  Without them, the engine needs a second, teacher-forced pass of the decoder to know the
  log-probability of its own output.
* :func:`beam_cache` gives a key/value cache that reorders only the decoder's self-attention
  when beams are reordered. transformers reorders the cross-attention cache as well, at every
  step and in every layer, though it holds the same encoder states for every beam of an input
  and a beam is only ever replaced by another beam of the same input: work with no effect
  (about a seventh of CPU decoding time for 30-token inputs at beam 4).
* :func:`token_ban` bans single tokens (OPUS-MT's ``<pad>``, and the end token until an
  output has its minimum length) by writing ``-inf`` into their columns of the step's
  scores, in place. transformers' own processors for these bans copy the whole
  batch × beams × vocabulary matrix once or twice each, at every step.
"""

from __future__ import annotations

from functools import cache


class SearchScores:
    """Keeps the final ``(batch, beams)`` scores by wrapping the search's update of its
    finished beams on this one model instance. ``take()`` gives the best beam's score per
    input (the summed log-probability over ``length ** length_penalty``), or None when the
    last ``generate`` ran no beam search.
    """

    def __init__(self, model):
        self._scores = None
        update = getattr(model, "_update_finished_beams", None)
        if update is None:  # another transformers: the engine scores by a teacher-forced pass
            return

        def recording_update(*args, **kwargs):
            result = update(*args, **kwargs)
            self._scores = result[1]
            return result

        model._update_finished_beams = recording_update

    def clear(self) -> None:
        self._scores = None

    def take(self):
        scores, self._scores = self._scores, None
        return None if scores is None else scores[:, 0].float().cpu()


def token_ban(banned: list[int], end: int, min_new: int):
    """A logits processor for one ``generate`` call: ``banned`` tokens at every step, and the
    ``end`` token while fewer than ``min_new`` tokens follow the decoder's start token."""
    return _token_ban_class()(banned, end, min_new)


@cache
def _token_ban_class():
    import torch
    from transformers import LogitsProcessor

    class TokenBan(LogitsProcessor):
        def __init__(self, banned: list[int], end: int, min_new: int):
            self.always = torch.tensor(sorted(set(banned)), dtype=torch.long)
            self.early = torch.tensor(sorted({*banned, end}), dtype=torch.long)
            self.min_new = min_new

        def __call__(self, input_ids, scores):
            if self.always.device != scores.device:  # moved once, on the first step
                self.always, self.early = self.always.to(scores.device), self.early.to(scores.device)
            ids = self.early if input_ids.shape[-1] - 1 < self.min_new else self.always
            if len(ids):
                scores.index_fill_(-1, ids, float("-inf"))
            return scores

    return TokenBan


def beam_cache(model):
    """An empty cache for one ``generate`` call of ``model`` (pass it as ``cache=``)."""
    from transformers.cache_utils import DynamicCache

    config = model.config.get_text_config(decoder=True)
    return _self_reordering_cache()(DynamicCache(config=config), DynamicCache(config=config))


@cache
def _self_reordering_cache():
    from transformers.cache_utils import EncoderDecoderCache

    class SelfReorderingCache(EncoderDecoderCache):
        """Beam reordering touches the self-attention cache only; the cross-attention cache
        rows of an input's beams are identical, so their order never matters."""

        def reorder_cache(self, beam_idx):
            self.self_attention_cache.reorder_cache(beam_idx)

    return SelfReorderingCache
