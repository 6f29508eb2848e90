"""What the play scene writes over the fight: a wave's name as it comes, "Level complete", the
problems of a level file saved with a mistake (while the last good version keeps running), and the
red velvet curtain that falls when she does.

It reads the simulation's events by name (WaveStarted, WaveCleared, LevelWon), so it keeps working
whatever else the event classes carry.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pygame

from game.app import ui
from game.data.errors import DataError

BANNER_SECONDS = 2.8  # s a wave's name stays up
BANNER_FADE = 0.5  # s of fading in and out
CLEARED_SECONDS = 1.6  # s "wave cleared" stays up
ERROR_LINES = 9  # problems listed at most; the rest are counted
ERROR_WIDTH = 900  # px of the error card
ERROR_TOP = 86  # px: the card's top, below the health bars


@dataclass(slots=True)
class Banner:
    """A line announced across the screen for a moment."""

    title: str
    subtitle: str
    since: float  # app time (s) it went up
    until: float

    def alpha(self, now: float) -> int:
        rise = (now - self.since) / BANNER_FADE
        fall = (self.until - now) / BANNER_FADE
        return int(255 * max(0.0, min(1.0, rise, fall)))


def wave_title(event: object, waves: list) -> tuple[str, str]:
    """"Wave 2 — Ushers" for a WaveStarted event (its `index` counts from 0), and "of 5" beneath."""
    index = getattr(event, "index", getattr(event, "wave", 0))
    index = index if isinstance(index, int) else 0
    name = getattr(event, "name", "") or (waves[index].name if 0 <= index < len(waves) else "")
    title = f"Wave {index + 1} — {name}" if name else f"Wave {index + 1}"
    return title, f"of {len(waves)}" if waves else ""


class PlayOverlay:
    """Wave banners, the "Level complete" card and the broken-file card of one play scene."""

    def __init__(self) -> None:
        self.banner: Banner | None = None
        self.won = False
        self.error: DataError | None = None  # the level file as last saved, when it does not load

    def react(self, events: list, waves: list, now: float) -> None:
        """Take the tick's events: announce waves, note a win."""
        for event in events:
            kind = type(event).__name__
            if kind == "WaveStarted":
                title, subtitle = wave_title(event, waves)
                self.banner = Banner(title, subtitle, now, now + BANNER_SECONDS)
            elif kind == "WaveCleared" and not self.won:
                self.banner = Banner("wave cleared", "", now, now + CLEARED_SECONDS)
            elif kind == "LevelWon":
                self.won = True
                self.banner = None

    def announce_checkpoint(self, checkpoint, waves: list, now: float) -> None:  # type: ignore[no-untyped-def]
        """After a retry: the wave she came back to, "from the checkpoint" beneath."""
        if checkpoint.wave < 0:
            title = "From the top"
        else:
            title = f"Wave {checkpoint.wave + 1}" + (f" — {checkpoint.name}" if checkpoint.name else "")
        self.banner = Banner(title, "from the checkpoint", now, now + BANNER_SECONDS)

    def draw(self, canvas: pygame.Surface, fonts: ui.Fonts, now: float, level_name: str) -> None:
        if self.banner is not None:
            if now >= self.banner.until:
                self.banner = None
            else:
                self._draw_banner(canvas, fonts, self.banner, now)
        if self.won:
            self._draw_won(canvas, fonts, level_name)
        if self.error is not None:
            error_card(canvas, fonts, self.error)

    @staticmethod
    def _draw_banner(canvas: pygame.Surface, fonts: ui.Fonts, banner: Banner, now: float) -> None:
        alpha = banner.alpha(now)
        centre = canvas.get_width() / 2
        ui.band(canvas, 190, 150, alpha=int(150 * alpha / 255))
        ui.text(canvas, fonts.heading, banner.title, ui.GOLD, (centre, 180), "center", alpha=alpha)
        if banner.subtitle:
            ui.text(canvas, fonts.small, banner.subtitle.upper(), ui.ASH, (centre, 226), "center", alpha=alpha)

    @staticmethod
    def _draw_won(canvas: pygame.Surface, fonts: ui.Fonts, level_name: str) -> None:
        rect = pygame.Rect(0, 0, 560, 230)
        rect.center = (canvas.get_width() // 2, canvas.get_height() // 2 - 40)
        ui.veil(canvas, 110)
        ui.panel(canvas, rect)
        ui.text(canvas, fonts.heading, "Level complete", ui.GOLD, (rect.centerx, rect.top + 62), "center")
        ui.rule(canvas, rect.centerx, rect.top + 104, 160)
        ui.text(canvas, fonts.body, level_name, ui.PALE_GOLD, (rect.centerx, rect.top + 136), "center")
        ui.text(canvas, fonts.small, "Enter  results     Esc  pause", ui.ASH,
                (rect.centerx, rect.bottom - 34), "center", shadow=False)


def error_lines(error: DataError) -> list[str]:
    """The file, then one line per problem (key path: message), at most ERROR_LINES of them."""
    lines = [f"{error.file}:"]
    shown = error.problems[:ERROR_LINES]
    lines += [f"  {problem}" for problem in shown]
    if len(error.problems) > len(shown):
        lines.append(f"  … and {len(error.problems) - len(shown)} more")
    return lines


def error_card(canvas: pygame.Surface, fonts: ui.Fonts, error: DataError) -> pygame.Rect:
    """A card at the top of the screen: what is wrong with the file just saved; the old level goes on."""
    room = ERROR_WIDTH - 56
    lines = []  # (words, indent px): a problem's wrapped lines sit further in than its first
    for n, line in enumerate(error_lines(error)):
        parts = ui.wrap(fonts.small, line, room, 3)
        lines += [(part, 0 if n == 0 else 16 if k == 0 else 40) for k, part in enumerate(parts)]
    row = 24  # px between lines
    rect = pygame.Rect(0, 0, ERROR_WIDTH, 74 + row * len(lines))
    rect.midtop = (canvas.get_width() // 2, ERROR_TOP)
    card = pygame.Surface(rect.size, pygame.SRCALPHA)
    card.fill((*ui.INK, 228))
    canvas.blit(card, rect.topleft)
    pygame.draw.rect(canvas, ui.WARNING, rect, 1)
    heading = "this save does not load — the last good version keeps playing"
    ui.text(canvas, fonts.body, heading, ui.WARNING, (rect.left + 20, rect.top + 14))
    for i, (line, indent) in enumerate(lines):
        colour = ui.PALE_GOLD if i == 0 else ui.ASH
        ui.text(canvas, fonts.small, line, colour, (rect.left + 20 + indent, rect.top + 50 + i * row), shadow=False)
    return rect


# --- the curtain ------------------------------------------------------------------------------------

FOLD_WIDTH = 46  # px between two folds of the velvet
VALANCE_HEIGHT = 74  # px of the swagged pelmet across the top
FRINGE_HEIGHT = 14  # px of gold fringe along the bottom of each half


@functools.cache
def curtain_half(size: tuple[int, int]) -> pygame.Surface:
    """One half of the stage curtain, `size` px: velvet hanging in folds, darker in its depths, with a
    gold fringe at the hem. Painted once with numpy; the right half is this one mirrored."""
    width, height = size
    xs = np.arange(width, dtype=np.float64)
    ys = np.arange(height, dtype=np.float64)
    wobble = 0.18 * np.sin(xs / 97.0) + 0.1 * np.sin(xs / 31.0 + 1.3)  # folds of uneven width
    folds = 0.5 + 0.5 * np.cos(2 * math.pi * xs / FOLD_WIDTH + wobble * 3)
    folds *= 0.8 + 0.2 * np.sin(xs / 173.0 + 0.4)  # and uneven depth
    sheen = folds ** 1.6 * (0.75 + 0.25 * np.cos(xs / 61.0))  # light on the crest of each fold
    fall = np.clip(0.55 + 0.45 * ys / height, 0.0, 1.0) * (1.0 - 0.25 * (ys / height) ** 3)  # dark up high
    light = (0.16 + 0.84 * sheen)[:, None] * fall[None, :]
    velvet = np.stack([light * 168 + 10, light * 22 + 3, light * 30 + 6], axis=-1)
    hem = ys >= height - FRINGE_HEIGHT
    threads = 0.6 + 0.4 * (np.arange(width) % 4 < 2)
    gilt = (np.array(ui.GOLD) * 0.8)[None, None, :] * threads[:, None, None]
    velvet[:, hem] = gilt * (0.5 + 0.5 * folds)[:, None, None]
    return pygame.surfarray.make_surface(np.clip(velvet, 0, 255).astype(np.uint8))


@functools.cache
def valance(width: int) -> pygame.Surface:
    """The pelmet across the top of the proscenium: swags of velvet edged with gold."""
    surface = pygame.Surface((width, VALANCE_HEIGHT + 30), pygame.SRCALPHA)
    swag = 213  # px of one swag
    for left in range(-swag // 2, width + swag, swag):
        rect = pygame.Rect(left, -VALANCE_HEIGHT, swag, VALANCE_HEIGHT * 2 + 14)
        pygame.draw.ellipse(surface, (96, 12, 20), rect)
        pygame.draw.ellipse(surface, (128, 18, 28), rect.inflate(-20, -22))
        pygame.draw.arc(surface, ui.GOLD, rect, math.pi * 1.05, math.pi * 1.95, 3)
    pygame.draw.rect(surface, (70, 8, 14), (0, 0, width, 18))
    pygame.draw.line(surface, ui.GOLD, (0, 18), (width, 18), 2)
    return surface


def falling(progress: float) -> float:
    """How closed the curtain is `progress` (0..1) of the way through its fall: fast, then settling."""
    return 1.0 - (1.0 - max(0.0, min(1.0, progress))) ** 3


def curtain(canvas: pygame.Surface, closed: float) -> None:
    """Draw the stage curtain over the canvas, `closed` 0 (wide open) to 1 (the two halves meet)."""
    width, height = canvas.get_size()
    closed = max(0.0, min(1.0, closed))
    half = width // 2 + 8  # the halves overlap a little in the middle
    left = curtain_half((half, height))
    reach = round(half * closed)
    if reach > 0:
        canvas.blit(left, (reach - half, 0))
        canvas.blit(pygame.transform.flip(left, True, False), (width - reach, 0))
        shade = pygame.Surface((24, height), pygame.SRCALPHA)  # the shadow where the halves meet
        for x in range(24):
            shade.fill((0, 0, 0, int(90 * (1 - x / 24))), (x, 0, 1, height))
        canvas.blit(pygame.transform.flip(shade, True, False), (reach - 24, 0))
        canvas.blit(shade, (width - reach, 0))
    canvas.blit(valance(width), (0, 0))
