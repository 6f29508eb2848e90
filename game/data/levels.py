"""Level files (`levels/*.toml`): geometry, actors, props, waves, the goal and the look of a place.

Coordinates are in pixels with y pointing up; the top of the floor is usually y = 0.
Every key is documented with an example in docs/levels.md.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import data_loader, finite, read_toml, validate
from game.data.specs import Extent, Gravity, Mass, Name, NonNegative, Number, Positive, Spec, Tempo, Vec2

Rect = tuple[Number, Number, Positive, Positive]  # left, bottom, width, height
Color = tuple[
    Annotated[int, Field(ge=0, le=255)], Annotated[int, Field(ge=0, le=255)], Annotated[int, Field(ge=0, le=255)]
]
Fraction = Annotated[float, Field(ge=0, le=1), AfterValidator(finite)]
MATERIALS = ("wood", "stone", "metal", "asphalt", "velvet", "marble", "gilt")


class PlatformSpec(Spec):
    """A solid block, or a one-way ledge you can jump up through and drop down from.

    `rise` tilts the top edge into a slope: the top's right end is `rise` px higher than its left end
    (negative: lower). Stairs are a row of small platforms.
    """

    rect: Rect
    one_way: bool = False
    material: Literal["wood", "stone", "metal", "asphalt", "velvet", "marble", "gilt"] = "wood"
    rise: Number = 0.0
    look: Name | None = None  # a drawing hint for the theme: "balcony", "fire_escape", "stage", "pit_rail" ...


class ActorSpec(Spec):
    """A fighter placed in the level at the start."""

    archetype: Name
    at: Vec2
    facing: Literal["left", "right"] = "left"
    brain: Name | None = None  # defaults to the archetype's brain


class HangSpec(Spec):
    """What a hanging prop hangs from: a chain that can be cut (the chandelier) or a spring (a sign)."""

    anchor: Vec2  # the fixed point in the ceiling or wall the prop hangs from
    by: Literal["chain", "spring"] = "chain"
    cut_by_hits: bool = True  # chains: a hit on the prop or its chain cuts it and the prop falls
    stiffness: Positive = 400.0  # springs: N/px
    damping: NonNegative = 8.0  # springs


PROP_KINDS = (
    "crate", "barrel", "chair", "bench", "bin", "dumpster", "candelabra", "chandelier", "neon_sign",
    "music_stand", "trunk",
)


def _prop_kind(kind: str) -> str:
    if kind not in PROP_KINDS:
        raise ValueError(unknown_name("prop kind", kind, PROP_KINDS))
    return kind


class PropSpec(Spec):
    """A physics object: a box or a round thing that can be kicked about and perhaps broken."""

    kind: Annotated[Name, AfterValidator(_prop_kind)]  # what it is drawn as: one of PROP_KINDS
    at: Vec2  # centre of its bottom edge (a hanging prop: where it hangs at rest)
    size: tuple[Positive, Positive] = (60.0, 60.0)
    shape: Literal["box", "round"] = "box"
    mass: Mass = 10.0
    breakable: bool = False
    health: int = Field(default=100, ge=1, le=10_000)
    hang: HangSpec | None = None


class LightSpec(Spec):
    """A light in the darkness layer; `pattern` is a flicker loop of letters a (dark) .. z (bright), 10 a second."""

    kind: Literal["candle", "footlight", "spotlight", "neon", "window", "lamp", "chandelier", "streetlight"] = "lamp"
    at: Vec2
    color: Color = (255, 200, 120)
    radius: Positive = 200.0
    intensity: NonNegative = 1.0
    flicker: NonNegative = 0.0  # 0 steady .. 1 wild: random flicker on top of the pattern
    pattern: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z]+$")] | None = None
    aim: Vec2 | None = None  # spotlights: the point the beam falls on


class CameraSpec(Spec):
    """What the camera may show: bounds (left, bottom, right, top) inside which it stays, and its zoom."""

    bounds: tuple[Number, Number, Number, Number] | None = None  # default: the level's size
    zoom: Annotated[float, Field(ge=0.5, le=2.0), AfterValidator(finite)] = 1.0


class WeatherSpec(Spec):
    rain: Fraction = 0.0  # 0 dry .. 1 downpour: streaks and splashes
    fog: Fraction = 0.0  # 0 clear .. 1 thick: a drifting haze over the far layers
    wind: Annotated[float, Field(ge=-1, le=1), AfterValidator(finite)] = 0.0  # slants the rain


class LayerSpec(Spec):
    """A background layer painted procedurally from parameters; depth 0 is the far sky, 1 the stage."""

    kind: Name  # the theme's painter of this layer: see docs/levels.md for the kinds each theme draws
    depth: Fraction = 0.5  # parallax: a layer of depth d scrolls d times as fast as the stage
    color: Color = (20, 20, 28)
    accent: Color = (200, 160, 90)
    y: Number = 0.0  # where the layer's base sits, world px
    height: Positive = 400.0
    density: Fraction = 0.5  # how crowded: windows, seats, bulbs, stars ...
    seed: Annotated[int, Field(ge=0, le=2**31)] = 0  # varies the layer's procedural details


class PaletteSpec(Spec):
    ambient: Color = (40, 40, 52)  # the darkness layer's colour where no light falls
    sky: Color = (8, 8, 14)
    ground: Color = (30, 24, 20)
    accent: Color = (210, 170, 90)


class TriggerSpec(Spec):
    """When a wave comes: the ballerina reaches x, the previous wave is cleared, or a tick is reached."""

    kind: Literal["reach", "cleared", "tick", "start"]
    x: Number | None = None  # reach
    tick: Annotated[int, Field(ge=0, le=10 * 60 * 60 * 60)] | None = None  # tick

    @model_validator(mode="after")
    def _needs(self) -> TriggerSpec:
        if self.kind == "reach" and self.x is None:
            raise ValueError("a 'reach' trigger needs x, the position the ballerina reaches")
        if self.kind == "tick" and self.tick is None:
            raise ValueError("a 'tick' trigger needs tick, the tick it fires on")
        return self


class WaveEnemySpec(Spec):
    kind: Name  # an archetype in assets/enemies (or assets/fighters)
    at: Vec2
    facing: Literal["left", "right"] = "left"
    brain: Name | None = None  # defaults to the archetype's brain
    boss: bool = False


class WaveSpec(Spec):
    name: str = Field(default="", max_length=60)  # announced by the HUD
    trigger: TriggerSpec
    enemies: list[WaveEnemySpec] = Field(min_length=1, max_length=40)


class GoalSpec(Spec):
    """How the level is won: practice never ends; clear every wave; reach the exit; defeat the boss."""

    kind: Literal["practice", "clear_waves", "reach_exit", "defeat_boss"]
    x: Number | None = None  # reach_exit: the exit's x

    @model_validator(mode="after")
    def _needs(self) -> GoalSpec:
        if self.kind == "reach_exit" and self.x is None:
            raise ValueError("a 'reach_exit' goal needs x, where the exit is")
        return self


class LevelSpec(Spec):
    """A whole level."""

    name: str = Field(min_length=1, max_length=60)
    description: str = ""
    theme: Name = "academy"  # the renderer's background painter
    size: tuple[Extent, Extent]  # width and height of the playable space, px
    gravity: Gravity = 2600.0  # px/s², pulling down
    tempo: Tempo = 96.0  # beats per minute of the music
    spawn: Vec2 = (300.0, 0.0)  # where the ballerina starts, feet
    platforms: list[PlatformSpec] = Field(min_length=1, max_length=200)
    actors: list[ActorSpec] = Field(default_factory=list, max_length=100)
    props: list[PropSpec] = Field(default_factory=list, max_length=200)
    lights: list[LightSpec] = Field(default_factory=list, max_length=200)
    walls: bool = True  # solid walls at x = 0 and x = width
    camera: CameraSpec = CameraSpec()
    weather: WeatherSpec = WeatherSpec()
    layers: list[LayerSpec] = Field(default_factory=list, max_length=32)
    palette: PaletteSpec = PaletteSpec()
    waves: list[WaveSpec] = Field(default_factory=list, max_length=40)
    goal: GoalSpec

    @model_validator(mode="after")
    def _goal_fits_waves(self) -> LevelSpec:
        if self.goal.kind in ("clear_waves", "defeat_boss") and not self.waves:
            raise ValueError(f"goal {self.goal.kind!r} needs at least one wave")
        if self.goal.kind == "defeat_boss" and not any(e.boss for w in self.waves for e in w.enemies):
            raise ValueError("goal 'defeat_boss' needs an enemy with boss = true in some wave")
        return self


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


@data_loader
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
