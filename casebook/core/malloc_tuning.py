"""Make glibc hand large freed blocks back to the system at once (Linux; elsewhere nothing).

glibc serves a block of 128 KiB or more by `mmap` and returns it on `free`, but then raises that
limit to the size freed (up to 32 MiB) and the limit for trimming a heap's free top to twice
that. After the first large page run (a case list of all towns sent to the browser, 12 MB at
10,000 cases) such blocks come from the heaps and stay there as free space: each of the up to
16 arenas of a two-core server (Streamlit runs every page in a new thread) kept 12–38 MB it
had once served, RSS grew from 510 to 790 MiB over 20 saves, and `malloc_trim` gave nothing back
(it does not trim a thread arena's top). Fixed limits end that: large blocks are mapped and
unmapped again, and a heap's free top beyond 1 MiB is returned.
"""

from __future__ import annotations

import ctypes
import ctypes.util

_M_TRIM_THRESHOLD = -1  # from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 256 * 1024
TRIM_THRESHOLD = 1024 * 1024


def return_large_blocks() -> bool:
    """Fix glibc's mmap and trim thresholds (idempotent); False where that is not glibc."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False  # not glibc (macOS, musl): its allocator is left as it is
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mapped = mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    trimmed = mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    return bool(mapped and trimmed)
