"""Small stages for the simulation's rule tests: the Academy with the ballerina and whoever she faces; and
the headless app the scene tests drive."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from game.data import ROOT
from game.data.bundle import Bundle, load_bundle
from game.data.fighters import Archetype
from game.data.levels import ActorSpec
from game.sim import events as ev
from game.sim.fighter import Fighter
from game.sim.inputs import InputFrame
from game.sim.world import World

if TYPE_CHECKING:
    from game.app.app import App

ACADEMY = ROOT / "levels" / "academy.toml"
SPAWN_X = 700.0  # px: where the ballerina starts in the Academy
DUMMY_X = 1000.0  # px: where the Academy's training dummy stands
RISER = (1500.0, 170.0, 420.0, 24.0)  # the Academy's one-way riser: left, bottom, width, height
SETTLE_TICKS = 30  # ticks for everyone to land from the spawn drop and stand still


@lru_cache(maxsize=1)
def academy() -> Bundle:
    """The Academy bundle, loaded once for the whole test run (specs are frozen, so sharing is safe)."""
    return load_bundle(ACADEMY)


def academy_world(seed: int = 1) -> World:
    """The Academy exactly as shipped: the ballerina at x=700, the training dummy at x=1000."""
    return academy().world(seed=seed)


def stage(
    target: str | None = "training_dummy",
    gap: float = 60.0,
    player_x: float = SPAWN_X,
    target_facing: str = "left",
    target_health: int | None = None,
    seed: int = 1,
    settle: bool = True,
    also: Iterable[tuple[str, float]] = (),
) -> World:
    """The Academy floor with the ballerina facing right and one standing target `gap` px in front of her.

    `target` is an archetype id, or "sparring_partner": a second ballerina that stands still and never
    regenerates (health `target_health`, default her own), so combos can knock it out. `also` adds more
    standing actors as (archetype, offset from the ballerina), each facing her.
    """
    bundle = academy()
    archetypes: dict[str, Archetype] = dict(bundle.archetypes)
    actors = []
    if target is not None:
        if target == "sparring_partner":
            dancer = bundle.archetypes["ballerina"]
            update = {"regenerates": False}
            if target_health is not None:
                update["health"] = target_health
            archetypes[target] = Archetype(target, dancer.spec.model_copy(update=update), dancer.moves)
        actors.append(ActorSpec(archetype=target, at=(player_x + gap, 0.0), facing=target_facing, brain="stand"))
    for archetype, offset in also:
        facing = "left" if offset > 0 else "right"
        actors.append(ActorSpec(archetype=archetype, at=(player_x + offset, 0.0), facing=facing, brain="stand"))
    level = bundle.level.model_copy(update={"actors": actors, "spawn": (player_x, 0.0)})
    world = World(level, archetypes, seed=seed, choreography=bundle.choreography)
    if settle:
        idle(world, SETTLE_TICKS)
    return world


def step_both(world: World, mine: Iterable[str] = (), theirs: Iterable[str] = ()) -> list[ev.Event]:
    """One tick with the ballerina holding `mine` and the target (fighter 1) holding `theirs`."""
    inputs = {world.player_id: InputFrame.of(*mine), 1: InputFrame.of(*theirs)}
    return world.step(inputs)  # type: ignore[arg-type]


def perform(world: World, line: str, rest: int = 120) -> list[ev.Event]:
    """Dance a choreography line (`"battement > battement"`) with the performer, then `rest` idle ticks."""
    from game.scripting.choreography import parse_line
    from game.scripting.performer import Performer

    performer = Performer(world)
    performer.perform(parse_line(line, player(world).book))
    return performer.events + idle(world, rest)


def the_target(world: World) -> Fighter:
    """The one fighter the ballerina is facing on a stage."""
    return world.fighters[1]


def frame(*buttons: str) -> InputFrame:
    return InputFrame.of(*buttons)


def step(world: World, *buttons: str) -> list[ev.Event]:
    """One tick with the ballerina holding `buttons`."""
    return world.step({world.player_id: InputFrame.of(*buttons)})  # type: ignore[dict-item]


def hold(world: World, ticks: int, *buttons: str) -> list[ev.Event]:
    """`ticks` ticks with the ballerina holding `buttons`; every event of them."""
    events: list[ev.Event] = []
    for _ in range(ticks):
        events += step(world, *buttons)
    return events


def idle(world: World, ticks: int) -> list[ev.Event]:
    return hold(world, ticks)


def tap(world: World, *buttons: str, after: int = 0) -> list[ev.Event]:
    """Press `buttons` for one tick, then let go for `after` ticks."""
    return step(world, *buttons) + idle(world, after)


def until(world: World, done: Callable[[World], bool], limit: int = 300, buttons: Iterable[str] = ()) -> list[ev.Event]:
    """Step (holding `buttons`) until `done(world)` holds; fails loudly if it never does within `limit`."""
    names = tuple(buttons)
    events: list[ev.Event] = []
    for _ in range(limit):
        if done(world):
            return events
        events += step(world, *names)
    raise AssertionError(f"condition never held within {limit} ticks")


def of_type(events: Iterable[ev.Event], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def player(world: World) -> Fighter:
    fighter = world.player
    assert fighter is not None
    return fighter


@contextmanager
def headless_app(bundle: Bundle, data: Path) -> Iterator[App]:
    """The game's app on `bundle`, as the scene tests drive it: a fake clock, a window and sound on the
    dummy drivers (conftest.py), the user's data folder `data`; pygame is shut down after."""
    import pygame

    from game.app.app import App
    from game.app.loop import FakeClock, FixedStepLoop
    from game.app.window import Window
    from game.audio import AudioSystem

    pygame.init()
    clock = FakeClock()
    program = App(bundle, 0, bundle.pose_sets, Window(), FixedStepLoop(clock), AudioSystem(), data, True)
    program.clock = clock
    yield program
    pygame.quit()
