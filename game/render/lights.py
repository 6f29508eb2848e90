"""Lighting: a darkness layer lit by additive light sprites, then multiplied onto the scene.

The steady lights of a level are baked once into a world-sized light map; each frame copies the
visible part, adds the lights that change (candle flicker, `pattern` loops, neon buzz) and the short
glows of hits, and multiplies the result onto the canvas. Nothing is allocated per frame.

Memory: the light map keeps only the squares some light reaches (most of a big level is plain dark,
see LightMap); a changing light keeps one sprite, and its dimmer steps are made when it is first
seen at them and forgotten once it has been out of view for a while.

How a light's brightness moves (`Lighting.brightness(i)`, 0..1 of its `intensity`):
- `pattern`: a Quake-style loop of letters played at 10 letters a second; a is dark, z full
  (brightness = (letter - a) / 25), so "zzzzazzzza" blinks and "mmnmmommommnonmmonqnmmo" wavers.
- `flicker` (0..1): candles, lamps and chandeliers waver smoothly with a random jitter; a neon light
  buzzes instead, full most of the time with quick dropouts of a frame or three.
- a spotlight with `aim` throws a cone from `at` to a pool of light on `aim` (radius: the pool's size).
"""

from __future__ import annotations

import ctypes
import functools
import math
import random
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pygame

from game.data.levels import LevelSpec, LightSpec
from game.render.camera import VIEW_H, VIEW_W, Camera

AMBIENT = (72, 74, 100)  # the colour of the dark: a cold blue night, never black
FLICKER_LEVELS = 10  # pre-rendered brightness steps of a light that changes
GLOW_LEVELS = 6  # pre-rendered brightness steps of a hit's glow
GLOW_RADIUS = 150  # px, the glow a hit spark throws on its surroundings
GLOW_COLOR = (255, 214, 150)
FOLLOW_RADIUS = 300  # px: the soft spot that keeps the fighters readable in the dark
FOLLOW_COLOR = (96, 92, 104)
ZOOMED_KEPT = 160  # light sprites kept scaled for zoomed cameras; past this the store starts afresh
STEPS_FORGET = 120  # frames a changing light may stay out of view before its dimmer steps are forgotten
# (looked for every STEPS_FORGET frames)
MAP_TILE = 128  # px: the light map is kept in squares this size, those no light reaches left out
WINDOW_PAD = 160  # px of light map laid out beyond the view, so the camera can move a while in it
MAP_MARGIN = 400  # px of light map beyond the level on every side
WINDOW_SLANT = 0.35  # moonlight falls this many px sideways per px down
POOL_WALL_Y = 46.0  # world y where the floor meets the back wall (the stage's FLOOR_DEPTH)
POOL_NEAR_Y = -200.0  # world y of the front of the floor
FLICKER_SPEED = 9.0  # radians per second of the slow part of a flicker
BAKED_FLICKER = 0.1  # flicker below this is baked steady (it cost a sprite per frame and hardly showed)
PATTERN_RATE = 10.0  # letters of a flicker pattern per second
BUZZ_OFF = 0.12  # brightness of a neon tube during a dropout
BUZZ_CHANCE = 0.12  # chance per frame, times `flicker`, that a buzzing neon drops out
HALO_SIZE = {"candle": 26, "neon": 46, "footlight": 30, "chandelier": 60, "lamp": 34, "streetlight": 44,
             "spotlight": 40}  # px: the bright halo drawn over the finished frame round each light's source


def window_frame(light: LightSpec) -> tuple[float, float, float, float]:
    """The pane a 'window' light shines through, (x0, y0, x1, y1) in world px: stage and light agree."""
    x, y = light.at
    half_w, half_h = light.radius * 0.26, light.radius * 0.62
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _to_surface(rgb: np.ndarray) -> pygame.Surface:
    """An (h, w, 3) float array in 0..255 as an opaque surface."""
    data = np.clip(rgb, 0, 255).astype(np.uint8).transpose(1, 0, 2)
    return pygame.surfarray.make_surface(np.ascontiguousarray(data))


