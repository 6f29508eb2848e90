"""Brains: fighters whose InputFrames come from code instead of a keyboard, deterministically."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from game.sim.inputs import NEUTRAL, Button, InputFrame, frame_of
from game.sim.rng import Rng
from game.sim.tactics import TacticsBrain
from game.sim.training import TRAINING_BRAINS

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World


class Brain(Protocol):
    """Whatever presses a fighter's buttons when nobody gives it inputs.

    A brain that thinks only now and then (TacticsBrain) may also keep `quiet_until`, the tick of its
    next thought, and `held`, the frame it holds until then: before that tick the world takes `held`
    without calling `decide`.
    """

    def decide(self, world: World, fighter: Fighter) -> InputFrame: ...


class StandBrain:
    """A training dummy that stands where it was put."""

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        return NEUTRAL


class RandomBrain:
    """Presses random legal buttons, held for random stretches; the chaos monkey of tests and bench."""

    BUTTONS = tuple(int(b) for b in Button)

    def __init__(self, rng: Rng | None = None) -> None:
        self.held = 0
        self.until = 0
        # An input source outside the world (a bench's random player, a replayed session) must bring its
        # own generator: drawing from world.rng outside World.step would change the fight unrepeatably.
        self.rng = rng

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        if world.tick >= self.until:
            rng = self.rng or world.rng
            mask = 0
            for button in self.BUTTONS:
                if rng.chance(0.18):
                    mask |= button
            self.held = mask
            self.until = world.tick + rng.randint(2, 14)
        return frame_of(self.held)

    def state(self) -> tuple:
        return (self.held, self.until)


class SparringBrain:
    """Walks to the nearest opponent and attacks when in reach; the bench's busy crowd."""

    ATTACKS = (int(Button.LIGHT), int(Button.HEAVY), int(Button.SPIN))
    RETARGET_TICKS = 8  # how often it looks around for the nearest opponent

    def __init__(self) -> None:
        self.cooldown = 0
        self.target: int | None = None
        self.retarget_at = 0

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        target = world.fighters[self.target] if self.target is not None else None
        if target is None or target.state == "ko" or world.tick >= self.retarget_at:
            target = world.nearest_opponent(fighter)
            self.target = target.id if target is not None else None
            self.retarget_at = world.tick + self.RETARGET_TICKS
        if target is None:
            return NEUTRAL
        dx = target.x - fighter.x
        toward = int(Button.RIGHT) if dx > 0 else int(Button.LEFT)
        if abs(dx) > 110:
            return frame_of(toward)
        if self.cooldown > 0:
            self.cooldown -= 1
            return NEUTRAL
        self.cooldown = world.rng.randint(10, 40)
        return frame_of(toward | world.rng.choice(self.ATTACKS))

    def state(self) -> tuple:
        return (self.cooldown, self.target, self.retarget_at)


BRAINS: dict[str, Callable[[], Brain]] = {
    "stand": StandBrain,
    "random": RandomBrain,
    "sparring": SparringBrain,
    "tactics": TacticsBrain,  # the enemies' brain: tokens, guard, phases (game/sim/tactics.py)
    **TRAINING_BRAINS,  # practice mode's partners: crouch, jump, block_all, ... (game/sim/training.py)
}


def make_brain(name: str) -> Brain:
    """A fresh brain of the kind named (one of game.data.fighters.BRAIN_NAMES)."""
    brain: Brain = BRAINS[name]()
    return brain
