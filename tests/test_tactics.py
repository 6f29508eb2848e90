"""The enemies' brain: turns taken with attack tokens, guards that depend on difficulty, footing kept at
the stage's edge, bosses' phases, getup rolls, and fights that stay exact under rollback."""

from __future__ import annotations

from functools import lru_cache

import pytest

from game.data import LEVELS
from game.data.bundle import Bundle, load_bundle
from game.data.fighters import Archetype
from game.data.levels import ActorSpec
from game.scripting.sparring import CROWD, crowd_at, crowd_cast
from game.scripting.synctest import run_synctest
from game.sim import events as ev
from game.sim.brains import RandomBrain
from game.sim.inputs import InputFrame
from game.sim.rng import Rng
from game.sim.tactics import TacticsBrain
from game.sim.tactics_parts import TOKEN_REST, AttackTokens
from game.sim.world import World

OPERA = LEVELS / "opera_house.toml"
ACADEMY = LEVELS / "academy.toml"
CAST = (*CROWD, "director")


@lru_cache(maxsize=2)
def bundle(path=ACADEMY) -> Bundle:  # type: ignore[no-untyped-def]
    return load_bundle(path, extra=CAST)


def with_tactics(archetypes: dict[str, Archetype], **tactics: object) -> dict[str, Archetype]:
    """Every enemy thinking with the tactics brain; `tactics` overrides their [tactics] keys."""
    changed = dict(archetypes)
    for name in CAST:
        spec = archetypes[name].spec
        update: dict[str, object] = {"brain": "tactics"}
        if tactics:
            update["tactics"] = spec.tactics.model_copy(update=tactics)
        changed[name] = Archetype(name, spec.model_copy(update=update), archetypes[name].moves)
    return changed


def arena(actors: list[ActorSpec], difficulty: str = "normal", seed: int = 1, path=ACADEMY,  # type: ignore[no-untyped-def]
          spawn: tuple[float, float] | None = None, **tactics: object) -> World:
    b = bundle(path)
    update: dict[str, object] = {"actors": actors, "waves": []}
    if spawn is not None:
        update["spawn"] = spawn
    level = b.level.model_copy(update=update)
    return World(level, with_tactics(b.archetypes, **tactics), seed=seed, choreography=b.choreography,
                 difficulty=difficulty)


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_no_more_enemies_attack_her_at_once_than_the_difficulty_allows(difficulty: str) -> None:
    actors = [ActorSpec(archetype=CROWD[i % len(CROWD)], at=(400.0 + 110 * i, 0.0), brain="tactics") for i in range(7)]
    world = arena(actors, difficulty, seed=3)
    for fighter in world.fighters[1:]:
        fighter.health = 100_000  # nobody falls: the crowd keeps pressing her for the whole run
    world.player.health = 100_000  # type: ignore[union-attr]
    player = RandomBrain(Rng(5))
    limit = world.difficulty.attack_tokens
    most = 0
    for _ in range(1500):
        events = world.step({0: player.decide(world, world.fighters[0])})
        attackers = AttackTokens.of(world).attackers_of(0)
        assert len(attackers) <= limit
        most = max(most, len(attackers))
        for event in events:  # a blow begun from neutral at her comes from a token holder
            if type(event) is ev.MoveStarted and event.fighter and event.cancelled_from is None:
                move = world.fighters[event.fighter].book[event.move]
                if move.hits and world.fighters[event.fighter].state == "move":
                    assert event.fighter in attackers or _just_released(world, event.fighter)
    assert most == limit  # the rule was tested at its edge, not only far below it


def _just_released(world: World, fighter: int) -> bool:
    """A token handed back on this very tick (its holder was hit as its blow began)."""
    return AttackTokens.of(world).resting.get(fighter, -1) == world.tick + TOKEN_REST


def guarded_share(difficulty: str, seeds: range = range(4)) -> float:
    """Of battements she throws after walking up to a wary thug (who never attacks), the share it guards."""
    turned, thrown = 0, 0
    for seed in seeds:
        world = arena([ActorSpec(archetype="thug", at=(900.0, 0.0), facing="left", brain="tactics")], difficulty,
                      seed=seed, spawn=(700.0, 0.0), aggression=0.0, guard=0.4, range=60.0)
        me, thug = world.fighters[0], world.fighters[1]
        thug.health = 100_000
        for _ in range(12):
            for _ in range(200):  # walk up to him
                if abs(thug.x - me.x) < 80 or me.state == "move":
                    break
                world.step({0: InputFrame.of("right" if thug.x > me.x else "left")})
            events = world.step({0: InputFrame.of("light")})
            for _ in range(40):
                events += world.step({0: InputFrame()})
            for event in events:
                if type(event) in (ev.Blocked, ev.Parried) and event.target == 1:
                    turned += 1
                    thrown += 1
                elif type(event) is ev.Hit and event.target == 1:
                    thrown += 1
    assert thrown >= 20, "the battements must reach him for the comparison to mean anything"
    return turned / thrown


