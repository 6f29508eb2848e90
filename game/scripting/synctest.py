"""The rollback sync test: every tick, roll the fight back K ticks and play it forward again.

Netplay with rollback (GGPO's way) and scrubbing in the choreography lab both stand on one promise:
a restored snapshot plays forward exactly as the first time. The sync test proves it the way fighting
games do. A fight runs with enemy brains and a ballerina pressing random buttons; after every tick the
world is restored to its snapshot of K ticks ago and re-simulated with the same inputs, and the state
hash must equal the first run's at every re-simulated tick. On the first mismatch it names the parts
of the state that differ and writes both states to JSON files.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.scripting.sparring import CROWD, crowd_at, crowd_cast, partners_at, sparring_cast, split_teams
from game.sim.brains import RandomBrain
from game.sim.inputs import InputFrame
from game.sim.rng import Rng
from game.sim.snapshot import describe_state, differences
from game.sim.world import World

SPARRING = 4  # sparring ballerinas added to a level's own actors, so every level has a busy fight
SPARRING_HEALTH = 100_000  # they never go down, so the fight stays busy for the whole run
DEFAULT_OUT = Path(tempfile.gettempdir()) / "ballerina-synctest"
SHOWN_DIFFERENCES = 12  # differences printed; the files hold everything


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a sync test found: the ticks played, and the first tick whose re-simulation differed."""

    name: str  # the level (or world) tested
    ticks: int
    rollback: int
    seed: int
    resimulated: int  # ticks played again after a rollback
    seconds: float
    first_mismatch: int | None = None
    differences: tuple[str, ...] = ()  # key paths of the parts that differ, with both values
    files: tuple[Path, ...] = ()  # the first run's state and the re-simulated one, as JSON

    @property
    def in_sync(self) -> bool:
        return self.first_mismatch is None

    def describe(self) -> str:
        """One summary line, or the mismatch: its tick, what differs, and where the states were written."""
        if self.in_sync:
            rate = (self.ticks + self.resimulated) / self.seconds if self.seconds else 0.0
            return (f"in sync: {self.name}, {self.ticks} ticks, rollback {self.rollback} every tick, "
                    f"{self.resimulated} ticks re-simulated, seed {self.seed} ({rate:.0f} ticks/s)")
        lines = [f"OUT OF SYNC: {self.name}, seed {self.seed}: re-simulating tick {self.first_mismatch} after a "
                 f"rollback of {self.rollback} gave a different state"]
        shown = self.differences[:SHOWN_DIFFERENCES]
        lines += [f"  differs: {d}" for d in shown]
        if len(self.differences) > len(shown):
            lines.append(f"  ... and {len(self.differences) - len(shown)} more differences")
        if not self.differences:
            lines.append("  the hashes differ but no described part does: state_hash and describe_state disagree")
        lines += [f"  state written to {path}" for path in self.files]
        return "\n".join(lines)


def sync_world(level_path: Path = LEVELS / "academy.toml", seed: int = 0, sparring: int = SPARRING) -> World:
    """The level with its own actors and props, plus a tireless sparring ballerina and enemies of the cast
    (thugs, knife fighters, gunmen, brutes thinking with the tactics brain) on two teams."""
    bundle = load_bundle(level_path, extra=CROWD)
    level = bundle.level
    width = level.size[0]
    xs = [width * (i + 1) / (sparring + 1) for i in range(sparring)]
    partners = [*partners_at(xs[:1], level.spawn[1]), *crowd_at(xs[1:], level.spawn[1])]
    level = level.model_copy(update={"actors": [*level.actors, *partners]})
    archetypes = {**crowd_cast(bundle, SPARRING_HEALTH), **sparring_cast(bundle, SPARRING_HEALTH)}
    world = World(level, archetypes, seed=seed, choreography=bundle.choreography)
    split_teams(world.fighters[len(world.fighters) - sparring:])  # half on the player's side, half the level's
    return world


