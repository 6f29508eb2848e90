"""The F3 overlay: hurtboxes, hitboxes, pushboxes, platform outlines, each fighter's state and the tick."""

from __future__ import annotations

import pygame

from game.render.camera import VIEW_H, Camera

HURTBOX = (70, 140, 255)  # blue: where she can be hit
HITBOX = (255, 40, 40)  # red: where a blow is landing this frame
PUSHBOX = (240, 200, 60)  # yellow: the body that shoves other fighters
PLATFORM = (120, 230, 160)
DASH = 12  # px, dash length of a one-way platform's outline


class DebugOverlay:
    """Draws what the simulation sees over what the player sees."""

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.font = pygame.font.Font(None, 20)
        self.tint = pygame.Surface((8, 8), pygame.SRCALPHA)

    def box(self, canvas: pygame.Surface, camera: Camera, box: tuple, colour: tuple, fill: int) -> None:
        """A world box (x0, y0, x1, y1) as an outline with a translucent fill."""
        rect = pygame.Rect(camera.rect(*box))
        if fill and rect.w > 0 and rect.h > 0:
            tint = pygame.Surface(rect.size, pygame.SRCALPHA)
            tint.fill((*colour, fill))
            canvas.blit(tint, rect)
        pygame.draw.rect(canvas, colour, rect, 2)

    def draw(self, canvas: pygame.Surface, camera: Camera, world) -> None:  # world: game.sim.world.World
        for platform in world.level.platforms:
            x, y, w, h = platform.rect
            rect = pygame.Rect(camera.rect(x, y, x + w, y + h))
            if platform.one_way:
                for dx in range(0, rect.w, DASH * 2):
                    end = min(rect.w, dx + DASH)
                    pygame.draw.line(canvas, PLATFORM, (rect.x + dx, rect.y), (rect.x + end, rect.y), 2)
                    pygame.draw.line(canvas, PLATFORM, (rect.x + dx, rect.bottom), (rect.x + end, rect.bottom), 1)
            else:
                pygame.draw.rect(canvas, PLATFORM, rect, 1)
        for prop in world.props:
            if not prop.broken:
                bb = prop.shape.bb  # what hitboxes are tested against (game/sim/combat.py)
                self.box(canvas, camera, (bb.left, bb.bottom, bb.right, bb.top), PLATFORM, 0)
        for fighter in world.fighters:
            half = fighter.width / 2
            self.box(canvas, camera, (fighter.x - half, fighter.y, fighter.x + half, fighter.y + fighter.height),
                     PUSHBOX, 0)
            self.box(canvas, camera, fighter.hurtbox(), HURTBOX, 50)
            for hitbox in fighter.active_hitboxes():
                self.box(canvas, camera, hitbox, HITBOX, 110)
            label = fighter.state
            if fighter.state == "move" and fighter.move is not None:
                label = f"{fighter.move.id} f{fighter.move_frame}"
            if fighter.hitstop:
                label += f" stop {fighter.hitstop}"
            sx, sy = camera.to_screen(fighter.x, fighter.y + fighter.height + 14)
            text = self.font.render(label, True, (240, 240, 240), (0, 0, 0))
            canvas.blit(text, (sx - text.get_width() / 2, sy - text.get_height()))
        info = f"tick {world.tick}   fighters {len(world.fighters)}   camera {camera.x:.0f},{camera.y:.0f}"
        text = self.font.render(info, True, (240, 240, 240), (0, 0, 0))
        canvas.blit(text, (12, VIEW_H - text.get_height() - 10))
