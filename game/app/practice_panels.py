"""Practice mode's overlays, drawn in the house's noir: the input display, the frame-data card with combo
scaling, the choreography graph of the current move, the status line, the key strip and the Tab panel.

They read what game/app/practice_meters.py measured and the fighters themselves; they change nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from game.app import ui
from game.app.practice_meters import MOST_TICKS_SHOWN, ComboMeter, FrameMeter, InputHistory, cancel_options
from game.sim.fighter import Fighter
from game.sim.inputs import Button
from game.sim.world import DT

STARTUP, ACTIVE, RECOVERY = (92, 96, 104), (196, 52, 60), (150, 118, 62)  # frame-bar cells
IVORY = (236, 230, 218)
LINE = (58, 54, 50)  # hairlines of the cards
CARD_ALPHA = 200
ROW = 22  # px between rows of the input display
CHIPS = (  # button, letter, colour of its chip
    (Button.LIGHT, "L", (222, 214, 196)), (Button.HEAVY, "H", (196, 62, 68)), (Button.SPIN, "S", ui.GOLD),
    (Button.JUMP, "J", (120, 150, 196)), (Button.DODGE, "D", (150, 146, 140)), (Button.BLOCK, "B", (96, 168, 160)),
)
HELP = (  # key, what it does, the toggle it lights (or "")
    ("F2", "graph", "graph"), ("F3", "boxes", "debug"), ("F4", "inputs", "inputs"), ("F5", "frames", "frames"),
    ("F6", "record", "recording"), ("F7", "playback", "playback"), ("P", "pause", "paused"), (".", "step", ""),
    (",", "back / hold", ""), ("M", "speed", "slow"), ("R", "refill", ""), ("Home", "reset", ""),
    ("Tab", "partner", ""), ("Esc", "menu", ""),
)


@dataclass(slots=True)
class Status:
    """What the status line and the key strip say about the session."""

    partner: str
    part: str
    recording: list[int] | None
    recorded: int  # ticks in the recording, 0 if none
    paused: bool
    speed: int  # 1, 2 or 4: game ticks per fight tick
    tick: int
    behind: int  # ticks rewound behind the newest
    history: int  # ticks the rewind can still go back
    debug: bool
    shown: dict[str, bool] = field(default_factory=dict)
    message: str = ""  # what practice mode just said (recorded 2.3 s, positions reset...)
    message_colour: tuple[int, int, int] = ui.PALE_GOLD
    message_alpha: int = 0

    def lit(self, toggle: str) -> bool:
        """Whether the key strip shows the key of `toggle` lit."""
        if toggle in self.shown:
            return self.shown[toggle]
        return {"debug": self.debug, "recording": self.recording is not None, "paused": self.paused,
                "slow": self.speed > 1, "playback": self.part.startswith("Play back")}.get(toggle, False)


_FONTS: dict[tuple[int, bool], pygame.font.Font] = {}


def _font(size: int, bold: bool = False) -> pygame.font.Font:
    """The panels' sans at `size`, made once; made again if pygame's font module was restarted since
    (a font from before `pygame.quit()` cannot draw: headless runs and tests start pygame many times)."""
    font = _FONTS.get((size, bold))
    if font is not None:
        try:
            font.get_height()
            return font
        except pygame.error:
            pass
    pygame.font.init()
    font = _FONTS[(size, bold)] = pygame.font.SysFont(ui.SANS, size, bold=bold)
    return font


def card(canvas: pygame.Surface, rect: pygame.Rect, title: str = "") -> int:
    """A translucent ink card with a hairline edge and a gold tab; returns the y below its title."""
    shade = pygame.Surface(rect.size, pygame.SRCALPHA)
    shade.fill((*ui.INK, CARD_ALPHA))
    canvas.blit(shade, rect.topleft)
    pygame.draw.rect(canvas, LINE, rect, 1)
    pygame.draw.line(canvas, ui.GOLD, rect.topleft, (rect.left, rect.top + 26), 2)
    if not title:
        return rect.top + 10
    ui.text(canvas, _font(13, True), title.upper(), ui.GOLD, (rect.left + 14, rect.top + 9), shadow=False)
    return rect.top + 32


# --- the input display (F4) ------------------------------------------------------------------------

def arrow(canvas: pygame.Surface, held: int, centre: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """The direction held, as an arrow (eight ways), or a small ring for neutral."""
    dx = (1 if held & Button.RIGHT else 0) - (1 if held & Button.LEFT else 0)
    dy = (1 if held & Button.DOWN else 0) - (1 if held & Button.UP else 0)
    x, y = centre
    if dx == 0 and dy == 0:
        pygame.draw.circle(canvas, ui.DIM, centre, 3, 1)
        return
    angle = math.atan2(dy, dx)
    ux, uy, px, py = math.cos(angle), math.sin(angle), -math.sin(angle), math.cos(angle)
    tip = (x + ux * 8, y + uy * 8)
    base = (x - ux * 7, y - uy * 7)
    neck = (x + ux * 1, y + uy * 1)
    pygame.draw.line(canvas, colour, base, neck, 3)
    wings = [(neck[0] + px * 6, neck[1] + py * 6), (neck[0] - px * 6, neck[1] - py * 6)]
    pygame.draw.polygon(canvas, colour, [tip, *wings])


def chip(canvas: pygame.Surface, letter: str, colour: tuple[int, int, int], at: tuple[int, int], alpha: int) -> None:
    """A button as a small round token with its letter."""
    token = pygame.Surface((19, 19), pygame.SRCALPHA)
    pygame.draw.circle(token, (*colour, alpha), (9, 9), 9)
    label = _font(12, True).render(letter, True, ui.INK)
    token.blit(label, label.get_rect(center=(10, 10)))
    canvas.blit(token, at)


def draw_inputs(canvas: pygame.Surface, fonts: ui.Fonts, history: InputHistory) -> pygame.Rect:
    """The last inputs, newest on top: ticks held, direction, buttons; older rows fade."""
    rows = list(reversed(history.rows))
    rect = pygame.Rect(20, 134, 180, 40 + ROW * max(len(rows), 1))
    top = card(canvas, rect, "inputs")
    if not rows:
        ui.text(canvas, _font(14), "press something", ui.DIM, (rect.left + 16, top + 2), shadow=False)
    for i, (held, ticks) in enumerate(rows):
        y = top + i * ROW
        alpha = 255 if i == 0 else max(90, 235 - i * 8)
        colour = ui.PALE_GOLD if i == 0 else ui.ASH
        count = f"{MOST_TICKS_SHOWN}+" if ticks > MOST_TICKS_SHOWN else str(ticks)
        image = _font(15).render(count, True, colour)
        image.set_alpha(alpha)
        canvas.blit(image, image.get_rect(topright=(rect.left + 46, y + 1)))
        arrow(canvas, held, (rect.left + 66, y + 10), IVORY if i == 0 else ui.ASH)
        x = rect.left + 84
        for button, letter, tint in CHIPS:
            if held & button:
                chip(canvas, letter, tint, (x, y), alpha)
                x += 22
        if i == 0:
            pygame.draw.line(canvas, ui.GOLD, (rect.left + 8, y - 2), (rect.left + 8, y + ROW - 4), 2)
    return rect


# --- frame data and combo (F5) ---------------------------------------------------------------------

def _figure(canvas: pygame.Surface, fonts: ui.Fonts, value: str, label: str, at: tuple[int, int],
            colour: tuple[int, int, int] = IVORY) -> None:
    ui.text(canvas, fonts.body, value, colour, at, "midtop", shadow=False)
    ui.text(canvas, _font(12), label, ui.DIM, (at[0], at[1] + 26), "midtop", shadow=False)


def draw_frame_bar(canvas: pygame.Surface, frames: list[bool], total: int, rect: pygame.Rect) -> None:
    """One cell per frame of the move: startup grey, active red, recovery bronze; unseen frames hollow."""
    count = max(total, len(frames), 1)
    width = rect.width / count
    first = frames.index(True) if True in frames else len(frames)
    last = len(frames) - 1 - frames[::-1].index(True) if True in frames else -1
    for i in range(count):
        x0, x1 = rect.left + round(i * width), rect.left + round((i + 1) * width) - 1
        cell = pygame.Rect(x0, rect.top, max(1, x1 - x0), rect.height)
        if i >= len(frames):
            pygame.draw.rect(canvas, LINE, cell, 1)
            continue
        colour = ACTIVE if first <= i <= last else STARTUP if i < first else RECOVERY
        pygame.draw.rect(canvas, colour, cell)


def draw_frames(canvas: pygame.Surface, fonts: ui.Fonts, meter: FrameMeter, combo: ComboMeter) -> pygame.Rect:
    """The move just performed as it happened, the advantage it left, and the combo's damage and scaling."""
    rect = pygame.Rect(canvas.get_width() - 320, 282, 300, 240)
    top = card(canvas, rect, "frame data")
    reading = meter.reading
    if reading is None:
        ui.text(canvas, fonts.small, "perform a move to measure it", ui.DIM, (rect.left + 16, top + 4), shadow=False)
    else:
        ui.text(canvas, fonts.body, reading.name, ui.PALE_GOLD, (rect.left + 16, top - 2), shadow=False)
        tag = {"hit": ("HIT", ACTIVE), "blocked": ("BLOCKED", (96, 168, 160)), "parried": ("PARRIED", ui.WARNING)}
        pending = reading.outcome == "whiff" and not reading.settled
        word, colour = ("…", ui.DIM) if pending else tag.get(reading.outcome, ("WHIFF", ui.DIM))
        ui.text(canvas, _font(13, True), word, colour, (rect.right - 16, top + 4), "topright", shadow=False)
        bar = pygame.Rect(rect.left + 16, top + 30, rect.width - 32, 12)
        draw_frame_bar(canvas, reading.frames, reading.total, bar)
        before = meter.previous
        words = ""
        if reading.cancelled_into:
            words = f"cancelled on frame {len(reading.frames) + 1} into {reading.cancelled_into}"
        elif before is not None and before.cancelled_into == reading.move:
            words = f"cancelled from {before.move} on its frame {len(before.frames) + 1}"
        ui.text(canvas, _font(12), words, ui.GOLD, (rect.left + 16, top + 46), shadow=False)
        startup = "-" if reading.startup is None else str(reading.startup)
        spots = (rect.left + 50, rect.left + 120, rect.left + 190, rect.left + 258)
        _figure(canvas, fonts, startup, "startup", (spots[0], top + 64))
        _figure(canvas, fonts, str(reading.active), "active", (spots[1], top + 64), ACTIVE)
        _figure(canvas, fonts, str(reading.recovery), "recovery", (spots[2], top + 64), RECOVERY)
        advantage, label, colour = _advantage(reading)
        _figure(canvas, fonts, advantage, label, (spots[3], top + 64), colour)
    y = rect.top + 160
    pygame.draw.line(canvas, LINE, (rect.left + 14, y), (rect.right - 14, y))
    ui.text(canvas, _font(13, True), "COMBO", ui.GOLD, (rect.left + 14, y + 8), shadow=False)
    hits = f"{combo.hits} hit{'s' if combo.hits != 1 else ''}  ·  {combo.damage} damage"
    hits = hits if combo.hits else "no combo yet"
    ui.text(canvas, fonts.small, hits, IVORY if combo.live else ui.ASH, (rect.left + 80, y + 6), shadow=False)
    _scaling_bar(canvas, fonts, combo, pygame.Rect(rect.left + 16, y + 36, rect.width - 32, 8))
    return rect


