"""Snapshots and the rollback sync test: a restored fight plays forward bit-identically, every time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ACADEMY, academy, academy_world
from test_sim_determinism import random_inputs

from game.data import LEVELS, ROOT
from game.data.levels import PropSpec, TriggerSpec, WaveEnemySpec, WaveSpec
from game.scripting import replay
from game.scripting.synctest import run_synctest, sync_world, synctest_level
from game.sim import events as ev
from game.sim import world as world_module
from game.sim.inputs import InputFrame
from game.sim.physics_state import RESERVED_SHAPES, check_body_layout, check_joint_layout
from game.sim.snapshot import describe_state
from game.sim.world import World

LEVEL_FILES = sorted(LEVELS.glob("*.toml"))


def play(world: World, masks: list[int]) -> list[str]:
    """The state hash after each tick of the ballerina playing `masks`."""
    hashes = []
    for mask in masks:
        world.step({world.player_id: InputFrame(mask)})
        hashes.append(world.state_hash())
    return hashes


def brawl_world(seed: int = 3) -> World:
    """The sync test's Academy crowd with flimsy crates among the fighters, so props break mid-fight."""
    world = sync_world(ACADEMY, seed, sparring=6)
    for i in range(6):
        spec = PropSpec(kind="crate", at=(400.0 + 260 * i, 0.0), size=(50, 50), mass=10, breakable=True, health=25)
        world.add_prop(spec)
    return world


def test_pymunk_keeps_bias_velocity_and_joint_impulses_where_snapshots_read_them():
    check_body_layout()
    check_joint_layout()


def test_restoring_a_snapshot_replays_the_same_hashes_tick_for_tick():
    world = academy_world(5)
    play(world, random_inputs(1, 90))
    snapshot = world.snapshot()
    masks = random_inputs(2, 240)
    first = play(world, masks)
    world.restore(snapshot)
    assert world.tick == snapshot.tick
    assert play(world, masks) == first


def test_one_snapshot_restores_the_same_future_again_and_again_into_the_same_world():
    world = academy_world(2)
    play(world, random_inputs(3, 60))
    snapshot = world.snapshot()
    masks = random_inputs(4, 150)
    first = play(world, masks)
    for other in (5, 6, 7):
        world.restore(snapshot)
        play(world, random_inputs(other, 150))  # a different future in between
        world.restore(snapshot)
        assert play(world, masks) == first


def test_a_snapshot_is_a_copy_the_world_running_on_cannot_change():
    world = academy_world(1)
    play(world, random_inputs(8, 120))
    before = describe_state(world)
    snapshot = world.snapshot()
    play(world, random_inputs(9, 120))
    assert describe_state(world) != before
    world.restore(snapshot)
    assert describe_state(world) == before
    world.fighters[0].buffer.presses.clear()  # changing the restored world leaves the snapshot alone
    world.fighters[0].landed_hits.add((9, 9))
    world.restore(snapshot)
    assert describe_state(world) == before


@pytest.mark.parametrize("level", LEVEL_FILES, ids=lambda p: p.stem)
def test_every_shipped_level_stays_in_sync_rolling_back_every_tick(level: Path, tmp_path: Path):
    result = synctest_level(level, ticks=120, rollback=7, seed=1, out_dir=tmp_path)
    assert result.in_sync, result.describe()
    assert result.resimulated == sum(min(t, 7) for t in range(1, 121))


def test_sync_holds_through_broken_props_juggles_and_hitstop(tmp_path: Path):
    seen: set[str] = set()

    def watch(world: World) -> None:
        seen.update(type(e).__name__ for e in world.events)
        seen.update(f.state for f in world.fighters)
        if any(f.hitstop for f in world.fighters):
            seen.add("hitstop")

    result = run_synctest(brawl_world(), ticks=360, rollback=8, seed=3, out_dir=tmp_path, watch=watch)
    assert result.in_sync, result.describe()
    assert {"PropBroken", "juggle", "hitstop", "Hit"} <= seen


