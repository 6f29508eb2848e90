"""Brains: fighters whose InputFrames come from code instead of a keyboard, deterministically."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from game.sim.inputs import Button, InputFrame

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World


class Brain(Protocol):
    def decide(self, world: World, fighter: Fighter) -> InputFrame: ...


class StandBrain:
    """A training dummy that stands where it was put."""

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        return InputFrame(0)


class RandomBrain:
    """Presses random legal buttons, held for random stretches; the chaos monkey of tests and bench."""

    BUTTONS = (Button.LEFT, Button.RIGHT, Button.DOWN, Button.UP, Button.LIGHT, Button.HEAVY, Button.SPIN, Button.JUMP, Button.DODGE)

    def __init__(self) -> None:
        self.held = 0
        self.until = 0

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        if world.tick >= self.until:
            rng = world.rng
            mask = 0
            for button in self.BUTTONS:
                if rng.chance(0.18):
                    mask |= button
            self.held = mask
            self.until = world.tick + rng.randint(2, 14)
        return InputFrame(self.held)

    def state(self) -> tuple:
        return (self.held, self.until)


class SparringBrain:
    """Walks to the nearest opponent and attacks when in reach; the bench's busy crowd."""

    ATTACKS = (Button.LIGHT, Button.HEAVY, Button.SPIN)

    def __init__(self) -> None:
        self.cooldown = 0

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        target = world.nearest_opponent(fighter)
        if target is None:
            return InputFrame(0)
        dx = target.x - fighter.x
        toward = Button.RIGHT if dx > 0 else Button.LEFT
        if abs(dx) > 110:
            return InputFrame(toward)
        if self.cooldown > 0:
            self.cooldown -= 1
            return InputFrame(0)
        self.cooldown = world.rng.randint(10, 40)
        return InputFrame(toward | world.rng.choice(self.ATTACKS))

    def state(self) -> tuple:
        return (self.cooldown,)


BRAINS = {"stand": StandBrain, "random": RandomBrain, "sparring": SparringBrain}


def make_brain(name: str) -> Brain:
    return BRAINS[name]()
