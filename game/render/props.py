"""Props on screen: every PROP_KIND painted once per size into a sprite that turns with its body.

Each look is painted once per (kind, shape, size) into a sprite; a frame rotates the sprite by the
body's angle (rotations cached every ROTATION_STEP degrees). Broken props are simply not drawn: the
splinters are particles. A hanging prop (`hang`) shows its chain or spring from the anchor to its top
while it is attached. Things that shine (a chandelier's candles, a neon sign's tubes, a candelabra's
flames) have a second, lit sprite added over the finished frame by `draw_lit`, so they glow in the dark.
The crate and bench are painted here; the opera and alley themes register the rest (`prop_look`).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from game.render.camera import VIEW_H, VIEW_W, Camera

ROTATION_STEP = 2  # degrees between cached rotations of a prop sprite
CRATE_WOOD, CRATE_DARK, CRATE_EDGE = (132, 94, 58), (62, 42, 28), (188, 146, 96)


def paint_crate(w: int, h: int) -> pygame.Surface:
    """A shipping crate: horizontal planks, a frame, a diagonal brace."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    sprite.fill(CRATE_WOOD)
    planks = max(2, h // 16)
    for i in range(1, planks):
        y = i * h // planks
        pygame.draw.line(sprite, CRATE_DARK, (0, y), (w, y), 1)
    border = max(4, w // 9)
    pygame.draw.line(sprite, CRATE_DARK, (border, h - border), (w - border, border), border)
    pygame.draw.line(sprite, (150, 110, 70), (border, h - border - 2), (w - border, border - 2), 1)
    pygame.draw.rect(sprite, (104, 72, 46), sprite.get_rect(), border)
    pygame.draw.rect(sprite, CRATE_DARK, sprite.get_rect(), 1)
    pygame.draw.line(sprite, CRATE_EDGE, (1, 1), (w - 2, 1), 2)
    for cx, cy in ((border // 2, border // 2), (w - border // 2 - 1, border // 2), (border // 2, h - border // 2 - 1),
                   (w - border // 2 - 1, h - border // 2 - 1)):
        pygame.draw.circle(sprite, (40, 36, 34), (cx, cy), 2)
    return sprite


def paint_bench(w: int, h: int) -> pygame.Surface:
    """A studio bench: a padded seat on two dark legs."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    seat = max(8, h // 3)
    leg = max(6, w // 16)
    for x in (leg, w - 2 * leg):
        pygame.draw.rect(sprite, (40, 30, 24), (x, seat, leg, h - seat))
    pygame.draw.line(sprite, (50, 38, 30), (leg, h - 6), (w - leg, h - 6), 3)
    pygame.draw.rect(sprite, (110, 26, 36), (0, 0, w, seat), border_radius=4)
    pygame.draw.line(sprite, (176, 64, 70), (4, 2), (w - 4, 2), 2)
    pygame.draw.line(sprite, (60, 12, 20), (0, seat - 1), (w, seat - 1), 2)
    return sprite


def paint_box(w: int, h: int) -> pygame.Surface:
    """Any other box: a dark shape with a lit top edge."""
    sprite = pygame.Surface((w, h), pygame.SRCALPHA)
    sprite.fill((70, 68, 74))
    pygame.draw.rect(sprite, (30, 30, 36), sprite.get_rect(), 2)
    pygame.draw.line(sprite, (150, 146, 150), (2, 2), (w - 3, 2), 2)
    return sprite


def paint_round(w: int, h: int) -> pygame.Surface:
    """Any round thing: a barrel seen end-on, hoops and a highlight."""
    size = min(w, h)
    sprite = pygame.Surface((size, size), pygame.SRCALPHA)
    r = size // 2
    pygame.draw.circle(sprite, (88, 62, 42), (r, r), r)
    pygame.draw.circle(sprite, (40, 34, 32), (r, r), r, 3)
    pygame.draw.circle(sprite, (40, 34, 32), (r, r), int(r * 0.6), 2)
    pygame.draw.line(sprite, (40, 34, 32), (r, 3), (r, size - 3), 2)  # shows the spin
    pygame.draw.circle(sprite, (190, 150, 100), (int(r * 0.7), int(r * 0.7)), max(2, r // 6))
    return sprite


Painter = Callable[[int, int], pygame.Surface]
PAINTERS: dict[str, Painter] = {"crate": paint_crate, "bench": paint_bench}
ROUND_PAINTERS: dict[str, Painter] = {}  # kinds with their own look when their shape is "round"
LIT_PAINTERS: dict[str, Painter] = {}  # what of a prop shines: black where it does not
CHAIN, CHAIN_SHINE = (58, 52, 46), (150, 132, 100)
SPRING = (120, 124, 130)
LINK_PX = 9.0  # px between chain links
COILS = 14  # turns of a sign's spring
BUZZ_PERIOD = 4  # ticks between a neon sign's chances to drop out


def prop_look(kind: str, lit: Painter | None = None, shape: str = "box") -> Callable[[Painter], Painter]:
    """Decorator: `painter(w, h)` paints props of `kind` (and `lit(w, h)` what of them shines)."""

    def register(painter: Painter) -> Painter:
        (ROUND_PAINTERS if shape == "round" else PAINTERS)[kind] = painter
        if lit is not None:
            LIT_PAINTERS[kind] = lit
        return painter

    return register


Key = tuple[str, str, int, int]


class PropPainter:
    """Draws every prop that is still whole, turned by its body's angle, hung from its chain or spring."""

    def __init__(self) -> None:
        from game.render.themes import alley, opera  # noqa: F401  (registers the theme props)

        self.sprites: dict[Key, pygame.Surface] = {}
        self.turned: dict[tuple[Key, int], pygame.Surface] = {}

    def sprite(self, kind: str, shape: str, w: int, h: int) -> pygame.Surface:
        key = (kind, shape, w, h)
        if key not in self.sprites:
            if kind.startswith("lit:"):
                self.sprites[key] = LIT_PAINTERS[kind[4:]](w, h)
            elif shape == "round":
                self.sprites[key] = ROUND_PAINTERS.get(kind, paint_round)(w, h)
            else:
                self.sprites[key] = PAINTERS.get(kind, paint_box)(w, h)
        return self.sprites[key]

    def turned_sprite(self, key: Key, angle: float) -> pygame.Surface:
        """The sprite of `key` rotated by a body angle (radians), from the cache."""
        degrees = round(-math.degrees(angle) / ROTATION_STEP) * ROTATION_STEP % 360
        image = self.turned.get((key, degrees))
        if image is None:
            image = pygame.transform.rotate(self.sprite(*key), degrees)
            self.turned[(key, degrees)] = image
        return image

    def in_view(self, prop, camera: Camera) -> tuple[float, float] | None:
        """The prop's screen centre if any of it may be on screen."""
        sx, sy = camera.to_screen(prop.x, prop.y)
        reach = prop.reach * camera.zoom
        if -reach < sx < VIEW_W + reach and -reach < sy < VIEW_H + reach:
            return sx, sy
        return None

    def draw(self, canvas: pygame.Surface, camera: Camera, props: list) -> None:  # list[game.sim.props.Prop]
        """Draw the props in view, and the chains and springs of those that hang."""
        for prop in props:
            if prop.broken:
                continue
            if prop.spec.hang is not None and getattr(prop, "attached", True):
                self.draw_hanger(canvas, camera, prop)
            at = self.in_view(prop, camera)
            if at is None:
                continue
            w, h = prop.spec.size
            key = (prop.kind, prop.spec.shape, int(w * camera.zoom), int(h * camera.zoom))
            image = self.turned_sprite(key, prop.body.angle)
            canvas.blit(image, image.get_rect(center=(round(at[0]), round(at[1]))))

    def draw_lit(self, canvas: pygame.Surface, camera: Camera, props: list, tick: int) -> None:
        """Add what shines (flames, tubes, crystals) over the finished frame; neon signs buzz."""
        for prop in props:
            if prop.broken or prop.kind not in LIT_PAINTERS:
                continue
            if prop.kind == "neon_sign" and _buzz_off(prop.id, tick):
                continue
            at = self.in_view(prop, camera)
            if at is None:
                continue
            w, h = prop.spec.size
            key = ("lit:" + prop.kind, prop.spec.shape, int(w * camera.zoom), int(h * camera.zoom))
            image = self.turned_sprite(key, prop.body.angle)
            canvas.blit(image, image.get_rect(center=(round(at[0]), round(at[1]))), special_flags=pygame.BLEND_RGB_ADD)

    def draw_hanger(self, canvas: pygame.Surface, camera: Camera, prop) -> None:
        """The chain (links) or spring (a coil) from the anchor to the top of the hanging prop."""
        hang = prop.spec.hang
        w, h = prop.spec.size
        half = min(w, h) / 2 if prop.spec.shape == "round" else h / 2
        angle = prop.body.angle
        top = (prop.x - math.sin(angle) * half, prop.y + math.cos(angle) * half)
        (ax, ay), (bx, by) = camera.to_screen(*hang.anchor), camera.to_screen(*top)
        length = math.hypot(bx - ax, by - ay)
        if length < 1:
            return
        zoom = camera.zoom
        if hang.by == "spring":
            nx, ny = -(by - ay) / length * 5 * zoom, (bx - ax) / length * 5 * zoom
            turns = COILS * 2
            points = [(ax + (bx - ax) * i / turns, ay + (by - ay) * i / turns) for i in range(turns + 1)]
            coil = [(x + nx * (i % 2 * 2 - 1), y + ny * (i % 2 * 2 - 1)) if 0 < i < turns else (x, y)
                    for i, (x, y) in enumerate(points)]
            pygame.draw.lines(canvas, SPRING, False, coil, max(1, round(2 * zoom)))
            return
        pygame.draw.line(canvas, CHAIN, (ax, ay), (bx, by), max(1, round(3 * zoom)))
        links = int(length / (LINK_PX * zoom))
        for i in range(links):
            t = (i + 0.5) / max(1, links)
            x, y = ax + (bx - ax) * t, ay + (by - ay) * t
            size = (3 * zoom, 5 * zoom) if i % 2 else (2 * zoom, 6 * zoom)
            pygame.draw.ellipse(canvas, CHAIN_SHINE, (x - size[0], y - size[1] / 2, size[0] * 2, size[1]), 1)


def _buzz_off(prop_id: int, tick: int) -> bool:
    """Whether a swinging neon sign's tubes drop out this tick: now and then, for a tick or three."""
    beat = (tick // BUZZ_PERIOD) * 2654435761 + prop_id * 40503
    return (beat >> 7) % 23 == 0
