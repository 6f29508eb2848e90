"""Level files (`levels/*.toml`): geometry, actors, props and the look of a place.

Coordinates are in pixels with y pointing up; the top of the floor is usually y = 0.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

from pydantic import Field

from game.data.errors import DataError, Problem
from game.data.loading import read_toml, validate
from game.data.specs import Name, NonNegative, Number, Positive, Spec, Vec2

Rect = tuple[Number, Number, Positive, Positive]  # left, bottom, width, height


class PlatformSpec(Spec):
    """A solid block, or a one-way ledge you can jump up through and drop down from."""

    rect: Rect
    one_way: bool = False
    material: Literal["wood", "stone", "metal", "asphalt", "velvet"] = "wood"


class ActorSpec(Spec):
    """A fighter placed in the level at the start."""

    archetype: Name
    at: Vec2
    facing: Literal["left", "right"] = "left"
    brain: Name | None = None  # defaults to the archetype's brain


class PropSpec(Spec):
    """A physics object: a box or a round thing that can be kicked about and perhaps broken."""

    kind: Name  # what it is drawn as: crate, barrel, chair, bin, ...
    at: Vec2  # centre of its bottom edge
    size: tuple[Positive, Positive] = (60.0, 60.0)
    shape: Literal["box", "round"] = "box"
    mass: Positive = 10.0
    breakable: bool = False
    health: int = Field(default=100, ge=1, le=10_000)


class LightSpec(Spec):
    kind: Literal["candle", "footlight", "spotlight", "neon", "window", "lamp"] = "lamp"
    at: Vec2
    color: tuple[int, int, int] = (255, 200, 120)
    radius: Positive = 200.0
    intensity: NonNegative = 1.0
    flicker: NonNegative = 0.0  # 0 steady .. 1 wild


class LevelSpec(Spec):
    """A whole level."""

    name: str = Field(min_length=1, max_length=60)
    description: str = ""
    theme: Name = "academy"  # the renderer's background painter
    size: tuple[Positive, Positive]  # width and height of the playable space, px
    gravity: Positive = 2600.0  # px/s², pulling down
    tempo: Positive = 96.0  # beats per minute of the music
    spawn: Vec2 = (300.0, 0.0)  # where the ballerina starts, feet
    platforms: list[PlatformSpec] = Field(min_length=1, max_length=200)
    actors: list[ActorSpec] = Field(default_factory=list, max_length=100)
    props: list[PropSpec] = Field(default_factory=list, max_length=200)
    lights: list[LightSpec] = Field(default_factory=list, max_length=200)
    walls: bool = True  # solid walls at x = 0 and x = width


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _tables(value: object) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _x_of(at: object) -> float | None:
    return _number(at[0]) if isinstance(at, list) and len(at) == 2 else None


def placement_problems(raw: object) -> list[Problem]:
    """Platforms, actors, props and the spawn placed outside the level's size.

    Read defensively from the raw table rather than the validated spec, so these are reported
    together with every other mistake in the file instead of only once the rest is right.
    """
    size = raw.get("size") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(size, list) or len(size) != 2:
        return []
    width, height = _number(size[0]), _number(size[1])
    if width is None or height is None:
        return []
    problems = []
    for i, platform in enumerate(_tables(raw.get("platforms"))):
        rect = platform.get("rect")
        found = [_number(v) for v in rect] if isinstance(rect, list) and len(rect) == 4 else []
        numbers = [v for v in found if v is not None]
        if len(numbers) == 4:
            x, y, w, h = numbers
            if w > 0 and h > 0 and (x + w < 0 or x > width or y > height or y + h < -height):
                outside = f"lies outside the level (size {width:g} × {height:g})"
                problems.append(Problem(f"platforms[{i}].rect", outside))
    for name in ("actors", "props"):
        for i, thing in enumerate(_tables(raw.get(name))):
            at = _x_of(thing.get("at"))
            if at is not None and not 0 <= at <= width:
                problems.append(Problem(f"{name}[{i}].at", f"x={at:g} is outside 0..{width:g}"))
    spawn = _x_of(raw.get("spawn"))
    if spawn is not None and not 0 <= spawn <= width:
        problems.append(Problem("spawn", f"x={spawn:g} is outside 0..{width:g}"))
    return problems


def load_level(path: Path | str) -> LevelSpec:
    """Read and validate a level file; a DataError lists every problem, placement ones included."""
    raw = read_toml(path)
    placed = placement_problems(raw)
    try:
        level = validate(LevelSpec, raw, path)
    except DataError as error:
        raise DataError(path, error.problems + [p for p in placed if p not in error.problems]) from None
    if placed:
        raise DataError(path, placed)
    return level
