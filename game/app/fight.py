"""A fight on stage: its world, the view that draws it, the recorder that keeps it, and its pose sets."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from game.data.bundle import Bundle
from game.scripting.replay import ReplayRecorder
from game.sim.inputs import InputFrame
from game.sim.world import DT

DATA_DIR_VARIABLE = "BALLERINA_DATA_DIR"  # overrides the user data folder (tests, portable installs)


def make_view(world, pose_sets: dict):  # type: ignore[no-untyped-def]
    """The renderer's view of a fight: stage, fighters, particles, lights, HUD, debug overlay."""
    from game.render.view import WorldView

    return WorldView(world.level, pose_sets)


class Fight:
    """One fight of a level from tick 0, recorded as it goes so F9 can save it at any moment."""

    def __init__(self, bundle: Bundle, seed: int, pose_sets: dict, recorded: bool = True) -> None:
        self.bundle = bundle
        self.seed = seed
        self.pose_sets = pose_sets
        self.world = bundle.world(seed=seed)
        self.view = make_view(self.world, pose_sets)
        self.recorder: ReplayRecorder | None = ReplayRecorder(bundle.level_path, seed) if recorded else None
        self.reloads = 0  # how many times the level file was reloaded under this fight

    def step(self, frame: InputFrame) -> list:
        """Advance one tick with the player's frame; returns the tick's events."""
        world = self.world
        events = world.step({world.player_id: frame})  # type: ignore[dict-item]
        if self.recorder is not None:
            try:
                self.recorder.record(frame, world)
            except ValueError:  # past ten hours a replay cannot hold the fight: stop keeping it
                self.recorder = None
        self.view.update(world, events, DT)
        return events

    def again(self) -> Fight:
        """The same level and seed from the first tick (restart)."""
        return Fight(self.bundle, self.seed, self.pose_sets)

    def reloaded(self, bundle: Bundle) -> Fight:
        """The fight on a new version of its level: enemies and props as the new file says, the
        ballerina where she stood (place, facing, health) and the camera where it looked.

        It is not recorded: a replay begins at the level's spawn, which this fight did not.
        """
        fight = Fight(bundle, self.seed, bundle.pose_sets, recorded=False)
        old, new = self.world.player, fight.world.player
        if old is not None and new is not None:
            new.place(old.x, old.y)
            new.facing = old.facing
            new.health = max(1, min(old.health, new.spec.health))
        camera, old_camera = fight.view.camera, self.view.camera
        camera.x, camera.y = old_camera.x, old_camera.y
        fight.view.snapped = True
        fight.reloads = self.reloads + 1
        return fight

    @property
    def level_name(self) -> str:
        return self.bundle.level_path.stem


def replay_folder(data_dir: Path | None = None) -> Path:
    """Where F9 puts replays: `data_dir`, else $BALLERINA_DATA_DIR, else the user data folder."""
    if data_dir is None and os.environ.get(DATA_DIR_VARIABLE):
        data_dir = Path(os.environ[DATA_DIR_VARIABLE])
    if data_dir is None:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir("ballerina"))
    return data_dir / "replays"


def save_fight(fight: Fight, data_dir: Path | None = None, now: datetime | None = None) -> Path:
    """Save the fight so far as `<level>-<yyyymmdd-hhmmss>.json`; OSError if the folder is not writable."""
    if fight.recorder is None:
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