@functools.lru_cache(maxsize=64)
def _falloff(radius: float) -> np.ndarray:
    """How light fades from the middle of a round pool to nothing at `radius`, as an (h, w) array."""
    size = max(2, int(radius * 2))
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    d = np.hypot(xs - size / 2, ys - size / 2) / radius
    return np.clip(1.0 - d, 0.0, 1.0) ** 2


def radial_sprite(radius: float, color: tuple[int, int, int], intensity: float) -> pygame.Surface:
    """A round pool of light: bright in the middle, falling smoothly to nothing at `radius`."""
    rgb = _falloff(radius)[..., None] * (np.array(color, np.float32) * intensity)
    return _to_surface(rgb)


def window_sprite(light: LightSpec) -> tuple[pygame.Surface, tuple[float, float]]:
    """Moonlight through a tall window: a glow about the pane, a faint beam, and the window's shape
    laid across the floor towards us, crossed by the shadows of its mullions.

    Returns the sprite and the world point of its top-left corner.
    """
    x0, y0, x1, y1 = window_frame(light)
    half, cx, cy = (x1 - x0) / 2, (x0 + x1) / 2, (y0 + y1) / 2
    wall, near = POOL_WALL_Y, POOL_NEAR_Y
    shift = (y0 - wall) * WINDOW_SLANT  # where the pool starts, sideways from the window
    reach = (wall - near) * WINDOW_SLANT * 1.6  # how much further it leans as it comes towards us
    left, right = x0 - light.radius * 0.5, x1 + shift + reach + half * 2
    top, bottom = y1 + light.radius * 0.3, near - 10
    w, h = int(right - left), int(top - bottom)
    wy = (top - np.arange(h, dtype=np.float32))[None, :]
    wx = (left + np.arange(w, dtype=np.float32))[:, None]
    glow = np.clip(1.0 - np.hypot((wx - cx) / (light.radius * 0.8), (wy - cy) / light.radius), 0.0, 1.0) ** 2
    # the pool on the floor: depth 0 at the wall, 1 at the front of the picture
    depth = np.clip((wall - wy) / (wall - near), 0.0, 1.0)
    on_floor = ((wy <= wall) & (wy >= near)).astype(np.float32)
    centre = cx + shift + depth * reach
    across = (wx - centre) / (half * (1.0 + 0.8 * depth))
    pool = np.clip((1.0 - np.abs(across)) * 6.0, 0.0, 1.0) * on_floor * (1.0 - 0.55 * depth)
    mullions = 1.0 - 0.7 * np.exp(-(((np.abs(across) - 1 / 3) / 0.07) ** 2))
    transoms = 1.0 - 0.6 * np.exp(-(((depth * 4.0) % 1.0 - 0.5) / 0.08) ** 2)
    pool = pool * mullions * transoms
    # the beam through the dusty air between the window and its pool
    fall = np.clip((y0 - wy) / (y0 - wall), 0.0, 1.0)
    beam_centre = cx + fall * shift
    beam = np.clip(1.0 - np.abs(wx - beam_centre) / half, 0.0, 1.0) * (wy < y0) * (wy > wall) * 0.22
    amount = np.maximum(np.maximum(pool * 1.3, glow * 0.8), beam)
    rgb = amount[..., None] * np.array(light.color, np.float32) * light.intensity
    data = np.clip(rgb, 0, 255).astype(np.uint8)
    return pygame.surfarray.make_surface(data), (left, top)


