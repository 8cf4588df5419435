"""Kill points for crash tests: count a piece of work's Python line events, or die at one of them."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

# Set-up runs untraced and returns the work whose line events are counted or killed at.
Prepare = Callable[[], Callable[[], object]]


def count_line_events(prepare: Prepare) -> int:
    """How many line events the prepared work runs through (the space of kill points)."""
    work = prepare()
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def die_at_line_event(prepare: Prepare, kill_at: int) -> int:
    """Fork a child that prepares, then runs the work and SIGKILLs itself at line event `kill_at`;
    returns the child's wait status."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            work = prepare()
            seen = 0

            def tracer(frame: FrameType, event: str, arg: Any) -> Any:
                nonlocal seen
                if event == "line":
                    seen += 1
                    if seen >= kill_at:
                        os.kill(os.getpid(), signal.SIGKILL)
                return tracer

            sys.settrace(tracer)
            work()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return status
