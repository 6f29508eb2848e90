"""The enemies' looks: noir silhouettes over the same skeleton as the ballerina, each readable at a
glance — the thug, the knife fighter, the gunman, the brute, the High Table assassin, the Director and
the gang boss — and the cloth of their long coats.

Coats and capes hang from a `Tail`: three spring-damped points that lag behind the fighter's motion
(its velocity and facing), kept here in the renderer, never in the simulation.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.render.fighters import (
    ARM_FAR,
    ARM_NEAR,
    BUN,
    CHEST,
    CROWN,
    FAR_RIM_DIM,
    FILL_BODY,
    FILL_FAR,
    FILL_NEAR,
    FINGERS,
    HEAD,
    HIP,
    LEG_FAR,
    LEG_NEAR,
    NECK,
    STEEL,
    WAIST,
    WRIST,
    Bone,
    Bones,
    Brush,
    Colour,
    Figure,
    Look,
    Shade,
    arm,
    blade,
    leg,
)

# --- cloth --------------------------------------------------------------------------------------------

TICK_S = 1.0 / 60.0  # s, the simulation's tick: the cloth moves once per world tick
CLOTH_NODES = 3  # knee, hem, tip
CLOTH_STIFFNESS = 170.0  # 1/s²: how hard each point is pulled towards the one before it
CLOTH_DAMPING = 10.0  # 1/s: under-damped, so a turn swings the coat past and back
CLOTH_DRAG = 0.035  # px the hem trails per px/s of speed
CLOTH_TRAIL_MAX = 28.0  # px
CLOTH_HANG = 5.0  # px a coat hangs behind a fighter standing still
CLOTH_LIFT_RUN = 0.012  # px the hem lifts per px/s of speed across
CLOTH_LIFT_FALL = 0.025  # px the hem lifts per px/s of falling (and drops per px/s of rising)
CLOTH_LIFT_MAX = 18.0  # px
CLOTH_SETTLE_TICKS = 12  # a longer gap (a pause, a scrub back, a new fight) settles the cloth at once


class Tail:
    """The hem of a fighter's coat or cape: where its knee, hem and tip hang (px from still, x across
    the world, y up), each point chasing the one before, the first chasing the fighter's motion."""

    __slots__ = ("xs", "ys", "vxs", "vys", "tick", "vx", "vy")

    def __init__(self) -> None:
        self.xs = [0.0] * CLOTH_NODES
        self.ys = [0.0] * CLOTH_NODES
        self.vxs = [0.0] * CLOTH_NODES
        self.vys = [0.0] * CLOTH_NODES
        self.tick: int | None = None
        self.vx = self.vy = 0.0  # the fighter's velocity, px/s (the tutu reads it)

    def follow(self, vx: float, vy: float, facing: int, tick: int) -> None:
        """Move the cloth on to world tick `tick` for a fighter moving at (vx, vy) facing `facing`."""
        self.vx, self.vy = vx, vy
        trail = max(-CLOTH_TRAIL_MAX, min(CLOTH_TRAIL_MAX, -vx * CLOTH_DRAG)) - facing * CLOTH_HANG
        lift = max(-CLOTH_LIFT_MAX * 0.4, min(CLOTH_LIFT_MAX, abs(vx) * CLOTH_LIFT_RUN - vy * CLOTH_LIFT_FALL))
        steps = -1 if self.tick is None else tick - self.tick
        self.tick = tick
        if not 0 <= steps <= CLOTH_SETTLE_TICKS:
            self.xs, self.ys = [trail] * CLOTH_NODES, [lift] * CLOTH_NODES
            self.vxs, self.vys = [0.0] * CLOTH_NODES, [0.0] * CLOTH_NODES
            return
        xs, ys, vxs, vys = self.xs, self.ys, self.vxs, self.vys
        k, c = CLOTH_STIFFNESS * TICK_S, CLOTH_DAMPING * TICK_S
        for _ in range(steps):
            tx, ty = trail, lift
            for i in range(CLOTH_NODES):
                vxs[i] += k * (tx - xs[i]) - c * vxs[i]
                vys[i] += k * (ty - ys[i]) - c * vys[i]
                xs[i] += vxs[i] * TICK_S
                ys[i] += vys[i] * TICK_S
                tx, ty = xs[i], ys[i]


