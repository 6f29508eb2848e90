"""The Choreography Lab's cards, in the house's noir: the phrase field, the repertoire, the outcome card,
the timeline bar with its marks, and the transport line. They read the scene's state; they change nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pygame

from game.app import ui
from game.scripting.combos import ComboResult
from game.scripting.lab import Mark
from game.sim.moves import Move

IVORY = (236, 230, 218)
LINE = (58, 54, 50)  # hairlines
HIT_RED = (206, 58, 66)
FIELD = pygame.Rect(40, 38, 1200, 54)  # the phrase field, px on the 1280×720 canvas
BAR = pygame.Rect(70, 640, 1140, 10)  # the timeline bar
TOP_BAND, BOTTOM_BAND = 130, 136  # px of shade at the top and the bottom, behind the cards
LIST_ROWS = 10  # moves shown in the repertoire at once
LIST_ROW = 30  # px between moves in the repertoire
RULER_TICKS = 10  # ticks between the faint marks under the bar


@dataclass(frozen=True, slots=True)
class FieldState:
    """What the phrase field shows: the words, the suggested ending, focus, and the line under it."""

    words: str
    ghost: str  # the suggested completion, drawn after the words in a dim ink (Tab takes it)
    focused: bool
    message: str  # an error (warning ink) or a hint
    error: bool
    blink: bool  # the caret is shown


@dataclass(frozen=True, slots=True)
class Transport:
    """Where the playhead is and how it plays."""

    tick: int
    first: int
    last: int
    playing: bool
    looping: bool
    speed: str  # "1/4", "1/2", "1", "2"


@functools.cache
def _shade(size: tuple[int, int], top: bool) -> pygame.Surface:
    """A band of ink fading towards the stage: behind the field at the top, the timeline at the bottom."""
    width, height = size
    band = pygame.Surface(size, pygame.SRCALPHA)
    for y in range(height):
        depth = y / max(1, height - 1)
        fade = 1.0 - depth if top else depth
        band.fill((*ui.INK, int(235 * min(1.0, fade * 1.6))), pygame.Rect(0, y, width, 1))
    return band


def bands(canvas: pygame.Surface) -> None:
    """Shade the top and the bottom of the stage, so the cards read over the dance."""
    width, height = canvas.get_size()
    canvas.blit(_shade((width, TOP_BAND), True), (0, 0))
    canvas.blit(_shade((width, BOTTOM_BAND), False), (0, height - BOTTOM_BAND))


def phrase_field(canvas: pygame.Surface, fonts: ui.Fonts, state: FieldState) -> None:
    """The line the phrase is typed in: gold-framed when it has the keys, the suggestion dimmed after."""
    ui.text(canvas, fonts.small, "CHOREOGRAPHY  LAB", ui.GOLD, (FIELD.left, 12), shadow=False)
    card = pygame.Surface(FIELD.size, pygame.SRCALPHA)
    card.fill((*ui.SMOKE, 230 if state.focused else 170))
    canvas.blit(card, FIELD.topleft)
    pygame.draw.rect(canvas, ui.GOLD if state.focused else LINE, FIELD, 1)
    shown = state.words or ("" if state.ghost else "type a phrase: pirouette > fouette > grand_jete")
    ghost = state.ghost if state.focused else ""
    room = FIELD.width - 60
    wide = fonts.menu.size(state.words + ghost)[0]
    left, middle = FIELD.left + 18 - max(0, wide - room), FIELD.centery  # a long phrase scrolls left
    canvas.set_clip(FIELD.inflate(-4, -4))
    colour = IVORY if state.words else ui.DIM
    rect = ui.text(canvas, fonts.menu, shown, colour, (left, middle), "midleft", shadow=False)
    end = rect.right if state.words else left
    if ghost:
        ui.text(canvas, fonts.menu, ghost, ui.DIM, (end, middle), "midleft", shadow=False)
    if state.focused and state.blink:
        pygame.draw.line(canvas, ui.GOLD, (end + 1, middle - 16), (end + 1, middle + 16), 2)
    canvas.set_clip(None)
    colour = ui.WARNING if state.error else ui.ASH
    ui.text(canvas, fonts.body, state.message, colour, (FIELD.left + 2, FIELD.bottom + 8), shadow=True)


def repertoire(canvas: pygame.Surface, fonts: ui.Fonts, moves: list[Move], chosen: int, cast: str) -> None:
    """The moves that fit what is being typed, the suggested one in gold; the cast above them."""
    more = 22 if len(moves) > LIST_ROWS else 0  # px for the "1–10 of 15" line
    rect = pygame.Rect(40, 150, 340, 100 + max(1, min(LIST_ROWS, len(moves))) * LIST_ROW + more)
    ui.panel(canvas, rect, 215)
    ui.text(canvas, fonts.small, "AGAINST", ui.DIM, (rect.left + 22, rect.top + 18), shadow=False)
    ui.text(canvas, fonts.body, f"‹  {cast}  ›", ui.PALE_GOLD, (rect.left + 22, rect.top + 38), shadow=False)
    pygame.draw.line(canvas, LINE, (rect.left + 20, rect.top + 74), (rect.right - 20, rect.top + 74))
    start = max(0, min(chosen - LIST_ROWS // 2, len(moves) - LIST_ROWS))
    for row, move in enumerate(moves[start:start + LIST_ROWS]):
        y = rect.top + 88 + row * LIST_ROW
        here = start + row == chosen
        if here:
            mark = pygame.Rect(rect.left + 12, y - 3, rect.width - 24, 28)
            pygame.draw.rect(canvas, (40, 32, 22), mark)
            pygame.draw.line(canvas, ui.GOLD, mark.topleft, mark.bottomleft, 2)
        name = ui.text(canvas, fonts.body, move.name, ui.GOLD if here else ui.ASH, (rect.left + 24, y), shadow=False)
        tag = f"{move.id}{'  · air' if move.air else ''}"
        if name.right + 16 + fonts.small.size(tag)[0] < rect.right - 22:
            ui.text(canvas, fonts.small, tag, ui.DIM, (rect.right - 22, y + 3), "topright", shadow=False)
    if len(moves) > LIST_ROWS:
        shown = f"{start + 1}–{min(len(moves), start + LIST_ROWS)} of {len(moves)}"
        ui.text(canvas, fonts.small, shown, ui.DIM, (rect.right - 22, rect.bottom - 24), "topright", shadow=False)
    if not moves:
        ui.text(canvas, fonts.body, "no move of hers is called so", ui.DIM, (rect.left + 24, rect.top + 88),
                shadow=False)


def outcome_card(canvas: pygame.Surface, fonts: ui.Fonts, outcome: ComboResult, cast: str) -> None:
    """What the phrase did: hits, combo, damage, grace, frames, enchaînement, the target's end, and
    where the phrase broke off if it did."""
    width = 290
    broke = ui.wrap(fonts.small, outcome.step_failure, width - 44, 4) if outcome.step_failure else []
    rect = pygame.Rect(canvas.get_width() - 330, 150, width, 286 + (len(broke) * 20 + 14 if broke else 0))
    ui.panel(canvas, rect, 200)
    ui.text(canvas, fonts.small, "THE PHRASE", ui.DIM, (rect.left + 22, rect.top + 18), shadow=False)
    rows = (
        ("hits", str(outcome.hits)), ("combo", str(outcome.combo)), ("damage", str(outcome.damage)),
        ("grace", f"{outcome.grace:.1f}"), ("frames", str(outcome.frames) if outcome.frames else "—"),
        ("enchaînement", ", ".join(outcome.enchainements) or "—"),
        ("target", outcome.target_state.replace("_", " ") or "—"),
        ("carried", f"{outcome.target_moved:+.0f} px" if outcome.target_state else "—"),
    )
    for i, (label, value) in enumerate(rows):
        y = rect.top + 46 + i * 26
        ui.text(canvas, fonts.body, label, ui.ASH, (rect.left + 22, y), shadow=False)
        ui.text(canvas, fonts.body, value, IVORY, (rect.right - 22, y), "topright", shadow=False)
    for i, line in enumerate(broke):
        ui.text(canvas, fonts.small, line, ui.WARNING, (rect.left + 22, rect.top + 262 + i * 20), shadow=False)
    ui.text(canvas, fonts.small, f"against the {cast}", ui.DIM, (rect.left + 22, rect.bottom - 30), shadow=False)


def _x(tick: int, first: int, last: int) -> float:
    return BAR.left + BAR.width * (tick - first) / max(1, last - first)


def timeline_bar(canvas: pygame.Surface, fonts: ui.Fonts, marks: list[Mark], where: Transport) -> None:
    """The phrase's length as a bar: a gold stem and name at each move's start, a red diamond at each hit,
    the part already played filled, and the playhead with its tick."""
    first, last = where.first, where.last
    pygame.draw.rect(canvas, (28, 26, 30), BAR)
    played = BAR.copy()
    played.width = round(_x(where.tick, first, last) - BAR.left)
    pygame.draw.rect(canvas, (96, 74, 42), played)
    pygame.draw.rect(canvas, LINE, BAR, 1)
    for tick in range(first, last + 1, RULER_TICKS):
        x = _x(tick, first, last)
        pygame.draw.line(canvas, LINE, (x, BAR.bottom + 1), (x, BAR.bottom + (6 if (tick - first) % 60 else 12)))
    now = max((m.tick for m in marks if m.kind == "move" and m.tick <= where.tick), default=None)
    label_end = -1e9
    for mark in marks:
        x = _x(mark.tick, first, last)
        if mark.kind == "move":
            lit = mark.tick == now  # the move being danced at the playhead
            pygame.draw.line(canvas, ui.GOLD if lit else ui.DIM, (x, BAR.top - 18), (x, BAR.bottom), 1)
            room = canvas.get_width() - 12 - x
            if x > label_end:  # names too close to the last one stay unwritten rather than overlap
                fits = fonts.small.size(mark.label)[0] + 4 < room  # else written leftwards of its stem
                rect = ui.text(canvas, fonts.small, mark.label, ui.GOLD if lit else ui.ASH,
                               (x + 4 if fits else x - 4, BAR.top - 22), "bottomleft" if fits else "bottomright",
                               shadow=False)
                label_end = max(rect.right, x) + 6
        else:
            y = BAR.bottom + 9
            pygame.draw.polygon(canvas, HIT_RED, [(x, y - 5), (x + 4, y), (x, y + 5), (x - 4, y)])
    x = _x(where.tick, first, last)
    pygame.draw.line(canvas, IVORY, (x, BAR.top - 8), (x, BAR.bottom + 8), 2)
    pygame.draw.polygon(canvas, IVORY, [(x - 6, BAR.top - 14), (x + 6, BAR.top - 14), (x, BAR.top - 7)])
    ui.text(canvas, fonts.small, "0", ui.DIM, (BAR.left - 12, BAR.centery), "midright",
            shadow=False)
    ui.text(canvas, fonts.small, f"{last - first}", ui.DIM, (BAR.right + 12, BAR.centery), "midleft", shadow=False)


def transport_line(canvas: pygame.Surface, fonts: ui.Fonts, where: Transport) -> None:
    """Play or pause, the tick, the speed and the loop, under the bar; the keys at the right."""
    y = canvas.get_height() - 28
    x = BAR.left
    if where.playing:
        pygame.draw.polygon(canvas, ui.GOLD, [(x, y - 8), (x + 13, y), (x, y + 8)])
    else:
        for dx in (0, 8):
            pygame.draw.rect(canvas, ui.GOLD, pygame.Rect(x + dx, y - 8, 4, 16))
    words = f"tick {where.tick - where.first} of {where.last - where.first}   ·   speed ×{where.speed}"
    rect = ui.text(canvas, fonts.body, words, ui.PALE_GOLD, (x + 26, y), "midleft", shadow=False)
    loop = "loop on" if where.looping else "loop off"
    ui.text(canvas, fonts.body, f"   ·   {loop}", ui.GOLD if where.looping else ui.DIM, (rect.right, y), "midleft",
            shadow=False)
    keys = "Space play   ←→ tick (Shift 10)   Home End   L loop   1-4 speed   S save   Enter phrase   Esc back"
    ui.text(canvas, fonts.small, keys, ui.DIM, (canvas.get_width() - 24, y), "midright", shadow=False)
