"""A plain stand-in for the renderer's WorldView, used only while `game.render.view` or the pose files
are not there yet: platforms, fighters as silhouettes with their health, a camera that follows her."""

from __future__ import annotations

import pygame

from game.render.camera import VIEW_H, VIEW_W, Camera

FOLLOW = 0.12  # share of the distance to the ballerina the camera closes each tick
BACKDROP = (12, 11, 15)
FLOOR = (46, 36, 30)
FLOOR_EDGE = (120, 92, 60)
PLAYER = (236, 226, 214)
ENEMY = (120, 30, 36)
HEALTH = (214, 170, 92)


class StandInView:
    """Draws a world simply, with the same calls as WorldView: update(world, events, dt), draw(canvas, world)."""

    def __init__(self, level) -> None:  # type: ignore[no-untyped-def]
        self.level = level
        self.camera = Camera(level.spawn[0], level.spawn[1] + 220)
        self.show_debug = False

    def update(self, world, events, dt: float) -> None:  # type: ignore[no-untyped-def]
        """Follow the ballerina."""
        player = world.player
        if player is not None:
            self.camera.x += (player.x - self.camera.x) * FOLLOW
            self.camera.y += (player.y + 220 - self.camera.y) * FOLLOW

    def draw(self, surface: pygame.Surface, world) -> None:  # type: ignore[no-untyped-def]
        surface.fill(BACKDROP)
        cam = self.camera
        for platform in self.level.platforms:
            rect = pygame.Rect(cam.rect(*_box(platform.rect)))
            pygame.draw.rect(surface, FLOOR, rect)
            pygame.draw.line(surface, FLOOR_EDGE, rect.topleft, rect.topright, 2)
        for prop in world.props:
            if prop.broken:
                continue
            x, y = cam.to_screen(prop.x, prop.y)
            pygame.draw.circle(surface, FLOOR_EDGE, (round(x), round(y)), 8)
        for fighter in world.fighters:
            self._fighter(surface, world, fighter)
        if self.show_debug:
            font = pygame.font.SysFont("dejavusansmono", 16)
            surface.blit(font.render(f"tick {world.tick}  (stand-in view)", True, HEALTH), (12, 12))

    def _fighter(self, surface: pygame.Surface, world, fighter) -> None:  # type: ignore[no-untyped-def]
        cam = self.camera
        colour = PLAYER if fighter.id == world.player_id else ENEMY
        left, top, width, height = cam.rect(fighter.x - fighter.width / 2, fighter.y,
                                            fighter.x + fighter.width / 2, fighter.y + fighter.height)
        body = pygame.Rect(round(left), round(top), round(width), round(height))
        pygame.draw.ellipse(surface, colour, body.inflate(-width * 0.3, 0))
        head_x = body.centerx + fighter.facing * width * 0.1
        pygame.draw.circle(surface, colour, (round(head_x), body.top - 8), max(6, round(width * 0.22)))
        share = max(0.0, fighter.health / max(1, fighter.spec.health))
        bar = pygame.Rect(body.centerx - 40, body.top - 36, 80, 5)
        pygame.draw.rect(surface, (40, 36, 34), bar)
        pygame.draw.rect(surface, HEALTH, (bar.x, bar.y, round(bar.width * share), bar.height))


def _box(rect) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    x, y, w, h = rect
    return x, y, x + w, y + h


__all__ = ["StandInView", "VIEW_W", "VIEW_H"]
