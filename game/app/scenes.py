"""The screens of the program as a small state machine: each scene handles an event or a tick and
returns the scene that follows (itself, most of the time).

Title -> Story (game/app/story.py) or Levels (game/app/select.py) -> Play -> Pause -> Play or Title;
Play -> Results (game/app/results.py) when the level is won, -> The curtain falls when she is knocked out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import BACK, CONFIRM, DOWN, PAUSE, UP, menu_intent
from game.app.fight import Fight, save_fight
from game.app.overlay import PlayOverlay
from game.app.practice_meters import InputHistory
from game.app.practice_panels import draw_inputs
from game.app.reload import LevelWatcher, describe_failure
from game.app.slowmo import SlowMotion
from game.sim.world import DT

if TYPE_CHECKING:
    from game.app.app import App

SAVED_NOTICE_SECONDS = 4.0  # how long "replay saved: ..." stays on screen
FALL_TICKS = 100  # ticks the fight goes on after she is knocked out, before the curtain falls
WON_TICKS = 180  # ticks of "Level complete" before the results (Enter goes at once)


class Scene:
    """One screen: what it does with an event, with a tick of the fight's clock, and how it looks."""

    @property
    def time_scale(self) -> float:
        """Game seconds per real second, read by the app's loop each frame: below 1 is slow motion."""
        return 1.0

    def enter(self, app: App, previous: Scene | None) -> None:
        """Called once when the app switches to this scene."""

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        return self

    def tick(self, app: App) -> Scene:
        """One 1/60 s step of the game clock; scenes without a running fight ignore it."""
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        canvas.fill(ui.INK)

    def pad_removed(self, app: App) -> Scene:
        return self


class MenuScene(Scene):
    """A scene with a vertical menu moved with up/down and chosen with Enter (or the pad)."""

    items: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.chosen = 0

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        intent = menu_intent(event)
        if intent in (UP, DOWN):
            self.chosen = (self.chosen + (1 if intent == DOWN else -1)) % len(self.items)
            app.audio.play_ui("move")
        elif intent == CONFIRM:
            app.audio.play_ui("confirm")
            return self.choose(self.items[self.chosen], app)
        elif intent in (BACK, PAUSE):
            app.audio.play_ui("back")
            return self.back(app)
        return self

    def choose(self, item: str, app: App) -> Scene:
        return self

    def back(self, app: App) -> Scene:
        return self


