"""The pymunk side of a snapshot: bodies, which props are in the space, and the solver's memory.

Writing positions and velocities back is not enough for a bit-identical future (measured on pymunk
7.3.1: a crate restored that way is 1.5e-4 px off after one step, and the bench crowd drifted on the
first step after every restore). pymunk (Chipmunk) carries more from one step into the next:

- each body's bias velocity (`v_bias`, `w_bias`): the push that separates overlapping shapes, solved
  in one step and applied to positions at the start of the next. pymunk has no accessor for it, so it
  is read and written in the body's C struct at a layout checked against pymunk's own numbers
  (`check_body_layout`, run once a process before the first world is made);
- the cached contacts (arbiters) of the last step with their accumulated impulses, which warm-start
  the solver next step (`collision_persistence = 1` keeps exactly one step of them). They are copied
  out with the C fields pymunk's own `Space.copy()` uses, and written back in place; contacts made
  after the snapshot are emptied and marked cached, so they start afresh like new ones;
- joints' accumulated impulses (slide, pin, pivot: `IMPULSE_SLOTS`), for the same reason;
- the ORDER in which contacts are found, which decides the order they are solved in. The default
  bounding-box tree finds pairs in an order that depends on its whole history (even with all of the
  above restored, the bench crowd drifted at the first step); the World therefore uses a spatial hash,
  which visits shapes in the order of its shape table. That table grows as shapes come (a wave) and
  is keyed by shape id, so `steady_shape_order` grows it once at world creation and a prop that a
  restore puts back gets its old shape id again (with a new id, neon_alley drifted at tick 570 after a
  bin broke at 577).

With all of it, `python main.py synctest` stays in sync on every shipped level (900 ticks, rollback 8,
4 seeds each) and the bench crowd. Cost on the bench crowd (21 fighters of the real cast with their
brains, 20 crates, ~60 contacts): about 400 us to take a snapshot and 370 us to restore one, against
~160 us for a tick; most of it is the Python side (fighters' state machines and brains).
"""
from __future__ import annotations

import functools
import math
import weakref
from dataclasses import dataclass
from struct import unpack_from
from typing import TYPE_CHECKING, Any

import pymunk
import pymunk.batch
from pymunk._chipmunk_cffi import ffi, lib

if TYPE_CHECKING:
    from game.sim.world import World

BODY_FIELDS = pymunk.batch.BodyFields.ALL  # id, position, angle, velocity, angular velocity, force, torque
FLOATS_PER_BODY = 9  # x, y, angle, vx, vy, angular velocity, force x, force y, torque
# cpBody as an array of doubles (chipmunk_structs.h): m at 2, p at 8, v at 10, v_bias at 24, w_bias at 26
BODY_MASS, BODY_P, BODY_V, BODY_V_BIAS, BODY_W_BIAS = 2, 8, 10, 24, 26
BODY_TRANSLATION = 21  # the translation of its transform (a, b, c, d, tx, ty from 17)
# ... and as an array of pointers: its list of the last step's contacts (cpArbiter *arbiterList) is the 30th
# word, after those 27 doubles, the space and the shape list
BODY_ARBITERS = 29
NORMAL, CACHED = 1, 3  # cpArbiterState values
RESERVED_SHAPES = 400  # grows the spatial hash's table to 769 slots: shape ids stay below that
CONTACT_BYTES = ffi.sizeof("struct cpContact")
ARBITER_BYTES = ffi.sizeof("struct cpArbiter")
SHAPES_AT = ffi.offsetof("struct cpArbiter", "a")  # the two shape pointers, a then b

# contact arrays written into restored arbiters must outlive them until the next step replaces them
_KEEP_ALIVE: weakref.WeakKeyDictionary[pymunk.Space, list[Any]] = weakref.WeakKeyDictionary()


# One cached arbiter: (shape a, shape b) addresses in its order, the contact count, the contacts
# (struct cpContact bytes, accumulated impulses and feature hashes included), its state, whether it is
# processed, and its age in steps as of the snapshot. A plain tuple: a snapshot holds dozens.
SavedContacts = tuple[tuple[int, int], int, bytes, int, int, int]


