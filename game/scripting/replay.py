"""Replays: a fight kept as its level, seed and the player's held buttons, played back tick for tick.

A replay file is JSON text (never pickle) and holds no code: loading one only reads numbers and names,
and anything that is not exactly a replay of this game is refused with a DataError. Checkpoint hashes of
the world, every `CHECKPOINT_TICKS` ticks and at the end, let `verify` say whether the fight still
plays out the same and, if not, from which second it drifted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, Strict, ValidationError

import game
from game.data import ROOT
from game.data.bundle import PLAYER_ARCHETYPE, Bundle, load_bundle
from game.data.errors import DataError, Problem, unknown_name
from game.data.fighters import known_archetypes
from game.data.loading import MAX_FILE_BYTES as MAX_LEVEL_BYTES
from game.data.loading import data_loader, problems_of, read_bytes
from game.data.saving import write_atomically
from game.data.specs import Spec
from game.sim import events as ev
from game.sim.difficulty import difficulty_named
from game.sim.inputs import Button, InputFrame
from game.sim.world import TICK_RATE, World

FORMAT = "ballerina-replay"
VERSION = 1
CHECKPOINT_TICKS = TICK_RATE  # ticks between stored world hashes: one a second
MAX_FILE_BYTES = 32 * 1024 * 1024  # refuse bigger files before parsing; ten hours of mashing is ~19 MB
MAX_TICKS = 10 * 60 * 60 * TICK_RATE  # ten hours of fight
MAX_CHECKPOINTS = MAX_TICKS // CHECKPOINT_TICKS + 1
ALL_BUTTONS = int(sum(int(b) for b in Button))  # every Button bit a held mask may carry

Run = tuple[int, int]  # (held mask, ticks it was held)
# What `level` names: a level file (a played session), a combo-test file (its arena and actors), or the
# level the benchmark crowds with sparring partners
Arena = Literal["level", "combo", "bench"]


# --- the file's shape ----------------------------------------------------------------------------

def _known_buttons(mask: int) -> int:
    if mask & ~ALL_BUTTONS or mask < 0:
        raise ValueError(f"a mask of Button bits (0 to {ALL_BUTTONS})")
    return mask


def _ticks(least: int) -> AfterValidator:
    def check(ticks: int) -> int:
        if not least <= ticks <= MAX_TICKS:
            raise ValueError(f"a number of ticks from {least} to {MAX_TICKS} (ten hours)")
        return ticks

    return AfterValidator(check)


MAX_PROBLEMS = 20  # a file wrong everywhere is reported by its first problems, not by millions
Int = Annotated[int, Strict()]  # JSON's true, 1.0 and "1" are not ticks
Text = Annotated[str, Strict()]
Mask = Annotated[Int, AfterValidator(_known_buttons)]
Count = Annotated[Int, _ticks(1)]
Digest = Annotated[Text, Field(pattern=r"^[0-9a-f]{16,128}$")]
TickKey = Annotated[Text, Field(pattern=r"^(0|[1-9][0-9]{0,8})$")]


class ReplayFile(Spec):
    """The structure of a replay file: no coercion of values (every scalar is Strict), no unknown keys.

    The model itself stays lax only so that JSON's arrays may become the (mask, count) tuples.
    """

    format: Text
    version: Int
    game_version: Annotated[Text, Field(min_length=1, max_length=40)]
    level: Annotated[Text, Field(min_length=1, max_length=1000, pattern=r"^[^\x00-\x1f]+$")]
    level_digest: Digest
    seed: Annotated[Int, Field(ge=0, lt=1 << 64)]
    player: Annotated[Text, Field(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
    tick_count: Annotated[Int, _ticks(0)]
    inputs: Annotated[list[tuple[Mask, Count]], Field(max_length=MAX_TICKS, fail_fast=True)]
    hashes: Annotated[dict[TickKey, Digest], Field(max_length=MAX_CHECKPOINTS)]
    arena: Arena = "level"
    difficulty: Literal["easy", "normal", "hard"] = "normal"  # older replays were all danced on normal


def _cross_problems(spec: ReplayFile) -> list[Problem]:
    """What the structure alone cannot say: inputs cover every tick, hashes are ticks of the fight."""
    problems = []
    total = sum(count for _, count in spec.inputs)
    if total != spec.tick_count:
        problems.append(Problem("inputs", f"the counts add up to {total} ticks, expected tick_count {spec.tick_count}"))
    for key in spec.hashes:
        if int(key) > spec.tick_count:
            problems.append(Problem(f"hashes.{key}", f"is past the end of the fight (tick_count {spec.tick_count})"))
    if str(spec.tick_count) not in spec.hashes:
        problems.append(Problem("hashes", f"has no hash for the final tick {spec.tick_count}"))
    return problems


# --- the replay ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Replay:
    """One recorded fight: where, with which seed and fighter, what the player held, and checkpoints."""

    game_version: str
    level: str  # relative to the checkout when the level lies inside it, else absolute
    level_digest: str
    seed: int
    player: str
    tick_count: int
    inputs: tuple[Run, ...]  # run-length encoded held masks, one entry per stretch of equal input
    hashes: tuple[tuple[int, str], ...]  # (tick, world.state_hash() after that tick), by tick
    source: str = field(default="replay", compare=False)  # the file it was loaded from, for messages
    arena: str = "level"  # how `level` becomes a world: see Arena
    difficulty: str = "normal"  # game.sim.difficulty.DIFFICULTIES

    @property
    def checkpoints(self) -> dict[int, str]:
        return dict(self.hashes)

    @property
    def level_path(self) -> Path:
        """The level file on this machine."""
        path = Path(self.level)
        return path if path.is_absolute() else ROOT / path

    def to_json(self) -> str:
        """The file's text: one key a line, so two replays diff readably."""
        data: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "game_version": self.game_version, "level": self.level,
            "level_digest": self.level_digest, "seed": self.seed, "player": self.player,
            "tick_count": self.tick_count, "inputs": [list(run) for run in self.inputs],
            "hashes": {str(tick): digest for tick, digest in self.hashes}, "arena": self.arena,
            "difficulty": self.difficulty,
        }
        lines = [f"  {json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}" for key, value in data.items()]
        return "{\n" + ",\n".join(lines) + "\n}\n"

    def save(self, path: Path | str) -> None:
        """Write the replay so that a crash leaves either the old file or the whole new one, never half."""
        path = Path(path)
        text = self.to_json()
        parse_replay(text, path)  # never write a file that load_replay would refuse
        write_atomically(path, text)


