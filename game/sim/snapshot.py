"""Snapshots: the whole fight frozen at one tick, to roll back to and play forward again identically.

A Snapshot is an independent copy: the world may run on, be restored to it, run on differently and be
restored again, as often as wanted. Restoring makes the future bit-identical to the one that followed
the moment it was taken (see `tests/test_snapshots.py` and `python main.py synctest`).

What is copied: the tick, the RNG, every fighter's whole state machine (input buffer, combo, landed
hits, timers, grace), brains, props (health, broken or not), the choreographer's phrases, this tick's
events, and the physics: every dynamic body's position, angle, velocities and force, plus the solver's
hidden per-body bias velocity and the space's cached contacts (see `game/sim/physics_state.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from game.sim.inputs import InputBuffer, Press
from game.sim.physics_state import PhysicsState, capture_physics, restore_physics

if TYPE_CHECKING:
    from game.sim.world import World

# specs (game.data), compiled moves and pymunk's bodies and shapes are an object's identity: shared
SHARED_MODULES = ("game.data", "game.sim.moves", "pymunk", "_cffi_backend")  # cffi: pointers into C bodies
_SCALARS = frozenset({int, float, str, bool, bytes, type(None), frozenset})  # shared, never copied


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The fight at one tick; `World.restore` puts it back. Never changed after it is taken."""

    tick: int
    rng: int
    fighters: tuple[Changing, ...]  # each fighter's changing attributes (brain included)
    props: tuple[Changing, ...]
    phrases: dict[int, Any]  # the choreographer's phrases by fighter id
    events: tuple[Any, ...]  # this tick's events (frozen dataclasses)
    standing: tuple[int, ...]  # ids of the fighters standing at the start of the tick
    opponents: tuple[tuple[int, tuple[int, ...]], ...]
    physics: PhysicsState
    cast: tuple[Any, ...] = ()  # the Fighter objects themselves: waves add fighters as the fight goes on
    director: Any = None  # the wave director's state, when the world has one
    systems: tuple[Any, ...] = ()  # the world's systems (attack tokens, bullets...), copied whole


Changing = tuple[dict[str, Any], tuple[str, ...]]  # the attributes, and which of them are mutable objects


def copy_value(value: Any) -> Any:
    """An independent copy of one piece of simulation state: immutable values are shared."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    copier = _COPIERS.get(kind)
    if copier is None:
        copier = _COPIERS[kind] = _copier_for(kind)
    return copier(value)


def _copy_tuple(value: tuple) -> tuple:
    for v in value:
        if type(v) not in _SCALARS:
            return tuple(copy_value(v) for v in value)
    return value


def _copier_for(kind: type) -> Callable[[Any], Any]:
    """How to copy values of one type, worked out once per type."""
    if kind is tuple:
        return _copy_tuple
    if kind is list:
        return lambda value: [copy_value(v) for v in value]
    if kind is set:
        return set  # elements of a set are hashable: immutable values (landed hits are id pairs)
    if kind is InputBuffer:
        return _copy_buffer
    if kind is dict:
        return lambda value: {k: copy_value(v) for k, v in value.items()}
    if _shares(kind):
        return lambda value: value  # InputFrame, events, specs, compiled moves: read-only, shared
    slots = tuple(
        name for klass in kind.__mro__ for name in getattr(klass, "__slots__", ())
        if name not in ("__dict__", "__weakref__")
    )
    has_dict = not hasattr(kind, "__slots__") or any("__dict__" in getattr(k, "__slots__", ()) for k in kind.__mro__)
    missing = object()

    def copy_object(value: Any) -> Any:  # a brain, input buffer, press, combo, phrase, RNG
        copy: Any = object.__new__(kind)
        if has_dict:
            copy.__dict__.update(_changing(value)[0])
        for name in slots:
            attribute = getattr(value, name, missing)
            if attribute is not missing:
                object.__setattr__(copy, name, copy_value(attribute))
        return copy

    return copy_object


_COPIERS: dict[type, Callable[[Any], Any]] = {}

# the input buffer is copied for every fighter in every snapshot and restore: by hand, for speed
assert InputBuffer.__slots__ == ("previous", "presses", "last_tap", "run_tapped"), "update _copy_buffer"
assert [f.name for f in fields(Press)] == ["tick", "button", "direction", "horizontal"], "update _copy_buffer"


def _copy_buffer(buffer: InputBuffer) -> InputBuffer:
    copy = InputBuffer.__new__(InputBuffer)
    copy.previous = buffer.previous
    copy.presses = [Press(p.tick, p.button, p.direction, p.horizontal) for p in buffer.presses]
    copy.last_tap = buffer.last_tap
    copy.run_tapped = buffer.run_tapped
    return copy


def _shares(kind: type) -> bool:
    """Whether values of this type are shared rather than copied (frozen or read-only tables)."""
    params = getattr(kind, "__dataclass_params__", None)
    return (params is not None and params.frozen) or kind.__module__.startswith(SHARED_MODULES)


# which attributes need a copy, by the names and types an object's attributes have: worked out once
_PLANS: dict[tuple, tuple[str, ...]] = {}


def _changing(thing: Any) -> Changing:
    """Copy an object's attributes, noting which are mutable objects (copied again on each restore).

    Identity attributes (id, spec, body, shape) are kept as they are: putting them back changes nothing.
    """
    state = thing.__dict__.copy()
    signature = (tuple(state), tuple(map(type, state.values())))
    mutable = _PLANS.get(signature)
    if mutable is None:
        mutable = _PLANS[signature] = tuple(k for k, v in state.items() if type(v) not in _SCALARS
                                            and not _shares(type(v)))
    for key in mutable:
        state[key] = copy_value(state[key])
    return state, mutable


def _put_back(thing: Any, changing: Changing) -> None:
    state, mutable = changing
    attributes = thing.__dict__
    attributes.update(state)
    for key in mutable:
        attributes[key] = copy_value(state[key])


def take_snapshot(world: World) -> Snapshot:
    """Copy everything that decides the fight's future, as of now (between two ticks)."""
    return Snapshot(
        tick=world.tick,
        rng=world.rng.state,
        fighters=tuple(map(_changing, world.fighters)),
        props=tuple(map(_changing, world.props)),
        phrases=copy_value(world.choreo.phrases),
        events=tuple(world.events),
        standing=tuple(f.id for f in world.standing),
        opponents=tuple((team, tuple(f.id for f in fs)) for team, fs in world._opponents.items()),
        physics=capture_physics(world),
        cast=tuple(world.fighters),
        director=world.director.state() if hasattr(world, "director") else None,
        systems=tuple(copy_value(system) for system in world.systems),
    )


