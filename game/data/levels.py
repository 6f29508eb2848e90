"""Level files (`levels/*.toml`): geometry, actors, props, waves, the goal and the look of a place.

Coordinates are in pixels with y pointing up; the top of the floor is usually y = 0.
Every key is documented with an example in docs/levels.md; `python main.py schema` writes the JSON
Schema an editor uses to complete and check these files while they are typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from game.data.errors import DataError, Problem
from game.data.loading import data_loader, finite, read_toml, validate
from game.data.moves import WEAPONS
from game.data.specs import Extent, Gravity, Mass, Name, NonNegative, Number, Positive, Spec, Tempo, Vec2

THEMES = ("academy", "opera", "alley")  # the renderer's stage painters
MATERIALS = ("wood", "stone", "metal", "asphalt", "velvet", "marble", "gilt")
PROP_KINDS = (
    "crate", "barrel", "chair", "bench", "bin", "dumpster", "candelabra", "chandelier", "neon_sign",
    "music_stand", "trunk",
)
LIGHT_KINDS = ("candle", "footlight", "spotlight", "neon", "window", "lamp", "chandelier", "streetlight")
LAYER_KINDS = (  # the background layers the themes paint (game/render); docs/levels.md lists them per theme
    "sky", "moon", "skyline", "rooftops", "curtains", "proscenium", "balconies", "seats", "chandelier_glow",
    "backstage", "fire_escapes", "brick_wall", "neon_haze", "windows", "barre", "mirrors", "signs", "wires", "wall",
)
TRIGGER_KINDS = ("start", "reach", "cleared", "tick")
GOAL_KINDS = ("practice", "clear_waves", "reach_exit", "defeat_boss")
MAX_TICK = 10 * 60 * 60 * 60  # ticks: ten hours at 60 a second

Rect = tuple[Number, Number, Positive, Positive]  # left, bottom, width, height
Channel = Annotated[int, Field(ge=0, le=255)]
Color = tuple[Channel, Channel, Channel]
Fraction = Annotated[float, Field(ge=0, le=1), AfterValidator(finite)]
Facing = Literal["left", "right"]


def _ordered_bounds(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    left, bottom, right, top = bounds
    if left >= right:
        raise ValueError(f"bounds are [left, bottom, right, top]: left {left:g} must be less than right {right:g}")
    if bottom >= top:
        raise ValueError(f"bounds are [left, bottom, right, top]: bottom {bottom:g} must be less than top {top:g}")
    return bounds


def _some_enemies(enemies: list[WaveEnemySpec]) -> list[WaveEnemySpec]:
    if not enemies:
        raise ValueError("a wave needs at least one enemy (found none): it would never be cleared")
    return enemies


class PlatformSpec(Spec):
    """A solid block, or a one-way ledge you can jump up through and drop down from.

    `rise` tilts the top edge into a slope: the top's right end is `rise` px higher than its left end
    (negative: lower). Stairs are a row of small platforms.
    """

    rect: Rect = Field(description="left, bottom, width, height in px (y up); the top edge is bottom + height")
    one_way: bool = Field(default=False, description="jump up through it, stand on it, drop down with down + jump")
    material: Literal[MATERIALS] = Field(default="wood", description="footstep sound and landing dust")  # type: ignore[valid-type]
    rise: Number = Field(default=0.0, description="slope: px the right end of the top rises above its left end")
    look: Name | None = Field(default=None, description="drawing hint: balcony, fire_escape, stage, pit_rail ...")

    @model_validator(mode="after")
    def _slope_keeps_a_top(self) -> PlatformSpec:
        height = self.rect[3]
        if height + self.rise <= 0:
            raise ValueError(f"rise {self.rise:g} would put the top's right end below the bottom (height {height:g})")
        return self


class ActorSpec(Spec):
    """A fighter placed in the level at the start."""

    archetype: Name = Field(description="a fighter in assets/enemies or assets/fighters, e.g. training_dummy")
    at: Vec2 = Field(description="x, y of the feet")
    facing: Facing = "left"
    brain: Name | None = Field(default=None, description="stand, random or sparring; default: the archetype's brain")


class HangSpec(Spec):
    """What a hanging prop hangs from: a chain that can be cut (the chandelier) or a spring (a sign)."""

    anchor: Vec2 = Field(description="the fixed point in the ceiling or wall the prop hangs from, above the prop")
    by: Literal["chain", "spring"] = Field(default="chain", description="chain: a hit cuts it; spring: it swings")
    cut_by_hits: bool = Field(default=True, description="chains: a hit on the prop or its chain cuts it")
    stiffness: Positive = Field(default=400.0, description="springs: N per px of stretch")
    damping: NonNegative = Field(default=8.0, description="springs: how quickly the swinging dies down")


class PropSpec(Spec):
    """A physics object: a box or a round thing that can be kicked about and perhaps broken."""

    kind: Literal[PROP_KINDS] = Field(description="what it is drawn as")  # type: ignore[valid-type]
    at: Vec2 = Field(description="centre of its bottom edge (a hanging prop: where it hangs at rest)")
    size: tuple[Positive, Positive] = Field(default=(60.0, 60.0), description="width, height in px")
    shape: Literal["box", "round"] = "box"
    mass: Mass = Field(default=10.0, description="kg: how hard it is to kick about, and how hard it falls")
    breakable: bool = Field(default=False, description="hits take its health and it breaks at zero")
    health: int = Field(default=100, ge=1, le=10_000)
    hang: HangSpec | None = Field(default=None, description="hangs from a chain or a spring instead of standing")

    @model_validator(mode="after")
    def _hangs_below_anchor(self) -> PropSpec:
        if self.hang is not None and self.hang.anchor[1] <= self.at[1] + self.size[1]:
            top = self.at[1] + self.size[1]
            raise ValueError(f"hang.anchor y={self.hang.anchor[1]:g} must be above the prop's top (y={top:g})")
        return self


class WeaponSpec(Spec):
    """A weapon lying on the floor at the start: the ballerina picks it up with down + light."""

    kind: Literal[WEAPONS] = Field(description="knife or pistol")  # type: ignore[valid-type]
    at: Vec2 = Field(description="x, y where it lies; it rests on the highest floor at or under y")
    rounds: Annotated[int, Field(ge=0, le=99)] = Field(default=3, description="pistol: the rounds in it")


class LightSpec(Spec):
    """A light in the darkness layer; `pattern` is a flicker loop of letters a (dark) .. z (bright), 10 a second."""

    kind: Literal[LIGHT_KINDS] = "lamp"  # type: ignore[valid-type]
    at: Vec2
    color: Color = (255, 200, 120)
    radius: Positive = Field(default=200.0, description="px the light reaches")
    intensity: NonNegative = Field(default=1.0, description="0 off, 1 full; above 1 glares")
    flicker: NonNegative = Field(default=0.0, description="0 steady .. 1 wild: random flicker on top of the pattern")
    pattern: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z]+$")] | None = Field(
        default=None, description="flicker loop, 10 letters a second: a dark .. m normal .. z bright: 'mmamammmamm'"
    )
    aim: Vec2 | None = Field(default=None, description="spotlights: the point the beam falls on")


class CameraSpec(Spec):
    """What the camera may show: bounds (left, bottom, right, top) inside which it stays, and its zoom."""

    bounds: Annotated[tuple[Number, Number, Number, Number], AfterValidator(_ordered_bounds)] | None = Field(
        default=None, description="left, bottom, right, top in px; default: the level's size"
    )
    zoom: Annotated[float, Field(ge=0.5, le=2.0), AfterValidator(finite)] = 1.0


class WeatherSpec(Spec):
    """Rain and fog over the level."""

    rain: Fraction = Field(default=0.0, description="0 dry .. 1 downpour: streaks and splashes")
    fog: Fraction = Field(default=0.0, description="0 clear .. 1 thick: a drifting haze over the far layers")
    wind: Annotated[float, Field(ge=-1, le=1), AfterValidator(finite)] = Field(default=0.0, description="slants it")


class LayerSpec(Spec):
    """A background layer painted procedurally from parameters; depth 0 is the far sky, 1 the stage."""

    kind: Literal[LAYER_KINDS] = Field(description="the theme's painter of this layer")  # type: ignore[valid-type]
    depth: Fraction = Field(default=0.5, description="parallax: at depth d it scrolls d times as fast as the stage")
    color: Color = (20, 20, 28)
    accent: Color = (200, 160, 90)
    y: Number = Field(default=0.0, description="where the layer's base sits, world px")
    height: Positive = 400.0
    density: Fraction = Field(default=0.5, description="how crowded: windows, seats, bulbs, stars ...")
    seed: Annotated[int, Field(ge=0, le=2**31)] = Field(default=0, description="varies the layer's procedural details")


class PaletteSpec(Spec):
    """The level's colours."""

    ambient: Color = Field(default=(40, 40, 52), description="the darkness layer's colour where no light falls")
    sky: Color = (8, 8, 14)
    ground: Color = (30, 24, 20)
    accent: Color = (210, 170, 90)


