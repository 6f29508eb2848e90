"""Particles: sparks when a blow lands, a glint off a knife's edge, dust under feet, splinters when a
crate gives way; on guard, blue-white sparks off a block, a gold flash for a parry, a glint off an
armour plate.

A fixed pool of particles is reused (the oldest is recycled when it runs out), so a busy fight
never allocates. Particles live in world coordinates (px, y up) and only the view moves them.
"""

from __future__ import annotations

import math
import random

import pygame

from game.render.camera import VIEW_H, VIEW_W, Camera

MAX_PARTICLES = 600  # the pool; more than this recycles the oldest
GRAVITY = 1400.0  # px/s² on splinters and embers
DUST_RISE = 30.0  # px/s the dust drifts up
SLASH_SPARKS = 14
KICK_SPARKS = 18
DUST_SIZES = 8  # pre-rendered puff sizes
DUST_FADES = 6  # pre-rendered puff opacities
BLOCK_SPARKS = 12
GUARD_BLUE = (170, 210, 255)  # sparks off a guard: cold, unlike a hit's warm ones
PARRY_GOLD = (255, 222, 140)
PLATE_STEEL = (225, 235, 250)
GLINT_WHITE = (250, 250, 255)  # a knife's edge in the light
FLARE_RAYS = 4  # the long thin rays of a parry's or a plate's star
SPARK, EMBER, DUST, SPLINTER, RING, ARC, STAR = range(7)


class Particle:
    __slots__ = ("kind", "x", "y", "vx", "vy", "life", "age", "size", "angle", "spin", "colour")

    def __init__(self) -> None:
        self.kind = SPARK
        self.x = self.y = self.vx = self.vy = 0.0
        self.life = 0.0  # seconds it lasts; age >= life means the slot is free
        self.age = 1.0
        self.size = 1.0
        self.angle = self.spin = 0.0
        self.colour = (255, 255, 255)


def _puff(radius: int, alpha: int) -> pygame.Surface:
    """A soft round puff of dust."""
    size = radius * 2 + 2
    puff = pygame.Surface((size, size), pygame.SRCALPHA)
    for i in range(radius, 0, -2):
        a = int(alpha * (1 - i / (radius + 1)) ** 0.7)
        pygame.draw.circle(puff, (150, 140, 130, a), (radius + 1, radius + 1), i)
    return puff


