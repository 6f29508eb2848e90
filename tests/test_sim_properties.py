"""Whatever a player presses, the fight stays sane: finite numbers, inside the level, health in range."""

from __future__ import annotations

import math

from helpers import of_type, stage
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim import events as ev
from game.sim.inputs import Button, InputFrame
from game.sim.world import World

FLOOR_SLOP = 2.0  # px feet may sit below a floor top for a tick after a hard landing
BUTTONS = [int(b) for b in Button]

# a held mask and how many ticks it is held: a player's random fumbling, up to ~10 seconds of it
presses = st.lists(
    st.tuples(st.lists(st.sampled_from(BUTTONS), max_size=3), st.integers(min_value=1, max_value=30)),
    min_size=8,
    max_size=24,
)
# where the fight starts: anywhere on the floor, the opponent in front, behind or far off, and who it is
openings = st.tuples(
    st.integers(min_value=60, max_value=2340),
    st.sampled_from([60.0, -70.0, 400.0]),
    st.integers(0, 2**32),
    st.sampled_from(["training_dummy", "sparring_partner"]),
)
PARTNER_HEALTH = 120  # a sparring partner a few kicks can knock out
FUZZ = settings(max_examples=50, deadline=None, derandomize=True, database=None)


def opening_world(opening: tuple[int, float, int, str]) -> World:
    """The Academy floor with the ballerina at x and a standing opponent `gap` px from her."""
    x, gap, seed, target = opening
    if not 40 <= x + gap <= 2360:
        gap = -gap
    return stage(target=target, player_x=float(x), gap=gap, seed=seed, target_health=PARTNER_HEALTH)


def play(world: World, sequence: list[tuple[list[int], int]]):  # type: ignore[no-untyped-def]
    """Step the ballerina through `sequence`, yielding the events of each tick."""
    for buttons, ticks in sequence:
        mask = 0
        for bit in buttons:
            mask |= bit
        for _ in range(ticks):
            yield world.step({world.player_id: InputFrame(mask)})


@FUZZ
@given(sequence=presses, opening=openings)
def test_random_play_keeps_numbers_finite_bodies_in_the_level_and_health_in_range(sequence, opening):
    """One fumbling fight checks three rules on every tick (one run, not three, to keep the suite fast)."""
    world = opening_world(opening)
    for events in play(world, sequence):
        assert of_type(events, ev.OutOfBounds) == []  # the safety net that puts lost bodies back
        for thing in [*world.fighters, *world.props]:
            assert all(math.isfinite(v) for v in (thing.x, thing.y, thing.vx, thing.vy))
        for fighter in world.fighters:
            assert -FLOOR_SLOP <= fighter.y <= world.height
            assert 0 <= fighter.health <= fighter.spec.health


@FUZZ
@given(sequence=presses, opening=openings)
def test_random_play_keeps_every_fighter_between_the_walls(sequence, opening):
    world = opening_world(opening)
    for _ in play(world, sequence):
        for fighter in world.fighters:
            half = fighter.width / 2
            assert half <= fighter.x <= world.width - half
