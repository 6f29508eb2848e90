"""Keeping bodies in the level: speed caps, walls held exactly, fast falls caught on solid tops, fighters
eased out of the sides of blocks, and strays put back with an event and a log line.

pymunk alone lets a body driven into a wall or a block every tick sink a little further each step, and
resolves a deep overlap at a block's corner sideways; these rules keep every fight inside its level
whatever a move file asks for (tests/test_physics_sanity.py launches a thousand bodies at them).
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from game.sim import events as ev
from game.sim.fighter import Fighter
from game.sim.props import Prop

if TYPE_CHECKING:
    from game.sim.world import World

OUT_OF_BOUNDS = 400.0  # px beyond the level's edges that count as having left it
# px/s along each axis: no fighter moves faster (a fall from 1100 px up reaches it), so one tick's travel
# (40 px) is a fifth of a wall's thickness and nobody tunnels, whatever knockback a move file asks for
MAX_SPEED = 2400.0
# px/s along each axis for props: 25 px a tick, so a crate flung into a block's side or corner overlaps
# it by less than half its own size and pymunk pushes it back out the way it came, not through
PROP_MAX_SPEED = 1500.0
WALL_BOUNCE_SPEED = 200.0  # px/s: a fighter flung into a wall faster than this bounces off it
WALL_RESTITUTION = 0.55  # of its speed a fighter keeps bouncing off a wall
BOUNCING_STATES = ("hitstun", "juggle", "ko")  # states in which a body is flung rather than walking
GROUND_SNAP = 1.5  # px above a platform top at which a fighter stands on it
SINK_DEPTH = 24.0  # px a hard landing may sink into solid ground for a step before physics pushes it out
LOG = logging.getLogger("ballerina.sim")  # bodies put back into the level are reported here


def put_back(world: World, fighter: Fighter) -> None:
    """A fighter left the level (or its numbers broke): put it back at a safe place and say so."""
    x, y = fighter.x, fighter.y
    sx, sy = world.level.spawn
    fighter.place(min(max(x if math.isfinite(x) else sx, 60.0), world.width - 60.0), sy + 40.0)
    fighter.set_velocity(0.0, 0.0)
    fighter.vx = fighter.vy = 0.0
    fighter.body.velocity = (0.0, 0.0)
    fighter.body.angular_velocity = fighter.body.angle = 0.0  # a NaN angle would make its position NaN
    fighter.place(fighter.x, fighter.y)
    world.space.reindex_shapes_for_body(fighter.body)
    world.emit(ev.OutOfBounds(world.tick, fighter.id, fighter.x, fighter.y))
    LOG.warning("tick %d: fighter %d (%s) left the level at (%.6g, %.6g); put back at (%.0f, %.0f)",
                world.tick, fighter.id, fighter.archetype, x, y, fighter.x, fighter.y)


def keep_in_level(world: World, prop: Prop) -> None:
    """A prop flung faster than MAX_SPEED is slowed to it, one pushed into a wall is set back against
    its face, and one that left the level is put back."""
    x, y = prop.x, prop.y
    if -OUT_OF_BOUNDS < x < world.width + OUT_OF_BOUNDS and y > world.bottom:
        prop.vx, prop.vy = capped(prop.vx, PROP_MAX_SPEED), capped(prop.vy, PROP_MAX_SPEED)
        if world.level.walls and not 0.0 < x < world.width:
            prop.x = min(max(x, prop.reach), world.width - prop.reach)
            prop.vx = -prop.vx * WALL_RESTITUTION
            prop.body.position = (prop.x, y)
            world.space.reindex_shapes_for_body(prop.body)
        prop.body.velocity = (prop.vx, prop.vy)
        return
    sx, sy = world.level.spawn
    body = prop.body
    body.angular_velocity = body.angle = 0.0  # first: a NaN angle would make the new position NaN
    body.velocity = (0.0, 0.0)
    body.position = (min(max(x if math.isfinite(x) else sx, 60.0), world.width - 60.0), sy + 40.0 + prop.reach)
    prop.x, prop.y = body.position
    prop.vx = prop.vy = 0.0
    world.space.reindex_shapes_for_body(body)
    world.emit(ev.PropOutOfBounds(world.tick, prop.id, prop.x, prop.y))
    LOG.warning("tick %d: prop %d (%s) left the level at (%.6g, %.6g); put back at (%.0f, %.0f)",
                world.tick, prop.id, prop.kind, x, y, prop.x, prop.y)


def catch_fall(world: World, fighter: Fighter, before: tuple[float, float]) -> None:
    """A fighter falling fast whose feet passed a solid top this tick stands on it instead.

    pymunk resolves a deep overlap along its shortest way out, which at a block's corner (a stage's
    edge above a pit) can be sideways: the body then slides down through the floor.
    """
    x, y, half = fighter.x, fighter.y, fighter.width / 2
    x_before, y_before = before
    for x0, x1, top, one_way in world.tops:
        if not one_way and y < top <= y_before + GROUND_SNAP and x0 - half < x_before < x1 + half:
            fighter.place(x_before if not x0 - half < x < x1 + half else x, top)
            fighter.set_velocity(fighter.vx, 0.0)
            return


def eject_from_blocks(world: World) -> None:
    """Set a fighter walked or pushed into the side of a solid block back against its face.

    Like the level's walls, pymunk lets a body driven into a block every tick sink a little further
    each step; deep enough, the block's nearest way out is down through its bottom (the opera's stage
    edge above the pit dropped fighters out of the level).
    """
    for fighter in world.fighters:
        x, y, half = fighter.x, fighter.y, fighter.width / 2
        for x0, x1, bottom, top in world.blocks:
            if not (x0 - half < x < x1 + half and bottom - fighter.height < y < top - SINK_DEPTH):
                continue
            sideways = min(x + half - x0, x1 - x + half)
            if sideways < min(top - y, y + fighter.height - bottom):  # not a head bump or a landing
                fighter.place(x0 - half if x - x0 < x1 - x else x1 + half, y)
                fighter.set_velocity(0.0, fighter.vy)
                break


def cap_speed(fighter: Fighter) -> None:
    """Hold a fighter to MAX_SPEED on each axis (a NaN velocity becomes a standstill); the step asks
    only for those going faster, or NaN."""
    vx, vy = fighter.vx, fighter.vy
    fighter.set_velocity(capped(vx), capped(vy))
    if not (math.isfinite(vx) and math.isfinite(vy)):  # an infinite impulse spun it by NaN
        fighter.body.angular_velocity = fighter.body.angle = 0.0


def hold_at_walls(world: World, fighter: Fighter, vx_before: float) -> None:
    """Keep a fighter between the level's walls; one flung into a wall bounces off it.

    pymunk alone lets a body that is driven into a wall every tick sink a little further each
    step, so the walls are also kept here, exactly: the body stands against the wall's face.
    """
    half = fighter.width / 2
    x = fighter.x
    if half <= x <= world.width - half:
        return
    side = -1 if x < half else 1
    fighter.place(half if side < 0 else world.width - half, fighter.y)
    into_wall = vx_before * side
    if fighter.state in BOUNCING_STATES and into_wall > WALL_BOUNCE_SPEED:
        fighter.set_velocity(-vx_before * WALL_RESTITUTION, fighter.vy)
        world.emit(ev.WallBounce(world.tick, fighter.id, fighter.x, fighter.y, abs(vx_before)))
    elif fighter.vx * side > 0:
        fighter.set_velocity(0.0, fighter.vy)


def capped(speed: float, most: float = MAX_SPEED) -> float:
    """A speed held within ±most px/s; NaN becomes 0."""
    return min(max(speed, -most), most) if speed == speed else 0.0
