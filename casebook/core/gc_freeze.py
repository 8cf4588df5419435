"""Set loaded towns aside from the cycle collector (gc.freeze), and hand them back when one goes."""

from __future__ import annotations

import gc
import threading

# A loaded 10,000-case town is over half a million tracked objects that form no cycles, and
# Streamlit's full collection after every page run walked them all (0.45 s). Frozen objects are
# still freed by reference counting, but a frozen cycle never is: hence hand_back on every drop,
# which collects before the next read. Setting aside does not collect first: that walked the new
# town too (0.4 s of a 10,000-case load); what became garbage since the last collection (Streamlit
# collects after every run) is set aside with it and comes back at the next hand_back.
_lock = threading.Lock()


def set_aside() -> None:
    """Exempt every object alive now from later collections (after a town was read)."""
    with _lock:
        gc.freeze()


def hand_back() -> None:
    """Let collections see every frozen object again and collect (a held version was dropped)."""
    with _lock:
        gc.unfreeze()
        gc.collect()


def frozen() -> int:
    """How many objects are set aside (for tests and benchmarks)."""
    return gc.get_freeze_count()
