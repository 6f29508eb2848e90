"""Weather: rain streaking down (slanted by the wind) with splashes where it lands, and drifting fog.

Follows the level's `[weather]`: `rain` 0..1 sets how many drops fall, `wind` -1..1 how far they slant,
`fog` 0..1 how thick the haze drifting over the far layers is. Drops live in fixed numpy pools around
the camera (no allocation per frame) and are drawn as pixel streaks straight into the canvas, so a
downpour costs a fraction of a millisecond. The weather has its own dice: it never touches the world.
"""

from __future__ import annotations

import random

import numpy as np
import pygame

from game.data.levels import LevelSpec
from game.render.camera import VIEW_H, VIEW_W, Camera

NEAR_DROPS = 260  # drops at rain = 1 that fall on the stage and splash
FAR_DROPS = 200  # finer, dimmer drops in the distance that never land
FALL_SPEED = 1500.0  # px/s
WIND_SLANT = 0.45  # px sideways per px down at wind = 1
STREAK = 0.022  # s of fall a streak shows
SPLASHES = 120  # the pool of splashes
SPLASH_LIFE = 0.18  # s
NEAR_RAIN = np.array((150, 162, 190), np.float32)
FAR_RAIN = np.array((96, 104, 128), np.float32)
SPLASH_RAIN = np.array((190, 200, 225), np.float32)
FOG_BANDS = ((40.0, 0.55, 220), (330.0, 0.3, 280))  # world y, parallax depth, height px of each band
FOG_DRIFT = 18.0  # px/s the fog drifts
FOG_TILE = 1024  # px: the fog band repeats this often
FOG_COLOUR = (140, 146, 170)
THIN_FOG = 0.25  # below this only the low band of fog is drawn


def _surfaces_at(platforms, x: np.ndarray, ceiling: float) -> np.ndarray:
    """The top of the highest platform under each x (below `ceiling`), or -inf where there is none."""
    ground = np.full(x.shape, -np.inf)
    for p in platforms:
        left, bottom, w, h = p.rect
        top = bottom + h + p.rise * np.clip((x - left) / w, 0, 1)
        under = (x >= left) & (x <= left + w) & (top <= ceiling)
        ground = np.where(under & (top > ground), top, ground)
    return ground


