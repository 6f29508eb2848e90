"""The pacer: turns real time into whole simulation ticks, so the fight runs at 60 Hz on any display."""

from __future__ import annotations

import time
from collections.abc import Callable

from game.sim.world import TICK_RATE

MAX_STEPS_PER_FRAME = 5  # ticks: a slow frame catches up by at most this much, then lets time go
MAX_LAG = 0.25  # s: a longer stall (a dragged window, a breakpoint) counts as this long
EPSILON = 1e-9  # s: float dust, so that 144 frames of 1/144 s make exactly 60 ticks

TimeSource = Callable[[], float]


class FixedStepLoop:
    """Accumulates the time that passed between display frames and says how many ticks are due.

    The simulation never reads the clock: the loop does, and hands it whole ticks. Hitstop lives inside
    the simulation; slow motion is the loop handing out ticks more slowly (`speed`), so a slowed fight
    is the same fight.
    """

    def __init__(
        self,
        time_source: TimeSource = time.perf_counter,
        tick_rate: int = TICK_RATE,
        max_steps: int = MAX_STEPS_PER_FRAME,
        max_lag: float = MAX_LAG,
    ) -> None:
        self.time_source = time_source
        self.step_seconds = 1.0 / tick_rate
        self.max_steps = max_steps
        self.max_lag = max_lag
        self.lag = 0.0  # s of real time not yet turned into ticks
        self.speed = 1.0  # game seconds per real second: below 1 for slow motion (a finisher, practice)
        self.dropped = 0.0  # s of real time let go after stalls and caps, for the debug overlay
        self._last = time_source()

    def restart(self) -> None:
        """Forget the time spent elsewhere (a level loading, a pause) so that nothing catches up."""
        self._last = self.time_source()
        self.lag = 0.0

    def due_steps(self) -> int:
        """Read the clock once and return how many ticks to run now (0 to `max_steps`)."""
        now = self.time_source()
        elapsed = max(0.0, now - self._last)
        self._last = now
        if elapsed > self.max_lag:
            self.dropped += elapsed - self.max_lag
            elapsed = self.max_lag
        self.lag += elapsed * self.speed
        steps = 0
        while self.lag + EPSILON >= self.step_seconds and steps < self.max_steps:
            self.lag -= self.step_seconds
            steps += 1
        if self.lag >= self.step_seconds:  # still behind after the cap: let it go rather than spiral
            self.dropped += self.lag
            self.lag = 0.0
        self.lag = max(self.lag, 0.0)
        return steps

    @property
    def fraction(self) -> float:
        """How far real time is between the last tick and the next, 0..1 (for drawing in between)."""
        return min(1.0, self.lag / self.step_seconds)


class FakeClock:
    """A clock that moves only when told: tests and headless runs pace the loop with it."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
