"""Whatever file the game is handed, loading it gives good data or a DataError naming the file, never another error.

Every kind the game reads is fuzzed here: random bytes, every shipped file mutated, truncated or with a
number swapped for a hostile one, nesting a hundred thousand deep, and files far too big (refused before
they are read through). Move files and replay tables have their own finer fuzzers in
tests/test_data_properties.py and tests/test_replay.py.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from game.data import ASSETS, LEVELS, ROOT
from game.data import loading as loading_module
from game.data.checking import check_file
from game.data.choreography import load_choreography
from game.data.combos import load_combo_test
from game.data.errors import DataError
from game.data.fighters import FighterSpec
from game.data.levels import load_level
from game.data.loading import MAX_FILE_BYTES, MAX_MAGNITUDE, load
from game.data.moves import load_moves
from game.data.poses import load_pose_set
from game.scripting import replay as replay_module
from game.scripting.replay import load_replay

# every kind of file the game reads, by the function that loads it, with the shipped files as seeds
LOADERS: dict[str, Callable[[Path], Any]] = {
    "level": load_level,
    "moves": load_moves,
    "fighter": functools.partial(load, FighterSpec),
    "poses": load_pose_set,
    "choreography": load_choreography,
    "combo test": load_combo_test,
    "replay": load_replay,
}
SHIPPED: dict[str, list[Path]] = {
    "level": sorted(LEVELS.glob("*.toml")),
    "moves": sorted((ASSETS / "moves").glob("*.toml")),
    "fighter": sorted((ASSETS / "fighters").glob("*.toml")) + sorted((ASSETS / "enemies").glob("*.toml")),
    "poses": sorted((ASSETS / "poses").glob("*.toml")),
    "choreography": [ASSETS / "choreography.toml"],
    "combo test": sorted((ROOT / "tests" / "combos").glob("*.toml")),
    "replay": [ROOT / "tests" / "data" / "replays" / "good.json"],
}
SEEDS = [(kind, path) for kind, paths in SHIPPED.items() for path in paths]
SEED_BYTES = {path: path.read_bytes() for _, path in SEEDS}
KINDS = sorted(LOADERS)
NESTING = 100_000  # levels of brackets in the deep-nesting files
LARGEST_INTEGER = 2**64  # no count, seed or tick in any file may be bigger than this
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None)

# what replaces a number in a shipped file: absurd sizes, non-numbers and integers of thousands of digits
HOSTILE_NUMBERS = [
    "1e300", "-1e300", "1e309", "-1e309", "nan", "inf", "-inf", "+nan", "1e12", "-1e12", "1e-300",
    "0", "-0.0", "-1", "18446744073709551616", "9" * 5000, "0x7fffffffffffffff", "1_000_000_000",
]
NUMBER = re.compile(rb"(?<![\w.\-])-?\d+(\.\d+)?(e-?\d+)?(?![\w.])")
SLIPS = st.binary(min_size=1, max_size=6) | st.sampled_from([b"[", b"]", b"{", b"}", b"=", b",", b'"', b"\n", b"\x00"])


def _file(folder: Path, kind: str, data: bytes, name: str = "fuzzed") -> Path:
    path = folder / (f"{name}.json" if kind == "replay" else f"{name}.toml")
    path.write_bytes(data)
    return path


def _numbers_in(value: Any) -> Iterator[float | int]:
    """Every number inside a loaded spec, model or replay, however deep."""
    if isinstance(value, BaseModel):
        value = value.model_dump()
    elif is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, bool):
        return
    if isinstance(value, (int, float)):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _numbers_in(item)


def load_or_refuse(kind: str, path: Path) -> Any:
    """Load `path` as `kind`: a DataError must name the file; anything loaded must hold only sane numbers."""
    try:
        loaded = LOADERS[kind](path)
    except DataError as error:
        assert error.problems
        assert str(error).startswith(str(path)), str(error)[:200]
        assert "Traceback" not in str(error)
        return None
    for number in _numbers_in(loaded):
        if isinstance(number, float):
            assert math.isfinite(number) and abs(number) <= MAX_MAGNITUDE, number
        else:
            assert abs(number) <= LARGEST_INTEGER, number
    return loaded


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A shipped file of some kind with a few edits: cut, typed over, truncated, a number made hostile."""
    kind, path = draw(st.sampled_from(SEEDS))
    data = SEED_BYTES[path]
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        edit = draw(st.sampled_from(["delete", "insert", "number", "number", "truncate", "repeat"]))
        if edit == "delete":
            data = data[:at] + data[at + draw(st.integers(min_value=1, max_value=60)) :]
        elif edit == "insert":
            data = data[:at] + draw(SLIPS) + data[at:]
        elif edit == "number":
            spots = list(NUMBER.finditer(data))
            if spots:
                spot = draw(st.sampled_from(spots))
                data = data[: spot.start()] + draw(st.sampled_from(HOSTILE_NUMBERS)).encode() + data[spot.end() :]
        elif edit == "truncate":
            data = data[:at]
        else:
            end = at + draw(st.integers(min_value=1, max_value=200))
            data = data[:end] + data[at:end] * draw(st.integers(min_value=2, max_value=50)) + data[end:]
    return kind, data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize(("kind", "path"), SEEDS, ids=[f"{kind}:{path.name}" for kind, path in SEEDS])