def test_a_wave_arriving_inside_the_rollback_window_stays_in_sync(tmp_path: Path):
    bundle = academy()
    enemies = [WaveEnemySpec(kind="ballerina", at=(x, 0.0), brain="sparring") for x in (800.0, 1200.0)]
    wave = WaveSpec(name="rivals", trigger=TriggerSpec(kind="tick", tick=20), enemies=enemies)
    level = bundle.level.model_copy(update={"waves": [wave]})
    world = World(level, bundle.archetypes, seed=2, choreography=bundle.choreography)
    arrived: list[int] = []
    watch = lambda w: arrived.extend(e.tick for e in w.events if isinstance(e, ev.WaveStarted))  # noqa: E731
    result = run_synctest(world, ticks=90, rollback=8, seed=2, out_dir=tmp_path, watch=watch)
    assert result.in_sync, result.describe()
    assert arrived == [20] and len(world.fighters) == 4  # rollbacks crossed its arrival, and took it back
    assert len(world.fighter_shapes) == 4  # the rivals taken back were forgotten, the ones brought back known


def test_shape_ids_stay_below_the_spatial_hash_table_the_world_grows():
    for level in LEVEL_FILES:
        world = sync_world(level)
        enemies = sum(len(wave.enemies) for wave in world.director.waves)
        assert world.props[-1].shape._hashid + enemies < RESERVED_SHAPES, level.name


@pytest.mark.parametrize(
    ("corrupt", "part"),
    [
        (lambda w: setattr(w.fighters[1], "health", 7), "fighters/fighter 1 (training_dummy)/health"),
        (lambda w: setattr(w.rng, "state", w.rng.state ^ 1), "rng"),
        (lambda w: setattr(w.props[2].body, "velocity", (1.0, 0.0)), "props/prop 2 (bench)/velocity"),
    ],
    ids=["fighter health", "rng", "prop velocity"],
)
def test_a_corrupted_restore_is_reported_with_the_part_that_differs(monkeypatch, tmp_path: Path, corrupt, part):
    original = world_module.restore_snapshot

    def bad_restore(world: World, snapshot) -> None:  # type: ignore[no-untyped-def]
        original(world, snapshot)
        if snapshot.tick == 40:
            corrupt(world)

    monkeypatch.setattr(world_module, "restore_snapshot", bad_restore)
    result = run_synctest(academy().world(seed=1), ticks=60, rollback=5, seed=1, name="academy.toml",
                          out_dir=tmp_path)
    assert not result.in_sync
    assert 41 <= result.first_mismatch <= 45
    assert any(d.startswith(part + ":") for d in result.differences), result.differences
    text = result.describe()
    assert f"tick {result.first_mismatch}" in text and part in text
    first, again = (json.loads(path.read_text()) for path in result.files)
    assert first["tick"] == again["tick"] == result.first_mismatch
    assert all(str(path) in text for path in result.files)


VERIFY_ALL = """
import sys
from game.scripting.replay import load_replay, verify
for path in sys.argv[1:]:
    print(verify(load_replay(path)).describe().splitlines()[0])
"""


def test_replays_recorded_here_verify_identical_in_another_process(tmp_path: Path):
    paths = []
    for seed in (3, 17, 2**40 + 5):
        recorded = replay.record_run(ACADEMY, seed, (InputFrame(m) for m in random_inputs(seed % 1000, 600)))
        path = tmp_path / f"seed{seed}.json"
        recorded.save(path)
        paths.append(str(path))
    done = subprocess.run([sys.executable, "-c", VERIFY_ALL, *paths], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.splitlines() == ["identical: 600 ticks, 10 checkpoints match"] * 3, done.stdout


def test_synctest_command_says_in_sync_and_exits_0(capsys):
    from game.cli import main

    assert main(["synctest", "--ticks", "40", "--rollback", "4", "--seed", "2"]) == 0
    assert capsys.readouterr().out.startswith("in sync: academy.toml, 40 ticks, rollback 4")
