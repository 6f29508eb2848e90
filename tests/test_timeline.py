"""The timeline: a recorded fight can be sought to any tick it holds and arrives exactly as it was."""

from __future__ import annotations

import pytest
from helpers import academy_world, stage
from test_sim_determinism import random_inputs

from game.scripting.timeline import Timeline, TimelineError
from game.sim import events as ev
from game.sim.inputs import InputFrame
from game.sim.world import World


def record(world: World, timeline: Timeline, masks: list[int]) -> dict[int, str]:
    """Step the timeline through `masks`; the hash of every tick the first time through (start included)."""
    hashes = {world.tick: world.state_hash()}
    for mask in masks:
        timeline.step({world.player_id: InputFrame(mask)})  # type: ignore[dict-item]
        hashes[world.tick] = world.state_hash()
    return hashes


def test_seeking_any_recent_tick_gives_the_hash_of_the_first_time_through():
    world = stage()
    timeline = Timeline(world)
    hashes = record(world, timeline, random_inputs(4, 150))
    start = timeline.earliest  # the stage has settled for a few ticks before recording starts
    for tick in (timeline.latest, start, start + 77, start + 31, start + 149, start + 12, start + 12, start + 100):
        timeline.seek(tick)
        assert world.tick == tick
        assert world.state_hash() == hashes[tick]
    assert timeline.resimulated == 0  # every tick of a short phrase keeps its own snapshot


def test_ticks_older_than_the_ring_are_resimulated_from_keyframes_to_the_same_hash():
    world = academy_world(5)
    timeline = Timeline(world, recent=20, keyframe_every=16)
    hashes = record(world, timeline, random_inputs(9, 200))
    assert timeline.earliest == 0 and timeline.latest == 200
    for tick in (3, 47, 46, 45, 16, 0, 150, 179, 181, 200, 99):  # backwards, forwards, on and off keyframes
        timeline.seek(tick)
        assert world.state_hash() == hashes[tick], f"tick {tick}"
    assert 0 < timeline.resimulated < 16 * 11
    assert timeline.snapshots_kept() <= 20 + 200 // 16 + 1 + 64


def test_the_oldest_keyframes_go_when_the_budget_is_spent():
    world = academy_world(2)
    timeline = Timeline(world, recent=10, keyframe_every=10, most_keyframes=5)
    hashes = record(world, timeline, random_inputs(3, 120))
    assert timeline.earliest == 80  # keyframes 80, 90, 100, 110, 120
    with pytest.raises(TimelineError, match="holds ticks 80–120"):
        timeline.seek(79)
    timeline.seek(85)
    assert world.state_hash() == hashes[85]


def test_stepping_from_the_past_forgets_the_old_future_and_records_the_new_one():
    world = stage()
    timeline = Timeline(world, recent=30, keyframe_every=10)
    record(world, timeline, random_inputs(5, 90))
    timeline.seek(40)
    new = record(world, timeline, random_inputs(6, 25))  # resumed from tick 40 with other inputs
    assert timeline.latest == 65
    for tick in (65, 41, 52, 40, 60):
        timeline.seek(tick)
        assert world.state_hash() == new[tick]


def test_truncating_before_the_ring_resumes_from_a_resimulated_tick_and_leaves_the_world_alone():
    world = academy_world(7)
    timeline = Timeline(world, recent=10, keyframe_every=25)
    hashes = record(world, timeline, random_inputs(8, 100))
    here = world.state_hash()
    timeline.truncate_after(33)
    assert (timeline.earliest, timeline.latest) == (0, 33)
    assert world.state_hash() == here
    timeline.seek(33)
    assert world.state_hash() == hashes[33]
    assert timeline.inputs_at(33) == {}
    timeline.step({world.player_id: InputFrame(0)})  # type: ignore[dict-item]
    assert timeline.latest == 34


def test_the_timeline_keeps_the_inputs_fed_and_the_events_of_each_tick():
    world = stage(gap=60)
    timeline = Timeline(world)
    masks = [0] * 3 + [int(InputFrame.of("light").held)] + [0] * 40
    record(world, timeline, masks)
    start = timeline.earliest
    assert timeline.inputs_at(start + 3) == {world.player_id: InputFrame.of("light")}
    hits = [e for e in timeline.events() if isinstance(e, ev.Hit)]
    assert hits and hits[0] in timeline.events_at(hits[0].tick)
    timeline.seek(hits[0].tick)
    assert hits[0] in world.events  # a seek brings back the tick's events for the renderer and the HUD


def test_recording_a_world_that_was_stepped_twice_is_refused():
    world = academy_world(1)
    timeline = Timeline(world)
    world.step()
    world.step()
    with pytest.raises(TimelineError, match="record right after each step"):
        timeline.record()
