"""Recording an edit a reviewer marked wrong as an exception the cleaner honours.

Matching and the file format live with the cleaner (:mod:`pipeline.clean.exceptions`); this
module turns one edit of a record into an entry, with the text around it as context.
"""

from __future__ import annotations

import getpass
from datetime import datetime, timezone

from pipeline.clean.exceptions import (
    EXCEPTIONS_FILE,
    EditException,
    Exceptions,
    add_exception,
    copy_exceptions,
    load_exceptions,
    write_exceptions,
)
from pipeline.record import Document
from pipeline.review.stats import edit_in_context

CONTEXT = 20

__all__ = [
    "CONTEXT", "EXCEPTIONS_FILE", "EditException", "Exceptions", "add_exception", "copy_exceptions",
    "exception_for_edit", "load_exceptions", "write_exceptions",
]


def exception_for_edit(doc: Document, index: int, who: str | None = None, note: str = "",
                       context: int = CONTEXT) -> EditException:
    """An exception for ``doc.edits[index]``, with ``context`` characters of ``raw`` on each side."""
    sample = edit_in_context(doc, index, context)
    return EditException(
        rule=sample.rule,
        before=sample.before,
        after=sample.after,
        left=sample.left,
        right=sample.right,
        document=doc.id,
        who=who if who is not None else getpass.getuser(),
        when=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        note=note,
    )
