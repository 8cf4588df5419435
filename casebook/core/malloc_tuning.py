"""Make glibc hand large freed blocks back to the system at once (Linux; elsewhere nothing)."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

# glibc serves a block of 128 KiB or more by mmap, but after freeing one it raises that limit to
# the size freed (up to 32 MiB) and the trim limit to twice that; from then on such blocks come
# from the heaps, and a thread arena's free top is never trimmed (not even by malloc_trim). With
# Streamlit's page threads spread over 16 arenas, each kept the 12-38 MB it once served: RSS rose
# from 510 to 790 MiB over 20 saves at 10,000 cases. Fixed limits end that (docs/decisions.md).
_M_TRIM_THRESHOLD = -1  # from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 1024
TRIM_THRESHOLD = 1024 * 1024


@cache  # once per process: mallopt also consolidates the main arena each time it is called
def return_large_blocks() -> bool:
    """Fix glibc's mmap and trim thresholds; False where that is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc (macOS, musl): its allocator is left as it is
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mapped = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    trimmed = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    return bool(mapped and trimmed)