class Particles:
    """The pool and the emitters the view calls when events arrive."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pool = [Particle() for _ in range(MAX_PARTICLES)]
        self.next = 0
        self.live = 0
        self.puffs = [[_puff(6 + 5 * s, 30 + 25 * f) for f in range(DUST_FADES)] for s in range(DUST_SIZES)]

    def _take(self) -> Particle:
        """A free particle, or the oldest one if the pool is full."""
        pool = self.pool
        for _ in range(MAX_PARTICLES):
            p = pool[self.next]
            self.next = (self.next + 1) % MAX_PARTICLES
            if p.age >= p.life:
                return p
        return pool[self.next]

    def _emit(self, kind: int, x: float, y: float, vx: float, vy: float, life: float, size: float, colour) -> Particle:
        p = self._take()
        p.kind, p.x, p.y, p.vx, p.vy = kind, x, y, vx, vy
        p.life, p.age, p.size, p.colour = life, 0.0, size, colour
        p.angle, p.spin = self.rng.uniform(0, math.tau), self.rng.uniform(-14, 14)
        return p

    def hit_sparks(self, x: float, y: float, impulse: float, slash: bool, counter: bool, facing: int) -> None:
        """A blow landed: thin bright streaks for a blade, a round burst and a ring for a kick."""
        rng = self.rng
        power = min(2.0, 0.6 + impulse / 400.0)
        if slash:
            for _ in range(SLASH_SPARKS):
                a = rng.gauss(0.35 if facing > 0 else math.pi - 0.35, 0.45)
                speed = rng.uniform(500, 1300) * power
                colour = (255, 250, 235) if rng.random() < 0.5 else (190, 225, 255)
                self._emit(SPARK, x, y, math.cos(a) * speed, math.sin(a) * speed, rng.uniform(0.08, 0.2), 1, colour)
        else:
            for _ in range(KICK_SPARKS):
                a = rng.uniform(0, math.tau)
                speed = rng.uniform(150, 700) * power
                colour = (255, rng.randint(170, 230), 90)
                self._emit(EMBER, x, y, math.cos(a) * speed, math.sin(a) * speed + 200, rng.uniform(0.15, 0.4),
                           rng.uniform(1.5, 3.5), colour)
        ring = (255, 80, 70) if counter else (255, 236, 190)
        self._emit(RING, x, y, 0, 0, 0.16 if not counter else 0.24, 12 + 10 * power, ring)

    def block_sparks(self, x: float, y: float, facing: int) -> None:
        """A blow met a guard: a fan of cold sparks thrown back at the attacker (who faces `facing`),
        and a bright arc of the guard itself, turned to him."""
        rng = self.rng
        back = math.pi if facing > 0 else 0.0  # the attacker's side of the contact
        for _ in range(BLOCK_SPARKS):
            a = rng.gauss(back, 0.55) + rng.uniform(-0.2, 0.5) * (1 if facing < 0 else -1)
            speed = rng.uniform(350, 900)
            colour = GUARD_BLUE if rng.random() < 0.6 else (255, 255, 255)
            self._emit(SPARK, x, y, math.cos(a) * speed, math.sin(a) * speed + 120, rng.uniform(0.08, 0.18), 1, colour)
        arc = self._emit(ARC, x, y, 0, 0, 0.14, 26, GUARD_BLUE)
        arc.angle, arc.spin = back, 0.0

    def parry_flash(self, x: float, y: float) -> None:
        """A perfect parry: a gold star with long rays and a wide ring, brighter than any hit."""
        star = self._emit(STAR, x, y, 0, 0, 0.3, 60, PARRY_GOLD)
        star.angle, star.spin = math.pi / 4, 1.5
        self._emit(RING, x, y, 0, 0, 0.3, 30, PARRY_GOLD)
        self._emit(RING, x, y, 0, 0, 0.18, 14, (255, 255, 255))
        for i in range(10):
            a = i * math.tau / 10
            self._emit(SPARK, x, y, math.cos(a) * 700, math.sin(a) * 700, 0.16, 1, PARRY_GOLD)

    def plate_glint(self, x: float, y: float) -> None:
        """An armoured hit: the blow rings off the plate, a small steel star and no blood-warm burst."""
        star = self._emit(STAR, x, y, 0, 0, 0.2, 22, PLATE_STEEL)
        star.angle, star.spin = 0.0, 3.0
        for _ in range(5):
            a = self.rng.uniform(0, math.tau)
            self._emit(SPARK, x, y, math.cos(a) * 300, math.sin(a) * 300, 0.1, 1, PLATE_STEEL)

    def blade_glint(self, x: float, y: float) -> None:
        """A knife's edge catching the light as it cuts: a thin white star with long rays, quick to go."""
        star = self._emit(STAR, x, y, 0, 0, 0.16, 34, GLINT_WHITE)
        star.angle, star.spin = math.pi / 8, 5.0

    def dust(self, x: float, y: float, amount: float) -> None:
        """Dust kicked up from the floor: `amount` 0..1 from a footstep to a hard landing."""
        rng = self.rng
        for _ in range(2 + int(6 * amount)):
            side = rng.choice((-1, 1))
            self._emit(DUST, x + side * rng.uniform(4, 20), y + 2, side * rng.uniform(30, 160) * (0.4 + amount),
                       rng.uniform(0, 30), rng.uniform(0.35, 0.7), rng.uniform(0.2, 0.6 + amount), (0, 0, 0))

    def splinters(self, x: float, y: float) -> None:
        """A crate bursts: planks and chips flying, and a cloud of dust."""
        rng = self.rng
        for _ in range(22):
            a = rng.uniform(0.1, math.pi - 0.1)
            speed = rng.uniform(200, 800)
            colour = rng.choice(((150, 106, 66), (112, 78, 50), (190, 150, 100)))
            self._emit(SPLINTER, x, y + 20, math.cos(a) * speed, math.sin(a) * speed, rng.uniform(0.6, 1.1),
                       rng.uniform(5, 16), colour)
        self.dust(x, y, 1.0)
        self.dust(x, y + 30, 1.0)

    def update(self, dt: float) -> None:
        """Move and age every live particle."""
        live = 0
        for p in self.pool:
            if p.age >= p.life:
                continue
            p.age += dt
            kind = p.kind
            if kind == DUST:
                p.vx *= 0.9
                p.vy = DUST_RISE
            elif kind in (EMBER, SPLINTER):
                p.vy -= GRAVITY * dt
                if p.y < 0 and p.vy < 0 and kind == SPLINTER:  # settle on the floor
                    p.vy, p.vx, p.spin = -p.vy * 0.3, p.vx * 0.6, p.spin * 0.5
            elif kind == SPARK:
                p.vx *= 0.9
                p.vy *= 0.9
            p.x += p.vx * dt
            p.y += p.vy * dt
            p.angle += p.spin * dt
            live += 1
        self.live = live

    def glows(self) -> list[tuple[float, float, float]]:
        """Where the fresh sparks light their surroundings: (x, y, strength 0..1)."""
        return [(p.x, p.y, 1.0 - p.age / p.life) for p in self.pool if p.kind in (RING, STAR) and p.age < p.life]

    def draw(self, canvas: pygame.Surface, camera: Camera) -> None:
        """Draw every live particle on screen."""
        to_screen = camera.to_screen
        zoom = camera.zoom
        line = pygame.draw.line
        for p in self.pool:
            if p.age >= p.life:
                continue
            sx, sy = to_screen(p.x, p.y)
            if not (-60 < sx < VIEW_W + 60 and -60 < sy < VIEW_H + 60):
                continue
            fade = 1.0 - p.age / p.life
            kind = p.kind
            if kind == SPARK:
                tail = 0.028 * zoom
                line(canvas, p.colour, (sx, sy), (sx - p.vx * tail, sy + p.vy * tail), 2)
            elif kind == EMBER:
                r, g, b = p.colour
                colour = (r, int(g * fade), int(b * fade * fade))
                size = max(1, round(p.size * (0.5 + fade)))
                pygame.draw.circle(canvas, colour, (sx, sy), size)
            elif kind == DUST:
                size = min(DUST_SIZES - 1, int((p.size + p.age * 1.6) * DUST_SIZES / 2.2))
                puff = self.puffs[size][min(DUST_FADES - 1, int(fade * DUST_FADES))]
                canvas.blit(puff, (sx - puff.get_width() / 2, sy - puff.get_height() / 2))
            elif kind == SPLINTER:
                dx, dy = math.cos(p.angle) * p.size * zoom / 2, math.sin(p.angle) * p.size * zoom / 2
                line(canvas, p.colour, (sx - dx, sy - dy), (sx + dx, sy + dy), 3)
            elif kind == RING:  # the shock of the blow
                radius = p.size * (1.0 + 2.5 * (1 - fade)) * zoom
                pygame.draw.circle(canvas, p.colour, (sx, sy), radius, max(1, round(3 * fade)))
            elif kind == ARC:  # a guard's half-moon, facing the blow
                r = p.size * (1.0 + 0.4 * (1 - fade)) * zoom
                box = (sx - r, sy - r, 2 * r, 2 * r)
                pygame.draw.arc(canvas, p.colour, box, p.angle - 1.1, p.angle + 1.1, max(1, round(4 * fade)))
            else:  # STAR: thin rays of a parry or a plate's glint, turning as they fade
                self._star(canvas, p, sx, sy, fade * zoom)

    @staticmethod
    def _star(canvas: pygame.Surface, p: Particle, sx: float, sy: float, size: float) -> None:
        line = pygame.draw.line
        for i in range(FLARE_RAYS):
            a = p.angle + i * math.pi / FLARE_RAYS
            reach = p.size * size * (1.0 if i % 2 == 0 else 0.5)
            dx, dy = math.cos(a) * reach, math.sin(a) * reach
            line(canvas, p.colour, (sx - dx, sy - dy), (sx + dx, sy + dy), 2 if i % 2 == 0 else 1)
        pygame.draw.circle(canvas, (255, 255, 255), (sx, sy), max(1.0, p.size * size * 0.12))