@dataclass(frozen=True, slots=True)
class PhysicsState:
    """Every dynamic body's numbers in the space's own order, the props present, the solver's memory."""

    body_ids: tuple[int, ...]
    floats: bytes  # the batch buffer's doubles, FLOATS_PER_BODY a body
    biases: tuple[tuple[float, float, float] | None, ...]  # v_bias x, y and w_bias of each moving body
    props_in_space: tuple[int | None, ...]  # each prop's shape id while it is in the space, None once broken
    arbiters: tuple[SavedContacts, ...]
    time_step: float
    fighter_shapes: tuple[int, ...] = ()  # each fighter's shape id
    shape_counter: int = 0  # the id the next shape added gets: a wave spawned again gets the same ids
    joints: tuple[tuple[pymunk.Constraint, tuple[float, ...]], ...] = ()  # each joint's accumulated impulse


def steady_shape_order(space: pymunk.Space) -> None:
    """Make the spatial hash visit moving shapes in shape-id order, whatever came and went before.

    The hash keeps its shapes in a hash table that grows as shapes are added and never shrinks; its
    order (which decides the order contacts are found and solved in) then depends on the history of
    additions and removals (waves arriving, props breaking), which a restore cannot repeat. Growing the
    table once, with RESERVED_SHAPES throwaway shapes, keeps every real shape id below its size: the
    order is then simply by id. Call it on a new space, before anything moves.
    """
    counter = lib.cpSpaceGetShapeIDCounter(space._space)
    body = pymunk.Body(1.0, 1.0)
    body.position = (-1e7, -1e7)
    shapes = [pymunk.Circle(body, 1.0) for _ in range(RESERVED_SHAPES)]
    space.add(body, *shapes)
    space.remove(*shapes, body)
    lib.cpSpaceSetShapeIDCounter(space._space, counter)


def _dynamic_bodies(world: World) -> dict[int, pymunk.Body]:
    """The moving bodies in the space by body id (the world keeps that map of fighters and props)."""
    return {body_id: thing.body for body_id, thing in world._by_body_id.items()}


def _doubles(body: pymunk.Body) -> Any:
    return ffi.cast("double *", body._body)


def _address(pointer: Any) -> int:
    return int(ffi.cast("uintptr_t", pointer))


def capture_physics(world: World) -> PhysicsState:
    """Copy the physics of the world as it stands between two ticks."""
    space = world.space
    buffer = pymunk.batch.Buffer()
    pymunk.batch.get_space_bodies(space, BODY_FIELDS, buffer)
    ids = tuple(memoryview(buffer.int_buf()).cast("P").tolist())
    by_id = world._by_body_id
    biases: list[tuple[float, float, float] | None] = []
    for body_id in ids:
        thing = by_id.get(body_id)  # the space's static body is listed too: it never moves
        if thing is None:
            biases.append(None)
        else:
            d = _doubles(thing.body)
            biases.append((d[BODY_V_BIAS], d[BODY_V_BIAS + 1], d[BODY_W_BIAS]))
    in_space = {id(thing) for thing in by_id.values()}
    present = tuple(p.shape._hashid if id(p) in in_space else None for p in world.props)
    return PhysicsState(
        ids, bytes(buffer.float_buf()), tuple(biases), present, _capture_arbiters(space), space.current_time_step,
        tuple(f.shape._hashid for f in world.fighters), lib.cpSpaceGetShapeIDCounter(space._space),
        tuple(capture_joints(world)),
    )


def _capture_arbiters(space: pymunk.Space) -> tuple[SavedContacts, ...]:
    stamp = lib.cpSpaceGetTimestamp(space._space)
    saved = []
    for arb in space._get_arbiters():
        a, b = unpack_from("PP", ffi.buffer(arb, ARBITER_BYTES), SHAPES_AT)
        count, state, process, arb_stamp = arb.count, arb.state, arb.processCollision, arb.stamp
        contacts = ffi.buffer(arb.contacts, count * CONTACT_BYTES)[:] if count else b""
        saved.append(((a, b), count, contacts, state, process, stamp - arb_stamp))
    return tuple(saved)


