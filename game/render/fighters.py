"""The fighter painter: noir silhouettes posed by the skeleton — the ballerina and the training dummy.

Limbs are tapered capsules built for the whole body in one numpy pass; each part is drawn three times
(warm rim, cool rim, near-black fill) so a thin light outlines it on both sides. Nothing allocates a
Surface per frame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.data.poses import PoseSet
from game.render.camera import Camera
from game.render.skeleton import (
    ARM_FAR,
    ARM_NEAR,
    BUN,
    CHEST,
    CROWN,
    FINGERS,
    HEAD,
    HIP,
    LEG_FAR,
    LEG_NEAR,
    NECK,
    WAIST,
    WRIST,
    Figure,
    Posture,
    pose_at,
    solve,
)

if TYPE_CHECKING:
    from game.sim.fighter import Fighter

Colour = tuple[int, int, int]
WARM_RIM: Colour = (222, 158, 96)  # the footlights' gold, on the right of every figure
COOL_RIM: Colour = (112, 162, 226)  # moonlight blue from the left
FILL_FAR: Colour = (9, 8, 12)  # limbs on the far side
FILL_BODY: Colour = (15, 14, 19)
FILL_NEAR: Colour = (24, 22, 30)
SHOE: Colour = (150, 112, 112)  # satin pointe shoes, dusky in the dark
TUTU: Colour = (96, 12, 30)  # deep crimson
TUTU_TOP: Colour = (150, 32, 48)
TUTU_EDGE: Colour = (228, 214, 190)  # ivory
STEEL: Colour = (196, 206, 222)
GLINT: Colour = (255, 250, 235)
RIM_PX = 1.6  # rim light thickness at zoom 1, px
FAR_RIM_DIM = 0.45  # far limbs catch less light
SHAKE_PX = 2.0  # a fighter in hitstop trembles this far, px
HURT_STATES = frozenset({"hitstun", "juggle", "knockdown", "getup", "ko"})

# Capsule corners: (end 0/1, along the normal, along the bone), going round the outline.
_D = math.sqrt(0.5)
_CORNERS = np.array(
    [(0, 1, 0), (1, 1, 0), (1, _D, _D), (1, 0, 1), (1, -_D, _D), (1, -1, 0), (0, -1, 0), (0, -_D, -_D),
     (0, 0, -1), (0, _D, -_D)],
    dtype=float,
)
_AT_B = _CORNERS[:, 0] == 1


def _arm(first: int, thick: float) -> list[tuple[int, int, float, float]]:
    return [
        (first, first + 1, 3.3 * thick, 2.6 * thick),
        (first + 1, first + 2, 2.5 * thick, 1.8 * thick),
        (first + 2, first + 3, 1.8 * thick, 1.0 * thick),
    ]


def _leg(first: int) -> list[tuple[int, int, float, float]]:
    return [(first, first + 1, 7.2, 4.4), (first + 1, first + 2, 4.4, 4.7), (first + 2, first + 3, 4.7, 2.3)]


def _shoe(first: int) -> list[tuple[int, int, float, float]]:
    return [(first + 3, first + 4, 2.4, 1.5)]


class Capsules:
    """A fixed list of tapered bones, outlined all at once for a figure."""

    def __init__(self, bones: list[tuple[int, int, float, float]]) -> None:
        self.a = np.array([b[0] for b in bones])
        self.b = np.array([b[1] for b in bones])
        self.ra = np.array([b[2] for b in bones], dtype=float)
        self.rb = np.array([b[3] for b in bones], dtype=float)
        self.radius = np.where(_AT_B[None, :], self.rb[:, None], self.ra[:, None])  # (bones, corners)

    def outlines(self, points: np.ndarray, zoom: float) -> np.ndarray:
        """Screen outlines (bones, 10, 2) of every bone, given joint points already on screen."""
        a, b = points[self.a], points[self.b]
        along = b - a
        length = np.hypot(along[:, 0], along[:, 1])
        length[length < 1e-6] = 1e-6
        along /= length[:, None]
        normal = np.stack((-along[:, 1], along[:, 0]), axis=1)
        ends = np.where(_AT_B[None, :, None], b[:, None, :], a[:, None, :])
        offsets = _CORNERS[None, :, 1:2] * normal[:, None, :] + _CORNERS[None, :, 2:3] * along[:, None, :]
        return ends + offsets * (self.radius * zoom)[:, :, None]


class BallerinaLook:
    """The ballerina: a black silhouette with rim light, tutu, hair bun, pointe shoes and a knife."""

    def __init__(self) -> None:
        self.parts = {
            "arm_near": Capsules(_arm(ARM_NEAR, 1.0)),
            "arm_far": Capsules(_arm(ARM_FAR, 0.95)),
            "leg_near": Capsules(_leg(LEG_NEAR)),
            "leg_far": Capsules(_leg(LEG_FAR)),
            "shoe_near": Capsules(_shoe(LEG_NEAR)),
            "shoe_far": Capsules(_shoe(LEG_FAR)),
            "torso": Capsules([(HIP, WAIST, 9.0, 6.0), (WAIST, CHEST, 6.0, 8.2), (CHEST, NECK, 8.2, 5.0),
                               (NECK, CROWN, 2.7, 2.4)]),
        }

    def draw(self, surface: pygame.Surface, figure: Figure, origin: tuple[float, float], zoom: float,
             velocity: tuple[float, float], tick: int) -> None:
        ox, oy = origin
        points = np.empty((len(figure.xs), 2))
        points[:, 0] = np.asarray(figure.xs) * zoom + ox
        points[:, 1] = oy - np.asarray(figure.ys) * zoom
        rim = max(1.0, RIM_PX * zoom)
        front, back = ("near", "far") if figure.near_in_front else ("far", "near")
        self._limb(surface, points, f"arm_{back}", f"shoe_{back}", zoom, rim, FILL_FAR, FAR_RIM_DIM, arm=True)
        self._limb(surface, points, f"leg_{back}", f"shoe_{back}", zoom, rim, FILL_FAR, FAR_RIM_DIM)
        _outlined(surface, self.parts["torso"].outlines(points, zoom), rim, FILL_BODY, 1.0)
        self._head(surface, points, zoom, rim)
        self._limb(surface, points, f"leg_{front}", f"shoe_{front}", zoom, rim, FILL_NEAR, 1.0)
        _tutu(surface, figure, points, zoom, velocity, tick)
        self._limb(surface, points, f"arm_{front}", "", zoom, rim, FILL_NEAR, 1.0, arm=True)
        if figure.blade:
            _blade(surface, points, ARM_NEAR, zoom, tick)

    def _limb(self, surface: pygame.Surface, points: np.ndarray, limb: str, shoe: str, zoom: float, rim: float,
              fill: Colour, light: float, arm: bool = False) -> None:
        _outlined(surface, self.parts[limb].outlines(points, zoom), rim, fill, light)
        if not arm:
            _outlined(surface, self.parts[shoe].outlines(points, zoom), rim, _dim(SHOE, light * 0.7 + 0.3), light)

    def _head(self, surface: pygame.Surface, points: np.ndarray, zoom: float, rim: float) -> None:
        for index, radius in ((BUN, 4.2), (HEAD, 8.0)):
            x, y = points[index]
            r = radius * zoom
            pygame.draw.circle(surface, WARM_RIM, (x + rim, y), r)
            pygame.draw.circle(surface, COOL_RIM, (x - rim, y - rim * 0.5), r)
            pygame.draw.circle(surface, FILL_BODY, (x, y), r)


def _dim(colour: Colour, light: float) -> Colour:
    return (int(colour[0] * light), int(colour[1] * light), int(colour[2] * light))


def _outlined(surface: pygame.Surface, outlines: np.ndarray, rim: float, fill: Colour, light: float) -> None:
    """Draw bones as one lit shape: both rims of every bone first, then every fill over them."""
    warm, cool = _dim(WARM_RIM, light), _dim(COOL_RIM, light)
    shift = np.array((rim, 0.0))
    for outline in (outlines + shift).tolist():
        pygame.draw.polygon(surface, warm, outline)
    for outline in (outlines - (rim, rim * 0.5)).tolist():
        pygame.draw.polygon(surface, cool, outline)
    for outline in outlines.tolist():
        pygame.draw.polygon(surface, fill, outline)


TUTU_RADIUS = 31.0  # px, half the width of the tutu's disc
TUTU_SAMPLES = np.linspace(-1.0, 1.0, 11)
_FRILL = np.array([0.0, 1.6, 0.0, 1.6, 0.0, 1.6, 0.0, 1.6, 0.0, 1.6, 0.0])  # px, the tulle's ragged hem


def _tutu(surface: pygame.Surface, figure: Figure, points: np.ndarray, zoom: float,
          velocity: tuple[float, float], tick: int) -> None:
    """The tutu: a flared crimson disc at the hips with an ivory hem, swaying against her motion."""
    hip, waist = points[HIP], points[WAIST]
    up = waist - hip
    length = math.hypot(up[0], up[1]) or 1.0
    up /= length
    across = np.array((-up[1], up[0]))  # screen-right when upright
    centre = hip + up * (4.0 * zoom)
    s = TUTU_SAMPLES
    vx, vy = velocity
    drag = max(-6.0, min(6.0, -vx * 0.008))  # px: the hem trails the way she moves
    float_up = max(-6.0, min(6.0, -vy * 0.007))  # px: falling lifts the hem, rising drops it
    flutter = math.sin(tick * 0.35) * 0.8
    edge = (drag * s + (float_up + flutter * s) * s * s) * zoom  # screen px along `up` (+ is down)
    radius = TUTU_RADIUS * zoom
    top = centre + across * (s * radius)[:, None] - up * (edge - 3.5 * zoom * (1 - s * s))[:, None]
    drop = edge + (4.5 * (1 - s * s) + 1.0 + _FRILL) * zoom
    hem = centre + across * (s * radius * 0.96)[:, None] - up * drop[:, None]
    outline = np.concatenate((top, hem[::-1]))
    pygame.draw.polygon(surface, TUTU, outline.tolist())
    pygame.draw.lines(surface, TUTU_TOP, False, top.tolist(), max(1, round(zoom)))
    pygame.draw.lines(surface, TUTU_EDGE, False, hem.tolist(), max(1, round(zoom)))


def _blade(surface: pygame.Surface, points: np.ndarray, arm: int, zoom: float, tick: int) -> None:
    """A short knife in the hand of `arm`, pointing on from the fingers, with a travelling glint."""
    wrist, fingers = points[arm + WRIST], points[arm + FINGERS]
    along = fingers - wrist
    length = math.hypot(along[0], along[1]) or 1.0
    along /= length
    normal = np.array((-along[1], along[0]))
    tip = fingers + along * (22.0 * zoom)
    back = fingers + normal * (1.6 * zoom)
    edge = fingers - normal * (1.6 * zoom)
    pygame.draw.polygon(surface, STEEL, [back.tolist(), tip.tolist(), edge.tolist()])
    shine = 0.2 + 0.8 * ((tick % 24) / 24.0)
    spark = fingers + along * (22.0 * zoom * shine)
    size = (2.0 + 2.5 * shine) * zoom
    pygame.draw.line(surface, GLINT, spark - (size, 0), spark + (size, 0))
    pygame.draw.line(surface, GLINT, spark - (0, size), spark + (0, size))


CANVAS: Colour = (58, 50, 40)  # the dummy's padding, a dark sackcloth
CANVAS_SEAM: Colour = (36, 30, 24)
IRON: Colour = (30, 29, 33)
RING_RED: Colour = (150, 22, 34)
RING_IVORY: Colour = (214, 200, 176)


class DummyLook:
    """The training dummy: a padded canvas torso with painted target rings, stubby arms and a post on
    a weighted round base that rocks when hit."""

    def __init__(self) -> None:
        self.post = Capsules([(LEG_NEAR, LEG_NEAR + 3, 3.2, 3.2)])
        self.torso = Capsules([(HIP, WAIST, 15.0, 13.0), (WAIST, CHEST, 13.0, 16.0), (CHEST, NECK, 16.0, 12.0),
                               (NECK, CROWN, 5.0, 5.0)])
        self.arms = {
            "near": Capsules([(ARM_NEAR, ARM_NEAR + 1, 6.0, 5.0), (ARM_NEAR + 1, ARM_NEAR + 2, 5.0, 4.5)]),
            "far": Capsules([(ARM_FAR, ARM_FAR + 1, 6.0, 5.0), (ARM_FAR + 1, ARM_FAR + 2, 5.0, 4.5)]),
        }

    def draw(self, surface: pygame.Surface, figure: Figure, origin: tuple[float, float], zoom: float,
             velocity: tuple[float, float], tick: int) -> None:
        ox, oy = origin
        points = np.empty((len(figure.xs), 2))
        points[:, 0] = np.asarray(figure.xs) * zoom + ox
        points[:, 1] = oy - np.asarray(figure.ys) * zoom
        rim = max(1.0, RIM_PX * zoom)
        _outlined(surface, self.arms["far"].outlines(points, zoom), rim, _dim(CANVAS, 0.6), FAR_RIM_DIM)
        _outlined(surface, self.post.outlines(points, zoom), rim, IRON, 0.8)
        self._base(surface, points, zoom, rim)
        _outlined(surface, self.torso.outlines(points, zoom), rim, CANVAS, 0.9)
        self._seams_and_rings(surface, points, zoom)
        x, y = points[HEAD]
        r = 11.0 * zoom
        pygame.draw.circle(surface, WARM_RIM, (x + rim, y), r)
        pygame.draw.circle(surface, COOL_RIM, (x - rim, y - rim * 0.5), r)
        pygame.draw.circle(surface, CANVAS, (x, y), r)
        pygame.draw.line(surface, CANVAS_SEAM, (x - r * 0.7, y), (x + r * 0.7, y), max(1, round(zoom)))
        _outlined(surface, self.arms["near"].outlines(points, zoom), rim, CANVAS, 1.0)

    def _base(self, surface: pygame.Surface, points: np.ndarray, zoom: float, rim: float) -> None:
        """The weighted dome the post stands in, tipped with the post so it reads as rocking."""
        ankle, hip = points[LEG_NEAR + 3], points[LEG_NEAR]
        up = hip - ankle
        up /= math.hypot(up[0], up[1]) or 1.0
        across = np.array((-up[1], up[0]))
        angles = np.linspace(0.0, math.pi, 13)
        dome = ankle + (np.cos(angles)[:, None] * across * 26.0 - np.sin(angles)[:, None] * up * 15.0) * zoom
        dome = np.concatenate((dome, [ankle + up * (3.0 * zoom) - across * (26.0 * zoom),
                                      ankle + up * (3.0 * zoom) + across * (26.0 * zoom)]))
        _outlined(surface, dome[None], rim, IRON, 0.8)

    def _seams_and_rings(self, surface: pygame.Surface, points: np.ndarray, zoom: float) -> None:
        waist, neck, chest = points[WAIST], points[NECK], points[CHEST]
        across = neck - waist
        across = np.array((-across[1], across[0])) / (math.hypot(across[0], across[1]) or 1.0)
        width = max(1, round(zoom))
        for at in (0.25, 0.7):
            centre = waist + (neck - waist) * at
            pygame.draw.line(surface, CANVAS_SEAM, centre - across * 12 * zoom, centre + across * 12 * zoom, width)
        for radius, colour in ((10.0, RING_RED), (7.0, RING_IVORY), (4.5, RING_RED), (2.0, RING_IVORY)):
            pygame.draw.circle(surface, colour, chest.tolist(), radius * zoom)


LOOKS = {"ballerina": BallerinaLook(), "dummy": DummyLook()}


def _look(name: str) -> BallerinaLook | DummyLook:
    return LOOKS.get(name) or LOOKS["ballerina"]


class FighterPainter:
    """Draws every fighter from its pose set and look; reads the fighter, never changes it."""

    def __init__(self, pose_sets: Mapping[str, PoseSet]) -> None:
        self.pose_sets = dict(pose_sets)

    def draw(self, surface: pygame.Surface, camera: Camera, fighter: Fighter, tick: int) -> None:
        """Draw one fighter at its place in the world, seen through the camera."""
        pose_set = self.pose_sets.get(fighter.spec.poses)
        if pose_set is None:
            return
        figure = solve(pose_set.body, pose_at(fighter, pose_set, tick), fighter.facing)
        x = fighter.x
        if fighter.hitstop > 0 and fighter.state in HURT_STATES:
            x += SHAKE_PX if tick % 2 else -SHAKE_PX
        origin = camera.to_screen(x, fighter.y)
        _look(fighter.spec.look).draw(surface, figure, origin, camera.zoom, (fighter.vx, fighter.vy), tick)


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
    or at screen point `where` with `zoom`. Returns the posed figure."""
    if isinstance(where, Camera):
        origin, zoom = where.to_screen(*at), where.zoom
    else:
        origin = where
    figure = solve(pose_set.body, posture, facing)
    _look(look).draw(surface, figure, origin, zoom, velocity, tick)
    return figure
