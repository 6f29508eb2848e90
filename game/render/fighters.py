"""How fighters look: noir silhouettes over the skeleton — the shared kit (bones, shades, the brush),
the ballerina and the dummy. The enemies' looks are in `game/render/enemies.py` and `bosses.py`;
`game/render/painter.py` draws a fight's fighters with them.

Limbs are tapered capsules built for the whole body in one numpy pass; each part is drawn three times
(warm rim, cool rim, near-black fill) so a thin light outlines it on both sides. Every rim-lit shape is
also remembered by the `Brush`, so the painter can lay the rim light over it in the lighting's
darkness layer. Nothing allocates a Surface per frame.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pygame

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
)

if TYPE_CHECKING:
    from game.render.enemies import Tail

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
TUTU_UNDER: Colour = (120, 96, 92)  # the ivory tulle underneath, in shadow
STEEL: Colour = (196, 206, 222)
GLINT: Colour = (255, 250, 235)
RIM_PX = 1.6  # rim light thickness at zoom 1, px
BLADE_PX = 22.0  # knife length past the fingers, px
HEAD_PX, BUN_PX = 8.0, 4.2  # radii, px
FAR_RIM_DIM = 0.45  # far limbs catch less light

# Capsule corners going round the outline: (at the bone's far end?, degrees from the bone's direction).
_CORNERS = ((False, 90), (True, 90), (True, 35), (True, -35), (True, -90), (False, -90), (False, -145), (False, 145))


Bone = tuple[int, int, float, float, bool]  # from joint, to joint, radius there, radius here, is a shoe


def arm(first: int, thick: float) -> list[Bone]:
    """The bones of an arm (upper arm, forearm, hand), `thick` times the ballerina's."""
    return [
        (first, first + 1, 3.7 * thick, 2.9 * thick, False),
        (first + 1, first + 2, 2.8 * thick, 2.0 * thick, False),
        (first + 2, first + 3, 2.0 * thick, 1.1 * thick, False),
    ]


def leg(first: int, thick: float = 1.0, shoe: float = 1.0) -> list[Bone]:
    """The bones of a leg (thigh, calf, shin, foot); `shoe` widens the foot (boots)."""
    return [
        (first, first + 1, 7.6 * thick, 4.5 * thick, False),
        (first + 1, first + 2, 4.5 * thick, 4.9 * thick, False),
        (first + 2, first + 3, 4.9 * thick, 2.4 * thick, False),
        (first + 3, first + 4, 2.5 * shoe, 1.5 * shoe, True),
    ]


class Bones:
    """Groups of tapered bones (limbs, torso) outlined together in one numpy pass per figure."""

    def __init__(self, groups: dict[str, list[Bone]]) -> None:
        bones: list[Bone] = []
        self.groups: dict[str, list[tuple[int, bool]]] = {}  # group -> (bone index, is a shoe)
        for name, group in groups.items():
            self.groups[name] = [(len(bones) + i, bone[4]) for i, bone in enumerate(group)]
            bones += group
        self.a = np.array([b[0] for b in bones])
        self.b = np.array([b[1] for b in bones])
        self.ends = np.array([[b[1] if far else b[0] for far, _ in _CORNERS] for b in bones])
        radius = np.array([[b[3] if far else b[2] for far, _ in _CORNERS] for b in bones], dtype=float)
        angles = np.radians([angle for _, angle in _CORNERS])
        self.cos, self.sin = np.cos(angles), np.sin(angles)
        self.along = radius * self.cos  # (bones, corners): corner offsets along the bone, px
        self.across = radius * self.sin  # and along its normal
        self.shape = (4, len(bones), len(_CORNERS), 2)

    def outlines(self, points: np.ndarray, zoom: float, rim: float) -> list:
        """Screen outlines of every bone four times: shifted for the warm rim, the cool rim, the fill,
        and grown by the rim all round for the rim light."""
        direction = points[self.b] - points[self.a]
        length = np.hypot(direction[:, 0], direction[:, 1])
        np.maximum(length, 1e-6, out=length)
        length /= zoom
        dx, dy = (direction[:, 0] / length)[:, None], (direction[:, 1] / length)[:, None]
        ends = points[self.ends]
        out = np.empty(self.shape)
        out[2, :, :, 0] = ends[:, :, 0] + dx * self.along - dy * self.across
        out[2, :, :, 1] = ends[:, :, 1] + dy * self.along + dx * self.across
        out[0] = out[2]
        out[0, :, :, 0] += rim
        out[1] = out[2]
        out[1, :, :, 0] -= rim
        out[1, :, :, 1] -= rim * 0.5
        grow = rim / zoom  # px in bone units: the light reaches just past both rims
        out[3, :, :, 0] = out[2, :, :, 0] + grow * (dx * self.cos - dy * self.sin)
        out[3, :, :, 1] = out[2, :, :, 1] + grow * (dy * self.cos + dx * self.sin)
        return out.tolist()

    def paint(self, surface: pygame.Surface, outlines: list, group: str, shade: Shade) -> None:
        """Draw one group as a single lit shape: both rims of every bone first, then the fills over them."""
        warm, cool, fill, _ = outlines
        draw = pygame.draw.polygon
        bones = self.groups[group]
        for i, _ in bones:
            draw(surface, shade.warm, warm[i])
            draw(surface, shade.cool, cool[i])
        for i, shoe in bones:
            draw(surface, shade.shoe if shoe else shade.fill, fill[i])