def test_every_shipped_file_loads_with_sane_numbers(kind: str, path: Path) -> None:
    assert load_or_refuse(kind, path) is not None  # the seeds themselves are good data


@FUZZ
@given(kind=st.sampled_from(KINDS), data=st.binary(max_size=400))
def test_random_bytes_load_or_raise_only_a_data_error(folder: Path, kind: str, data: bytes) -> None:
    load_or_refuse(kind, _file(folder, kind, data))


@settings(FUZZ, max_examples=150)
@given(case=mutated())
def test_a_mutated_shipped_file_loads_or_raises_only_a_data_error(folder: Path, case: tuple[str, bytes]) -> None:
    kind, data = case
    load_or_refuse(kind, _file(folder, kind, data))


@pytest.mark.parametrize("value", ["1e300", "nan", "inf", "-1e12", "9" * 5000], ids=lambda v: v[:8])
def test_an_absurd_knockback_is_refused_with_its_key_path(folder: Path, value: str) -> None:
    text = SEED_BYTES[SHIPPED["moves"][0]].decode()
    spot = re.search(r"knockback = \[(\d+)", text)
    assert spot is not None
    path = _file(folder, "moves", (text[: spot.start(1)] + value + text[spot.end(1) :]).encode())
    with pytest.raises(DataError, match=r"knockback|number") as caught:
        load_moves(path)
    assert str(caught.value).startswith(str(path))


def test_a_level_a_billion_pixels_wide_is_refused(folder: Path) -> None:
    text = SEED_BYTES[SHIPPED["level"][0]].decode()
    path = _file(folder, "level", re.sub(r"(?m)^size = \[\d+", "size = [1e12", text, count=1).encode())
    with pytest.raises(DataError, match=r"size\[0\]: found 1000000000000.0, expected .*less than or equal to"):
        load_level(path)


def _deep_files() -> list[tuple[str, str, bytes]]:
    toml = {
        "array": b"a = " + b"[" * NESTING + b"]" * NESTING,
        "inline tables": b"a = " + b"{b=" * NESTING + b"1" + b"}" * NESTING,
        "unclosed": b"size = " + b"[" * NESTING,
        "dotted key": b"a" + b".a" * NESTING + b" = 1",
    }
    json_ = {"array": b"[" * NESTING + b"]" * NESTING, "objects": b'{"a":' * NESTING + b"1" + b"}" * NESTING}
    cases = [(kind, name, data) for kind in KINDS if kind != "replay" for name, data in toml.items()]
    return cases + [("replay", name, data) for name, data in json_.items()]


@pytest.mark.parametrize(("kind", "shape", "data"), _deep_files(), ids=lambda v: v if isinstance(v, str) else "")
def test_nesting_a_hundred_thousand_deep_is_a_data_error(folder: Path, kind: str, shape: str, data: bytes) -> None:
    path = _file(folder, kind, data)
    with pytest.raises(DataError) as caught:
        LOADERS[kind](path)
    assert str(caught.value).startswith(str(path))


class CountingReader:
    """A file that counts the bytes read from it, to prove big files are refused before being read through."""

    def __init__(self, file: Any, counter: list[int]) -> None:
        self.file, self.counter = file, counter

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.counter[0] += len(data)
        return data

    def __enter__(self) -> CountingReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


@pytest.mark.parametrize("kind", KINDS)
def test_a_50_mb_file_is_refused_before_it_is_read_through(
    folder: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / f"huge-{kind}.data"
    with path.open("wb") as file:  # sparse: 50 MB that take no room on disk
        file.truncate(50 * 1024 * 1024)
    counter = [0]
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: CountingReader(real_open(self, *a, **k), counter))
    with pytest.raises(DataError, match="more than") as caught:
        LOADERS[kind](path)
    assert str(caught.value).startswith(str(path))
    limit = replay_module.MAX_FILE_BYTES if kind == "replay" else MAX_FILE_BYTES
    assert 0 < counter[0] <= limit + 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_device_or_a_pipe_is_refused_without_reading(folder: Path, kind: str) -> None:
    pipe = folder / f"pipe-{kind}"
    if not pipe.exists():
        os.mkfifo(pipe)  # opening a pipe nobody writes to would wait for ever
    for path in (pipe, Path("/dev/zero")):
        with pytest.raises(DataError, match="not a regular file"):
            LOADERS[kind](path)


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_file_or_a_folder_is_a_data_error(folder: Path, kind: str) -> None:
    for path in (folder / "nowhere.toml", folder):
        with pytest.raises(DataError, match="not found|is a folder"):
            LOADERS[kind](path)


def test_the_size_cap_is_checked_before_any_parsing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    monkeypatch.setattr(loading_module.tomllib, "loads", lambda text: parsed.append(text) or {})
    path = _file(folder, "level", b"a = 1\n" * (MAX_FILE_BYTES // 6 + 1))
    with pytest.raises(DataError, match="more than 256 KiB"):
        load_level(path)
    assert parsed == []


@settings(FUZZ, max_examples=40)
@given(case=mutated())
def test_check_recognises_or_refuses_any_mangled_file(folder: Path, case: tuple[str, bytes]) -> None:
    kind, data = case
    if kind == "replay":
        return  # `check` reads TOML data files; replays have `replay --verify`
    path = _file(folder, kind, data, "checked")
    try:
        assert check_file(path) in ("level", "moves", "fighter", "poses", "combo test")
    except DataError as error:
        assert str(error).startswith(str(path))
