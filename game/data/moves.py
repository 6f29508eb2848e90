"""Move files (`assets/moves/*.toml`): frame data, hitboxes, motion, cancels and pose keyframes."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import data_loader, read_toml, validate
from game.data.specs import Box, Frame, Frames, Length, Name, Number, Pace, Spec, Speed

COMMAND_BUTTONS = ("light", "heavy", "spin", "dodge")
COMMAND_DIRECTIONS = ("neutral", "forward", "down", "up")
SPECIAL_CANCELS = ("jump",)  # not moves, but allowed in a cancel list
Effect = Literal["stagger", "launch", "trip", "spike", "push"]
WEAPONS = ("knife", "pistol")  # what lies on the floor and what a fighter can hold
REQUIREMENTS = (*WEAPONS, "weapon_at_feet")  # `requires`: a weapon in hand, or one at her feet to pick up


def frame_range(value: tuple[int, int]) -> tuple[int, int]:
    if value[1] < value[0]:
        raise ValueError(f"a range [first, last] with first <= last, not [{value[0]}, {value[1]}]")
    return value


class HitSpec(Spec):
    """One hit instance: it lands at most once on each target."""

    frames: tuple[Frame, Frame]
    boxes: list[Box] = Field(min_length=1, max_length=8)
    damage: int = Field(ge=0, le=1000)
    hitstun: Frames = 12
    hitstop: Frames = 6
    knockback: tuple[Speed, Speed] = (150.0, 0.0)  # px/s given to a weight-1 target: forward, up
    effect: Effect = "stagger"
    direction: Literal["forward", "away"] = "forward"  # away: from the attacker's centre, both sides
    juggle: int = Field(default=1, ge=0, le=10)  # juggle points this hit spends on an airborne target
    slash: bool = False  # the knife, not the foot: different spark and sound
    blockstun: Frames | None = None  # frames a guard that takes it is held; default two thirds of hitstun
    unblockable: bool = False  # a grab: it goes through a guard (a parry still turns it aside)

    @property
    def guard_frames(self) -> int:
        """Frames of blockstun a guard suffers from this hit."""
        return self.blockstun if self.blockstun is not None else (self.hitstun * 2 + 2) // 3

    _check_frames = field_validator("frames")(frame_range)


class ShotSpec(Spec):
    """Something the move sends flying: a bullet (`shot`) or the weapon in hand (`throw`).

    It leaves the muzzle (or the hand) on `frame`, flies straight at `speed` until it meets a body, a
    solid block or a wall, or has gone `range`; before it, for `telegraph` frames, the aim shows as a
    laser line (enemies' shots: the warning that makes them fair).
    """

    frame: Frame  # the move frame it leaves the hand on
    telegraph: Frames = 0  # frames before `frame` the aim is shown as a laser line
    speed: Pace = 1800.0  # px/s
    range: Length = 1400.0  # px it flies before it is spent
    damage: int = Field(ge=0, le=1000)
    hitstun: Frames = 20
    hitstop: Frames = 5
    knockback: tuple[Speed, Speed] = (220.0, 0.0)  # px/s given to a weight-1 target: along its flight, up
    effect: Effect = "stagger"
    slash: bool = False  # a blade (a thrown knife): the knife's spark and sound
    blockstun: Frames | None = None  # frames a guard that takes it is held; default two thirds of hitstun
    muzzle: tuple[Number, Number] = (40.0, 112.0)  # px from the feet, forward and up, where it starts

    @model_validator(mode="after")
    def _telegraph_inside(self) -> ShotSpec:
        if self.telegraph >= self.frame:
            raise ValueError(f"telegraph {self.telegraph} must be shorter than frame {self.frame}: "
                             "the laser shows on the move's frames before the shot")
        return self

    def as_hit(self) -> HitSpec:
        """The hit it deals, judged by the same rules as a kick (its box is never used)."""
        return HitSpec(
            frames=(self.frame, self.frame), boxes=[(0.0, 0.0, 1.0, 1.0)], damage=self.damage,
            hitstun=self.hitstun, hitstop=self.hitstop, knockback=self.knockback, effect=self.effect,
            slash=self.slash, blockstun=self.blockstun,
        )


class MotionSpec(Spec):
    """The fighter's own velocity during some frames of a move (forward, up), in px/s."""

    frames: tuple[Frame, Frame]
    velocity: tuple[Speed, Speed | None]  # None for `up` keeps gravity's way

    _check_frames = field_validator("frames")(frame_range)

    @field_validator("velocity", mode="before")
    @classmethod
    def _allow_short(cls, value: object) -> object:
        if isinstance(value, (list, tuple)) and len(value) == 1:
            return (value[0], None)
        return value


class CancelSpec(Spec):
    """A window of frames during which this move may be cancelled into others."""

    into: list[str] = Field(min_length=1)
    frames: tuple[Frame, Frame]
    on_hit: bool = False  # only after this move has hit someone

    _check_frames = field_validator("frames")(frame_range)


class PoseKey(Spec):
    """A pose keyframe: at `frame` the skeleton is in `pose`, eased from the previous key."""

    frame: Frame
    pose: Name
    turn: Number = 0.0  # degrees the body has turned about its vertical axis (pirouettes)
    tilt: Number = 0.0  # degrees the whole body leans or flips in the picture plane
    ease: Literal["linear", "in", "out", "inout", "hold"] = "inout"


class MoveSpec(Spec):
    """One move of a fighter's repertoire."""

    name: str = Field(min_length=1, max_length=40)  # shown in the HUD
    input: str
    air: bool = False
    startup: Frame
    active: Frame
    recovery: Frames
    invulnerable: tuple[Frame, Frame] | None = None
    landing_lag: Frames = 6  # air moves: frames of landing recovery if they touch down early
    grace: int = Field(default=1, ge=0, le=100)  # grace points the move earns on hit
    armour: int = Field(default=0, ge=0, le=100_000)  # in startup and active frames: hits below it do not stagger
    finisher: bool = False  # needs a full grace meter and spends it (the slow-motion coup de grâce)
    # startable only holding this weapon (or, weapon_at_feet: with empty hands over one)
    requires: Literal[REQUIREMENTS] | None = None  # type: ignore[valid-type]
    shot: ShotSpec | None = None  # fires a bullet (a held pistol spends a round; out of rounds it is thrown)
    throw: ShotSpec | None = None  # throws the weapon in hand (a pistol: only once its rounds are spent)
    pick_up: Frame | None = None  # the frame her hand closes on a weapon at her feet
    deflects: bool = False  # its active hitboxes send bullets back at whoever fired them (spins)
    hits: list[HitSpec] = Field(default_factory=list, max_length=16)
    motion: list[MotionSpec] = Field(default_factory=list, max_length=16)
    cancels: list[CancelSpec] = Field(default_factory=list, max_length=16)
    poses: list[PoseKey] = Field(min_length=1, max_length=32)
    description: str = ""

    @property
    def total(self) -> int:
        return self.startup + self.active + self.recovery

    @field_validator("input")
    @classmethod
    def _check_input(cls, value: str) -> str:
        parts = value.split("+")
        button = parts[-1]
        direction = parts[0] if len(parts) == 2 else "neutral"
        if len(parts) > 2 or button not in COMMAND_BUTTONS or direction not in COMMAND_DIRECTIONS:
            raise ValueError(
                "an input such as 'light', 'forward+heavy' or 'down+spin' "
                f"(buttons: {', '.join(COMMAND_BUTTONS)}; directions: forward, down, up)"
            )
        return value

    @model_validator(mode="after")
    def _check_frames(self) -> MoveSpec:
        first_active, last_active, total = self.startup + 1, self.startup + self.active, self.total
        problems = []
        for i, hit in enumerate(self.hits):
            lo, hi = hit.frames
            if lo < first_active or hi > last_active:
                problems.append(
                    f"hits[{i}].frames [{lo}, {hi}] must lie in the active frames "
                    f"[{first_active}, {last_active}]"
                )
        ordered = sorted(enumerate(self.hits), key=lambda item: item[1].frames)
        for (i, a), (j, b) in zip(ordered, ordered[1:], strict=False):
            if b.frames[0] <= a.frames[1]:
                problems.append(
                    f"hits[{i}].frames {list(a.frames)} and hits[{j}].frames {list(b.frames)} overlap"
                )
        if self.hits and (ordered[0][1].frames[0] != first_active):
            problems.append(f"the first hit must start on the first active frame, {first_active}")
        if self.hits and max(h.frames[1] for h in self.hits) != last_active:
            problems.append(f"the last hit must end on the last active frame, {last_active}")
        for name, ranges in (
            ("cancels", [c.frames for c in self.cancels]),
            ("motion", [m.frames for m in self.motion]),
            ("poses", [(p.frame, p.frame) for p in self.poses]),
        ):
            for i, (_, hi) in enumerate(ranges):
                if hi > total:
                    problems.append(f"{name}[{i}] reaches frame {hi}, past the move's {total} frames")
        for name, thrown in (("shot", self.shot), ("throw", self.throw)):
            if thrown is not None and thrown.frame > total:
                problems.append(f"{name}.frame {thrown.frame} is past the move's {total} frames")
        if self.shot is not None and self.throw is not None and self.shot.frame != self.throw.frame:
            problems.append(f"throw.frame {self.throw.frame} must be shot.frame {self.shot.frame}: "
                            "the trigger pulled on an empty pistol throws it")
        if self.pick_up is not None and self.pick_up > total:
            problems.append(f"pick_up {self.pick_up} is past the move's {total} frames")
        if self.invulnerable and self.invulnerable[1] > total:
            problems.append(f"invulnerable reaches past the move's {total} frames")
        if self.poses and self.poses[0].frame != 1:
            problems.append("poses must start with a key on frame 1")
        frames = [p.frame for p in self.poses]
        if frames != sorted(set(frames)):
            problems.append("pose keys must be in increasing frame order, one per frame")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class MoveFile(Spec):
    """A whole move file: `[moves.<id>]` tables."""

    moves: dict[Name, MoveSpec] = Field(min_length=1)


def cross_check(file: MoveFile) -> list[Problem]:
    """Problems that need the whole file: cancels into unknown moves, overlapping cancel windows."""
    problems = []
    known = set(file.moves) | set(SPECIAL_CANCELS)
    for move_id, move in file.moves.items():
        seen: dict[str, tuple[int, int]] = {}
        for c, cancel in enumerate(move.cancels):
            for t, target in enumerate(cancel.into):
                path = f"moves.{move_id}.cancels[{c}].into[{t}]"
                if target not in known:
                    problems.append(Problem(path, unknown_name("move", target, known)))
                    continue
                target_move = file.moves.get(target)
                leaves_ground = any(m.velocity[1] and m.velocity[1] > 0 for m in move.motion)
                if target_move and target_move.air and not move.air and not leaves_ground:
                    # a ground move may cancel into an air move only when it leaves the ground
                    problems.append(Problem(path, f"{target!r} is an air move; {move_id!r} never leaves the ground"))
                if target in seen:
                    lo, hi = seen[target]
                    if cancel.frames[0] <= hi and lo <= cancel.frames[1]:
                        problems.append(
                            Problem(path, f"{target!r} already has an overlapping window [{lo}, {hi}]")
                        )
                seen[target] = cancel.frames
    return problems


def unknown_cancels(raw: object) -> list[Problem]:
    """Cancels into moves the file does not have, read from the raw table.

    Used when the file did not validate, so a wrong type elsewhere does not hide a misspelt name.
    """
    moves = raw.get("moves") if isinstance(raw, dict) else None
    if not isinstance(moves, dict):
        return []
    known = set(moves) | set(SPECIAL_CANCELS)
    problems = []
    for move_id, move in moves.items():
        cancels = move.get("cancels") if isinstance(move, dict) else None
        for c, cancel in enumerate(cancels if isinstance(cancels, list) else []):
            into = cancel.get("into") if isinstance(cancel, dict) else None
            for t, target in enumerate(into if isinstance(into, list) else []):
                if isinstance(target, str) and target not in known:
                    path = f"moves.{move_id}.cancels[{c}].into[{t}]"
                    problems.append(Problem(path, unknown_name("move", target, known)))
    return problems


@data_loader
def load_moves(path: Path | str) -> MoveFile:
    """Read, validate and cross-check a move file, or raise a DataError naming every problem."""
    raw = read_toml(path)
    try:
        file = validate(MoveFile, raw, path)
    except DataError as error:
        more = [p for p in unknown_cancels(raw) if p not in error.problems]
        if not more:
            raise
        raise DataError(path, error.problems + more) from None
    problems = cross_check(file)
    if problems:
        raise DataError(path, problems)
    return file