class TriggerSpec(Spec):
    """When a wave comes: at the start, the ballerina reaches x, the previous wave is cleared, or a tick."""

    kind: Literal[TRIGGER_KINDS]  # type: ignore[valid-type]
    x: Number | None = Field(default=None, description="reach: the x the ballerina reaches")
    tick: Annotated[int, Field(ge=0, le=MAX_TICK)] | None = Field(default=None, description="the tick it fires on")

    @model_validator(mode="after")
    def _needs(self) -> TriggerSpec:
        if self.kind == "reach" and self.x is None:
            raise ValueError("a 'reach' trigger needs x, the position the ballerina reaches")
        if self.kind == "tick" and self.tick is None:
            raise ValueError("a 'tick' trigger needs tick, the tick it fires on")
        return self


class WaveEnemySpec(Spec):
    """One enemy of a wave: who, where it appears, and how it thinks."""

    kind: Name = Field(description="an archetype in assets/enemies (or assets/fighters), e.g. assassin")
    at: Vec2 = Field(description="x, y of the feet where it appears")
    facing: Facing = "left"
    brain: Name | None = Field(default=None, description="stand, random or sparring; default: the archetype's brain")
    boss: bool = Field(default=False, description="a defeat_boss goal is won when every boss is knocked out")


class WaveSpec(Spec):
    """A group of enemies that comes together when its trigger fires."""

    name: str = Field(default="", max_length=60, description="announced by the HUD")
    trigger: TriggerSpec
    enemies: Annotated[list[WaveEnemySpec], AfterValidator(_some_enemies)] = Field(
        max_length=40, json_schema_extra={"minItems": 1}
    )


