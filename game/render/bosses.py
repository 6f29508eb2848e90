"""The long-coated enemies' looks: the High Table assassin, the Director of the opera and the neon
alley's gang boss — each with cloth that swings with the `Tail` (see `game/render/enemies.py`)."""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.render.enemies import Brawler, Frame, Tail, _hand, _line, _torso, _unit, coat
from game.render.fighters import (
    ARM_NEAR,
    BUN,
    CHEST,
    FILL_BODY,
    FILL_FAR,
    FILL_NEAR,
    GLINT,
    HIP,
    NECK,
    STEEL,
    WAIST,
    Brush,
    Colour,
    Figure,
    Shade,
    blade,
)

COAT: Colour = (20, 20, 27)  # the assassin's tailored coat, a shade off black
COAT_SEAM: Colour = (56, 56, 68)
TIE: Colour = (176, 18, 32)
MASK: Colour = (226, 218, 200)  # a pale porcelain half-mask
HIGH_TABLE_GOLD: Colour = (232, 190, 92)  # the coin pinned to her lapel
PIN_SPARKLE_TICKS = 90  # ticks between two glints of the pin


class AssassinLook(Brawler):
    """A High Table assassin: the ballerina's school and build, a tailored coat flaring to the knees,
    a red tie, a porcelain mask, and the High Table's gold coin pinned on her lapel."""

    def __init__(self) -> None:
        black = (20, 18, 22)
        super().__init__(1.0, 1.0, _torso(10.0, 6.8, 9.4, 5.2), (FILL_FAR, FILL_BODY, FILL_NEAR), black)
        self.coat = Shade(COAT, 1.0)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        zoom, surface = brush.zoom, brush.surface
        brush.shape(coat(points, frame, tail, zoom, 52.0, 12.0, 8.5, 9.5), self.coat)
        (nx, ny), (cx, cy), (hx, hy) = points[NECK].tolist(), points[CHEST].tolist(), points[HIP].tolist()
        fx, fy = -frame.bx * zoom, -frame.by * zoom
        hem = (hx + fx * 6 + frame.dx * 40 * zoom, hy + fy * 6 + frame.dy * 40 * zoom)
        _line(surface, COAT_SEAM, (nx + fx * 4, ny + fy * 4), hem, zoom)
        ax, ay = frame.bx * zoom, frame.by * zoom
        tip = (cx + frame.dx * 6 * zoom + fx * 3.5, cy + frame.dy * 6 * zoom + fy * 3.5)
        tie = [(nx - ax * 2, ny - ay * 2), (nx + fx * 2.5, ny + fy * 2.5), (cx + fx * 4.5, cy + fy * 4.5), tip,
               (cx + fx * 1.5, cy + fy * 1.5)]
        pygame.draw.polygon(surface, TIE, tie)
        px, py = cx + fx * 6.5 - frame.dx * 4 * zoom, cy + fy * 6.5 - frame.dy * 4 * zoom  # the lapel
        pygame.draw.circle(surface, HIGH_TABLE_GOLD, (px, py), max(1.5, 2.4 * zoom))
        pygame.draw.circle(surface, (120, 88, 40), (px, py), max(1.0, 1.0 * zoom))
        shine = tick % PIN_SPARKLE_TICKS
        if shine < 10:
            size = (1.0 + 3.0 * math.sin(shine / 10 * math.pi)) * zoom
            _line(surface, GLINT, (px - size, py), (px + size, py), 1.0)
            _line(surface, GLINT, (px, py - size), (px, py + size), 1.0)

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """Sleek dark hair in a low knot, a pale porcelain mask with an eye slit cut in it."""
        zoom = brush.zoom
        bx, by = points[BUN].tolist()
        brush.cluster(((frame.hx, frame.hy, frame.r), (bx, by - frame.r * 0.4 * frame.uy, 3.2 * zoom)), (), self.body)
        r = frame.r
        mx, my = frame.at(0.55, -0.05)
        pygame.draw.ellipse(brush.surface, MASK, (mx - r * 0.55, my - r * 0.75, r * 1.1, r * 1.4))
        _line(brush.surface, FILL_FAR, frame.at(0.4, 0.2), frame.at(1.0, 0.18), zoom, 1.5)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        if figure.blade:
            blade(brush.surface, points, ARM_NEAR, brush.zoom, tick)


CAPE: Colour = (14, 12, 16)
CAPE_LINING: Colour = (128, 14, 30)  # the opera's crimson, inside his cape
TAILCOAT: Colour = (18, 17, 22)
SHIRT_FRONT: Colour = (206, 200, 186)
BOW_TIE: Colour = (244, 240, 230)
TOP_HAT: Colour = (16, 15, 19)
CANE: Colour = (70, 44, 32)
SILVER: Colour = (214, 218, 226)
CAPE_PX = 104.0  # px the cape hangs below his neck
CANE_PX = 46.0  # px
SWORD_PX = 54.0  # px the cane's blade reaches past his fist


