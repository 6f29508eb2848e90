"""The results of a won level, like the notice in the next morning's paper: time, damage taken, best combo,
grace, enchaînements, retries, the rank from C to S, and "new best" beside every figure she beat.

The run is entered into the records (and the records saved) as the screen opens; Enter goes on to what
follows (the next act of the story, or the level select).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import CONFIRM, PAUSE, menu_intent
from game.app.fight import Fight
from game.app.scenes import Scene, vignette
from game.scripting.scorecard import Figures, rank_marks

if TYPE_CHECKING:
    from game.app.app import App

REVEAL_SECONDS = 0.18  # s between two figures appearing
GUARD_SECONDS = 0.6  # s during which Enter is ignored: a jump mashed as the level ends must not skip the card
RANK_COLOURS = {"S": ui.PALE_GOLD, "A": ui.GOLD, "B": (190, 150, 110), "C": ui.ASH}
NOTICE_SECONDS = 5.0


def clock_text(ticks: int) -> str:
    """Ticks as m:ss.s, the way a results card shows time."""
    seconds = ticks / 60
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


def figure_lines(figures: Figures, names: tuple[str, ...] = ()) -> list[tuple[str, str, str, str]]:
    """The rows of the card: (figure's record name, label, value, the small print beside it)."""
    combo = f"{figures.combo_hits} hits" if figures.combo_hits != 1 else "1 hit"
    distinct = ", ".join(dict.fromkeys(names))
    meters = figures.grace_earned / max(1e-9, figures.max_grace)
    return [
        ("time", "Time", clock_text(figures.ticks), f"par {clock_text(figures.par_ticks)}"),
        ("damage", "Damage taken", str(figures.damage_taken), f"of {figures.health_max}"),
        ("combo", "Best combo", combo, f"{figures.combo_damage} damage"),
        ("grace", "Grace earned", f"{figures.grace_earned:.0f}", f"{meters:.1f} meters"),
        ("enchainements", "Enchaînements", str(figures.enchainements), distinct),
        ("retries", "Retries", str(figures.retries), "from a checkpoint" if figures.retries else "none"),
    ]


def marks_line(figures: Figures) -> str:
    """How the points were reached: "poise 18 · pace 25 · combo 22 · grace 15 · retries −10 = 70"."""
    parts = [f"{name} {mark:.0f}" for name, mark in rank_marks(figures).items() if name != "retries"]
    if figures.retries:
        parts.append(f"retries −{-rank_marks(figures)['retries']:.0f}")
    return "  ·  ".join(parts) + f"   =  {figures.points} points"


class ResultsScene(Scene):
    """The card of one won level; Enter goes on to `next_scene`."""

    def __init__(self, fight: Fight, next_scene: Callable[[App, Figures], Scene], heading: str = "") -> None:
        self.fight = fight
        self.figures = fight.scorecard.figures(fight.world.tick)
        self.names = fight.scorecard.names
        self.next_scene = next_scene
        self.heading = heading or fight.bundle.level.name
        self.beaten: frozenset[str] = frozenset()
        self.first = False  # no record of this level at this difficulty before
        self.since = 0.0
        self.saved = False

    @property
    def level(self) -> str:
        return self.fight.bundle.level_path.stem

    def enter(self, app: App, previous: Scene | None) -> None:
        self.since = app.now()
        app.audio.stop_music()
        if self.saved:
            return
        self.saved = True
        records = app.records()
        self.first = records.best(self.level, self.fight.difficulty) is None
        self.beaten = records.enter(self.level, self.fight.difficulty, self.figures)
        try:
            records.save()
        except OSError as error:
            app.notify(f"records not saved: {error.strerror or error}", NOTICE_SECONDS, ui.WARNING)

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if menu_intent(event) in (CONFIRM, PAUSE) and app.now() - self.since >= GUARD_SECONDS:
            app.audio.play_ui("confirm")
            return self.next_scene(app, self.figures)
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        fight = self.fight
        fight.view.show_hud = False
        fight.view.draw(canvas, fight.world)
        fight.view.show_hud = True
        ui.veil(canvas, 185)
        vignette(canvas)
        width = canvas.get_width()
        rect = pygame.Rect(0, 0, 980, 560)
        rect.center = (width // 2, 372)
        ui.panel(canvas, rect, 225)
        ui.text(canvas, app.fonts.heading, self.heading, ui.GOLD, (rect.centerx, rect.top + 52), "center")
        ui.rule(canvas, rect.centerx, rect.top + 94, 200)
        sub = f"{fight.bundle.level.name}  ·  {fight.difficulty}" if self.heading != fight.bundle.level.name \
            else f"results  ·  {fight.difficulty}"
        ui.text(canvas, app.fonts.small, sub.upper(), ui.ASH, (rect.centerx, rect.top + 112), "center", shadow=False)
        shown = (app.now() - self.since) / REVEAL_SECONDS
        self.draw_figures(canvas, app.fonts, rect, shown)
        if shown >= 7:
            self.draw_rank(canvas, app.fonts, pygame.Rect(rect.left + 650, rect.top + 150, 280, 330))
        if shown >= 7:
            ui.text(canvas, app.fonts.small, marks_line(self.figures), ui.DIM, (rect.centerx, rect.bottom - 34),
                    "center", shadow=False)
        app.hint(canvas, "Enter  continue")

    def draw_figures(self, canvas: pygame.Surface, fonts: ui.Fonts, rect: pygame.Rect, shown: float) -> None:
        """The figures in a column, appearing one after another, each new best marked in velvet."""
        left, top = rect.left + 60, rect.top + 160
        for row, (name, label, value, note) in enumerate(figure_lines(self.figures, self.names)):
            alpha = int(255 * max(0.0, min(1.0, shown - row)))
            if not alpha:
                break
            y = top + row * 56
            ui.text(canvas, fonts.body, label, ui.ASH, (left, y), alpha=alpha)
            ui.text(canvas, fonts.menu, value, ui.PALE_GOLD, (left + 300, y + 12), "midright", alpha=alpha)
            if note:
                note = ui.wrap(fonts.small, note, 150, 1)[0]
                ui.text(canvas, fonts.small, note, ui.DIM, (left + 318, y + 16), "midleft", alpha=alpha, shadow=False)
            if name in self.beaten and not self.first:
                _new_best(canvas, fonts, (left + 560, y + 14), alpha)
            pygame.draw.line(canvas, ui.SMOKE, (left, y + 40), (left + 540, y + 40))

    def draw_rank(self, canvas: pygame.Surface, fonts: ui.Fonts, box: pygame.Rect) -> None:
        """The rank letter in a gilt diamond, its points beneath, and "first clear" or "new best"."""
        figures = self.figures
        centre = (box.centerx, box.top + 130)
        size = 118  # px from the diamond's centre to a corner
        diamond = [(centre[0], centre[1] - size), (centre[0] + size, centre[1]), (centre[0], centre[1] + size),
                   (centre[0] - size, centre[1])]
        pygame.draw.polygon(canvas, (24, 10, 12), diamond)
        pygame.draw.polygon(canvas, ui.GOLD, diamond, 2)
        inner = [((x - centre[0]) * 0.88 + centre[0], (y - centre[1]) * 0.88 + centre[1]) for x, y in diamond]
        pygame.draw.polygon(canvas, ui.DIM, inner, 1)
        colour = RANK_COLOURS.get(figures.rank, ui.ASH)
        ui.text(canvas, fonts.title, figures.rank, colour, centre, "center")
        ui.text(canvas, fonts.body, f"{figures.points} points", ui.ASH, (centre[0], box.top + 280), "center")
        if self.first:
            words = "first clear"
        elif "rank" in self.beaten:
            words = "new best"
        else:
            words = ""
        if words:
            ui.text(canvas, fonts.small, words.upper(), ui.WARNING if words == "new best" else ui.PALE_GOLD,
                    (centre[0], box.top + 312), "center", shadow=False)


def _new_best(canvas: pygame.Surface, fonts: ui.Fonts, at: tuple[int, int], alpha: int) -> None:
    """A small velvet tag "NEW BEST" hung to the left of a figure."""
    image = fonts.small.render("NEW BEST", True, ui.PALE_GOLD)
    tag = pygame.Rect(0, 0, image.get_width() + 16, image.get_height() + 6)
    tag.midright = at
    card = pygame.Surface(tag.size, pygame.SRCALPHA)
    card.fill((*ui.VELVET, int(alpha * 0.9)))
    canvas.blit(card, tag.topleft)
    image.set_alpha(alpha)
    canvas.blit(image, image.get_rect(center=tag.center))