def spot_sprite(light: LightSpec) -> tuple[pygame.Surface, tuple[float, float]]:
    """A spotlight: a widening cone from the lamp to its aim, ending in a bright oval pool.

    Returns the sprite and the world point of its top-left corner.
    """
    (ax, ay), (bx, by) = light.at, light.aim or (light.at[0], light.at[1] - 400)
    pool = light.radius
    left, right = min(ax, bx) - pool - 20, max(ax, bx) + pool + 20
    top, bottom = max(ay, by) + pool * 0.5 + 20, min(ay, by) - pool * 0.5 - 20
    w, h = int(right - left), int(top - bottom)
    wx = (left + np.arange(w, dtype=np.float32))[:, None]
    wy = (top - np.arange(h, dtype=np.float32))[None, :]
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    t = ((wx - ax) * ux + (wy - ay) * uy) / length  # 0 at the lamp, 1 at the aim
    across = np.abs((wx - ax) * -uy + (wy - ay) * ux)
    half = 8.0 + pool * 0.8 * np.clip(t, 0.0, 1.0)
    cone = np.clip(1.0 - across / half, 0.0, 1.0) ** 0.7 * (t > 0) * (t < 1.05) * (0.25 + 0.2 * np.clip(t, 0, 1))
    oval = np.clip(1.0 - np.hypot((wx - bx) / pool, (wy - by) / (pool * 0.32)), 0.0, 1.0) ** 0.6
    amount = np.maximum(cone, oval * 1.2)
    rgb = amount[..., None] * np.array(light.color, np.float32) * light.intensity
    return pygame.surfarray.make_surface(np.clip(rgb, 0, 255).astype(np.uint8)), (left, top)


def light_sprite(light: LightSpec) -> tuple[pygame.Surface, tuple[float, float]]:
    """The sprite a light adds to the darkness, and its top-left world point."""
    if light.kind == "window":
        sprite, corner = window_sprite(light)
    elif light.kind == "spotlight" and light.aim is not None:
        sprite, corner = spot_sprite(light)
    else:
        sprite = radial_sprite(light.radius, light.color, light.intensity)
        corner = (light.at[0] - light.radius, light.at[1] + light.radius)
    return sprite, corner


def halo_sprite(colour: tuple[int, int, int], size: int) -> pygame.Surface:
    """The glare round a light's source, added over the finished frame: a hot core in a soft ring."""
    ys, xs = np.mgrid[0:size * 2, 0:size * 2].astype(np.float32)
    d = np.hypot(xs - size, ys - size) / size
    glare = np.clip(1.0 - d, 0.0, 1.0) ** 2.2 * 0.75 + np.clip(1.0 - d * 4.0, 0.0, 1.0) * 0.6
    rgb = glare[..., None] * (np.array(colour, np.float32) * 0.7 + 76)
    return pygame.surfarray.make_surface(np.clip(rgb, 0, 255).astype(np.uint8))


def pattern_level(pattern: str, time: float) -> float:
    """The brightness (0..1) a flicker pattern gives at `time` seconds: a dark .. z full, 10 letters a second."""
    letter = pattern[int(time * PATTERN_RATE) % len(pattern)]
    return (ord(letter) - 97) / 25.0


def changes(light: LightSpec) -> bool:
    """Whether a light's brightness moves (flicker, pattern, buzz), so it cannot be baked into the light map.
    A candle or lamp flickering less than BAKED_FLICKER is baked: the waver would not show."""
    if light.pattern is not None or (light.kind == "neon" and light.flicker > 0):
        return True
    return light.flicker >= BAKED_FLICKER


_BAKED: weakref.WeakValueDictionary[str, Baked] = weakref.WeakValueDictionary()  # by look (see look_key):
# every level's baked light a view still shows, so views of one level share it
_LAST_BAKED: list[Baked] = []  # and the last BAKED_KEEP asked for, kept for the next view of them, the last last
BAKED_KEEP = 3
UNSEEN_FIELDS = frozenset({"name", "description", "gravity", "tempo", "actors", "weapons", "waves", "goal"})


def look_key(level: LevelSpec) -> str:
    """The level's look as a key: two levels with equal keys are painted and lit the same (a practice
    partner swapped, waves edited and hot-reloaded, a gallery's staging, a preview of the same file)."""
    return f"{level.model_dump_json(exclude={*UNSEEN_FIELDS, 'spawn'})} {level.spawn[1]!r}"  # parallax: spawn height


