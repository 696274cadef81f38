"""Reading inputs into document records."""

from pipeline.read.inputs import InputError, ReadFailure, expand_inputs, read_documents, read_items

__all__ = ["InputError", "ReadFailure", "expand_inputs", "read_documents", "read_items"]
