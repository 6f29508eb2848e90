"""Hot reload: while a level is danced, saving its file (or a fighter file it uses) puts the new version on stage.

The watcher polls modification times about twice a second on the app's clock (a fake one in tests),
so a designer's save shows within a second. A file saved with a mistake never stops the dance: the
problems are kept for the screen and the last good version goes on until the file is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.data import ASSETS
from game.data.bundle import Bundle, load_bundle
from game.data.choreography import CHOREOGRAPHY
from game.data.errors import DataError, Problem
from game.data.fighters import archetype_path

POLL_SECONDS = 0.5  # s of app time between two looks at the files
Stamp = tuple[int, int] | None  # (mtime in ns, size in bytes) of a file; None when it cannot be read


def stamp_of(path: Path) -> Stamp:
    """What changes when a file is saved: its modification time and size (None if it is gone)."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def files_of(bundle: Bundle, assets: Path = ASSETS) -> list[Path]:
    """The files a fight of `bundle` was built from: the level, its fighters, their moves and poses."""
    files = [bundle.level_path, CHOREOGRAPHY]
    for name, archetype in sorted(bundle.archetypes.items()):
        path = archetype_path(name, assets)
        if path is not None:
            files.append(path)
        if archetype.spec.moves:
            files.append(assets / "moves" / f"{archetype.spec.moves}.toml")
        files.append(assets / "poses" / f"{archetype.spec.poses}.toml")
    return list(dict.fromkeys(files))  # each once, in order


def describe_failure(path: Path, error: Exception) -> DataError:
    """Any failure to load a level as a DataError, so the screen can list it instead of a traceback."""
    if isinstance(error, DataError):
        return error
    if isinstance(error, OSError):
        return DataError(path, [Problem("", f"cannot be read: {error.strerror or error}")])
    return DataError(path, [Problem("", f"cannot be built: {type(error).__name__}: {error}")])


@dataclass(slots=True)
class Reloaded:
    """What one look at the files found: a new good bundle, or the problems of a bad save."""

    bundle: Bundle | None = None
    error: DataError | None = None


class LevelWatcher:
    """Watches a level's files and loads the level again when one of them is saved."""

    def __init__(self, bundle: Bundle, now: float, loader: Callable[[Path], Bundle] = load_bundle,
                 period: float = POLL_SECONDS) -> None:
        self.path = bundle.level_path
        self.loader = loader
        self.period = period
        self.next_look = now + period
        self.error: DataError | None = None  # the problems of the file as last saved, while it is broken
        self._watch(bundle)

    def _watch(self, bundle: Bundle) -> None:
        self.files = files_of(bundle)
        self.stamps = {path: stamp_of(path) for path in self.files}

    def changed(self) -> bool:
        """True when any watched file was saved, created or removed since the last look."""
        return any(stamp_of(path) != stamp for path, stamp in self.stamps.items())

    def poll(self, now: float) -> Reloaded | None:
        """Look at the files if it is time; after a save, the new bundle or the save's problems."""
        if now < self.next_look:
            return None
        self.next_look = now + self.period
        if not self.changed():
            return None
        self.stamps = {path: stamp_of(path) for path in self.files}  # look again only after the next save
        try:
            bundle = self.loader(self.path)
        except Exception as error:  # noqa: BLE001 - a designer's save must never end the dance
            self.error = describe_failure(self.path, error)
            return Reloaded(error=self.error)
        self.error = None
        self._watch(bundle)
        return Reloaded(bundle=bundle)
