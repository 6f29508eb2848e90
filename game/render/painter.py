"""The fighters of a fight on screen: each drawn in its look and posture, its coat's cloth kept from
frame to frame, a parried fighter reeling under circling sparks, and the rim light laid over every
figure in the lighting's darkness layer so no fighter vanishes in the dark. Reads fighters, never
changes them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.data.poses import PoseSet
from game.render.camera import Camera
from game.render.enemies import Tail, enemy_looks
from game.render.fighters import CHEST, HEAD, BallerinaLook, Brush, Colour, DummyLook, Look, _points
from game.render.skeleton import Figure, Posture, pose_at, solve

if TYPE_CHECKING:
    from game.sim.fighter import Fighter

RIM_LIGHT: Colour = (150, 146, 160)  # the least light a fighter's shapes get in the darkness layer
SHAKE_PX = 2.0  # a fighter in hitstop trembles this far, px
HURT_STATES = frozenset({"hitstun", "juggle", "knockdown", "getup", "ko"})
# A state a pose set has no animation for is shown as one of its poses, tilted (degrees, + forward).
STAND_INS = {"block": ("plie", 4.0), "blockstun": ("recoil", -6.0), "parried": ("recoil", -10.0)}
DAZED_SWAY = 7.0  # degrees a parried fighter reels back and forth
DAZED_STARS = 3  # sparks circling a parried fighter's head
DAZED_GOLD: Colour = (255, 214, 120)
LIT_MAX = 256  # fighters remembered for the light pass: a view that never lights them stops collecting



LOOKS: dict[str, Look] = {"ballerina": BallerinaLook(), "dummy": DummyLook(), **enemy_looks()}


def look_named(name: str) -> Look:
    """The look called `name`; an unknown one draws a ballerina."""
    return LOOKS.get(name) or LOOKS["ballerina"]


def _posture(fighter: Fighter, pose_set: PoseSet, tick: int) -> Posture:
    """The posture to show: the pose set's own, or a stand-in for a state it has no animation for
    (block, blockstun, parried), a parried fighter reeling back and forth."""
    state = fighter.state
    stand_in = STAND_INS.get(state)
    if stand_in is not None and state not in pose_set.states and stand_in[0] in pose_set.poses:
        posture = Posture(pose_set.poses[stand_in[0]], 0.0, stand_in[1])
    else:
        posture = pose_at(fighter, pose_set, tick)
    if state == "parried":
        sway = DAZED_SWAY * math.sin(fighter.state_ticks * 0.3)
        posture = Posture(posture.pose, posture.turn, posture.tilt + sway)
    return posture


def _dazed(surface: pygame.Surface, points: np.ndarray, zoom: float, tick: int) -> None:
    """Gold sparks circling the head of a fighter whose blow was parried: open, for a counter."""
    x, y = points[HEAD].tolist()
    y -= 16.0 * zoom
    for i in range(DAZED_STARS):
        a = tick * 0.18 + i * math.tau / DAZED_STARS
        sx, sy = x + math.cos(a) * 14.0 * zoom, y + math.sin(a) * 4.0 * zoom
        size = (2.0 + 1.5 * (math.sin(a) > 0)) * zoom  # nearer sparks are bigger
        pygame.draw.line(surface, DAZED_GOLD, (sx - size, sy), (sx + size, sy), max(1, round(zoom)))
        pygame.draw.line(surface, DAZED_GOLD, (sx, sy - size), (sx, sy + size), max(1, round(zoom)))


class FighterPainter:
    """Draws every fighter from its pose set and look; reads the fighter, never changes it.

    Keeps, per fighter, the cloth of its coat (`Tail`), and the shapes drawn this frame for `light`.
    """

    def __init__(self, pose_sets: Mapping[str, PoseSet]) -> None:
        self.pose_sets = dict(pose_sets)
        self.tails: dict[int, Tail] = {}
        self.lit: list[tuple[float, float, list, list]] = []  # per fighter drawn: chest x, y, polygons, discs

    def new_frame(self) -> None:
        """Forget the shapes of the last frame (the view calls this before drawing the fighters)."""
        self.lit.clear()

    def draw(self, surface: pygame.Surface, camera: Camera, fighter: Fighter, tick: int) -> None:
        """Draw one fighter at its place in the world, seen through the camera."""
        pose_set = self.pose_sets.get(fighter.spec.poses)
        if pose_set is None:
            return
        figure = solve(pose_set.body, _posture(fighter, pose_set, tick), fighter.facing)
        x = fighter.x
        if fighter.hitstop > 0 and fighter.state in HURT_STATES:
            x += SHAKE_PX if tick % 2 else -SHAKE_PX
        origin = camera.to_screen(x, fighter.y)
        tail = self.tails.get(fighter.id)
        if tail is None:
            tail = self.tails[fighter.id] = Tail()
        tail.follow(fighter.vx, fighter.vy, fighter.facing, tick)
        look = look_named(fighter.spec.look)
        spec = fighter.spec
        phase = spec.phase_at(fighter.health / spec.health) if spec.phases else 0
        brush = Brush(surface, camera.zoom * look.scale, phase)
        look.draw(brush, figure, origin, tail, tick)
        if fighter.state == "parried":
            _dazed(surface, _points(figure, origin, brush.zoom), brush.zoom, tick)
        if len(self.lit) < LIT_MAX:
            cx, cy = figure.point(CHEST)
            self.lit.append((origin[0] + cx * brush.zoom, origin[1] - cy * brush.zoom, brush.lit, brush.discs))

    def light(self, dark: pygame.Surface, camera: Camera) -> None:
        """Lay the rim light over every fighter drawn this frame in the lighting's darkness layer: at
        least `RIM_LIGHT`, more where the stage lights them already (read at the chest)."""
        polygon, circle = pygame.draw.polygon, pygame.draw.circle
        width, height = dark.get_size()
        for x, y, polygons, discs in self.lit:
            here = dark.get_at((min(width - 1, max(0, int(x))), min(height - 1, max(0, int(y)))))
            colour = (max(here[0], RIM_LIGHT[0]), max(here[1], RIM_LIGHT[1]), max(here[2], RIM_LIGHT[2]))
            for points in polygons:
                polygon(dark, colour, points)
            for cx, cy, r in discs:
                circle(dark, colour, (cx, cy), r)
        self.lit.clear()


def draw_pose(
    surface: pygame.Surface,
    where: Camera | tuple[float, float],
    pose_set: PoseSet,
    posture: Posture,
    *,
    at: tuple[float, float] = (0.0, 0.0),
    facing: int = 1,
    zoom: float = 1.0,
    look: str = "ballerina",
    velocity: tuple[float, float] = (0.0, 0.0),
    tick: int = 0,
) -> Figure:
    """Draw a posture for galleries and frame-data pictures: feet at world point `at` through a camera,
    or at screen point `where` with `zoom`. Returns the posed figure (coats hang as they would at
    `velocity` held for a while)."""
    if isinstance(where, Camera):
        origin, zoom = where.to_screen(*at), where.zoom
    else:
        origin = where
    figure = solve(pose_set.body, posture, facing)
    tail = Tail()
    tail.follow(velocity[0], velocity[1], facing, tick)
    painter = look_named(look)
    painter.draw(Brush(surface, zoom * painter.scale), figure, origin, tail, tick)
    return figure
