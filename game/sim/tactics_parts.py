"""What the tactics brain stands on: attack tokens, each repertoire's reach, and the floor ahead.

Three pieces the enemies' brain (game/sim/tactics.py) reads rather than works out every tick:
- `AttackTokens`, a world system that lets only `world.difficulty.attack_tokens` enemies attack one
  target at once, the rest circling and threatening;
- `attacks_of(book)`, each move's reach and the frame its blow comes out, worked out once per repertoire;
- `floor_under` / `way_ahead`, where a step would put the feet: floor, a ledge to drop from, a block to
  jump onto, or nothing at all (the edge of the stage).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from game.sim import events as ev
from game.sim.moves import Move, MoveBook

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World

TOKEN_TIMEOUT = 150  # ticks a token is held at most: an attacker that cannot get there gives it back
TOKEN_REST = 45  # ticks an enemy that gave its token back waits before it may take one again
STEP_DOWN = 30.0  # px: a drop this small is a step, not a ledge
SAFE_DROP = 280.0  # px: the most an enemy drops down to reach a target below it (the opera's pit)
FEET = 4.0  # px above the feet at which a top counts as the floor they stand on


class AttackTokens:
    """A world system: who may attack whom right now, at most the difficulty's count per target.

    Holds fighter ids only (snapshots copy it whole). A token goes back when its holder's attack ends,
    is blocked or parried, when the holder is hit or knocked out, or after TOKEN_TIMEOUT ticks.
    """

    def __init__(self) -> None:
        self.held: list[list[int]] = []  # [holder, target, tick taken, 1 once its attack started]
        self.resting: dict[int, int] = {}  # fighter id -> the tick it may take a token again

    @classmethod
    def of(cls, world: World) -> AttackTokens:
        """The world's tokens, created (once, and added to `world.systems`) by the first brain to ask."""
        for system in world.systems:
            if type(system) is cls:
                return system
        tokens = cls()
        world.systems.append(tokens)
        return tokens

    def holds(self, fighter: int) -> bool:
        for entry in self.held:  # noqa: SIM110 - a loop: any() over a generator costs twice as much, 5 times a tick
            if entry[0] == fighter:
                return True
        return False

    def take(self, world: World, fighter: int, target: int) -> bool:
        """Whether `fighter` may attack `target` now: it holds a token already, or a free one is given."""
        if self.holds(fighter):
            return True
        if self.resting.get(fighter, 0) > world.tick:
            return False
        attackers = sum(1 for entry in self.held if entry[1] == target)
        if attackers >= world.difficulty.attack_tokens:
            return False
        self.held.append([fighter, target, world.tick, 0])
        return True

    def give_back(self, world: World, fighter: int) -> None:
        """The fighter stops attacking (or is stopped): its token is free, and it rests a while."""
        kept = [entry for entry in self.held if entry[0] != fighter]
        if len(kept) != len(self.held):
            self.held = kept
            self.resting[fighter] = world.tick + TOKEN_REST

    def step(self, world: World) -> None:
        """Called once a tick after hits: take back the tokens whose attacks are over."""
        if not self.held:
            return
        done = set()
        for event in world.events:
            kind = type(event)
            if kind is ev.Hit or kind is ev.KO:
                done.add(event.fighter if kind is ev.KO else event.target)  # type: ignore[attr-defined]
            elif kind is ev.Blocked or kind is ev.Parried:
                done.add(event.attacker)  # type: ignore[attr-defined]
        fighters = world.fighters
        for entry in list(self.held):
            holder, target, since, attacking = entry
            fighter = fighters[holder]
            if fighter.state == "move":
                entry[3] = 1
            over = attacking and fighter.state != "move"
            if over or holder in done or fighter.state == "ko" or fighters[target].state == "ko" \
                    or world.tick - since > TOKEN_TIMEOUT:
                self.give_back(world, holder)
        if len(self.resting) > 64:  # forget rests long over, so the dict stays small in a long fight
            self.resting = {k: t for k, t in self.resting.items() if t > world.tick}

    def attackers_of(self, target: int) -> list[int]:
        return [entry[0] for entry in self.held if entry[1] == target]

    def state(self) -> tuple:
        return (tuple(map(tuple, self.held)), tuple(sorted(self.resting.items())))


