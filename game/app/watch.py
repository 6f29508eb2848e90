"""Watching a replay: the recorded fight played back tick for tick, with where it is and whether it drifted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import BACK, CONFIRM, PAUSE, menu_intent
from game.app.fight import make_view
from game.app.scenes import Scene
from game.scripting.replay import Playback, Replay
from game.sim.world import DT

if TYPE_CHECKING:
    from game.app.app import App


class ReplayScene(Scene):
    """Plays a replay; Space holds it, Enter at the end watches again, Esc quits."""

    def __init__(self, replay: Replay, pose_sets: dict, playback: Playback | None = None) -> None:
        self.replay = replay
        self.pose_sets = pose_sets
        self.playback = playback or Playback(replay)
        self.view = make_view(self.playback.world, pose_sets)
        self.held = False

    def enter(self, app: App, previous: Scene | None) -> None:
        world = self.playback.world
        app.audio.start_music(world.level.tempo, world.tick * DT, theme=world.level.theme)

    def tick(self, app: App) -> Scene:
        playback = self.playback
        if self.held:
            return self
        if playback.done:
            if app.headless:
                app.running = False
            return self
        events = playback.step()
        self.view.update(playback.world, events, DT)
        app.audio.handle(events, playback.world, self.view.camera)
        app.audio.sync_music(playback.world.tick)
        return self

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        intent = menu_intent(event)
        if intent == BACK:
            app.running = False
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.view.show_debug = not self.view.show_debug
        elif self.playback.done and intent == CONFIRM:
            return ReplayScene(self.replay, self.pose_sets)
        elif intent in (PAUSE, CONFIRM) or (event.type == pygame.KEYDOWN and event.key == pygame.K_SPACE):
            self.held = not self.held
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        playback = self.playback
        self.view.draw(canvas, playback.world)
        fonts = app.fonts
        total = self.replay.tick_count
        tick = playback.world.tick
        ui.text(canvas, fonts.heading, "replay", ui.GOLD, (canvas.get_width() / 2, 44), "center")
        ui.text(canvas, fonts.body, f"tick {tick} / {total}   ·   {tick * DT:.1f} s of {total * DT:.1f} s",
                ui.ASH, (canvas.get_width() / 2, 84), "center")
        progress = pygame.Rect(canvas.get_width() / 2 - 200, 102, 400, 3)
        pygame.draw.rect(canvas, ui.DIM, progress)
        pygame.draw.rect(canvas, ui.GOLD, (progress.x, progress.y, round(progress.width * tick / max(1, total)), 3))
        if playback.first_mismatch is not None:
            ui.text(canvas, fonts.body, f"warning: the fight drifts from the recording at tick "
                    f"{playback.first_mismatch} (identical up to tick {playback.last_identical})",
                    ui.WARNING, (canvas.get_width() / 2, 128), "center")
        if playback.done:
            ui.text(canvas, fonts.menu, "the end", ui.PALE_GOLD, (canvas.get_width() / 2, 300), "center")
            ui.text(canvas, fonts.body, "Enter  watch again     Esc  quit", ui.ASH,
                    (canvas.get_width() / 2, 346), "center")
        elif self.held:
            ui.text(canvas, fonts.menu, "held", ui.PALE_GOLD, (canvas.get_width() / 2, 300), "center")
        ui.corner_hint(canvas, fonts, "Space  hold     Esc  quit")
