"""What carries whom: bodies read back from pymunk after each step, fighters standing on platforms, slopes
and props, and the one-way platforms that carry what lands on them and let through what rises.

The batch read of a tick calls Chipmunk's iterator straight into a pymunk.batch buffer's arrays and
unpacks them as a list in one call (pymunk.batch's own wrappers cost a third of the read); whether a
fighter rests on a prop is read from the contacts Chipmunk threads through her body, in C memory; and the
one-way test calls Chipmunk's getters directly: these are the hottest paths of a crowded tick. They lean
on pymunk 7.3's internals (`Space._space`, `Arbiter._arbiter`, the `pm*Batched` iterator functions, the
C body's layout): a pymunk upgrade that moves them fails physics_state.check_body_layout and the first
test that steps a world.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import pymunk
import pymunk.batch
from pymunk._chipmunk import ffi
from pymunk._chipmunk import lib as pymunk_lib

from game.sim.bounds import GROUND_SNAP, OUT_OF_BOUNDS, PROP_MAX_SPEED, keep_in_level
from game.sim.fighter import Fighter
from game.sim.physics_state import BODY_ARBITERS
from game.sim.props import Prop
from game.sim.slopes import SLOPE_GRIP, on_one_way_slope, on_slope

if TYPE_CHECKING:
    from game.sim.world import World

GROUND_NORMAL = 0.5  # a contact whose normal points this much up carries a fighter
ONE_WAY_DEPTH = 6.0  # px below a one-way top at which the platform still carries (see one_way)
RISING_STATES = ("jump", "juggle", "move")  # states in which a rising body is not standing on what it touches

# what the batch read of a tick asks pymunk for (combined once: enum flags are slow to `|`)
_BODY_FIELDS = pymunk.batch.BodyFields.BODY_ID | pymunk.batch.BodyFields.POSITION | pymunk.batch.BodyFields.VELOCITY
_EACH_BODY = pymunk_lib.cpSpaceEachBody
_BODIES_BATCHED = ffi.addressof(pymunk_lib, "pmSpaceBodyGetIteratorFuncBatched")
_unpack, _buffer = ffi.unpack, ffi.buffer
_ID_BYTES = ffi.sizeof("uintptr_t")  # a body id in a batch read is its C address
_GET_SHAPES, _SET_PROCESS = pymunk_lib.cpArbiterGetShapes, pymunk_lib.cpArbiterSetProcessCollision
_GET_POSITION, _GET_VELOCITY = pymunk_lib.cpBodyGetPosition, pymunk_lib.cpBodyGetVelocity
_GET_BODY, _GET_BB = pymunk_lib.cpShapeGetBody, pymunk_lib.cpShapeGetBB
_ARBITER_LISTS = ffi.typeof("cpArbiter **")


def _batched_query(fields, buffer: pymunk.batch.Buffer):  # type: ignore[no-untyped-def]
    """What pymunk.batch's get_space_bodies builds on each call, built once."""
    query = ffi.new("pmBatchedData *")
    query.fields = fields.value
    query.floatArray = buffer._float_arr
    query.intArray = buffer._int_arr
    return query


class BodyReader:
    """One world's batch reads: the buffer, the queries built once, and the bodies of the last read.

    Nothing here decides the future (a snapshot need not copy it): it is a cache of where to find things.
    """

    def __init__(self) -> None:
        self._batch = pymunk.batch.Buffer()
        self._ints, self._floats = self._batch._int_arr, self._batch._float_arr
        self._body_query = _batched_query(_BODY_FIELDS, self._batch)
        self.arbiter_shapes = (ffi.new("cpShape *[1]"), ffi.new("cpShape *[1]"))  # for one_way
        self._ids = b""  # the bodies of the last batch read, in the space's order (their ids' bytes) ...
        self._things: list[Fighter | Prop | None] = []  # ... the fighter or prop of each
        self.fighters: list[tuple[Fighter, int]] = []
        self.props: list[tuple[Prop, int]] = []
        self.prop_bodies: set = set()  # the C bodies of the props among them, for on_prop ...
        self.arbiter_lists: dict = {}  # ... and each fighter's C body seen as pointers, to find its contacts

    def read(self, world: World) -> list[float]:
        """Read every body's position and velocity from pymunk in one batch call: x, y, vx, vy each, at
        the offsets `fighters` and `props` give. The fighters' are left to the caller, which compares
        them with where the step began (World._after_physics); `sync_props` takes the props'."""
        ints, floats = self._ints, self._floats
        ints.num = floats.num = 0
        _EACH_BODY(world.space._space, _BODIES_BATCHED, self._body_query)
        count = ints.num
        raw_ids = _buffer(ints.arr, count * _ID_BYTES)[:]  # compared as bytes: cheaper than as a list
        if raw_ids != self._ids:  # the bodies in the space changed: look them up again, once
            get = world._by_body_id.get
            self._ids = raw_ids
            ids = _unpack(ints.arr, count)
            self._things = [get(body_id) for body_id in ids]  # holding them keeps their ids unique
            # each fighter (in id order, as the tick handles them) and prop with where its four numbers
            # start in the batch
            self.fighters = sorted(((t, 4 * i) for i, t in enumerate(self._things) if type(t) is Fighter),
                                   key=lambda pair: pair[0].id)
            self.props = [(t, 4 * i) for i, t in enumerate(self._things) if type(t) is Prop]
            self.prop_bodies = {prop.body._body for prop, _ in self.props}
            self.arbiter_lists = {fighter.id: ffi.cast(_ARBITER_LISTS, fighter.body._body)
                                  for fighter, _ in self.fighters}
        return cast(list[float], memoryview(_buffer(floats.arr, floats.num * 8)).cast("d").tolist())

    def sync_props(self, world: World, values: list[float]) -> None:
        """Take the props' positions and velocities from a `read`, and put strays back in the level."""
        # with walls, a prop's centre past a wall's face has gone into it (or over it): held like fighters
        width = world.width
        left, right = (0.0, width) if world.level.walls else (-OUT_OF_BOUNDS, width + OUT_OF_BOUNDS)
        bottom, fast = world.bottom, PROP_MAX_SPEED  # fighters are held to MAX_SPEED by the step
        strays = []
        for prop, at in self.props:
            prop.x, prop.y, prop.vx, prop.vy = x, y, vx, vy = values[at:at + 4]
            if not (left < x < right and y > bottom and -fast < vx < fast and -fast < vy < fast):  # NaN fails too
                strays.append(prop)
        for prop in strays:
            keep_in_level(world, prop)


