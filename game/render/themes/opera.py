"""The Opera House (theme "opera"): a shadowy auditorium seen from the stage, warm gold on black.

Layer kinds: curtains (red velvet drapes with folds, gold fringe and a swagged valance; `density` how
much of the width they hide), proscenium (gilded arches framing each bay), balconies (tiers of gilded
boxes with little lamps lit by `density`), seats (rows of red seats falling away into the dark),
chandelier_glow (a warm bloom high in the house), backstage (brick, fly ropes, sandbags, costume racks).

Platform looks: stage (boards with a gilt lip and footlight troughs; the default for a wide solid floor),
balcony (a gilded balcony front, for one-way ledges), pit_rail (the orchestra pit's brass rail), pit
(the pit's floor with music stands), backstage (a bare floor with the brick hall painted above it up to
the ceiling, hiding the auditorium behind: the candle-lit halls further on).

Props: chandelier (gilt tiers, crystals, candles that glow), candelabra (brass, three flames), chair
(a theatre chair in red plush), music_stand, trunk (a costume trunk with brass corners).
Lights are drawn as fixtures where they are: footlight shells, candle sconces, spot lanterns.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pygame

from game.data.levels import LayerSpec, PlatformSpec
from game.render.props import prop_look
from game.render.stage import MARGIN, Stage, register_theme
from game.render.themes.common import LIT, glow_rect, gradient, layer_kind, mix, platform_look, shade

GOLD, GOLD_DARK, GOLD_LIGHT = (196, 150, 64), (96, 66, 26), (250, 214, 130)
VELVET, VELVET_DARK, VELVET_LIGHT = (128, 18, 30), (44, 4, 10), (196, 52, 60)
BOARDS = (92, 60, 36)
FLAME, FLAME_CORE = (255, 170, 60), (255, 240, 200)
BRICK, MORTAR = (88, 44, 34), (40, 26, 22)
HALL_TILE = 528  # px after which the backstage brickwork repeats
FOOTLIGHT_DEPTH = 26  # px of trough and lip along the stage's front edge


def velvet(surface: pygame.Surface, rect: pygame.Rect, colour: tuple, fold: int, seed: int) -> None:
    """Velvet hanging in folds: bright crests and deep troughs down its length, darker at the top."""
    r = rect.clip(surface.get_rect())
    if r.w <= 0 or r.h <= 0:
        return
    rng = np.random.default_rng(seed)
    xs = np.arange(r.w, dtype=np.float32) + r.x - rect.x
    phase = rng.uniform(0, 6.28)
    folds = 0.5 + 0.5 * np.sin(xs / fold * math.tau + phase + 0.6 * np.sin(xs / (fold * 2.7)))
    light = (0.25 + 0.95 * folds**1.6)[:, None]
    down = np.linspace(0.55, 1.0, r.h, dtype=np.float32)[None, :]
    rgb = np.array(colour, np.float32)[None, None, :] * (light * down)[..., None]
    pygame.surfarray.blit_array(surface.subsurface(r), np.clip(rgb, 0, 255).astype(np.uint8))


def fringe(surface: pygame.Surface, y: int, x0: int, x1: int, rng: random.Random) -> None:
    """A gold bullion fringe hanging below a hem at y."""
    pygame.draw.line(surface, GOLD_LIGHT, (x0, y), (x1, y), 3)
    for x in range(x0, x1, 4):
        drop = rng.randint(10, 15)
        pygame.draw.line(surface, GOLD if x % 8 else GOLD_DARK, (x, y + 2), (x, y + drop), 2)


# --- layers ------------------------------------------------------------------------------------


@layer_kind("curtains")
def paint_curtains(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Red velvet drapes tied back in pairs, a swagged valance across the top with gold fringe."""
    w, h = strip.get_size()
    bay = 1100
    drape = int(bay * (0.18 + 0.3 * spec.density))
    colour = spec.color if spec.color != (20, 20, 28) else VELVET
    tie = int(h * 0.6)
    rows = np.arange(h, dtype=np.float32)
    above = 1.0 - 0.65 * np.clip(rows / tie, 0, 1) ** 1.4
    below = 0.35 + 0.5 * np.clip((rows - tie) / max(1, h - tie), 0, 1) ** 0.8
    reach = np.where(rows < tie, above, below)  # share of the drape's width covered at each row
    cloth = pygame.Surface((drape, h))
    pixels = pygame.surfarray.pixels3d(strip)
    for x in range(-rng.randint(0, bay // 2), w, bay):
        for left, side in ((x, 1), (x + bay - drape, -1)):
            velvet(cloth, cloth.get_rect(), colour, 30, rng.randrange(1 << 20))
            cols = np.arange(drape, dtype=np.float32)[:, None]
            inside = (cols < reach[None, :] * drape) if side > 0 else (cols >= (1 - reach[None, :]) * drape)
            lo, hi = max(0, left), min(w, left + drape)
            if lo >= hi:
                continue
            part = pygame.surfarray.array3d(cloth)[lo - left:hi - left]
            mask = inside[lo - left:hi - left]
            pixels[lo:hi][mask] = part[mask]
            del part
    del pixels
    for x in range(-rng.randint(0, bay // 2), w, bay):
        for knot_x in (x + drape * 0.35, x + bay - drape * 0.35):
            pygame.draw.circle(strip, GOLD, (knot_x, tie), 9)
            pygame.draw.line(strip, GOLD_LIGHT, (knot_x, tie + 8), (knot_x, tie + 44), 3)
            pygame.draw.circle(strip, GOLD_LIGHT, (knot_x, tie + 48), 6)
    valance = int(min(140, h * 0.22))
    velvet(strip, pygame.Rect(0, 0, w, valance), colour, 22, spec.seed)
    swag = 220
    for x in range(0, w + swag, swag):
        pygame.draw.arc(strip, VELVET_DARK, (x - swag // 2, valance - 70, swag, 90), math.pi, math.tau, 6)
        pygame.draw.circle(strip, GOLD, (x - swag // 2, valance - 26), 6)
    fringe(strip, valance, 0, w, rng)


@layer_kind("proscenium")
def paint_proscenium(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Gilded pilasters and arches framing each bay of the house, dark between."""
    w, h = strip.get_size()
    bay = 1800
    gold = shade(spec.accent, 0.7)
    for x in range(-rng.randint(0, bay // 2), w, bay):
        for px in (x, x + bay - 64):
            gradient(strip, (px, 0, 64, h), shade(gold, 0.55), shade(gold, 0.2))
            for k in (10, 32, 54):
                pygame.draw.line(strip, shade(gold, 0.8), (px + k, 70), (px + k, h - 40), 1)
            pygame.draw.rect(strip, shade(gold, 0.8), (px - 8, h - 40, 80, 40))
            pygame.draw.rect(strip, shade(gold, 0.9), (px - 12, 44, 88, 22))
        arch = pygame.Rect(x + 32, -int(h * 0.2), bay - 64, int(h * 0.5))
        pygame.draw.arc(strip, shade(gold, 0.7), arch, 0, math.pi, 26)
        pygame.draw.arc(strip, shade(gold, 1.1), arch.inflate(-36, -26), 0, math.pi, 2)
        pygame.draw.circle(strip, shade(gold, 1.0), (x + bay // 2, arch.y + 14), 24)
        pygame.draw.circle(strip, shade(gold, 0.4), (x + bay // 2, arch.y + 14), 14)


@layer_kind("balconies")
def paint_balconies(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Tiers of private boxes: dark openings over gilded, curving fronts, a little lamp in some."""
    w, h = strip.get_size()
    tiers = max(1, h // 150)
    tier_h = h // tiers
    gradient(strip, (0, 0, w, h), shade(spec.color, 0.6), spec.color)
    for t in range(tiers):
        top = t * tier_h
        box = 150 - 10 * t
        for x in range(-rng.randint(0, box), w, box):
            pygame.draw.rect(strip, shade(spec.color, 0.3), (x + 12, top + 14, box - 24, tier_h - 54))
            pygame.draw.rect(strip, mix(VELVET_DARK, spec.color, 0.3), (x + 14, top + 18, box - 28, 16))
            if rng.random() < spec.density:
                lamp = (x + box // 2, top + tier_h // 2 - 8)
                pygame.draw.line(strip, shade(spec.accent, 0.4), (lamp[0], lamp[1] + 5), (lamp[0], lamp[1] + 14), 2)
                pygame.draw.circle(strip, (255, 214, 150), lamp, 4)
                pygame.draw.circle(lit, LIT, lamp, 4)
            pygame.draw.rect(strip, shade(spec.accent, 0.5), (x + 4, top, 8, tier_h))
        front = top + tier_h - 40
        gradient(strip, (0, front, w, 34), shade(spec.accent, 0.95), shade(spec.accent, 0.4))
        for x in range(0, w, 30):
            pygame.draw.ellipse(strip, shade(spec.accent, 1.25), (x + 6, front + 9, 16, 16), 2)
        pygame.draw.line(strip, shade(spec.accent, 1.4), (0, front), (w, front), 2)


@layer_kind("seats")
def paint_seats(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Rows of red plush seats, the far rows higher, smaller and darker, falling away into darkness."""
    w, h = strip.get_size()
    colour = spec.color if spec.color != (20, 20, 28) else VELVET
    rows = max(3, int(4 + 10 * spec.density))
    y = h
    for row in range(rows):
        near = 1.0 - row / rows
        size = int(14 + 26 * near)
        light = 0.2 + 0.8 * near**1.5
        y -= int(size * 0.75)
        if y < 0:
            break
        pygame.draw.rect(strip, shade(colour, 0.15 * light), (0, y + size // 2, w, int(size * 0.75)))
        for x in range(-(row * 7) % size - size, w, size + 3):
            back = (x, y, size, int(size * 0.9))
            pygame.draw.rect(strip, shade(colour, light), back, border_top_left_radius=size // 2,
                             border_top_right_radius=size // 2)
            pygame.draw.line(strip, shade(colour, light * 1.6), (x + 3, y + 3), (x + size - 4, y + 3), 2)
            pygame.draw.line(strip, shade(spec.accent, light * 0.6), (x + size, y + 4), (x + size, y + size), 2)


@layer_kind("chandelier_glow")
def paint_chandelier_glow(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """The bloom of great chandeliers high in the house, warm rings of light that stay lit."""
    w, h = strip.get_size()
    for x in range(rng.randint(200, 700), w, 1600):
        cy = h // 2
        for k in range(10, 0, -1):
            r = int(h * 0.05 * k)
            pygame.draw.ellipse(strip, shade(spec.accent, 0.08 + 0.05 * (10 - k)), (x - r * 1.5, cy - r, r * 3, r * 2))
        for i in range(9):
            a = i / 9 * math.tau
            p = (x + math.cos(a) * h * 0.14, cy + math.sin(a) * h * 0.05)
            glow_rect(strip, lit, FLAME_CORE, (p[0] - 2, p[1] - 3, 4, 6))
        pygame.draw.ellipse(lit, LIT, (x - h * 0.2, cy - h * 0.1, h * 0.4, h * 0.2))


def paint_hall(surface: pygame.Surface, rect: pygame.Rect, rng: random.Random) -> None:
    """A brick backstage hall: fly ropes from the dark, sandbags, costume racks, flats leaning."""
    r = rect.clip(surface.get_rect())
    if r.w <= 0 or r.h <= 0:
        return
    noise = np.random.default_rng(rng.randrange(1 << 20))
    tile_w = min(r.w, HALL_TILE)  # the brickwork repeats every HALL_TILE px
    rows = np.arange(r.h) // 14
    offset = (rows % 2) * 22
    xs = np.arange(tile_w)[:, None] + offset[None, :]
    mortar = ((np.arange(r.h) % 14)[None, :] < 2) | ((xs % 44) < 2)
    tone = noise.uniform(0.7, 1.1, (tile_w // 44 + 3, r.h // 14 + 2)).astype(np.float32)
    per_brick = tone[(xs // 44).clip(0, tone.shape[0] - 1), rows[None, :].clip(0, tone.shape[1] - 1)]
    down = np.linspace(0.35, 1.0, r.h, dtype=np.float32)[None, :, None]
    rgb = np.where(mortar[..., None], np.array(MORTAR, np.float32), np.array(BRICK, np.float32) * per_brick[..., None])
    tile = np.clip(rgb * down, 0, 255).astype(np.uint8)
    pygame.surfarray.blit_array(surface.subsurface(r), np.tile(tile, (r.w // tile_w + 1, 1, 1))[: r.w])
    rope, sand = (150, 124, 84), (120, 100, 70)
    for x in range(r.x + rng.randint(20, 120), r.right, rng.randint(140, 260)):
        bottom = r.y + int(r.h * rng.uniform(0.35, 0.8))
        pygame.draw.line(surface, rope, (x, r.y), (x, bottom), 2)
        if rng.random() < 0.6:
            pygame.draw.ellipse(surface, sand, (x - 14, bottom, 28, 34))
            pygame.draw.line(surface, shade(sand, 0.6), (x - 10, bottom + 8), (x + 10, bottom + 8), 2)
    for x in range(r.x + rng.randint(100, 300), r.right - 160, rng.randint(500, 800)):
        base = r.bottom - 10
        pygame.draw.line(surface, (70, 70, 76), (x, base), (x, base - 150), 3)
        pygame.draw.line(surface, (70, 70, 76), (x + 150, base), (x + 150, base - 150), 3)
        pygame.draw.line(surface, (110, 110, 118), (x - 4, base - 150), (x + 154, base - 150), 4)
        for k in range(8):
            cloth = rng.choice((VELVET, (40, 60, 110), (200, 190, 160), (30, 80, 60), (150, 110, 40)))
            cx = x + 10 + k * 17
            pygame.draw.polygon(surface, shade(cloth, 0.8), [(cx, base - 146), (cx + 12, base - 146),
                                                            (cx + 18, base - 40), (cx - 6, base - 40)])
            pygame.draw.line(surface, shade(cloth, 1.3), (cx + 2, base - 144), (cx - 3, base - 44), 1)


@layer_kind("backstage")
def paint_backstage(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """The brick halls behind the stage as a far layer: ropes, sandbags, costume racks."""
    paint_hall(strip, strip.get_rect(), rng)


# --- platform looks ------------------------------------------------------------------------------


@platform_look("stage")
def paint_stage(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """The stage: polished boards seen from just above, a gilt lip and the footlight trough in front."""
    top = rect.y
    boards = pygame.Rect(rect.x, top - 40, rect.w, 40)
    gradient(scenery, boards, shade(BOARDS, 0.45), BOARDS, 0.6, rng.randrange(1 << 20))
    for k, y in enumerate(range(boards.y + 4, top, 7)):
        pygame.draw.line(scenery, shade(BOARDS, 0.5 + 0.05 * k), (rect.x, y), (rect.right, y), 1)
    pygame.draw.line(scenery, (196, 150, 100), (rect.x, top), (rect.right, top), 2)
    trough = pygame.Rect(rect.x, top + 2, rect.w, FOOTLIGHT_DEPTH)
    gradient(scenery, trough, (30, 20, 14), (12, 8, 8))
    pygame.draw.line(scenery, GOLD, (rect.x, trough.bottom), (rect.right, trough.bottom), 4)
    pygame.draw.line(scenery, GOLD_LIGHT, (rect.x, trough.bottom - 2), (rect.right, trough.bottom - 2), 1)
    front = pygame.Rect(rect.x, trough.bottom + 4, rect.w, rect.bottom - trough.bottom - 4)
    velvet(scenery, front, VELVET_DARK, 40, rng.randrange(1 << 20))
    for x in range(rect.x, rect.right, 120):
        pygame.draw.circle(scenery, GOLD_DARK, (x + 60, trough.bottom + 20), 6, 2)


@platform_look("balcony")
def paint_balcony(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """A gilded balcony front: a rail on top, a bellied panel with cartouches, a shadow below."""
    shadow = pygame.Surface((rect.w, 60), pygame.SRCALPHA)
    for k in range(6):
        pygame.draw.rect(shadow, (0, 0, 0, 30), (0, 0, rect.w, 60 - k * 10))
    scenery.blit(shadow, (rect.x, rect.bottom))
    panel = pygame.Rect(rect.x, rect.y, rect.w, max(rect.h, 40))
    gradient(scenery, panel, GOLD, GOLD_DARK)
    pygame.draw.rect(scenery, VELVET, (rect.x + 6, rect.y + 8, rect.w - 12, 10))
    for x in range(rect.x + 30, rect.right - 20, 60):
        pygame.draw.ellipse(scenery, GOLD_LIGHT, (x - 12, panel.y + 20, 24, 16), 2)
        pygame.draw.circle(scenery, GOLD_DARK, (x, panel.y + 28), 3)
    pygame.draw.line(scenery, GOLD_LIGHT, (rect.x, rect.y), (rect.right, rect.y), 3)
    pygame.draw.line(scenery, GOLD_DARK, (rect.x, panel.bottom), (rect.right, panel.bottom), 3)
    for x in (rect.x + 2, rect.right - 8):
        pygame.draw.rect(scenery, GOLD_DARK, (x, panel.bottom, 6, 40))


@platform_look("pit_rail")
def paint_pit_rail(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """The orchestra pit's brass rail on little posts, with a velvet skirt below it."""
    velvet(scenery, pygame.Rect(rect.x, rect.y + 6, rect.w, rect.h - 6), VELVET_DARK, 20, 3)
    for x in range(rect.x + 4, rect.right, 36):
        pygame.draw.line(scenery, GOLD_DARK, (x, rect.y), (x, rect.y + 24), 3)
    pygame.draw.line(scenery, GOLD, (rect.x, rect.y + 2), (rect.right, rect.y + 2), 6)
    pygame.draw.line(scenery, GOLD_LIGHT, (rect.x, rect.y), (rect.right, rect.y), 2)


@platform_look("pit")
def paint_pit(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """The floor of the orchestra pit: dark boards, chairs and music stands left by the players."""
    gradient(scenery, rect, (40, 28, 22), (8, 6, 6))
    for x in range(rect.x + 30, rect.right - 30, 90):
        pygame.draw.line(scenery, (70, 60, 50), (x, rect.y), (x, rect.y - 46), 2)
        pygame.draw.polygon(scenery, (60, 52, 46), [(x - 16, rect.y - 46), (x + 16, rect.y - 46), (x + 12, rect.y - 66),
                                                   (x - 12, rect.y - 66)])
        pygame.draw.line(scenery, (200, 190, 170), (x - 10, rect.y - 60), (x + 10, rect.y - 60), 1)


@platform_look("backstage")
def paint_backstage_floor(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """Backstage: a bare scuffed floor, and the brick hall painted above it to the top of the picture."""
    paint_hall(scenery, pygame.Rect(rect.x, 0, rect.w, rect.y - 30), rng)
    gradient(scenery, pygame.Rect(rect.x, rect.y - 30, rect.w, 30), (34, 30, 28), (70, 60, 52), 0.6, 5)
    gradient(scenery, pygame.Rect(rect.x, rect.y, rect.w, rect.h), (86, 72, 60), (20, 16, 14), 0.8, 6)
    pygame.draw.line(scenery, (130, 110, 90), (rect.x, rect.y), (rect.right, rect.y), 2)


# --- props --------------------------------------------------------------------------------------


def _chandelier_points(w: int, h: int) -> tuple[list, list]:
    """Where a chandelier's candles and crystal drops sit in its sprite."""
    candles, crystals = [], []
    for tier, (spread, y) in enumerate(((0.46, 0.55), (0.3, 0.32))):
        n = 7 - tier * 2
        for i in range(n):
            x = w / 2 + (i - (n - 1) / 2) / ((n - 1) / 2) * w * spread
            candles.append((x, h * y))
            crystals.append((x, h * y + 0.18 * h))
    for i in range(11):
        crystals.append((w / 2 + (i - 5) * w * 0.07, h * (0.8 + 0.1 * (1 - abs(i - 5) / 5))))
    return candles, crystals


def paint_chandelier_lit(w: int, h: int) -> pygame.Surface:
    """What of a chandelier shines: the candle flames and glints in the crystals."""
    sprite = pygame.Surface((w, h))
    candles, crystals = _chandelier_points(w, h)
    for x, y in candles:
        pygame.draw.ellipse(sprite, (150, 90, 30), (x - 7, y - 20, 14, 18))
        pygame.draw.ellipse(sprite, FLAME_CORE, (x - 2, y - 14, 4, 9))
    for x, y in crystals:
        pygame.draw.circle(sprite, (120, 120, 140), (x, y), 2)
    return sprite


@prop_look("chandelier", lit=paint_chandelier_lit)
def paint_chandelier(w: int, h: int) -> pygame.Surface:
    """A great chandelier: a gilt stem and two tiers of curving arms, candles, hanging crystal drops."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    candles, crystals = _chandelier_points(w, h)
    cx = w / 2
    pygame.draw.line(sprite, GOLD_DARK, (cx, 0), (cx, h * 0.78), 5)
    for y, spread in ((h * 0.62, 0.47), (h * 0.4, 0.31)):
        pygame.draw.ellipse(sprite, GOLD, (cx - w * spread, y - 8, w * spread * 2, 16), 3)
        pygame.draw.ellipse(sprite, GOLD_LIGHT, (cx - w * spread, y - 9, w * spread * 2, 12), 1)
    for x, y in candles:
        pygame.draw.line(sprite, GOLD, (cx, y + h * 0.2), (x, y + 4), 2)
        pygame.draw.rect(sprite, (236, 226, 200), (x - 2, y - 4, 5, 10))
        pygame.draw.rect(sprite, GOLD, (x - 5, y + 4, 11, 3))
    for x, y in crystals:
        pygame.draw.line(sprite, (170, 180, 200), (x, y - 8), (x, y), 1)
        pygame.draw.polygon(sprite, (200, 214, 240), [(x, y), (x + 3, y + 5), (x, y + 10), (x - 3, y + 5)])
    pygame.draw.circle(sprite, GOLD_LIGHT, (cx, h * 0.8), 7)
    pygame.draw.circle(sprite, GOLD, (cx, 6), 6)
    return sprite


def paint_candelabra_lit(w: int, h: int) -> pygame.Surface:
    sprite = pygame.Surface((w, h))
    for x in (w * 0.15, w * 0.5, w * 0.85):
        y = h * 0.12 if x == w * 0.5 else h * 0.2
        pygame.draw.ellipse(sprite, (150, 90, 30), (x - 6, y - 16, 12, 16))
        pygame.draw.ellipse(sprite, FLAME_CORE, (x - 2, y - 11, 4, 8))
    return sprite


@prop_look("candelabra", lit=paint_candelabra_lit)
def paint_candelabra(w: int, h: int) -> pygame.Surface:
    """A brass candelabra: a weighted foot, a stem, two curving arms, three white candles."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    cx = w / 2
    foot = [(cx - w * 0.3, h), (cx + w * 0.3, h), (cx + 4, h * 0.85), (cx - 4, h * 0.85)]
    pygame.draw.polygon(sprite, GOLD_DARK, foot)
    pygame.draw.line(sprite, GOLD, (cx, h * 0.86), (cx, h * 0.2), 4)
    pygame.draw.arc(sprite, GOLD, (w * 0.15, h * 0.2, w * 0.7, h * 0.3), math.pi, math.tau, 3)
    for x in (w * 0.15, w * 0.5, w * 0.85):
        y = h * 0.12 if x == cx else h * 0.2
        pygame.draw.rect(sprite, (236, 226, 200), (x - 2, y, 5, h * 0.12))
        pygame.draw.ellipse(sprite, GOLD_LIGHT, (x - 6, y + h * 0.11, 12, 5))
    return sprite


@prop_look("chair")
def paint_chair(w: int, h: int) -> pygame.Surface:
    """A theatre chair in side view: red plush seat and back on a dark bentwood frame."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    wood = (58, 36, 24)
    pygame.draw.line(sprite, wood, (w * 0.15, h), (w * 0.2, h * 0.5), 4)
    pygame.draw.line(sprite, wood, (w * 0.85, h), (w * 0.8, h * 0.5), 4)
    pygame.draw.line(sprite, wood, (w * 0.8, h * 0.55), (w * 0.86, 0), 4)
    pygame.draw.rect(sprite, VELVET, (w * 0.1, h * 0.45, w * 0.8, h * 0.12), border_radius=4)
    pygame.draw.rect(sprite, VELVET, (w * 0.66, h * 0.04, w * 0.22, h * 0.42), border_radius=5)
    pygame.draw.line(sprite, VELVET_LIGHT, (w * 0.12, h * 0.46), (w * 0.86, h * 0.46), 2)
    return sprite


@prop_look("music_stand")
def paint_music_stand(w: int, h: int) -> pygame.Surface:
    """A music stand: a tripod, a thin shaft and a tilted desk holding a sheet of music."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    iron = (70, 68, 72)
    cx = w / 2
    for foot in (w * 0.1, w * 0.9, cx):
        pygame.draw.line(sprite, iron, (cx, h * 0.8), (foot, h), 2)
    pygame.draw.line(sprite, iron, (cx, h * 0.8), (cx, h * 0.3), 3)
    desk = [(w * 0.05, h * 0.34), (w * 0.95, h * 0.34), (w * 0.85, 0), (w * 0.15, 0)]
    pygame.draw.polygon(sprite, iron, desk)
    pygame.draw.polygon(sprite, (214, 204, 180), [(w * 0.2, h * 0.3), (w * 0.8, h * 0.3), (w * 0.74, h * 0.03),
                                                 (w * 0.26, h * 0.03)])
    for k in range(4):
        y = h * (0.08 + 0.05 * k)
        pygame.draw.line(sprite, (60, 50, 40), (w * 0.28, y), (w * 0.72, y), 1)
    return sprite


@prop_look("trunk")
def paint_trunk(w: int, h: int) -> pygame.Surface:
    """A costume trunk: dark leather, a domed lid, brass corners, two straps and a lock."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    leather = (70, 40, 30)
    pygame.draw.rect(sprite, leather, (0, h * 0.2, w, h * 0.8), border_radius=3)
    pygame.draw.ellipse(sprite, shade(leather, 1.2), (0, 0, w, h * 0.45))
    pygame.draw.line(sprite, shade(leather, 0.5), (0, h * 0.32), (w, h * 0.32), 3)
    for x in (w * 0.25, w * 0.75):
        pygame.draw.rect(sprite, (40, 26, 20), (x - 5, h * 0.05, 10, h * 0.95))
    for x, y in ((0, h - 10), (w - 10, h - 10), (0, h * 0.3), (w - 10, h * 0.3)):
        pygame.draw.rect(sprite, GOLD, (x, y, 10, 10))
    pygame.draw.rect(sprite, GOLD_LIGHT, (w / 2 - 6, h * 0.3, 12, 14))
    return sprite


# --- the stage ----------------------------------------------------------------------------------


@register_theme("opera")
class OperaStage(Stage):
    """The opera house: the theme's floors and ledges, the lamps where the level's lights are."""

    def paint(self) -> None:
        for platform in self.level.platforms:
            x, y, w, h = platform.rect
            if platform.look is None and not platform.one_way and w >= 1000:
                platform = platform.model_copy(update={"look": "stage"})
            elif platform.look is None and platform.one_way:
                platform = platform.model_copy(update={"look": "balcony"})
            self.paint_platform(platform)
        for light in self.level.lights:
            self.paint_fixture(light.kind, light.at)
        if self.level.walls:
            self.paint_edge_walls()

    def paint_fixture(self, kind: str, at: tuple[float, float]) -> None:
        """The lamp a light comes from: a footlight shell, a candle in a sconce, a spot lantern."""
        x, y = at
        if kind == "footlight":
            pygame.draw.polygon(self.scenery, GOLD_DARK, [self.point(x - 16, y - 8), self.point(x + 16, y - 8),
                                                          self.point(x + 10, y + 6), self.point(x - 10, y + 6)])
            pygame.draw.ellipse(self.scenery, FLAME_CORE, self.rect(x - 8, y, x + 8, y + 8))
        elif kind == "candle":
            pygame.draw.rect(self.scenery, GOLD_DARK, self.rect(x - 10, y - 34, x + 10, y - 28))
            pygame.draw.line(self.scenery, GOLD, self.point(x, y - 50), self.point(x, y - 30), 3)
            pygame.draw.rect(self.scenery, (236, 226, 200), self.rect(x - 3, y - 28, x + 3, y - 6))
            pygame.draw.ellipse(self.scenery, FLAME, self.rect(x - 4, y - 6, x + 4, y + 8))
        elif kind == "lamp":  # a gilt wall sconce with a frosted globe
            pygame.draw.line(self.scenery, GOLD, self.point(x, y - 30), self.point(x, y - 6), 3)
            pygame.draw.arc(self.scenery, GOLD, self.rect(x - 14, y - 34, x + 14, y - 14), math.pi, math.tau, 2)
            pygame.draw.circle(self.scenery, (240, 224, 190), self.point(x, y), 8)
        elif kind == "spotlight":
            pygame.draw.line(self.scenery, (30, 30, 34), self.point(x, y + 30), self.point(x, self.top), 3)
            pygame.draw.rect(self.scenery, (44, 44, 50), self.rect(x - 22, y - 14, x + 22, y + 22), border_radius=6)
            pygame.draw.ellipse(self.scenery, FLAME_CORE, self.rect(x - 14, y - 18, x + 14, y - 8))

    def paint_edge_walls(self) -> None:
        """The stage's side walls: black drapes edged with gilt."""
        width = self.level.size[0]
        for x0, x1, inner in ((-MARGIN, 0, 0), (width, width + MARGIN, width)):
            velvet(self.scenery, self.rect(x0, -MARGIN, x1, self.top), VELVET_DARK, 30, 9)
            pygame.draw.line(self.scenery, GOLD, self.point(inner, -MARGIN), self.point(inner, self.top), 6)
