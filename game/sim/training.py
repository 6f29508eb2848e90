"""Training partners: what a rehearsal partner does in practice mode, as deterministic brains.

Each brain is chosen by name (game/sim/brains.py BRAINS), so a combo test can face a partner that
guards (`brain = "block_all"`) as easily as practice mode can. None of them draws from the world's RNG:
the same fight gives the same partner, tick for tick, and rewinding practice mode replays it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from game.sim.inputs import NEUTRAL, Button, InputFrame, frame_of

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World

GUARD_TICKS = 40  # ticks block_after_first_hit keeps guarding after its last blow or blocked hit
DODGE_REACH = 240.0  # px: the dodger slips attacks started closer than this
GUARD_REACH = 320.0  # px: the counter-attacker raises its guard against attacks started this close
RECORD_LIMIT = 600  # ticks (10 s) a recording holds at most
FREE_STATES = frozenset({"idle", "walk", "run", "crouch", "land", "block"})  # on the ground, free to act
STUNNED_STATES = frozenset({"hitstun", "blockstun"})
LEFT, RIGHT, DOWN, JUMP = int(Button.LEFT), int(Button.RIGHT), int(Button.DOWN), int(Button.JUMP)
LIGHT, DODGE = int(Button.LIGHT), int(Button.DODGE)
BLOCK = int(getattr(Button, "BLOCK", 0))  # the core's guard button (512)


def guard(world: World, fighter: Fighter) -> InputFrame:
    """Block held facing the nearest opponent, so a partner crossed over still guards from the front."""
    return frame_of(BLOCK | toward(world, fighter))


def toward(world: World, fighter: Fighter) -> int:
    """The direction button pointing at the nearest opponent (RIGHT when there is none)."""
    rival = world.nearest_opponent(fighter)
    return LEFT if rival is not None and rival.x < fighter.x else RIGHT


def attack_coming(world: World, fighter: Fighter, reach: float) -> bool:
    """Whether an opponent within `reach` px is in a striking move that has not yet ended its active frames."""
    for rival in world.opponents(fighter):
        move = rival.move
        if rival.state != "move" or move is None or not move.hits or abs(rival.x - fighter.x) > reach:
            continue
        if rival.move_frame <= move.spec.startup + move.spec.active:
            return True
    return False


class TrainingBrain(Protocol):
    """What every training partner is: a brain with a state for the hash (see game/sim/brains.py)."""

    def decide(self, world: World, fighter: Fighter) -> InputFrame: ...

    def state(self) -> tuple: ...


class CrouchBrain:
    """A partner that crouches where it stands: for practising low kicks and what passes over."""

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        return frame_of(DOWN)

    def state(self) -> tuple:
        return ()


class JumpBrain:
    """A partner that jumps straight up again and again: for practising air moves and anti-airs."""

    def __init__(self) -> None:
        self.pressed = False  # it held jump last tick: a press needs a release in between

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        self.pressed = not self.pressed and fighter.grounded and fighter.state in FREE_STATES
        return frame_of(JUMP) if self.pressed else NEUTRAL

    def state(self) -> tuple:
        return (self.pressed,)


class BlockAllBrain:
    """A partner that guards against everything it can: for checking what a phrase leaves on block."""

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        return guard(world, fighter)

    def state(self) -> tuple:
        return ()


class BlockAfterFirstHitBrain:
    """A partner that takes the first blow, then guards until left alone for a moment: whatever of a
    phrase is not a true combo gets blocked."""

    def __init__(self) -> None:
        self.guard_until = -1  # tick until which it keeps its guard up

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        hurt = fighter.combo is not None or fighter.state in STUNNED_STATES or fighter.state == "juggle"
        if hurt or (world.tick < self.guard_until and attack_coming(world, fighter, GUARD_REACH)):
            self.guard_until = world.tick + GUARD_TICKS
        return guard(world, fighter) if world.tick < self.guard_until else NEUTRAL

    def state(self) -> tuple:
        return (self.guard_until,)


class DodgeBrain:
    """A partner that slips every attack started near it with a pas de bourrée through the attacker."""

    def __init__(self) -> None:
        self.pressed = False

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        ready = fighter.state in FREE_STATES and fighter.grounded
        self.pressed = not self.pressed and ready and attack_coming(world, fighter, DODGE_REACH)
        return frame_of(DODGE | toward(world, fighter)) if self.pressed else NEUTRAL

    def state(self) -> tuple:
        return (self.pressed,)


class CounterBrain:
    """A partner that guards, and hits back with a battement the moment blockstun or hitstun lets it go."""

    COUNTER = LIGHT  # the battement: the fastest kick of the school (5 frames of startup); the guard faced it

    def __init__(self) -> None:
        self.owed = False  # it was stunned: the counter goes out on its first free tick
        self.pressed = False

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        state = fighter.state
        if state in STUNNED_STATES or fighter.combo is not None:
            self.owed = True
        if state == "move":
            self.pressed = False
            return NEUTRAL
        if self.owed and state in FREE_STATES and not self.pressed:
            self.owed, self.pressed = False, True
            return frame_of(self.COUNTER)  # no direction: forward + light would be a glissade
        self.pressed = False
        return guard(world, fighter)

    def state(self) -> tuple:
        return (self.owed, self.pressed)


@dataclass(frozen=True, slots=True)
class Recording:
    """A partner's inputs recorded in practice mode, tick by tick, and which side of her it stood on."""

    inputs: tuple[int, ...] = ()  # the held mask of every tick
    side: int = 1  # +1: it stood to her right when recording began; -1: to her left

    @property
    def ticks(self) -> int:
        return len(self.inputs)


def mirrored(mask: int) -> int:
    """The same input for a partner on the other side: left and right swapped."""
    swapped = (RIGHT if mask & LEFT else 0) | (LEFT if mask & RIGHT else 0)
    return (mask & ~(LEFT | RIGHT)) | swapped


class PlaybackBrain:
    """A partner that plays back a recording tick for tick, mirrored if it now stands on her other side."""

    def __init__(self, recording: Recording | None = None, loop: bool = True) -> None:
        self.recording = recording or Recording()
        self.loop = loop
        self.index = 0  # the recorded tick to play next
        self.mirror = False  # decided at the start of each pass, so crossing her mid-pass changes nothing

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        inputs = self.recording.inputs
        if self.index >= len(inputs):
            if not self.loop or not inputs:
                return NEUTRAL
            self.index = 0
        if self.index == 0:
            rival = world.nearest_opponent(fighter)
            side = 1 if rival is None or fighter.x >= rival.x else -1
            self.mirror = side != self.recording.side
        mask = inputs[self.index]
        self.index += 1
        return frame_of(mirrored(mask) if self.mirror else mask)

    @property
    def playing(self) -> bool:
        return self.index < self.recording.ticks or (self.loop and self.recording.ticks > 0)

    def state(self) -> tuple:
        return (self.index, self.mirror, self.loop, self.recording.ticks)


TRAINING_BRAINS: dict[str, type[TrainingBrain]] = {
    "crouch": CrouchBrain,
    "jump": JumpBrain,
    "block_all": BlockAllBrain,
    "block_after_first_hit": BlockAfterFirstHitBrain,
    "dodge": DodgeBrain,
    "counter": CounterBrain,
    "playback": PlaybackBrain,
}
