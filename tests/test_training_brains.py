"""Training partners: each practice-mode behaviour does what its name promises, deterministically."""

from __future__ import annotations

from helpers import SETTLE_TICKS, SPAWN_X, academy, hold, idle, of_type, player, tap, the_target, until

from game.data.fighters import load_archetype
from game.data.levels import ActorSpec
from game.sim import events as ev
from game.sim.inputs import Button
from game.sim.training import GUARD_TICKS, PlaybackBrain, Recording, mirrored
from game.sim.world import World


def rehearsal(brain: str, gap: float = 60.0, seed: int = 1) -> World:
    """The Academy with the ballerina facing the understudy `gap` px in front of her, playing `brain`."""
    bundle = academy()
    archetypes = {**bundle.archetypes, "understudy": load_archetype("understudy")}
    actor = ActorSpec(archetype="understudy", at=(SPAWN_X + gap, 0.0), facing="left", brain=brain)
    level = bundle.level.model_copy(update={"actors": [actor], "spawn": (SPAWN_X, 0.0)})
    world = World(level, archetypes, seed=seed, choreography=bundle.choreography)
    idle(world, SETTLE_TICKS)
    return world


def on(events: list[ev.Event], kind: type, target: int) -> list:
    return [e for e in of_type(events, kind) if e.target == target]


def test_block_all_blocks_a_battement_and_takes_no_damage():
    world = rehearsal("block_all")
    partner = the_target(world)
    assert partner.state == "block"
    events = tap(world, "light", after=40)
    assert [b.move for b in on(events, ev.Blocked, partner.id)] == ["battement"]
    assert on(events, ev.Hit, partner.id) == []
    assert partner.health == partner.spec.health


def test_block_after_first_hit_takes_one_hit_then_blocks():
    world = rehearsal("block_after_first_hit")
    partner = the_target(world)
    first = tap(world, "light", after=30)
    assert [h.move for h in on(first, ev.Hit, partner.id)] == ["battement"]
    assert on(first, ev.Blocked, partner.id) == []
    until(world, lambda w: player(w).state == "idle" and w.fighters[1].state in ("idle", "block"))
    second = tap(world, "light", after=30)
    assert [b.move for b in on(second, ev.Blocked, partner.id)] == ["battement"]
    assert on(second, ev.Hit, partner.id) == []


def test_block_after_first_hit_lowers_its_guard_when_left_alone():
    world = rehearsal("block_after_first_hit")
    partner = the_target(world)
    tap(world, "light", after=30)
    idle(world, GUARD_TICKS + 30)
    assert partner.state == "idle"
    again = tap(world, "light", after=30)
    assert [h.move for h in on(again, ev.Hit, partner.id)] == ["battement"]


def test_counter_attack_hits_back_after_blockstun():
    world = rehearsal("counter")
    partner, dancer = the_target(world), player(world)
    events = tap(world, "light")
    events += until(world, lambda w: w.fighters[1].state == "blockstun", limit=20)
    events += until(world, lambda w: w.fighters[1].state != "blockstun", limit=60)
    freed = world.tick
    events += idle(world, 30)
    assert on(events, ev.Blocked, partner.id)
    counters = [e for e in of_type(events, ev.MoveStarted) if e.fighter == partner.id]
    assert [c.move for c in counters] == ["battement"]
    assert counters[0].tick - freed <= 1  # on its first free tick
    assert [h.attacker for h in on(events, ev.Hit, dancer.id)] == [partner.id]


def test_crouch_keeps_low():
    world = rehearsal("crouch")
    idle(world, 5)
    partner = the_target(world)
    assert partner.state == "crouch"
    assert partner.hurtbox()[3] - partner.hurtbox()[1] < partner.height


def test_jump_jumps_again_and_again():
    world = rehearsal("jump")
    events = idle(world, 150)
    jumps = [e for e in of_type(events, ev.Jumped) if e.fighter == 1]
    assert len(jumps) >= 2
    assert all(j.cancelled_from is None for j in jumps)


def test_dodge_slips_a_battement_started_near_it():
    world = rehearsal("dodge", gap=70)
    events = tap(world, "light", after=50)
    partner = the_target(world)
    assert [e.move for e in of_type(events, ev.MoveStarted) if e.fighter == partner.id] == ["pas_de_bourree"]
    assert on(events, ev.Hit, partner.id) == []


def test_playback_repeats_the_recorded_inputs_tick_for_tick():
    world = rehearsal("playback", gap=200)
    partner = the_target(world)
    right, light, left = int(Button.RIGHT), int(Button.LIGHT), int(Button.LEFT)
    recorded = (left,) * 10 + (0, light, 0, 0) + (right,) * 6 + (0,) * 20
    partner.brain = PlaybackBrain(Recording(recorded, side=1), loop=False)
    played = []
    for _ in range(len(recorded) + 5):
        hold(world, 1)
        played.append(partner.input.held)
    assert tuple(played[: len(recorded)]) == recorded
    assert played[len(recorded):] == [0] * 5  # not looping: it stands once the recording is over


def test_playback_loops_and_mirrors_on_her_other_side():
    world = rehearsal("playback", gap=-200)  # the partner now stands to her left
    partner = the_target(world)
    recorded = (int(Button.LEFT), int(Button.LEFT | Button.LIGHT), 0)
    partner.brain = PlaybackBrain(Recording(recorded, side=1), loop=True)
    played = []
    for _ in range(7):
        hold(world, 1)
        played.append(partner.input.held)
    assert played == [mirrored(m) for m in recorded * 2] + [mirrored(recorded[0])]
    assert mirrored(int(Button.LEFT | Button.DOWN)) == int(Button.RIGHT | Button.DOWN)


def test_partners_rewind_exactly_with_the_world():
    world = rehearsal("counter")
    snapshot = world.snapshot()
    tap(world, "light", after=60)
    later = world.state_hash()
    world.restore(snapshot)
    tap(world, "light", after=60)
    assert world.state_hash() == later