def restore_physics(world: World, state: PhysicsState) -> None:
    """Put the physics back as captured: prop membership first, then bodies, then the solver's memory."""
    space = world.space
    for prop, shape_id in zip(world.props, state.props_in_space, strict=True):
        if shape_id is not None and prop.body.space is None:
            _add_again(space, prop.body, prop.shape, shape_id)
            world._by_body_id[prop.body.id] = prop
        elif shape_id is None and prop.body.space is not None:
            space.remove(prop.body, prop.shape)
            world._by_body_id.pop(prop.body.id, None)
    for fighter, shape_id in zip(world.fighters, state.fighter_shapes, strict=False):
        if fighter.body.space is None:  # a fighter of a wave the restore brings back
            _add_again(space, fighter.body, fighter.shape, shape_id)
            world._by_body_id[fighter.body.id] = fighter
            world.fighter_shapes[fighter.shape._shape] = fighter
    rigging = getattr(world, "rigging", None)
    if rigging is not None:
        rigging.sync(world.props)  # chains cut after the snapshot hang again
    _restore_bodies(world, state)
    _restore_arbiters(space, state.arbiters)
    restore_joints(state.joints)
    lib.cpSpaceSetCurrentTimeStep(space._space, state.time_step)
    lib.cpSpaceSetShapeIDCounter(space._space, state.shape_counter)


def _add_again(space: pymunk.Space, body: pymunk.Body, shape: pymunk.Shape, shape_id: int) -> None:
    """Put a removed prop back under its old shape id: the spatial hash visits shapes in id order, and
    a new id would change the order in which contacts are found (and so, slightly, how they resolve)."""
    counter = lib.cpSpaceGetShapeIDCounter(space._space)
    lib.cpSpaceSetShapeIDCounter(space._space, shape_id)  # removing the shape set its own id to 0
    space.add(body, shape)
    lib.cpSpaceSetShapeIDCounter(space._space, counter)


def _restore_bodies(world: World, state: PhysicsState) -> None:
    space = world.space
    buffer = pymunk.batch.Buffer()
    pymunk.batch.get_space_bodies(space, pymunk.batch.BodyFields.BODY_ID, buffer)
    order = tuple(memoryview(buffer.int_buf()).cast("P").tolist())
    floats = state.floats
    if order != state.body_ids:  # a prop removed and added again moves to the end of the space's list
        rows = {body_id: i for i, body_id in enumerate(state.body_ids)}
        view = memoryview(floats).cast("d")
        size = FLOATS_PER_BODY
        floats = b"".join(view[rows[i] * size:(rows[i] + 1) * size].tobytes() for i in order)
    buffer.set_float_buf(floats)
    pymunk.batch.set_space_bodies(space, BODY_FIELDS, buffer)
    bodies = _dynamic_bodies(world)
    for body_id, bias in zip(state.body_ids, state.biases, strict=True):
        if bias is not None:
            d = _doubles(bodies[body_id])
            d[BODY_V_BIAS], d[BODY_V_BIAS + 1], d[BODY_W_BIAS] = bias


def _restore_arbiters(space: pymunk.Space, saved: tuple[SavedContacts, ...]) -> None:
    """Make the space's contact cache what it was: the same pairs, impulses and states."""
    stamp = lib.cpSpaceGetTimestamp(space._space)
    current = {}
    for arb in space._get_arbiters():
        a, b = _address(arb.a), _address(arb.b)
        current[(a, b) if a < b else (b, a)] = arb
    keep: list[Any] = []
    for (a, b), count, contact_bytes, state, process, age in saved:
        arb = current.pop((a, b) if a < b else (b, a), None)
        contacts = ffi.NULL
        if count:
            contacts = ffi.new("struct cpContact[]", count)
            ffi.memmove(contacts, contact_bytes, len(contact_bytes))
            keep.append(contacts)
        if arb is None:
            arb = lib.cpArbiterNew(ffi.cast("cpShape *", a), ffi.cast("cpShape *", b))
            arb.count = 0
            lib.cpSpaceAddCachedArbiter(space._space, arb)
        arb.contacts = contacts
        arb.count = count
        arb.state = NORMAL if count else state  # as the next step's start would leave it
        arb.processCollision = process
        arb.stamp = stamp - age
    for arb in current.values():  # contacts made after the snapshot: forget them
        arb.contacts = ffi.NULL
        arb.count = 0
        arb.state = CACHED
        arb.processCollision = 1
        arb.stamp = stamp - 1
    _KEEP_ALIVE[space] = keep


@functools.cache
def check_layouts() -> None:
    """Both layout checks, once a process: the world runs them before its first step (see World)."""
    check_body_layout()
    check_joint_layout()