# --- reading -------------------------------------------------------------------------------------

def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"the key {key!r} appears twice")
        table[key] = value
    return table


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a replay holds")


def parse_replay(text: str | bytes, source: Path | str = "replay") -> Replay:
    """The replay in `text`, or a DataError naming `source` and everything wrong with it."""
    if len(text) > MAX_FILE_BYTES:
        raise DataError(source, [Problem("", f"is {len(text) // 2**20} MiB, more than a replay may be (32 MiB)")])
    try:
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        text = raw.decode("utf-8")
    except UnicodeError as error:
        start = getattr(error, "start", 0)
        problem = Problem("", f"is not a replay: binary data, not JSON text (byte {start})")
        raise DataError(source, [problem]) from None
    try:
        data = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise DataError(source, [Problem("", f"is not a replay: broken JSON at {where} ({error.msg})")]) from None
    except ValueError as error:
        raise DataError(source, [Problem("", f"is not a replay: {error}")]) from None
    except RecursionError:
        raise DataError(source, [Problem("", "is not a replay: nested too deeply")]) from None
    _check_identity(data, source)
    _check_sizes(data, source)
    try:
        spec = ReplayFile.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error)
        if len(problems) > MAX_PROBLEMS:
            more = Problem("", f"... and {len(problems) - MAX_PROBLEMS} more problems")
            problems = [*problems[:MAX_PROBLEMS], more]
        raise DataError(source, problems) from None
    problems = _cross_problems(spec)
    if problems:
        raise DataError(source, problems)
    hashes = tuple(sorted((int(tick), digest) for tick, digest in spec.hashes.items()))
    return Replay(spec.game_version, spec.level, spec.level_digest, spec.seed, spec.player, spec.tick_count,
                  tuple(spec.inputs), hashes, str(source), spec.arena, spec.difficulty)


