"""Level files (`levels/*.toml`): geometry, actors, props and the look of a place.

Coordinates are in pixels with y pointing up; the top of the floor is usually y = 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from game.data.loading import load
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

    @model_validator(mode="after")
    def _inside(self) -> LevelSpec:
        width, height = self.size
        problems = []
        for i, p in enumerate(self.platforms):
            x, y, w, h = p.rect
            if x + w < 0 or x > width or y > height:
                problems.append(f"platforms[{i}] lies outside the level (size {width:g} × {height:g})")
        placed = [("actors", i, a.at[0]) for i, a in enumerate(self.actors)]
        placed += [("props", i, p.at[0]) for i, p in enumerate(self.props)]
        for name, i, x in placed:
            if not 0 <= x <= width:
                problems.append(f"{name}[{i}].at x={x:g} is outside 0..{width:g}")
        if not 0 <= self.spawn[0] <= width:
            problems.append(f"spawn x={self.spawn[0]:g} is outside 0..{width:g}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def load_level(path: Path | str) -> LevelSpec:
    return load(LevelSpec, path)
