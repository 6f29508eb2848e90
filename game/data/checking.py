"""`python main.py check`: recognise what kind of data file a path is and validate it fully."""

from __future__ import annotations

from pathlib import Path

from game.data import ASSETS, LEVELS
from game.data.errors import DataError, Problem
from game.data.fighters import FighterSpec, load_archetype
from game.data.loading import data_loader, read_toml, validate
from game.data.moves import load_moves


def kind_of(path: Path, table: dict) -> str:
    """Which kind of data file this is, from its folder or, failing that, its keys."""
    parent = path.parent.name
    if parent == "combos" or "script" in table or "inputs" in table:
        return "combo test"
    if parent == "levels" or "platforms" in table:
        return "level"
    if parent == "moves" or "moves" in table and isinstance(table.get("moves"), dict):
        return "moves"
    if parent == "poses" or "poses" in table and "states" in table:
        return "poses"
    if parent in ("fighters", "enemies") or "health" in table:
        return "fighter"
    return "unknown"


@data_loader
def check_file(path: Path) -> str:
    """Validate one file completely (cross-references included); returns its kind or raises DataError."""
    path = Path(path)
    table = read_toml(path)
    kind = kind_of(path, table)
    if kind == "level":
        from game.data.bundle import load_bundle

        load_bundle(path)
    elif kind == "moves":
        moves = load_moves(path)
        _check_poses_of(path, moves)
    elif kind == "fighter":
        validate(FighterSpec, table, path)
        if path.parent.name in ("fighters", "enemies") and path.parent.parent == ASSETS:
            load_archetype(path.stem)
    elif kind == "combo test":
        _check_combo(path)
    elif kind == "poses":
        from game.data.poses import load_pose_set

        load_pose_set(path)
    else:
        raise DataError(path, [Problem("", "is not a level, move, fighter or pose file (no known keys)")])
    return kind


def _check_poses_of(path: Path, moves) -> None:  # type: ignore[no-untyped-def]
    """A move file's pose names must exist in the pose set of the same name."""
    pose_path = path.parent.parent / "poses" / path.name
    if not pose_path.is_file():
        return
    from game.data.poses import check_move_poses, load_pose_set

    problems = check_move_poses(moves, load_pose_set(pose_path))
    if problems:
        raise DataError(path, problems)


def _check_combo(path: Path) -> None:
    """A combo test's file, arena and the names in its choreography line."""
    from game.data.combos import load_combo_test
    from game.scripting.choreography import ScriptError, parse_line
    from game.scripting.combos import _bundle
    from game.sim.moves import MoveBook

    spec = load_combo_test(path)
    bundle = _bundle(spec.arena)
    if spec.script is not None:
        try:
            parse_line(spec.script, MoveBook(bundle.archetypes["ballerina"].moves))
        except ScriptError as error:
            expected = spec.expect.fails_at is not None and str(error).startswith(f"step {spec.expect.fails_at} ")
            if not expected:  # a negative test may misspell a move on purpose
                raise DataError(path, [Problem("script", str(error))]) from None


def shipped_files() -> list[Path]:
    """Every data file the game ships."""
    files = sorted(LEVELS.glob("*.toml"))
    for folder in ("fighters", "enemies", "moves", "poses"):
        files += sorted((ASSETS / folder).glob("*.toml"))
    return files + sorted((ASSETS.parent / "tests" / "combos").glob("*.toml"))
