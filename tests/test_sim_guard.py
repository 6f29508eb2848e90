"""Guard, parry, armour, the grace finisher and difficulty: the rules that let a fight be fought back."""

from __future__ import annotations

from helpers import academy, idle, of_type, player, stage, step, step_both, tap, the_target

from game.data.fighters import Archetype
from game.sim import events as ev
from game.sim.difficulty import DIFFICULTIES
from game.sim.fighter import COUNTER_BONUS, PARRY_FRAMES, PARRY_STUN
from game.sim.world import World

BATTEMENT_DAMAGE = 40  # assets/moves/ballerina.toml: the battement's one hit
BATTEMENT_STARTUP = 5  # its hit lands on frame 6: the 6th tick after the press


def _partner(**update) -> World:
    """The ballerina facing a second ballerina 60 px away (fighter 1), standing, facing her."""
    return stage("sparring_partner", gap=60, **update)


def _kick_against(world: World, theirs_for: int, theirs=("block",), lead: int = 0) -> list[ev.Event]:
    """The partner holds `theirs` from `lead` ticks before her battement is pressed, for `theirs_for` ticks."""
    events: list[ev.Event] = []
    for _ in range(lead):
        events += step_both(world, (), theirs)
    events += step_both(world, ("light",), theirs)
    for i in range(40):
        events += step_both(world, (), theirs if i < theirs_for else ())
    return events


def test_a_held_guard_blocks_a_kick_from_the_front_and_takes_no_damage():
    world = _partner()
    partner = the_target(world)
    events = _kick_against(world, theirs_for=10, lead=10)
    blocked = of_type(events, ev.Blocked)
    assert [(b.attacker, b.target, b.move) for b in blocked] == [(0, 1, "battement")]
    assert not of_type(events, ev.Hit)
    assert partner.health == partner.spec.health


def test_blockstun_holds_the_guard_for_the_hits_guard_frames_then_she_guards_again():
    world = _partner()
    partner = the_target(world)
    for _ in range(10):
        step_both(world, (), ("block",))
    step_both(world, ("light",), ("block",))
    seen: list[str] = []
    for _ in range(40):
        step_both(world, (), ("block",))
        seen.append(partner.state)
    guard = academy().archetypes["ballerina"].moves.moves["battement"].hits[0].guard_frames
    assert seen.count("blockstun") >= guard
    assert seen[-1] == "block"


def test_a_guard_facing_away_does_not_block():
    world = _partner(target_facing="right")  # her back to the ballerina
    events = _kick_against(world, theirs_for=10, lead=10, theirs=("block",))
    assert not of_type(events, ev.Blocked)
    assert [h.damage for h in of_type(events, ev.Hit)] == [BATTEMENT_DAMAGE]


def test_a_guard_turns_to_face_the_side_she_holds():
    world = _partner(target_facing="right")
    events = _kick_against(world, theirs_for=10, lead=10, theirs=("block", "left"))
    assert len(of_type(events, ev.Blocked)) == 1


def test_block_pressed_just_before_the_hit_parries_and_staggers_the_attacker():
    world = _partner()
    dancer, partner = player(world), the_target(world)
    step_both(world, ("light",), ())
    for _ in range(BATTEMENT_STARTUP - 2):  # the press lands 2 ticks before the kick does
        step_both(world, (), ())
    events = step_both(world, (), ("block",))
    for _ in range(3):
        events += step_both(world, (), ())
    parried = of_type(events, ev.Parried)
    assert [(p.attacker, p.target) for p in parried] == [(0, 1)]
    assert dancer.state == "parried"
    assert partner.health == partner.spec.health
    assert dancer.stun == PARRY_STUN


def test_a_parry_opens_a_counter_window_for_the_parrier():
    world = _partner()
    dancer = player(world)
    step_both(world, ("light",), ())
    for _ in range(BATTEMENT_STARTUP - 1):
        step_both(world, (), ())
    events = step_both(world, (), ("block",))
    events += [e for _ in range(14) for e in step_both(world, (), ())]  # the parry's freeze
    events += step_both(world, (), ("light",))
    events += [e for _ in range(12) for e in step_both(world, (), ())]
    hits = [h for h in of_type(events, ev.Hit) if h.target == dancer.id]
    assert hits and hits[0].counter
    assert hits[0].damage == round(BATTEMENT_DAMAGE * COUNTER_BONUS)