def grounded(world: World, fighter: Fighter) -> bool:
    """Whether the fighter stands on something after this step: a slope, a platform's top or a prop."""
    if world.slopes and on_slope(world, fighter):
        return True
    if fighter.vy > 1.0 and fighter.state in RISING_STATES:
        return False  # rising: touching a ledge from below is not standing on it
    x, y = fighter.x, fighter.y
    half = fighter.width / 2
    for x0, x1, top, depth, one_way in world._standing_tops:
        if x0 - half < x < x1 + half and GROUND_SNAP > y - top > -depth and (
            not one_way or fighter.drop_through == 0
        ):
            if y < top - GROUND_SNAP:
                fighter.sunk_into = top
            return True
    return on_prop(world, fighter)


def on_prop(world: World, fighter: Fighter) -> bool:
    """Whether the last physics step found the fighter resting on a prop (a crate, a bench): a contact
    with one whose normal points up at her.

    Asked only of fighters over no platform. Chipmunk threads each step's contacts through the bodies
    they touch; the fighter's own (usually one or two) are walked straight in C memory.
    """
    reader = world.reader
    body = fighter.body._body
    props = reader.prop_bodies
    arbiter = reader.arbiter_lists[fighter.id][BODY_ARBITERS]
    while arbiter:
        if arbiter.body_a == body:  # the normal points from body A to body B: down when she is A on top
            if arbiter.n.y < -GROUND_NORMAL and arbiter.body_b in props:
                return True
            arbiter = arbiter.thread_a.next
        else:
            if arbiter.n.y > GROUND_NORMAL and arbiter.body_a in props:
                return True
            arbiter = arbiter.thread_b.next
    return False


def on_one_way(world: World, fighter: Fighter) -> bool:
    """True when the fighter stands on a one-way platform it could drop through."""
    for shape in world.one_way_shapes:
        bb = shape.cache_bb()
        if bb.left <= fighter.x <= bb.right and abs(fighter.y - shape.top) < 4.0:
            return True
    return bool(world.slopes) and on_one_way_slope(world, fighter)


def one_way(world: World, arbiter: pymunk.Arbiter) -> None:
    """A one-way platform carries what comes down onto its top and lets through what rises into it.

    Called for every contact with one in every step, so it skips pymunk's wrappers: the shapes are
    found by their C pointers (the world keeps its fighters' and one-way tops' by them), a fighter's
    position and velocity are read from her C body's doubles, and a prop's from Chipmunk's getters.
    """
    arb = arbiter._arbiter
    shapes = world.reader.arbiter_shapes
    _GET_SHAPES(arb, shapes[0], shapes[1])
    mover = shapes[0][0]
    fighter = world.fighter_shapes.get(mover)
    if fighter is not None:
        if fighter.drop_through > 0:
            _SET_PROCESS(arb, False)
            return
        position = fighter._c_position
        x, bottom, vy = position[0], position[1], fighter._c_velocity[1]
    else:  # a prop
        body = _GET_BODY(mover)
        x, bottom, vy = _GET_POSITION(body).x, _GET_BB(mover).b, _GET_VELOCITY(body).y
    top, slope = world.one_way_tops[shapes[1][0]]
    if slope is not None:
        top = slope.top_at(x)
        arbiter.friction = SLOPE_GRIP  # feet grip a slope: a landing there does not skid
    if vy > 0 or bottom < top - ONE_WAY_DEPTH:
        _SET_PROCESS(arb, False)
