"""The skeleton: poses blended over time and turned into joint positions (pure math, no pygame).

Coordinates are the fighter's: px, x forward as she faces, y up, origin on the floor under her pelvis;
`Figure` mirrors x for facing -1, so a painter only adds the fighter's position. Angles follow the
conventions written in the header of `assets/poses/ballerina.toml`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.data.moves import PoseKey
from game.data.poses import ANGLES, BodySpec, Pose, PoseSet

if TYPE_CHECKING:
    from game.sim.fighter import Fighter

# Joint indices of a Figure's points.
HIP, WAIST, CHEST, NECK, CROWN, HEAD, BUN = range(7)  # CROWN: the top of the neck
ARM_NEAR, ARM_FAR, LEG_NEAR, LEG_FAR = 7, 11, 15, 20  # first point of each limb
SHOULDER, ELBOW, WRIST, FINGERS = range(4)  # offsets inside an arm
HIP_JOINT, KNEE, CALF, ANKLE, TOE = range(5)  # offsets inside a leg
POINTS = 25
# How far the body reaches below each joint, px: the lowest reach rests on the floor.
REACH = (9, 6, 8, 6, 3, 8, 4) + (4, 3, 2, 2) * 2 + (6, 4, 4, 2, 1.5) * 2
CALF_AT = 0.3  # where the calf bulges, as a fraction of the shin from the knee
SHORT = {"linear", "in", "out", "inout"}
_INDEX = {name: i for i, name in enumerate(ANGLES)}


@dataclass(frozen=True, slots=True)
class Posture:
    """What the skeleton shows at one moment: a (possibly blended) pose, turned and tilted."""

    pose: Pose
    turn: float = 0.0  # degrees about the vertical axis
    tilt: float = 0.0  # degrees in the picture plane, positive leans forward
    spin: float = 0.0  # degrees the turn moves per frame right now (the tutu flares, trails follow)


@dataclass(frozen=True, slots=True)
class Figure:
    """Joint positions of a posed skeleton, px from the fighter's feet point, y up, mirrored by facing."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    near_in_front: bool  # False once a turn shows her other side: near limbs are drawn behind
    facing: int
    blade: bool
    spin: float = 0.0  # degrees a frame she is turning about her vertical axis (0 when still)

    def point(self, index: int) -> tuple[float, float]:
        return (self.xs[index], self.ys[index])


def ease(kind: str, t: float) -> float:
    """How far along (0..1) a blend is at time fraction `t` for an ease kind."""
    if kind == "linear":
        return t
    if kind == "in":
        return t * t
    if kind == "out":
        return 1.0 - (1.0 - t) * (1.0 - t)
    if kind == "inout":
        return t * t * (3.0 - 2.0 * t)
    return 0.0  # hold: the previous key until this one arrives


def ease_rate(kind: str, t: float) -> float:
    """How fast (per unit of `t`) a blend moves at time fraction `t`: the slope of `ease`."""
    if kind == "linear":
        return 1.0
    if kind == "in":
        return 2.0 * t
    if kind == "out":
        return 2.0 * (1.0 - t)
    if kind == "inout":
        return 6.0 * t * (1.0 - t)
    return 0.0


def short_delta(a: float, b: float) -> float:
    """The signed angle from a to b the short way round, in (-180, 180]."""
    delta = (b - a) % 360.0
    return delta - 360.0 if delta > 180.0 else delta


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """A pose `t` of the way from a to b, every angle turning the short way."""
    if t <= 0.0:
        return a
    if t >= 1.0:
        return b
    angles = tuple(x + short_delta(x, y) * t for x, y in zip(a.angles, b.angles, strict=True))
    return Pose(
        f"{a.name}>{b.name}",
        angles,
        a.lift + (b.lift - a.lift) * t,
        a.shift + (b.shift - a.shift) * t,
        b.blade if t >= 0.5 else a.blade,
    )


def sample(
    keys: Sequence[PoseKey], frame: float, poses: Mapping[str, Pose], loop_length: int | None = None
) -> Posture:
    """The posture at `frame` (1-based) of a keyframe track; a looping track wraps after `loop_length`."""
    if loop_length:
        frame = (frame - 1) % loop_length + 1
    index = 0
    while index + 1 < len(keys) and keys[index + 1].frame <= frame:
        index += 1
    key = keys[index]
    pose = _pose(poses, key.pose)
    if index + 1 < len(keys):
        following, end, wrap = keys[index + 1], keys[index + 1].frame, False
    elif loop_length and len(keys) > 1:
        following, end, wrap = keys[0], loop_length + 1, True
    else:
        return Posture(pose, key.turn, key.tilt)
    span = end - key.frame
    along = (frame - key.frame) / span if span > 0 else 1.0
    t = ease(following.ease, along) if span > 0 else 1.0
    turn_to, tilt_to = following.turn, following.tilt
    if wrap:  # back to the start the short way, so tumbling and turning loops run on
        turn_to, tilt_to = key.turn + short_delta(key.turn, turn_to), key.tilt + short_delta(key.tilt, tilt_to)
    spin = (turn_to - key.turn) * ease_rate(following.ease, along) / span if span > 0 else 0.0
    return Posture(
        blend(pose, _pose(poses, following.pose), t),
        key.turn + (turn_to - key.turn) * t,
        key.tilt + (tilt_to - key.tilt) * t,
        spin,
    )


def _pose(poses: Mapping[str, Pose], name: str) -> Pose:
    pose = poses.get(name)
    if pose is None:  # load_bundle refuses such files; never crash a running fight over a pose
        pose = next(iter(poses.values()))
    return pose


STEP_SPEED = 12.0  # px/s: slower than this a walking or running fighter is not getting anywhere


