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

from dataclasses import dataclass, fields, is_dataclass
from typing import TYPE_CHECKING, Any

from game.sim.physics_state import PhysicsState, capture_physics, restore_physics

if TYPE_CHECKING:
    from game.sim.world import World

# attributes that are a fighter's or prop's identity: fixed for the fight, shared, never copied
FIGHTER_FIXED = frozenset({"id", "archetype", "spec", "book", "body", "shape", "width", "height", "reach", "mass"})
PROP_FIXED = frozenset({"id", "spec", "kind", "body", "shape", "reach"})
_IMMUTABLE = (int, float, str, bool, bytes, type(None), frozenset)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The fight at one tick; `World.restore` puts it back. Never changed after it is taken."""

    tick: int
    rng: int
    fighters: tuple[dict[str, Any], ...]  # each fighter's changing attributes (brain included)
    props: tuple[dict[str, Any], ...]
    phrases: dict[int, Any]  # the choreographer's phrases by fighter id
    events: tuple[Any, ...]  # this tick's events (frozen dataclasses)
    standing: tuple[int, ...]  # ids of the fighters standing at the start of the tick
    opponents: tuple[tuple[int, tuple[int, ...]], ...]
    carried: frozenset[int] | None
    physics: PhysicsState
    cast: tuple[Any, ...] = ()  # the Fighter objects themselves: waves add fighters as the fight goes on
    director: Any = None  # the wave director's state, when the world has one


def copy_value(value: Any) -> Any:
    """An independent copy of one piece of simulation state: immutable values are shared."""
    if isinstance(value, _IMMUTABLE):
        return value
    kind = type(value)
    if kind is tuple:
        return value if all(isinstance(v, _IMMUTABLE) for v in value) else tuple(copy_value(v) for v in value)
    if kind is list:
        return [copy_value(v) for v in value]
    if kind is set:
        return {copy_value(v) for v in value}
    if kind is dict:
        return {k: copy_value(v) for k, v in value.items()}
    params = getattr(kind, "__dataclass_params__", None)
    if params is not None and params.frozen:
        return value  # InputFrame, events, specs: frozen, safe to share
    if is_dataclass(value):
        copy = object.__new__(kind)
        for f in fields(value):
            object.__setattr__(copy, f.name, copy_value(getattr(value, f.name)))
        return copy
    if getattr(kind, "__module__", "").startswith("game.sim.moves"):
        return value  # compiled moves and hits: read-only tables
    return _copy_object(value)


def _copy_object(value: Any) -> Any:
    """A copy of a plain object (brain, input buffer, phrase, RNG) through its __dict__ or __slots__."""
    kind = type(value)
    copy = object.__new__(kind)
    if hasattr(value, "__dict__"):
        copy.__dict__.update({k: copy_value(v) for k, v in value.__dict__.items()})
    for klass in kind.__mro__:
        for name in getattr(klass, "__slots__", ()):
            if name != "__dict__" and hasattr(value, name):
                setattr(copy, name, copy_value(getattr(value, name)))
    return copy


def _changing(thing: Any, fixed: frozenset[str]) -> dict[str, Any]:
    return {k: copy_value(v) for k, v in thing.__dict__.items() if k not in fixed}


def take_snapshot(world: World) -> Snapshot:
    """Copy everything that decides the fight's future, as of now (between two ticks)."""
    return Snapshot(
        tick=world.tick,
        rng=world.rng.state,
        fighters=tuple(_changing(f, FIGHTER_FIXED) for f in world.fighters),
        props=tuple(_changing(p, PROP_FIXED) for p in world.props),
        phrases=copy_value(world.choreo.phrases),
        events=tuple(world.events),
        standing=tuple(f.id for f in world.standing),
        opponents=tuple((team, tuple(f.id for f in fs)) for team, fs in world._opponents.items()),
        carried=frozenset(world._carried) if world._carried is not None else None,
        physics=capture_physics(world),
        cast=tuple(world.fighters),
        director=world.director.state() if hasattr(world, "director") else None,
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
        fighter.__dict__.update({k: copy_value(v) for k, v in state.items()})
    for prop, state in zip(world.props, snapshot.props, strict=True):
        prop.__dict__.update({k: copy_value(v) for k, v in state.items()})
    world.choreo.phrases = copy_value(snapshot.phrases)
    world.events = list(snapshot.events)
    fighters = world.fighters
    world.standing = [fighters[i] for i in snapshot.standing]
    world._opponents = {team: [fighters[i] for i in ids] for team, ids in snapshot.opponents}
    world._carried = set(snapshot.carried) if snapshot.carried is not None else None
    if snapshot.director is not None:
        world.director.restore(snapshot.director)
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
    "grace", "grace_earned",
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