# --- geometry -----------------------------------------------------------------------------------------


def _unit(ax: float, ay: float) -> tuple[float, float]:
    length = math.hypot(ax, ay) or 1.0
    return ax / length, ay / length


class Frame:
    """Where the body's parts point on screen: down the spine, its back side, the head's up and forward."""

    __slots__ = ("dx", "dy", "bx", "by", "hx", "hy", "r", "ux", "uy", "fx", "fy")

    def __init__(self, points: np.ndarray, figure: Figure) -> None:
        (hip_x, hip_y), (neck_x, neck_y) = points[HIP].tolist(), points[NECK].tolist()
        self.dx, self.dy = _unit(hip_x - neck_x, hip_y - neck_y)  # down the spine
        side = 1.0 if figure.facing > 0 else -1.0
        self.bx, self.by = -self.dy * side, self.dx * side  # towards the back
        (x, y), (cx, cy), (bx, by) = points[HEAD].tolist(), points[CROWN].tolist(), points[BUN].tolist()
        self.hx, self.hy = x, y
        self.r = math.hypot(x - cx, y - cy) or 1.0  # the head's radius on screen
        self.ux, self.uy = (x - cx) / self.r, (y - cy) / self.r
        # the bun sits 0.55 r up and 0.8 r back: what is left is the face's direction, shortened by a turn
        self.fx = (x - bx + 0.55 * self.r * self.ux) / (0.8 * self.r)
        self.fy = (y - by + 0.55 * self.r * self.uy) / (0.8 * self.r)

    def at(self, forward: float, up: float) -> tuple[float, float]:
        """A point by the head: `forward` and `up` in head radii."""
        r = self.r
        return (self.hx + (self.fx * forward + self.ux * up) * r, self.hy + (self.fy * forward + self.uy * up) * r)


def coat(points: np.ndarray, frame: Frame, tail: Tail, zoom: float, length: float, flare: float,
         shoulders: float = 9.0, hips: float = 10.0) -> list:
    """A coat from the shoulders to `length` px below the hips, widening by `flare` and by the legs'
    stride, its back edge, hem and front trailing the cloth's knee, hem and tip."""
    (hx, hy), (nx, ny) = points[HIP].tolist(), points[NECK].tolist()
    dx, dy, bx, by = frame.dx, frame.dy, frame.bx, frame.by
    knees = [points[first + 1].tolist() for first in (LEG_NEAR, LEG_FAR)]
    stride = abs((knees[0][0] - knees[1][0]) * bx + (knees[0][1] - knees[1][1]) * by) / 2
    half = flare * zoom + stride * 0.9
    xs, ys = [x * zoom for x in tail.xs], [-y * zoom for y in tail.ys]
    hem = length * zoom
    knee_x, knee_y = hx + dx * hem * 0.5, hy + dy * hem * 0.5
    end_x, end_y = hx + dx * (hem + ys[1]), hy + dy * (hem + ys[1])
    mid = (half + hips * zoom) / 2
    return [
        (nx + bx * shoulders * zoom, ny + by * shoulders * zoom), (hx + bx * hips * zoom, hy + by * hips * zoom),
        (knee_x + bx * mid + xs[0] * 0.6, knee_y + by * mid + ys[0] * 0.3),
        (end_x + bx * half + xs[2], end_y + by * half + ys[2] - ys[1]),
        (end_x + xs[1], end_y + 3 * zoom),
        (end_x - bx * half + xs[1] * 0.8, end_y - by * half + ys[1] * 0.2),
        (knee_x - bx * mid + xs[0] * 0.4, knee_y - by * mid),
        (hx - bx * hips * zoom, hy - by * hips * zoom), (nx - bx * shoulders * zoom, ny - by * shoulders * zoom),
    ]


