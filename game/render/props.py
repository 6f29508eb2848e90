"""Props on screen: crates with planks that turn with their bodies, benches, and plain boxes and balls.

Each look is painted once per (kind, size) into a sprite; a frame rotates the sprite by the body's
angle (rotations cached by whole degrees). Broken props are simply not drawn: the splinters are
particles.
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


PAINTERS: dict[str, Callable[[int, int], pygame.Surface]] = {"crate": paint_crate, "bench": paint_bench}


class PropPainter:
    """Draws every prop that is still whole, turned by its body's angle."""

    def __init__(self) -> None:
        self.sprites: dict[tuple[str, str, int, int], pygame.Surface] = {}
        self.turned: dict[tuple[tuple[str, str, int, int], int], pygame.Surface] = {}

    def sprite(self, kind: str, shape: str, w: int, h: int) -> pygame.Surface:
        key = (kind, shape, w, h)
        if key not in self.sprites:
            painter = paint_round if shape == "round" else PAINTERS.get(kind, paint_box)
            self.sprites[key] = painter(w, h)
        return self.sprites[key]

    def draw(self, canvas: pygame.Surface, camera: Camera, props: list) -> None:  # list[game.sim.props.Prop]
        """Draw the props in view."""
        for prop in props:
            if prop.broken:
                continue
            w, h = prop.spec.size
            sx, sy = camera.to_screen(prop.x, prop.y)
            reach = prop.reach * camera.zoom
            if not (-reach < sx < VIEW_W + reach and -reach < sy < VIEW_H + reach):
                continue
            key = (prop.kind, prop.spec.shape, int(w * camera.zoom), int(h * camera.zoom))
            degrees = round(-math.degrees(prop.body.angle) / ROTATION_STEP) * ROTATION_STEP % 360
            image = self.turned.get((key, degrees))
            if image is None:
                image = pygame.transform.rotate(self.sprite(*key), degrees)
                self.turned[(key, degrees)] = image
            canvas.blit(image, image.get_rect(center=(round(sx), round(sy))))
