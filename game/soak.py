"""`python main.py soak`: AI-versus-AI fights in every level, back to back, headless, for hours of game time.

The ballerina presses random buttons (`RandomBrain`); partners who never go down (sparring ballerinas and
enemies of the cast with their tactics brain) fight her and each other, and the level's own cast joins in.
A fight is restarted every few game minutes, each with the next seed. The soak counts what must never
happen: exceptions, NaN or infinite numbers, bodies that left the level and had to be put back, and memory
that keeps growing.
"""

from __future__ import annotations

import gc
import math
import os
import resource
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.data import LEVELS
from game.data.bundle import Bundle, load_bundle
from game.scripting.sparring import CROWD, crowd_at, crowd_cast, partners_at, sparring_cast, split_teams
from game.sim import events as ev
from game.sim.brains import RandomBrain
from game.sim.rng import Rng
from game.sim.world import TICK_RATE, World

FIGHT_MINUTES = 3.0  # game minutes before a fight is restarted with the next seed
SPARRING_PARTNERS = 4  # besides the level's own cast; two on her side, two against
PARTNER_HEALTH = 100_000  # they never go down, so the fight stays busy to the end
MAX_GROWTH_MB = 5.0  # memory may grow this much over an hour of game time (MiB)


@dataclass(slots=True)
class SoakReport:
    """What a soak found: the counts that must be zero, and the memory it took."""

    minutes: float
    ticks: int = 0
    fights: int = 0
    exceptions: int = 0
    nans: int = 0
    out_of_bounds: int = 0
    memory_start_mb: float = 0.0
    memory_end_mb: float = 0.0
    levels: list[str] = field(default_factory=list)
    first_traceback: str | None = None

    @property
    def memory_growth_mb(self) -> float:
        return self.memory_end_mb - self.memory_start_mb

    @property
    def memory_limit_mb(self) -> float:
        """The growth allowed: MAX_GROWTH_MB for an hour (or less) of game time, pro rata beyond."""
        return MAX_GROWTH_MB * max(1.0, self.minutes / 60.0)

    @property
    def clean(self) -> bool:
        counts = (self.exceptions, self.nans, self.out_of_bounds)
        return not any(counts) and self.memory_growth_mb <= self.memory_limit_mb

    def as_dict(self) -> dict:
        return {**asdict(self), "memory_growth_mb": round(self.memory_growth_mb, 2), "clean": self.clean}

    def describe(self) -> str:
        lines = [
            f"game time       {self.minutes:g} min in {self.fights} fights ({', '.join(self.levels)})",
            f"ticks           {self.ticks}",
            f"exceptions      {self.exceptions}",
            f"NaNs            {self.nans}",
            f"out of bounds   {self.out_of_bounds}",
            f"memory          {self.memory_start_mb:.1f} MiB -> {self.memory_end_mb:.1f} MiB "
            f"(growth {self.memory_growth_mb:+.2f} MiB, allowed {self.memory_limit_mb:g})",
            "clean" if self.clean else "NOT CLEAN",
        ]
        return "\n".join(lines)


def resident_mb() -> float:
    """The process's resident memory now, MiB (the peak where /proc is not there)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def sparring_world(bundle: Bundle, seed: int) -> World:
    """The level with its own cast, the ballerina, and SPARRING_PARTNERS who never go down: half sparring
    ballerinas, half enemies of the cast thinking with the tactics brain (the bundle must have loaded CROWD)."""
    level = bundle.level
    archetypes = {
        **crowd_cast(bundle, PARTNER_HEALTH),
        **sparring_cast(bundle, PARTNER_HEALTH, tireless_player=True),  # her random buttons go on all fight
    }
    sx, sy = level.spawn
    width = level.size[0]
    xs = [min(max(sx + (i + 1) * 90.0 * (-1) ** i, 60.0), width - 60.0) for i in range(SPARRING_PARTNERS)]
    world = World(
        level.model_copy(update={"actors": [*level.actors, *partners_at(xs[::2], sy), *crowd_at(xs[1::2], sy)]}),
        archetypes, seed=seed, choreography=bundle.choreography,
    )
    split_teams(world.fighters[-SPARRING_PARTNERS:])  # everybody has someone to fight
    return world


def insane_numbers(world: World) -> int:
    """How many fighters and props have a NaN or infinite position or velocity."""
    return sum(
        not all(math.isfinite(v) for v in (thing.x, thing.y, thing.vx, thing.vy))
        for thing in (*world.fighters, *world.props)
    )


def run_fight(world: World, ticks: int, seed: int, report: SoakReport) -> None:
    """Step one fight for `ticks` ticks with the random ballerina, counting what went wrong."""
    player = world.player_id
    assert player is not None
    brain = RandomBrain(Rng(seed))
    dancer = world.fighters[player]
    for _ in range(ticks):
        try:
            events = world.step({player: brain.decide(world, dancer)})
        except Exception:  # the soak's whole point: count it, keep the first, go on with a fresh fight
            report.exceptions += 1
            if report.first_traceback is None:
                report.first_traceback = traceback.format_exc()
            return
        report.ticks += 1
        for event in events:
            if type(event) in (ev.OutOfBounds, ev.PropOutOfBounds):
                report.out_of_bounds += 1
        report.nans += insane_numbers(world)


def run_soak(
    minutes: float,
    seed: int = 0,
    levels: Sequence[Path] | None = None,
    fight_minutes: float = FIGHT_MINUTES,
    progress: Callable[[SoakReport], None] | None = None,
) -> SoakReport:
    """Fight in every level in turn for `minutes` of game time; the report says whether all stayed sane."""
    paths = sorted(levels if levels is not None else LEVELS.glob("*.toml"))
    bundles = [load_bundle(path, extra=CROWD) for path in paths]
    report = SoakReport(minutes, levels=[path.stem for path in paths])
    total = round(minutes * 60 * TICK_RATE)
    per_fight = max(1, round(fight_minutes * 60 * TICK_RATE))
    # one short fight in every level first, so caches and pymunk's pools are warm before the baseline
    for i, bundle in enumerate(bundles):
        run_fight(sparring_world(bundle, seed + i), min(per_fight, TICK_RATE), seed + i, SoakReport(0))
    gc.collect()
    report.memory_start_mb = resident_mb()
    while report.ticks < total:
        bundle = bundles[report.fights % len(bundles)]
        fight_seed = seed + report.fights
        before = report.ticks
        run_fight(sparring_world(bundle, fight_seed), min(per_fight, total - report.ticks), fight_seed, report)
        report.fights += 1
        if report.ticks == before:  # a fight that fails on its first tick would loop for ever
            break
        gc.collect()
        if progress is not None:
            progress(report)
    report.memory_end_mb = resident_mb()
    return report
