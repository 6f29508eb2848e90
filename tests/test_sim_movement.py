"""The fighter's state machine on the ground and in the air, the riser, the floor and the walls."""

from __future__ import annotations

import pytest
from helpers import RISER, hold, idle, of_type, player, stage, step, tap, until

from game.sim import events as ev
from game.sim.fighter import FALL_GRACE, LAND_FRAMES
from game.sim.world import World

RISER_LEFT, RISER_BOTTOM, RISER_WIDTH, RISER_HEIGHT = RISER
RISER_TOP = RISER_BOTTOM + RISER_HEIGHT  # px: where a dancer standing on the riser has her feet
UNDER_RISER = RISER_LEFT + RISER_WIDTH / 2  # px: a spot on the floor right under the riser's middle
WALL_SLOP = 4.0  # px a body pressed against a wall may overlap it


def states_until_idle(world: World, *buttons: str, limit: int = 200) -> tuple[list[str], list[ev.Event]]:
    """Press `buttons` for one tick, then the states she passes through (repeats collapsed) until idle."""
    dancer = player(world)
    events = step(world, *buttons)
    seen = [dancer.state]
    for _ in range(limit):
        events += step(world)
        if dancer.state != seen[-1]:
            seen.append(dancer.state)
        if dancer.state == "idle":
            return seen, events
    raise AssertionError(f"never came back to idle: {seen}")


def stand_on_riser(world: World) -> None:
    """Jump from the floor under the riser up through it and wait until she stands on it."""
    dancer = player(world)
    tap(world, "jump")
    until(world, lambda w: dancer.state == "idle" and dancer.grounded)


def test_standing_still_is_idle_on_the_floor():
    world = stage(target=None)
    dancer = player(world)
    assert dancer.state == "idle" and dancer.grounded
    assert dancer.y == pytest.approx(0.0, abs=1.0)


def test_a_jump_rises_falls_and_lands_in_a_plie_then_stands():
    world = stage(target=None)
    seen, events = states_until_idle(world, "jump")
    assert seen == ["jump", "fall", "land", "idle"]
    assert len(of_type(events, ev.Jumped)) == 1
    assert len(of_type(events, ev.Landed)) == 1


def test_the_landing_plie_lasts_land_frames():
    world = stage(target=None)
    dancer = player(world)
    tap(world, "jump")
    until(world, lambda w: dancer.state == "land")
    landing = 0
    while dancer.state == "land":
        step(world)
        landing += 1
    assert landing == LAND_FRAMES + 1  # the landing tick itself and LAND_FRAMES more


def test_a_jump_rises_about_the_jump_height():
    world = stage(target=None)
    dancer = player(world)
    tap(world, "jump")
    apex = 0.0
    while dancer.state in ("jump", "fall"):
        apex = max(apex, dancer.y)
        step(world)
    assert apex == pytest.approx(dancer.spec.jump_height, rel=0.1)


def test_holding_down_crouches_lower_and_letting_go_stands():
    world = stage(target=None)
    dancer = player(world)
    standing_top = dancer.hurtbox()[3]
    hold(world, 3, "down")
    assert dancer.state == "crouch"
    assert dancer.hurtbox()[3] < standing_top - 40
    step(world)
    assert dancer.state == "idle"
    assert dancer.hurtbox()[3] == pytest.approx(standing_top)


def test_walking_off_a_ledge_falls_after_a_moment_and_lands_on_the_floor():
    world = stage(target=None, player_x=RISER_LEFT + RISER_WIDTH - 20)
    dancer = player(world)
    stand_on_riser(world)
    assert dancer.y == pytest.approx(RISER_TOP, abs=1.0)
    events = until(world, lambda w: dancer.state == "fall", buttons=["right"])
    assert dancer.x > RISER_LEFT + RISER_WIDTH  # she only falls once her feet leave the riser
    assert dancer.air_ticks >= FALL_GRACE
    events += until(world, lambda w: dancer.state == "land", buttons=["right"])
    assert dancer.y == pytest.approx(0.0, abs=1.0)
    assert len(of_type(events, ev.Landed)) == 1


def test_jumping_up_through_the_one_way_riser_lands_on_it():
    world = stage(target=None, player_x=UNDER_RISER)
    dancer = player(world)
    tap(world, "jump")
    passed_through = False
    while dancer.state in ("jump", "fall"):
        passed_through = passed_through or RISER_BOTTOM < dancer.y < RISER_TOP
        step(world)
    assert passed_through
    assert dancer.state == "land"
    assert dancer.y == pytest.approx(RISER_TOP, abs=1.0)
    idle(world, 30)
    assert dancer.state == "idle" and dancer.y == pytest.approx(RISER_TOP, abs=1.0)
    assert world.on_one_way(dancer)


