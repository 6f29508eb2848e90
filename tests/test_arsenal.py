"""Gunshots with a fair telegraph, bullets dodged, blocked and turned back, weapons picked up and thrown."""

from __future__ import annotations

from functools import lru_cache

import pytest
from helpers import academy, idle, of_type, player, step, tap

from game.data.errors import DataError
from game.data.fighters import Archetype, load_archetype
from game.data.levels import ActorSpec, WeaponSpec, level_from_table
from game.sim import events as ev
from game.sim.arsenal import DROPPED_ROUNDS, LOCK_TICKS, arsenal_of
from game.sim.inputs import InputFrame
from game.sim.world import World

GAP = 500.0  # px between her and the gunman
SHOT = "spin"  # the gunman's shot button (assets/moves/gunman.toml [moves.shot])


@lru_cache(maxsize=1)
def _gunman() -> Archetype:
    return load_archetype("gunman")


def _range(gap: float = GAP, weapons: tuple[WeaponSpec, ...] = (), difficulty: str = "normal",
           target: str = "gunman") -> World:
    """The Academy floor: the ballerina at x=700 facing right, a standing `target` `gap` px in front of her."""
    bundle = academy()
    archetypes = dict(bundle.archetypes)
    archetypes["gunman"] = _gunman()
    actors = [ActorSpec(archetype=target, at=(700.0 + gap, 0.0), facing="left", brain="stand")]
    level = bundle.level.model_copy(update={"actors": actors, "spawn": (700.0, 0.0), "weapons": list(weapons)})
    world = World(level, archetypes, seed=1, choreography=bundle.choreography, difficulty=difficulty)
    idle(world, 30)
    return world


def _tick(world: World, mine: tuple[str, ...] = (), his: tuple[str, ...] = ()) -> list[ev.Event]:
    return world.step({0: InputFrame.of(*mine), 1: InputFrame.of(*his)})


def _shoot(world: World, mine_at: dict[int, tuple[str, ...]] | None = None, ticks: int = 90) -> list[ev.Event]:
    """The gunman presses his shot on tick 0; she holds `mine_at[i]` on tick i after that."""
    mine_at = mine_at or {}
    events = _tick(world, mine_at.get(0, ()), (SHOT,))
    for i in range(1, ticks):
        events += _tick(world, mine_at.get(i, ()))
    return events


def test_an_aim_cut_short_by_a_bullet_draws_no_laser():
    """Two gunmen: hers strikes him while he is taking aim. The laser goes with his aim, and drawing the
    lasers (every frame) never trips over an aimer whose move that bullet ended later in the same tick."""
    bundle = academy()
    archetypes = dict(bundle.archetypes)
    archetypes["gunman"] = _gunman()
    actors = [ActorSpec(archetype="gunman", at=(700.0 + GAP, 0.0), facing="left", brain="stand")]
    level = bundle.level.model_copy(update={"actors": actors, "spawn": (700.0, 0.0), "weapons": []})
    world = World(level, archetypes, seed=1, player="gunman", choreography=bundle.choreography)
    idle(world, 30)
    arsenal = arsenal_of(world)
    assert arsenal is not None
    struck_aiming = False
    for i in range(90):
        was_aiming = 1 in arsenal.aiming
        events = _tick(world, (SHOT,) if i == 0 else (), (SHOT,) if i == 14 else ())
        lasers = arsenal.lasers(world)
        if any(e.target == 1 for e in of_type(events, ev.BulletHit)) and (was_aiming or 1 in arsenal.aiming):
            struck_aiming = True
            assert [laser for laser in lasers if laser[0] == 1] == []
    assert struck_aiming, "her bullet never caught him taking aim"


@lru_cache(maxsize=1)
def _arrival() -> int:
    """Ticks after the gunman's press at which his bullet strikes her standing still."""
    world = _range()
    start = world.tick
    hits = of_type(_shoot(world), ev.BulletHit)
    assert hits, "the bullet never arrived"
    return hits[0].tick - start - 1


def test_the_laser_warns_at_least_20_ticks_before_the_bullet_flies():
    for difficulty in ("easy", "normal", "hard"):
        world = _range(difficulty=difficulty)
        first_aim = None
        for i in range(80):
            events = _tick(world, (), (SHOT,) if i == 0 else ())
            aims = arsenal_of(world).lasers(world)
            if aims and first_aim is None:
                first_aim = world.tick
                fighter, start, end, left = aims[0]
                assert fighter == 1 and end[0] < start[0]  # from his muzzle toward her
            fired = of_type(events, ev.ShotFired)
            if fired:
                assert first_aim is not None and fired[0].tick - first_aim >= 20, difficulty
                break
        else:
            pytest.fail("he never fired")


def test_the_aim_follows_her_then_locks_before_the_shot():
    world = _range()
    slopes: list[tuple[float, int]] = []  # the laser's dy/dx, and ticks to the shot
    for i in range(40):
        _tick(world, ("left",), (SHOT,) if i == 0 else ())  # she walks away all along
        for _, start, end, left in arsenal_of(world).lasers(world):
            slopes.append(((end[1] - start[1]) / (end[0] - start[0]), left))
    lock = LOCK_TICKS["normal"]
    locked = {round(slope, 9) for slope, left in slopes if left < lock}
    following = {round(slope, 9) for slope, left in slopes if left > lock}
    assert len(locked) == 1, "the aim moved after it locked"
    assert len(following) > 3, "the aim did not follow her"


def test_a_bullet_hits_a_standing_target():
    world = _range()
    events = _shoot(world)
    hits = [h for h in of_type(events, ev.Hit) if h.attacker == 1]
    assert [(h.target, h.move, h.damage) for h in hits] == [(0, "shot", 80)]
    assert [(b.shooter, b.target) for b in of_type(events, ev.BulletHit)] == [(1, 0)]
    assert player(world).health == player(world).spec.health - 80


