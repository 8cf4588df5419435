"""Pause Python's cycle collector while a load builds hundreds of thousands of objects.

Every few hundred new containers the collector walks the young objects, and ever more often
the old ones too: for a 10,000-case workbook that is seconds spent looking for cycles that
rows, cells and records never form. Loads pause it (nested and from several threads alike)
and the collector resumes, as it was, when the last load is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block without cyclic garbage collection; reference counting frees as usual."""
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