def _check_identity(data: Any, source: Path | str) -> None:
    """Refuse, with one clear sentence, JSON that is not a Ballerina replay or is one of another version."""
    if not isinstance(data, dict):
        raise DataError(source, [Problem("", f"is not a Ballerina replay (found a JSON {type(data).__name__}, "
                                             "expected an object)")])
    if "format" not in data:
        raise DataError(source, [Problem("", 'is not a Ballerina replay (it has no "format" key)')])
    if data["format"] != FORMAT:
        found = repr(data["format"])[:60]
        raise DataError(source, [Problem("format", f"found {found}, expected {FORMAT!r}: not a Ballerina replay")])
    version = data.get("version")
    if type(version) is not int:
        found = repr(version)[:60]
        raise DataError(source, [Problem("version", f"found {found}, expected the whole number {VERSION}")])
    if version != VERSION:
        newer = " (written by a newer game)" if version > VERSION else ""
        raise DataError(source, [Problem("version", f"replay version {version} is not supported{newer}; "
                                                    f"this game reads version {VERSION}")])


def _check_sizes(data: dict[str, Any], source: Path | str) -> None:
    """Refuse absurd lengths before the per-value checks walk them."""
    inputs, hashes = data.get("inputs"), data.get("hashes")
    if isinstance(inputs, list) and len(inputs) > MAX_TICKS:
        raise DataError(source, [Problem("inputs", f"has {len(inputs)} entries, more than ten hours of fight")])
    if isinstance(hashes, dict) and len(hashes) > MAX_CHECKPOINTS:
        raise DataError(source, [Problem("hashes", f"has {len(hashes)} entries, more than one a second of fight")])


@data_loader
def load_replay(path: Path | str) -> Replay:
    """Read a replay file; a corrupt or foreign file is refused whole with a DataError, never half-loaded."""
    path = Path(path)
    return parse_replay(read_bytes(path, MAX_FILE_BYTES, "a replay"), path)


# --- recording -----------------------------------------------------------------------------------

def level_digest(path: Path | str) -> str:
    """The digest of a level file's bytes, to notice a level edited since a fight was recorded."""
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()


