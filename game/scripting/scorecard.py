"""The judges' scorecard of one level: time, damage taken, best combo, grace, enchaînements, retries, rank.

A `Scorecard` reads each tick's events (and the world) and keeps the figures a results screen shows.
It is pure and headless: the app feeds it in the play scene, tests and bots feed it in a plain loop:

    card = Scorecard(world)
    for frame in frames:
        card.read(world.step({world.player_id: frame}), world)
    print(card.figures(), card.figures().rank)

The rank is a pure function of the figures (`rank_points`, `rank_of`), written down here:

    points = 30 × (1 − damage taken / her health)          poise: untouched earns all 30
           + 25 × pace                                       1 at or under par time, 0 at twice par
           + 25 × min(1, best combo hits / 10)               a ten-hit combo earns all 25
           + 20 × min(1, grace earned / 3 meters)            three full meters of grace earn all 20
           − 10 × retries from a checkpoint
    S: 90 points or more and no retry · A: 75 or more · B: 55 or more · C: the rest

Par time comes from the level (`par_ticks`): a little time to settle, some per enemy sent, and the
walk from her spawn to the farthest place the level asks her to reach.

Retrying from a checkpoint rolls the figures back with the world (`rewind`), so time and damage are
those of the run that won, and only `retries` remembers the falls.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from game.sim import events as ev

TICK_RATE = 60  # ticks a second (game.sim.world.TICK_RATE; not imported, so bots need no pymunk here)
PAR_SETTLE_SECONDS = 20.0  # s of par for any level: the curtain rises, she finds her feet
PAR_SECONDS_PER_ENEMY = 6.0  # s of par per enemy the waves send
PAR_WALK_SPEED = 240.0  # px/s: the pace of par between the fights (she runs at about twice that)

POISE_MARKS = 30.0  # points for taking no damage
PACE_MARKS = 25.0  # points for finishing within par
COMBO_MARKS = 25.0  # points for a long combo
COMBO_FULL_HITS = 10  # hits of the best combo that earn all of COMBO_MARKS
GRACE_MARKS = 20.0  # points for grace
GRACE_FULL_METERS = 3.0  # full grace meters earned (uncapped) for all of GRACE_MARKS
RETRY_PENALTY = 10.0  # points lost per retry from a checkpoint

RANKS = (("S", 90), ("A", 75), ("B", 55), ("C", 0))  # the least points for each rank, best first
FIGURE_NAMES = ("time", "damage", "combo", "grace", "enchainements", "retries", "rank")


@dataclass(frozen=True, slots=True)
class Figures:
    """What one run of a level came to: the figures of the results screen, and what they are judged by."""

    ticks: int = 0  # from the first tick to the win (or to now, before it)
    damage_taken: int = 0  # health she lost, every source counted
    combo_hits: int = 0  # her best combo: hits ...
    combo_damage: int = 0  # ... and the damage of that combo
    grace_earned: float = 0.0  # grace earned, before the meter's cap
    enchainements: int = 0  # named phrases completed
    retries: int = 0  # times she came back from a checkpoint
    won: bool = False
    health_max: int = 1  # her full health, for the poise marks
    par_ticks: int = TICK_RATE  # par time of the level
    max_grace: float = 100.0  # one full meter

    @property
    def seconds(self) -> float:
        return self.ticks / TICK_RATE

    @property
    def points(self) -> int:
        return rank_points(self)

    @property
    def rank(self) -> str:
        return rank_of(self.points, self.retries)


def _share(value: float) -> float:
    return min(1.0, max(0.0, value)) if math.isfinite(value) else 0.0


def rank_marks(figures: Figures) -> dict[str, float]:
    """The judges' marks one by one: poise, pace, combo, grace, and the retries (negative)."""
    par = max(1, figures.par_ticks)
    return {
        "poise": POISE_MARKS * _share(1.0 - figures.damage_taken / max(1, figures.health_max)),
        "pace": PACE_MARKS * _share((2 * par - figures.ticks) / par),
        "combo": COMBO_MARKS * _share(figures.combo_hits / COMBO_FULL_HITS),
        "grace": GRACE_MARKS * _share(figures.grace_earned / (GRACE_FULL_METERS * max(1e-9, figures.max_grace))),
        "retries": -RETRY_PENALTY * figures.retries,
    }


def rank_points(figures: Figures) -> int:
    """The judges' points for a run (see the module's docstring), rounded down; can go below 0."""
    return math.floor(sum(rank_marks(figures).values()) + 1e-9)


def rank_of(points: int, retries: int = 0) -> str:
    """C, B, A or S for `points`; S needs a run without a retry."""
    for letter, least in RANKS:
        if points >= least and not (letter == "S" and retries > 0):
            return letter
    return "C"


