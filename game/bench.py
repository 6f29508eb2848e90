"""The performance benchmark: simulation ticks per second, bare physics, and render time per frame."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.levels import PropSpec
from game.scripting.sparring import CROWD, crowd_at, crowd_cast, split_teams
from game.sim.brains import RandomBrain
from game.sim.rng import Rng
from game.sim.world import World

BENCH_FIGHTERS = 20  # besides the player
BENCH_PROPS = 20
PARTNER_HEALTH = 100_000


def crowded_world(level_path: Path = LEVELS / "academy.toml", seed: int = 7) -> World:
    """The Academy with the player, 20 of the enemy cast (thugs, knife fighters, gunmen, brutes,
    assassins) thinking with the tactics brain on two teams, and 20 crates."""
    bundle = load_bundle(level_path, extra=CROWD)
    level = bundle.level
    width = level.size[0]
    archetypes = crowd_cast(bundle, PARTNER_HEALTH)  # never knocked out: the crowd stays busy all run
    actors = crowd_at((200 + i * (width - 400) / BENCH_FIGHTERS for i in range(BENCH_FIGHTERS)), 0.0)
    props = [
        PropSpec(kind="crate", at=(150 + i * (width - 300) / BENCH_PROPS, 0.0), size=(50, 50), mass=10)
        for i in range(BENCH_PROPS)
    ]
    level = level.model_copy(update={"actors": actors, "props": props})
    world = World(level, archetypes, seed=seed)
    split_teams(world.fighters[1:])  # the crowd fights itself as well as the player
    return world


WARM_UP = 60  # ticks for everyone to land and close in before the measurement
RUNS = 5  # times the same fight is timed: ticks_per_s is their median


def record_bench(ticks: int, level_path: Path = LEVELS / "academy.toml", seed: int = 7):  # type: ignore[no-untyped-def]
    """The bench's fight as a replay: the crowd warming up, then the random player for `ticks` ticks."""
    from game.scripting.replay import ReplayRecorder
    from game.sim.inputs import NEUTRAL

    world = crowded_world(level_path, seed)
    recorder = ReplayRecorder(level_path, seed, arena="bench")
    brain = RandomBrain(Rng(seed + 1))
    player = world.player_id
    for tick in range(WARM_UP + ticks):
        frame = NEUTRAL if tick < WARM_UP else brain.decide(world, world.fighters[player])
        world.step({player: frame})
        recorder.record(frame, world)
    return recorder.finish(world)


def measure_ticks(world: World, ticks: int) -> float:
    """Ticks per second of `world.step`, the player pressing random buttons."""
    brain = RandomBrain(Rng(world.seed + 1))
    player = world.player_id
    start = time.perf_counter()
    for _ in range(ticks):
        world.step({player: brain.decide(world, world.fighters[player])})
    return ticks / (time.perf_counter() - start)


def measure_bare_physics(world: World, ticks: int) -> float:
    """Ticks per second of the same pymunk space stepped alone: the floor under our own cost."""
    space = world.space
    start = time.perf_counter()
    for _ in range(ticks):
        space.step(1 / 60)
    return ticks / (time.perf_counter() - start)


def busiest_level() -> Path:
    """The level file in levels/ with the most lights and props: the hardest one to draw."""
    import tomllib

    def load(path: Path) -> int:
        try:
            data = tomllib.loads(path.read_text())
        except (OSError, tomllib.TOMLDecodeError):
            return -1
        return len(data.get("lights", [])) + len(data.get("props", []))

    return max(sorted(LEVELS.glob("*.toml")), key=load)


def run_bench(ticks: int = 3000, frames: int = 300, render: bool = True, long: bool = False) -> dict:
    """Every figure of `python main.py bench --json`; `long` adds 100 one-minute replays verified elsewhere."""
    world = crowded_world()
    for _ in range(WARM_UP):
        world.step({})
    result: dict = {"fighters": len(world.fighters), "props": len(world.props), "ticks": ticks}
    # the same fight, tick for tick, timed RUNS times from a snapshot: the median shrugs off a run slowed by
    # other work on the machine (on a shared machine one run in three or four can lose 10-25%)
    start = world.snapshot()
    runs = []
    for _ in range(RUNS):
        world.restore(start)
        runs.append(measure_ticks(world, ticks))
    result["ticks_per_s"] = round(statistics.median(runs), 1)
    result["ticks_per_s_runs"] = [round(run, 1) for run in runs]
    result["bare_physics_ticks_per_s"] = round(measure_bare_physics(crowded_world(), ticks), 1)
    from game.scripting.synctest import bench_synctest, measure_snapshots, verify_replays_elsewhere

    result["snapshot_us"], result["restore_us"] = (round(us, 1) for us in measure_snapshots(world))
    sync = bench_synctest()
    result["synctest_in_sync"] = sync.in_sync
    result["synctest_ticks_per_s"] = round((sync.ticks + sync.resimulated) / sync.seconds, 1)
    if long:
        result.update(verify_replays_elsewhere())
    if render:
        from game.render.view import benchmark_frame_ms

        result["render_ms"] = round(benchmark_frame_ms(LEVELS / "academy.toml", frames), 3)
        result["render_crowd_ms"] = round(benchmark_frame_ms(LEVELS / "academy.toml", frames, crowded_world()), 3)
        busiest = busiest_level()
        result["render_busiest_ms"] = round(benchmark_frame_ms(busiest, frames), 3)
        result["render_busiest_level"] = busiest.name
        result["render_frames"] = frames
    return result


