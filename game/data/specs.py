"""Shared building blocks of the data models: strict, frozen, with finite numbers."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from game.data.loading import finite


class Spec(BaseModel):
    """Base of every data spec: unknown keys are errors, specs never change after loading."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)


Number = Annotated[float, AfterValidator(finite)]
Positive = Annotated[float, Field(gt=0), AfterValidator(finite)]
NonNegative = Annotated[float, Field(ge=0), AfterValidator(finite)]
Frame = Annotated[int, Field(ge=1, le=600)]
Frames = Annotated[int, Field(ge=0, le=600)]
Name = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Vec2 = tuple[Number, Number]
Box = tuple[Number, Number, Positive, Positive]  # x forward, y up from the feet, width, height

# Physically meaningful ranges: a value outside them is a typo, never a design (see DESIGN §3).
MAX_DATA_SPEED = 5000.0  # px/s: knockback and move motion; the simulation clamps bodies at its own cap
MAX_LEVEL_EXTENT = 100_000.0  # px: a level forty screens wide is already far too wide
Speed = Annotated[float, Field(ge=-MAX_DATA_SPEED, le=MAX_DATA_SPEED), AfterValidator(finite)]
Pace = Annotated[float, Field(gt=0, le=MAX_DATA_SPEED), AfterValidator(finite)]  # px/s, forwards only
Extent = Annotated[float, Field(gt=0, le=MAX_LEVEL_EXTENT), AfterValidator(finite)]  # px
Gravity = Annotated[float, Field(ge=100, le=50_000), AfterValidator(finite)]  # px/s²
Tempo = Annotated[float, Field(ge=20, le=400), AfterValidator(finite)]  # beats a minute
Weight = Annotated[float, Field(ge=0.05, le=100), AfterValidator(finite)]  # knockback is divided by it
Mass = Annotated[float, Field(ge=0.1, le=100_000), AfterValidator(finite)]  # kg of a prop
Length = Annotated[float, Field(gt=0, le=10_000), AfterValidator(finite)]  # px: a body, a jump, a box