def par_ticks(level) -> int:  # type: ignore[no-untyped-def]  # level: game.data.levels.LevelSpec
    """Par time of a level in ticks: settling in, each enemy of its waves, and the walk to its farthest goal."""
    spawn_x = level.spawn[0]
    places = [spawn_x]
    for wave in level.waves:
        if wave.trigger.kind == "reach" and wave.trigger.x is not None:
            places.append(wave.trigger.x)
        places += [enemy.at[0] for enemy in wave.enemies]
    if level.goal.kind == "reach_exit" and level.goal.x is not None:
        places.append(level.goal.x)
    walk = max(abs(x - spawn_x) for x in places)
    enemies = sum(len(wave.enemies) for wave in level.waves)
    seconds = PAR_SETTLE_SECONDS + PAR_SECONDS_PER_ENEMY * enemies + walk / PAR_WALK_SPEED
    return round(seconds * TICK_RATE)


@dataclass(slots=True)
class _Tally:
    """The changing part of a scorecard: what a checkpoint keeps and a retry puts back."""

    start_tick: int = 0
    end_tick: int | None = None
    damage_taken: int = 0
    combo: tuple[int, int] = (0, 0)  # (hits, damage) of the best combo
    grace_earned: float = 0.0
    enchainements: int = 0
    last_health: int | None = None
    names: list[str] = field(default_factory=list)  # the enchaînements, in order


class Scorecard:
    """Watches the ballerina through a level and adds up the figures of her results."""

    def __init__(self, world) -> None:  # type: ignore[no-untyped-def]  # world: game.sim.world.World
        self.player_id: int | None = world.player_id
        player = world.player
        self.health_max = player.spec.health if player is not None else 1
        self.par_ticks = par_ticks(world.level)
        self.max_grace = float(world.choreo.rules.max_grace)
        self.tally = _Tally(start_tick=world.tick, last_health=player.health if player is not None else None)
        self.retries = 0

    def read(self, events: list, world) -> None:  # type: ignore[no-untyped-def]
        """Take one tick's events; `world` is the world just stepped (her health is read from it)."""
        tally, me = self.tally, self.player_id
        for event in events:
            kind = type(event)
            if kind is ev.Hit and event.attacker == me:
                tally.combo = max(tally.combo, (event.combo_hits, event.combo_damage))
            elif kind is ev.ComboEnded and event.attacker == me:
                tally.combo = max(tally.combo, (event.hits, event.damage))
            elif kind is ev.GraceEarned and event.fighter == me:
                tally.grace_earned += event.amount
            elif kind is ev.Enchainement and event.fighter == me:
                tally.enchainements += 1
                tally.names.append(event.name)
            elif kind is ev.LevelWon and tally.end_tick is None:
                tally.end_tick = event.tick
        self._watch_health(world)

    def _watch_health(self, world) -> None:  # type: ignore[no-untyped-def]
        """Damage is health lost, whatever took it (a kick, a bullet, a falling chandelier)."""
        player = world.player
        if player is None:
            return
        last = self.tally.last_health
        if last is not None and player.health < last:
            self.tally.damage_taken += last - player.health
        self.tally.last_health = player.health

    # --- checkpoints -------------------------------------------------------------------------------

    def keep(self) -> _Tally:
        """The figures as they stand, to put back on a retry from this checkpoint."""
        return replace(self.tally, names=list(self.tally.names))

    def rewind(self, kept: _Tally, health: int | None = None) -> None:
        """A retry from a checkpoint: the figures as they were then, one retry more.

        `health` is what she comes back with (she may be given more than she had at the checkpoint).
        """
        self.tally = replace(kept, names=list(kept.names))
        if health is not None:
            self.tally.last_health = health
        self.retries += 1

    # --- the figures -------------------------------------------------------------------------------

    @property
    def won(self) -> bool:
        return self.tally.end_tick is not None

    @property
    def names(self) -> tuple[str, ...]:
        """The enchaînements she performed, in order."""
        return tuple(self.tally.names)

    def figures(self, now: int | None = None) -> Figures:
        """The figures so far (time counted to the win, or to `now`, the world's tick, before it)."""
        tally = self.tally
        end = tally.end_tick if tally.end_tick is not None else (now if now is not None else tally.start_tick)
        return Figures(
            ticks=max(0, end - tally.start_tick), damage_taken=tally.damage_taken, combo_hits=tally.combo[0],
            combo_damage=tally.combo[1], grace_earned=tally.grace_earned, enchainements=tally.enchainements,
            retries=self.retries, won=self.won, health_max=self.health_max, par_ticks=self.par_ticks,
            max_grace=self.max_grace,
        )
