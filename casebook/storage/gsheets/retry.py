"""Capped, jittered exponential backoff within a total time budget (gspread's own retries forever)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """How long a request may keep being retried; tests pass tiny budgets and waits."""

    budget_seconds: float = 30.0
    first_wait: float = 1.0
    max_wait: float = 8.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = field(default=random.random)

    def start(self) -> Backoff:
        return Backoff(self, self.clock())


class Backoff:
    """One operation's retries: each `wait()` sleeps a little longer, until the budget is spent."""

    def __init__(self, policy: RetryPolicy, started: float) -> None:
        self._policy = policy
        self._started = started
        self._attempt = 0

    def wait(self) -> bool:
        """Sleep before the next attempt; False (without sleeping) when the budget is spent."""
        policy = self._policy
        ceiling = min(policy.max_wait, policy.first_wait * 2**self._attempt)
        # "Equal jitter": at least half the ceiling, so retries never come in a burst.
        pause = ceiling / 2 + policy.jitter() * ceiling / 2
        if policy.clock() - self._started + pause > policy.budget_seconds:
            return False
        self._attempt += 1
        policy.sleep(pause)
        return True
