"""One loading path for every data file: read TOML, validate into a model, report all problems at once."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.data.errors import DataError, Problem, key_path

MAX_FILE_BYTES = 4 * 1024 * 1024  # no hand-written data file comes near this; refuse before parsing

Model = TypeVar("Model", bound=BaseModel)


def read_toml(path: Path | str) -> dict[str, Any]:
    """The parsed table of a TOML file, or a DataError that says why it cannot be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, [Problem("", "file not found")]) from None
    except IsADirectoryError:
        raise DataError(path, [Problem("", "is a folder, expected a .toml file")]) from None
    except OSError as error:
        raise DataError(path, [Problem("", f"cannot be read: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        size = len(raw) // 1024
        raise DataError(path, [Problem("", f"is {size} KiB, more than a data file may be (4 MiB)")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(path, [Problem("", f"is not UTF-8 text (byte {error.start})")]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DataError(path, [Problem("", f"TOML syntax error: {error}")]) from None
    except RecursionError:
        raise DataError(path, [Problem("", "nested too deeply to be a data file")]) from None


def _describe_found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems_of(error: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[Problem]:
    """Pydantic's errors as problems with key paths a designer can find in the file."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and "[" in part))
        path = key_path(prefix + loc)
        kind = item["type"]
        if kind == "missing":
            message = "is missing"
        elif kind == "extra_forbidden":
            message = f"is not a known key (found {_describe_found(item.get('input'))})"
        else:
            msg = item["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, ") :]
            found = item.get("input")
            if kind == "value_error" and isinstance(found, (dict, list)):
                message = msg  # a whole table was checked; the message says what is wrong in it
            else:
                message = f"found {_describe_found(found)}, expected {msg[:1].lower()}{msg[1:]}"
        problems.append(Problem(path, message))
    return problems


def validate(model: type[Model], raw: Any, file: Path | str) -> Model:
    """Validate a parsed table into `model`, or raise one DataError listing every problem."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise DataError(file, problems_of(error)) from None
    except RecursionError:
        raise DataError(file, [Problem("", "nested too deeply to be a data file")]) from None


def load(model: type[Model], path: Path | str) -> Model:
    """Read and validate one TOML file."""
    return validate(model, read_toml(path), path)


def finite(value: float) -> float:
    """A validator helper: refuse NaN and infinities, which TOML allows and physics does not."""
    if not math.isfinite(value):
        raise ValueError("a finite number")
    return value
