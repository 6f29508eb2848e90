"""Combo-test files (`tests/combos/*.toml`): an arena, actors, a script and what must come of it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from game.data.loading import load
from game.data.specs import Name, Number, Spec

TARGET_STATES = ("standing", "staggered", "launched", "knocked_down", "against_wall", "ko")


class Bounds(Spec):
    """A number that must lie in [min, max]; either end may be left open."""

    min: Number | None = None
    max: Number | None = None

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{self.min:g}..{self.max:g}"
        if self.min is not None:
            return f">= {self.min:g}"
        if self.max is not None:
            return f"<= {self.max:g}"
        return "anything"


def as_bounds(value: int | float | list | Bounds) -> Bounds:
    """`5` means exactly 5, `[3, 6]` means 3..6, `{ min = 3 }` means at least 3."""
    if isinstance(value, Bounds):
        return value
    if isinstance(value, (list, tuple)):
        return Bounds(min=value[0], max=value[1])
    return Bounds(min=value, max=value)


Count = int | tuple[Number, Number] | Bounds


class ActorPlacement(Spec):
    """Somebody in the combo's arena, placed relative to the ballerina."""

    archetype: Name = "training_dummy"
    at: Number = 90.0  # px in front of the ballerina (negative: behind her)
    height: Number = 0.0  # px above the floor
    brain: Name = "stand"
    facing: Literal["toward", "away"] = "toward"  # relative to the ballerina


class FloorWeapon(Spec):
    """A weapon lying on the floor of the combo's arena, placed relative to the ballerina."""

    kind: Literal["knife", "pistol"]
    at: Number = 0.0  # px in front of the ballerina (0: at her feet)
    rounds: int = Field(default=3, ge=0, le=99)  # a pistol's


class TimedInput(Spec):
    """Frame-exact input: hold `press` from tick `at` for `hold` ticks."""

    at: int = Field(ge=1, le=36_000)
    press: list[str] = Field(min_length=1, max_length=9)
    hold: int = Field(default=1, ge=1, le=3600)


class Expectations(Spec):
    """What must be true when the phrase is over; every key is optional."""

    hits: Count | None = None
    combo: Count | None = None
    damage: Count | None = None
    target_state: Literal[TARGET_STATES] | None = None  # type: ignore[valid-type]
    enchainement: str | None = None
    grace: Count | None = None
    frames: Count | None = None
    target_moved: Count | None = None  # px the first target travelled, away from the ballerina positive
    fails_at: int | None = Field(default=None, ge=1)  # the script must fail at this step
    fails_with: str | None = None  # ... with a reason containing this text


class ComboTestSpec(Spec):
    name: str | None = None
    description: str = ""
    arena: str = "levels/academy.toml"  # relative to the repository root
    seed: int = 0
    start: tuple[Number, Number] | None = None  # where the ballerina stands; default the arena's spawn
    facing: Literal["left", "right"] = "right"
    grace: Literal["empty", "full"] = "empty"  # her grace meter at the start ("full" lets a finisher be tested)
    weapon: Literal["none", "knife", "pistol"] = "none"  # in her hand at the start (gun-fu moves need one)
    rounds: int = Field(default=3, ge=0, le=99)  # in that pistol
    weapons: list[FloorWeapon] = Field(default_factory=list, max_length=8)  # lying on the floor
    actors: list[ActorPlacement] = Field(default_factory=lambda: [ActorPlacement()], max_length=20)
    script: str | None = None
    inputs: list[TimedInput] | None = None
    settle: int = Field(default=240, ge=0, le=3600)  # ticks allowed after the last step for her to recover
    expect: Expectations = Expectations()

    @model_validator(mode="after")
    def _one_script(self) -> ComboTestSpec:
        if (self.script is None) == (self.inputs is None):
            raise ValueError("exactly one of `script` (a choreography line) or `inputs` (frame-exact)")
        if self.expect.fails_at is not None and self.inputs is not None:
            raise ValueError("expect.fails_at needs a choreography `script`")
        return self


def load_combo_test(path: Path | str) -> ComboTestSpec:
    return load(ComboTestSpec, path)
