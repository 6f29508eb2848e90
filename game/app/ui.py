"""The app's own drawing: noir type, menus, the controls card, hints and passing messages."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pygame

from game.app.controls import CONTROL_LINES

INK = (6, 6, 9)  # near-black of every backdrop
SMOKE = (20, 19, 24)
GOLD = (214, 170, 92)  # candle gold: titles, the chosen item
PALE_GOLD = (236, 214, 160)
ASH = (150, 146, 140)  # secondary text
DIM = (88, 84, 80)
VELVET = (150, 28, 38)  # red velvet accent
WARNING = (236, 120, 90)

SERIF = "p052,palatinolinotype,bookantiqua,c059,nimbusroman,dejavuserif,georgia,timesnewroman,serif"
SANS = "nimbussans,dejavusans,helvetica,arial,freesans,sans"


class Fonts:
    """The few typefaces the app uses, loaded once (a serif for titles, a sans for the small print)."""

    def __init__(self) -> None:
        pygame.font.init()
        self.title = pygame.font.SysFont(SERIF, 128)
        self.heading = pygame.font.SysFont(SERIF, 54)
        self.menu = pygame.font.SysFont(SERIF, 36)
        self.item = pygame.font.SysFont(SERIF, 27)  # rows of the settings and bindings pages
        self.body = pygame.font.SysFont(SANS, 22)
        self.small = pygame.font.SysFont(SANS, 17)


def text(surface: pygame.Surface, font: pygame.font.Font, words: str, colour: tuple[int, int, int],
         at: tuple[float, float], anchor: str = "topleft", alpha: int = 255, shadow: bool = True) -> pygame.Rect:
    """Draw `words` with a soft black shadow; `anchor` is a pygame.Rect attribute such as "center"."""
    image = font.render(words, True, colour)
    rect = image.get_rect(**{anchor: (round(at[0]), round(at[1]))})
    if shadow:
        shade = font.render(words, True, (0, 0, 0))
        shade.set_alpha(int(alpha * 0.7))
        surface.blit(shade, rect.move(2, 3))
    image.set_alpha(alpha)
    surface.blit(image, rect)
    return rect


def spaced(surface: pygame.Surface, font: pygame.font.Font, words: str, colour: tuple[int, int, int],
           centre: tuple[float, float], spacing: int) -> pygame.Rect:
    """Draw capitals with extra space between letters, centred: the way a theatre bill sets a name."""
    glyphs = [font.render(letter, True, colour) for letter in words]
    width = sum(g.get_width() for g in glyphs) + spacing * (len(glyphs) - 1)
    x = centre[0] - width / 2
    top = centre[1] - font.get_height() / 2
    for letter, glyph in zip(words, glyphs, strict=True):
        surface.blit(font.render(letter, True, (0, 0, 0)), (round(x) + 3, round(top) + 4))
        surface.blit(glyph, (round(x), round(top)))
        x += glyph.get_width() + spacing
    return pygame.Rect(round(centre[0] - width / 2), round(top), round(width), font.get_height())


def veil(surface: pygame.Surface, alpha: int, colour: tuple[int, int, int] = INK) -> None:
    """Darken everything already drawn (behind a menu)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((*colour, alpha))
    surface.blit(shade, (0, 0))


def rule(surface: pygame.Surface, centre_x: float, y: float, half_width: float, colour=GOLD) -> None:  # type: ignore[no-untyped-def]
    """A thin gold line with a diamond in its middle, the house ornament."""
    pygame.draw.line(surface, colour, (centre_x - half_width, y), (centre_x - 10, y))
    pygame.draw.line(surface, colour, (centre_x + 10, y), (centre_x + half_width, y))
    pygame.draw.polygon(surface, colour, [(centre_x, y - 5), (centre_x + 5, y), (centre_x, y + 5), (centre_x - 5, y)])


def panel(surface: pygame.Surface, rect: pygame.Rect, alpha: int = 225) -> None:
    """A dark card with a hairline gold frame, for menus and the controls list."""
    card = pygame.Surface(rect.size, pygame.SRCALPHA)
    card.fill((*INK, alpha))
    surface.blit(card, rect.topleft)
    pygame.draw.rect(surface, (*DIM,), rect, 1)
    pygame.draw.rect(surface, GOLD, rect.inflate(-10, -10), 1)


