"""The level select: every file in the levels folder as a card with its picture, name and description.

Up and down choose, Enter starts the chosen level, Esc goes back to the title. A file that does not
load shows its problems in place of a description and cannot be started. The folder is read again
about once a second, so a file a designer saves or adds shows up while the screen is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.catalogue import PREVIEW_SIZE, LevelEntry, LevelShelf
from game.app.controls import BACK, CONFIRM, DOWN, PAUSE, UP, menu_intent
from game.app.fight import Fight
from game.app.scenes import PlayScene, Scene

if TYPE_CHECKING:
    from game.app.app import App

RESCAN_SECONDS = 1.0  # s of app time between two readings of the levels folder
CARD_W, CARD_H, CARD_GAP = 1000, 160, 14  # px
LIST_TOP = 138  # px: the first card's top
VISIBLE_CARDS = 3  # cards on screen at once; the list scrolls to keep the chosen one in view
INSET = 8  # px between a card's frame and its picture


class LevelSelectScene(Scene):
    """Choose a stage: the levels folder as a scrolling column of cards."""

    def __init__(self, app: App, under: Scene | None = None) -> None:
        self.under = under  # where Esc goes back to (the title)
        self.shelf: LevelShelf = app.shelf
        self.chosen = 0
        self.first = 0  # the card at the top of the visible list
        self.next_scan = 0.0
        self.backdrops: dict[tuple, pygame.Surface] = {}

    def enter(self, app: App, previous: Scene | None) -> None:
        self.rescan(app)

    @property
    def entries(self) -> list[LevelEntry]:
        return self.shelf.entries

    def rescan(self, app: App) -> None:
        """Read the folder again, keeping the chosen file chosen if it is still there."""
        entries = self.entries
        chosen = entries[self.chosen].path if 0 <= self.chosen < len(entries) else None
        entries = self.shelf.scan()
        paths = [entry.path for entry in entries]
        self.chosen = paths.index(chosen) if chosen in paths else min(self.chosen, max(0, len(paths) - 1))
        self.next_scan = app.now() + RESCAN_SECONDS

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        intent = menu_intent(event)
        count = len(self.entries)
        if intent in (UP, DOWN) and count:
            self.chosen = (self.chosen + (1 if intent == DOWN else -1)) % count
            app.audio.play_ui("move")
        elif intent == CONFIRM and count:
            return self.start(app)
        elif intent in (BACK, PAUSE):
            app.audio.play_ui("back")
            return self.under or self
        return self

    def start(self, app: App) -> Scene:
        """Enter: the chosen level's fight, or a word on why a broken file cannot be danced."""
        entry = self.entries[self.chosen]
        if entry.bundle is None:
            app.audio.play_ui("back")
            app.notify(f"{entry.path.name} does not load: fix the file first", colour=ui.WARNING)
            return self
        app.audio.play_ui("confirm")
        return PlayScene(Fight(entry.bundle, app.seed, entry.bundle.pose_sets, difficulty=app.settings.difficulty))

    def tick(self, app: App) -> Scene:
        if app.now() >= self.next_scan:
            self.rescan(app)
        return self

    # --- drawing -----------------------------------------------------------------------------

    def scroll(self) -> range:
        """The indexes of the cards on screen, scrolled so the chosen one is among them."""
        self.first = min(max(self.first, self.chosen - VISIBLE_CARDS + 1), self.chosen)
        self.first = max(0, min(self.first, len(self.entries) - VISIBLE_CARDS))
        return range(self.first, min(len(self.entries), self.first + VISIBLE_CARDS))

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        shown = self.scroll()
        self.shelf.paint_soon([self.chosen, *shown, *range(len(self.entries))])  # the chosen one first
        self.draw_backdrop(canvas)
        width = canvas.get_width()
        ui.text(canvas, app.fonts.heading, "Choose a stage", ui.GOLD, (width / 2, 62), "center")
        ui.rule(canvas, width / 2, 104, 220)
        if not self.entries:
            ui.text(canvas, app.fonts.body, f"no level files in {self.shelf.folder}", ui.WARNING,
                    (width / 2, 300), "center")
        for row, i in enumerate(shown):
            top = LIST_TOP + row * (CARD_H + CARD_GAP)
            self.draw_card(canvas, app.fonts, self.entries[i], pygame.Rect((width - CARD_W) // 2, top, CARD_W, CARD_H),
                           i == self.chosen)
        if self.first > 0:
            ui.text(canvas, app.fonts.small, "▲ more", ui.DIM, (width / 2, LIST_TOP - 18), "center", shadow=False)
        if shown.stop < len(self.entries):
            ui.text(canvas, app.fonts.small, "▼ more", ui.DIM, (width / 2, 676), "center", shadow=False)
        app.hint(canvas, "Up Down  choose     Enter  dance     Esc  back")

    def draw_backdrop(self, canvas: pygame.Surface) -> None:
        """The chosen level's picture blown up, darkened, behind the list."""
        canvas.fill(ui.INK)
        entry = self.entries[self.chosen] if self.entries else None
        picture = self.shelf.picture(entry) if entry is not None else None
        if entry is not None and picture is not None:
            key = (entry.path, entry.stamp)
            backdrop = self.backdrops.get(key)
            if backdrop is None:
                backdrop = pygame.transform.smoothscale(picture, canvas.get_size())
                self.backdrops = {key: backdrop}
            canvas.blit(backdrop, (0, 0))
        ui.veil(canvas, 200)

    def draw_card(self, canvas: pygame.Surface, fonts: ui.Fonts, entry: LevelEntry, rect: pygame.Rect,
                  chosen: bool) -> None:
        """One level: picture on the left; name, file and description (or its problems) on the right."""
        card = pygame.Surface(rect.size, pygame.SRCALPHA)
        card.fill((*ui.INK, 235 if chosen else 190))
        canvas.blit(card, rect.topleft)
        pygame.draw.rect(canvas, ui.GOLD if chosen else ui.DIM, rect, 2 if chosen else 1)
        frame = pygame.Rect(rect.left + INSET, rect.top + INSET, *PREVIEW_SIZE)
        picture = self.shelf.picture(entry)
        if picture is not None:
            canvas.blit(picture, frame.topleft)
        else:
            pygame.draw.rect(canvas, ui.SMOKE, frame)
            words = "does not load" if entry.error is not None else "painting…"
            ui.text(canvas, fonts.small, words, ui.WARNING if entry.error else ui.DIM, frame.center, "center",
                    shadow=False)
        pygame.draw.rect(canvas, ui.GOLD if chosen else ui.DIM, frame, 1)
        left = frame.right + 24
        room = rect.right - left - 20
        name_colour = (ui.GOLD if chosen else ui.PALE_GOLD) if entry.playable else ui.WARNING
        ui.text(canvas, fonts.menu, entry.name, name_colour, (left, rect.top + 10))
        ui.text(canvas, fonts.small, entry.path.name, ui.DIM, (rect.right - 18, rect.top + 18), "topright",
                shadow=False)
        if entry.error is not None:
            for row, line in enumerate(entry.error_lines()):
                line = ui.wrap(fonts.small, line, room, 1)[0] if line else line
                ui.text(canvas, fonts.small, line, ui.WARNING, (left, rect.top + 62 + row * 22), shadow=False)
            return
        for row, line in enumerate(ui.wrap(fonts.body, entry.description, room, 3)):
            ui.text(canvas, fonts.body, line, ui.ASH if not chosen else ui.PALE_GOLD, (left, rect.top + 62 + row * 28))
