"""Parallax layers and platform looks shared by every theme: the registries and the generic painters.

A level's `[[layers]]` are painted once each into a strip surface (and, where windows or signs glow,
a mask of the lit pixels that the darkness spares) and scrolled at their `depth`: a layer of depth d
moves d times as fast as the stage, and sits where the file puts it when the camera looks at the middle
of the level from the ballerina's spawn height. `y` is the layer's base in world px, `height` how far
up it reaches, `color` its main colour, `accent` its highlights, `density` how crowded it is, `seed`
varies the details.

Generic layer kinds (any theme): sky (night gradient and stars), moon, skyline (distant towers with lit
windows), rooftops (near roofs with chimneys, water tanks and aerials), windows (a wall of tall lit
windows), wall (a plain panelled wall, opaque), wires (power lines sagging across), neon_haze (a soft
coloured glow low in the sky), barre and mirrors (the Academy's studio wall).
The opera and alley modules add their own kinds; `LAYER_PAINTERS` holds them all.

Platform looks (`look = "..."` on a platform, any theme): ledge (plain stone), plus those of the themes.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable

import numpy as np
import pygame

from game.data.levels import LayerSpec, LevelSpec
from game.render.camera import VIEW_H, VIEW_W, Camera

KEY = (2, 1, 3)  # the colour key of the see-through parts of layers and scenery
LIT = (255, 255, 255)  # in a layer's lit mask: this pixel glows, the darkness leaves it as painted
STRIP_PAD = 80  # px of layer painted beyond what the camera can reach
HEAD_ROOM = 210.0  # px: the camera's usual height above the spawn (the view's own HEAD_ROOM)

Colour = tuple[int, int, int]
LayerPainter = Callable[[pygame.Surface, pygame.Surface, LayerSpec, random.Random], None]
LAYER_PAINTERS: dict[str, LayerPainter] = {}


def layer_kind(name: str) -> Callable[[LayerPainter], LayerPainter]:
    """Decorator: `painter(strip, lit, spec, rng)` paints layers of kind `name` (strip y down, base at the bottom)."""

    def register(painter: LayerPainter) -> LayerPainter:
        LAYER_PAINTERS[name] = painter
        return painter

    return register


def shade(colour: Colour, k: float) -> Colour:
    """A colour made darker (k < 1) or lighter (k > 1)."""
    return (min(255, int(colour[0] * k)), min(255, int(colour[1] * k)), min(255, int(colour[2] * k)))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    return (int(a[0] + (b[0] - a[0]) * t), int(a[1] + (b[1] - a[1]) * t), int(a[2] + (b[2] - a[2]) * t))


def gradient(surface: pygame.Surface, rect: pygame.Rect | tuple, top: Colour, bottom: Colour, grain: float = 0.0,
             seed: int = 0) -> None:
    """Fill a rect of a surface with a vertical gradient, with optional grain (0..1)."""
    r = pygame.Rect(rect).clip(surface.get_rect())
    if r.w <= 0 or r.h <= 0:
        return
    t = np.linspace(0.0, 1.0, r.h, dtype=np.float32)[None, :, None]
    column = np.array(top, np.float32) * (1 - t) + np.array(bottom, np.float32) * t
    rgb = np.repeat(column, r.w, axis=0)
    if grain:
        tile = np.random.default_rng(seed).normal(0, 6 * grain, (128, 128, 1)).astype(np.float32)
        rgb += np.tile(tile, (r.w // 128 + 1, r.h // 128 + 1, 1))[: r.w, : r.h]
    pygame.surfarray.blit_array(surface.subsurface(r), np.clip(rgb, 0, 255).astype(np.uint8))


def glow_rect(strip: pygame.Surface, lit: pygame.Surface, colour: Colour, rect: tuple) -> None:
    """A lit window or lamp: painted on the strip and marked in the lit mask."""
    pygame.draw.rect(strip, colour, rect)
    pygame.draw.rect(lit, LIT, rect)


def lit_window(strip: pygame.Surface, lit: pygame.Surface, colour: Colour, pane: tuple, rng: random.Random) -> None:
    """A lit window seen from the street: lamplight warmest under the ceiling, curtains drawn to the sides,
    a blind part-way down, and now and then somebody (or a plant) against the light."""
    x, y, w, h = pane
    for row in range(h):  # the lamp hangs near the ceiling: the light falls off towards the sill
        k = 1.05 - 0.4 * row / max(1, h - 1)
        pygame.draw.line(strip, shade(colour, k), (x, y + row), (x + w - 1, y + row))
    pygame.draw.rect(lit, LIT, pane)
    blind = rng.randint(h // 8, h // 2)
    pygame.draw.rect(strip, shade(colour, 0.55), (x, y, w, blind))
    pygame.draw.line(strip, shade(colour, 0.35), (x, y + blind), (x + w - 1, y + blind), 2)
    curtain = max(3, w // 6)
    for side in (x, x + w - curtain):  # curtains gathered at both sides, a fold of shadow down each
        pygame.draw.rect(strip, shade(colour, 0.42), (side, y, curtain, h))
        pygame.draw.line(strip, shade(colour, 0.3), (side + curtain // 2, y), (side + curtain // 2, y + h - 1))
    who = rng.random()
    shadow = shade(colour, 0.18)
    if who < 0.18:  # a figure at the window, head and shoulders
        cx = x + rng.randint(w // 3, 2 * w // 3)
        pygame.draw.circle(strip, shadow, (cx, y + h - 26), 6)
        pygame.draw.rect(strip, shadow, (cx - 10, y + h - 18, 20, 18), border_top_left_radius=8,
                         border_top_right_radius=8)
    elif who < 0.3:  # a plant on the sill
        cx = x + rng.randint(w // 4, 3 * w // 4)
        pygame.draw.polygon(strip, shadow, [(cx - 9, y + h - 4), (cx, y + h - 24), (cx + 9, y + h - 4)])
        pygame.draw.rect(strip, shadow, (cx - 6, y + h - 6, 12, 6))


class ParallaxLayer:
    """One painted layer and where it sits on screen for a camera."""

    def __init__(self, spec: LayerSpec, level: LevelSpec, zoom: float = 1.0) -> None:
        self.spec = spec
        self.depth = spec.depth
        self.zoom = zoom  # the scale it is painted at
        width, _height = level.size
        bounds = level.camera.bounds or (0.0, 0.0, width, level.size[1])
        self.ref_x, self.ref_y = width / 2, level.spawn[1] + HEAD_ROOM
        half = VIEW_W / 2 / zoom
        d = spec.depth
        self.x_lo = bounds[0] * d + self.ref_x * (1 - d) - half - STRIP_PAD
        x_hi = bounds[2] * d + self.ref_x * (1 - d) + half + STRIP_PAD
        self.top = spec.y + spec.height
        size = (int(x_hi - self.x_lo), int(spec.height))
        strip, lit = pygame.Surface(size), pygame.Surface(size)
        strip.fill(KEY)
        lit.fill(KEY)
        painter = LAYER_PAINTERS.get(spec.kind, paint_unknown)
        painter(strip, lit, spec, random.Random(spec.seed * 7919 + len(spec.kind)))
        if zoom != 1.0:
            scaled = (max(1, int(size[0] * zoom)), max(1, int(size[1] * zoom)))
            strip, lit = pygame.transform.scale(strip, scaled), pygame.transform.scale(lit, scaled)
        shining = pygame.mask.from_threshold(lit, LIT, (1, 1, 1, 255))
        self.lit_rects = sorted(shining.get_bounding_rects(), key=lambda r: r.x)  # each lit window, sign, star
        self.lit_x = [r.x for r in self.lit_rects]
        self.widest = max((r.w for r in self.lit_rects), default=0)
        self.solid_from = solid_from(strip)
        self.solid = opaque_mask(strip)
        self.strip = _keyed(strip)
        self.lit = _keyed(lit) if self.lit_rects else None

    def corner(self, camera: Camera) -> tuple[int, int]:
        """Where the strip's top-left corner falls on the canvas. The strip is painted at the level's
        zoom and kept there: when the camera zooms in or out of it for a moment, the far layers hold
        still about the middle of the screen, as distant scenery does when a camera moves in."""
        lag = 1.0 - self.depth
        x, y = self.x_lo + (camera.x - self.ref_x) * lag, self.top + (camera.y - self.ref_y) * lag
        sx = (x - camera.x) * self.zoom + VIEW_W / 2 + camera.shake_x
        sy = VIEW_H / 2 - (y - camera.y) * self.zoom + camera.shake_y
        return round(sx), round(sy)

    def draw(self, canvas: pygame.Surface, camera: Camera, hidden_below: int = VIEW_H) -> None:
        """Blit the layer, leaving out the rows from `hidden_below` down (nearer layers cover them)."""
        x, y = self.corner(camera)
        if hidden_below >= y + self.strip.get_height():
            canvas.blit(self.strip, (x, y))
        elif hidden_below > max(0, y):
            canvas.blit(self.strip, (x, y), pygame.Rect(0, 0, self.strip.get_width(), hidden_below - y))

    def covers_from(self, camera: Camera) -> int:
        """The canvas row from which this layer hides everything behind it (VIEW_H: nothing hidden)."""
        x, y = self.corner(camera)
        if x > 0 or x + self.strip.get_width() < VIEW_W or y + self.strip.get_height() < VIEW_H:
            return VIEW_H
        return max(0, y + self.solid_from)

    def is_solid_at(self, corner: tuple[int, int], px: int, py: int) -> bool:
        """Whether the layer, its top-left at `corner`, hides canvas point (px, py)."""
        lx, ly = px - corner[0], py - corner[1]
        w, h = self.strip.get_size()
        return 0 <= lx < w and 0 <= ly < h and bool(self.solid.get_at((lx, ly)))

    def light(self, dark: pygame.Surface, camera: Camera, hides: Callable[[int, int], bool], below: int) -> None:
        """Spare the layer's lit windows and signs from the darkness, unless something nearer hides them
        (`below`: the canvas row from which nearer layers hide everything)."""
        if self.lit is None:
            return
        cx, cy = self.corner(camera)
        first = bisect.bisect_left(self.lit_x, -cx - self.widest)
        last = bisect.bisect_right(self.lit_x, VIEW_W - cx)
        for r in self.lit_rects[first:last]:
            sx, sy = r.x + cx, r.y + cy
            if sy >= below or sy + r.h < 0 or sx + r.w < 0 or hides(sx + r.w // 2, sy + r.h // 2):
                continue
            dark.blit(self.lit, (sx, sy), r)


def opaque_mask(surface: pygame.Surface) -> pygame.mask.Mask:
    """Which pixels of a keyed surface are painted (a mask, quick to ask without locking the surface)."""
    mask = pygame.mask.from_threshold(surface, KEY, (1, 1, 1, 255))
    mask.invert()
    return mask


def solid_from(strip: pygame.Surface) -> int:
    """The first row from which every row of the strip down to its base is fully painted."""
    keyed = (pygame.surfarray.pixels2d(strip) == strip.map_rgb(KEY)).any(axis=0)
    holes = np.flatnonzero(keyed)
    return int(holes[-1]) + 1 if len(holes) else 0


def _keyed(surface: pygame.Surface) -> pygame.Surface:
    if pygame.display.get_surface() is not None:
        surface = surface.convert()
    surface.set_colorkey(KEY, pygame.RLEACCEL)
    return surface


# --- generic layers --------------------------------------------------------------------------------


def paint_unknown(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A kind nobody paints: a plain band of its colour, so the level still renders."""
    w, h = strip.get_size()
    gradient(strip, (0, 0, w, h), shade(spec.color, 0.7), spec.color)