def _torso(hip: float, waist: float, chest: float, neck: float, collar: float = 3.0) -> list[Bone]:
    return [(HIP, WAIST, hip, waist, False), (WAIST, CHEST, waist, chest, False),
            (CHEST, NECK, chest, neck, False), (NECK, CROWN, collar, collar * 0.9, False)]


def _line(surface: pygame.Surface, colour: Colour, a: tuple[float, float], b: tuple[float, float], zoom: float,
          width: float = 1.0) -> None:
    pygame.draw.line(surface, colour, a, b, max(1, round(width * zoom)))


def _hand(points: np.ndarray, first: int) -> tuple[float, float, float, float, float, float]:
    """The fist of an arm: where it is and the direction it points (wrist to fingers) on screen."""
    (wx, wy), (fx, fy) = points[first + WRIST].tolist(), points[first + FINGERS].tolist()
    ax, ay = _unit(fx - wx, fy - wy)
    return (wx + fx) / 2, (wy + fy) / 2, ax, ay, fx, fy


# --- the common man -----------------------------------------------------------------------------------


class Brawler(Look):
    """A man of the street over the skeleton: limbs and torso of his build, then what each look adds —
    something behind him (a cape), his clothes, his head, what is in his hand."""

    scale = 1.0

    def __init__(self, arms: float, legs: float, torso: list[Bone], fills: tuple[Colour, Colour, Colour],
                 shoe: Colour = (22, 20, 22), rims: tuple[Colour, Colour] | None = None) -> None:
        self.bones = Bones({"arm_near": arm(ARM_NEAR, arms), "arm_far": arm(ARM_FAR, arms * 0.95),
                            "leg_near": leg(LEG_NEAR, legs, 1.3), "leg_far": leg(LEG_FAR, legs, 1.3), "torso": torso})
        far, body, near = fills
        self.far = Shade(far, FAR_RIM_DIM, shoe, rims)
        self.body = Shade(body, 1.0, shoe, rims)
        self.near = Shade(near, 1.0, shoe, rims)

    def draw(self, brush: Brush, figure: Figure, origin: tuple[float, float], tail: Tail, tick: int) -> None:
        points, outlines = brush.bones(self.bones, figure, origin)
        frame = Frame(points, figure)
        front, back = ("near", "far") if figure.near_in_front else ("far", "near")
        surface, paint = brush.surface, self.bones.paint
        self.behind(brush, points, frame, tail, tick)
        paint(surface, outlines, f"arm_{back}", self.far)
        paint(surface, outlines, f"leg_{back}", self.far)
        paint(surface, outlines, f"leg_{front}", self.near)
        paint(surface, outlines, "torso", self.body)
        self.dress(brush, points, frame, tail, tick)
        self.head(brush, points, frame, tail, tick)
        paint(surface, outlines, f"arm_{front}", self.near)
        self.hand(brush, points, figure, tick)

    def behind(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """What hangs behind the whole body (a cape)."""

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """Clothes over the torso and thighs."""

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """A bare head with a jaw."""
        brush.cluster(((frame.hx, frame.hy, frame.r * 1.05),), (self._jaw(frame),), self.body)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        """What he holds in his near hand."""

    @staticmethod
    def _jaw(frame: Frame, square: float = 1.0) -> list:
        return [frame.at(0.2, 0.3), frame.at(1.05 * square, 0.0), frame.at(0.85 * square, -0.8), frame.at(0.0, -1.0)]


# --- the cast -----------------------------------------------------------------------------------------

SHIRT: Colour = (74, 70, 70)  # a grey work shirt
SHIRT_CUFF: Colour = (120, 114, 108)
SKIN_DARK: Colour = (34, 27, 26)
CAP: Colour = (46, 42, 38)
BUTTON: Colour = (150, 130, 96)


class ThugLook(Brawler):
    """The thug: broad, a waistcoat over a grey shirt with its sleeves rolled, a flat cap, big fists."""

    def __init__(self) -> None:
        super().__init__(1.45, 1.3, _torso(12.5, 10.5, 14.5, 8.0, 5.0), (FILL_FAR, (22, 21, 26), SKIN_DARK))
        self.sleeve = Shade(SHIRT, 1.0)
        self.cap = Shade(CAP, 1.0)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """Waistcoat buttons down his front."""
        (wx, wy), (cx, cy) = points[WAIST].tolist(), points[CHEST].tolist()
        fx, fy = -frame.bx * brush.zoom, -frame.by * brush.zoom
        for at in (0.15, 0.55, 0.95):
            x, y = wx + (cx - wx) * at + fx * 9, wy + (cy - wy) * at + fy * 9
            pygame.draw.circle(brush.surface, BUTTON, (x, y), max(1.0, 1.2 * brush.zoom))

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        brush.cluster(((frame.hx, frame.hy, frame.r * 1.1),), (self._jaw(frame, 1.15),), self.body)
        cap = [frame.at(-1.25, 0.05), frame.at(-1.1, 0.8), frame.at(0.0, 1.2), frame.at(0.9, 0.85),
               frame.at(2.0, 0.3), frame.at(1.9, 0.15), frame.at(0.9, 0.2)]
        brush.shape(cap, self.cap)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        """Grey sleeves rolled to the elbow over the front arm, and both fists."""
        zoom = brush.zoom
        first = ARM_NEAR if figure.near_in_front else ARM_FAR
        (sx, sy), (ex, ey) = points[first].tolist(), points[first + 1].tolist()
        ax, ay = _unit(ex - sx, ey - sy)
        nx, ny = -ay * 5.4 * zoom, ax * 5.4 * zoom
        brush.shape([(sx + nx, sy + ny), (ex + nx * 0.9, ey + ny * 0.9), (ex - nx * 0.9, ey - ny * 0.9),
                     (sx - nx, sy - ny)], self.sleeve)
        _line(brush.surface, SHIRT_CUFF, (ex + nx, ey + ny), (ex - nx, ey - ny), zoom, 3.0)  # the rolled cuff
        for first, shade in ((ARM_NEAR, self.near), (ARM_FAR, self.far)):
            x, y, *_ = _hand(points, first)
            brush.disc((x, y), 5.0 * brush.zoom, shade)


HOOD: Colour = (26, 30, 30)
SCARF: Colour = (84, 20, 26)
EYE: Colour = (200, 214, 190)


class KnifeLook(Brawler):
    """The knife fighter: lean and quick, a deep hood with a scarf's end flying behind, a long blade."""

    def __init__(self) -> None:
        super().__init__(0.85, 0.85, _torso(8.5, 6.2, 8.4, 5.0), (FILL_FAR, FILL_BODY, FILL_NEAR))
        self.hood = Shade(HOOD, 1.0)
        self.scarf = Shade(SCARF, 0.8)

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        zoom = brush.zoom
        nx, ny = points[NECK].tolist()
        flutter = math.sin(tick * 0.4) * 2.0
        end_x, end_y = frame.at(-1.6, -0.6)
        sway = tail.xs[2] * zoom
        scarf = [frame.at(-0.6, -0.9), (end_x + sway * 1.2, end_y + (4 + flutter) * zoom),
                 (end_x + sway * 1.4 - frame.fx * 6 * zoom, end_y + (9 + flutter) * zoom), (nx, ny)]
        brush.shape(scarf, self.scarf)
        hood = [frame.at(1.05, 0.45), frame.at(0.1, 1.3), frame.at(-1.45, 0.55), frame.at(-1.2, -1.0),
                (nx - frame.bx * -6 * zoom, ny - frame.by * -6 * zoom), frame.at(0.65, -1.05), frame.at(1.1, -0.3)]
        brush.shape(hood, self.hood)
        face = [frame.at(0.95, 0.35), frame.at(0.35, 0.45), frame.at(0.3, -0.6), frame.at(0.95, -0.3)]
        pygame.draw.polygon(brush.surface, FILL_FAR, face)  # the face lost in the hood's shadow
        if abs(frame.fx) + abs(frame.fy) > 0.35:
            _line(brush.surface, EYE, frame.at(0.55, 0.05), frame.at(0.85, 0.0), zoom)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        blade(brush.surface, points, ARM_NEAR, brush.zoom * 1.3, tick)


GUN_COAT: Colour = (36, 35, 40)
HAT: Colour = (30, 29, 33)
HAT_BAND: Colour = (92, 76, 58)
COLLAR: Colour = (170, 164, 150)
GUNMETAL: Colour = (58, 60, 68)


class GunmanLook(Brawler):
    """The gunman: a long belted coat that swings as he moves, a wide-brimmed fedora, a pistol."""

    def __init__(self) -> None:
        super().__init__(1.1, 1.05, _torso(11.0, 8.5, 11.0, 6.0), (FILL_FAR, FILL_BODY, FILL_NEAR))
        self.coat = Shade(GUN_COAT, 1.0)
        self.hat = Shade(HAT, 1.0)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        zoom = brush.zoom
        brush.shape(coat(points, frame, tail, zoom, 66.0, 16.0, 11.0, 12.0), self.coat)
        (wx, wy), (nx, ny), (cx, cy) = points[WAIST].tolist(), points[NECK].tolist(), points[CHEST].tolist()
        bx, by = frame.bx * 11 * zoom, frame.by * 11 * zoom
        _line(brush.surface, (20, 19, 22), (wx + bx, wy + by), (wx - bx, wy - by), zoom, 3.0)  # the belt
        fx, fy = -frame.bx, -frame.by
        collar = [(nx + fx * 2 * zoom, ny + fy * 2 * zoom), (nx + fx * 7 * zoom, ny + fy * 7 * zoom),
                  (cx + fx * 6 * zoom, cy + fy * 6 * zoom)]
        pygame.draw.polygon(brush.surface, COLLAR, collar)

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        brush.cluster(((frame.hx, frame.hy, frame.r * 1.02),), (self._jaw(frame),), self.body)
        brim = [frame.at(-2.0, 0.35), frame.at(2.1, 0.45), frame.at(1.9, 0.72), frame.at(-1.85, 0.7)]
        crown = [frame.at(-1.05, 0.6), frame.at(-0.9, 1.75), frame.at(0.0, 1.5), frame.at(0.95, 1.75),
                 frame.at(1.1, 0.6)]
        brush.cluster((), (brim, crown), self.hat)
        _line(brush.surface, HAT_BAND, frame.at(-0.92, 0.8), frame.at(0.97, 0.8), brush.zoom, 2.0)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        x, y, ax, ay, fx, fy = _hand(points, ARM_NEAR)
        zoom = brush.zoom
        up = -1.0 if figure.facing > 0 else 1.0  # the slide is on top of the hand, whichever way he faces
        nx, ny = -ay * zoom * up, ax * zoom * up

        def at(along: float, across: float) -> tuple[float, float]:
            return (x + ax * along * zoom + nx * across, y + ay * along * zoom + ny * across)

        barrel = [at(0, 2), at(15, 2), at(15, -1), at(0, -1), at(-2, -7), at(-6, -6), at(-4, 2)]
        brush.shape(barrel, self.near, GUNMETAL)
        _line(brush.surface, STEEL, at(0, 2), at(15, 2), zoom)


PLATE: Colour = (40, 43, 50)  # gunmetal armour
PLATE_EDGE: Colour = (118, 126, 140)
RIVET: Colour = (190, 196, 206)
SCALP: Colour = (44, 34, 32)


class BruteLook(Brawler):
    """The brute: huge, a vest of overlapping steel plates, a pauldron, iron-wrapped forearms, a
    shaved head that catches the light."""

    scale = 1.06

    def __init__(self) -> None:
        super().__init__(1.9, 1.6, _torso(15.0, 13.0, 19.0, 11.0, 7.0), (FILL_FAR, FILL_BODY, (26, 24, 28)))
        self.plate = Shade(PLATE, 0.75)
        self.scalp = Shade(SCALP, 1.0)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        zoom, surface = brush.zoom, brush.surface
        (wx, wy), (nx, ny) = points[WAIST].tolist(), points[NECK].tolist()
        bx, by = frame.bx * zoom, frame.by * zoom
        plates = []
        for top, bottom, half in ((0.08, 0.4, 15.0), (0.36, 0.7, 15.5), (0.66, 0.95, 13.0)):
            ax, ay = nx + (wx - nx) * top, ny + (wy - ny) * top
            cx, cy = nx + (wx - nx) * bottom, ny + (wy - ny) * bottom
            plates.append([(ax + bx * half, ay + by * half), (ax - bx * half, ay - by * half),
                           (cx - bx * (half - 2), cy - by * (half - 2)), (cx + bx * (half - 2), cy + by * (half - 2))])
        for plate in plates:
            brush.shape(plate, self.plate)
            _line(surface, PLATE_EDGE, plate[0], plate[1], zoom, 1.5)
            for end in (plate[0], plate[1]):
                x, y = (end[0] * 0.8 + plate[3 if end is plate[0] else 2][0] * 0.2,
                        end[1] * 0.8 + plate[3 if end is plate[0] else 2][1] * 0.2)
                pygame.draw.circle(surface, RIVET, (x, y), max(1.0, 1.3 * zoom))
        (sx, sy) = points[ARM_NEAR].tolist()
        brush.disc((sx, sy), 9.5 * zoom, self.plate)
        _line(surface, PLATE_EDGE, (sx - 7 * zoom, sy - 5 * zoom), (sx + 7 * zoom, sy - 5 * zoom), zoom, 1.5)

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        brush.cluster(((frame.hx, frame.hy, frame.r * 1.08),), (self._jaw(frame, 1.2),), self.scalp)
        x, y = frame.at(-0.1, 0.1)
        r = frame.r * 0.8
        pygame.draw.arc(brush.surface, PLATE_EDGE, (x - r, y - r, 2 * r, 2 * r), 1.8, 2.7, max(1, round(brush.zoom)))
        _line(brush.surface, FILL_FAR, frame.at(0.35, 0.2), frame.at(1.05, 0.22), brush.zoom, 2.0)  # the brow

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        zoom = brush.zoom
        (ex, ey), (wx, wy) = points[ARM_NEAR + 1].tolist(), points[ARM_NEAR + WRIST].tolist()
        ax, ay = _unit(wx - ex, wy - ey)
        nx, ny = -ay * 5.5 * zoom, ax * 5.5 * zoom
        mx, my = ex + (wx - ex) * 0.35, ey + (wy - ey) * 0.35
        brush.shape([(mx + nx, my + ny), (wx + nx, wy + ny), (wx - nx, wy - ny), (mx - nx, my - ny)], self.plate)
        x, y, *_ = _hand(points, ARM_NEAR)
        brush.disc((x, y), 6.5 * zoom, self.near)


def enemy_looks() -> dict[str, Look]:
    """Every enemy's look by name (the long-coated ones live in `game/render/bosses.py`)."""
    from game.render.bosses import AssassinLook, BossLook, DirectorLook

    return {
        "thug": ThugLook(), "knife": KnifeLook(), "gunman": GunmanLook(), "brute": BruteLook(),
        "assassin": AssassinLook(), "director": DirectorLook(), "boss": BossLook(),
    }
