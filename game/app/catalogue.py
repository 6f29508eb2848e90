"""The stages on offer: every file in `levels/`, loaded and checked, each with a small picture of itself.

A designer's new file appears the next time the folder is read, with no code to change. A file that
does not load is still listed, with its problem instead of a description, and cannot be chosen.
Loaded levels and their pictures are kept per file and modification time, so coming back is instant.
A picture takes the renderer a second or two to paint (it bakes the whole stage), so the screen asks
for them to be painted on a worker thread and shows "painting…" until each is ready. Only the small
picture is kept: the full-size stage and light painted for it go as soon as it is taken.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.app.reload import Stamp, describe_failure, stamp_of
from game.data.bundle import Bundle, load_bundle
from game.data.errors import DataError

PREVIEW_SIZE = (256, 144)  # px of a level's picture in the list
PREVIEW_WARMUP = 2  # ticks the world runs before its picture is taken, so everyone stands on the floor


@dataclass(frozen=True, slots=True)
class LevelEntry:
    """One file of the levels folder: its level when it loads, else its problems."""

    path: Path
    stamp: Stamp
    bundle: Bundle | None = None
    error: DataError | None = None

    @property
    def playable(self) -> bool:
        return self.bundle is not None

    @property
    def name(self) -> str:
        return self.bundle.level.name if self.bundle is not None else self.path.stem.replace("_", " ")

    @property
    def description(self) -> str:
        return self.bundle.level.description if self.bundle is not None else ""

    def error_lines(self, most: int = 4) -> list[str]:
        """The problems of a file that does not load, one a line (key path: message)."""
        if self.error is None:
            return []
        lines = [str(problem) for problem in self.error.problems[:most]]
        if len(self.error.problems) > most:
            lines[-1] = f"… and {len(self.error.problems) - most + 1} more problems"
        return lines


def render_preview(bundle: Bundle, size: tuple[int, int] = PREVIEW_SIZE) -> pygame.Surface:
    """The level as the fight first shows it, at its spawn, drawn by the renderer and scaled down."""
    from game.render.camera import VIEW_H, VIEW_W
    from game.render.lights import give_back_scratch
    from game.render.view import WorldView
    from game.sim.world import DT

    world = bundle.world(seed=0)
    view = WorldView(bundle.level, bundle.pose_sets, keep=False)  # its full-size paintings go with it
    view.show_hud = False
    for _ in range(PREVIEW_WARMUP):
        view.update(world, world.step({}), DT)
    frame = pygame.Surface((VIEW_W, VIEW_H))
    view.draw(frame, world)
    del view  # and with it the stage and light painted for this picture alone
    give_back_scratch()
    return pygame.transform.smoothscale(frame, size)


class LevelShelf:
    """Every level file in a folder, kept loaded per modification time, with pictures made on demand."""

    def __init__(self, folder: Path, loader: Callable[[Path], Bundle] = load_bundle,
                 painter: Callable[[Bundle], pygame.Surface] = render_preview) -> None:
        self.folder = folder
        self.loader = loader
        self.painter = painter
        self.entries: list[LevelEntry] = []
        self._known: dict[Path, LevelEntry] = {}
        self._pictures: dict[tuple[Path, Stamp], pygame.Surface] = {}
        self._failures: dict[tuple[Path, Stamp], DataError] = {}  # pictures the renderer could not paint
        self._worker: threading.Thread | None = None

    def scan(self) -> list[LevelEntry]:
        """Read the folder again: new files appear, removed ones go, saved ones are loaded afresh."""
        paths = sorted(self.folder.glob("*.toml")) if self.folder.is_dir() else []
        entries = []
        for path in paths:
            stamp = stamp_of(path)
            entry = self._known.get(path)
            if entry is None or entry.stamp != stamp:
                entry = self._load(path, stamp)
            entries.append(entry)
        self._known = {entry.path: entry for entry in entries}
        self.entries = entries
        self.settle()
        return entries

    def _load(self, path: Path, stamp: Stamp) -> LevelEntry:
        try:
            return LevelEntry(path, stamp, bundle=self.loader(path))
        except Exception as error:  # noqa: BLE001 - a broken file is listed with its problem, never a crash
            return LevelEntry(path, stamp, error=describe_failure(path, error))

    def picture(self, entry: LevelEntry) -> pygame.Surface | None:
        """The entry's picture if it has been painted (None for a file that does not load or not yet)."""
        return self._pictures.get((entry.path, entry.stamp))

    def missing(self, order: list[int]) -> list[LevelEntry]:
        """The entries at `order` that load but have no picture yet, in that order."""
        wanted = [self.entries[i] for i in dict.fromkeys(order) if 0 <= i < len(self.entries)]
        return [e for e in wanted if e.bundle is not None and (e.path, e.stamp) not in self._pictures
                and (e.path, e.stamp) not in self._failures]

    def paint_next(self, order: list[int]) -> bool:
        """Paint the first missing picture among the entries at `order` now; True if one was painted."""
        missing = self.missing(order)
        if missing:
            self._paint(missing[0])
            self.settle()
        return bool(missing)

    def paint_soon(self, order: list[int]) -> None:
        """Paint the missing pictures on a worker thread, those at `order` first; the screen never waits."""
        self.settle()
        if self._worker is not None and self._worker.is_alive():
            return
        missing = self.missing(order)
        if missing:
            self._worker = threading.Thread(target=self._paint_all, args=(missing,), daemon=True,
                                            name="level pictures")
            self._worker.start()

    def _paint_all(self, entries: list[LevelEntry]) -> None:
        for entry in entries:
            self._paint(entry)

    def _paint(self, entry: LevelEntry) -> None:
        assert entry.bundle is not None
        key = (entry.path, entry.stamp)
        try:
            self._pictures[key] = self.painter(entry.bundle)
        except Exception as error:  # noqa: BLE001 - a level the renderer cannot draw is not playable
            self._failures[key] = describe_failure(entry.path, error)

    def settle(self) -> None:
        """Mark the entries whose picture could not be painted as not loading (on the screen's thread)."""
        for i, entry in enumerate(self.entries):
            failure = self._failures.get((entry.path, entry.stamp))
            if failure is not None and entry.bundle is not None:
                self.entries[i] = LevelEntry(entry.path, entry.stamp, error=failure)
                self._known[entry.path] = self.entries[i]

    def wait(self) -> None:
        """Let the worker finish its pictures (tests, and a program about to quit)."""
        if self._worker is not None:
            self._worker.join()
