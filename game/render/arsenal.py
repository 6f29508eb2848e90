"""The arsenal on screen: a gunman's laser sight, tracers, muzzle flashes, and knives and pistols on the
floor and in her hand. Reads `game.sim.arsenal.Arsenal` (found in `world.systems`) and the shot events;
never changes them.

Two passes: `draw` lays the weapons among the fighters (the lighting darkens them like everything else),
`draw_lit` adds what glows over the darkness: the laser brightening as the shot nears, the tracer
streaks, the flash at the muzzle and a glint on weapons lying about, so a pick-up is never missed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pygame

from game.data.poses import PoseSet
from game.render.camera import Camera
from game.render.skeleton import ARM_NEAR, FINGERS, WRIST, pose_at, solve
from game.sim import events as ev
from game.sim.arsenal import BULLET, arsenal_of

if TYPE_CHECKING:
    from game.sim.fighter import Fighter

Colour = tuple[int, int, int]
LASER: Colour = (255, 40, 46)
LASER_GLOW: Colour = (110, 8, 14)
TRACER: Colour = (255, 236, 170)
TRACER_TAIL: Colour = (170, 110, 50)
FLASH: Colour = (255, 226, 140)
FLASH_CORE: Colour = (255, 255, 235)
STEEL: Colour = (190, 200, 216)
GUNMETAL: Colour = (44, 44, 52)
GUN_EDGE: Colour = (118, 122, 138)
HANDLE: Colour = (70, 46, 32)
GLINT: Colour = (255, 250, 235)
EDGE_LIGHT: Colour = (150, 156, 170)  # a floor weapon's top edge over the darkness
LASER_FULL = 24  # ticks before the shot at which the laser starts at its faintest
TRACER_PX = 46.0  # px of streak behind a bullet
FLASH_TIME = 0.07  # s a muzzle flash burns
SPARK_TIME = 0.12  # s a bullet's spark on a wall lasts
GLINT_PERIOD = 70  # ticks between the glints of a weapon on the floor
SPIN_RATE = 0.55  # radians a thrown weapon turns a tick


class ArsenalPainter:
    """Draws the arsenal of a fight: lasers, bullets, flashes and weapons, from the world and its events."""

    def __init__(self, pose_sets: Mapping[str, PoseSet]) -> None:
        self.pose_sets = pose_sets
        self.flashes: list[list[float]] = []  # [x, y, dx, dy, seconds left]: muzzle flashes
        self.sparks: list[list[float]] = []  # [x, y, seconds left]: bullets stopped by a wall

    def update(self, events: list, dt: float) -> None:
        """Light a flash for every shot, a spark for every bullet a wall stopped; age the old ones."""
        for event in events:
            kind = type(event)
            if kind is ev.ShotFired and event.kind == BULLET:
                speed = math.hypot(event.vx, event.vy) or 1.0
                self.flashes.append([event.x, event.y, event.vx / speed, event.vy / speed, FLASH_TIME])
            elif (kind is ev.BulletHit and event.target is None) or kind is ev.BulletDeflected:
                self.sparks.append([event.x, event.y, SPARK_TIME])
        for flash in self.flashes:
            flash[4] -= dt
        for spark in self.sparks:
            spark[2] -= dt
        self.flashes = [f for f in self.flashes if f[4] > 0]
        self.sparks = [s for s in self.sparks if s[2] > 0]

    # --- among the fighters ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, camera: Camera, world) -> None:  # world: game.sim.world.World
        """Weapons on the floor, in flight and in hand."""
        arsenal = arsenal_of(world)
        if arsenal is None:
            return
        zoom = camera.zoom
        for kind, x, y, _ in arsenal.floor:
            sx, sy = camera.to_screen(x, y + 3.0)
            if -40 < sx < surface.get_width() + 40:
                _weapon(surface, kind, (sx, sy), (1.0, 0.0), zoom)
        for bullet in arsenal.bullets:
            if bullet.kind != BULLET:
                angle = world.tick * SPIN_RATE * (1 if bullet.vx >= 0 else -1)
                _weapon(surface, bullet.kind, camera.to_screen(bullet.x, bullet.y),
                        (math.cos(angle), math.sin(angle)), zoom)
        for fighter in world.fighters:
            if fighter.weapon is not None:
                self._in_hand(surface, camera, fighter, world.tick)

    def _in_hand(self, surface: pygame.Surface, camera: Camera, fighter: Fighter, tick: int) -> None:
        pose_set = self.pose_sets.get(fighter.spec.poses)
        if pose_set is None:
            return
        figure = solve(pose_set.body, pose_at(fighter, pose_set, tick), fighter.facing)
        wx, wy = figure.point(ARM_NEAR + WRIST)
        fx, fy = figure.point(ARM_NEAR + FINGERS)
        wrist = camera.to_screen(fighter.x + wx, fighter.y + wy)
        fingers = camera.to_screen(fighter.x + fx, fighter.y + fy)
        dx, dy = fingers[0] - wrist[0], fingers[1] - wrist[1]
        length = math.hypot(dx, dy) or 1.0
        assert fighter.weapon is not None
        _weapon(surface, fighter.weapon, fingers, (dx / length, dy / length), camera.zoom, held=True)

    # --- over the darkness -----------------------------------------------------------------------

    def draw_lit(self, surface: pygame.Surface, camera: Camera, world) -> None:  # world: game.sim.world.World
        """Lasers, tracers, muzzle flashes, sparks and the glint of weapons lying about."""
        arsenal = arsenal_of(world)
        if arsenal is None:
            return
        for _, start, end, left in arsenal.lasers(world):
            _laser(surface, camera.to_screen(*start), camera.to_screen(*end), left, world.tick)
        for bullet in arsenal.bullets:
            if bullet.kind == BULLET:
                _tracer(surface, camera, bullet.x, bullet.y, bullet.vx, bullet.vy)
        for x, y, dx, dy, left in self.flashes:
            _muzzle_flash(surface, camera.to_screen(x, y), (dx, -dy), left / FLASH_TIME, camera.zoom)
        for x, y, left in self.sparks:
            _spark(surface, camera.to_screen(x, y), left / SPARK_TIME, camera.zoom)
        for index, (kind, x, y, _) in enumerate(arsenal.floor):
            _edge(surface, kind, camera.to_screen(x, y + 3.0), camera.zoom)
            phase = (world.tick + index * 23) % GLINT_PERIOD
            if phase < 12:
                _twinkle(surface, camera.to_screen(x + 6.0, y + 5.0), math.sin(phase / 12 * math.pi), camera.zoom)


# --- shapes ---------------------------------------------------------------------------------------


def _weapon(surface: pygame.Surface, kind: str, at: tuple[float, float], along: tuple[float, float],
            zoom: float, held: bool = False) -> None:
    """A knife or a pistol at `at` (screen px), its blade or barrel pointing `along` (screen, unit)."""
    ax, ay = along
    nx, ny = -ay, ax  # across, to the picture's "up" side of the weapon
    x, y = at
    if kind == "knife":
        handle, blade, half = 8.0 * zoom, 17.0 * zoom, 1.8 * zoom
        back = (x - ax * (0 if held else handle), y - ay * (0 if held else handle))
        tip = (back[0] + ax * (handle + blade), back[1] + ay * (handle + blade))
        guard = (back[0] + ax * handle, back[1] + ay * handle)
        pygame.draw.line(surface, HANDLE, back, guard, max(2, round(3 * zoom)))
        pygame.draw.polygon(surface, STEEL, [(guard[0] + nx * half, guard[1] + ny * half), tip,
                                             (guard[0] - nx * half, guard[1] - ny * half)])
        pygame.draw.line(surface, GLINT, guard, tip)
        return
    barrel, grip, half = 15.0 * zoom, 8.0 * zoom, 2.4 * zoom
    # a pistol lying or held: the barrel along `along`, the grip dropping toward the floor side
    down = (nx, ny) if ny > 0 else (-nx, -ny)
    butt = (x - ax * 3.0 * zoom, y - ay * 3.0 * zoom)
    muzzle = (butt[0] + ax * barrel, butt[1] + ay * barrel)
    ux, uy = down[0] * half, down[1] * half
    slide = [(butt[0] - ux, butt[1] - uy), (muzzle[0] - ux, muzzle[1] - uy),
             (muzzle[0] + ux, muzzle[1] + uy), (butt[0] + ux, butt[1] + uy)]
    heel = (butt[0] + ax * 1.5 * zoom, butt[1] + ay * 1.5 * zoom)
    grip_end = (heel[0] + down[0] * grip - ax * 2.5 * zoom, heel[1] + down[1] * grip - ay * 2.5 * zoom)
    pygame.draw.polygon(surface, GUNMETAL, slide)
    pygame.draw.line(surface, GUNMETAL, heel, grip_end, max(2, round(4 * zoom)))
    pygame.draw.line(surface, GUN_EDGE, slide[0], slide[1])


def _edge(surface: pygame.Surface, kind: str, at: tuple[float, float], zoom: float) -> None:
    """The light a weapon on the floor catches along its top edge, so it reads in the dark."""
    x, y = at
    if kind == "knife":
        pygame.draw.line(surface, EDGE_LIGHT, (x, y - 1), (x + 17.0 * zoom, y - 1))
        return
    pygame.draw.line(surface, EDGE_LIGHT, (x - 3.0 * zoom, y - 2.4 * zoom), (x + 12.0 * zoom, y - 2.4 * zoom))


def _laser(surface: pygame.Surface, start: tuple[float, float], end: tuple[float, float], left: int,
           tick: int) -> None:
    """The laser sight: faint when he raises the gun, full red as the shot nears, with a dot where it lands."""
    heat = 1.0 - min(left, LASER_FULL) / LASER_FULL  # 0 at the first frame of the aim, 1 at the shot
    level = 0.35 + 0.65 * heat
    if left <= 3:
        level = 1.0 if tick % 2 else 0.75  # it flickers in the last instant: now
    glow = _scaled(LASER_GLOW, level)
    pygame.draw.line(surface, glow, start, end, 3)
    pygame.draw.aaline(surface, _scaled(LASER, level), start, end)
    radius = 2.0 + 2.5 * heat
    pygame.draw.circle(surface, glow, end, radius + 2.0)
    pygame.draw.circle(surface, _scaled((255, 120, 110), level), end, radius)


def _tracer(surface: pygame.Surface, camera: Camera, x: float, y: float, vx: float, vy: float) -> None:
    speed = math.hypot(vx, vy) or 1.0
    tail = (x - vx / speed * TRACER_PX, y - vy / speed * TRACER_PX)
    mid = (x - vx / speed * TRACER_PX * 0.4, y - vy / speed * TRACER_PX * 0.4)
    head = camera.to_screen(x, y)
    pygame.draw.line(surface, TRACER_TAIL, camera.to_screen(*tail), camera.to_screen(*mid), 1)
    pygame.draw.line(surface, TRACER, camera.to_screen(*mid), head, 2)
    pygame.draw.circle(surface, FLASH_CORE, head, 1.5)


def _muzzle_flash(surface: pygame.Surface, at: tuple[float, float], along: tuple[float, float], life: float,
                  zoom: float) -> None:
    """A star of flame out of the barrel, longest along the shot."""
    x, y = at
    ax, ay = along
    nx, ny = -ay, ax
    reach = (10.0 + 16.0 * life) * zoom
    for forward, side, length in ((1.0, 0.0, 1.0), (0.7, 0.7, 0.45), (0.7, -0.7, 0.45), (-0.3, 0.9, 0.25),
                                  (-0.3, -0.9, 0.25)):
        dx, dy = ax * forward + nx * side, ay * forward + ny * side
        tip = (x + dx * reach * length, y + dy * reach * length)
        width = 3.0 * zoom * length
        pygame.draw.polygon(surface, FLASH, [(x + -dy * width, y + dx * width), tip, (x - -dy * width, y - dx * width)])
    pygame.draw.circle(surface, FLASH_CORE, at, (2.5 + 3.0 * life) * zoom)


def _spark(surface: pygame.Surface, at: tuple[float, float], life: float, zoom: float) -> None:
    x, y = at
    size = (3.0 + 5.0 * (1.0 - life)) * zoom
    colour = _scaled(FLASH, 0.4 + 0.6 * life)
    for dx, dy in ((1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1), (0.7, -0.7)):
        pygame.draw.line(surface, colour, (x + dx * size * 0.4, y + dy * size * 0.4), (x + dx * size, y + dy * size))


def _twinkle(surface: pygame.Surface, at: tuple[float, float], strength: float, zoom: float) -> None:
    x, y = at
    size = (1.5 + 4.0 * strength) * zoom
    colour = _scaled(GLINT, 0.5 + 0.5 * strength)
    pygame.draw.line(surface, colour, (x - size, y), (x + size, y))
    pygame.draw.line(surface, colour, (x, y - size), (x, y + size))


def _scaled(colour: Colour, level: float) -> Colour:
    return (round(colour[0] * level), round(colour[1] * level), round(colour[2] * level))