@layer_kind("sky")
def paint_sky(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """The night sky: `color` overhead fading to `accent` at the horizon, stars by `density`."""
    w, h = strip.get_size()
    gradient(strip, (0, 0, w, h), spec.color, mix(spec.color, spec.accent, 0.45), 0.3, spec.seed)
    for _ in range(int(w * h * spec.density / 9000)):
        x, y = rng.randrange(w), int(rng.random() ** 1.6 * h * 0.8)
        bright = rng.randint(110, 230)
        strip.set_at((x, y), (bright, bright, min(255, bright + 25)))


@layer_kind("moon")
def paint_moon(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A full moon in a ring of haze, placed by `seed`; `accent` is its face."""
    w, h = strip.get_size()
    x, y = int(w * (0.2 + 0.6 * rng.random())), int(h * 0.45)
    r = max(12, int(min(h, 240) * 0.2))
    for k in range(6, 0, -1):
        pygame.draw.circle(strip, mix(spec.color, spec.accent, 0.08 * (7 - k)), (x, y), int(r * (1 + k * 0.35)))
    pygame.draw.circle(strip, spec.accent, (x, y), r)
    pygame.draw.circle(lit, LIT, (x, y), r)
    for _ in range(5):
        cx, cy = x + rng.randint(-r // 2, r // 2), y + rng.randint(-r // 2, r // 2)
        pygame.draw.circle(strip, shade(spec.accent, 0.85), (cx, cy), rng.randint(2, max(3, r // 4)))


def _towers(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random, low: float,
            widths: tuple[int, int], window: tuple[int, int]) -> None:
    """A row of buildings in silhouette with a scatter of lit windows."""
    w, h = strip.get_size()
    x = -rng.randint(0, 80)
    while x < w:
        bw = rng.randint(*widths)
        top = int(h * rng.uniform(0.0, 1.0 - low))
        body = shade(spec.color, rng.uniform(0.8, 1.15))
        pygame.draw.rect(strip, body, (x, top, bw, h - top))
        pygame.draw.line(strip, shade(body, 1.5), (x, top), (x + bw, top), 2)
        if rng.random() < 0.4:
            pygame.draw.line(strip, body, (x + bw // 2, top), (x + bw // 2, top - rng.randint(20, 60)), 2)
        ww, wh = window
        for wy in range(top + 10, h - wh, wh * 2):
            for wx in range(x + 6, x + bw - ww - 4, ww * 2):
                if rng.random() < spec.density * 0.35:
                    glow_rect(strip, lit, shade(spec.accent, rng.uniform(0.6, 1.0)), (wx, wy, ww, wh))
        x += bw + rng.randint(0, 20)


@layer_kind("skyline")
def paint_skyline(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Distant towers against the sky, a few windows lit (`density`), antennas on some roofs."""
    _towers(strip, lit, spec, rng, 0.3, (60, 160), (3, 4))


@layer_kind("rooftops")
def paint_rooftops(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Nearer roofs: low blocks with chimneys, water tanks on legs and lit attic windows."""
    w, h = strip.get_size()
    _towers(strip, lit, spec, rng, 0.55, (140, 320), (6, 9))
    for _ in range(max(1, w // 500)):
        x, base = rng.randrange(w), int(h * rng.uniform(0.05, 0.3))
        tank = shade(spec.color, 1.3)
        for leg in (x + 4, x + 34):
            pygame.draw.line(strip, tank, (leg, base), (leg, base + 40), 3)
        pygame.draw.rect(strip, tank, (x, base - 46, 40, 48), border_radius=6)
        pygame.draw.polygon(strip, tank, [(x - 3, base - 44), (x + 20, base - 64), (x + 43, base - 44)])


@layer_kind("windows")
def paint_windows(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A wall with tall windows in rows, some lit warm (`density`), mullions across the light."""
    w, h = strip.get_size()
    gradient(strip, (0, 0, w, h), spec.color, shade(spec.color, 0.6), 0.5, spec.seed)
    step = 150
    for x in range(40, w - 60, step):
        for y in range(20, h - 120, 180):
            pane = (x, y, 56, 110)
            if rng.random() < spec.density:
                glow_rect(strip, lit, shade(spec.accent, rng.uniform(0.55, 0.95)), pane)
            else:
                pygame.draw.rect(strip, shade(spec.color, 0.4), pane)
            pygame.draw.line(strip, shade(spec.color, 0.3), (x + 28, y), (x + 28, y + 110), 3)
            pygame.draw.line(strip, shade(spec.color, 0.3), (x, y + 50), (x + 56, y + 50), 3)
            pygame.draw.rect(strip, shade(spec.color, 1.4), (x - 4, y + 110, 64, 6))


@layer_kind("wall")
def paint_wall(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A plain interior wall with a dado rail and moulded panels, filling its whole band."""
    w, h = strip.get_size()
    gradient(strip, (0, 0, w, h), shade(spec.color, 0.7), spec.color, 0.6, spec.seed)
    for x in range(30, w, 240):
        pygame.draw.rect(strip, shade(spec.color, 0.6), (x, h // 5, 200, h // 2), 3)
        pygame.draw.rect(strip, shade(spec.accent, 0.5), (x + 6, h // 5 + 6, 188, h // 2 - 12), 1)
    pygame.draw.line(strip, shade(spec.accent, 0.6), (0, int(h * 0.78)), (w, int(h * 0.78)), 4)


@layer_kind("wires")
def paint_wires(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Power lines sagging between poles, a few bare bulbs strung along them (`density`)."""
    w, h = strip.get_size()
    span = 420
    for row in range(3):
        y0 = int(h * (0.15 + 0.25 * row))
        for x in range(-rng.randint(0, span), w, span):
            points = [(x + i * span / 12, y0 + 0.36 * h * 0.25 * (1 - ((i - 6) / 6) ** 2)) for i in range(13)]
            pygame.draw.lines(strip, spec.color, False, points, 2)
            for px, py in points[2:-2:3]:
                if rng.random() < spec.density * 0.5:
                    pygame.draw.line(strip, spec.color, (px, py), (px, py + 10), 1)
                    pygame.draw.circle(strip, spec.accent, (px, py + 13), 3)
                    pygame.draw.circle(lit, LIT, (px, py + 13), 3)
    for x in range(rng.randint(0, span), w, span):
        pygame.draw.rect(strip, spec.color, (x, int(h * 0.1), 6, h))
        pygame.draw.rect(strip, spec.color, (x - 24, int(h * 0.13), 54, 5))


@layer_kind("neon_haze")
def paint_neon_haze(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """The glow of a city's signs on low cloud: soft blooms of `color` and `accent` that stay lit."""
    w, h = strip.get_size()
    for x in range(rng.randint(0, 300), w, 520):
        colour = spec.color if rng.random() < 0.5 else spec.accent
        for k in range(8, 0, -1):
            r = int(h * 0.09 * k)
            bloom = shade(colour, 0.12 + 0.05 * (8 - k) * spec.density)
            pygame.draw.ellipse(strip, bloom, (x - r * 2, h - r, r * 4, r * 2))
            pygame.draw.ellipse(lit, LIT, (x - r * 2, h - r, r * 4, r * 2))


@layer_kind("barre")
def paint_barre(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A practice barre along the wall on iron brackets."""
    w, h = strip.get_size()
    y = h - 30
    for x in range(60, w, 260):
        pygame.draw.rect(strip, shade(spec.color, 0.5), (x - 3, y, 6, 22))
    pygame.draw.line(strip, spec.color, (0, y), (w, y), 7)
    pygame.draw.line(strip, spec.accent, (0, y - 2), (w, y - 2), 2)


@layer_kind("mirrors")
def paint_mirrors(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """A wall of mirrors: cool glass panels, seams, pale streaks of reflection."""
    w, h = strip.get_size()
    gradient(strip, (0, 0, w, h), shade(spec.color, 1.4), spec.color)
    for x in range(0, w, 170):
        pygame.draw.line(strip, shade(spec.color, 0.4), (x, 0), (x, h), 2)
        pygame.draw.polygon(strip, shade(spec.color, 1.8), [(x + 30, h), (x + 110, 0), (x + 130, 0), (x + 50, h)])
    pygame.draw.rect(strip, spec.accent, (0, 0, w, h), 3)


def paint_ledge(scenery: pygame.Surface, rect: pygame.Rect, spec, rng: random.Random) -> None:
    """Look "ledge": a plain stone ledge with a lit lip."""
    gradient(scenery, rect, (96, 94, 100), (40, 38, 44), 0.5, rng.randrange(1 << 20))
    pygame.draw.line(scenery, (150, 146, 150), rect.topleft, rect.topright, 3)


LookPainter = Callable[[pygame.Surface, pygame.Rect, object, random.Random], None]
LOOK_PAINTERS: dict[str, LookPainter] = {"ledge": paint_ledge}


def platform_look(name: str) -> Callable[[LookPainter], LookPainter]:
    """Decorator: `painter(scenery, rect, platform_spec, rng)` paints platforms whose `look` is `name`."""

    def register(painter: LookPainter) -> LookPainter:
        LOOK_PAINTERS[name] = painter
        return painter

    return register
