"""A fight on stage: its world, the view that draws it, the recorder that keeps it, its scorecard and
its checkpoints.

Checkpoints: one per wave. When a wave arrives the fight keeps an exact snapshot of the world (and the
scorecard's figures). If she falls, "Retry from checkpoint" restores it: everything exactly as it was
when the wave came, except that she comes back with at least RETRY_HEALTH_SHARE of her full health
(never less than she had then), so a checkpoint reached on her last breath is not a trap. Before the
first wave the checkpoint is the start of the level. A retried fight is not a clean replay of the
level from its spawn, so it stops being recorded (as after a hot reload); Restart records afresh.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from game.data.bundle import Bundle
from game.scripting.replay import ReplayRecorder
from game.scripting.scorecard import Scorecard
from game.sim import events as ev
from game.sim.difficulty import DEFAULT_DIFFICULTY
from game.sim.inputs import InputFrame
from game.sim.world import DT

DATA_DIR_VARIABLE = "BALLERINA_DATA_DIR"  # overrides the user data folder (tests, portable installs)
RETRY_HEALTH_SHARE = 0.5  # of her full health: the least she comes back with from a checkpoint


def make_view(world, pose_sets: dict):  # type: ignore[no-untyped-def]
    """The renderer's view of a fight: stage, fighters, particles, lights, HUD, debug overlay."""
    from game.render.view import WorldView

    return WorldView(world.level, pose_sets)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Where a retry puts her back: the world as a wave arrived, and the scorecard's figures then."""

    wave: int  # the wave's index; -1 for the start of the level
    name: str  # the wave's name, for the restart screen
    snapshot: Any  # game.sim.snapshot.Snapshot
    tally: Any  # what Scorecard.keep gave
    health: int  # hers at that moment


class Fight:
    """One fight of a level from tick 0, recorded as it goes so F9 can save it at any moment."""

    def __init__(self, bundle: Bundle, seed: int, pose_sets: dict, recorded: bool = True,
                 difficulty: str = DEFAULT_DIFFICULTY) -> None:
        self.bundle = bundle
        self.seed = seed
        self.pose_sets = pose_sets
        self.difficulty = difficulty
        self.world = bundle.world(seed=seed, difficulty=difficulty)
        self.view = make_view(self.world, pose_sets)
        self.recorder: ReplayRecorder | None = (
            ReplayRecorder(bundle.level_path, seed, difficulty=difficulty) if recorded else None
        )
        self.reloads = 0  # how many times the level file was reloaded under this fight
        self.retries = 0  # how many times she came back from a checkpoint
        self.scorecard = Scorecard(self.world)
        self.checkpoint = self.keep_checkpoint(-1, "")
        self.fallen = False  # she is knocked out (until a retry)

    def step(self, frame: InputFrame) -> list:
        """Advance one tick with the player's frame; returns the tick's events."""
        world = self.world
        events = world.step({world.player_id: frame})  # type: ignore[dict-item]
        if self.recorder is not None:
            try:
                self.recorder.record(frame, world)
            except ValueError:  # past ten hours a replay cannot hold the fight: stop keeping it
                self.recorder = None
        self.scorecard.read(events, world)
        # she falls first: a wave that arrives on the tick she goes down is no place to come back to
        self.fallen = self.fallen or any(isinstance(e, ev.KO) and e.fighter == world.player_id for e in events)
        for event in events:
            if isinstance(event, ev.WaveStarted) and not self.fallen:
                self.checkpoint = self.keep_checkpoint(event.index, event.name)
        self.view.update(world, events, DT)
        return events

    def keep_checkpoint(self, wave: int, name: str) -> Checkpoint:
        """The fight as it stands, to come back to if she falls."""
        player = self.world.player
        health = player.health if player is not None else 0
        return Checkpoint(wave, name, self.world.snapshot(), self.scorecard.keep(), health)

    def retry_health(self, checkpoint: Checkpoint) -> int:
        """What she comes back with: what she had at the checkpoint, but at least RETRY_HEALTH_SHARE of full."""
        player = self.world.player
        full = player.spec.health if player is not None else checkpoint.health
        return min(full, max(checkpoint.health, math.ceil(RETRY_HEALTH_SHARE * full)))

    def retry(self) -> None:
        """Back to the last checkpoint (see the module's docstring); the fight is no longer recorded."""
        checkpoint = self.checkpoint
        self.world.restore(checkpoint.snapshot)
        health = self.retry_health(checkpoint)
        player = self.world.player
        if player is not None:
            player.health = health
        self.scorecard.rewind(checkpoint.tally, health)
        self.recorder = None
        self.retries += 1
        self.fallen = False
        camera = self.view.camera
        self.view = make_view(self.world, self.pose_sets)  # no sparks or shake of the fall linger
        self.view.camera.x, self.view.camera.y = camera.x, camera.y
        self.view.snapped = True

    def again(self) -> Fight:
        """The same level, seed and difficulty from the first tick (restart)."""
        return Fight(self.bundle, self.seed, self.pose_sets, difficulty=self.difficulty)

    def reloaded(self, bundle: Bundle) -> Fight:
        """The fight on a new version of its level: enemies and props as the new file says, the
        ballerina where she stood (place, facing, health) and the camera where it looked.

        It is not recorded: a replay begins at the level's spawn, which this fight did not.
        """
        fight = Fight(bundle, self.seed, bundle.pose_sets, recorded=False, difficulty=self.difficulty)
        old, new = self.world.player, fight.world.player
        if old is not None and new is not None:
            new.place(old.x, old.y)
            new.facing = old.facing
            new.health = max(1, min(old.health, new.spec.health))
        camera, old_camera = fight.view.camera, self.view.camera
        camera.x, camera.y = old_camera.x, old_camera.y
        fight.view.snapped = True
        fight.reloads = self.reloads + 1
        fight.retries = self.retries
        fight.scorecard = self.scorecard  # the figures run on; the checkpoint is now, on the new level
        fight.scorecard.player_id = fight.world.player_id
        fight.checkpoint = fight.keep_checkpoint(-1, "")
        return fight

    @property
    def level_name(self) -> str:
        return self.bundle.level_path.stem


def data_folder(data_dir: Path | None = None) -> Path:
    """The player's own folder (replays, records): `data_dir`, else $BALLERINA_DATA_DIR, else the
    user data folder of the system."""
    if data_dir is None and os.environ.get(DATA_DIR_VARIABLE):
        data_dir = Path(os.environ[DATA_DIR_VARIABLE])
    if data_dir is None:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir("ballerina"))
    return data_dir


def replay_folder(data_dir: Path | None = None) -> Path:
    """Where F9 puts replays: `data_dir`, else $BALLERINA_DATA_DIR, else the user data folder."""
    return data_folder(data_dir) / "replays"


def save_fight(fight: Fight, data_dir: Path | None = None, now: datetime | None = None) -> Path:
    """Save the fight so far as `<level>-<yyyymmdd-hhmmss>.json`; OSError if the folder is not writable."""
    if fight.recorder is None:
        if fight.retries:
            raise ValueError("she came back from a checkpoint, so this fight cannot be replayed "
                             "(Restart records afresh)")
        if fight.reloads:
            raise ValueError("the level was reloaded, so this fight cannot be replayed (Restart records afresh)")
        raise ValueError("this fight is not being recorded (longer than a replay can hold)")
    folder = replay_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    path = folder / f"{fight.level_name}-{stamp}.json"
    count = 2
    while path.exists():  # two saves within a second keep both
        path = folder / f"{fight.level_name}-{stamp}-{count}.json"
        count += 1
    fight.recorder.finish(fight.world).save(path)
    return path