class DirectorLook(Brawler):
    """The Director, the opera's boss: white tie and tails, a tall top hat, a crimson-lined cape that
    billows behind him, and a silver-knobbed cane that hides a sword."""

    scale = 1.02

    def __init__(self) -> None:
        super().__init__(1.1, 1.0, _torso(11.0, 8.5, 12.0, 6.0), (FILL_FAR, FILL_BODY, FILL_NEAR))
        self.cape = Shade(CAPE, 0.85)
        self.tails = Shade(TAILCOAT, 1.0)
        self.hat = Shade(TOP_HAT, 1.0)

    def behind(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """The cape from his shoulders, its back edge and hem flying with the cloth, until his first
        phase: then he has torn it off."""
        if brush.phase >= 1:
            return
        zoom = brush.zoom
        nx, ny = points[NECK].tolist()
        dx, dy, bx, by = frame.dx, frame.dy, frame.bx * zoom, frame.by * zoom
        xs, ys = [x * zoom * 1.4 for x in tail.xs], [-y * zoom * 1.4 for y in tail.ys]
        down = CAPE_PX * zoom
        cape = [(nx - bx * 7, ny - by * 7), (nx + bx * 9, ny + by * 9),
                (nx + dx * down * 0.5 + bx * 20 + xs[0], ny + dy * down * 0.5 + by * 20 + ys[0] * 0.5),
                (nx + dx * down + bx * 26 + xs[2], ny + dy * (down + ys[1]) + by * 26 + ys[2] - ys[1]),
                (nx + dx * (down - 4 * zoom) + bx * 4 + xs[1], ny + dy * (down - 4 * zoom + ys[1]) + by * 4),
                (nx + dx * down * 0.45 - bx * 5 + xs[0] * 0.4, ny + dy * down * 0.45 - by * 5)]
        lining = [(x - bx * 0.25, y + 3 * zoom) for x, y in cape]
        pygame.draw.polygon(brush.surface, CAPE_LINING, lining)
        brush.shape(cape, self.cape)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        """Tails behind to the knees, a white shirt front and bow tie."""
        zoom, surface = brush.zoom, brush.surface
        (hx, hy), (wx, wy), (nx, ny), (cx, cy) = (points[i].tolist() for i in (HIP, WAIST, NECK, CHEST))
        dx, dy, bx, by = frame.dx * zoom, frame.dy * zoom, frame.bx * zoom, frame.by * zoom
        xs, ys = [x * zoom for x in tail.xs], [-y * zoom for y in tail.ys]
        tails = [(wx + bx * 10, wy + by * 10), (hx + bx * 12, hy + by * 12),
                 (hx + dx * 48 + bx * 15 + xs[2], hy + dy * 48 + by * 15 + ys[2]),
                 (hx + dx * 42 + bx * 7 + xs[1], hy + dy * 42 + by * 7 + ys[1]), (hx + bx * 3, hy + by * 3)]
        brush.shape(tails, self.tails)
        fx, fy = -bx, -by
        shirt = [(nx + fx * 1, ny + fy * 1), (nx + fx * 8, ny + fy * 8), (cx + fx * 10, cy + fy * 10),
                 (wx + fx * 7, wy + fy * 7), (cx + fx * 4, cy + fy * 4)]
        pygame.draw.polygon(surface, SHIRT_FRONT, shirt)
        tx, ty = nx + fx * 6 + dx * 2, ny + fy * 6 + dy * 2
        w, h = 4 * zoom, 2.5 * zoom
        pygame.draw.polygon(surface, BOW_TIE, [(tx - w, ty - h), (tx + w, ty + h), (tx + w, ty - h), (tx - w, ty + h)])

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        brush.cluster(((frame.hx, frame.hy, frame.r),), (self._jaw(frame, 0.95),), self.body)
        brim = [frame.at(-1.3, 0.5), frame.at(1.4, 0.55), frame.at(1.3, 0.72), frame.at(-1.25, 0.7)]
        crown = [frame.at(-0.82, 0.62), frame.at(-0.9, 2.35), frame.at(0.9, 2.35), frame.at(0.82, 0.62)]
        brush.cluster((), (brim, crown), self.hat)
        _line(brush.surface, CAPE_LINING, frame.at(-0.84, 0.95), frame.at(0.84, 0.95), brush.zoom, 2.5)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        """The cane, knob in his fist; drawn out as a sword when the pose shows a blade."""
        x, y, ax, ay, *_ = _hand(points, ARM_NEAR)
        zoom, surface = brush.zoom, brush.surface
        if figure.blade:
            tip = (x + ax * SWORD_PX * zoom, y + ay * SWORD_PX * zoom)
            _line(surface, STEEL, (x, y), tip, zoom, 2.0)
            shine = (tick % 24) / 24.0
            sx, sy = x + ax * SWORD_PX * zoom * shine, y + ay * SWORD_PX * zoom * shine
            _line(surface, GLINT, (sx - 3 * zoom, sy), (sx + 3 * zoom, sy), zoom)
            brush.lit.append([(x - 2, y - 2), (tip[0] - 2, tip[1] - 2), (tip[0] + 2, tip[1] + 2), (x + 2, y + 2)])
        else:
            end = (x + ax * CANE_PX * zoom, y + ay * CANE_PX * zoom)
            _line(surface, CANE, (x, y), end, zoom, 2.5)
        pygame.draw.circle(surface, SILVER, (x - ax * 3 * zoom, y - ay * 3 * zoom), 2.8 * zoom)


NEON_MAGENTA: Colour = (238, 70, 196)
NEON_CYAN: Colour = (70, 222, 238)
BOSS_COAT: Colour = (58, 30, 70)  # plum, lit by his own neon
FUR: Colour = (150, 128, 106)
FUR_TIPS = 11  # points of the ragged fur collar
GOLD: Colour = (236, 196, 96)
SHADES: Colour = (12, 10, 14)


class BossLook(Brawler):
    """The neon alley's gang boss: big, a plum coat with a ragged fur collar, gold rings and chain,
    dark glasses, rim-lit by the magenta and cyan of his own signs."""

    scale = 1.02

    def __init__(self) -> None:
        neon = (NEON_MAGENTA, NEON_CYAN)
        super().__init__(1.3, 1.2, _torso(13.0, 11.0, 15.0, 8.0, 5.0), (FILL_FAR, FILL_BODY, FILL_NEAR), rims=neon)
        self.coat = Shade(BOSS_COAT, 1.0, rims=neon)
        self.fur = Shade(FUR, 0.8, rims=neon)

    def dress(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        zoom, surface = brush.zoom, brush.surface
        brush.shape(coat(points, frame, tail, zoom, 58.0, 18.0, 13.0, 14.0), self.coat)
        (nx, ny), (cx, cy) = points[NECK].tolist(), points[CHEST].tolist()
        fx, fy = -frame.bx * zoom, -frame.by * zoom
        chain = [(nx + fx * 3 + (cx - nx) * t + fx * 6 * math.sin(t * math.pi), ny + fy * 3 + (cy - ny) * t * 1.3
                  + fy * 6 * math.sin(t * math.pi)) for t in (0.0, 0.3, 0.6, 0.9)]
        pygame.draw.lines(surface, GOLD, False, chain, max(1, round(1.5 * zoom)))
        ux, uy = -frame.dx, -frame.dy
        ox, oy = nx + ux * 2 * zoom, ny + uy * 2 * zoom
        fur = []
        for i in range(FUR_TIPS):
            a = math.pi * (0.05 + 0.9 * i / (FUR_TIPS - 1))  # round the back of the neck, shoulder to shoulder
            reach = (15.0 if i % 2 else 10.5) * zoom
            across, up = math.cos(a) * reach * 1.2, math.sin(a) * reach * 0.75
            up -= 6 * zoom
            fur.append((ox + frame.bx * across + ux * up, oy + frame.by * across + uy * up))
        brush.shape(fur, self.fur)

    def head(self, brush: Brush, points: np.ndarray, frame: Frame, tail: Tail, tick: int) -> None:
        hair = [frame.at(0.6, 0.9), frame.at(-0.4, 1.15), frame.at(-1.35, 0.5), frame.at(-1.1, -0.2)]
        brush.cluster(((frame.hx, frame.hy, frame.r * 1.05),), (self._jaw(frame, 1.1), hair), self.body)
        _line(brush.surface, SHADES, frame.at(0.2, 0.15), frame.at(1.05, 0.12), brush.zoom, 3.0)
        _line(brush.surface, NEON_CYAN, frame.at(0.55, 0.22), frame.at(0.95, 0.2), brush.zoom, 1.0)

    def hand(self, brush: Brush, points: np.ndarray, figure: Figure, tick: int) -> None:
        """Gold rings on his fist, catching the light as it moves."""
        x, y, ax, ay, *_ = _hand(points, ARM_NEAR)
        zoom = brush.zoom
        brush.disc((x, y), 5.2 * zoom, self.near)
        nx, ny = _unit(-ay, ax)
        for k, at in enumerate((-1.8, 1.8)):
            rx, ry = x + ax * 3 * zoom + nx * at * zoom, y + ay * 3 * zoom + ny * at * zoom
            pygame.draw.circle(brush.surface, GOLD, (rx, ry), max(1.0, 1.6 * zoom))
            if (tick // 8 + k) % 6 == 0:
                pygame.draw.circle(brush.surface, GLINT, (rx, ry), max(1.0, 1.0 * zoom))
