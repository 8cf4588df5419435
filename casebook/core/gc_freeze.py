"""Set loaded towns aside from the cycle collector (gc.freeze), and hand them back when one goes.

A loaded 10,000-case town is over half a million GC-tracked objects that live as long as its
version and form no cycles. A full collection (Streamlit runs one after every page run) walks
them all each time: 0.3–0.5 s per run. After a full read the town is frozen with everything else
alive at that moment, so collections walk only younger objects. Frozen objects are still freed
by reference counting, but a frozen cycle never is; so whenever a loaded version is dropped
everything is unfrozen, and the next freeze (after the next full read) starts with a collection.
"""

from __future__ import annotations

import gc
import threading

_lock = threading.Lock()


def set_aside() -> None:
    """Collect garbage, then exempt every object alive now from later collections."""
    with _lock:
        gc.collect()
        gc.freeze()


def hand_back() -> None:
    """Let collections see every frozen object again (a held version was dropped)."""
    with _lock:
        gc.unfreeze()


def frozen() -> int:
    """How many objects are set aside (for tests and benchmarks)."""
    return gc.get_freeze_count()