class TitleScene(MenuScene):
    """The title: BALLERINA over the Academy at night, "Press Enter", then the menu."""

    items = ("Story", "Levels", "Practice in the Academy", "Choreography Lab", "Settings", "Controls", "Quit")

    def __init__(self, app: App) -> None:
        super().__init__()
        self.opened = False  # the menu shows after the first Enter
        self.backdrop = app.demo_fight()  # she rehearses alone behind the title
        self.backdrop[0].view.show_hud = False  # no health bars behind the name

    def enter(self, app: App, previous: Scene | None) -> None:
        app.audio.stop_music()

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if not self.opened:
            intent = menu_intent(event)
            if intent in (CONFIRM, PAUSE):
                self.opened = True
                app.audio.play_ui("confirm")
            elif intent == BACK:
                app.running = False
            return self
        return super().handle(event, app)

    def choose(self, item: str, app: App) -> Scene:
        if item == "Controls":
            return ControlsScene(self)
        if item == "Settings":
            from game.app.settings_scene import SettingsScene

            return SettingsScene(self)
        if item == "Quit":
            app.running = False
            return self
        if item == "Story":
            from game.app.story import DifficultyScene

            story = DifficultyScene(self)
            story.chosen = story.items.index(app.settings.difficulty.capitalize())  # the settings' default
            return story
        if item == "Levels":
            from game.app.select import LevelSelectScene

            return LevelSelectScene(app, self)
        if item == "Choreography Lab":
            from game.app.lab import LabScene

            return LabScene(app, self)
        from game.app.practice import PracticeScene  # "Practice in the Academy"

        return PracticeScene(app)

    def back(self, app: App) -> Scene:
        self.opened = False
        return self

    def tick(self, app: App) -> Scene:
        fight, dancer = self.backdrop
        fight.step(dancer.frame())
        return self

    def draw_backdrop(self, canvas: pygame.Surface) -> None:
        """She rehearses in the dark academy, under a veil and a spotlight."""
        fight, _ = self.backdrop
        fight.view.draw(canvas, fight.world)
        ui.veil(canvas, 200)
        vignette(canvas)

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.draw_backdrop(canvas)
        width = canvas.get_width()
        opened = self.opened
        name_y = 200 if opened else 230  # the name rises a little to make room for the menu
        ui.spaced(canvas, app.fonts.title, "BALLERINA", ui.GOLD, (width / 2, name_y), 18)
        ui.rule(canvas, width / 2, name_y + 92, 260)
        ui.text(canvas, app.fonts.body, "a noir fight choreography", ui.ASH, (width / 2, name_y + 120), "center")
        if opened:
            gap = min(54, 276 // max(1, len(self.items) - 1))  # px: the menu fits whatever helpers add
            top = 384 if len(self.items) > 5 else 450
            ui.band(canvas, top + gap * (len(self.items) - 1) / 2, gap * len(self.items) + 60)
            ui.menu(canvas, app.fonts, list(self.items), self.chosen, width / 2, top, gap)
        else:
            ui.band(canvas, 525, 230)
            ui.text(canvas, app.fonts.menu, "Press Enter", ui.PALE_GOLD, (width / 2, 500), "center",
                    alpha=ui.pulse(app.now()))
        app.hint(canvas, "F1  controls")


class ControlsScene(Scene):
    """The controls card on its own screen (from a menu); any back or confirm returns."""

    def __init__(self, under: Scene) -> None:
        self.under = under

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if menu_intent(event) in (BACK, CONFIRM, PAUSE):
            app.audio.play_ui("back")
            return self.under
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.under.draw(canvas, app)
        ui.controls_card(canvas, app.fonts, app.move_list(), app.control_lines(), app.device != "keyboard")


class PlayScene(Scene):
    """The fight: the player's hands (or the demo dancer) drive the ballerina one tick at a time.

    With the player's hands, the level's files are watched: a save reloads the level around her, and the
    fight is judged: when she is knocked out the curtain falls, when the level is won the results show.
    `story` is the playthrough this fight is an act of (None: a level chosen from the level select).
    """

    def __init__(self, fight: Fight, source=None, watch: bool | None = None,  # type: ignore[no-untyped-def]
                 story=None, judged: bool | None = None) -> None:
        self.fight = fight
        self.source = source  # a callable giving the next InputFrame; None: the player's hands
        self.watch = source is None if watch is None else watch  # the demo dancer plans on a fixed level
        self.story = story  # game.app.story.StoryRun or None
        self.judged = source is None if judged is None else judged  # a demo dancer's fall ends nothing
        self.watcher: LevelWatcher | None = None
        self.overlay = PlayOverlay()
        self.fallen_ticks = 0  # ticks since she was knocked out
        self.won_ticks = 0  # ticks since the level was won
        self.slowmo = SlowMotion()  # the coup de grâce and a wave's last blow play slowly
        self.inputs = InputHistory()  # what her hands did, for the input display (F4)
        self.show_inputs = False

    def enter(self, app: App, previous: Scene | None) -> None:
        app.hands.release_all()  # the Space or J that chose this in a menu must not jump or kick
        if self.watch and self.watcher is None:
            self.watcher = LevelWatcher(self.fight.bundle, app.now())
        if isinstance(previous, PauseScene) and previous.play is self:
            app.audio.pause_music(False)
        else:
            tempo = self.fight.world.level.tempo
            app.audio.start_music(tempo, self.fight.world.tick * DT, theme=self.fight.world.level.theme)
            self.fight.view.show_debug = app.settings.show_hitboxes  # the settings say what F3 starts as
            self.show_inputs = app.settings.show_input_display  # ... and F4

    def tick(self, app: App) -> Scene:
        if self.watcher is not None:
            self.look_for_saves(app)
        frame = self.source() if self.source is not None else app.hands.frame()
        events = self.fight.step(frame)
        self.inputs.feed(frame.held)
        app.audio.handle(events, self.fight.world, self.fight.view.camera)
        app.audio.sync_music(self.fight.world.tick, self.slowmo.speed)  # the waltz keeps the fight's beat
        self.overlay.react(events, self.fight.world.level.waves, app.now())
        self.slowmo.tick()
        self.slowmo.react(events, self.fight.world.player_id)
        return self.judge(app) if self.judged else self

    @property
    def time_scale(self) -> float:
        """Game seconds per real second: the app's loop reads it each frame."""
        return self.slowmo.speed

    def judge(self, app: App) -> Scene:
        """The level won: the results after a moment; she knocked out: the curtain after a moment."""
        fight = self.fight
        if fight.scorecard.won:
            self.won_ticks += 1
            return self.results() if self.won_ticks >= WON_TICKS else self
        if fight.fallen:
            self.fallen_ticks += 1
            if self.fallen_ticks >= FALL_TICKS:
                from game.app.story import CurtainScene

                return CurtainScene(self)
        return self

    def results(self) -> Scene:
        """The results card of this fight, then the story's next act or the level select."""
        from game.app.results import ResultsScene
        from game.app.select import LevelSelectScene

        if self.story is not None:
            return ResultsScene(self.fight, self.story.finished, self.story.heading())
        return ResultsScene(self.fight, lambda app, _: LevelSelectScene(app, TitleScene(app)))

    def retried(self, app: App) -> None:
        """Back from a checkpoint: the wave is announced again, and the replay is said to have stopped."""
        self.fallen_ticks = 0
        self.overlay.announce_checkpoint(self.fight.checkpoint, self.fight.world.level.waves, app.now())
        app.notify("back at the checkpoint  ·  replay recording stopped (Restart records)")

    def look_for_saves(self, app: App) -> None:
        """Hot reload: a good save rebuilds the fight around her; a bad one is shown, the old level goes on."""
        assert self.watcher is not None
        found = self.watcher.poll(app.now())
        if found is None:
            return
        self.overlay.error = found.error
        if found.bundle is None:
            app.audio.play_ui("back")
            return
        try:
            fight = self.fight.reloaded(found.bundle)
        except Exception as error:  # noqa: BLE001 - a level the sim cannot build must not end the dance
            self.overlay.error = self.watcher.error = describe_failure(found.bundle.level_path, error)
            return
        tempo_changed = fight.world.level.tempo != self.fight.world.level.tempo
        self.fight = fight
        self.overlay.won = False
        if tempo_changed:
            app.audio.start_music(fight.world.level.tempo, 0.0, theme=fight.world.level.theme)
        app.notify(f"level reloaded: {fight.bundle.level_path.name}  ·  replay recording stopped (Restart records)")

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE or menu_intent(event) == PAUSE:
            app.audio.play_ui("back")
            return PauseScene(self)
        if self.overlay.won and menu_intent(event) == CONFIRM and self.judged:
            app.audio.play_ui("confirm")
            return self.results()
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F3:
                self.fight.view.show_debug = not self.fight.view.show_debug
            elif event.key == pygame.K_F4:
                self.show_inputs = not self.show_inputs
            elif event.key == pygame.K_F9:
                self.save(app)
        return self

    def save(self, app: App) -> None:
        """F9: keep the fight so far as a replay file and say where (or why not)."""
        try:
            path = save_fight(self.fight, app.data_dir)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            app.notify(f"replay not saved: {reason}", SAVED_NOTICE_SECONDS, ui.WARNING)
            return
        app.notify(f"replay saved: {path}", SAVED_NOTICE_SECONDS)
        app.saved_replays.append(path)

    def pad_removed(self, app: App) -> Scene:
        app.notify("gamepad unplugged: paused", SAVED_NOTICE_SECONDS, ui.WARNING)
        return PauseScene(self)

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.fight.view.draw(canvas, self.fight.world)
        if self.show_inputs:
            draw_inputs(canvas, app.fonts, self.inputs)
        self.overlay.draw(canvas, app.fonts, app.now(), self.fight.bundle.level.name)
        app.hint(canvas, "F1  controls     Esc  pause     F9  save replay")


class PauseScene(MenuScene):
    """The fight held still under a veil: resume, restart, settings, controls, or back to the title."""

    items = ("Resume", "Restart", "Settings", "Controls", "Quit to title")

    def __init__(self, play: PlayScene) -> None:
        super().__init__()
        self.play = play

    def enter(self, app: App, previous: Scene | None) -> None:
        if previous is self.play:
            app.audio.pause_music(True)
            app.hands.release_all()

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_F3, pygame.K_F9):
            self.play.handle(event, app)
            return self
        return super().handle(event, app)

    def choose(self, item: str, app: App) -> Scene:
        if item == "Resume":
            return self.play
        if item == "Restart":
            play = self.play
            return PlayScene(play.fight.again(), play.source, play.watch, play.story, play.judged)
        if item == "Controls":
            return ControlsScene(self)
        if item == "Settings":
            from game.app.settings_scene import SettingsScene

            return SettingsScene(self)
        return TitleScene(app)

    def back(self, app: App) -> Scene:
        return self.play

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.play.fight.view.draw(canvas, self.play.fight.world)
        ui.veil(canvas, 170)
        app.hint(canvas, "F1  controls     Esc  resume")
        rect = pygame.Rect(0, 0, 460, 430)
        rect.center = (canvas.get_width() // 2, canvas.get_height() // 2)
        ui.panel(canvas, rect)
        ui.text(canvas, app.fonts.heading, "Paused", ui.GOLD, (rect.centerx, rect.top + 56), "center")
        ui.rule(canvas, rect.centerx, rect.top + 96, 140)
        ui.menu(canvas, app.fonts, list(self.items), self.chosen, rect.centerx, rect.top + 150)
        world = self.play.fight.world
        ui.text(canvas, app.fonts.small, f"{self.play.fight.bundle.level.name}  ·  {world.tick * DT:.1f} s",
                ui.DIM, (rect.centerx, rect.bottom - 26), "center", shadow=False)


def vignette(canvas: pygame.Surface) -> None:
    """Darken the edges and pool a warm spotlight in the middle, like a stage before the curtain."""
    light, shade = ui.stage_light(canvas.get_size())
    canvas.blit(shade, (0, 0), special_flags=pygame.BLEND_MULT)
    canvas.blit(light, (0, 0), special_flags=pygame.BLEND_ADD)
