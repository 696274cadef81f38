"""Document ids: what an input's ``id`` field may hold, and ids made unique within a run.

* A string id is kept as it is; an integer becomes its decimal string (``7`` → ``"7"``);
  ``null`` or ``""`` means no id (the document gets ``FILE:LINE``). Any other value (an
  object, an array, true/false, a fraction) is refused with a reason naming file and line.
* The first item with an id keeps it; a later item with an id already used in the run gets
  the first free ``ID~N`` with N = 2, 3, …, in input order; a document keeps the id its
  input gave in ``meta.original_id``. Pair ids (``DOC_ID:SENTENCE``) are then unique too.
  The order of the input fixes every id, so a resumed run, or one on more workers, gives the
  same ids.
"""

from __future__ import annotations

from typing import Any

SEPARATOR = "~"


class IdError(ValueError):
    """An ``id`` field of a type that is not an id."""


def id_from_field(value: Any) -> str | None:
    """The id a JSON ``id`` field gives, None for no id.

    >>> id_from_field("a-1"), id_from_field(12), id_from_field(None), id_from_field("")
    ('a-1', '12', None, None)
    >>> id_from_field({"x": 1})
    Traceback (most recent call last):
    ...
    pipeline.read.ids.IdError: the field "id" must be a string or an integer, not an object
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise IdError(f'the field "id" must be a string or an integer, not {_json_kind(value)}')


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


class UniqueIds:
    """Hands out ids unique within a run (see the module's rule).

    >>> ids = UniqueIds()
    >>> [ids.claim(i) for i in ("a", "a~2", "a", "a", "b")]
    ['a', 'a~2', 'a~3', 'a~4', 'b']
    """

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next: dict[str, int] = {}

    def claim(self, doc_id: str) -> str:
        if doc_id not in self._used:
            self._used.add(doc_id)
            return doc_id
        number = self._next.get(doc_id, 2)
        while f"{doc_id}{SEPARATOR}{number}" in self._used:
            number += 1
        self._next[doc_id] = number + 1
        unique = f"{doc_id}{SEPARATOR}{number}"
        self._used.add(unique)
        return unique