def portable_level(path: Path | str) -> str:
    """The level path as a replay stores it: relative to the checkout when inside it, so replays travel."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(ROOT).as_posix()
    except ValueError:
        return resolved.as_posix()


class ReplayRecorder:
    """Keeps what the player held on every tick of a fight, and a world hash every second."""

    def __init__(self, level_path: Path | str, seed: int, player: str = PLAYER_ARCHETYPE,
                 arena: Arena = "level", difficulty: str = "normal") -> None:
        if not 0 <= seed < 1 << 64:
            raise ValueError(f"a replay's seed must be in [0, 2**64), not {seed}")
        try:
            self.level_digest = level_digest(level_path)
        except OSError as error:
            raise DataError(level_path, [Problem("", f"cannot be read: {error.strerror}")]) from None
        self.level = portable_level(level_path)
        self.seed = seed
        self.player = player
        self.arena = arena
        self.difficulty = difficulty_named(difficulty).name  # a clear error for a name that is none
        self.tick_count = 0
        self._runs: list[list[int]] = []
        self._hashes: dict[int, str] = {}

    def record(self, frame: InputFrame, world: World) -> None:
        """Call once a tick, right after `world.step({world.player_id: frame})`, from the fight's first tick."""
        if world.tick != self.tick_count + 1:
            raise ValueError(f"recorder expected world tick {self.tick_count + 1}, the world is at {world.tick}")
        if self.tick_count >= MAX_TICKS:
            raise ValueError("a replay holds at most ten hours of fight")
        mask = frame.held
        if mask & ~ALL_BUTTONS or mask < 0:
            raise ValueError(f"held mask {mask} has bits that are not buttons")
        self.tick_count += 1
        if self._runs and self._runs[-1][0] == mask:
            self._runs[-1][1] += 1
        else:
            self._runs.append([mask, 1])
        if self.tick_count % CHECKPOINT_TICKS == 0:
            self._hashes[self.tick_count] = world.state_hash()

    def finish(self, world: World) -> Replay:
        """The replay of the fight so far; recording may go on (F9 can be pressed again later)."""
        if world.tick != self.tick_count:
            raise ValueError(f"recorder has {self.tick_count} ticks, the world is at tick {world.tick}")
        hashes = dict(self._hashes)
        hashes[self.tick_count] = world.state_hash()
        return Replay(game.__version__, self.level, self.level_digest, self.seed, self.player, self.tick_count,
                      tuple((mask, count) for mask, count in self._runs), tuple(sorted(hashes.items())),
                      arena=self.arena, difficulty=self.difficulty)


def record_run(level_path: Path | str, seed: int, frames: Iterable[InputFrame],
               player: str = PLAYER_ARCHETYPE, arena: Arena = "level", difficulty: str = "normal") -> Replay:
    """Play the player's inputs headless in a fresh world of the arena and keep the fight as a replay."""
    recorder = ReplayRecorder(level_path, seed, player, arena, difficulty)
    world = _arena_world(arena, Path(level_path), seed, player, difficulty)
    player_id = world.player_id
    for frame in frames:
        world.step({player_id: frame})
        recorder.record(frame, world)
    return recorder.finish(world)


def record_combo(path: Path | str) -> Replay:
    """A combo test performed again as a replay (its arena, actors and seed come from the test file)."""
    from game.data.combos import load_combo_test
    from game.scripting.combos import run_combo_file

    result = run_combo_file(Path(path))
    seed = load_combo_test(path).seed
    return record_run(path, seed, (InputFrame(held) for held in result.inputs), arena="combo")


def _arena_world(arena: str, path: Path, seed: int, player: str, difficulty: str = "normal") -> World:
    """A fresh world at tick 0 for a replay's arena: a level, a combo test's set-up, or the bench crowd."""
    if arena == "combo":
        from game.data.combos import load_combo_test
        from game.scripting.combos import build_world as combo_world

        return combo_world(load_combo_test(path))
    if arena == "bench":
        from game.bench import crowded_world

        return crowded_world(path, seed)
    return load_bundle(path, extra=(player,)).world(seed=seed, player=player, difficulty=difficulty)


# --- playing back --------------------------------------------------------------------------------

def replay_frames(replay: Replay) -> Iterator[InputFrame]:
    """The player's InputFrames, one a tick, in order."""
    for mask, count in replay.inputs:
        frame = InputFrame(mask)
        for _ in range(count):
            yield frame


def _level_file(replay: Replay) -> Path:
    """The replay's level file, if it is there and small enough to be a level, else a DataError."""
    path = replay.level_path
    try:
        size = path.stat().st_size if path.is_file() else None
    except OSError:  # a name too long or otherwise impossible on this system
        size = None
    if size is None:
        problem = Problem("level", f"the level file {replay.level} is not found (looked at {path})")
        raise DataError(replay.source, [problem])
    if size > MAX_LEVEL_BYTES:
        raise DataError(replay.source, [Problem("level", f"{replay.level} is too big to be a level file")])
    return path


