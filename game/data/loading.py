"""One loading path for every data file: read it capped, parse, validate into a model, report all problems.

Every file the game reads (levels, moves, fighters, poses, choreography, combo tests, replays, and the
settings to come) goes through this family: `read_bytes` (size cap before any parsing), `read_toml`,
`validate`, `load`, and the `data_loader` decorator around each kind's own load function. Whatever goes
wrong, a missing file, binary junk, a syntax slip, nesting a million deep, a number with five thousand
digits, the caller sees one `DataError` that names the file, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import BaseModel, ValidationError

from game.data.errors import DataError, Problem, key_path

# The biggest shipped file is ~16 KiB; tomllib needs about a second for 256 KiB of the worst TOML (a long
# array of small integers), so anything bigger is refused before it is parsed, or even read through.
MAX_FILE_BYTES = 256 * 1024  # bytes
MAX_MAGNITUDE = 1_000_000.0  # px, px/s, px/s², kg, degrees: no number in a fight comes near a million

Model = TypeVar("Model", bound=BaseModel)
Params = ParamSpec("Params")
Result = TypeVar("Result")


@contextlib.contextmanager
def reading(file: Path | str) -> Iterator[None]:
    """Turn whatever goes wrong while loading `file` into a DataError naming it.

    Catches the failures hostile input can cause (the file system, encodings, nesting, memory, numbers
    too big for a float); a bug in the game's own code (TypeError, KeyError) is left to show itself.
    """
    try:
        yield
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError(file, [Problem("", "file not found")]) from None
    except IsADirectoryError:
        raise DataError(file, [Problem("", "is a folder, expected a data file")]) from None
    except PermissionError:
        raise DataError(file, [Problem("", "cannot be read: permission denied")]) from None
    except OSError as error:
        raise DataError(file, [Problem("", f"cannot be read: {error.strerror or error}")]) from None
    except UnicodeError as error:
        start = getattr(error, "start", None)
        where = f" (byte {start})" if start is not None else ""
        raise DataError(file, [Problem("", f"is not UTF-8 text{where}")]) from None
    except RecursionError:
        raise DataError(file, [Problem("", "nested too deeply to be a data file")]) from None
    except MemoryError:
        raise DataError(file, [Problem("", "is too big to load (out of memory)")]) from None
    except OverflowError:
        raise DataError(file, [Problem("", "holds a number too large for the game (overflow)")]) from None


def data_loader(function: Callable[Params, Result]) -> Callable[Params, Result]:
    """Decorator for a kind's load function: any failure becomes a DataError naming its file argument."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def load_guarded(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        bound = signature.bind_partial(*args, **kwargs)
        bound.apply_defaults()
        paths = (value for value in bound.arguments.values() if isinstance(value, (str, os.PathLike)))
        with reading(Path(os.fspath(next(paths, "data file")))):
            return function(*args, **kwargs)

    return load_guarded


def read_bytes(path: Path | str, limit: int = MAX_FILE_BYTES, kind: str = "a data file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; never reads more than `limit + 1` of them.

    A 50 MB file, /dev/zero or a pipe is refused before it is parsed, or even read through.
    """
    path = Path(path)
    with reading(path):
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise DataError(path, [Problem("", "is not a regular file (a device or a pipe?)")])
        with path.open("rb") as file:
            raw = file.read(limit + 1)
    if len(raw) > limit:
        raise DataError(path, [Problem("", f"is more than {_size(limit)}, more than {kind} may be")])
    return raw


def _size(count: int) -> str:
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} bytes"


# A dotted key of thousands of parts (`a.a.a.a... = 1`) takes tomllib quadratic time (a 200 KB line:
# minutes), so keys are looked at before parsing; no data file needs more than a handful of parts.
MAX_KEY_PARTS = 32
LONG_KEY = re.compile(rf"""(?<![\w\-])(?:(?:[\w\-]++|"[^"\n]*+"|'[^'\n]*+')[ \t]*+\.[ \t]*+){{{MAX_KEY_PARTS}}}""")


def read_toml(path: Path | str) -> dict[str, Any]:
    """The parsed table of a TOML file, or a DataError that says why it cannot be read."""
    raw = read_bytes(path)
    with reading(path):
        text = raw.decode("utf-8-sig")  # a byte-order mark from a Windows editor is harmless
        long_key = LONG_KEY.search(text)
        if long_key:
            line = text.count("\n", 0, long_key.start()) + 1
            problem = f"line {line}: a dotted key of more than {MAX_KEY_PARTS} parts is not a data file's key"
            raise DataError(path, [Problem("", problem)])
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise DataError(path, [Problem("", f"TOML syntax error: {error}")]) from None
        except ValueError as error:  # an integer of thousands of digits, refused by Python itself
            digits = "digits" in str(error)
            problem = "holds a number with thousands of digits" if digits else f"cannot be read as TOML: {error}"
            raise DataError(path, [Problem("", problem)]) from None


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
            if kind == "value_error" and (isinstance(found, (dict, list)) or msg.startswith("unknown ")):
                message = msg  # the message already says what was found and what is known
            else:
                message = f"found {_describe_found(found)}, expected {msg[:1].lower()}{msg[1:]}"
        problems.append(Problem(path, message))
    return problems


def validate(model: type[Model], raw: Any, file: Path | str) -> Model:
    """Validate a parsed table into `model`, or raise one DataError listing every problem."""
    with reading(file):
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            raise DataError(file, problems_of(error)) from None


@data_loader
def load(model: type[Model], path: Path | str) -> Model:
    """Read and validate one TOML file (a fighter, a combo test, the choreography, the settings)."""
    return validate(model, read_toml(path), path)


def finite(value: float) -> float:
    """A validator helper: refuse NaN, infinities and absurd sizes, which TOML allows and physics does not."""
    if not math.isfinite(value):
        raise ValueError("a finite number")
    if abs(value) > MAX_MAGNITUDE:
        raise ValueError(f"a number of sensible size (at most {MAX_MAGNITUDE:,.0f} either way)")
    return value