def _advantage(reading) -> tuple[str, str, tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    if reading.knockdown:
        return "KD", "on hit", ui.GOLD
    if reading.advantage is None:
        waiting = reading.outcome in ("hit", "blocked") and not reading.settled
        return ("…" if waiting else "-"), "on " + ("block" if reading.outcome == "blocked" else "hit"), ui.DIM
    label = "on block" if reading.outcome == "blocked" else "on hit"
    colour = ui.PALE_GOLD if reading.advantage >= 0 else ui.WARNING
    return f"{reading.advantage:+d}", label, colour


def _scaling_bar(canvas: pygame.Surface, fonts: ui.Fonts, combo: ComboMeter, rect: pygame.Rect) -> None:
    """The damage share of the last hit, as a bar; the next hit's share beside it."""
    share = combo.scaling if combo.hits else 1.0
    pygame.draw.rect(canvas, LINE, rect, 1)
    pygame.draw.rect(canvas, ui.GOLD, (rect.left, rect.top, round(rect.width * share), rect.height))
    words = f"scaling {share:.0%}"
    if combo.live:
        words += f"   ·   next hit {combo.next_scaling:.0%}"
    if combo.counter:
        words += "   ·   counter"
    ui.text(canvas, _font(13), words, ui.ASH, (rect.left, rect.bottom + 6), shadow=False)
    best = f"best {combo.best_damage}" if combo.best_damage else ""
    ui.text(canvas, _font(13), best, ui.DIM, (rect.right, rect.bottom + 6), "topright", shadow=False)


# --- the choreography graph (F2) -------------------------------------------------------------------

def draw_graph(canvas: pygame.Surface, fonts: ui.Fonts, fighter: Fighter, last_move: str | None) -> pygame.Rect:
    """The current move and every move it may flow into: each cancel window on the move's frames, the
    present frame as a cursor, and the windows open right now in gold."""
    live = fighter.state == "move" and fighter.move is not None
    move = fighter.move if live else fighter.book.moves.get(last_move or "")
    options = cancel_options(fighter, last_move)[:4]
    rect = pygame.Rect(210, 0, 740, 62 + 28 * max(1, len(options)))
    rect.bottom = canvas.get_height() - 40
    top = card(canvas, rect, "choreography")
    if move is None:
        ui.text(canvas, fonts.small, "dance a move: what it can flow into, and when, shows here", ui.DIM,
                (rect.left + 130, rect.top + 8), shadow=False)
        return rect
    node = pygame.Rect(rect.left + 16, top, 140, rect.bottom - top - 12)
    pygame.draw.rect(canvas, ui.GOLD if live else LINE, node, 1)
    name_colour = ui.PALE_GOLD if live else ui.ASH
    ui.text(canvas, fonts.body, move.name, name_colour, (node.centerx, node.centery - 10), "center", shadow=False)
    frame = f"frame {fighter.move_frame} / {move.total}" if live else "finished"
    ui.text(canvas, _font(13), frame, ui.ASH if live else ui.DIM, (node.centerx, node.centery + 14), "center",
            shadow=False)
    if not options:
        ui.text(canvas, fonts.small, "ends the phrase: it cancels into nothing", ui.DIM, (node.right + 40, top + 8),
                shadow=False)
    bar_left, bar_width = node.right + 34, 150
    for i, option in enumerate(options):
        y = top + 4 + i * 28
        colour = ui.GOLD if option.open_now else ui.DIM
        pygame.draw.line(canvas, colour, (node.right, node.centery), (bar_left - 8, y + 7), 2 if option.open_now else 1)
        bar = pygame.Rect(bar_left, y + 2, bar_width, 10)
        pygame.draw.rect(canvas, LINE, bar, 1)
        first, last = option.frames
        x0 = bar.left + round((first - 1) / move.total * bar.width)
        x1 = bar.left + round(last / move.total * bar.width)
        pygame.draw.rect(canvas, colour if option.open_now else (96, 82, 58), (x0, bar.top + 1, max(2, x1 - x0), 8))
        if live:
            cursor = bar.left + round((fighter.move_frame - 0.5) / move.total * bar.width)
            pygame.draw.line(canvas, IVORY, (cursor, bar.top - 3), (cursor, bar.bottom + 2), 2)
        window = f"{first}–{last}" + ("  on hit" if option.on_hit else "")
        ui.text(canvas, _font(12), window, ui.ASH, (bar.right + 10, y + 1), shadow=False)
        into = fitted(_font(14), list(option.into), rect.right - bar.right - 104)
        ui.text(canvas, _font(14), into, ui.GOLD if option.open_now else ui.ASH, (bar.right + 92, y - 1), shadow=False)
    return rect


def fitted(font: pygame.font.Font, names: list[str], width: int) -> str:
    """As many of `names` as fit in `width` px, then "+N" for the rest."""
    shown = "  ".join(names)
    for count in range(len(names), 0, -1):
        shown = "  ".join(names[:count]) + (f"  +{len(names) - count}" if count < len(names) else "")
        if font.size(shown)[0] <= width:
            return shown
    return shown


# --- the status line, the key strip, the Tab panel -------------------------------------------------

def draw_status(canvas: pygame.Surface, fonts: ui.Fonts, status: Status, now: float) -> None:
    """PRACTICE, the partner and its part, and the clock's state: recording, paused, slowed, rewound."""
    centre = canvas.get_width() // 2
    ui.text(canvas, _font(13, True), "P R A C T I C E", ui.GOLD, (centre, 16), "midtop", shadow=False)
    ui.text(canvas, fonts.small, f"{status.partner}  ·  {status.part}", ui.ASH, (centre, 36), "midtop")
    badges = []
    if status.recording is not None:
        badges.append(("rec", f"REC  {len(status.recording) * DT:.1f} s", ui.VELVET))
    elif status.part.startswith("Play back"):
        badges.append(("play", f"PLAYBACK  {status.recorded * DT:.1f} s  loop", ui.GOLD))
    if status.paused:
        badges.append(("pause", f"PAUSED  ·  tick {status.tick}", ui.PALE_GOLD))
    if status.behind:
        badges.append(("", f"{status.behind * DT:.2f} s back", ui.PALE_GOLD))
    if status.speed > 1:
        badges.append(("", f"1/{status.speed} SPEED", ui.PALE_GOLD))
    x = centre - sum(_font(14, True).size(words)[0] + 40 for _, words, _ in badges) // 2
    for mark, words, colour in badges:
        image = _font(14, True).render(words, True, colour)
        box = pygame.Rect(x, 90, image.get_width() + 30, 24)
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((*ui.INK, 210))
        canvas.blit(shade, box.topleft)
        pygame.draw.rect(canvas, colour, box, 1)
        _mark(canvas, mark, (box.left + 12, box.centery), colour, now)
        canvas.blit(image, (box.left + 22, box.centery - image.get_height() // 2))
        x = box.right + 10
    if status.message_alpha:
        y = 126 if badges else 92
        ui.text(canvas, fonts.small, status.message, status.message_colour, (centre, y), "midtop",
                alpha=status.message_alpha)


def _mark(canvas: pygame.Surface, mark: str, at: tuple[int, int], colour: tuple[int, int, int], now: float) -> None:
    x, y = at
    if mark == "rec" and int(now * 2) % 2 == 0:
        pygame.draw.circle(canvas, colour, at, 4)
    elif mark == "play":
        pygame.draw.polygon(canvas, colour, [(x - 3, y - 5), (x + 4, y), (x - 3, y + 5)])
    elif mark == "pause":
        pygame.draw.rect(canvas, colour, (x - 4, y - 4, 3, 9))
        pygame.draw.rect(canvas, colour, (x + 1, y - 4, 3, 9))
    elif mark == "":
        pygame.draw.polygon(canvas, colour, [(x, y - 4), (x + 4, y), (x, y + 4), (x - 4, y)])


def draw_help(canvas: pygame.Surface, fonts: ui.Fonts, status: Status) -> None:
    """The keys of practice mode along the bottom edge; a toggle's key is lit while it is on."""
    height = 28
    top = canvas.get_height() - height
    shade = pygame.Surface((canvas.get_width(), height), pygame.SRCALPHA)
    shade.fill((*ui.INK, 255))  # opaque: the F3 overlay's own tick line sits underneath
    canvas.blit(shade, (0, top))
    pygame.draw.line(canvas, LINE, (0, top), (canvas.get_width(), top))
    key_font, word_font = _font(13, True), _font(13)
    parts = [(key_font.render(k, True, ui.GOLD if status.lit(t) else ui.PALE_GOLD if not t else ui.ASH),
              word_font.render(w, True, ui.ASH if status.lit(t) else ui.DIM), status.lit(t)) for k, w, t in HELP]
    width = sum(k.get_width() + w.get_width() + 5 for k, w, _ in parts)
    gap = (canvas.get_width() - 32 - width) / (len(parts) - 1)
    x = 16.0
    for key, words, lit in parts:
        y = top + (height - key.get_height()) // 2
        if lit:
            pygame.draw.line(canvas, ui.GOLD, (x, top + height - 4), (x + key.get_width(), top + height - 4), 2)
        canvas.blit(key, (round(x), y))
        canvas.blit(words, (round(x) + key.get_width() + 5, y))
        x += key.get_width() + words.get_width() + 5 + gap


def draw_partner_menu(canvas: pygame.Surface, fonts: ui.Fonts, labels: list[str], chosen: int, current: int,
                      partner: str, recorded: bool) -> None:
    """The Tab panel: the parts (the current one marked), then who plays it."""
    ui.veil(canvas, 140)
    rect = pygame.Rect(0, 0, 560, 150 + 40 * (len(labels) + 1) + 40)
    rect.center = (canvas.get_width() // 2, canvas.get_height() // 2 - 10)
    ui.panel(canvas, rect, 235)
    ui.text(canvas, fonts.heading, "Partner", ui.GOLD, (rect.centerx, rect.top + 50), "center")
    ui.rule(canvas, rect.centerx, rect.top + 88, 150)
    top = rect.top + 116
    for i, label in enumerate(labels):
        y = top + i * 40
        unavailable = label.startswith("Play back") and not recorded
        colour = ui.GOLD if i == chosen else ui.DIM if unavailable else ui.ASH
        shown = label + ("   (F6 records first)" if unavailable and i == chosen else "")
        ui.text(canvas, fonts.body, shown, colour, (rect.left + 110, y), "midleft")
        if i == current:
            ui.text(canvas, _font(12, True), "NOW", ui.GOLD, (rect.left + 60, y), "center", shadow=False)
        if i == chosen:
            x = rect.left + 88
            pygame.draw.polygon(canvas, ui.GOLD, [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)])
    y = top + len(labels) * 40 + 12
    pygame.draw.line(canvas, LINE, (rect.left + 40, y - 20), (rect.right - 40, y - 20))
    colour = ui.GOLD if chosen == len(labels) else ui.ASH
    ui.text(canvas, fonts.body, "played by", ui.DIM, (rect.left + 110, y), "midleft")
    ui.text(canvas, fonts.body, f"‹  {partner}  ›", colour, (rect.left + 230, y), "midleft")
    ui.text(canvas, fonts.small, "Enter  choose     ← →  partner     Tab / Esc  close", ui.DIM,
            (rect.centerx, rect.bottom - 30), "center", shadow=False)
