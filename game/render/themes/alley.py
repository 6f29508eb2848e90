"""The Neon Alley (theme "alley"): night, rain, wet asphalt mirroring magenta and cyan neon.

Layer kinds: brick_wall (tenement facades: brick, windows lit by `density`, drainpipes, air
conditioners; `color` the brick, `accent` the lit windows), fire_escapes (iron stairs zigzagging up
the far facades), signs (small distant neon signs that stay lit: `color` and `accent` their tubes).
The generic kinds (sky, skyline, rooftops, wires, neon_haze, moon) suit the alley too.

Platform looks: street (wet asphalt with puddles that mirror the lights above, a kerb and a pavement
behind; the default for a wide solid floor), fire_escape (iron grating, a railing and a ladder
hanging below; the default for a one-way ledge).

Props: dumpster, bin, barrel, neon_sign (a sign on a spring whose tubes glow and buzz).
Lights are drawn as fixtures: a "neon" light is a sign board whose tubes (a word picked by its place)
glow at the light's brightness, flicker pattern and buzz included; a "streetlight" is a lamp post, a
"lamp" a caged wall lamp. Every light above the street is mirrored, rippling, in its puddles.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pygame

from game.data.levels import LayerSpec, LightSpec, PlatformSpec
from game.render.camera import Camera
from game.render.lights import Lighting
from game.render.props import prop_look
from game.render.stage import MARGIN, Stage, register_theme
from game.render.themes.common import LIT, gradient, layer_kind, lit_window, platform_look, shade

IRON, IRON_LIGHT = (34, 36, 42), (92, 98, 112)
ASPHALT = (30, 30, 36)
WORDS = ("BAR", "HOTEL", "LIVE", "DANCE", "NOODLES", "CLUB", "OPEN", "ROUGE", "TATTOO", "JAZZ")
RIPPLES = 3  # pre-rendered ripple phases of a reflection
RIPPLE_RATE = 7.0  # ripple phases a second
GLOW_STEPS = 4  # pre-rendered brightness steps of tubes and reflections
ZOOMED_KEPT = 400  # sprites kept scaled for a zoomed camera; past this the store starts afresh
REFLECT_DEPTH = 170.0  # px: the deepest a reflection reaches below the street's top
SIGN_NEAR = 160  # px: a neon light this close to a hanging sign is that sign's glow, not a board of its own
KERB = 34  # px of pavement painted behind the street's top


# --- layers --------------------------------------------------------------------------------------


def brick_texture(w: int, h: int, colour: tuple, seed: int) -> np.ndarray:
    """An (w, h, 3) array of brick courses with mortar lines and per-brick tone."""
    rng = np.random.default_rng(seed)
    rows = np.arange(h) // 9
    xs = np.arange(w)[:, None] + (rows % 2)[None, :] * 13
    mortar = ((np.arange(h) % 9)[None, :] < 1) | ((xs % 26) < 1)
    tone = rng.uniform(0.75, 1.12, (w // 26 + 3, h // 9 + 2))
    per_brick = tone[(xs // 26).clip(0, tone.shape[0] - 1), rows[None, :].clip(0, tone.shape[1] - 1)]
    rgb = np.array(colour, np.float32) * per_brick[..., None]
    return np.where(mortar[..., None], np.array(colour, np.float32) * 0.45, rgb)


@layer_kind("brick_wall")
def paint_brick_wall(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Tenement facades shoulder to shoulder: brick, rows of windows, drainpipes, air conditioners."""
    w, h = strip.get_size()
    x = 0
    while x < w:
        bw = rng.randint(360, 720)
        top = rng.randint(0, max(1, h // 5))
        tint = shade(spec.color, rng.uniform(0.75, 1.2))
        face = pygame.Rect(x, top, min(bw, w - x), h - top)
        pygame.surfarray.blit_array(strip.subsurface(face), np.clip(
            brick_texture(face.w, face.h, tint, rng.randrange(1 << 20)), 0, 255).astype(np.uint8))
        pygame.draw.rect(strip, shade(tint, 0.6), (x, top, face.w, 12))
        for wy in range(top + 50, h - 170, 120):
            for wx in range(x + 40, x + face.w - 70, 110):
                pane = (wx, wy, 46, 70)
                pygame.draw.rect(strip, shade(tint, 0.45), (wx - 5, wy - 5, 56, 84))
                if rng.random() < spec.density * 0.5:
                    lit_window(strip, lit, shade(spec.accent, rng.uniform(0.5, 0.9)), pane, rng)
                else:
                    pygame.draw.rect(strip, (14, 14, 20), pane)
                pygame.draw.line(strip, shade(tint, 0.4), (wx, wy + 35), (wx + 46, wy + 35), 3)
                pygame.draw.rect(strip, shade(tint, 1.3), (wx - 6, wy + 76, 58, 5))
                if rng.random() < 0.12:
                    pygame.draw.rect(strip, (70, 74, 80), (wx + 6, wy + 50, 34, 22))
                    pygame.draw.line(strip, (40, 42, 48), (wx + 8, wy + 60), (wx + 38, wy + 60), 1)
        pipe = x + face.w - 18
        pygame.draw.line(strip, (46, 48, 54), (pipe, top), (pipe, h), 5)
        door = (x + face.w // 2 - 40, h - 130, 80, 130)
        pygame.draw.rect(strip, (12, 12, 16), door)
        pygame.draw.rect(strip, shade(tint, 0.5), door, 4)
        x += face.w


@layer_kind("fire_escapes")
def paint_fire_escapes(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Iron fire escapes on the far facades: landings, railings and stairs zigzagging up."""
    w, h = strip.get_size()
    iron = spec.color if spec.color != (20, 20, 28) else IRON_LIGHT
    for x in range(rng.randint(50, 300), w - 200, rng.randint(500, 900)):
        floors = range(h - 80, 40, -130)
        for k, y in enumerate(floors):
            pygame.draw.rect(strip, iron, (x, y, 180, 5))
            pygame.draw.line(strip, iron, (x, y - 34), (x + 180, y - 34), 2)
            for rx in range(x, x + 181, 15):
                pygame.draw.line(strip, iron, (rx, y - 34), (rx, y), 1)
            a, b = ((x + 20, y), (x + 150, y - 130)) if k % 2 else ((x + 160, y), (x + 30, y - 130))
            if y - 130 > 40:
                pygame.draw.line(strip, iron, a, b, 3)
                pygame.draw.line(strip, iron, (a[0], a[1] - 30), (b[0], b[1] - 30), 1)


@layer_kind("signs")
def paint_signs(strip: pygame.Surface, lit: pygame.Surface, spec: LayerSpec, rng: random.Random) -> None:
    """Small neon signs far down the street, glowing in `color` and `accent`."""
    w, h = strip.get_size()
    _font_ready()
    font = pygame.font.Font(None, 30)
    for x in range(rng.randint(40, 200), w - 120, rng.randint(260, 520)):
        y = rng.randint(10, max(11, h - 60))
        colour = spec.color if rng.random() < 0.5 else spec.accent
        word = font.render(rng.choice(WORDS), True, colour)
        if rng.random() < 0.4:
            word = pygame.transform.rotate(word, 90)
        box = word.get_rect(topleft=(x, y)).inflate(12, 10)
        pygame.draw.rect(strip, (16, 14, 20), box)
        pygame.draw.rect(strip, shade(colour, 0.5), box, 2)
        strip.blit(word, (x, y))
        lit.blit(_mask_of(word), (x, y))


def _font_ready() -> None:
    if not pygame.font.get_init():
        pygame.font.init()


def _mask_of(sprite: pygame.Surface) -> pygame.Surface:
    """A keyed surface, LIT where `sprite` has colour: the darkness spares it."""
    mask = pygame.mask.from_threshold(sprite, (0, 0, 0), (40, 40, 40, 255)) if sprite.get_alpha() is None \
        else pygame.mask.from_surface(sprite)
    if sprite.get_alpha() is None:
        mask.invert()
    return mask.to_surface(setcolor=LIT, unsetcolor=(2, 1, 3))


# --- platform looks ------------------------------------------------------------------------------


@platform_look("fire_escape")
def paint_fire_escape(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """An iron fire-escape landing: grating, a railing above, brackets to the wall and a ladder below."""
    y = rect.y
    pygame.draw.rect(scenery, IRON, (rect.x, y, rect.w, 8))
    for x in range(rect.x, rect.right, 6):
        pygame.draw.line(scenery, IRON_LIGHT, (x, y + 1), (x + 3, y + 7), 1)
    pygame.draw.line(scenery, IRON_LIGHT, (rect.x, y), (rect.right, y), 2)
    pygame.draw.line(scenery, IRON_LIGHT, (rect.x, y - 50), (rect.right, y - 50), 3)
    for x in range(rect.x, rect.right + 1, 16):
        pygame.draw.line(scenery, IRON, (x, y - 50), (x, y), 2)
    for x in (rect.x + 10, rect.right - 14):
        pygame.draw.line(scenery, IRON, (x, y + 8), (x + 20 if x < rect.centerx else x - 20, y + 40), 4)
    lx = rect.right - 46 if rng.random() < 0.5 else rect.x + 22
    for side in (lx, lx + 24):
        pygame.draw.line(scenery, IRON_LIGHT, (side, y + 8), (side, y + 150), 2)
    for ry in range(y + 20, y + 150, 16):
        pygame.draw.line(scenery, IRON_LIGHT, (lx, ry), (lx + 24, ry), 2)


@platform_look("street")
def paint_street(scenery: pygame.Surface, rect: pygame.Rect, spec: PlatformSpec, rng: random.Random) -> None:
    """Wet asphalt: a pavement and kerb behind, dark road with a sheen, puddles (mirrors for the lights)."""
    top = rect.y
    gradient(scenery, pygame.Rect(rect.x, top - KERB, rect.w, KERB), (40, 40, 48), (58, 58, 66), 0.6, 11)
    for x in range(rect.x, rect.right, 90):
        pygame.draw.line(scenery, (30, 30, 36), (x, top - KERB), (x - 6, top), 1)
    pygame.draw.line(scenery, (96, 96, 106), (rect.x, top), (rect.right, top), 3)
    road = pygame.Rect(rect.x, top + 3, rect.w, rect.h - 3)
    gradient(scenery, road, (22, 22, 28), (36, 36, 44), 0.9, 12)
    for x0, y0, w, h in puddles_in(road, rng.randrange(1 << 20)):
        pygame.draw.ellipse(scenery, (24, 26, 38), (x0, y0, w, h))
        pygame.draw.arc(scenery, (70, 74, 92), (x0, y0, w, h), 0.3, 2.8, 1)


def puddles_in(road: pygame.Rect, seed: int) -> list[tuple[int, int, int, int]]:
    """The puddles on a stretch of road (x, y, w, h on the scenery), the same for the same seed."""
    rng = random.Random(seed)
    found = []
    x = road.x + rng.randint(0, 120)
    while x < road.right - 60:
        w = rng.randint(90, 300)
        h = rng.randint(14, 40)
        y = road.y + rng.randint(8, max(9, min(road.h, int(REFLECT_DEPTH)) - h - 4))
        found.append((x, y, w, h))
        x += w + rng.randint(20, 160)
    return found


# --- props --------------------------------------------------------------------------------------


@prop_look("dumpster")
def paint_dumpster(w: int, h: int) -> pygame.Surface:
    """A green steel dumpster: ribs, a lid left ajar, a stencil, little wheels."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    green = (38, 70, 52)
    body = pygame.Rect(0, int(h * 0.16), w, int(h * 0.74))
    pygame.draw.rect(sprite, green, body)
    for x in range(8, w, max(10, w // 7)):
        pygame.draw.line(sprite, shade(green, 0.6), (x, body.y + 4), (x, body.bottom - 4), 3)
        pygame.draw.line(sprite, shade(green, 1.4), (x + 2, body.y + 4), (x + 2, body.bottom - 4), 1)
    pygame.draw.polygon(sprite, shade(green, 0.8), [(0, body.y), (w, body.y), (w - 4, 0), (6, int(h * 0.08))])
    pygame.draw.line(sprite, shade(green, 1.6), (6, int(h * 0.08)), (w - 4, 0), 2)
    pygame.draw.rect(sprite, (180, 170, 120), (w * 0.3, body.y + body.h * 0.35, w * 0.4, body.h * 0.12))
    for x in (w * 0.12, w * 0.88):
        pygame.draw.circle(sprite, (20, 20, 22), (x, h - h * 0.07), max(3, h * 0.07))
    return sprite


@prop_look("bin")
def paint_bin(w: int, h: int) -> pygame.Surface:
    """A galvanised bin: ribbed sides, a domed lid with a handle."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    metal = (104, 108, 116)
    pygame.draw.polygon(sprite, metal, [(w * 0.06, h * 0.18), (w * 0.94, h * 0.18), (w * 0.86, h), (w * 0.14, h)])
    for y in (0.4, 0.65, 0.88):
        pygame.draw.line(sprite, shade(metal, 0.6), (w * 0.1, h * y), (w * 0.9, h * y), 2)
    for x in (0.3, 0.5, 0.7):
        pygame.draw.line(sprite, shade(metal, 1.35), (w * x, h * 0.22), (w * x, h * 0.96), 1)
    pygame.draw.ellipse(sprite, shade(metal, 1.2), (0, h * 0.06, w, h * 0.16))
    pygame.draw.rect(sprite, shade(metal, 0.5), (w * 0.38, 0, w * 0.24, h * 0.08), 2)
    return sprite


@prop_look("barrel")
def paint_barrel(w: int, h: int) -> pygame.Surface:
    """An oil drum in side view: rusted steel, two rolling hoops, a bung."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    steel = (110, 58, 36)
    pygame.draw.rect(sprite, steel, (0, 0, w, h), border_radius=max(2, w // 8))
    for y in (0.08, 0.36, 0.64, 0.92):
        pygame.draw.line(sprite, shade(steel, 0.55), (0, h * y), (w, h * y), 3)
    pygame.draw.line(sprite, shade(steel, 1.5), (w * 0.25, 2), (w * 0.25, h - 2), 2)
    pygame.draw.circle(sprite, shade(steel, 0.5), (w * 0.7, h * 0.05), max(2, w // 12))
    return sprite


def sign_word(prop_w: int) -> str:
    return WORDS[prop_w % len(WORDS)]


def _tube(word: str, size: tuple[int, int], colour: tuple[int, int, int], glow: bool) -> pygame.Surface:
    """A word in neon tube, fitted to `size`: dark glass (unlit), or a hot core in a soft bloom (lit)."""
    _font_ready()
    w, h = size
    font = pygame.font.Font(None, max(10, int(h * 0.9)))
    text = font.render(word, True, colour, (0, 0, 0)).convert(24)  # on black: the tubes are added
    scale = min(1.0, (w * 0.86) / text.get_width())
    text = pygame.transform.smoothscale(text, (max(1, int(text.get_width() * scale)),
                                               max(1, int(text.get_height() * scale))))
    sprite = pygame.Surface(size)
    spot = text.get_rect(center=(w // 2, h // 2))
    if not glow:
        dark = text.copy()
        dark.fill((90, 90, 90), special_flags=pygame.BLEND_RGB_MULT)
        sprite.blit(dark, spot)
        return sprite
    bloom = pygame.Surface(size)
    bloom.blit(text, spot)
    small = pygame.transform.smoothscale(bloom, (max(1, w // 6), max(1, h // 6)))
    bloom = pygame.transform.smoothscale(small, size)
    bloom.fill((150, 150, 150), special_flags=pygame.BLEND_RGB_MULT)
    sprite.blit(bloom, (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    tube = text.copy()
    tube.fill((200, 200, 200), special_flags=pygame.BLEND_RGB_MULT)
    sprite.blit(tube, spot, special_flags=pygame.BLEND_RGB_ADD)
    core = pygame.transform.smoothscale(text, (text.get_width(), max(1, int(text.get_height() * 0.8))))
    core.fill((90, 90, 90), special_flags=pygame.BLEND_RGB_MULT)
    sprite.blit(core, core.get_rect(center=spot.center), special_flags=pygame.BLEND_RGB_ADD)
    return sprite


def paint_neon_sign_lit(w: int, h: int) -> pygame.Surface:
    return _tube(sign_word(w), (w, h), (255, 40, 200) if w % 2 else (40, 230, 255), True)


@prop_look("neon_sign", lit=paint_neon_sign_lit)
def paint_neon_sign(w: int, h: int) -> pygame.Surface:
    """A hanging neon sign: a black box with a steel rim and its tubes (which glow via the lit sprite)."""
    sprite = _tube(sign_word(w), (w, h), (255, 40, 200) if w % 2 else (40, 230, 255), False)
    pygame.draw.rect(sprite, (18, 16, 22), sprite.get_rect(), 5)
    pygame.draw.rect(sprite, (120, 120, 130), sprite.get_rect(), 2)
    return sprite


# --- the stage ----------------------------------------------------------------------------------


@register_theme("alley")
class AlleyStage(Stage):
    """The alley: streets and fire escapes, signs and lamps where the lights are, neon in the puddles."""

    def paint(self) -> None:
        self.signs: list[tuple[int, pygame.Rect, list[pygame.Surface]]] = []  # light index, world box, tubes
        self.zoomed: dict[tuple[int, float], pygame.Surface] = {}  # sprites scaled for a zoomed camera
        self.mirrors: list[tuple[int, tuple[float, float], list[list[pygame.Surface]]]] = []
        self.puddle_seeds: dict[tuple, int] = {}
        if not self.layers:
            self.paint_backdrop()
        streets = []
        for platform in self.level.platforms:
            x, y, w, h = platform.rect
            if platform.look is None and not platform.one_way and w >= 1000:
                platform = platform.model_copy(update={"look": "street"})
            elif platform.look is None and platform.one_way:
                platform = platform.model_copy(update={"look": "fire_escape"})
            if platform.look == "street":
                streets.append(platform)
            self.paint_platform(platform)
        for i, light in enumerate(self.level.lights):
            self.paint_fixture(i, light)
        for i, light in enumerate(self.level.lights):
            if light.kind != "window":
                self.add_reflection(i, light, streets)
        if self.level.walls:
            self.paint_edge_walls()

    def paint_fixture(self, index: int, light: LightSpec) -> None:
        """A neon sign board, a lamp post or a caged wall lamp where the light is."""
        x, y = light.at
        hanging = any(p.kind == "neon_sign" and abs(p.at[0] - x) < SIGN_NEAR and abs(p.at[1] - y) < SIGN_NEAR
                      for p in self.level.props)
        if light.kind == "neon" and not hanging:  # a hanging sign prop brings its own tubes
            word = WORDS[(int(x) // 7 + index) % len(WORDS)]
            w, h = max(120, 34 * len(word) + 40), 70
            box = self.rect(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            pygame.draw.rect(self.scenery, (14, 12, 18), box.inflate(10, 10))
            pygame.draw.rect(self.scenery, (70, 70, 80), box.inflate(10, 10), 2)
            pygame.draw.line(self.scenery, IRON, box.topleft, (box.x - 20, box.y - 30), 3)
            pygame.draw.line(self.scenery, IRON, box.topright, (box.right + 20, box.y - 30), 3)
            self.scenery.blit(_tube(word, box.size, light.color, False), box.topleft)
            lit = _tube(word, box.size, light.color, True)
            steps = []
            for k in range(GLOW_STEPS):
                step = lit.copy()
                level = round(255 * (k + 1) / GLOW_STEPS)
                step.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
                steps.append(step)
            self.signs.append((index, pygame.Rect(round(x - w / 2), round(y + h / 2), w, h), steps))
        elif light.kind == "streetlight":
            pygame.draw.rect(self.scenery, IRON, self.rect(x - 5, 0, x + 5, y))
            pygame.draw.line(self.scenery, IRON, self.point(x, y), self.point(x + 40, y + 10), 6)
            pygame.draw.polygon(self.scenery, (50, 52, 58), [self.point(x + 20, y + 14), self.point(x + 64, y + 14),
                                                              self.point(x + 54, y - 2), self.point(x + 30, y - 2)])
        elif light.kind == "lamp":
            pygame.draw.rect(self.scenery, IRON, self.rect(x - 12, y - 16, x + 12, y + 16), 2)
            for k in (-6, 0, 6):
                pygame.draw.line(self.scenery, IRON, self.point(x + k, y - 16), self.point(x + k, y + 16), 1)

    def add_reflection(self, index: int, light: LightSpec, streets: list[PlatformSpec]) -> None:
        """Bake the rippling mirror image of a light in the puddles of the street below it."""
        x, y = light.at
        street = next((s for s in streets if s.rect[0] <= x <= s.rect[0] + s.rect[2]), None)
        if street is None:
            return
        floor = street.rect[1] + street.rect[3]
        height = y - floor
        if height <= 0:
            return
        road = self.rect(street.rect[0], street.rect[1], street.rect[0] + street.rect[2], floor)
        wet = pygame.Surface(road.size)
        wet.fill((64, 64, 64))  # the asphalt itself is wet everywhere: a dim streak runs down the road
        seed = random.Random(self.puddle_seeds.get(street.rect, 0)).randrange(1 << 20)
        for px, py, pw, ph in puddles_in(pygame.Rect(road.x, road.y + 3, road.w, road.h - 3), seed):
            pygame.draw.ellipse(wet, (255, 255, 255), (px - road.x, py - road.y, pw, ph))
        half = max(24.0, light.radius * 0.22)
        reach = min(REFLECT_DEPTH, height * 0.5 + 30)
        w, h = int(half * 4), int(reach)
        left = round(x - self.left - half * 2) - road.x  # the sprite's left edge on the road's mask
        cols = np.linspace(-2.0, 2.0, w, dtype=np.float32)[:, None]
        rows = np.linspace(0.0, 1.0, h, dtype=np.float32)[None, :]
        phases = []
        for phase in range(RIPPLES):
            wobble = 0.25 * np.sin(rows * 38.0 + phase * math.tau / RIPPLES)
            streak = np.clip(1.0 - np.abs(cols + wobble) / (0.6 + 0.8 * rows), 0, 1) ** 1.5 * (1.0 - rows) ** 0.7
            broken = 0.6 + 0.4 * (np.sin(rows * 90.0 + phase * 2.1) > -0.3)
            rgb = (streak * broken)[..., None] * np.array(light.color, np.float32) * light.intensity
            image = pygame.surfarray.make_surface(np.clip(rgb, 0, 255).astype(np.uint8))
            image.blit(wet, (-left, 0), special_flags=pygame.BLEND_RGB_MULT)
            steps = []
            for k in range(GLOW_STEPS):
                step = image.copy()
                level = round(255 * (k + 1) / GLOW_STEPS)
                step.fill((level, level, level), special_flags=pygame.BLEND_RGB_MULT)
                steps.append(step)
            phases.append(steps)
        self.mirrors.append((index, (x - half * 2, floor), phases))

    def paint_platform(self, platform: PlatformSpec) -> None:
        if platform.look == "street":
            x, y, w, h = platform.rect
            seed = self.rng.randrange(1 << 20)
            self.puddle_seeds[platform.rect] = seed  # the mirrors find the same puddles from it
            paint_street(self.scenery, self.rect(x, y, x + w, y + h), platform, random.Random(seed))
            return
        super().paint_platform(platform)

    def draw_lit(self, canvas: pygame.Surface, camera: Camera, lighting: Lighting) -> None:
        """Neon tubes at their brightness this frame, and every light mirrored, rippling, in the puddles;
        at any zoom (a zoomed camera gets the sprites scaled, each scale made once and kept)."""
        ripple = int(lighting.time * RIPPLE_RATE) % RIPPLES
        view = canvas.get_rect()
        add = pygame.BLEND_RGB_ADD
        zoom = camera.zoom
        for index, (x, y), phases in self.mirrors:
            step = round(lighting.brightness(index) * GLOW_STEPS)
            if step:
                sprite = self._at_zoom(phases[ripple][step - 1], zoom)
                spot = camera.to_screen(x, y)
                if view.colliderect((*spot, *sprite.get_size())):
                    canvas.blit(sprite, (round(spot[0]), round(spot[1])), special_flags=add)
        for index, box, steps in self.signs:
            step = round(lighting.brightness(index) * GLOW_STEPS)
            if step:
                sprite = self._at_zoom(steps[step - 1], zoom)
                spot = camera.to_screen(box.x, box.y)
                if view.colliderect((*spot, *sprite.get_size())):
                    canvas.blit(sprite, (round(spot[0]), round(spot[1])), special_flags=add)

    def _at_zoom(self, sprite: pygame.Surface, zoom: float) -> pygame.Surface:
        """A tube's or reflection's sprite at the camera's zoom (rounded to 1/64), scaled once and kept."""
        if zoom == 1.0:
            return sprite
        zoom = round(zoom * 64) / 64
        key = (id(sprite), zoom)
        scaled = self.zoomed.get(key)
        if scaled is None:
            if len(self.zoomed) > ZOOMED_KEPT:
                self.zoomed.clear()
            w, h = sprite.get_size()
            scaled = self.zoomed[key] = pygame.transform.smoothscale(sprite, (max(1, round(w * zoom)),
                                                                             max(1, round(h * zoom))))
        return scaled

    def paint_edge_walls(self) -> None:
        """The alley's ends: blank brick walls."""
        width = self.level.size[0]
        for x0, x1 in ((-MARGIN, 0), (width, width + MARGIN)):
            r = self.rect(x0, -MARGIN, x1, self.top).clip(self.scenery.get_rect())
            if r.w > 0 and r.h > 0:
                bricks = brick_texture(r.w, r.h, (60, 36, 32), 3) * 0.6
                pygame.surfarray.blit_array(self.scenery.subsurface(r), np.clip(bricks, 0, 255).astype(np.uint8))