def build_world(replay: Replay) -> World:
    """A fresh world of the replay's level, seed and fighter, at tick 0, ready to be fed its frames."""
    path = _level_file(replay)
    known = known_archetypes()
    if replay.player not in known:
        raise DataError(replay.source, [Problem("player", unknown_name("fighter", replay.player, known))])
    return _arena_world(replay.arena, path, replay.seed, replay.player, replay.difficulty)


def arena_bundle(replay: Replay) -> Bundle:
    """The level, fighters and pose sets behind a replay's arena: what a window needs to draw it."""
    path = _level_file(replay)
    if replay.arena == "combo":
        from game.data.combos import load_combo_test
        from game.scripting.combos import arena_path

        spec = load_combo_test(path)
        cast = (replay.player, *(actor.archetype for actor in spec.actors))
        return load_bundle(arena_path(spec.arena), extra=cast)
    return load_bundle(path, extra=(replay.player,))


class Playback:
    """A replay being watched: steps its world one tick at a time and notices when the fight drifts."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.world = build_world(replay)  # a DataError when the level or fighter is not there
        self._frames = replay_frames(replay)
        self._checkpoints = replay.checkpoints
        self.first_mismatch: int | None = None  # the first checkpoint tick whose hash differed
        self.last_identical = 0  # the last checkpoint tick whose hash matched (0: none yet)
        self.checked = 0  # checkpoint hashes compared so far
        if 0 in self._checkpoints:
            self._check()

    @property
    def done(self) -> bool:
        return self.world.tick >= self.replay.tick_count

    def step(self) -> list[ev.Event]:
        """Advance the fight one tick with the recorded input; compares hashes at checkpoints."""
        if self.done:
            raise RuntimeError("the replay is over")
        world = self.world
        events = world.step({world.player_id: next(self._frames)})  # type: ignore[dict-item]
        if world.tick in self._checkpoints:
            self._check()
        return events

    def _check(self) -> None:
        tick = self.world.tick
        self.checked += 1
        if self.world.state_hash() == self._checkpoints[tick]:
            if self.first_mismatch is None:
                self.last_identical = tick
        elif self.first_mismatch is None:
            self.first_mismatch = tick


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Whether a replay still plays out as recorded, and if not, from where it drifted."""

    identical: bool
    ticks: int  # ticks re-simulated
    checkpoints: int  # checkpoint hashes compared
    first_mismatch: int | None  # the first checkpoint tick whose hash differs
    last_identical: int  # the last checkpoint tick known identical, 0 when none was
    warnings: tuple[str, ...] = ()  # the level or game changed since recording: a hint, not a failure

    def describe(self) -> str:
        """One line for the terminal, then one line a warning."""
        if self.first_mismatch is None:
            text = f"identical: {self.ticks} ticks, {self.checkpoints} checkpoints match"
        else:
            text = (f"differs at tick {self.first_mismatch} ({self.first_mismatch / TICK_RATE:.1f} s); "
                    f"identical up to tick {self.last_identical}")
        return "\n".join([text, *(f"warning: {w}" for w in self.warnings)])


def replay_warnings(replay: Replay) -> tuple[str, ...]:
    """What changed since the recording that may explain a drift: the level file, the game version."""
    warnings = []
    try:
        digest = level_digest(_level_file(replay))
    except (DataError, OSError):
        digest = None
    if digest is not None and digest != replay.level_digest:
        warnings.append(f"the level file {replay.level} changed since this fight was recorded")
    if replay.game_version != game.__version__:
        warnings.append(f"recorded with game version {replay.game_version}, this is {game.__version__}")
    return tuple(warnings)


def verify(replay: Replay) -> VerifyResult:
    """Re-simulate the fight headless and compare the world hash at every stored checkpoint."""
    playback = Playback(replay)
    while not playback.done and playback.first_mismatch is None:
        playback.step()
    return VerifyResult(playback.first_mismatch is None, playback.world.tick, playback.checked,
                        playback.first_mismatch, playback.last_identical, replay_warnings(replay))
