"""The window: the game draws on a fixed 1280x720 canvas, shown scaled and letterboxed in any window."""

from __future__ import annotations

import os

import pygame

CANVAS_SIZE = (1280, 720)  # px: every scene draws at this size, whatever the window
WINDOW_TITLE = "Ballerina"
HEADLESS_DRIVERS = ("dummy", "offscreen")
DESKTOP_SHARE = 0.92  # of the desktop's height and width: the most a scaled window takes (title bar, task bar)


def is_headless() -> bool:
    """True when there is no screen to show anything on (CI, tests, SDL_VIDEODRIVER=dummy)."""
    if pygame.display.get_init():
        return pygame.display.get_driver() in HEADLESS_DRIVERS
    return os.environ.get("SDL_VIDEODRIVER", "") in HEADLESS_DRIVERS


def letterbox(window_size: tuple[int, int], canvas_size: tuple[int, int] = CANVAS_SIZE) -> pygame.Rect:
    """Where the canvas goes in a window of `window_size`: as large as fits, aspect kept, centred."""
    win_w, win_h = window_size
    can_w, can_h = canvas_size
    scale = min(win_w / can_w, win_h / can_h)
    width, height = max(1, round(can_w * scale)), max(1, round(can_h * scale))
    return pygame.Rect((win_w - width) // 2, (win_h - height) // 2, width, height)


def desktop_size() -> tuple[int, int] | None:
    """The size of the first desktop, or None when the display cannot tell."""
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return tuple(sizes[0]) if sizes and min(sizes[0]) > 0 else None  # type: ignore[return-value]


def scaled_size(scale: float, desktop: tuple[int, int] | None) -> tuple[int, int]:
    """The canvas times `scale`, shrunk (aspect kept) to fit DESKTOP_SHARE of the desktop if need be."""
    width, height = CANVAS_SIZE[0] * scale, CANVAS_SIZE[1] * scale
    if desktop is not None:
        fit = min(1.0, desktop[0] * DESKTOP_SHARE / width, desktop[1] * DESKTOP_SHARE / height)
        width, height = width * fit, height * fit
    return round(width), round(height)


class Window:
    """The one OS window, its canvas, its size (a scale of the canvas) and the fullscreen toggle."""

    def __init__(self, fullscreen: bool = False) -> None:
        self.canvas = pygame.Surface(CANVAS_SIZE)
        self.windowed_size = CANVAS_SIZE
        self.scale = 1.0  # the window scale the settings asked for
        self.fullscreen = False
        pygame.display.set_caption(WINDOW_TITLE)
        self.screen = pygame.display.set_mode(CANVAS_SIZE, pygame.RESIZABLE)
        if fullscreen:
            self.toggle_fullscreen()

    def toggle_fullscreen(self) -> None:
        """Switch between a resizable window and the whole desktop (F11)."""
        if self.fullscreen:
            self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
            self.fullscreen = False
            return
        self.windowed_size = self.screen.get_size()
        try:
            self.screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            self.fullscreen = True
        except pygame.error:  # no fullscreen on this display: stay windowed
            self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)

    def set_scale(self, scale: float) -> tuple[int, int]:
        """Size the window to `scale` times the canvas (held within the desktop); returns the windowed size.

        In fullscreen the size is kept for when the window comes back.
        """
        self.scale = scale
        self.windowed_size = scaled_size(scale, desktop_size())
        if not self.fullscreen:
            self.screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        return self.windowed_size

    def resized(self) -> None:
        """Pick up the new window surface after the player dragged its edge."""
        self.screen = pygame.display.get_surface() or self.screen

    def to_canvas(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """A window pixel (the mouse) as a canvas pixel, or None on the black bars."""
        box = letterbox(self.screen.get_size())
        if not box.collidepoint(pos):
            return None
        return (
            int((pos[0] - box.x) * CANVAS_SIZE[0] / box.width),
            int((pos[1] - box.y) * CANVAS_SIZE[1] / box.height),
        )

    def present(self) -> None:
        """Show the canvas: scaled into the window with black bars, then flipped."""
        size = self.screen.get_size()
        if size == CANVAS_SIZE:
            self.screen.blit(self.canvas, (0, 0))
        else:
            box = letterbox(size)
            self.screen.fill((0, 0, 0))
            self.screen.blit(pygame.transform.smoothscale(self.canvas, box.size), box.topleft)
        pygame.display.flip()