class Shade:
    """The colours of one depth layer: far limbs darker and dimmer-lit, near ones lighter."""

    __slots__ = ("fill", "warm", "cool", "shoe")

    def __init__(self, fill: Colour, light: float, shoe: Colour = SHOE,
                 rims: tuple[Colour, Colour] | None = None) -> None:
        warm, cool = rims or (WARM_RIM, COOL_RIM)
        self.fill = fill
        self.warm = _dim(warm, light)
        self.cool = _dim(cool, light)
        self.shoe = _dim(shoe, 0.3 + 0.7 * light)


class Brush:
    """What a look paints one figure with: the canvas, the scale, the rim width, and the shapes the
    rim light must fall on (gathered for `FighterPainter.light`)."""

    __slots__ = ("surface", "zoom", "rim", "lit", "discs", "phase")

    def __init__(self, surface: pygame.Surface, zoom: float, phase: int = 0) -> None:
        self.surface = surface
        self.zoom = zoom
        self.phase = phase  # a boss's phases begun: his look may change with them
        self.rim = max(1.0, RIM_PX * zoom)
        self.lit: list = []  # polygons (lists of screen points) to light
        self.discs: list[tuple[float, float, float]] = []  # circles to light: x, y, radius

    def cluster(self, discs: list, polygons: list, shade: Shade, fill: Colour | None = None) -> None:
        """Circles (x, y, radius) and polygons lit as one shape: every warm rim, every cool rim, then
        every fill, so the parts of a head or a hat read as one silhouette."""
        rim = self.rim
        circle, polygon, surface = pygame.draw.circle, pygame.draw.polygon, self.surface
        for dx, dy, colour in ((rim, 0.0, shade.warm), (-rim, -rim * 0.5, shade.cool), (0.0, 0.0, fill or shade.fill)):
            for x, y, r in discs:
                circle(surface, colour, (x + dx, y + dy), r)
            for points in polygons:
                polygon(surface, colour, [(x + dx, y + dy) for x, y in points] if dx else points)
        grow = rim
        self.discs.extend((x, y, r + grow) for x, y, r in discs)
        for points in polygons:
            self.lit.append([(x + rim, y) for x, y in points])
            self.lit.append([(x - rim, y - rim * 0.5) for x, y in points])

    def shape(self, points: list, shade: Shade, fill: Colour | None = None) -> None:
        """A rim-lit polygon: warm rim to the right, cool rim up-left, then the fill."""
        self.cluster((), (points,), shade, fill)

    def disc(self, centre: tuple[float, float], radius: float, shade: Shade, fill: Colour | None = None) -> None:
        """A rim-lit circle (a head, a fist)."""
        self.cluster(((centre[0], centre[1], radius),), (), shade, fill)

    def bones(self, bones: Bones, figure: Figure, origin: tuple[float, float]) -> tuple[np.ndarray, list]:
        """The figure's screen points and every bone's outlines, the bones' light remembered."""
        points = _points(figure, origin, self.zoom)
        outlines = bones.outlines(points, self.zoom, self.rim)
        self.lit.extend(outlines[3])
        return points, outlines


def _points(figure: Figure, origin: tuple[float, float], zoom: float) -> np.ndarray:
    """The figure's joints as screen points."""
    points = np.empty((len(figure.xs), 2))
    points[:, 0] = figure.xs
    points[:, 1] = figure.ys
    points *= (zoom, -zoom)
    points += origin
    return points


def _dim(colour: Colour, light: float) -> Colour:
    return (int(colour[0] * light), int(colour[1] * light), int(colour[2] * light))