@dataclass(frozen=True, slots=True)
class Attack:
    """One move an enemy can strike with, seen from the brain: its command, reach and timing."""

    move: str
    button: int
    direction: str  # "neutral", "forward", "down" or "up"
    first: int  # the move frame its first blow (or shot) comes out on
    near: float  # px ahead of the fighter's x where its nearest hitbox begins (negative: behind)
    far: float  # px ahead it reaches, counting its own travel before the blow
    low: float  # px above the feet of its lowest and highest hitbox
    high: float
    shot: bool  # a bullet: reaches as far as it flies


_TABLES: WeakKeyDictionary[MoveBook, tuple[Attack, ...]] = WeakKeyDictionary()


def attacks_of(book: MoveBook) -> tuple[Attack, ...]:
    """The ground moves of a repertoire that strike, as the brain sees them (worked out once per book)."""
    table = _TABLES.get(book)
    if table is None:
        table = _TABLES[book] = tuple(a for a in map(_attack, book.ground) if a is not None)
    return table


def _attack(move: Move) -> Attack | None:
    spec = move.spec
    if move.finisher or getattr(spec, "requires", None):
        return None
    shot = getattr(spec, "shot", None)
    if shot is not None:
        muzzle_x, muzzle_y = shot.muzzle
        return Attack(move.id, move.button, move.direction, shot.frame, muzzle_x, shot.range, muzzle_y - 20,
                      muzzle_y + 20, True)
    if not move.hits:
        return None
    boxes = [box for hit in move.hits for box in hit.boxes_right]
    first = move.hits[0].spec.frames[0]
    travel = sum((m[0] for m in move.motion_at[1:first] if m is not None), 0.0) / 60  # px before the blow
    return Attack(
        move.id, move.button, move.direction, first,
        min(b[0] for b in boxes), max(b[2] for b in boxes) + max(travel, 0.0),
        min(b[1] for b in boxes), max(b[3] for b in boxes), False,
    )


_REACH: dict[Move, float] = {}  # compiled moves live as long as the process: a plain dict is enough


def move_reach(move: Move) -> float:
    """How far ahead of its fighter a move's hitboxes (or its shot) reach: what a guard must fear."""
    reach = _REACH.get(move)
    if reach is None:
        attack = _attack(move)
        reach = _REACH[move] = attack.far if attack is not None else 0.0
    return reach


# --- the floor ahead ---------------------------------------------------------------------------------

def floor_under(world: World, x: float, y: float, half: float) -> float | None:
    """The highest top a body `2 * half` wide at x would stand on, at or below its feet at y; None over
    a drop out of the level."""
    best: float | None = None
    for x0, x1, top, _one_way in world.tops:
        if x0 - half < x < x1 + half and top <= y + FEET and (best is None or top > best):
            best = top
    for slope in world.slopes:
        slope_top = slope.under(x, half)
        if slope_top is not None and slope_top <= y + FEET + 24.0 and (best is None or slope_top > best):
            best = slope_top
    return best


def wall_ahead(world: World, fighter: Fighter, direction: int, look: float) -> float | None:
    """The top of a solid block whose face stands within `look` px ahead, above the feet; else None."""
    y, half = fighter.y, fighter.width / 2
    front = fighter.x + direction * half
    ahead = front + direction * look
    lo, hi = min(front, ahead), max(front, ahead)
    for x0, x1, bottom, top in world.blocks:
        if x0 < hi and x1 > lo and bottom < y + fighter.height and top > y + FEET:
            return top
    return None


def safe_step(world: World, fighter: Fighter, direction: int, look: float, target_below: bool) -> bool:
    """Whether stepping `look` px that way keeps the feet on floor (or drops a little towards a target
    that is down there): never off the edge of a stage into nothing, never into a deep pit for nothing."""
    x = fighter.x + direction * look
    floor = floor_under(world, x, fighter.y, fighter.width / 2 - 8.0)
    if floor is None:
        return False
    drop = fighter.y - floor
    if drop <= STEP_DOWN:
        return True
    return target_below and drop <= SAFE_DROP
