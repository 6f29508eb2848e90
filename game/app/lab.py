"""The Choreography Lab scene: type a phrase, watch it danced, scrub its timeline, save it as a combo test."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import BACK, menu_intent
from game.app.scenes import Scene

if TYPE_CHECKING:
    from game.app.app import App


class LabScene(Scene):
    """The lab (being built: for now a card that says so); Esc goes back to the title."""

    def __init__(self, app: App, under: Scene) -> None:
        self.under = under

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if menu_intent(event) == BACK:
            app.audio.play_ui("back")
            return self.under
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        canvas.fill(ui.INK)
        centre = canvas.get_width() / 2
        ui.text(canvas, app.fonts.heading, "Choreography Lab", ui.GOLD, (centre, 300), "center")
        ui.text(canvas, app.fonts.body, "in rehearsal: Esc to go back", ui.ASH, (centre, 380), "center")