def restore_snapshot(world: World, snapshot: Snapshot) -> None:
    """Put the world back exactly as it was when `snapshot` was taken; the snapshot stays reusable."""
    if len(snapshot.props) != len(world.props):
        raise ValueError(f"snapshot of {len(snapshot.props)} props cannot be restored into a world of "
                         f"{len(world.props)} props")
    _restore_cast(world, snapshot)
    world.tick = snapshot.tick
    world.rng.state = snapshot.rng
    for fighter, state in zip(world.fighters, snapshot.fighters, strict=True):
        _put_back(fighter, state)
    for prop, state in zip(world.props, snapshot.props, strict=True):
        _put_back(prop, state)
    world.choreo.phrases = copy_value(snapshot.phrases)
    world.events = list(snapshot.events)
    fighters = world.fighters
    world.standing = [fighters[i] for i in snapshot.standing]
    world._opponents = {team: [fighters[i] for i in ids] for team, ids in snapshot.opponents}
    if snapshot.director is not None:
        world.director.restore(snapshot.director)
    world.systems = [copy_value(system) for system in snapshot.systems]
    restore_physics(world, snapshot.physics)


def _restore_cast(world: World, snapshot: Snapshot) -> None:
    """Take out fighters that came after the snapshot (a wave), bring back those it had."""
    cast = list(snapshot.cast)
    if not cast or world.fighters == cast:
        return
    keep = set(map(id, cast))
    for fighter in world.fighters:
        if id(fighter) not in keep and fighter.body.space is not None:
            world.space.remove(fighter.body, fighter.shape)
            world._by_body_id.pop(fighter.body.id, None)
            world.fighter_shapes.pop(fighter.shape._shape, None)
    world.fighters[:] = cast


def describe_state(world: World) -> dict[str, Any]:
    """The state hash's contents as named parts, for saying WHICH part of two fights differs."""
    fighters = {}
    for fighter in world.fighters:
        body = fighter.body
        brain_state = getattr(fighter.brain, "state", None)
        values = fighter.state_tuple()
        names = FIGHTER_STATE_NAMES + tuple(f"field {i}" for i in range(len(FIGHTER_STATE_NAMES), len(values)))
        fields_ = dict(zip(names, values, strict=False))
        fighters[f"fighter {fighter.id} ({fighter.archetype})"] = {
            "position": list(body.position),
            "velocity": list(body.velocity),
            **{name: _plain(value) for name, value in fields_.items()},
            "brain": _plain(brain_state()) if brain_state else None,
        }
    props = {}
    for prop in world.props:
        body = prop.body
        extra = prop.state_tuple()[len(PROP_STATE_NAMES):]  # fields added since, if any, by position
        props[f"prop {prop.id} ({prop.kind})"] = {
            "health": prop.health, "broken": prop.broken, "position": list(body.position),
            "velocity": list(body.velocity), "angle": body.angle, "angular velocity": body.angular_velocity,
            **{f"field {i}": _plain(v) for i, v in enumerate(extra, len(PROP_STATE_NAMES))},
        }
    return {
        "tick": world.tick,
        "rng": world.rng.state,
        "choreographer": _plain(world.choreo.state()),
        "fighters": fighters,
        "props": props,
    }


# the names of Prop.state_tuple()'s and Fighter.state_tuple()'s first fields, in order
PROP_STATE_NAMES = ("id", "health", "broken", "position", "velocity", "angle", "angular velocity")
FIGHTER_STATE_NAMES = (
    "id", "state", "state_ticks", "move", "move_frame", "landed_hits", "connected", "stun", "hitstop",
    "pending_knockback", "grounded", "air_ticks", "juggle_points", "combo", "drop_through", "running",
    "neutral_ticks", "step_ticks", "facing", "health", "frozen_at", "frozen_velocity", "buffer", "held",
    "grace", "grace_earned", "guard_pressed", "counter_until",
)


def _plain(value: Any) -> Any:
    """JSON-ready: tuples become lists, all the way down."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def differences(a: Any, b: Any, path: str = "") -> list[str]:
    """Where two described states differ, as key paths with both values: `fighters/fighter 3/velocity`."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in list(a) + [k for k in b if k not in a]:
            where = f"{path}/{key}" if path else str(key)
            if key not in a or key not in b:
                found.append(f"{where}: only in {'the first' if key in a else 'the second'}")
            else:
                found += differences(a[key], b[key], where)
        return found
    if a != b or repr(a) != repr(b):  # repr tells 0.0 from -0.0, as the hash does
        return [f"{path}: {a!r} != {b!r}"]
    return []