class LightMap:
    """A level's steady light, kept in bands MAP_TILE px high, and of each band only the stretches some
    light reaches (in MAP_TILE steps): the rest is the plain dark (on a big level, three parts in four)."""

    def __init__(self, surface: pygame.Surface, plain: tuple[int, int, int]) -> None:
        self.plain = plain
        self.rect = surface.get_rect()
        w, h = self.rect.size
        cols, rows = -(-w // MAP_TILE), -(-h // MAP_TILE)
        lit = np.zeros((cols * MAP_TILE, rows * MAP_TILE), bool)
        lit[:w, :h] = pygame.surfarray.pixels2d(surface) != surface.map_rgb(plain)
        reached = lit.reshape(cols, MAP_TILE, rows, MAP_TILE).any(axis=(1, 3))
        self.bands: list[list[tuple[int, int, pygame.Surface]]] = []  # per band: (left, right, pixels)
        for row in range(rows):
            stretches = []
            edges = np.flatnonzero(np.diff(np.concatenate(([0], reached[:, row].astype(np.int8), [0]))))
            for first, stop in zip(edges[::2], edges[1::2], strict=True):
                part = pygame.Rect(first * MAP_TILE, row * MAP_TILE, (stop - first) * MAP_TILE, MAP_TILE)
                part = part.clip(self.rect)
                pixels = unaligned(*part.size)  # quick to copy from
                pixels.blit(surface, (0, 0), part)
                stretches.append((part.left, part.right, pixels))
            self.bands.append(stretches)

    def held(self) -> int:
        """Bytes of pixels kept."""
        return sum(pixels.get_width() * pixels.get_height() * pixels.get_bytesize()
                   for band in self.bands for _left, _right, pixels in band)

    def lay(self, target: pygame.Surface, at: tuple[int, int], area: pygame.Rect | None = None) -> None:
        """Paint the map (or its `area`) onto `target` with the map's top-left corner at `at`; nothing of
        `target` outside the map is touched. Each pixel is written once: a kept stretch, or the plain dark."""
        area = (area or self.rect).clip(self.rect).clip(target.get_rect().move(-at[0], -at[1]))
        if area.w <= 0 or area.h <= 0:
            return
        x0, y0 = at
        for row in range(area.top // MAP_TILE, (area.bottom - 1) // MAP_TILE + 1):
            top, bottom = max(area.top, row * MAP_TILE), min(area.bottom, (row + 1) * MAP_TILE)
            x = area.left  # painted up to here
            for left, right, pixels in self.bands[row]:
                if right <= x:
                    continue
                if left >= area.right:
                    break
                if left > x:
                    target.fill(self.plain, (x0 + x, y0 + top, left - x, bottom - top))
                x, end = max(x, left), min(right, area.right)
                target.blit(pixels, (x0 + x, y0 + top), (x - left, top - row * MAP_TILE, end - x, bottom - top))
                x = end
            if x < area.right:
                target.fill(self.plain, (x0 + x, y0 + top, area.right - x, bottom - top))


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Baked:
    """A level's light as painted once and shared by every view of it."""

    map: LightMap  # the steady light
    ambient: tuple[int, int, int]  # the dark beyond the map's edges (its corner)
    moving: list  # (index in level.lights, light, sprite at full brightness, world top-left corner)
    glows: list[pygame.Surface]  # a hit's glow by strength, then the follow spot
    halos: dict  # (colour, size) -> the glare round a light's source, by brightness


class Lighting:
    """The darkness of a level with its lights, applied to a drawn canvas once a frame."""

    def __init__(self, level: LevelSpec, rng: random.Random, keep: bool = True) -> None:
        """`keep`: keep the baked light for later views of the level (False, for a preview: use it if a
        view has it, else bake it just for this one)."""
        self.rng = rng
        self.level = level
        width, height = level.size
        self.left, self.top = -MAP_MARGIN, height + MAP_MARGIN
        key = look_key(level)
        baked = _BAKED.get(key)
        if baked is None:  # the light map of a level never changes: views of it share one
            baked = self._bake_level(level)
            give_back_scratch()
            if keep:
                _BAKED[key] = baked
        if keep:
            _LAST_BAKED[:] = [*(other for other in _LAST_BAKED if other is not baked), baked][-BAKED_KEEP:]
        self.baked = baked
        self.map, self.glow_sprites, self.halos = baked.map, baked.glows, baked.halos
        self.moving = baked.moving
        self.ambient = baked.ambient
        self.time = 0.0
        self.frame = 0  # frames applied, the clock that forgets the steps of lights long out of view
        self.phase = [rng.uniform(0, math.tau) for _ in level.lights]
        self.jitter = [1.0 for _ in level.lights]
        self.dropout = [0 for _ in level.lights]  # frames a buzzing neon stays dark
        self.levels = [1.0 for _ in level.lights]  # each light's brightness this frame, 0..1
        self.steps: dict[int, list[pygame.Surface | None]] = {}  # a changing light's dimmer steps made so far
        self.seen: dict[int, int] = {}  # the frame each changing light was last in view
        self.zoomed: dict[tuple[int, int, float], pygame.Surface] = {}
        self.dark = pygame.Surface((VIEW_W, VIEW_H))
        self.unzoomed: pygame.Surface | None = None  # the light map about the view, laid out unscaled
        self.window = pygame.Rect(0, 0, 0, 0)  # what of the map `unzoomed` holds
        self.scaled: pygame.Surface | None = None  # the light map in view at a zoom, scaled

    def _bake_level(self, level: LevelSpec) -> Baked:
        """The steady light map, the sprite of each light that changes, glow and halo sprites."""
        width, height = level.size
        light_map = pygame.Surface((int(width + 2 * MAP_MARGIN), int(height + 2 * MAP_MARGIN + 300)))
        ambient = level.palette.ambient if "ambient" in level.palette.model_fields_set else AMBIENT
        light_map.fill(ambient)
        moving = []  # (index in level.lights, light, sprite, corner)
        for i, light in enumerate(level.lights):
            sprite, (left, top) = light_sprite(light)
            if changes(light):
                moving.append((i, light, sprite, (left, top)))
                continue
            light_map.blit(sprite, (left - self.left, self.top - top), special_flags=pygame.BLEND_RGB_ADD)
        glows = [radial_sprite(GLOW_RADIUS, GLOW_COLOR, (i + 1) / GLOW_LEVELS) for i in range(GLOW_LEVELS)]
        glows.append(radial_sprite(FOLLOW_RADIUS, FOLLOW_COLOR, 1.0))  # the follow spot, last
        halos = {}
        for light in level.lights:
            size = HALO_SIZE.get(light.kind)
            if size and (light.color, size) not in halos:
                halos[(light.color, size)] = [halo_sprite(_scaled(light.color, (k + 1) / 4), size) for k in range(4)]
        corner = tuple(light_map.get_at((0, 0)))[:3]
        plain = tuple(light_map.unmap_rgb(light_map.map_rgb(ambient)))[:3]
        return Baked(LightMap(light_map, plain), corner, moving, glows, halos)

    def brightness(self, index: int) -> float:
        """How bright the level's light number `index` is this frame, 0..1 of its intensity."""
        return self.levels[index]

    def update(self, dt: float) -> None:
        """Advance flicker, patterns and buzz (the view's own clock and dice, not the world's)."""
        self.time += dt
        rng = self.rng
        for i, light, _sprite, _corner in self.moving:
            level = pattern_level(light.pattern, self.time) if light.pattern else 1.0
            if light.kind == "neon":
                if self.dropout[i] > 0:
                    self.dropout[i] -= 1
                    level *= BUZZ_OFF
                elif rng.random() < light.flicker * BUZZ_CHANCE:
                    self.dropout[i] = rng.randint(1, 3)
            elif light.flicker > 0:
                if rng.random() < light.flicker * 3:
                    self.jitter[i] = rng.uniform(0.6, 1.0)
                else:
                    self.jitter[i] += (1.0 - self.jitter[i]) * 0.2
                wave = 0.5 + 0.5 * math.sin(self.time * FLICKER_SPEED + self.phase[i])
                level *= ((1.0 - light.flicker) + light.flicker * wave) * self.jitter[i]
            self.levels[i] = max(0.0, min(1.0, level))

    def apply(
        self,
        canvas: pygame.Surface,
        camera: Camera,
        glows: list[tuple[float, float, float]],
        spots: list[tuple[float, float]] = (),  # type: ignore[assignment]
        spare: Callable[[pygame.Surface, Camera], None] | None = None,
    ) -> None:
        """Darken `canvas` except where light falls; `glows` are (x, y, strength 0..1) flashes of hits,
        `spots` the world points the soft follow spot lights (the fighters in play), `spare(dark, camera)`
        marks what glows by itself (the stage's lit windows) before the darkness is applied."""
        zoom = camera.zoom
        self._lay_map(camera)
        dark = self.dark
        add = pygame.BLEND_RGB_ADD
        view = dark.get_rect()
        self.frame += 1
        for i, light, sprite, (left, top) in self.moving:
            step = min(FLICKER_LEVELS, round(self.levels[i] * FLICKER_LEVELS))
            if step == 0:
                continue
            w, h = sprite.get_size()
            if zoom != 1.0:
                w, h = _zoomed_size(sprite, zoom)
            sx, sy = camera.to_screen(left, top)
            if view.colliderect((sx, sy, w, h)):
                self.seen[i] = self.frame
                sprite = self._step(i, light, sprite, step)
                if zoom != 1.0:
                    sprite = self._zoomed((i, step), sprite, zoom)
                dark.blit(sprite, (round(sx), round(sy)), special_flags=add)
        if self.frame % STEPS_FORGET == 0:
            self._forget_unseen()
        for x, y in spots:
            self._blit_at(dark, self.glow_sprites[-1], camera, (x, y), FOLLOW_RADIUS, add)
        for x, y, strength in glows:
            sprite = self.glow_sprites[min(GLOW_LEVELS - 1, max(0, int(strength * GLOW_LEVELS)))]
            self._blit_at(dark, sprite, camera, (x, y), GLOW_RADIUS, add)
        if spare is not None:
            spare(dark, camera)
        canvas.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_MULT)

    def _lay_map(self, camera: Camera) -> None:
        """The steady light in view, on the darkness (scaled for a zoomed camera)."""
        zoom, dark = camera.zoom, self.dark
        if zoom == 1.0:
            sx0, sy0 = camera.to_screen(self.left, self.top)
            x, y = round(sx0), round(sy0)
            area = pygame.Rect(-x, -y, VIEW_W, VIEW_H).clip(self.map.rect)
            if area.w > 0 and area.h > 0:
                dark.blit(self._laid(area), (x + area.x, y + area.y))
            return
        x0, y1 = camera.to_world(0, 0)
        area = pygame.Rect(int(x0 - self.left), int(self.top - y1), int(VIEW_W / zoom) + 2, int(VIEW_H / zoom) + 2)
        area = area.clip(self.map.rect)
        dark.fill(self.ambient)
        if area.w > 0 and area.h > 0:
            size = (int(area.w * zoom), int(area.h * zoom))
            part = pygame.transform.scale(self._laid(area), size, self._zoomed_room(size))
            dark.blit(part, camera.to_screen(self.left + area.x, self.top - area.y))

    def _laid(self, area: pygame.Rect) -> pygame.Surface:
        """The light map's `area` (in view) laid out whole. What is laid out is a window a little larger,
        kept while the camera looks inside it: laying out the map's bands costs more than a copy."""
        window = self.window
        if not window.contains(area):
            window = self.window = area.inflate(2 * WINDOW_PAD, 2 * WINDOW_PAD).clip(self.map.rect)
            self.unzoomed = room_for(self.unzoomed, window.size)
            self.map.lay(self.unzoomed, (-window.x, -window.y), window)
        return self.unzoomed.subsurface(area.move(-window.x, -window.y))

    def _zoomed_room(self, size: tuple[int, int]) -> pygame.Surface:
        """Room for the light map in view once scaled: kept, as a fresh surface each frame costs more
        than the scaling."""
        self.scaled = room = room_for(self.scaled, size)
        return room.subsurface((0, 0, *size))

    def _step(self, index: int, light: LightSpec, sprite: pygame.Surface, step: int) -> pygame.Surface:
        """A changing light's sprite at `step` of FLICKER_LEVELS, made the first time it is wanted."""
        if step == FLICKER_LEVELS:
            return sprite  # full brightness: the sprite itself
        steps = self.steps.get(index)
        if steps is None:
            steps = self.steps[index] = [None] * FLICKER_LEVELS
        dimmed = steps[step - 1]
        if dimmed is None:
            dimmed = steps[step - 1] = _dimmed(sprite, step / FLICKER_LEVELS)
        return dimmed

    def _forget_unseen(self) -> None:
        """Let go of the dimmer steps (and their zoomed copies) of lights out of view for STEPS_FORGET frames."""
        gone = [i for i in self.steps if self.frame - self.seen.get(i, 0) >= STEPS_FORGET]
        for i in gone:
            del self.steps[i]
        if gone:
            self.zoomed = {key: sprite for key, sprite in self.zoomed.items() if key[0] not in gone}

    def _zoomed(self, key: tuple[int, int], sprite: pygame.Surface, zoom: float) -> pygame.Surface:
        """A light sprite scaled for a zoomed camera, scaled once and kept: zooms are rounded to 1/64
        (a soft light a pixel off is not seen), so a camera easing its zoom reuses them."""
        zoom = round(zoom * 64) / 64
        key = (*key, zoom)
        if key not in self.zoomed:
            if len(self.zoomed) > ZOOMED_KEPT:
                self.zoomed.clear()
            self.zoomed[key] = pygame.transform.smoothscale(sprite, _zoomed_size(sprite, zoom))
        return self.zoomed[key]

    def draw_halos(self, canvas: pygame.Surface, camera: Camera) -> None:
        """The glare round every light's source, over the finished frame: flames, bulbs and tubes shine."""
        for i, light in enumerate(self.level.lights):
            size = HALO_SIZE.get(light.kind)
            level = self.levels[i]
            if not size or level < 0.2:
                continue
            sprites = self.halos[(light.color, size)]
            sprite = sprites[min(3, int(level * light.intensity * 4 - 0.01))]
            self._blit_at(canvas, sprite, camera, light.at, size, pygame.BLEND_RGB_ADD)

    @staticmethod
    def _blit_at(
        dark: pygame.Surface, sprite: pygame.Surface, camera: Camera, at: tuple[float, float], radius: float, flags: int
    ) -> None:
        sx, sy = camera.to_screen(at[0], at[1])
        reach = radius * camera.zoom
        if -reach < sx < VIEW_W + reach and -reach < sy < VIEW_H + reach:
            dark.blit(sprite, (round(sx - radius), round(sy - radius)), special_flags=flags)


def room_for(room: pygame.Surface | None, size: tuple[int, int]) -> pygame.Surface:
    """`room` if it holds `size`, else a larger one (never smaller than the view)."""
    if room is not None and room.get_width() >= size[0] and room.get_height() >= size[1]:
        return room
    have = room.get_size() if room is not None else (VIEW_W, VIEW_H)
    return unaligned(max(size[0], have[0]), max(size[1], have[1]))


def unaligned(w: int, h: int) -> pygame.Surface:
    """A plain surface whose rows do not start on 16 bytes: SDL copies a source whose rows do with
    streaming stores, ~20 times slower (40 us for 128 px squares, not 2) whenever the destination's
    rows do not start on 64 bytes, which a moving camera gives three times in four. (A subsurface a
    pixel in from the left of a wider surface.)"""
    return pygame.Surface((w + 1, h)).subsurface((1, 0, w, h))


def give_back_scratch() -> None:
    """Hand the memory a painting used for scratch back to the system: the C library keeps freed heap
    memory for itself, 50-100 MB after painting a big stage. Nothing happens without glibc."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():  # -> the C library's malloc_trim, or None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def _zoomed_size(sprite: pygame.Surface, zoom: float) -> tuple[int, int]:
    """A light sprite's size at a camera's zoom, rounded to 1/64 as the zoomed store keeps it."""
    zoom = round(zoom * 64) / 64
    w, h = sprite.get_size()
    return max(1, int(w * zoom)), max(1, int(h * zoom))


def _dimmed(sprite: pygame.Surface, level: float) -> pygame.Surface:
    """A copy of a light sprite at `level` (0..1) of its brightness."""
    shade = max(0, min(255, round(255 * level)))
    dimmed = sprite.copy()
    dimmed.fill((shade, shade, shade), special_flags=pygame.BLEND_RGB_MULT)
    return dimmed


def _scaled(colour: tuple[int, int, int], level: float) -> tuple[int, int, int]:
    return (int(colour[0] * level), int(colour[1] * level), int(colour[2] * level))