def test_a_press_too_early_neither_parries_nor_blocks():
    world = _partner()
    partner = the_target(world)
    step_both(world, (), ("block",))  # pressed and let go, long before the kick
    idle(world, PARRY_FRAMES + 4)
    events = tap(world, "light", after=30)
    assert not of_type(events, ev.Parried) and not of_type(events, ev.Blocked)
    assert partner.health == partner.spec.health - BATTEMENT_DAMAGE


def _with_unblockable_battement() -> World:
    world = _partner(settle=False)
    dancer = player(world)
    file = dancer.book.moves["battement"].spec
    hit = file.hits[0].model_copy(update={"unblockable": True})
    from game.sim.moves import Move

    dancer.book.moves["battement"] = Move("battement", file.model_copy(update={"hits": [hit]}))
    dancer.book.ground = [dancer.book.moves[m.id] for m in dancer.book.ground]
    idle(world, 30)
    return world


def test_an_unblockable_hit_goes_through_a_held_guard():
    world = _with_unblockable_battement()
    events = _kick_against(world, theirs_for=10, lead=10)
    assert not of_type(events, ev.Blocked)
    assert len(of_type(events, ev.Hit)) == 1


def _armoured_target(armour: int) -> World:
    bundle = academy()
    dancer = bundle.archetypes["ballerina"]
    archetypes = dict(bundle.archetypes)
    spec = dancer.spec.model_copy(update={"armour": armour, "regenerates": False})
    archetypes["brute_like"] = Archetype("brute_like", spec, dancer.moves)
    from game.data.levels import ActorSpec

    actors = [ActorSpec(archetype="brute_like", at=(760.0, 0.0), facing="left", brain="stand")]
    level = bundle.level.model_copy(update={"actors": actors, "spawn": (700.0, 0.0)})
    world = World(level, archetypes, seed=1, choreography=bundle.choreography)
    idle(world, 30)
    return world


def test_armour_takes_a_light_hit_without_stagger_but_not_its_damage():
    world = _armoured_target(armour=50)
    target = the_target(world)
    events = tap(world, "light", after=8)
    hits = of_type(events, ev.Hit)
    assert [(h.armoured, h.damage) for h in hits] == [(True, BATTEMENT_DAMAGE)]
    assert target.state == "idle"
    assert target.health == target.spec.health - BATTEMENT_DAMAGE


def test_a_hit_stronger_than_the_armour_staggers():
    world = _armoured_target(armour=30)
    events = tap(world, "light", after=8)
    assert [h.armoured for h in of_type(events, ev.Hit)] == [False]
    assert the_target(world).state == "hitstun"


def test_the_finisher_needs_a_full_grace_meter():
    world = _partner()
    events = tap(world, "up", "spin", after=5)
    started = [e.move for e in of_type(events, ev.MoveStarted)]
    assert started == ["pirouette"]
    assert not of_type(events, ev.FinisherStarted)


def test_a_full_grace_meter_is_spent_on_the_coup_de_grace():
    world = _partner()
    dancer = player(world)
    dancer.grace = dancer.grace_max
    events = tap(world, "up", "spin", after=80)
    assert [(e.fighter, e.move) for e in of_type(events, ev.FinisherStarted)] == [(0, "coup_de_grace")]
    assert dancer.grace < dancer.grace_max / 2  # spent; the finisher's own hits earn only a little back
    assert len([h for h in of_type(events, ev.Hit) if h.move == "coup_de_grace"]) == 4


def test_difficulty_scales_the_damage_enemies_deal_to_her():
    taken = {}
    for name in ("easy", "normal", "hard"):
        bundle = academy()
        archetypes = dict(bundle.archetypes)
        dancer = archetypes["ballerina"]
        archetypes["sparring_partner"] = Archetype("sparring_partner", dancer.spec, dancer.moves)
        from game.data.levels import ActorSpec

        actors = [ActorSpec(archetype="sparring_partner", at=(760.0, 0.0), facing="left", brain="stand")]
        level = bundle.level.model_copy(update={"actors": actors, "spawn": (700.0, 0.0)})
        world = World(level, archetypes, seed=1, choreography=bundle.choreography, difficulty=name)
        idle(world, 30)
        events = step_both(world, (), ("light",))
        events += [e for _ in range(20) for e in step(world)]
        taken[name] = [h.damage for h in of_type(events, ev.Hit) if h.target == world.player_id]
    for name, damage in taken.items():
        assert damage == [round(BATTEMENT_DAMAGE * DIFFICULTIES[name].enemy_damage)], name