class Look:
    """How one kind of fighter is painted over the skeleton; `scale` makes a big man bigger."""

    scale = 1.0

    def draw(self, brush: Brush, figure: Figure, origin: tuple[float, float], tail: Tail, tick: int) -> None:
        raise NotImplementedError


class BallerinaLook(Look):
    """The ballerina: a black silhouette with rim light, tutu, hair bun, pointe shoes and a knife."""

    def __init__(self) -> None:
        self.bones = Bones({
            "arm_near": arm(ARM_NEAR, 1.0),
            "arm_far": arm(ARM_FAR, 0.95),
            "leg_near": leg(LEG_NEAR),
            "leg_far": leg(LEG_FAR),
            "torso": [(HIP, WAIST, 10.0, 6.8, False), (WAIST, CHEST, 6.8, 9.4, False),
                      (CHEST, NECK, 9.4, 5.2, False), (NECK, CROWN, 3.0, 2.7, False)],
        })
        self.far = Shade(FILL_FAR, FAR_RIM_DIM)
        self.body = Shade(FILL_BODY, 1.0)
        self.near = Shade(FILL_NEAR, 1.0)

    def draw(self, brush: Brush, figure: Figure, origin: tuple[float, float], tail: Tail, tick: int) -> None:
        points, outlines, front, back = self._bones_of(brush, figure, origin)
        surface, paint = brush.surface, self.bones.paint
        paint(surface, outlines, f"arm_{back}", self.far)
        paint(surface, outlines, f"leg_{back}", self.far)
        paint(surface, outlines, "torso", self.body)
        self._head(brush, points)
        paint(surface, outlines, f"leg_{front}", self.near)
        brush.lit.append(_tutu(surface, points, brush.zoom, tutu_sway(tail, figure), tick))
        paint(surface, outlines, f"arm_{front}", self.near)
        if figure.blade:
            blade(surface, points, ARM_NEAR, brush.zoom, tick)

    def _bones_of(self, brush: Brush, figure: Figure, origin: tuple[float, float]):  # type: ignore[no-untyped-def]
        """Screen points, limb outlines, and which side ("near"/"far") is drawn in front."""
        points, outlines = brush.bones(self.bones, figure, origin)
        front, back = ("near", "far") if figure.near_in_front else ("far", "near")
        return points, outlines, front, back

    def _head(self, brush: Brush, points: np.ndarray) -> None:
        """Head in profile: the bun behind, a small nose and chin in front, rim-lit like the body."""
        (x, y), (bx, by), (cx, cy) = points[HEAD].tolist(), points[BUN].tolist(), points[CROWN].tolist()
        r = HEAD_PX * brush.zoom
        ux, uy = x - cx, y - cy
        length = math.hypot(ux, uy) or 1.0
        ux, uy = ux / length, uy / length  # up through her head, on screen
        fx, fy = -uy, ux
        profile = max(-1.0, min(1.0, ((x - bx) * fx + (y - by) * fy) / (0.8 * r)))  # 0 when she faces us
        fx, fy = fx * profile, fy * profile
        face = [(x + ux * 0.5 * r, y + uy * 0.5 * r),
                (x + (fx * 1.22 - ux * 0.1) * r, y + (fy * 1.22 - uy * 0.1) * r),
                (x + (fx * 0.45 - ux * 0.95) * r, y + (fy * 0.45 - uy * 0.95) * r)]
        brush.cluster(((bx, by, BUN_PX * brush.zoom), (x, y, r)), (face,), self.body)


TUTU_RADIUS = 31.0  # px, half the width of the tutu's disc
TUTU_SAMPLES = tuple(i / 5.0 - 1.0 for i in range(11))
_FRILL = (0.0, 2.2) * 5 + (0.0,)  # px, the tulle's ragged hem
TUTU_LAG = 0.23  # px the hem sways per px the coat cloth (`Tail`) trails: it lags a run, swings past a stop
TUTU_FALL = 0.008  # px the hem floats up per px/s of falling (and droops per px/s of rising)
TUTU_SWAY_MAX = 6.0  # px
TUTU_FLOP = 0.55  # the share of its width a tutu keeps when she lies on her back
TUTU_FLARE_SPIN = 40.0  # degrees a frame of turning at which the tutu stands fully out
TUTU_FLARE_WIDTH = 0.28  # the share of its width a full flare adds
TUTU_FLARE_LIFT = 7.0  # px the hem rises at full flare


