"""Slopes: platforms with a tilted top (`rise`) that fighters stand on and walk up and down.

pymunk alone would let a frictionless fighter slide down any slope and hop down it in little falls.
So a fighter on a slope is held to it: weightless there, its vertical speed follows the surface, and
after each step its feet are set on the top under it. Props need none of this: friction holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pymunk

from game.data.levels import PlatformSpec

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World

SLOPE_SINK = 24.0  # px below the surface at which a fighter is still lifted onto it (a step up a ramp's foot)
SLOPE_SNAP = 4.0  # px above the surface at which a standing fighter is still held to it
SLOPE_RISING = 120.0  # px/s: moving away from the surface faster than this (a jump, a launch) lets go
LEAVING_STATES = ("jump", "juggle", "move")  # states in which a fighter may be rising off the ground
SLOPE = 5  # collision type of a solid slope (game/sim/world.py numbers the others 1 to 4)
FIGHTER = 3  # game.sim.world.FIGHTER (not imported: the world imports this module)
SLOPE_GRIP = 1.0  # friction of a fighter's feet on a slope: a landing there does not skid downhill


@dataclass(frozen=True, slots=True)
class Slope:
    """The tilted top edge of one platform, from (x0, top0) to (x1, top0 + gradient * (x1 - x0))."""

    x0: float
    x1: float
    top0: float
    gradient: float  # px up per px to the right
    one_way: bool

    def top_at(self, x: float) -> float:
        """The surface's height at x (clamped to the platform's ends)."""
        return self.top0 + self.gradient * (min(max(x, self.x0), self.x1) - self.x0)

    def under(self, x: float, half: float) -> float | None:
        """Where the flat feet of a body `2 * half` wide centred on x rest: the surface's highest point
        beneath them; None when they are not over this slope at all."""
        if not self.x0 - half < x < self.x1 + half:
            return None
        return self.top_at(x + half if self.gradient > 0 else x - half)


def add_slope(world: World, platform: PlatformSpec, one_way_type: int) -> Slope:
    """Build a sloped platform's static shape in the world's space and return its surface."""
    if not world.slopes:
        world.space.on_collision(FIGHTER, SLOPE, pre_solve=grip)
    x, y, w, h = platform.rect
    rise = platform.rise
    shape = pymunk.Poly(world.space.static_body, [(x, y), (x + w, y), (x + w, y + h + rise), (x, y + h)])
    shape.friction = 0.8
    shape.elasticity = 0.5
    shape.collision_type = one_way_type if platform.one_way else SLOPE
    slope = Slope(x, x + w, y + h, rise / w, platform.one_way)
    shape.top = max(y + h, y + h + rise)
    shape.slope = slope  # the one-way rule reads the top under the body from it
    shape.material = platform.material
    world.space.add(shape)
    return slope


def grip(arbiter: pymunk.Arbiter, space: pymunk.Space, data: object) -> None:
    """Feet grip a slope (a fighter's own shape has no friction, so she is not dragged along floors)."""
    arbiter.friction = SLOPE_GRIP


def _surface(world: World, fighter: Fighter) -> tuple[Slope, float] | None:
    """The slope a fighter stands on and the height of its top under her feet, if she stands on one."""
    x, y, vx, vy = fighter.x, fighter.y, fighter.vx, fighter.vy
    half = fighter.width / 2
    best: tuple[Slope, float] | None = None
    for slope in world.slopes:
        top = slope.under(x, half)
        if top is None or not -SLOPE_SINK < y - top < SLOPE_SNAP + abs(slope.gradient * vx) / 30.0:
            continue
        if slope.one_way and (fighter.drop_through > 0 or y - top < -6.0):
            continue  # dropping through, or below a one-way top: it carries nobody from beneath
        if fighter.state in LEAVING_STATES and vy - slope.gradient * vx > SLOPE_RISING:
            continue
        if best is None or top > best[1]:
            best = (slope, top)
    return best


def on_slope(world: World, fighter: Fighter) -> bool:
    """The ground check for slopes: True when she stands on one; her feet are then set on its top."""
    found = _surface(world, fighter)
    if found is None:
        return False
    if fighter.y != found[1]:
        fighter.sunk_into = found[1]  # the world puts her feet there after the fighter's own update
    return True


def on_one_way_slope(world: World, fighter: Fighter) -> bool:
    """True when she stands on a sloped one-way platform she could drop through."""
    found = _surface(world, fighter)
    return found is not None and found[0].one_way


def hold_on_slopes(world: World) -> None:
    """Before the physics step: fighters standing on a slope are weightless and follow its surface."""
    gravity = world.gravity
    for fighter in world.fighters:
        if not fighter.grounded or fighter.frozen_at is not None:
            continue
        found = _surface(world, fighter)
        if found is None:
            continue
        slope = found[0]
        fighter.body.force = (0.0, fighter.mass * gravity)  # cancels gravity for this step only
        if fighter.vy - slope.gradient * fighter.vx <= SLOPE_RISING:
            fighter.set_velocity(fighter.vx, slope.gradient * fighter.vx)
