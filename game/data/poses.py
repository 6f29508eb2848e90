"""Pose sets (`assets/poses/*.toml`): the ballet positions a skeleton can take, and state animations.

A pose is a set of joint angles (degrees) plus root offsets; the file format is described in the header
of `assets/poses/ballerina.toml`. Loading resolves `like = "other"` inheritance into flat `Pose` tuples
that the skeleton (`game/render/skeleton.py`) blends and poses without looking anything up by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import data_loader, finite, read_toml, validate
from game.data.moves import MoveFile, PoseKey
from game.data.specs import Frame, Name, Number, Positive, Spec

SPINE = ("pelvis", "torso", "neck", "head")
ARM_JOINTS = ("upper", "fore", "hand", "out")
LEG_JOINTS = ("thigh", "shin", "foot", "out")
LIMBS = (("arm_near", ARM_JOINTS), ("arm_far", ARM_JOINTS), ("leg_near", LEG_JOINTS), ("leg_far", LEG_JOINTS))
# Every angle of a pose in the order `Pose.angles` keeps them.
ANGLES = SPINE + tuple(f"{limb}.{joint}" for limb, joints in LIMBS for joint in joints)
# The fighter states (game/sim/fighter.py STATES, less `move`) every pose set must animate.
ANIMATED_STATES = (
    "idle", "walk", "run", "jump", "fall", "land", "crouch", "block",
    "hitstun", "blockstun", "parried", "juggle", "knockdown", "getup", "ko",
)
MAX_ANGLE = 720.0  # degrees; a joint never needs more than two turns

Angle = Annotated[float, Field(ge=-MAX_ANGLE, le=MAX_ANGLE), AfterValidator(finite)]


class ArmSpec(Spec):
    """One arm: shoulder swing, elbow bend, wrist and how far it opens to the side."""

    upper: Angle = 0.0  # 0 hangs down, 90 reaches forward, 180 straight up, -60 back
    fore: Angle = 0.0  # elbow bend, forearm folding forward and up
    hand: Angle = 0.0  # wrist, positive lifts the hand forward and up
    out: Angle = 0.0  # opens the arm to the side (90 = à la seconde), turning it about the body's axis


class LegSpec(Spec):
    """One leg: hip swing, knee bend, pointed or flexed foot and turn-out."""

    thigh: Angle = 0.0  # from the body's vertical: 0 down, 90 forward, 180 up, -90 behind
    shin: Angle = 0.0  # knee bend, the shin folding back
    foot: Angle = 0.0  # 0 pointed along the shin (on pointe), 90 flexed (flat on the floor)
    out: Angle = 0.0  # turn-out: opens the leg to the side, turning it about the body's axis


class PoseSpec(Spec):
    """One named position as written in the file; unset joints come from `like` or are 0."""

    like: Name | None = None  # start from this pose and change only the joints given here
    lift: Number = 0.0  # px the lowest point of the body stays above the feet line (leaps)
    shift: Number = 0.0  # px the pelvis sits forward of the fighter's x
    pelvis: Angle = 0.0  # positive tips the hips (and the tutu) forward
    torso: Angle = 0.0  # from the pelvis, positive bends forward
    neck: Angle = 0.0
    head: Angle = 0.0  # positive drops the chin
    arm_near: ArmSpec = ArmSpec()
    arm_far: ArmSpec = ArmSpec()
    leg_near: LegSpec = LegSpec()
    leg_far: LegSpec = LegSpec()
    blade: bool = False  # the knife shows in the near hand
    note: str = ""  # what the position is, for whoever tunes it


class StateSpec(Spec):
    """The animation of one fighter state: keyframes, played once or looped."""

    loop: bool = False
    length: Frame | None = None  # frames of one loop; the last key by default
    keys: list[PoseKey] = Field(min_length=1, max_length=32)

    @model_validator(mode="after")
    def _check_keys(self) -> StateSpec:
        frames = [key.frame for key in self.keys]
        if frames[0] != 1:
            raise ValueError("keys must start with a key on frame 1")
        if frames != sorted(set(frames)):
            raise ValueError("keys must be in increasing frame order, one per frame")
        if self.length is not None and self.length < frames[-1]:
            raise ValueError(f"length {self.length} is shorter than the last key's frame {frames[-1]}")
        return self

    @property
    def frames(self) -> int:
        """Frames of one pass through the animation."""
        return self.length if self.length is not None else self.keys[-1].frame


class BodySpec(Spec):
    """The skeleton's proportions in px (a 150 px tall fighter)."""

    pelvis: Positive = 14.0  # hip centre to waist
    torso: Positive = 34.0  # waist to the base of the neck
    neck: Positive = 8.0
    head: Positive = 8.0  # radius
    hips: Number = 6.0  # half the distance between the hip joints
    shoulders: Number = 10.0  # half the distance between the shoulders
    upper_arm: Positive = 26.0
    forearm: Positive = 23.0
    hand: Positive = 8.0
    thigh: Positive = 40.0
    shin: Positive = 38.0
    foot: Positive = 15.0  # ankle to the tip of the toe