def tutu_sway(tail: Tail, figure: Figure) -> tuple[float, float, float]:
    """How the tutu moves now: (hem sway across, px, + trailing to the right; droop, px, + lowers the
    hem's ends; flare 0..1 from her turning). The sway follows the coat's lagging cloth, not her velocity, so
    the tulle trails a run and swings on past a stop."""
    from game.render.enemies import CLOTH_HANG  # the cloth's rest; enemies imports this module

    clamp = TUTU_SWAY_MAX
    sway = max(-clamp, min(clamp, (tail.xs[0] + figure.facing * CLOTH_HANG) * TUTU_LAG))
    droop = max(-clamp, min(clamp, tail.vy * TUTU_FALL))
    return sway, droop, min(1.0, abs(figure.spin) / TUTU_FLARE_SPIN)


def _tutu(surface: pygame.Surface, points: np.ndarray, zoom: float, sway: tuple[float, float, float],
          tick: int) -> list:
    """The tutu: a crimson disc at the hips with an ivory hem, swaying with the cloth and standing out
    flat as she turns (`sway` from `tutu_sway`). Returns its outline (for the rim light)."""
    (hx, hy), (wx, wy) = points[HIP].tolist(), points[WAIST].tolist()
    ux, uy = wx - hx, wy - hy
    length = math.hypot(ux, uy) or 1.0
    ux, uy = ux / length, uy / length  # the pelvis' up, on screen
    ax, ay = -uy, ux  # across the hips, screen-right when she is upright
    cx, cy = hx + ux * 5.0 * zoom, hy + uy * 5.0 * zoom
    drag, droop, flare = sway
    droop -= TUTU_FLARE_LIFT * flare
    flutter = math.sin(tick * (0.35 + 0.6 * flare)) * (0.8 + 1.6 * flare)
    radius = TUTU_RADIUS * zoom * (TUTU_FLOP + (1.0 - TUTU_FLOP) * abs(uy))  # tipped over, the tulle folds
    radius *= 1.0 + TUTU_FLARE_WIDTH * flare
    top, hem, under = [], [], []
    for s, frill in zip(TUTU_SAMPLES, _FRILL, strict=True):
        edge = (drag * s + (droop + flutter * s) * s * s) * zoom  # px, + droops the hem
        dome = 1.0 - s * s
        along_x, along_y = cx + ax * s * radius, cy + ay * s * radius
        rise, drop, layer = (5.0 * dome + 0.5) * zoom - edge, -edge - (5.0 * dome + 1.5 + frill) * zoom, 0.82
        top.append((along_x + ux * rise, along_y + uy * rise))
        hem.append((along_x + ux * drop, along_y + uy * drop))
        under.append((cx + ax * s * radius * layer + ux * (drop - 3.0 * dome * zoom),
                      cy + ay * s * radius * layer + uy * (drop - 3.0 * dome * zoom)))
    width = max(1, round(zoom))
    pygame.draw.polygon(surface, TUTU_UNDER, hem + under[::-1])  # the tulle petticoat beneath
    pygame.draw.polygon(surface, TUTU, top + hem[::-1])
    pygame.draw.lines(surface, TUTU_TOP, False, top, width)
    pygame.draw.lines(surface, TUTU_EDGE, False, hem, width)
    return top + hem[::-1]


def blade(surface: pygame.Surface, points: np.ndarray, arm: int, zoom: float, tick: int) -> None:
    """A short knife in the hand of `arm`, pointing on from the fingers, with a travelling glint."""
    (wx, wy), (fx, fy) = points[arm + WRIST].tolist(), points[arm + FINGERS].tolist()
    ax, ay = fx - wx, fy - wy
    length = math.hypot(ax, ay) or 1.0
    ax, ay = ax / length, ay / length
    nx, ny = -ay * 1.7 * zoom, ax * 1.7 * zoom
    reach = BLADE_PX * zoom
    tip = (fx + ax * reach, fy + ay * reach)
    pygame.draw.polygon(surface, STEEL, [(fx + nx, fy + ny), tip, (fx - nx, fy - ny)])
    pygame.draw.line(surface, GLINT, (fx + nx * 0.4, fy + ny * 0.4), tip)
    shine = (tick % 20) / 20.0  # the glint runs up the edge
    sx, sy = fx + ax * reach * shine, fy + ay * reach * shine
    size = (1.5 + 3.0 * math.sin(shine * math.pi)) * zoom
    pygame.draw.line(surface, GLINT, (sx - size, sy), (sx + size, sy))
    pygame.draw.line(surface, GLINT, (sx, sy - size), (sx, sy + size))