def test_pas_de_bourree_timed_in_the_window_dodges_the_bullet():
    world = _range()
    events = _shoot(world, {_arrival() - 4: ("dodge",)})
    assert not [h for h in of_type(events, ev.Hit) if h.target == 0]
    assert player(world).health == player(world).spec.health
    assert of_type(events, ev.ShotFired)


def test_a_crouch_ducks_under_the_locked_aim():
    world = _range()
    events = _shoot(world, {i: ("down",) for i in range(_arrival() - 6, _arrival() + 6)})
    assert not [h for h in of_type(events, ev.Hit) if h.target == 0]


def test_a_guard_blocks_the_bullet():
    world = _range()
    events = _shoot(world, {i: ("block",) for i in range(_arrival() + 10)})
    blocked = of_type(events, ev.Blocked)
    assert [(b.attacker, b.target, b.move) for b in blocked] == [(1, 0, "shot")]
    assert not of_type(events, ev.Hit)
    assert player(world).health == player(world).spec.health


def test_a_pirouette_sends_the_bullet_back_at_the_gunman():
    world = _range()
    events = _shoot(world, {_arrival() - 9: ("spin",)})
    deflected = of_type(events, ev.BulletDeflected)
    assert [(d.fighter, d.shooter, d.move) for d in deflected] == [(0, 1, "pirouette")]
    hits = of_type(events, ev.Hit)
    assert [(h.attacker, h.target) for h in hits] == [(0, 1)]
    assert world.fighters[1].health < world.fighters[1].spec.health
    assert player(world).health == player(world).spec.health


def test_walking_over_a_pistol_and_down_light_picks_it_up_and_each_shot_spends_a_round():
    world = _range(gap=700, weapons=(WeaponSpec(kind="pistol", at=(760.0, 40.0), rounds=2),))
    her = player(world)
    idle_events = idle(world, 2)
    assert not of_type(idle_events, ev.WeaponPickedUp)
    for _ in range(20):
        step(world, "right")
    assert her.weapon_at_feet
    events = tap(world, "down", "light", after=20)
    assert [(p.fighter, p.kind, p.rounds) for p in of_type(events, ev.WeaponPickedUp)] == [(0, "pistol", 2)]
    assert (her.weapon, her.rounds) == ("pistol", 2)
    assert [m.move for m in of_type(events, ev.MoveStarted)] == ["pick_up"]
    fired = []
    for _ in range(3):
        fired += of_type(tap(world, "up", "light", after=30), ev.ShotFired)
    assert [f.kind for f in fired] == ["bullet", "bullet", "pistol"]  # two rounds, then the pistol itself
    assert (her.weapon, her.rounds) == (None, 0)


def test_down_light_with_nothing_at_her_feet_is_still_the_rond_de_jambe():
    world = _range()
    events = tap(world, "down", "light", after=5)
    assert [m.move for m in of_type(events, ev.MoveStarted)] == ["rond_de_jambe"]


def test_a_thrown_knife_hits_and_falls_to_the_floor_where_it_stopped():
    world = _range(gap=300, target="training_dummy")
    her = player(world)
    her.weapon = "knife"
    events = tap(world, "up", "light", after=40)
    assert [f.kind for f in of_type(events, ev.ShotFired)] == ["knife"]
    assert [(h.attacker, h.target, h.move, h.slash) for h in of_type(events, ev.Hit)] == [(0, 1, "knife_throw", True)]
    assert her.weapon is None
    floor = arsenal_of(world).floor
    assert [kind for kind, *_ in floor] == ["knife"]
    assert abs(floor[0][1] - world.fighters[1].x) < 60 and floor[0][2] == 0.0


def test_a_knocked_out_gunman_drops_his_pistol():
    world = _range(gap=60)
    world.fighters[1].health = 1
    events = tap(world, "light", after=60)
    assert of_type(events, ev.KO)
    dropped = of_type(events, ev.WeaponDropped)
    assert [(d.kind, d.by) for d in dropped] == [("pistol", 1)]
    assert [(kind, rounds) for kind, _, _, rounds in arsenal_of(world).floor] == [("pistol", DROPPED_ROUNDS)]


def test_snapshot_and_restore_are_exact_with_bullets_in_flight():
    world = _range()
    player(world).weapon, player(world).rounds = "pistol", 1
    _tick(world, (), (SHOT,))
    while not arsenal_of(world).bullets:
        _tick(world)
    snapshot = world.snapshot()
    mine = [(), ("dodge",), (), ("spin",)] + [()] * 30 + [("up", "light")] + [()] * 30  # her last round, too
    first = []
    for held in mine:
        _tick(world, held)
        first.append(world.state_hash())
    world.restore(snapshot)
    assert arsenal_of(world).bullets
    again = []
    for held in mine:
        _tick(world, held)
        again.append(world.state_hash())
    assert again == first
    assert player(world).rounds == 0


def test_weapons_in_a_level_file_are_checked_by_name_and_place():
    raw = {
        "name": "Range", "size": [1000, 600], "platforms": [{"rect": [0, -100, 1000, 100]}],
        "goal": {"kind": "practice"},
        "weapons": [{"kind": "knfie", "at": [100, 0]}, {"kind": "pistol", "at": [1400, 0], "rounds": 2}],
    }
    with pytest.raises(DataError) as caught:
        level_from_table(raw, "range.toml")
    message = str(caught.value)
    assert "weapons[0].kind" in message and "did you mean 'knife'" in message
    assert "weapons[1].at" in message and "outside" in message