def pose_at(fighter: Fighter, pose_set: PoseSet, tick: int) -> Posture:
    """The posture a fighter shows now: its move's keys at the move frame, or its state's animation."""
    move = fighter.move
    if fighter.state == "move" and move is not None:
        return sample(move.spec.poses, max(1, fighter.move_frame), pose_set.poses)
    state = fighter.state
    if state == "ko" and not fighter.grounded and "juggle" in pose_set.states:
        state = "juggle"  # knocked out and still flying: the body tumbles until it lands
    elif state in ("walk", "run") and abs(getattr(fighter, "vx", STEP_SPEED)) < STEP_SPEED:
        state = "idle"  # walking into a wall or a bench: she stands against it, her feet still
    animation = pose_set.states.get(state) or pose_set.states["idle"]
    clock = fighter.state_ticks + 1 if state != "idle" else tick + 1  # idle breathes on the world
    return sample(animation.keys, clock, pose_set.poses, animation.frames if animation.loop else None)


def _limb(
    out: list[tuple[float, float, float]],
    root: tuple[float, float, float],
    lengths: Sequence[float],
    directions: Sequence[float],
    open_deg: float,
    side: float,
) -> None:
    """Append the joints of a limb: segments from `root` along directions (radians CCW from down)."""
    rx, ry, rz = root
    cos_o, sin_o = math.cos(math.radians(open_deg)), math.sin(math.radians(open_deg)) * side
    x = y = 0.0
    for length, direction in zip(lengths, directions, strict=True):
        x += length * math.sin(direction)
        y -= length * math.cos(direction)
        out.append((rx + x * cos_o, ry + y, rz + x * sin_o))


def _joints(body: BodySpec, pose: Pose) -> list[tuple[float, float, float]]:
    """Joint positions before turning: (forward, up, toward the viewer) from the hip centre."""
    a = [math.radians(v) for v in pose.angles]
    pelvis, torso, neck, head = a[0], a[0] + a[1], a[0] + a[1] + a[2], a[0] + a[1] + a[2] + a[3]
    waist = (body.pelvis * math.sin(pelvis), body.pelvis * math.cos(pelvis), 0.0)
    neck_base = (waist[0] + body.torso * math.sin(torso), waist[1] + body.torso * math.cos(torso), 0.0)
    chest = (waist[0] + 0.55 * (neck_base[0] - waist[0]), waist[1] + 0.55 * (neck_base[1] - waist[1]), 0.0)
    crown = (neck_base[0] + body.neck * math.sin(neck), neck_base[1] + body.neck * math.cos(neck), 0.0)
    r = body.head
    up, fwd = (math.sin(head), math.cos(head)), (math.cos(head), -math.sin(head))
    centre = (crown[0] + r * up[0], crown[1] + r * up[1], 0.0)
    bun = (centre[0] + 0.55 * r * up[0] - 0.8 * r * fwd[0], centre[1] + 0.55 * r * up[1] - 0.8 * r * fwd[1], 0.0)
    points = [(0.0, 0.0, 0.0), waist, chest, neck_base, crown, centre, bun]
    shoulder = (neck_base[0] - 3.0 * math.sin(torso), neck_base[1] - 3.0 * math.cos(torso))
    arm_lengths = (body.upper_arm, body.forearm, body.hand)
    for first, side in ((4, 1.0), (8, -1.0)):
        upper = a[first] - torso
        fore = upper + a[first + 1]
        root = (shoulder[0], shoulder[1], body.shoulders * side)
        points.append(root)
        _limb(points, root, arm_lengths, (upper, fore, fore + a[first + 2]), pose.angles[first + 3], side)
    hip_x, hip_y = -3.0 * math.sin(pelvis), -3.0 * math.cos(pelvis)
    shin_top, shin_low = body.shin * CALF_AT, body.shin * (1.0 - CALF_AT)
    for first, side in ((12, 1.0), (16, -1.0)):
        thigh = a[first]
        shin = thigh - a[first + 1]
        root = (hip_x, hip_y, body.hips * side)
        points.append(root)
        directions = (thigh, shin, shin, shin + a[first + 2])
        _limb(points, root, (body.thigh, shin_top, shin_low, body.foot), directions, pose.angles[first + 3], side)
    return points


def solve(body: BodySpec, posture: Posture, facing: int = 1) -> Figure:
    """Forward kinematics: joint positions of a posture, its lowest reach resting `lift` above the feet."""
    pose = posture.pose
    turn, tilt = math.radians(posture.turn), math.radians(posture.tilt)
    cos_t, sin_t = math.cos(turn), math.sin(turn)
    cos_l, sin_l = math.cos(tilt), math.sin(tilt)
    xs, ys = [], []
    for x, y, z in _joints(body, pose):
        seen_x = x * cos_t + z * sin_t  # turning about the vertical axis foreshortens the side view
        xs.append(seen_x * cos_l + y * sin_l)
        ys.append(y * cos_l - seen_x * sin_l)
    floor = min(y - reach for y, reach in zip(ys, REACH, strict=True))
    rise = pose.lift - floor
    sign = 1.0 if facing >= 0 else -1.0
    return Figure(
        tuple((x + pose.shift) * sign for x in xs),
        tuple(y + rise for y in ys),
        cos_t >= 0.0,
        1 if facing >= 0 else -1,
        pose.blade,
        posture.spin,
    )


def figure_of(fighter: Fighter, pose_set: PoseSet, tick: int) -> Figure:
    """The posed skeleton of a fighter now, ready to draw at (fighter.x, fighter.y)."""
    return solve(pose_set.body, pose_at(fighter, pose_set, tick), fighter.facing)


def angle_index(joint: str) -> int:
    """Where a named angle (`leg_far.thigh`) sits in `Pose.angles`."""
    return _INDEX[joint]