def test_a_wary_enemy_guards_a_telegraphed_battement_more_often_on_hard_than_on_easy() -> None:
    assert guarded_share("hard") > guarded_share("easy") + 0.2


def test_no_enemy_walks_off_the_opera_stage_edge() -> None:
    # she stands on the stage near its edge over the orchestra pit; the cast gathers around her, the
    # gunman backing away towards the edge; she walks at them and guards but never strikes anyone
    actors = [ActorSpec(archetype=name, at=(2200.0 + 70 * i, 0.0), brain="tactics")
              for i, name in enumerate(("gunman", "knife_fighter", "thug", "gunman", "knife_fighter"))]
    world = arena(actors, "hard", seed=2, path=OPERA, spawn=(1900.0, 0.0))
    me = world.fighters[0]
    me.health = 100_000
    for tick in range(1200):
        held = ("block", "right") if tick % 90 < 30 else ("right",) if me.x < 2400 else ()
        world.step({0: InputFrame.of(*held)})
        for enemy in world.fighters[1:]:
            if me.y > -5.0 and enemy.state not in ("hitstun", "juggle", "ko", "knockdown"):
                assert enemy.y > -30.0, f"{enemy.archetype} went over the stage's edge at x={enemy.x:.0f}"


def test_an_enemy_out_of_a_juggle_gets_up_with_a_roll_away_from_her() -> None:
    world = arena([ActorSpec(archetype="knife_fighter", at=(900.0, 0.0), facing="left", brain="tactics")],
                  spawn=(700.0, 0.0), aggression=0.0, guard=0.0, range=40.0)
    me, knife = world.fighters[0], world.fighters[1]
    for _ in range(200):  # walk up to it
        if abs(knife.x - me.x) < 70:
            break
        world.step({0: InputFrame.of("right" if knife.x > me.x else "left")})
    world.step({0: InputFrame.of("down", "light")})  # rond de jambe: a trip, then a knockdown
    getup_x = None
    for _ in range(150):
        world.step({0: InputFrame()})
        if knife.state == "getup" and getup_x is None:
            getup_x = knife.x
    assert getup_x is not None
    side = 1 if knife.x > world.fighters[0].x else -1
    assert side * (knife.x - getup_x) > 80.0  # about 120 px away from her, not on the spot


def test_the_director_begins_each_phase_at_its_threshold() -> None:
    world = arena([ActorSpec(archetype="director", at=(1100.0, 0.0), brain="tactics")], spawn=(700.0, 0.0))
    director = world.fighters[1]
    full = director.spec.health
    changes: list[ev.PhaseChanged] = []

    def step() -> None:
        changes.extend(e for e in world.step({0: InputFrame()}) if type(e) is ev.PhaseChanged)

    director.health = int(full * 0.61)
    step()
    assert changes == []
    director.health = int(full * 0.6)
    step()
    assert [(c.phase, c.announce) for c in changes] == [(1, director.spec.phases[0].announce)]
    director.health = int(full * 0.29)
    step()
    assert [c.phase for c in changes] == [1, 2]
    assert "finale" not in director.spec.locked_moves(director.health / full)


def test_tactics_fights_stay_exact_under_rollback() -> None:
    b = bundle()
    actors = crowd_at((500.0 + 120 * i for i in range(6)), 0.0)
    level = b.level.model_copy(update={"actors": actors})
    world = World(level, crowd_cast(b, 5_000), seed=4, choreography=b.choreography, difficulty="hard")
    result = run_synctest(world, ticks=240, rollback=6, seed=4, name="tactics crowd", out_dir=None)
    assert result.in_sync, result.describe()


def test_a_snapshot_restores_the_brains_and_tokens_exactly() -> None:
    world = arena([ActorSpec(archetype=CROWD[i], at=(500.0 + 150 * i, 0.0), brain="tactics") for i in range(5)])
    player = RandomBrain(Rng(9))
    for _ in range(200):
        world.step({0: player.decide(world, world.fighters[0])})
    snapshot = world.snapshot()
    first = []
    for _ in range(120):
        world.step({0: InputFrame.of("light")})
        first.append(world.state_hash())
    world.restore(snapshot)
    again = []
    for _ in range(120):
        world.step({0: InputFrame.of("light")})
        again.append(world.state_hash())
    assert first == again
    assert isinstance(world.fighters[1].brain, TacticsBrain)
    assert AttackTokens.of(world) in world.systems
