"""Slow motion for the moments that deserve it: the coup de grâce, and the last blow of a level.

The simulation is never slowed: the loop hands out its ticks more slowly (`FixedStepLoop.speed`), so
a fight seen in slow motion is tick for tick the fight that was recorded.
"""

from __future__ import annotations

from game.sim import events as ev

FINISHER_SPEED = 0.3  # of real time while the coup de grâce plays
FINISHER_TICKS = 60  # game ticks it lasts: the move's startup and active frames
KO_SPEED = 0.45  # the blow that knocks out the last enemy of a wave, or a boss
KO_TICKS = 40
EASE_TICKS = 12  # game ticks over which the speed returns to normal


class SlowMotion:
    """Watches a fight's events and says how fast the loop should run it."""

    def __init__(self) -> None:
        self.floor = 1.0  # the slowest speed of the current slow stretch
        self.left = 0  # game ticks of it left, easing included

    def react(self, events: list, player_id: int | None) -> None:
        """Start a slow stretch on a finisher by the player, or on a wave's or boss's last blow."""
        for event in events:
            kind = type(event)
            if kind is ev.FinisherStarted and event.fighter == player_id:
                self._start(FINISHER_SPEED, FINISHER_TICKS)
            elif kind is ev.WaveCleared or kind is ev.LevelWon:
                self._start(KO_SPEED, KO_TICKS)

    def _start(self, speed: float, ticks: int) -> None:
        if self.left <= 0 or speed <= self.floor:  # a stretch already slower is not sped up
            self.floor = speed
            self.left = max(self.left, ticks + EASE_TICKS)

    def tick(self) -> None:
        """One game tick has passed."""
        if self.left > 0:
            self.left -= 1
            if self.left == 0:
                self.floor = 1.0

    @property
    def speed(self) -> float:
        """Game seconds per real second for the tick to come."""
        if self.left <= 0:
            return 1.0
        if self.left >= EASE_TICKS:
            return self.floor
        return self.floor + (1.0 - self.floor) * (1.0 - self.left / EASE_TICKS)

    def cancel(self) -> None:
        self.floor, self.left = 1.0, 0
