"""Practice mode's menus: the Tab panel that gives the partner its part, and the Esc menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import practice_panels as panels
from game.app import ui
from game.app.controls import BACK, CONFIRM, DOWN, PAUSE, UP, menu_intent
from game.app.scenes import ControlsScene, MenuScene, Scene

if TYPE_CHECKING:
    from game.app.app import App
    from game.app.practice import PracticeScene

DUMMY, UNDERSTUDY = "training_dummy", "understudy"  # the partners: planted, or on her feet
PARTS: tuple[tuple[str, str, bool], ...] = (  # brain, what the menu calls it, needs a partner who can move
    ("stand", "Stand", False),
    ("crouch", "Crouch", False),
    ("jump", "Jump", True),
    ("block_all", "Block all", True),
    ("block_after_first_hit", "Block after the first hit", True),
    ("dodge", "Dodge", True),
    ("counter", "Counter-attack", True),
    ("playback", "Play back the recording", True),
)
PART_NAMES = {brain: label for brain, label, _ in PARTS}
PART_ORDER = [brain for brain, _, _ in PARTS]
NEEDS_FEET = {brain: moves for brain, _, moves in PARTS}


class PartnerMenu:
    """The Tab panel: the partner's part, and who plays it (the dummy or the understudy)."""

    ROWS = len(PARTS) + 1  # the parts, then who plays them

    def __init__(self, scene: PracticeScene) -> None:
        self.chosen = PART_ORDER.index(scene.part)

    def handle(self, event: pygame.event.Event, app: App, scene: PracticeScene) -> Scene:
        intent = menu_intent(event)
        key = event.key if event.type == pygame.KEYDOWN else None
        if intent in (UP, DOWN):
            self.chosen = (self.chosen + (1 if intent == DOWN else -1)) % self.ROWS
            app.audio.play_ui("move")
        elif key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_a, pygame.K_d) and self.chosen == len(PARTS):
            scene.choose_partner(UNDERSTUDY if scene.partner_kind == DUMMY else DUMMY, app)
            app.audio.play_ui("move")
        elif intent == CONFIRM:
            app.audio.play_ui("confirm")
            if self.chosen == len(PARTS):
                scene.choose_partner(UNDERSTUDY if scene.partner_kind == DUMMY else DUMMY, app)
            else:
                scene.choose_part(PARTS[self.chosen][0], app)
                scene.menu = None
        elif intent in (BACK, PAUSE) or key == pygame.K_TAB:
            app.audio.play_ui("back")
            scene.menu = None
        if scene.menu is None:
            app.hands.release_all()
        return scene

    def draw(self, canvas: pygame.Surface, fonts: ui.Fonts, scene: PracticeScene) -> None:
        labels = [label for _, label, _ in PARTS]
        current = PART_ORDER.index(scene.part)
        panels.draw_partner_menu(canvas, fonts, labels, self.chosen, current, scene.partner.spec.name,
                                 scene.recorded is not None)


class PracticePauseScene(MenuScene):
    """Esc in practice: resume, choose the partner's part, reset, settings, the controls, or back to the title."""

    items = ("Resume", "Partner", "Reset positions", "Settings", "Controls", "Quit to title")

    def __init__(self, practice: PracticeScene) -> None:
        super().__init__()
        self.practice = practice

    def enter(self, app: App, previous: Scene | None) -> None:
        if previous is self.practice:
            app.audio.pause_music(True)
            app.hands.release_all()

    def choose(self, item: str, app: App) -> Scene:
        if item == "Partner":
            self.practice.menu = PartnerMenu(self.practice)
            return self.practice
        if item == "Reset positions":
            self.practice.build()
            return self.practice
        if item == "Controls":
            return ControlsScene(self)
        if item == "Settings":
            from game.app.settings_scene import SettingsScene

            return SettingsScene(self)
        if item == "Quit to title":
            from game.app.scenes import TitleScene

            return TitleScene(app)
        return self.practice

    def back(self, app: App) -> Scene:
        return self.practice

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.practice.view.draw(canvas, self.practice.world)
        ui.veil(canvas, 170)
        rect = pygame.Rect(0, 0, 460, 470)
        rect.center = (canvas.get_width() // 2, canvas.get_height() // 2)
        ui.panel(canvas, rect)
        ui.text(canvas, app.fonts.heading, "Practice", ui.GOLD, (rect.centerx, rect.top + 56), "center")
        ui.rule(canvas, rect.centerx, rect.top + 96, 140)
        ui.menu(canvas, app.fonts, list(self.items), self.chosen, rect.centerx, rect.top + 146, gap=50)
        studio = f"{self.practice.partner.spec.name}  ·  {PART_NAMES[self.practice.part]}"
        ui.text(canvas, app.fonts.small, studio, ui.DIM, (rect.centerx, rect.bottom - 30), "center", shadow=False)
        app.hint(canvas, "F1  controls     Esc  resume")
