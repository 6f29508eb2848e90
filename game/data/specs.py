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
