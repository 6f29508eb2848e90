"""Levels in play: waves and their triggers, goals, hanging props (chains cut, springs swing), slopes."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import pytest

from game.data.errors import DataError
from game.data.fighters import load_archetype
from game.data.levels import LevelSpec, level_from_table
from game.sim import events as ev
from game.sim.props import segment_touches_box
from game.sim.world import ENEMY_TEAM, World
from tests.helpers import academy, hold, idle, of_type, player, step

FLOOR = {"rect": [-200, -200, 4400, 200]}


@lru_cache(maxsize=1)
def cast() -> dict:
    archetypes = dict(academy().archetypes)
    archetypes["assassin"] = load_archetype("assassin")
    return archetypes


def level(**table: Any) -> LevelSpec:
    """A level 4000 px wide with a floor at y = 0, the ballerina at x = 300, and whatever `table` adds."""
    base: dict[str, Any] = {"name": "Test", "size": [4000, 1200], "spawn": [300, 0], "platforms": [FLOOR]}
    base["goal"] = {"kind": "practice"}
    return level_from_table({**base, **table}, "test.toml", cast())


def world_of(spec: LevelSpec, seed: int = 1) -> World:
    return World(spec, cast(), seed=seed, choreography=academy().choreography)


def wave(trigger: dict, *xs: float, name: str = "", boss: bool = False) -> dict:
    enemies = [{"kind": "assassin", "at": [x, 0], "brain": "stand", "boss": boss} for x in xs]
    return {"name": name, "trigger": trigger, "enemies": enemies}


def knock_out(world: World, ids) -> None:  # type: ignore[no-untyped-def]
    for i in ids:
        world.fighters[i].set_state("ko")


# --- waves and goals ------------------------------------------------------------------------


def test_a_start_wave_sends_its_enemies_on_the_first_tick():
    world = world_of(level(waves=[wave({"kind": "start"}, 1200, 1300, name="The ushers")]))
    started = of_type(step(world), ev.WaveStarted)
    assert [(e.tick, e.index, e.name) for e in started] == [(1, 0, "The ushers")]
    enemies = [world.fighters[i] for i in started[0].fighters]
    assert [(f.archetype, f.team, f.x) for f in enemies] == [
        ("assassin", ENEMY_TEAM, 1200),
        ("assassin", ENEMY_TEAM, 1300),
    ]


def test_a_reach_wave_waits_until_the_ballerina_passes_its_x():
    world = world_of(level(waves=[wave({"kind": "reach", "x": 1000}, 1500)]))
    assert of_type(idle(world, 60), ev.WaveStarted) == []
    player(world).place(1010, 0)
    assert len(of_type(step(world), ev.WaveStarted)) == 1


def test_a_tick_wave_comes_on_its_tick():
    world = world_of(level(waves=[wave({"kind": "tick", "tick": 90}, 1500)]))
    started = of_type(idle(world, 120), ev.WaveStarted)
    assert [e.tick for e in started] == [90]


def test_waves_come_in_file_order_whatever_their_triggers():
    waves = [wave({"kind": "tick", "tick": 60}, 1500), wave({"kind": "start"}, 1600)]
    world = world_of(level(waves=waves))
    started = of_type(idle(world, 80), ev.WaveStarted)
    assert [(e.tick, e.index) for e in started] == [(60, 0), (60, 1)]


def test_a_cleared_wave_follows_the_knock_out_of_the_wave_before_and_clearing_all_wins():
    waves = [wave({"kind": "start"}, 1500, 1600, name="first"), wave({"kind": "cleared"}, 2000, name="second")]
    world = world_of(level(waves=waves, goal={"kind": "clear_waves"}))
    first = of_type(step(world), ev.WaveStarted)[0]
    knock_out(world, first.fighters[:1])
    assert of_type(idle(world, 10), ev.WaveCleared) == []  # one of the two still stands
    knock_out(world, first.fighters)
    events = step(world)
    assert [(e.index, e.name) for e in of_type(events, ev.WaveCleared)] == [(0, "first")]
    second = of_type(events, ev.WaveStarted)
    assert [e.index for e in second] == [1]
    assert of_type(events, ev.LevelWon) == []
    knock_out(world, second[0].fighters)
    events = step(world)
    assert [e.goal for e in of_type(events, ev.LevelWon)] == ["clear_waves"]
    assert of_type(idle(world, 30), ev.LevelWon) == []  # won once


def test_reach_exit_is_won_when_she_passes_the_exit():
    world = world_of(level(goal={"kind": "reach_exit", "x": 3600}))
    assert of_type(idle(world, 30), ev.LevelWon) == []
    player(world).place(3610, 0)
    assert [e.goal for e in of_type(step(world), ev.LevelWon)] == ["reach_exit"]


def test_defeat_boss_is_won_by_the_boss_alone():
    waves = [wave({"kind": "start"}, 1500), wave({"kind": "start"}, 2500, boss=True)]
    world = world_of(level(waves=waves, goal={"kind": "defeat_boss"}))
    minion, boss = (e.fighters[0] for e in of_type(step(world), ev.WaveStarted))
    knock_out(world, [minion])
    assert of_type(idle(world, 5), ev.LevelWon) == []
    knock_out(world, [boss])
    assert [e.goal for e in of_type(step(world), ev.LevelWon)] == ["defeat_boss"]


def test_practice_never_ends():
    world = academy().world(seed=1)
    assert of_type(hold(world, 600, "right"), ev.LevelWon) == []
    assert world.director.won is False


def test_the_wave_script_is_deterministic_and_part_of_the_state_hash():
    spec = level(waves=[wave({"kind": "tick", "tick": 30}, 900), wave({"kind": "cleared"}, 1200)])
    a, b = world_of(spec, seed=5), world_of(spec, seed=5)
    for _ in range(90):
        assert a.step() == b.step()
        assert a.state_hash() == b.state_hash()
    before = a.state_hash()
    a.director.cleared[0] = True
    assert a.state_hash() != before


def test_a_level_with_no_waves_for_a_goal_that_needs_them_is_refused():
    with pytest.raises(DataError) as caught:
        level(goal={"kind": "clear_waves"})
    assert [p.path for p in caught.value.problems] == ["goal.kind"]


def test_the_assassin_dances_the_ballerinas_moves_with_less_health():
    assassin, ballerina = cast()["assassin"], cast()["ballerina"]
    assert assassin.spec.moves == "ballerina" and assassin.spec.poses == "ballerina"
    assert assassin.spec.look == "assassin" and assassin.spec.brain == "tactics"
    assert assassin.spec.health < ballerina.spec.health


# --- hanging props ------------------------------------------------------------------------


def chandelier(at, anchor, size=(160, 90), mass=80.0) -> dict:  # type: ignore[no-untyped-def]
    return {"kind": "chandelier", "at": list(at), "size": list(size), "mass": mass, "hang": {"anchor": list(anchor)}}


def test_hanging_props_rest_where_they_are_placed():
    sign = {"kind": "neon_sign", "at": [2500, 400], "size": [140, 60], "hang": {"anchor": [2500, 560], "by": "spring"}}
    world = world_of(level(props=[chandelier((2000, 500), (2000, 1100)), sign]))
    idle(world, 120)
    assert [(round(p.x), round(p.y)) for p in world.props] == [(2000, 545), (2500, 430)]
    assert all(p.hanging for p in world.props)


def test_a_kick_on_a_chained_prop_cuts_the_chain_and_it_falls():
    world = world_of(level(spawn=[1880, 0], props=[chandelier((1960, 40), (1960, 900), size=(120, 80))]))
    idle(world, 10)
    events = hold(world, 2, "heavy") + idle(world, 30)  # an arabesque, facing right
    cuts = of_type(events, ev.ChainCut)
    assert [(e.prop, e.by) for e in cuts] == [(0, world.player_id)]
    assert world.props[0].hanging is False


def test_a_kick_across_the_chain_cuts_it_without_touching_the_prop():
    balcony = {"rect": [1700, 280, 220, 20]}
    prop = chandelier((1940, 330), (1940, 900), size=(40, 30), mass=20)
    world = world_of(level(spawn=[1880, 300], platforms=[FLOOR, balcony], props=[prop]))
    idle(world, 10)
    events = hold(world, 2, "light") + idle(world, 20)  # a battement at chain height
    assert of_type(events, ev.PropHit) == []
    assert [e.by for e in of_type(events, ev.ChainCut)] == [world.player_id]


def test_a_falling_chandelier_knocks_down_an_enemy_as_a_hit_from_whoever_cut_it():
    enemy = {"archetype": "assassin", "at": [2300, 0], "brain": "stand"}
    world = world_of(level(actors=[enemy], props=[chandelier((2300, 600), (2300, 1100))]))
    idle(world, 10)
    target = world.fighters[1]
    world.rigging.cut(world, world.props[0], world.player_id)
    events = idle(world, 80)
    hits = of_type(events, ev.Hit)
    assert [(h.attacker, h.target, h.move, h.damage) for h in hits] == [(world.player_id, 1, "chandelier", 240)]
    assert target.health == cast()["assassin"].spec.health - 240
    assert [e.fighter for e in of_type(events, ev.KnockedDown)] == [1]


def test_a_falling_chandelier_spares_the_side_that_cut_it():
    world = world_of(level(spawn=[2300, 0], props=[chandelier((2300, 600), (2300, 1100))]))
    idle(world, 10)
    world.rigging.cut(world, world.props[0], world.player_id)
    assert of_type(idle(world, 80), ev.Hit) == []


def test_a_sign_on_a_spring_swings_when_hit_and_settles_back():
    hang = {"anchor": [1960, 400], "by": "spring"}
    sign = {"kind": "neon_sign", "at": [1960, 60], "size": [140, 60], "mass": 10, "hang": hang}
    world = world_of(level(spawn=[1860, 0], props=[sign]))
    idle(world, 10)
    angles = []
    for _ in range(40):
        step(world, "heavy")
        angles.append(abs(world.props[0].body.angle))
    assert of_type(idle(world, 1), ev.ChainCut) == []
    assert max(angles) > math.radians(10)
    idle(world, 600)
    prop = world.props[0]
    assert prop.hanging and abs(prop.body.angle) < math.radians(3)
    assert math.dist((prop.x, prop.y), (1960, 90)) < 6


def test_a_chain_line_is_struck_where_it_crosses_a_hitbox():
    assert segment_touches_box((0, 0), (100, 100), (40, 40, 60, 60))
    assert segment_touches_box((50, 0), (50, 500), (0, 100, 100, 120))
    assert not segment_touches_box((0, 0), (100, 100), (60, 0, 100, 30))
    assert not segment_touches_box((50, 200), (50, 500), (0, 100, 100, 120))


# --- slopes ---------------------------------------------------------------------------------

RAMP = {"rect": [800, 0, 400, 2], "rise": 150}  # from y = 2 at x = 800 up to y = 152 at x = 1200


def on_ramp() -> World:
    world = world_of(level(platforms=[FLOOR, RAMP]))
    idle(world, 10)
    return world


def test_she_walks_up_a_slope_with_her_feet_on_it():
    world = on_ramp()
    slope = world.slopes[0]
    me = player(world)
    events = []
    heights = []
    for _ in range(200):
        events += step(world, "right")
        if 820 < me.x < 1150:
            heights.append(me.y - slope.under(me.x, me.width / 2))
    assert me.x > 1100 and me.grounded
    assert heights and max(abs(h) for h in heights) < 1.0
    assert of_type(events, ev.Landed) == []  # no little falls on the way


def test_she_walks_down_a_slope_without_hopping():
    world = on_ramp()
    me = player(world)
    me.place(1150, world.slopes[0].under(1150, me.width / 2))
    idle(world, 10)
    states = set()
    events = []
    for _ in range(110):
        events += step(world, "left")
        states.add(me.state)
    assert me.x < 760 and abs(me.y) < 1.0
    assert of_type(events, ev.Landed) == [] and states == {"walk"}


def test_she_stands_still_on_a_slope():
    world = on_ramp()
    me = player(world)
    hold(world, 140, "right")
    idle(world, 30)
    x, y = me.x, me.y
    idle(world, 300)
    assert 820 < x < 1200
    assert abs(me.x - x) < 0.5 and abs(me.y - y) < 0.5 and me.state == "idle"


def test_a_landing_on_a_slope_does_not_skid():
    world = on_ramp()
    me = player(world)
    hold(world, 140, "right")
    idle(world, 30)
    x = me.x
    events = tap(world, "jump", after=90)
    assert len(of_type(events, ev.Landed)) == 1
    assert abs(me.x - x) < 2.0 and me.state == "idle"


def test_a_slope_must_keep_its_top_above_its_bottom():
    with pytest.raises(DataError) as caught:
        level(platforms=[FLOOR, {"rect": [800, 0, 400, 20], "rise": -30}])
    assert [p.path for p in caught.value.problems] == ["platforms[1]"]


def tap(world: World, *buttons: str, after: int = 0) -> list[ev.Event]:
    return step(world, *buttons) + idle(world, after)
