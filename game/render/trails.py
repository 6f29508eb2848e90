"""Afterimages: the silhouettes a fighter leaves behind a fast turn, fading, and the bright arc a knife
sweeps through a slash.

Renderer state only, like the coats' cloth (`Tail` in game/render/enemies.py): the view records them
once per world tick from what the fighters show and draws them behind the fighters, added as light
(so they glow over the dark scene and the fighter's own silhouette covers them), then spares them from
the lighting's darkness. Reads fighters, never changes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pygame

from game.data.poses import PoseSet
from game.render.camera import VIEW_H, VIEW_W, Camera
from game.render.fighters import ARM_NEAR, BLADE_PX, FINGERS, HEAD, HEAD_PX, HIP, WAIST, WRIST, _points
from game.render.painter import look_named
from game.render.skeleton import Figure, pose_at, solve

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.world import World

Colour = tuple[int, int, int]
GHOST_SPIN = 14.0  # degrees a frame: a turn slower than this leaves no afterimage
GHOST_EVERY = 2  # ticks between the afterimages a turn leaves
GHOST_LIFE = 11  # ticks an afterimage takes to fade out
GHOST_LIGHT = 0.85  # the newest afterimage's brightness, 0..1
GHOST_CRIMSON = (150, 44, 70)  # the light an afterimage gives off at full brightness
SWEEP_LIFE = 7  # ticks a blade's sweep takes to fade out
SWEEP_MIN_PX = 5.0  # px the tip must travel in a tick to leave a sweep
SWEEP_STEEL = (200, 215, 255)
SPARE_LIGHT = 0.8  # how much of their own light afterimages keep in the darkness layer
TRAIL_PAD = 4  # px round the afterimages' box


@dataclass(frozen=True, slots=True)
class Ghost:
    """One afterimage: the figure a fighter showed at world tick `born`, where it stood."""

    born: int
    x: float
    y: float
    figure: Figure
    look: str


@dataclass(frozen=True, slots=True)
class Sweep:
    """Where a knife was at world tick `born`: the hilt and the tip, world px."""

    born: int
    hilt: tuple[float, float]
    tip: tuple[float, float]


def spins(fighter: Fighter) -> bool:
    """Whether the move a fighter is doing turns at all (its keys change the turn)."""
    move = fighter.move
    if fighter.state != "move" or move is None:
        return False
    keys = move.spec.poses
    return any(a.turn != b.turn for a, b in zip(keys, keys[1:], strict=False))


class Trails:
    """Every fighter's afterimages and knife sweeps: `record` once per world tick, `draw` behind the
    fighters, `light` in the darkness layer."""

    def __init__(self, pose_sets: Mapping[str, PoseSet]) -> None:
        self.pose_sets = dict(pose_sets)
        self.ghosts: dict[int, list[Ghost]] = {}
        self.sweeps: dict[int, list[Sweep]] = {}
        self.blades: dict[int, Sweep] = {}  # where each knife was last seen
        self.glow = pygame.Surface((VIEW_W, VIEW_H))  # the trails' light, drawn on black, added twice
        self.drawn: list[pygame.Rect] = []  # the parts of `glow` painted this frame

    @property
    def live(self) -> int:
        """Afterimages and sweep steps still showing."""
        return sum(map(len, self.ghosts.values())) + sum(map(len, self.sweeps.values()))

    def record(self, world: World) -> None:
        """Remember what spinning and slashing fighters show now; forget what has faded (or lies in
        the future, after a rewind)."""
        tick = world.tick
        for fighter in world.fighters:
            if fighter.hitstop > 0 or fighter.state != "move":
                continue
            pose_set = self.pose_sets.get(fighter.spec.poses)
            if pose_set is None:
                continue
            turning = spins(fighter)
            posture = pose_at(fighter, pose_set, tick) if turning or fighter.move.spec.poses else None
            if posture is None or not (posture.pose.blade or abs(posture.spin) >= GHOST_SPIN):
                continue
            figure = solve(pose_set.body, posture, fighter.facing)
            look = fighter.spec.look
            if abs(posture.spin) >= GHOST_SPIN and tick % GHOST_EVERY == 0:
                self.ghosts.setdefault(fighter.id, []).append(Ghost(tick, fighter.x, fighter.y, figure, look))
            if figure.blade:
                self._record_sweep(fighter, figure, tick)
        self._forget(tick)

    def _record_sweep(self, fighter: Fighter, figure: Figure, tick: int) -> None:
        scale = look_named(fighter.spec.look).scale
        (wx, wy), (fx, fy) = figure.point(ARM_NEAR + WRIST), figure.point(ARM_NEAR + FINGERS)
        ax, ay = fx - wx, fy - wy
        length = float(np.hypot(ax, ay)) or 1.0
        tip = (fx + ax / length * BLADE_PX, fy + ay / length * BLADE_PX)
        hilt = (fighter.x + fx * scale, fighter.y + fy * scale)
        tip = (fighter.x + tip[0] * scale, fighter.y + tip[1] * scale)
        last = self.blades.get(fighter.id)
        self.blades[fighter.id] = Sweep(tick, hilt, tip)
        if last is None or last.born != tick - 1:
            return  # the knife has just come out
        if np.hypot(tip[0] - last.tip[0], tip[1] - last.tip[1]) < SWEEP_MIN_PX:
            return  # held still: nothing sweeps
        sweeps = self.sweeps.setdefault(fighter.id, [])
        if not sweeps or sweeps[-1].born != last.born:
            sweeps.append(last)  # a new sweep starts where the knife was
        sweeps.append(Sweep(tick, hilt, tip))

    def _forget(self, tick: int) -> None:
        for key in [key for key, seen in self.blades.items() if not 0 <= tick - seen.born <= 1]:
            del self.blades[key]
        for table, life in ((self.ghosts, GHOST_LIFE), (self.sweeps, SWEEP_LIFE)):
            for key in list(table):
                kept = [item for item in table[key] if 0 <= tick - item.born < life]
                if kept:
                    table[key] = kept
                else:
                    del table[key]

    # --- drawing ----------------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface, camera: Camera, tick: int) -> None:
        """Add the afterimages' and sweeps' light to the canvas (the view calls this before it draws
        the fighters, so each fighter's silhouette covers its own trail)."""
        self.drawn = []
        if not self.ghosts and not self.sweeps:
            return
        screen = self.glow.get_rect()
        groups: list[tuple[pygame.Rect, list]] = []  # a box on screen and the shapes inside it
        for fighter_id in sorted(self.ghosts.keys() | self.sweeps.keys()):
            shapes = self._shapes(camera, tick, fighter_id)
            box = _box(shapes).clip(screen) if shapes else None
            if box is None or box.width <= 0 or box.height <= 0:
                continue
            for other in [group for group in groups if group[0].colliderect(box)]:  # one fill per overlap
                groups.remove(other)
                box, shapes = box.union(other[0]), other[1] + shapes
            groups.append((box, shapes))
        glow = self.glow
        polygon, circle = pygame.draw.polygon, pygame.draw.circle
        for box, shapes in groups:
            glow.fill((0, 0, 0), box)
            for _, colour, polygons, discs in sorted(shapes, key=lambda shape: shape[0]):  # oldest first
                for points in polygons:
                    polygon(glow, colour, points)
                for x, y, r in discs:
                    circle(glow, colour, (x, y), r)
            canvas.blit(glow, box.topleft, box, special_flags=pygame.BLEND_RGB_ADD)
            self.drawn.append(box)

    def light(self, dark: pygame.Surface) -> None:
        """Spare this frame's trails from the darkness: they are light themselves."""
        for box in self.drawn:
            dark.blit(self.glow, box.topleft, box, special_flags=pygame.BLEND_RGB_ADD)

    def _shapes(self, camera: Camera, tick: int, fighter_id: int) -> list[tuple[float, Colour, list, list]]:
        """(age order, colour, polygons, discs) of a fighter's afterimages and sweep steps on screen."""
        shapes: list[tuple[float, Colour, list, list]] = []
        zoom = camera.zoom
        for ghost in self.ghosts.get(fighter_id, ()):
            age = tick - ghost.born
            if age <= 0:
                continue  # the fighter herself stands there now
            fade = GHOST_LIGHT * (1.0 - age / GHOST_LIFE)
            shapes.append((-age, _dim(GHOST_CRIMSON, fade), *self._ghost_shapes(ghost, camera, zoom)))
        sweeps = self.sweeps.get(fighter_id, [])
        for older, newer in zip(sweeps, sweeps[1:], strict=False):
            fade = 1.0 - (tick - older.born) / SWEEP_LIFE
            if fade <= 0 or newer.born != older.born + 1:
                continue
            quad = [camera.to_screen(*older.hilt), camera.to_screen(*older.tip),
                    camera.to_screen(*newer.tip), camera.to_screen(*newer.hilt)]
            shapes.append((fade - 1.0, _dim(SWEEP_STEEL, fade), [quad], []))
        return shapes

    def _ghost_shapes(self, ghost: Ghost, camera: Camera, zoom: float) -> tuple[list, list]:
        """The polygons and discs of one afterimage's silhouette on screen."""
        look = look_named(ghost.look)
        bones = getattr(look, "bones", None)
        scale = zoom * look.scale
        points = _points(ghost.figure, camera.to_screen(ghost.x, ghost.y), scale)
        if bones is None:
            return [], []
        polygons = bones.outlines(points, scale, 1.0)[2]
        (hx, hy), (wx, wy), (cx, cy) = points[HIP].tolist(), points[WAIST].tolist(), points[HEAD].tolist()
        discs = [(cx, cy, HEAD_PX * scale)]
        if ghost.look == "ballerina":  # the tutu's disc, seen edge on
            ux, uy = (wx - hx) * 0.35, (wy - hy) * 0.35
            across = 31.0 * scale
            polygons = [*polygons, [(hx + ux - across, hy + uy), (hx + ux, hy + uy - 5 * scale),
                                    (hx + ux + across, hy + uy), (hx + ux, hy + uy + 7 * scale)]]
        return polygons, discs


def _box(shapes: list) -> pygame.Rect:
    """The screen box round some shapes, with room for the lines' width."""
    xs = [x for _, _, polygons, _ in shapes for points in polygons for x, _ in points]
    ys = [y for _, _, polygons, _ in shapes for points in polygons for _, y in points]
    for _, _, _, discs in shapes:
        xs += [x + sign * r for x, _, r in discs for sign in (-1, 1)]
        ys += [y + sign * r for _, y, r in discs for sign in (-1, 1)]
    if not xs:
        return pygame.Rect(0, 0, 0, 0)
    left, top = int(min(xs)) - TRAIL_PAD, int(min(ys)) - TRAIL_PAD
    return pygame.Rect(left, top, int(max(xs)) - left + TRAIL_PAD, int(max(ys)) - top + TRAIL_PAD)


def _dim(colour: Colour, light: float) -> Colour:
    light = max(0.0, min(1.0, light))
    return (int(colour[0] * light), int(colour[1] * light), int(colour[2] * light))
