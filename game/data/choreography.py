"""`assets/choreography.toml`: the named enchaînements and the rules by which grace is earned."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from game.data import ASSETS
from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import data_loader, load
from game.data.moves import MoveFile
from game.data.specs import Frames, Name, NonNegative, Spec

CHOREOGRAPHY = ASSETS / "choreography.toml"
PHRASE_STEPS = ("jump",)  # not moves, but they may stand in a phrase


class GraceRules(Spec):
    on_beat_window: Frames = 5
    on_beat_bonus: NonNegative = 1.0
    repeat_factor: float = Field(default=0.5, ge=0, le=1)
    max_grace: int = Field(default=100, ge=1, le=10_000)


class EnchainementSpec(Spec):
    """A named phrase: the moves, in order, and the grace it earns."""

    name: str = Field(min_length=1, max_length=40)
    phrase: list[Name] = Field(min_length=2, max_length=12)
    grace: int = Field(ge=0, le=1000)


class ChoreographySpec(Spec):
    grace: GraceRules = GraceRules()
    enchainements: list[EnchainementSpec] = Field(default_factory=list, max_length=200)


@data_loader
def load_choreography(path: Path | str = CHOREOGRAPHY, moves: MoveFile | None = None) -> ChoreographySpec:
    """Read the choreography file; with `moves`, every phrase step must be one of them (or `jump`)."""
    spec = load(ChoreographySpec, path)
    if moves is not None:
        known = set(moves.moves) | set(PHRASE_STEPS)
        problems = [
            Problem(f"enchainements[{i}].phrase[{j}]", unknown_name("move", step, known))
            for i, e in enumerate(spec.enchainements)
            for j, step in enumerate(e.phrase)
            if step not in known
        ]
        names = [e.name for e in spec.enchainements]
        problems += [
            Problem(f"enchainements[{i}].name", f"{name!r} is used twice; names must be unique")
            for i, name in enumerate(names)
            if name in names[:i]
        ]
        if problems:
            raise DataError(path, problems)
    return spec
