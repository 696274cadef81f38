"""The scores of beam search's finished beams, kept on one model instance.

transformers returns them only with ``output_scores=True``, which also keeps every step's
full log-probability matrix (batch × beams × vocabulary floats a step; OPUS-MT's vocabulary
has 58,101 entries). Without them, the engine needs a second, teacher-forced pass of the
decoder to know the log-probability of its own output.
"""

from __future__ import annotations


class SearchScores:
    """Keeps the final ``(batch, beams)`` scores by wrapping the search's update of its
    finished beams on this one model instance. ``take()`` gives the best beam's score per input (the summed
    log-probability over ``length ** length_penalty``), or None when the last ``generate``
    ran no beam search.
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