class Weather:
    """Rain and fog over one level, seen through the camera."""

    def __init__(self, level: LevelSpec, rng: random.Random) -> None:
        spec = level.weather
        self.level = level
        self.rain = spec.rain
        self.fog = spec.fog
        self.slant = spec.wind * WIND_SLANT
        self.dice = np.random.default_rng(rng.randrange(1 << 30))
        near, far = int(NEAR_DROPS * spec.rain), int(FAR_DROPS * spec.rain)
        self.near = np.zeros((near, 3))  # x, y, the ground it lands on
        self.far = np.zeros((far, 2))
        self.splash = np.zeros((SPLASHES, 3))  # x, y, age
        self.splash[:, 2] = SPLASH_LIFE
        self.next_splash = 0
        self.started = False
        self.time = 0.0
        bands = FOG_BANDS if self.fog >= THIN_FOG else FOG_BANDS[:1]  # a thin haze hangs low only
        self.fog_bands = [self._fog_band(height) for _, _, height in bands] if self.fog > 0 else []

    @property
    def drops(self) -> int:
        """How many raindrops are falling."""
        return len(self.near) + len(self.far)

    def _fog_band(self, height: int) -> pygame.Surface:
        """A soft horizontal band of haze, tiling every FOG_TILE px, thickest in its middle."""
        xs = np.arange(FOG_TILE, dtype=np.float32)[:, None]
        ys = np.linspace(-1, 1, height, dtype=np.float32)[None, :]
        turn = xs * np.pi * 2 / FOG_TILE
        wisps = 0.65 + 0.35 * np.sin(turn * 3 + np.sin(ys * 3) * 1.5) * np.cos(turn * 2)
        alpha = np.clip(1 - ys * ys, 0, 1) ** 1.5 * wisps * 150 * self.fog
        rgb = (alpha / 255.0)[..., None] * np.array(FOG_COLOUR, np.float32) * 0.5
        return pygame.surfarray.make_surface(np.clip(rgb, 0, 255).astype(np.uint8))  # added: haze lightens

    def _scatter(self, n: int, camera: Camera, spread_y: bool) -> tuple[np.ndarray, np.ndarray]:
        x0, top = camera.to_world(-200, 0)
        x1, bottom = camera.to_world(VIEW_W + 200, VIEW_H)
        xs = self.dice.uniform(x0, x1, n)
        ys = self.dice.uniform(bottom, top, n) if spread_y else top + self.dice.uniform(0, 120, n)
        return xs, ys

    def _refill(self, drops: np.ndarray, which: np.ndarray, camera: Camera, spread_y: bool, landing: bool) -> None:
        n = int(which.sum())
        if n == 0:
            return
        xs, ys = self._scatter(n, camera, spread_y)
        drops[which, 0], drops[which, 1] = xs, ys
        if landing:
            ground = _surfaces_at(self.level.platforms, xs + ys * self.slant, ys)  # where the slant takes it
            drops[which, 2] = ground

    def update(self, dt: float, camera: Camera) -> None:
        """Let the rain fall for `dt` seconds; drops reaching the ground splash and start again on top."""
        self.time += dt
        if not self.rain:
            return
        everywhere = not self.started
        self.started = True
        fall = FALL_SPEED * dt
        near, far = self.near, self.far
        if everywhere:
            self._refill(near, np.ones(len(near), bool), camera, True, True)
            self._refill(far, np.ones(len(far), bool), camera, True, False)
        near[:, 1] -= fall
        near[:, 0] += fall * self.slant
        far[:, 1] -= fall * 0.7
        far[:, 0] += fall * 0.7 * self.slant
        x0, _ = camera.to_world(-260, -40)
        x1, bottom = camera.to_world(VIEW_W + 260, VIEW_H + 40)
        landed = near[:, 1] <= near[:, 2]
        for x, y in near[landed, :2][:8]:
            self._add_splash(x, y)
        self.splash[:, 2] += dt
        lost = landed | (near[:, 1] < bottom) | (near[:, 0] < x0) | (near[:, 0] > x1)
        self._refill(near, lost, camera, False, True)
        lost_far = (far[:, 1] < bottom) | (far[:, 0] < x0) | (far[:, 0] > x1)
        self._refill(far, lost_far, camera, False, False)

    def _add_splash(self, x: float, y: float) -> None:
        self.splash[self.next_splash] = (x, y, 0.0)
        self.next_splash = (self.next_splash + 1) % SPLASHES

    def draw(self, canvas: pygame.Surface, camera: Camera) -> None:
        """Rain streaks and splashes over the finished frame."""
        if not self.rain or not self.started:
            return
        zoom = camera.zoom
        pixels = pygame.surfarray.pixels3d(canvas)
        run = FALL_SPEED * STREAK * zoom
        self._streaks(pixels, camera, self.far, run * 0.6, FAR_RAIN, 0.45)
        self._streaks(pixels, camera, self.near, run, NEAR_RAIN, 0.6)
        self._splashes(pixels, camera)
        del pixels

    def _streaks(self, pixels: np.ndarray, camera: Camera, drops: np.ndarray, run: float, colour: np.ndarray,
                 alpha: float) -> None:
        if not len(drops):
            return
        sx = (drops[:, 0] - camera.x) * camera.zoom + VIEW_W / 2 + camera.shake_x
        sy = VIEW_H / 2 - (drops[:, 1] - camera.y) * camera.zoom + camera.shake_y
        steps = np.linspace(0.0, 1.0, max(2, int(run)))[None, :]
        xs = (sx[:, None] - steps * run * self.slant).astype(np.int32).ravel()
        ys = (sy[:, None] - steps * run).astype(np.int32).ravel()
        keep = (xs >= 0) & (xs < VIEW_W) & (ys >= 0) & (ys < VIEW_H)
        xs, ys = xs[keep], ys[keep]
        old = pixels[xs, ys].astype(np.float32)
        pixels[xs, ys] = (old + (colour - old) * alpha).astype(np.uint8)

    def _splashes(self, pixels: np.ndarray, camera: Camera) -> None:
        live = self.splash[self.splash[:, 2] < SPLASH_LIFE]
        if not len(live):
            return
        grow = live[:, 2] / SPLASH_LIFE
        sx = (live[:, 0] - camera.x) * camera.zoom + VIEW_W / 2 + camera.shake_x
        sy = VIEW_H / 2 - (live[:, 1] - camera.y) * camera.zoom + camera.shake_y
        spread = (2 + 9 * grow)[:, None] * camera.zoom
        lift = (np.sin(grow * np.pi) * 5)[:, None] * camera.zoom
        side = np.array([-1.0, -0.6, -0.25, 0.25, 0.6, 1.0])[None, :]
        xs = (sx[:, None] + side * spread).astype(np.int32).ravel()
        ys = (sy[:, None] - lift * (1.2 - np.abs(side))).astype(np.int32).ravel()
        keep = (xs >= 0) & (xs < VIEW_W) & (ys >= 0) & (ys < VIEW_H)
        xs, ys = xs[keep], ys[keep]
        old = pixels[xs, ys].astype(np.float32)
        pixels[xs, ys] = (old + (SPLASH_RAIN - old) * 0.55).astype(np.uint8)

    def draw_fog(self, canvas: pygame.Surface, camera: Camera) -> None:
        """Bands of haze drifting over the far layers (the stage draws them before its scenery)."""
        for band, (y, depth, height) in zip(self.fog_bands, FOG_BANDS[: len(self.fog_bands)], strict=True):
            lag = 1.0 - depth
            left, top = camera.to_screen(camera.x * lag, y + height / 2 + (camera.y - 300) * lag)
            offset = int(left + self.time * FOG_DRIFT) % FOG_TILE - FOG_TILE
            if top > VIEW_H or top + height < 0:
                continue
            for x in range(offset, VIEW_W, FOG_TILE):
                canvas.blit(band, (x, round(top)), special_flags=pygame.BLEND_RGB_ADD)