CANVAS: Colour = (58, 50, 40)  # the dummy's padding, a dark sackcloth
CANVAS_SEAM: Colour = (30, 25, 20)
IRON: Colour = (30, 29, 33)
RING_RED: Colour = (150, 22, 34)
RING_IVORY: Colour = (214, 200, 176)
BASE_HALF_WIDTH, BASE_DEPTH = 26.0, 15.0  # px, the weighted dome


class DummyLook(Look):
    """The training dummy: a padded canvas torso with painted target rings, stubby arms and a post in
    a weighted round base that rocks when it is hit."""

    def __init__(self) -> None:
        self.bones = Bones({
            "arm_far": [(ARM_FAR, ARM_FAR + 1, 6.5, 5.5, False), (ARM_FAR + 1, ARM_FAR + 2, 5.5, 5.0, False)],
            "post": [(LEG_NEAR, LEG_NEAR + 3, 3.4, 3.4, False)],
            "torso": [(HIP, WAIST, 15.0, 13.0, False), (WAIST, CHEST, 13.0, 16.5, False),
                      (CHEST, NECK, 16.5, 12.0, False), (NECK, CROWN, 5.5, 5.5, False)],
            "arm_near": [(ARM_NEAR, ARM_NEAR + 1, 6.5, 5.5, False), (ARM_NEAR + 1, ARM_NEAR + 2, 5.5, 5.0, False)],
        })
        self.far = Shade(_dim(CANVAS, 0.6), FAR_RIM_DIM)
        self.iron = Shade(IRON, 0.8)
        self.canvas = Shade(CANVAS, 0.9)

    def draw(self, brush: Brush, figure: Figure, origin: tuple[float, float], tail: Tail, tick: int) -> None:
        points, outlines = brush.bones(self.bones, figure, origin)
        surface, paint, zoom = brush.surface, self.bones.paint, brush.zoom
        paint(surface, outlines, "arm_far", self.far)
        paint(surface, outlines, "post", self.iron)
        self._base(brush, points)
        paint(surface, outlines, "torso", self.canvas)
        self._seams_and_rings(surface, points, zoom)
        x, y = points[HEAD].tolist()
        r = 11.0 * zoom
        brush.disc((x, y), r, self.canvas)
        pygame.draw.line(surface, CANVAS_SEAM, (x - r * 0.75, y), (x + r * 0.75, y), max(1, round(zoom)))
        paint(surface, outlines, "arm_near", self.canvas)

    def _base(self, brush: Brush, points: np.ndarray) -> None:
        """The weighted dome the post stands in, tipped with the post so it reads as rocking."""
        zoom = brush.zoom
        (kx, ky), (hx, hy) = points[LEG_NEAR + 3].tolist(), points[LEG_NEAR].tolist()
        ux, uy = hx - kx, hy - ky
        length = math.hypot(ux, uy) or 1.0
        ux, uy = ux / length, uy / length
        ax, ay = -uy, ux
        w, d = BASE_HALF_WIDTH * zoom, BASE_DEPTH * zoom
        dome = [(kx + ax * w * math.cos(i * math.pi / 12) - ux * d * math.sin(i * math.pi / 12),
                 ky + ay * w * math.cos(i * math.pi / 12) - uy * d * math.sin(i * math.pi / 12)) for i in range(13)]
        dome += [(kx - ax * w + ux * 3 * zoom, ky - ay * w + uy * 3 * zoom),
                 (kx + ax * w + ux * 3 * zoom, ky + ay * w + uy * 3 * zoom)]
        brush.shape(dome, self.iron)

    def _seams_and_rings(self, surface: pygame.Surface, points: np.ndarray, zoom: float) -> None:
        """Stitched seams across the padding and the painted target on its chest."""
        (wx, wy), (nx, ny), chest = points[WAIST].tolist(), points[NECK].tolist(), points[CHEST].tolist()
        ux, uy = nx - wx, ny - wy
        length = math.hypot(ux, uy) or 1.0
        ax, ay = -uy / length * 12.0 * zoom, ux / length * 12.0 * zoom
        width = max(1, round(zoom))
        for at in (0.22, 0.78):
            cx, cy = wx + ux * at, wy + uy * at
            pygame.draw.line(surface, CANVAS_SEAM, (cx - ax, cy - ay), (cx + ax, cy + ay), width)
        for radius, colour in ((10.0, RING_RED), (7.0, RING_IVORY), (4.5, RING_RED), (2.0, RING_IVORY)):
            pygame.draw.circle(surface, colour, chest, radius * zoom)



