"""Knockback at any strength keeps the physics sane: no body through a wall or the floor, no NaN, none lost.

Bodies are launched the way the fight launches them: a fighter through the knockback impulse `land_hit`
leaves waiting for it (`pending_knockback`, in a juggle), a prop through `World.hit_prop` with a hit whose
knockback no move file may hold (the data layer refuses anything past 5000 px/s; the simulation must not
need that protection).
"""

from __future__ import annotations

import logging
import math
import random

import pytest
from helpers import academy_world, of_type

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.moves import HitSpec
from game.sim import events as ev
from game.sim.moves import Hit
from game.sim.world import DT, MAX_SPEED, SINK_DEPTH, World

LAUNCHES = 1000  # over all the shipped levels
LAUNCHES_AT_ONCE = 4  # bodies launched together, every LAUNCH_TICKS
LAUNCH_TICKS = 12  # ticks between volleys: long enough to reach a wall or the floor at speed
ONE_TICK = MAX_SPEED * DT * math.sqrt(2)  # px: the furthest any body travels in one tick
LEVEL_FILES = sorted(LEVELS.glob("*.toml"))


def strength(rng: random.Random) -> float:
    """px/s of a launch: anything from a tap to 1e300, log-uniform, and sometimes exactly infinite."""
    return math.inf if rng.random() < 0.02 else 10 ** rng.uniform(1, 300)


def launch(world: World, rng: random.Random) -> None:
    """Fling one standing fighter or unbroken prop in a random direction at a random strength."""
    speed, angle = strength(rng), rng.uniform(0, 2 * math.pi)
    kx, ky = speed * math.cos(angle), speed * math.sin(angle)
    props = [p for p in world.props if not p.broken]
    if props and rng.random() < 0.5:
        spec = HitSpec.model_construct(frames=(1, 1), boxes=[], damage=0, knockback=(kx, ky), direction="forward")
        attacker = world.fighters[0]
        world.hit_prop(attacker, rng.choice(props), Hit(0, spec, (), ()))
        return
    fighter = rng.choice(world.fighters)
    fighter.set_state("juggle")  # exactly what land_hit leaves behind for a launch
    fighter.grounded = False
    fighter.hitstop = 0
    fighter.pending_knockback = (kx * fighter.mass, ky * fighter.mass)


def check_sane(world: World, floor: float) -> None:
    for thing in [*world.fighters, *(p for p in world.props if not p.broken)]:
        numbers = (thing.x, thing.y, thing.vx, thing.vy, *thing.body.position, *thing.body.velocity)
        assert all(math.isfinite(v) for v in numbers), (type(thing).__name__, thing.id, numbers)
        # never through a wall: at most one tick's travel into one (the walls are 200 px thick)
        assert -ONE_TICK <= thing.x <= world.width + ONE_TICK, (type(thing).__name__, thing.id, thing.x)
        # never through the floor: at most one tick's travel (plus a hard landing's sink) into it
        assert thing.y >= floor - ONE_TICK - SINK_DEPTH - getattr(thing, "reach", 0), (type(thing).__name__, thing.y)
    for fighter in world.fighters:
        half = fighter.width / 2
        assert half <= fighter.x <= world.width - half  # fighters are held at the walls' faces exactly


@pytest.mark.parametrize("level_file", LEVEL_FILES, ids=lambda p: p.stem)
def test_knockback_at_any_strength_keeps_bodies_inside_and_finite(level_file, caplog) -> None:
    bundle = load_bundle(level_file)
    world = bundle.world(seed=3)
    rng = random.Random(level_file.stem)
    floor = min(top for _, _, top, one_way in world.tops if not one_way)
    volleys = LAUNCHES // (LAUNCHES_AT_ONCE * len(LEVEL_FILES)) + 1
    lost = []
    with caplog.at_level(logging.WARNING, logger="ballerina.sim"):
        for _ in range(volleys):
            for _ in range(LAUNCHES_AT_ONCE):
                launch(world, rng)
            for _ in range(LAUNCH_TICKS):
                events = world.step({})
                lost += of_type(events, ev.OutOfBounds) + of_type(events, ev.PropOutOfBounds)
                check_sane(world, floor)
    assert lost == []  # the walls are tall and thick enough: nothing had to be put back
    assert caplog.records == []


def test_a_fighter_that_leaves_the_level_is_put_back_with_an_event_and_a_log_line(caplog) -> None:
    world = academy_world()
    fighter = world.fighters[0]
    fighter.place(-5000.0, -3000.0)
    with caplog.at_level(logging.WARNING, logger="ballerina.sim"):
        events = world.step({})
    [event] = of_type(events, ev.OutOfBounds)
    assert event.fighter == fighter.id
    assert 0 < fighter.x < world.width and fighter.y > 0
    assert any("fighter 0" in record.getMessage() and "put back" in record.getMessage() for record in caplog.records)


def test_a_fighter_whose_numbers_broke_is_put_back_still(caplog) -> None:
    world = academy_world()
    fighter = world.fighters[1]
    fighter.set_velocity(math.nan, math.inf)
    for _ in range(30):
        world.step({})
    assert all(math.isfinite(v) for v in (fighter.x, fighter.y, fighter.vx, fighter.vy))
    assert 0 < fighter.x < world.width


def test_a_prop_that_leaves_the_level_is_put_back_with_an_event(caplog) -> None:
    world = academy_world()
    prop = world.props[0]
    prop.body.position = (math.nan, 10.0)
    with caplog.at_level(logging.WARNING, logger="ballerina.sim"):
        events = world.step({})
    [event] = of_type(events, ev.PropOutOfBounds)
    assert event.prop == prop.id and math.isfinite(prop.x) and 0 < prop.x < world.width
    assert any("prop 0" in record.getMessage() for record in caplog.records)
