"""Fighter archetypes: the ballerina (`assets/fighters/`) and her opponents (`assets/enemies/`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from game.data import ASSETS
from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import load
from game.data.moves import MoveFile, load_moves
from game.data.specs import Length, Name, Pace, Spec, Weight

ARCHETYPE_FOLDERS = ("fighters", "enemies")
BRAIN_NAMES = (  # the brains game/sim/brains.py provides; the training partners' are in game/sim/training.py
    "stand", "random", "sparring",
    "crouch", "jump", "block_all", "block_after_first_hit", "dodge", "counter", "playback",
)


class FighterSpec(Spec):
    """What a fighter is: body, speeds, health and the names of its moves, poses and look."""

    name: str = Field(min_length=1, max_length=40)
    health: int = Field(ge=1, le=100_000)
    weight: Weight = 1.0  # knockback is divided by this
    size: tuple[Length, Length] = (36.0, 150.0)  # hurtbox width and height, px
    walk_speed: Pace = 260.0  # px/s
    run_speed: Pace = 540.0
    air_speed: Pace = 300.0
    jump_height: Length = 190.0  # px
    moves: Name | None = None  # assets/moves/<moves>.toml; none for a training dummy
    poses: Name = "ballerina"  # assets/poses/<poses>.toml
    look: Name = "ballerina"  # how the renderer draws the silhouette
    brain: Literal[BRAIN_NAMES] = "stand"  # type: ignore[valid-type]  # unless the level says otherwise
    regenerates: bool = False  # health refills when a combo on it ends (training dummies)
    planted: bool = False  # walking into it does not push it (a dummy on a weighted base); hits still do
    armour: int = Field(0, ge=0, le=100_000)  # a hit dealing less damage than this does not stagger it


@dataclass(frozen=True, slots=True)
class Archetype:
    """A validated fighter with its move file, ready for the simulation."""

    id: str
    spec: FighterSpec
    moves: MoveFile | None


def archetype_path(name: str, assets: Path = ASSETS) -> Path | None:
    for folder in ARCHETYPE_FOLDERS:
        path = assets / folder / f"{name}.toml"
        if path.is_file():
            return path
    return None


def known_archetypes(assets: Path = ASSETS) -> list[str]:
    names: set[str] = set()
    for folder in ARCHETYPE_FOLDERS:
        names.update(p.stem for p in (assets / folder).glob("*.toml"))
    return sorted(names)


def load_archetype(name: str, assets: Path = ASSETS, where: tuple[str, str] | None = None) -> Archetype:
    """The archetype called `name`; `where` (file, key path) says who asked, for the error."""
    path = archetype_path(name, assets)
    if path is None:
        file, key = where or ("assets", "")
        raise DataError(file, [Problem(key, unknown_name("fighter", name, known_archetypes(assets)))])
    spec = load(FighterSpec, path)
    moves = None
    if spec.moves:
        move_path = assets / "moves" / f"{spec.moves}.toml"
        if not move_path.is_file():
            known = [p.stem for p in (assets / "moves").glob("*.toml")]
            raise DataError(path, [Problem("moves", unknown_name("move file", spec.moves, known))])
        moves = load_moves(move_path)
    return Archetype(name, spec, moves)