def run_synctest(world: World, ticks: int = 600, rollback: int = 8, seed: int = 0, name: str = "world",
                 out_dir: Path | None = DEFAULT_OUT, watch: Callable[[World], None] | None = None) -> SyncResult:
    """Play `ticks` ticks, rolling back `rollback` ticks and re-simulating after every one of them.

    `watch`, if given, sees the world after each tick of the first run (tests use it to check what the
    fight went through: broken props, juggles, hitstop).
    """
    if rollback < 1 or ticks < 1:
        raise ValueError("a sync test needs at least one tick and a rollback of at least one tick")
    player = world.player_id
    brain = RandomBrain(Rng(seed))  # its own generator: the world's RNG belongs to the world alone
    frames: deque[InputFrame] = deque(maxlen=rollback)  # the inputs of the last `rollback` ticks
    hashes: deque[str] = deque(maxlen=rollback)  # the first run's hash after each of them
    snapshots = deque([world.snapshot()], maxlen=rollback + 1)  # the first run after each tick
    resimulated = 0
    start = time.perf_counter()
    for _ in range(ticks):
        frame = brain.decide(world, world.fighters[player]) if player is not None else InputFrame()
        world.step({player: frame} if player is not None else {})
        frames.append(frame)
        hashes.append(world.state_hash())
        if watch is not None:
            watch(world)
        snapshots.append(world.snapshot())
        world.restore(snapshots[-1 - len(frames)])
        for frame, expected in zip(frames, hashes, strict=True):
            world.step({player: frame} if player is not None else {})
            resimulated += 1
            if world.state_hash() != expected:
                return _mismatch(world, snapshots, name, ticks, rollback, seed, resimulated,
                                 time.perf_counter() - start, out_dir)
    return SyncResult(name, ticks, rollback, seed, resimulated, time.perf_counter() - start)


def _mismatch(world: World, snapshots: deque, name: str, ticks: int, rollback: int, seed: int,
              resimulated: int, seconds: float, out_dir: Path | None) -> SyncResult:
    """Describe the re-simulated state and the first run's at the same tick, and keep both."""
    tick = world.tick
    again = describe_state(world)
    first_snapshot = next(s for s in snapshots if s.tick == tick)
    world.restore(first_snapshot)
    first = describe_state(world)
    found = tuple(differences(first, again))
    files: tuple[Path, ...] = ()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        stem = f"{Path(name).stem}-seed{seed}-tick{tick}"
        files = (out_dir / f"{stem}-first-run.json", out_dir / f"{stem}-resimulated.json")
        for path, state in zip(files, (first, again), strict=True):
            path.write_text(json.dumps(state, indent=1))
    return SyncResult(name, ticks, rollback, seed, resimulated, seconds, tick, found, files)


def synctest_level(level_path: Path = LEVELS / "academy.toml", ticks: int = 600, rollback: int = 8, seed: int = 0,
                   out_dir: Path | None = DEFAULT_OUT,
                   build: Callable[[Path, int], World] = sync_world) -> SyncResult:
    """The sync test on a level: its actors, sparring ballerinas and the random-input ballerina."""
    world = build(level_path, seed)
    return run_synctest(world, ticks, rollback, seed, Path(level_path).name, out_dir)


# --- for `python main.py bench` ------------------------------------------------------------------

def measure_snapshots(world: World, count: int = 300) -> tuple[float, float]:
    """Mean microseconds to take a snapshot of `world` and to restore one, over `count` of each."""
    start = time.perf_counter()
    for _ in range(count):
        snapshot = world.snapshot()
    taken = time.perf_counter()
    for _ in range(count):
        world.restore(snapshot)
    restored = time.perf_counter()
    return (taken - start) / count * 1e6, (restored - taken) / count * 1e6


def bench_synctest(ticks: int = 600, rollback: int = 8) -> SyncResult:
    """The long sync run of the bench: its crowd of 21 fighters and 20 crates, rolled back every tick."""
    from game.bench import crowded_world

    return run_synctest(crowded_world(), ticks, rollback, seed=7, name="bench crowd")


VERIFY_REPLAYS = """
import sys
from game.scripting.replay import load_replay, verify
bad = [p for p in sys.argv[1:] if not verify(load_replay(p)).identical]
print(len(sys.argv) - 1 - len(bad), *bad)
"""


def verify_replays_elsewhere(seeds: int = 100, ticks: int = 3600, level: Path = LEVELS / "academy.toml") -> dict:
    """Record `seeds` fights of random play here, verify every one in a fresh Python process."""
    import subprocess
    import sys

    from game.data import ROOT
    from game.scripting.replay import record_run

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for seed in range(seeds):
            brain_world = load_bundle(level).world(seed=seed)
            brain = RandomBrain(Rng(seed + 1))
            frames = []
            for _ in range(ticks):  # the inputs of a random player, decided against a world of their own
                frame = brain.decide(brain_world, brain_world.fighters[brain_world.player_id or 0])
                brain_world.step({brain_world.player_id: frame})
                frames.append(frame)
            path = Path(folder) / f"seed{seed}.json"
            record_run(level, seed, frames).save(path)
            paths.append(str(path))
        done = subprocess.run([sys.executable, "-c", VERIFY_REPLAYS, *paths], cwd=ROOT, capture_output=True,
                              text=True, check=True)
    identical, *different = done.stdout.split()
    return {"replays_verified_elsewhere": f"{identical}/{seeds}", "replay_ticks_each": ticks,
            "replays_differing": different, "replays_seconds": round(time.perf_counter() - start, 1)}