def test_down_and_jump_drops_through_the_riser_to_the_floor():
    world = stage(target=None, player_x=UNDER_RISER)
    dancer = player(world)
    stand_on_riser(world)
    events = tap(world, "down", "jump")
    assert dancer.state == "fall"
    events += until(world, lambda w: dancer.state == "idle")
    assert dancer.y == pytest.approx(0.0, abs=1.0)
    assert of_type(events, ev.Jumped) == []  # a drop, not a jump


def test_down_and_jump_on_solid_floor_is_an_ordinary_jump():
    world = stage(target=None)
    dancer = player(world)
    events = tap(world, "down", "jump")
    assert dancer.state == "jump"
    assert len(of_type(events, ev.Jumped)) == 1


def test_the_floor_holds_a_landing_from_the_riser():
    world = stage(target=None, player_x=UNDER_RISER)
    dancer = player(world)
    stand_on_riser(world)
    tap(world, "down", "jump")
    lowest = dancer.y
    for _ in range(60):
        step(world)
        lowest = min(lowest, dancer.y)
    assert lowest > -2.0
    assert dancer.state == "idle" and dancer.y == pytest.approx(0.0, abs=1.0)


@pytest.mark.parametrize("direction", ["left", "right"])
@pytest.mark.parametrize("run", [False, True], ids=["walking", "running"])
def test_the_walls_hold_a_dancer_pressing_into_them(direction, run):
    world = stage(target=None, player_x=100.0 if direction == "left" else 2300.0)
    dancer = player(world)
    if run:
        tap(world, direction, after=3)
    inner = dancer.width / 2 - WALL_SLOP
    for _ in range(90):
        step(world, direction)
        assert inner <= dancer.x <= world.width - inner


@pytest.mark.parametrize("direction", ["left", "right"])
def test_a_dancer_who_ran_into_a_wall_stands_clear_of_it_once_she_lets_go(direction):
    world = stage(target=None, player_x=100.0 if direction == "left" else 2300.0)
    dancer = player(world)
    tap(world, direction, after=3)
    hold(world, 60, direction)
    idle(world, 60)
    inner = dancer.width / 2 - WALL_SLOP
    assert inner <= dancer.x <= world.width - inner


def test_facing_follows_the_direction_held():
    world = stage(target=None)
    dancer = player(world)
    hold(world, 3, "left")
    assert dancer.facing == -1
    hold(world, 3, "right")
    assert dancer.facing == 1


def test_facing_follows_the_direction_held_in_the_air():
    world = stage(target=None)
    dancer = player(world)
    tap(world, "jump", after=3)
    hold(world, 3, "left")
    assert dancer.state in ("jump", "fall")
    assert dancer.facing == -1


def test_facing_never_turns_mid_move():
    world = stage(target=None)
    dancer = player(world)
    tap(world, "light")
    assert dancer.move is not None and dancer.facing == 1
    while dancer.state == "move":
        assert dancer.facing == 1
        step(world, "left")
    assert dancer.state == "walk" and dancer.facing == -1  # free again, she turns at once


def test_a_directional_move_faces_the_way_it_was_pressed():
    world = stage(target=None)
    dancer = player(world)
    events = tap(world, "left", "light")  # forward+light while facing right: the glissade, to the left
    started = of_type(events, ev.MoveStarted)
    assert [m.move for m in started] == ["glissade"]
    assert dancer.facing == -1


@pytest.mark.parametrize("run", [False, True], ids=["walking", "running"])
def test_walking_into_the_planted_dummy_neither_moves_it_nor_passes_into_it(run):
    from helpers import the_target

    world = stage(gap=200)
    dancer, dummy = player(world), the_target(world)
    start = dummy.x
    if run:
        tap(world, "right", after=3)
    hold(world, 90, "right")
    assert dummy.x == start
    one_tick = (dancer.spec.run_speed if run else dancer.spec.walk_speed) / 60  # pushboxes act before physics
    assert dummy.x - dancer.x >= (dancer.width + dummy.width) / 2 - one_tick - 0.5


def test_two_sparring_ballerinas_push_each_other_apart_evenly():
    world = stage(target="sparring_partner", gap=200)
    dancer = player(world)
    partner = world.fighters[1]
    assert partner.x == 900.0
    hold(world, 60, "right")
    start = 900.0  # SPAWN_X + gap
    assert partner.x > start + 30  # she walks him back (at half her walking speed: they share the push)
    one_tick = dancer.spec.walk_speed / 60
    assert partner.x - dancer.x >= dancer.width - one_tick - 0.5  # side by side, never one inside the other
