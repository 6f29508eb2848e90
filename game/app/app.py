"""The program's heart: one window, one clock, the player's hands, and the scene on stage."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.app import ui
from game.app.catalogue import LevelShelf
from game.app.controls import KEYBOARD, Gamepads, Hands, action_labels, control_lines, device_of, hint_for, move_lines
from game.app.demo import DemoDancer
from game.app.fight import Fight
from game.app.loop import FixedStepLoop
from game.app.records import Records, records_path
from game.app.scenes import ControlsScene, Scene
from game.app.settings import CONFIG_DIR_VARIABLE, Settings, settings_path
from game.app.window import Window
from game.data import LEVELS
from game.data.bundle import PLAYER_ARCHETYPE, Bundle

FRAME_CAP = 144  # display frames a second at most (the fight runs at 60 ticks a second regardless)
NOTICE_SECONDS = 3.0
RECORDS_NOTICE_SECONDS = 7.0  # s: a broken records (or settings) file is said once, so long enough to read


class App:
    """Owns the window, the pacing loop, input devices, sound and the current scene."""

    def __init__(self, bundle: Bundle, seed: int, pose_sets: dict, window: Window, loop: FixedStepLoop,
                 audio, data_dir: Path | None = None, headless: bool = False,  # type: ignore[no-untyped-def]
                 levels_folder: Path = LEVELS, settings: Settings | None = None) -> None:
        self.bundle = bundle
        self.seed = seed
        self.pose_sets = pose_sets
        self.window = window
        self.loop = loop
        self.audio = audio
        self.data_dir = data_dir
        self.headless = headless
        self.shelf = LevelShelf(levels_folder)  # the levels on offer, loaded and pictured once per save
        self.fonts = ui.Fonts()
        self.hands = Hands()
        self.gamepads = Gamepads()
        self.notices: list[ui.Notice] = []
        self.saved_replays: list[Path] = []
        self.show_controls = False
        self.running = True
        self.scene: Scene = Scene()
        self.device = KEYBOARD  # the last device that sent input: "keyboard" or a pad family ("playstation")
        self._records: Records | None = None
        self._frame_clock = pygame.time.Clock()
        self.settings = settings if settings is not None else self._load_settings()
        self.apply_settings()

    # --- settings ------------------------------------------------------------------------------

    def _load_settings(self) -> Settings:
        """The player's settings; a headless run without BALLERINA_CONFIG_DIR keeps the defaults in memory
        (a test or a demo must never read or write the player's own file). A broken file is said once."""
        if self.headless and not os.environ.get(CONFIG_DIR_VARIABLE):
            return Settings()
        settings = Settings.load(settings_path())
        if settings.problem is not None:
            problems = settings.problem.problems
            reason = str(problems[0]) if problems else str(settings.problem)
            self.notify(f"settings not loaded ({reason[:70]}): using the defaults, the old file is kept aside",
                        RECORDS_NOTICE_SECONDS, ui.WARNING)
        return settings

    def apply_settings(self) -> None:
        """Give the settings to the hands, the sound and the window (at start and after a reset)."""
        settings = self.settings
        self.hands.bindings = settings.bindings()
        self.audio.set_volumes(settings.master_volume, settings.music_volume, settings.effects_volume)
        if settings.window_scale != self.window.scale:
            self.window.set_scale(settings.window_scale)
        if settings.fullscreen != self.window.fullscreen:
            self.window.toggle_fullscreen()
            settings.fullscreen = self.window.fullscreen  # a display without fullscreen stays windowed

    def save_settings(self) -> bool:
        """Write the settings file; a failure is said on screen (the settings still hold for this session)."""
        try:
            self.settings.save()
        except OSError as error:
            self.notify(f"settings not saved: {error.strerror or error}", RECORDS_NOTICE_SECONDS, ui.WARNING)
            return False
        if self.settings.kept_broken is not None and self.settings.problem is not None:
            self.notify(f"the broken settings file was kept as {self.settings.kept_broken.name}")
            self.settings.problem = None  # said once; the file on disk is good now
        return True

    def hint(self, canvas: pygame.Surface, words: str) -> None:
        """The corner hint in the terms of the device in use (keys, or the buttons of the pad in hand)."""
        ui.corner_hint(canvas, self.fonts, hint_for(words, self.device))

    def control_lines(self) -> list[tuple[str, str, str]]:
        """The F1 card's rows from the live bindings, pad buttons named for the pad in use."""
        return control_lines(self.settings.keys, self.settings.pad, self.device)

    # --- what scenes ask of the app ----------------------------------------------------------

    def now(self) -> float:
        """App time in seconds, from the loop's clock (a fake one in headless runs)."""
        return self.loop.time_source()

    def notify(self, words: str, seconds: float = NOTICE_SECONDS, colour: tuple[int, int, int] = ui.PALE_GOLD) -> None:
        """Show a message at the bottom of the screen for a few seconds."""
        self.notices.append(ui.Notice(words, self.now() + seconds, colour))
        del self.notices[:-3]

    def records(self) -> Records:
        """The best results of every level, loaded on first use; a file that does not load is said once."""
        if self._records is None:
            self._records = Records.load(records_path(self.data_dir))
            problem = self._records.problem
            if problem is not None:
                reason = str(problem.problems[0]) if problem.problems else str(problem)
                self.notify(f"records not loaded ({reason[:70]}): starting afresh, the old file is kept aside",
                            RECORDS_NOTICE_SECONDS, ui.WARNING)
        return self._records

    def new_fight(self) -> Fight:
        return Fight(self.bundle, self.seed, self.pose_sets)

    def demo_fight(self) -> tuple[Fight, DemoDancer]:
        """A fight and the demo dancer who performs it (title backdrop, headless runs)."""
        return Fight(self.bundle, self.seed, self.pose_sets, recorded=False), DemoDancer(self.bundle, self.seed)

    # --- the loop ----------------------------------------------------------------------------

    def switch(self, scene: Scene) -> None:
        """Put `scene` on stage if it is a new one."""
        if scene is not self.scene:
            previous, self.scene = self.scene, scene
            scene.enter(self, previous)

    def dispatch(self, event: pygame.event.Event) -> None:
        """Give one event to the app-wide keys, the hands and the scene."""
        self.hands.feel(event)
        self._note_device(event)
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
        elif kind in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.window.resized()
        elif kind == pygame.WINDOWFOCUSLOST:
            self.hands.release_all()
        elif kind in (pygame.CONTROLLERDEVICEADDED, pygame.CONTROLLERDEVICEREMOVED):
            self._hot_plug(event)
        elif kind == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.window.toggle_fullscreen()
            self.settings.fullscreen = self.window.fullscreen
            self.save_settings()
        elif self._is_card_key(event):
            self.show_controls = not self.show_controls
        elif self.show_controls and self._closes_card(event):
            self.show_controls = False
        else:
            self.switch(self.scene.handle(event, self))

    @staticmethod
    def _is_card_key(event: pygame.event.Event) -> bool:
        """F1, or the pad's Back (View, Share, −): the controls card."""
        if event.type == pygame.KEYDOWN:
            return event.key == pygame.K_F1
        return event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_BACK

    @staticmethod
    def _closes_card(event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            return event.key == pygame.K_ESCAPE
        return event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_B

    def _note_device(self, event: pygame.event.Event) -> None:
        """The last device that sent input decides which glyphs the hints and cards show."""
        device = device_of(event)
        if device == KEYBOARD:
            self.device = KEYBOARD
        elif device is not None:
            self.device = self.gamepads.family(getattr(event, "instance_id", None))

    def _hot_plug(self, event: pygame.event.Event) -> None:
        change = self.gamepads.notice(event)
        if change == "added":
            self.notify(f"gamepad connected: {list(self.gamepads.names.values())[-1]}")
        elif change == "removed":
            self.hands.release_all()
            self.switch(self.scene.pad_removed(self))

    def frame(self, show: bool = True) -> None:
        """One display frame: events, the ticks that are due, then (unless `show` is False) drawing."""
        for event in pygame.event.get():
            self.dispatch(event)
            if not self.running:
                return
        self.loop.speed = self.scene.time_scale  # slow motion: fewer ticks per second
        for _ in range(self.loop.due_steps()):
            self.switch(self.scene.tick(self))
            if not self.running:
                return
        if not show:
            return
        self.draw()
        self.window.present()
        if not self.headless:
            self._frame_clock.tick(FRAME_CAP)

    def move_list(self) -> list[tuple[str, str]]:
        """The ballerina's moves and their keys (or pad buttons, on a pad), for the F1 card."""
        archetype = self.bundle.archetypes.get(PLAYER_ARCHETYPE)
        if not archetype or not archetype.moves:
            return []
        return move_lines(archetype.moves.moves, action_labels(self.device, self.settings.keys, self.settings.pad))

    def draw(self) -> None:
        canvas = self.window.canvas
        self.scene.draw(canvas, self)
        if self.show_controls and not isinstance(self.scene, ControlsScene):
            ui.controls_card(canvas, self.fonts, self.move_list(), self.control_lines(), self.device != KEYBOARD)
        now = self.now()
        self.notices = [n for n in self.notices if n.until > now]
        for row, notice in enumerate(reversed(self.notices)):
            notice.draw(canvas, self.fonts, now, row)

    def run(self, scene: Scene) -> None:
        """Show frames until the player quits."""
        self.switch(scene)
        self.loop.restart()
        while self.running:
            self.frame()
