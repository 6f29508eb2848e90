"""Physics props: crates, barrels, chairs to kick about (some break), and props that hang.

A hanging prop hangs by a chain (the chandelier) or on a spring (a neon sign). A hit on a chained prop,
or on its chain, cuts the chain: the prop falls and hurts whoever of the other side it lands on. A sign
on a spring swings about its anchor when it is hit, and a damped rotary spring settles it back upright.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pymunk

from game.data.levels import PropSpec
from game.sim import events as ev

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World

CRUSH_SPEED = 250.0  # px/s downward: a cut prop falling faster than this hurts whoever it lands on
CRUSH_DAMAGE_PER_KG = 3.0  # health taken per kg of the falling prop
CRUSH_MAX_DAMAGE = 600  # health: even a great chandelier takes no more
CRUSH_HITSTUN = 30  # ticks
CRUSH_HITSTOP = 10  # ticks: the crash freezes the moment
CRUSH_PUSH = (160.0, -240.0)  # px/s (out from under it, down) given to a weight-1 fighter it lands on
SPRING_SWING_DAMPING = 0.12  # 1/s per unit of damping: the default 8 halves a sign's swing in about 1.5 s


class Prop:
    """A dynamic pymunk body placed by the level."""

    def __init__(self, prop_id: int, spec: PropSpec) -> None:
        self.id = prop_id
        self.spec = spec
        self.kind = spec.kind
        w, h = spec.size
        if spec.shape == "round":
            radius = min(w, h) / 2
            moment = pymunk.moment_for_circle(spec.mass, 0, radius)
            self.body = pymunk.Body(spec.mass, moment)
            self.shape: pymunk.Shape = pymunk.Circle(self.body, radius)
            self.body.position = (spec.at[0], spec.at[1] + radius)
            self.top = (0.0, radius)  # where a hanging prop is held, in body coordinates
        else:
            moment = pymunk.moment_for_box(spec.mass, (w, h))
            self.body = pymunk.Body(spec.mass, moment)
            self.shape = pymunk.Poly.create_box(self.body, (w, h), radius=1)
            self.body.position = (spec.at[0], spec.at[1] + h / 2)
            self.top = (0.0, h / 2)
        self.shape.friction = 0.7
        self.shape.elasticity = 0.2
        self.shape.prop = self
        self.health = spec.health
        self.broken = False
        self.hanging = spec.hang is not None  # still held by its chain or spring
        self.cut_by: int | None = None  # the fighter whose hit cut its chain
        self.crushed: tuple[int, ...] = ()  # fighters it has landed on since it was cut
        self.x, self.y = self.body.position  # kept in step by the world after each physics step
        self.vx = self.vy = 0.0
        self.reach = math.hypot(w, h) / 2  # no part of the prop is further than this from its centre

    def held_at(self) -> tuple[float, float]:
        """The world point where its chain or spring holds it."""
        x, y = self.body.local_to_world(self.top)
        return (x, y)

    def state_tuple(self) -> tuple:
        b = self.body
        return (
            self.id, self.health, self.broken, tuple(b.position), tuple(b.velocity), b.angle, b.angular_velocity,
            self.hanging, self.cut_by, self.crushed,
        )


class Rigging:
    """The chains and springs props hang by, owned by the world: cutting chains and the crash that follows."""

    def __init__(self, space: pymunk.Space) -> None:
        self.space = space
        self.holds: dict[int, tuple[pymunk.Constraint, ...]] = {}  # prop id -> what holds it
        self.chained: list[Prop] = []  # props that hang by a chain, cut or not, in prop order

    def hang(self, prop: Prop) -> None:
        """Hang a prop from its anchor, as its spec says; a prop without `hang` is left alone."""
        hang = prop.spec.hang
        if hang is None:
            return
        static = self.space.static_body
        length = math.dist(hang.anchor, prop.held_at())
        if hang.by == "chain":
            holds: tuple[pymunk.Constraint, ...] = (
                pymunk.SlideJoint(static, prop.body, hang.anchor, prop.top, 0.0, length),
            )
            self.chained.append(prop)
        else:
            pivot = pymunk.PivotJoint(static, prop.body, hang.anchor)  # a stiff hanger: it swings about the anchor
            reach = math.dist(hang.anchor, (prop.x, prop.y))  # anchor to the prop's centre
            pivot_moment = prop.body.moment + prop.spec.mass * reach**2
            upright = pymunk.DampedRotarySpring(
                static, prop.body, 0.0, hang.stiffness * length**2, pivot_moment * hang.damping * SPRING_SWING_DAMPING
            )
            holds = (pivot, upright)
        self.holds[prop.id] = holds
        self.space.add(*holds)

    def struck(self, world: World, attacker: Fighter, prop: Prop) -> None:
        """A hit landed on the prop itself: a chain that hits may cut is cut."""
        hang = prop.spec.hang
        if prop.hanging and hang is not None and hang.by == "chain" and hang.cut_by_hits:
            self.cut(world, prop, attacker.id)

    def cut(self, world: World, prop: Prop, by: int) -> None:
        """Cut the chain: the prop falls."""
        holds = self.holds.get(prop.id, ())
        if prop.hanging and holds:
            self.space.remove(*holds)
        prop.hanging = False
        prop.cut_by = by
        x, y = prop.held_at()
        world.emit(ev.ChainCut(world.tick, prop.id, by, x, y))

    def step(self, world: World) -> None:
        """Once a tick after hits: chains struck along their length are cut; falling props crush."""
        for prop in self.chained:
            if prop.broken:
                continue
            if prop.hanging:
                hang = prop.spec.hang
                assert hang is not None
                attacker = _striking_the_chain(world, hang.anchor, prop.held_at()) if hang.cut_by_hits else None
                if attacker is not None:
                    self.cut(world, prop, attacker.id)
            elif prop.cut_by is not None and prop.vy < -CRUSH_SPEED:
                _crush(world, prop)

    def sync(self, props: list[Prop]) -> None:
        """Make the space hold exactly the chains of props still hanging (after a snapshot is restored)."""
        for prop in props:
            holds = self.holds.get(prop.id, ())
            for constraint in holds:
                present = constraint in self.space.constraints
                if prop.hanging and not present:
                    self.space.add(constraint)
                elif not prop.hanging and present:
                    self.space.remove(constraint)


def _striking_the_chain(world: World, anchor: tuple[float, float], end: tuple[float, float]) -> Fighter | None:
    """The first fighter (by id) whose active hitbox touches the chain from `anchor` to `end`."""
    left, right = min(anchor[0], end[0]), max(anchor[0], end[0])
    for fighter in world.fighters:
        if fighter.state != "move" or fighter.hitstop:
            continue
        for box in fighter.active_hitboxes():
            if box[0] <= right and box[2] >= left and segment_touches_box(anchor, end, box):
                return fighter
    return None


def segment_touches_box(a: tuple[float, float], b: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether the segment a-b crosses or lies in the box (x0, y0, x1, y1): Liang-Barsky clipping."""
    t0, t1 = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for p, q in ((-dx, a[0] - box[0]), (dx, box[2] - a[0]), (-dy, a[1] - box[1]), (dy, box[3] - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _crush(world: World, prop: Prop) -> None:
    """A cut prop falling fast lands on the fighters of the other side beneath it."""
    cutter = world.fighters[prop.cut_by] if prop.cut_by is not None else None
    bb = prop.shape.bb
    reach_down = -prop.vy / 30.0  # px: where it will be within two ticks, so a body it lands on counts
    for target in world.fighters:
        if target.state == "ko" or target.invulnerable or target.id in prop.crushed:
            continue
        if cutter is not None and target.team == cutter.team:
            continue
        x0, y0, x1, y1 = target.hurtbox()
        if x0 < bb.right and bb.left < x1 and y0 < bb.top and bb.bottom - reach_down < y1:
            prop.crushed = (*prop.crushed, target.id)
            _land_crash(world, prop, target, cutter)


def _land_crash(world: World, prop: Prop, target: Fighter, cutter: Fighter | None) -> None:
    damage = min(CRUSH_MAX_DAMAGE, round(prop.spec.mass * CRUSH_DAMAGE_PER_KG))
    if target.spec.regenerates:
        damage = min(damage, target.health - 1)
    target.health -= damage
    target.move = None
    target.running = False
    target.buffer.clear()
    side = 1 if target.x >= prop.x else -1
    vx, vy = CRUSH_PUSH[0] * side / target.spec.weight, CRUSH_PUSH[1] / target.spec.weight
    by = cutter.id if cutter is not None else target.id
    if target.health <= 0:
        target.health = 0
        target.set_state("ko")
        world.emit(ev.KO(world.tick, target.id, by, target.x, target.y))
    else:
        target.set_state("juggle")  # beaten to the floor: the landing that follows knocks her down
        target.stun = CRUSH_HITSTUN
    target.grounded = False
    target.state_ticks = 0
    target.pending_knockback = (vx * target.mass, vy * target.mass)
    target.hitstop = max(target.hitstop, CRUSH_HITSTOP)
    x, y = target.x, min(target.hurtbox()[3], prop.shape.bb.bottom)
    world.emit(
        ev.Hit(
            world.tick, by, target.id, prop.kind, 0, damage, CRUSH_HITSTUN, CRUSH_HITSTOP, "spike", x, y,
            math.hypot(vx, vy), 1, damage, False, False,
        )
    )