def menu(surface: pygame.Surface, fonts: Fonts, items: list[str], chosen: int, centre_x: float, top: float,
         gap: int = 54) -> list[pygame.Rect]:
    """Menu items in a column; the chosen one in gold between two small diamonds. Returns their rects."""
    rects = []
    for i, item in enumerate(items):
        y = top + i * gap
        colour = GOLD if i == chosen else ASH
        rect = text(surface, fonts.menu, item, colour, (centre_x, y), "center")
        if i == chosen:
            mid = rect.top + fonts.menu.get_ascent() * 0.62  # the middle of the capitals, not of the line
            for side in (-1, 1):
                x = rect.centerx + side * (rect.width / 2 + 22)
                pygame.draw.polygon(surface, GOLD, [(x, mid - 5), (x + 5, mid), (x, mid + 5), (x - 5, mid)])
        rects.append(rect)
    return rects


def controls_card(surface: pygame.Surface, fonts: Fonts, moves: list[tuple[str, str]] | None = None,
                  lines: list[tuple[str, str, str]] | None = None, on_pad: bool = False) -> None:
    """The F1 card: every key and pad button, and beside them the repertoire with the keys of each move.

    `lines` are the live bindings' rows (default: the shipped ones); the column of the device in use
    (`on_pad`) is lit, the other dimmed, and the moves are spelled in its buttons.
    """
    veil(surface, 150)
    row = 30  # px between lines
    moves = moves or []
    rows = lines or list(CONTROL_LINES)
    count = max(len(rows), (len(moves) + 1) * 26 // row)
    rect = pygame.Rect(0, 0, 1200 if moves else 780, min(surface.get_height() - 20, 196 + count * row))
    rect.center = (surface.get_width() // 2, surface.get_height() // 2)
    panel(surface, rect, 235)
    text(surface, fonts.heading, "Controls", GOLD, (rect.centerx, rect.top + 50), "center")
    rule(surface, rect.centerx, rect.top + 88, 200)
    top = rect.top + 108
    columns = (rect.left + 48, rect.left + 330, rect.left + 540, rect.left + 800, rect.left + 1030)
    lit = (False, not on_pad, on_pad)
    for label, x, in_use in zip(("", "keyboard", "gamepad"), columns, lit, strict=False):
        header = text(surface, fonts.small, label.upper(), GOLD if in_use else DIM, (x, top), shadow=False)
        if in_use:
            diamond(surface, header.left - 10, header.centery, 3)
    for i, (what, keys, pad) in enumerate(rows):
        y = top + 28 + i * row
        text(surface, fonts.body, what, ASH, (columns[0], y))
        text(surface, fonts.body, keys, ASH if on_pad else PALE_GOLD, (columns[1], y))
        text(surface, fonts.body, pad, PALE_GOLD if on_pad else ASH, (columns[2], y))
    if moves:
        text(surface, fonts.small, "MOVES", DIM, (columns[3], top), shadow=False)
        for i, (name, keys) in enumerate(moves):
            y = top + 28 + i * 26
            text(surface, fonts.small, name, ASH, (columns[3], y), shadow=False)
            text(surface, fonts.small, keys, PALE_GOLD, (columns[4], y), shadow=False)
    close = "Back or B to close" if on_pad else "F1 or Esc to close"
    text(surface, fonts.small, close, DIM, (rect.centerx, rect.bottom - 26), "center", shadow=False)


def diamond(surface: pygame.Surface, x: float, y: float, size: float, colour=GOLD) -> None:  # type: ignore[no-untyped-def]
    """The house's small diamond, centred on (x, y)."""
    pygame.draw.polygon(surface, colour, [(x, y - size), (x + size, y), (x, y + size), (x - size, y)])


def slider(surface: pygame.Surface, fonts: Fonts, value: float, left: float, y: float, width: int,
           chosen: bool) -> None:
    """A volume slider: a hairline track, the filled part in gold, a diamond knob and the percentage."""
    colour = GOLD if chosen else ASH
    right = left + width
    pygame.draw.line(surface, DIM, (left, y), (right, y), 2)
    knob = left + width * max(0.0, min(1.0, value))
    if knob > left:
        pygame.draw.line(surface, colour, (left, y), (knob, y), 3)
    for tick in range(11):  # a tick every tenth, like the marks on a mixing desk
        x = left + width * tick / 10
        pygame.draw.line(surface, DIM, (x, y + 6), (x, y + (9 if tick % 5 == 0 else 7)))
    diamond(surface, knob, y, 8 if chosen else 6, colour)
    text(surface, fonts.body, f"{round(value * 100)}%", PALE_GOLD if chosen else ASH, (right + 22, y), "midleft",
         shadow=False)


def choice(surface: pygame.Surface, fonts: Fonts, words: str, centre_x: float, y: float, chosen: bool,
           arrows: bool = True) -> pygame.Rect:
    """A value picked with left and right: the words between two small arrowheads when chosen."""
    rect = text(surface, fonts.body, words, PALE_GOLD if chosen else ASH, (centre_x, y), "center", shadow=False)
    if chosen and arrows:
        for side in (-1, 1):
            x = rect.centerx + side * (rect.width / 2 + 18)
            pygame.draw.polygon(surface, GOLD, [(x + side * 5, y), (x - side * 3, y - 6), (x - side * 3, y + 6)])
    return rect


def band(surface: pygame.Surface, centre_y: float, height: int, alpha: int = 170) -> None:
    """A soft dark stripe across the screen that fades out at its top and bottom, behind a menu."""
    stripe = pygame.Surface((1, height), pygame.SRCALPHA)
    for y in range(height):
        edge = 1.0 - abs(2 * y / max(1, height - 1) - 1.0)
        stripe.set_at((0, y), (*INK, int(alpha * min(1.0, edge * 2.5))))
    surface.blit(pygame.transform.scale(stripe, (surface.get_width(), height)), (0, round(centre_y - height / 2)))


def corner_hint(surface: pygame.Surface, fonts: Fonts, words: str = "F1  controls") -> None:
    """The small reminder in the bottom-right corner."""
    text(surface, fonts.small, words, DIM, (surface.get_width() - 16, surface.get_height() - 12), "bottomright")


def wrap(font: pygame.font.Font, words: str, width: int, most: int) -> list[str]:
    """`words` broken into at most `most` lines no wider than `width` px (the last one cut short)."""
    lines: list[str] = []
    line = ""
    for word in words.split():
        trial = f"{line} {word}".strip()
        if font.size(trial)[0] <= width or not line:
            line = trial
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1].rstrip(".,;") + " …"
    return lines


@dataclass(slots=True)
class Notice:
    """A message shown for a few seconds at the bottom of the screen ("replay saved: ...")."""

    words: str
    until: float  # app time (s) when it has faded
    colour: tuple[int, int, int] = PALE_GOLD
    FADE = 0.6  # s of fading out at the end

    def draw(self, surface: pygame.Surface, fonts: Fonts, now: float, row: int) -> None:
        alpha = int(255 * max(0.0, min(1.0, (self.until - now) / self.FADE)))
        if alpha:
            at = (28, surface.get_height() - 36 - row * 40)
            image = fonts.body.render(self.words, True, self.colour)
            card = pygame.Rect(0, 0, image.get_width() + 28, image.get_height() + 12)
            card.bottomleft = (at[0] - 14, at[1] + 6)
            shade = pygame.Surface(card.size, pygame.SRCALPHA)
            shade.fill((*INK, int(alpha * 0.8)))
            pygame.draw.line(shade, (*self.colour, alpha), (0, 0), (0, card.height), 2)
            surface.blit(shade, card.topleft)
            text(surface, fonts.body, self.words, self.colour, at, "bottomleft", alpha)


def pulse(now: float, period: float = 1.6) -> int:
    """An alpha that breathes slowly between dim and full: for "Press Enter"."""
    return int(150 + 105 * (0.5 + 0.5 * math.cos(2 * math.pi * now / period)))


@functools.cache
def stage_light(size: tuple[int, int]) -> tuple[pygame.Surface, pygame.Surface]:
    """A warm spotlight pool (to add) and a vignette (to multiply) for a canvas of `size`, made once."""
    width, height = size
    xs = (np.arange(width) - width / 2) / (width * 0.42)
    ys = (np.arange(height) - height * 0.55) / (height * 0.6)
    distance = np.sqrt(xs[:, None] ** 2 + ys[None, :] ** 2)  # 0 at the pool's heart, 1 at its rim
    glow = np.clip(1.0 - distance, 0.0, 1.0) ** 2
    light = np.stack([glow * 34, glow * 26, glow * 14], axis=-1).astype(np.uint8)
    dark = np.clip(1.2 - 0.8 * distance, 0.2, 1.0) * 255
    shade = np.repeat(dark[:, :, None], 3, axis=2).astype(np.uint8)
    return pygame.surfarray.make_surface(light), pygame.surfarray.make_surface(shade)