class PoseFile(Spec):
    """A whole pose file: `[body]`, `[poses.<name>]` and `[states.<state>]`."""

    body: BodySpec = BodySpec()
    poses: dict[Name, PoseSpec] = Field(min_length=1)
    states: dict[Name, StateSpec]


@dataclass(frozen=True, slots=True)
class Pose:
    """A resolved position: every angle of `ANGLES` in order, root offsets and the blade."""

    name: str
    angles: tuple[float, ...]
    lift: float = 0.0
    shift: float = 0.0
    blade: bool = False

    def angle(self, joint: str) -> float:
        """One angle by name, such as `leg_near.thigh`."""
        return self.angles[ANGLES.index(joint)]


@dataclass(frozen=True, slots=True)
class PoseSet:
    """Everything the renderer needs to pose one kind of fighter."""

    name: str
    body: BodySpec
    poses: dict[str, Pose]
    states: dict[str, StateSpec]


def _merged(spec: PoseSpec, parent: dict[str, Any] | None) -> dict[str, Any]:
    """The pose's values as a flat table, unset ones taken from the parent's flat table."""
    flat: dict[str, Any] = {}
    for field in ("lift", "shift", "blade", *SPINE):
        flat[field] = getattr(spec, field) if parent is None or field in spec.model_fields_set else parent[field]
    for limb, joints in LIMBS:
        limb_spec = getattr(spec, limb)
        set_here = limb_spec.model_fields_set if limb in spec.model_fields_set else set()
        for joint in joints:
            key = f"{limb}.{joint}"
            flat[key] = getattr(limb_spec, joint) if parent is None or joint in set_here else parent[key]
    return flat


def _resolve(file: PoseFile) -> tuple[dict[str, Pose], list[Problem]]:
    """Every pose with `like` chains followed; problems for unknown or circular `like` names."""
    flats: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []

    def flat_of(name: str, chain: tuple[str, ...]) -> dict[str, Any] | None:
        if name in flats:
            return flats[name]
        spec = file.poses[name]
        parent = None
        if spec.like is not None:
            path = f"poses.{name}.like"
            if spec.like not in file.poses:
                problems.append(Problem(path, unknown_name("pose", spec.like, file.poses)))
                return None
            if spec.like in chain:
                problems.append(Problem(path, f"{' -> '.join((*chain, name, spec.like))} goes round in a circle"))
                return None
            parent = flat_of(spec.like, (*chain, name))
            if parent is None:
                return None
        flats[name] = _merged(spec, parent)
        return flats[name]

    poses = {}
    for name in file.poses:
        flat = flat_of(name, ())
        if flat is not None:
            angles = tuple(float(flat[joint]) for joint in ANGLES)
            poses[name] = Pose(name, angles, float(flat["lift"]), float(flat["shift"]), bool(flat["blade"]))
    return poses, problems


def _state_problems(file: PoseFile) -> list[Problem]:
    """States that are unknown or missing, and keys naming poses the file does not have."""
    problems = []
    for state in ANIMATED_STATES:
        if state not in file.states:
            problems.append(Problem(f"states.{state}", "is missing (every fighter state needs an animation)"))
    for state, spec in file.states.items():
        if state not in ANIMATED_STATES:
            problems.append(Problem(f"states.{state}", unknown_name("state", state, ANIMATED_STATES)))
        for i, key in enumerate(spec.keys):
            if key.pose not in file.poses:
                problems.append(Problem(f"states.{state}.keys[{i}].pose", unknown_name("pose", key.pose, file.poses)))
    return problems


@data_loader
def load_pose_set(path: Path | str) -> PoseSet:
    """Read, validate and resolve a pose file, or raise a DataError naming every problem."""
    path = Path(path)
    file = validate(PoseFile, read_toml(path), path)
    poses, problems = _resolve(file)
    problems += _state_problems(file)
    if problems:
        raise DataError(path, problems)
    return PoseSet(path.stem, file.body, poses, dict(file.states))


def check_move_poses(move_file: MoveFile, pose_set: PoseSet) -> list[Problem]:
    """Pose keys of a move file that name poses the pose set does not have."""
    problems = []
    for move_id, move in move_file.moves.items():
        for i, key in enumerate(move.poses):
            if key.pose not in pose_set.poses:
                path = f"moves.{move_id}.poses[{i}].pose"
                problems.append(Problem(path, unknown_name(f"pose (of {pose_set.name})", key.pose, pose_set.poses)))
    return problems


def pose_names_of(move_file: MoveFile) -> Iterable[str]:
    """Every pose a move file names, once each, in the order first named."""
    return dict.fromkeys(key.pose for move in move_file.moves.values() for key in move.poses)
