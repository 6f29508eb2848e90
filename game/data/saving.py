"""The one writing path for files the game keeps (replays, records, settings): all at once or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8, `\\n` line ends): readers and a crash in the middle see the old
    file or the whole new one, never half of it. The folder must exist; OSError if it cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    temporary = folder / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            _write_all(file, text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _write_all(file, text: str) -> None:  # type: ignore[no-untyped-def]
    """Write the text (its own function so a test can crash the game in the middle of it)."""
    file.write(text)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows opening a folder (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def broken_name(path: Path) -> Path:
    """A free name to keep a broken file under: `records.json.broken`, then `.broken-2`, ..."""
    candidate = path.with_name(f"{path.name}.broken")
    count = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.broken-{count}")
        count += 1
    return candidate
