"""The demo dancer: with no human at the keys (`--ticks`), she walks up to her partner and dances phrases.

She plans in a scratch world of the same level and seed that is fed exactly the frames the real world
gets, so the two stay identical and the performer's phrases land for real. Like a keyboard or a brain,
she is only a source of InputFrames.
"""

from __future__ import annotations

from collections import deque

from game.data.bundle import Bundle
from game.scripting.choreography import ScriptError, parse_line
from game.scripting.performer import Performer, StepFailed
from game.sim.inputs import Button, InputFrame

PHRASES = (
    "battement > pirouette > fouette",
    "battement > battement > arabesque",
    "battement > fouette > pirouette",
)
CLOSE_ENOUGH = 95.0  # px between her and her partner before she starts a phrase
MAX_APPROACH = 240  # ticks of walking before she dances anyway
BREATH = 30  # ticks of stillness between phrases


class DemoDancer:
    """Plans and plays a short fight, one InputFrame a tick."""

    def __init__(self, bundle: Bundle, seed: int) -> None:
        self.scratch = bundle.world(seed=seed)
        self.planned: deque[int] = deque()
        self.phrase = 0

    def frame(self) -> InputFrame:
        """The next tick's input; plans the next phrase when the last one is used up."""
        if not self.planned:
            self._plan()
        return InputFrame(self.planned.popleft())

    def _plan(self) -> None:
        """Perform the next phrase in the scratch world and keep the masks it took."""
        world = self.scratch
        performer = Performer(world)
        her = performer.fighter
        partner = world.nearest_opponent(her)
        if partner is None:
            performer.tick(0)
            self.planned.extend(performer.inputs)
            return
        toward = int(Button.RIGHT) if partner.x > her.x else int(Button.LEFT)
        for _ in range(MAX_APPROACH):
            if abs(partner.x - her.x) <= CLOSE_ENOUGH:
                break
            performer.tick(toward)
        performer.tick(0)
        line = PHRASES[self.phrase % len(PHRASES)]
        self.phrase += 1
        try:
            performer.perform(parse_line(line, her.book))
            performer.recover(120)
        except (StepFailed, ScriptError):
            pass  # a phrase that cannot go on simply stops: what was danced is kept
        for _ in range(BREATH):
            performer.tick(0)
        self.planned.extend(performer.inputs)
