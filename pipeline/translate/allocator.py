"""Keeping large freed blocks in the process while torch decodes on CPU.

Every decoding step makes several batch × beams × vocabulary matrices: logits, their
log-probabilities, the scores of every continuation (58,101 floats a row for OPUS-MT, 30 MB
for 32 sentences at beam 4). glibc's ``malloc`` serves blocks that large with ``mmap`` and
hands them back to the kernel when they are freed, so each step maps and zeroes them again,
page by page. Raising three of its thresholds keeps them in the heap for the next step: the
torch engine decodes on CPU 10–25% faster (``benchmarks/translate_speed.py``), at the price
of holding up to ``TRIM_THRESHOLD`` of freed memory.

It is a setting of the whole process, made once, on glibc only, and left alone where the
user chose an allocator: ``MALLOC_*`` tunables in the environment, jemalloc or tcmalloc
preloaded, or ``PIPELINE_KEEP_FREED_MEMORY=0``.
"""

from __future__ import annotations

import ctypes
import os
import platform

# mallopt parameters (malloc.h) and the values set
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
MMAP_THRESHOLD = 64 * 2**20  # blocks up to this size come from the heap
TRIM_THRESHOLD = 512 * 2**20  # free memory the heap keeps before giving it back
TOP_PAD = 64 * 2**20  # what the heap grows by at once

_done: bool | None = None


def user_chose_allocator(environ=os.environ) -> bool:
    """Whether the environment already says how memory is to be allocated.

    >>> user_chose_allocator({"LD_PRELOAD": "/usr/lib/libjemalloc.so.2"})
    True
    >>> user_chose_allocator({"MALLOC_ARENA_MAX": "2"})
    True
    >>> user_chose_allocator({"PATH": "/usr/bin"})
    False
    """
    preload = environ.get("LD_PRELOAD", "")
    return (
        any(name.startswith("MALLOC_") or name == "GLIBC_TUNABLES" for name in environ)
        or "jemalloc" in preload
        or "tcmalloc" in preload
        or environ.get("PIPELINE_KEEP_FREED_MEMORY", "1") == "0"
    )


def keep_freed_memory() -> bool:
    """Raise glibc's thresholds once per process; True when they are set (now or before)."""
    global _done
    if _done is not None:
        return _done
    _done = False
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc" or user_chose_allocator():
        return _done
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return _done
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _done = all(
        mallopt(param, value) == 1
        for param, value in ((M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD), (M_TOP_PAD, TOP_PAD))
    )
    return _done
