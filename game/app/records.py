"""Best results per level and difficulty, kept in the user's data folder as `records.json`.

The file is written atomically (a temporary file beside it, flushed to disk, then `os.replace`), so a
crash or a full disk mid-write leaves the old records whole. It is read through the project's loading
path: a broken or hostile file (junk, a 50 MB file, wrong types) becomes one DataError, reported once
and treated as no records at all. It is never overwritten silently: the first save after such a load
first moves it aside as `records.json.broken` (or `.broken-2`, ...), so it can still be mended by hand.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from game.data.errors import DataError, Problem
from game.data.loading import data_loader, read_bytes, reading, validate
from game.data.saving import broken_name, write_atomically
from game.data.specs import NonNegative, Spec
from game.scripting.scorecard import Figures

RECORDS_FILE = "records.json"
MAX_RECORDS_BYTES = 1024 * 1024  # bytes: the most a records file may be (MAX_LEVELS full ones are ~0.6 MiB)
MAX_LEVELS = 500  # levels kept in one file; a win on a level beyond them is shown but not kept
MAX_DIFFICULTIES = 8  # difficulties kept per level
MOST = 1_000_000  # the largest count a record holds (damage, hits, grace, retries)
MOST_POINTS = 1000  # points either way
LONGEST_RUN = 60 * 60 * 60 * 10  # ticks: ten hours, longer than any level is danced
log = logging.getLogger("ballerina.records")

Count = Annotated[int, Field(ge=0, le=MOST)]
Key = Annotated[str, Field(min_length=1, max_length=255)]  # a level's file name without .toml; a difficulty
Rank = Literal["S", "A", "B", "C"]


class Best(Spec):
    """The best of each figure for one level at one difficulty, each kept on its own."""

    ticks: Annotated[int, Field(ge=0, le=LONGEST_RUN)]  # the fastest win
    damage_taken: Count  # the least damage
    combo_hits: Count  # the longest combo ...
    combo_damage: Count  # ... and its damage
    grace_earned: Annotated[NonNegative, Field(le=MOST)]
    enchainements: Count
    retries: Count  # the fewest
    points: Annotated[int, Field(ge=-MOST_POINTS, le=MOST_POINTS)]
    rank: Rank  # the rank of the run with the most points


ByDifficulty = Annotated[dict[Key, Best], Field(max_length=MAX_DIFFICULTIES)]


class RecordsFile(Spec):
    """`records.json`: levels by file name, then difficulties, then the bests."""

    game: Literal["ballerina"] = "ballerina"
    kind: Literal["records"] = "records"
    version: Literal[1] = 1
    levels: Annotated[dict[Key, ByDifficulty], Field(max_length=MAX_LEVELS)] = {}


def records_path(data_dir: Path | None = None) -> Path:
    """Where the records live: `data_dir`, else $BALLERINA_DATA_DIR, else the user data folder."""
    from game.app.fight import data_folder

    return data_folder(data_dir) / RECORDS_FILE


@data_loader
def load_records_file(path: Path | str) -> RecordsFile:
    """Read and validate a records file; a DataError says what is wrong with it."""
    raw = read_bytes(path, MAX_RECORDS_BYTES, "a records file")
    with reading(path):
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            problem = Problem("", f"is not a records file: broken JSON at {where} ({error.msg})")
            raise DataError(path, [problem]) from None
        except ValueError as error:
            raise DataError(path, [Problem("", f"is not a records file: {error}")]) from None
    if not isinstance(data, dict):
        raise DataError(path, [Problem("", f"is not a records file: a JSON {type(data).__name__}, not an object")])
    return validate(RecordsFile, data, path)


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a record can hold")


def best_of(old: Best | None, figures: Figures) -> tuple[Best, frozenset[str]]:
    """The bests after a won run, and the names of the figures the run beat (all of them on a first win).

    Every figure is held within what the file may hold, so whatever is saved loads again.
    """
    def held(value: int, least: int = 0, most: int = MOST) -> int:
        return max(least, min(most, int(value)))

    grace = figures.grace_earned if math.isfinite(figures.grace_earned) else 0.0
    new = Best(
        ticks=held(figures.ticks, most=LONGEST_RUN), damage_taken=held(figures.damage_taken),
        combo_hits=held(figures.combo_hits), combo_damage=held(figures.combo_damage),
        grace_earned=round(max(0.0, min(float(MOST), grace)), 2), enchainements=held(figures.enchainements),
        retries=held(figures.retries), points=held(figures.points, -MOST_POINTS, MOST_POINTS), rank=figures.rank,
    )
    if old is None:
        return new, frozenset(("time", "damage", "combo", "grace", "enchainements", "retries", "rank"))
    beaten = {
        "time": new.ticks < old.ticks,
        "damage": new.damage_taken < old.damage_taken,
        "combo": (new.combo_hits, new.combo_damage) > (old.combo_hits, old.combo_damage),
        "grace": new.grace_earned > old.grace_earned,
        "enchainements": new.enchainements > old.enchainements,
        "retries": new.retries < old.retries,
        "rank": new.points > old.points,
    }
    combo = (new.combo_hits, new.combo_damage) if beaten["combo"] else (old.combo_hits, old.combo_damage)
    rank = (new.points, new.rank) if beaten["rank"] else (old.points, old.rank)
    kept = Best(
        ticks=min(new.ticks, old.ticks), damage_taken=min(new.damage_taken, old.damage_taken),
        combo_hits=combo[0], combo_damage=combo[1], grace_earned=max(new.grace_earned, old.grace_earned),
        enchainements=max(new.enchainements, old.enchainements), retries=min(new.retries, old.retries),
        points=rank[0], rank=rank[1],
    )
    return kept, frozenset(name for name, better in beaten.items() if better)


@dataclass(slots=True)
class Records:
    """The best results of every level, as loaded from (and saved to) one records file."""

    path: Path
    levels: dict[str, dict[str, Best]] = field(default_factory=dict)
    problem: DataError | None = None  # why the file on disk did not load (it is then moved aside on save)
    kept_broken: Path | None = None  # where the broken file went

    @classmethod
    def load(cls, path: Path) -> Records:
        """The records in `path`: none if it does not exist, none (and a `problem`) if it does not load."""
        if not path.exists() and not path.is_symlink():
            return cls(path)
        try:
            spec = load_records_file(path)
        except DataError as error:
            log.warning("records not loaded, starting with none: %s", error)
            return cls(path, problem=error)
        return cls(path, {level: dict(by_difficulty) for level, by_difficulty in spec.levels.items()})

    def best(self, level: str, difficulty: str = "normal") -> Best | None:
        return self.levels.get(level, {}).get(difficulty)

    def enter(self, level: str, difficulty: str, figures: Figures) -> frozenset[str]:
        """Take a won run's figures; returns the figures that are new bests (saved only by `save`).

        A level name the file cannot hold, or a level beyond MAX_LEVELS, is judged but not kept.
        """
        kept, beaten = best_of(self.best(level, difficulty), figures)
        fits = 0 < len(level) <= 255 and 0 < len(difficulty) <= 255
        difficulties = self.levels.get(level, {})
        crowded = difficulty not in difficulties and len(difficulties) >= MAX_DIFFICULTIES
        if not fits or crowded or (level not in self.levels and len(self.levels) >= MAX_LEVELS):
            log.warning("no room in the records for %r at %r", level[:80], difficulty[:20])
            return beaten
        self.levels.setdefault(level, {})[difficulty] = kept
        return beaten

    def text(self) -> str:
        spec = RecordsFile(levels=self.levels)
        return json.dumps(spec.model_dump(mode="json"), indent=1, sort_keys=True) + "\n"

    def save(self) -> None:
        """Write the records atomically; a broken file that was there is first kept aside. OSError if not."""
        if self.problem is not None and self.kept_broken is None and self.path.exists():
            self.kept_broken = broken_name(self.path)
            os.replace(self.path, self.kept_broken)
            log.warning("broken records file kept as %s", self.kept_broken)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, self.text())
