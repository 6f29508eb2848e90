"""Lighting: a darkness layer lit by additive light sprites, then multiplied onto the scene.

The steady lights of a level are baked once into a world-sized light map; each frame copies the
visible part, adds the flickering lights and the short glows of hits, and multiplies the result
onto the canvas. Nothing is allocated per frame.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pygame

from game.data.levels import LevelSpec, LightSpec
from game.render.camera import VIEW_H, VIEW_W, Camera

AMBIENT = (72, 74, 100)  # the colour of the dark: a cold blue night, never black
FLICKER_LEVELS = 8  # pre-rendered brightness steps of a flickering light
GLOW_LEVELS = 6  # pre-rendered brightness steps of a hit's glow
GLOW_RADIUS = 150  # px, the glow a hit spark throws on its surroundings
GLOW_COLOR = (255, 214, 150)
FOLLOW_RADIUS = 300  # px: the soft spot that keeps the fighters readable in the dark
FOLLOW_COLOR = (96, 92, 104)
MAP_MARGIN = 400  # px of light map beyond the level on every side
WINDOW_SLANT = 0.35  # moonlight falls this many px sideways per px down
POOL_WALL_Y = 46.0  # world y where the floor meets the back wall (the stage's FLOOR_DEPTH)
POOL_NEAR_Y = -200.0  # world y of the front of the floor
FLICKER_SPEED = 9.0  # radians per second of the slow part of a flicker


def window_frame(light: LightSpec) -> tuple[float, float, float, float]:
    """The pane a 'window' light shines through, (x0, y0, x1, y1) in world px: stage and light agree."""
    x, y = light.at
    half_w, half_h = light.radius * 0.26, light.radius * 0.62
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _to_surface(rgb: np.ndarray) -> pygame.Surface:
    """An (h, w, 3) float array in 0..255 as an opaque surface."""
    data = np.clip(rgb, 0, 255).astype(np.uint8).transpose(1, 0, 2)
    return pygame.surfarray.make_surface(np.ascontiguousarray(data))


def radial_sprite(radius: float, color: tuple[int, int, int], intensity: float) -> pygame.Surface:
    """A round pool of light: bright in the middle, falling smoothly to nothing at `radius`."""
    size = max(2, int(radius * 2))
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float32)
    d = np.hypot(xs - size / 2, ys - size / 2) / radius
    fall = np.clip(1.0 - d, 0.0, 1.0) ** 2
    rgb = fall[..., None] * np.array(color, np.float32) * intensity
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


_BAKED: dict[str, tuple] = {}  # the last level's baked light, by the level's JSON


class Lighting:
    """The darkness of a level with its lights, applied to a drawn canvas once a frame."""

    def __init__(self, level: LevelSpec, rng: random.Random) -> None:
        self.rng = rng
        width, height = level.size
        self.left, self.top = -MAP_MARGIN, height + MAP_MARGIN
        key = level.model_dump_json()
        if key not in _BAKED:  # the light map of a level never changes: views of it share one
            _BAKED.clear()
            _BAKED[key] = self._bake_level(level)
        self.map, self.flickering, self.glow_sprites = _BAKED[key]
        self.dark = pygame.Surface((VIEW_W, VIEW_H))
        self.time = 0.0
        self.phase = [rng.uniform(0, math.tau) for _ in self.flickering]
        self.jitter = [1.0 for _ in self.flickering]

    def _bake_level(self, level: LevelSpec) -> tuple:
        """The steady light map, the brightness steps of each flickering light, the glow sprites."""
        width, height = level.size
        light_map = pygame.Surface((int(width + 2 * MAP_MARGIN), int(height + 2 * MAP_MARGIN + 300)))
        light_map.fill(AMBIENT)
        flickering = []
        for light in level.lights:
            if light.flicker > 0:
                flickering.append((light, self._flicker_levels(light)))
                continue
            if light.kind == "window":
                sprite, (left, top) = window_sprite(light)
            else:
                sprite = radial_sprite(light.radius, light.color, light.intensity)
                left, top = light.at[0] - light.radius, light.at[1] + light.radius
            light_map.blit(sprite, (left - self.left, self.top - top), special_flags=pygame.BLEND_RGB_ADD)
        glows = [radial_sprite(GLOW_RADIUS, GLOW_COLOR, (i + 1) / GLOW_LEVELS) for i in range(GLOW_LEVELS)]
        glows.append(radial_sprite(FOLLOW_RADIUS, FOLLOW_COLOR, 1.0))  # the follow spot, last
        return light_map, flickering, glows

    def _flicker_levels(self, light: LightSpec) -> list[pygame.Surface]:
        low = max(0.0, 1.0 - 2.5 * light.flicker)
        steps = [low + (1.0 - low) * i / (FLICKER_LEVELS - 1) for i in range(FLICKER_LEVELS)]
        return [radial_sprite(light.radius, light.color, light.intensity * s) for s in steps]

    def update(self, dt: float) -> None:
        """Advance the flicker of candles and lamps (the view's own clock and dice, not the world's)."""
        self.time += dt
        for i, (light, _levels) in enumerate(self.flickering):
            if self.rng.random() < light.flicker * 3:
                self.jitter[i] = self.rng.uniform(0.6, 1.0)
            else:
                self.jitter[i] += (1.0 - self.jitter[i]) * 0.2

    def apply(
        self,
        canvas: pygame.Surface,
        camera: Camera,
        glows: list[tuple[float, float, float]],
        spots: list[tuple[float, float]] = (),  # type: ignore[assignment]
    ) -> None:
        """Darken `canvas` except where light falls; `glows` are (x, y, strength 0..1) flashes of hits,
        `spots` the world points the soft follow spot lights (the fighters in play)."""
        dark = self.dark
        zoom = camera.zoom
        sx0, sy0 = camera.to_screen(self.left, self.top)
        if zoom == 1.0:
            dark.blit(self.map, (round(sx0), round(sy0)))
        else:  # rare: scale just the part of the map in view
            x0, y1 = camera.to_world(0, 0)
            area = pygame.Rect(int(x0 - self.left), int(self.top - y1), int(VIEW_W / zoom) + 2, int(VIEW_H / zoom) + 2)
            area = area.clip(self.map.get_rect())
            if area.w > 0 and area.h > 0:
                part = pygame.transform.scale(self.map.subsurface(area), (int(area.w * zoom), int(area.h * zoom)))
                dark.fill(AMBIENT)
                dark.blit(part, camera.to_screen(self.left + area.x, self.top - area.y))
        add = pygame.BLEND_RGB_ADD
        for i, (light, levels) in enumerate(self.flickering):
            wave = 0.5 + 0.5 * math.sin(self.time * FLICKER_SPEED + self.phase[i])
            level = (1.0 - light.flicker) + light.flicker * wave
            level *= self.jitter[i]
            sprite = levels[min(FLICKER_LEVELS - 1, max(0, int(level * FLICKER_LEVELS) - 1))]
            self._blit_at(dark, sprite, camera, light.at, light.radius, add)
        for x, y in spots:
            self._blit_at(dark, self.glow_sprites[-1], camera, (x, y), FOLLOW_RADIUS, add)
        for x, y, strength in glows:
            sprite = self.glow_sprites[min(GLOW_LEVELS - 1, max(0, int(strength * GLOW_LEVELS)))]
            self._blit_at(dark, sprite, camera, (x, y), GLOW_RADIUS, add)
        canvas.blit(dark, (0, 0), special_flags=pygame.BLEND_RGB_MULT)

    @staticmethod
    def _blit_at(
        dark: pygame.Surface, sprite: pygame.Surface, camera: Camera, at: tuple[float, float], radius: float, flags: int
    ) -> None:
        sx, sy = camera.to_screen(at[0], at[1])
        reach = radius * camera.zoom
        if -reach < sx < VIEW_W + reach and -reach < sy < VIEW_H + reach:
            dark.blit(sprite, (round(sx - radius), round(sy - radius)), special_flags=flags)