class GoalSpec(Spec):
    """How the level is won: practice never ends; clear every wave; reach the exit; defeat the boss."""

    kind: Literal[GOAL_KINDS]  # type: ignore[valid-type]
    x: Number | None = Field(default=None, description="reach_exit: the exit's x")

    @model_validator(mode="after")
    def _needs(self) -> GoalSpec:
        if self.kind == "reach_exit" and self.x is None:
            raise ValueError("a 'reach_exit' goal needs x, where the exit is")
        return self


class LevelSpec(Spec):
    """A whole level: a `levels/*.toml` file."""

    name: str = Field(min_length=1, max_length=60, description="shown on the level-select screen")
    description: str = ""
    theme: Literal[THEMES] = Field(default="academy", description="the renderer's stage painter")  # type: ignore[valid-type]
    size: tuple[Extent, Extent] = Field(description="width and height of the playable space, px")
    gravity: Gravity = Field(default=2600.0, description="px/s², pulling down")
    tempo: Tempo = Field(default=96.0, description="beats per minute of the music; moves on the beat earn more grace")
    spawn: Vec2 = Field(default=(300.0, 0.0), description="where the ballerina starts: x, y of her feet")
    platforms: list[PlatformSpec] = Field(min_length=1, max_length=200)
    actors: list[ActorSpec] = Field(default_factory=list, max_length=100)
    props: list[PropSpec] = Field(default_factory=list, max_length=200)
    weapons: list[WeaponSpec] = Field(default_factory=list, max_length=32)
    lights: list[LightSpec] = Field(default_factory=list, max_length=200)
    walls: bool = Field(default=True, description="solid walls at x = 0 and x = width")
    camera: CameraSpec = CameraSpec()
    weather: WeatherSpec = WeatherSpec()
    layers: list[LayerSpec] = Field(default_factory=list, max_length=32)
    palette: PaletteSpec = PaletteSpec()
    waves: list[WaveSpec] = Field(default_factory=list, max_length=40)
    goal: GoalSpec


@data_loader
def load_level(path: Path | str, archetypes: Iterable[str] | None = None) -> LevelSpec:
    """Read and validate a level file; a DataError lists every problem of the file at once.

    With `archetypes` (the known fighter names), actors and wave enemies are checked against them too.
    """
    return level_from_table(read_toml(path), path, archetypes)


def level_from_table(raw: object, path: Path | str, archetypes: Iterable[str] | None = None) -> LevelSpec:
    """Validate an already parsed level table (see `load_level`); `path` names the file in errors."""
    from game.data.level_rules import MISSING_HINTS, level_problems

    found = level_problems(raw, archetypes)
    try:
        level = validate(LevelSpec, raw, path)
    except DataError as error:
        ours = {p.path for p in found}  # a rule of ours says it better than pydantic's message
        theirs = [p for p in error.problems if p.path not in ours]
        theirs = [Problem(p.path, MISSING_HINTS.get(p.path, p.message)) if p.message == "is missing" else p
                  for p in theirs]
        raise DataError(path, theirs + found) from None
    if found:
        raise DataError(path, found)
    return level


def placement_problems(raw: object) -> list[Problem]:
    """Things placed outside the level's size (kept here for callers of the first level format)."""
    from game.data.level_rules import placement_problems as placed

    return placed(raw)