def check_body_layout() -> None:
    """Fail loudly if pymunk's C body no longer has the layout this code reads and writes it at: mass and
    moment, position, velocity and the transform's translation (fighters write these themselves), the
    bias velocity (snapshots) and the list of the body's contacts (contacts.on_prop)."""
    space = pymunk.Space()
    space.gravity = (0.0, -900.0)
    floor = pymunk.Poly(space.static_body, [(-100, -50), (100, -50), (100, 0), (-100, 0)])
    body = pymunk.Body(3.0, 7.0)
    body.position, body.velocity = (1.5, 4.0), (2.5, -30.0)
    space.add(floor, body, pymunk.Poly.create_box(body, (10, 10)))
    d = _doubles(body)
    looks_right = (d[BODY_MASS], d[BODY_MASS + 2], d[BODY_P], d[BODY_V + 1], d[BODY_TRANSLATION],
                   d[BODY_TRANSLATION + 1]) == (3.0, 7.0, 1.5, -30.0, 1.5, 4.0)
    for _ in range(3):
        space.step(1 / 60)  # the box lands inside the floor: the solver leaves a bias velocity
    p, v = body.position, body.velocity
    bias = d[BODY_V_BIAS + 1]
    expected = p.y + (v.y + bias) / 60
    # the step's contacts, threaded through the body (contacts.on_prop walks them): the one with the floor
    first = ffi.cast("cpArbiter **", body._body)[BODY_ARBITERS]
    threaded = bool(first) and body._body in (first.body_a, first.body_b) and not (
        first.thread_a.next or first.thread_b.next)
    pymunk.Body.update_position(body, 1 / 60)
    if not (looks_right and threaded and bias > 0 and body.position.y == expected
            and d[BODY_V_BIAS + 1] == 0.0):
        raise RuntimeError(f"pymunk {pymunk.version}: the body's C layout is not the one fighters and snapshots "
                           "expect (game/sim/physics_state.py)")


# where each joint keeps its accumulated impulse, as doubles into its C struct (chipmunk_structs.h): the
# cpConstraint header is 13 words; springs keep nothing from one step to the next and are left out
IMPULSE_SLOTS: dict[type, tuple[int, ...]] = {
    pymunk.SlideJoint: (26,),  # after anchors, min, max, r1, r2, n, nMass: jnAcc
    pymunk.PinJoint: (25,),  # after anchors, dist, r1, r2, n, nMass: jnAcc
    pymunk.PivotJoint: (25, 26),  # after anchors, r1, r2, k (2x2): jAcc
}


def capture_joints(world: World) -> list[tuple[pymunk.Constraint, tuple[float, ...]]]:
    """Joints' accumulated impulses: like contacts, they warm-start the solver in the next step."""
    saved = []
    for joint in world.space.constraints:
        slots = IMPULSE_SLOTS.get(type(joint))
        if slots:
            d = ffi.cast("double *", joint._constraint)
            saved.append((joint, tuple(d[i] for i in slots)))
    return saved


def restore_joints(saved: tuple[tuple[pymunk.Constraint, tuple[float, ...]], ...]) -> None:
    for joint, impulse in saved:
        d = ffi.cast("double *", joint._constraint)
        for slot, value in zip(IMPULSE_SLOTS[type(joint)], impulse, strict=True):
            d[slot] = value


def check_joint_layout() -> None:
    """Fail loudly if pymunk's joints no longer keep their impulse where snapshots read it."""
    space = pymunk.Space()
    space.gravity = (0.0, -900.0)
    joints = []
    for kind in IMPULSE_SLOTS:
        body = pymunk.Body(2.0, 5.0)
        body.position = (0.0, -50.0)
        if kind is pymunk.SlideJoint:
            joint: pymunk.Constraint = pymunk.SlideJoint(space.static_body, body, (0, 0), (0, 0), 3.5, 40.0)
        elif kind is pymunk.PinJoint:
            joint = pymunk.PinJoint(space.static_body, body, (0, 0), (0, 0))
        else:
            joint = pymunk.PivotJoint(space.static_body, body, (0, -40), (0, 0))
        space.add(body, pymunk.Circle(body, 5), joint)
        joints.append(joint)
    for _ in range(3):
        space.step(1 / 60)
    for joint in joints:
        d = ffi.cast("double *", joint._constraint)
        impulse = math.hypot(*(d[i] for i in IMPULSE_SLOTS[type(joint)]))
        if not (impulse and math.isclose(impulse, joint.impulse, rel_tol=1e-12)):
            name = type(joint).__name__
            raise RuntimeError(f"pymunk {pymunk.version}: the {name}'s C layout is not the one snapshots expect")
