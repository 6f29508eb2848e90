"""The story: a difficulty, then Act I (the Opera House), its results, Act II (the Neon Alley), its
results, and the curtain call; and the screen she sees when she falls ("The curtain falls").

Title -> Difficulty -> Act card -> Play -> Results -> Act card -> Play -> Results -> Curtain call -> Title.
When she is knocked out: Play -> The curtain falls -> Retry from checkpoint (the same fight, back at the
last wave's arrival) / Restart level / Quit to title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import BACK, CONFIRM, PAUSE, menu_intent
from game.app.fight import Fight
from game.app.overlay import curtain, falling
from game.app.results import RANK_COLOURS, clock_text
from game.app.scenes import MenuScene, PlayScene, Scene, TitleScene, vignette
from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.errors import DataError
from game.scripting.scorecard import Figures
from game.sim.difficulty import DEFAULT_DIFFICULTY, DIFFICULTIES

if TYPE_CHECKING:
    from game.app.app import App

CURTAIN_SECONDS = 1.1  # s the curtain takes to fall
ROMAN = ("I", "II", "III", "IV", "V")


@dataclass(frozen=True, slots=True)
class Act:
    """One chapter of the story: a level file and what the act card says before it."""

    level: str  # file stem in levels/
    name: str
    line: str  # one sentence under the act's name


ACTS = (
    Act("opera_house", "The Opera House", "One dancer too many tonight, and the Director wants her gone."),
    Act("neon_alley", "The Neon Alley", "The gang that hired him rules the alley. She follows the neon."),
)

DIFFICULTY_LINES = {
    "easy": "Enemies take turns one at a time, react slowly and hit softly.",
    "normal": "Two attack at once. The fight as it was choreographed.",
    "hard": "Three attack at once, quick to answer, and every blow lands harder.",
}


@dataclass(slots=True)
class StoryRun:
    """One playthrough of the story: its difficulty, the act being danced, and each act's figures."""

    difficulty: str = DEFAULT_DIFFICULTY
    act: int = 0
    results: list[tuple[Act, Figures]] = field(default_factory=list)
    levels = LEVELS  # where the acts' level files are (a test may point elsewhere)

    def begin(self, app: App) -> Scene:
        """The card of the current act, with its fight ready behind it (or the title if it cannot load)."""
        act = ACTS[self.act]
        try:
            bundle = load_bundle(self.levels / f"{act.level}.toml")
        except DataError as error:
            app.notify(f"{act.name} does not load: {error.problems[0] if error.problems else error}",
                       colour=ui.WARNING)
            return TitleScene(app)
        fight = Fight(bundle, app.seed, bundle.pose_sets, difficulty=self.difficulty)
        return ActCard(self, PlayScene(fight, story=self))

    def heading(self) -> str:
        """The results card's title for the current act: "Act I — The Opera House"."""
        return f"Act {ROMAN[self.act]} — {ACTS[self.act].name}"

    def finished(self, app: App, figures: Figures) -> Scene:
        """After an act's results: the next act, or the curtain call after the last."""
        self.results.append((ACTS[self.act], figures))
        self.act += 1
        if self.act < len(ACTS):
            return self.begin(app)
        return CurtainCall(self)


class DifficultyScene(MenuScene):
    """Before the story: Easy, Normal or Hard, each with a line saying what it changes."""

    items = ("Easy", "Normal", "Hard")

    def __init__(self, under: Scene) -> None:
        super().__init__()
        self.under = under
        self.chosen = self.items.index(DEFAULT_DIFFICULTY.capitalize())

    def choose(self, item: str, app: App) -> Scene:
        name = item.lower()
        assert name in DIFFICULTIES
        return StoryRun(difficulty=name).begin(app)

    def back(self, app: App) -> Scene:
        return self.under

    def tick(self, app: App) -> Scene:
        self.under.tick(app)  # the title's dancer rehearses on behind the card
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        if isinstance(self.under, TitleScene):
            self.under.draw_backdrop(canvas)
        else:
            canvas.fill(ui.INK)
        width = canvas.get_width()
        ui.text(canvas, app.fonts.heading, "Story", ui.GOLD, (width / 2, 150), "center")
        ui.rule(canvas, width / 2, 192, 160)
        ui.text(canvas, app.fonts.body, "How hard should the night be?", ui.ASH, (width / 2, 226), "center")
        ui.band(canvas, 390, 250)
        ui.menu(canvas, app.fonts, list(self.items), self.chosen, width / 2, 320)
        line = DIFFICULTY_LINES.get(self.items[self.chosen].lower(), "")
        ui.text(canvas, app.fonts.body, line, ui.PALE_GOLD, (width / 2, 520), "center")
        app.hint(canvas, "Up Down  choose     Enter  begin     Esc  back")


class ActCard(Scene):
    """"Act I — The Opera House" over the level's first moment, until Enter raises the curtain."""

    def __init__(self, run: StoryRun, play: PlayScene) -> None:
        self.run = run
        self.play = play
        self.since = 0.0

    def enter(self, app: App, previous: Scene | None) -> None:
        self.since = app.now()
        app.audio.stop_music()

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        intent = menu_intent(event)
        if intent == CONFIRM:
            app.audio.play_ui("confirm")
            return self.play
        if intent in (BACK, PAUSE):
            app.audio.play_ui("back")
            return TitleScene(app)
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        fight = self.play.fight
        fight.view.show_hud = False
        fight.view.draw(canvas, fight.world)
        fight.view.show_hud = True
        ui.veil(canvas, 150)
        vignette(canvas)
        parting = falling((app.now() - self.since) / (2 * CURTAIN_SECONDS))
        curtain(canvas, 1.0 - 0.22 * parting)  # the curtain parts a little on the scene to come
        act = ACTS[self.run.act]
        width = canvas.get_width()
        rect = pygame.Rect(0, 0, 760, 270)
        rect.center = (width // 2, 370)
        ui.panel(canvas, rect, 200)
        ui.spaced(canvas, app.fonts.body, f"ACT {ROMAN[self.run.act]}", ui.PALE_GOLD, (width / 2, rect.top + 46), 8)
        ui.text(canvas, app.fonts.heading, act.name, ui.GOLD, (width / 2, rect.top + 110), "center")
        ui.rule(canvas, width / 2, rect.top + 152, 180)
        for row, line in enumerate(ui.wrap(app.fonts.body, act.line, rect.width - 80, 2)):
            ui.text(canvas, app.fonts.body, line, ui.ASH, (width / 2, rect.top + 184 + row * 30), "center")
        ui.text(canvas, app.fonts.small, self.run.difficulty.upper(), ui.DIM, (width / 2, rect.bottom - 24),
                "center", shadow=False)
        ui.text(canvas, app.fonts.menu, "Press Enter", ui.PALE_GOLD, (width / 2, 620), "center",
                alpha=ui.pulse(app.now()))


class CurtainScene(MenuScene):
    """She is down: the velvet curtain falls over the fight. Retry from the checkpoint, restart, or quit."""

    items = ("Retry from checkpoint", "Restart level", "Quit to title")

    def __init__(self, play: PlayScene) -> None:
        super().__init__()
        self.play = play
        self.since = 0.0

    def enter(self, app: App, previous: Scene | None) -> None:
        self.since = app.now()
        app.audio.stop_music()
        app.hands.release_all()

    def choose(self, item: str, app: App) -> Scene:
        play = self.play
        if item == "Retry from checkpoint":
            play.fight.retry()
            play.retried(app)
            return play
        if item == "Restart level":
            return PlayScene(play.fight.again(), play.source, play.watch, play.story, play.judged)
        return TitleScene(app)

    def checkpoint_words(self) -> str:
        checkpoint = self.play.fight.checkpoint
        if checkpoint.wave < 0:
            return "from the start of the level"
        return f"from wave {checkpoint.wave + 1}" + (f" — {checkpoint.name}" if checkpoint.name else "")

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        fight = self.play.fight
        fight.view.draw(canvas, fight.world)
        ui.veil(canvas, 120)
        progress = (app.now() - self.since) / CURTAIN_SECONDS
        curtain(canvas, falling(progress))
        ui.veil(canvas, int(110 * min(1.0, max(0.0, progress))))  # the house lights go down on it
        vignette(canvas)
        if progress < 0.6:
            return
        alpha = int(255 * min(1.0, (progress - 0.6) / 0.4))
        width = canvas.get_width()
        rect = pygame.Rect(0, 0, 580, 410)
        rect.center = (width // 2, 400)
        ui.panel(canvas, rect, int(215 * alpha / 255))
        ui.text(canvas, app.fonts.heading, "The curtain falls", ui.GOLD, (width / 2, rect.top + 56), "center",
                alpha=alpha)
        ui.rule(canvas, width / 2, rect.top + 98, 170)
        ui.menu(canvas, app.fonts, list(self.items), self.chosen, width / 2, rect.top + 156, gap=80)
        ui.text(canvas, app.fonts.small, self.checkpoint_words(), ui.ASH, (width / 2, rect.top + 188), "center",
                shadow=False)
        words = f"{fight.bundle.level.name}  ·  retries {fight.retries}" if fight.retries else fight.bundle.level.name
        ui.text(canvas, app.fonts.small, words, ui.DIM, (width / 2, rect.bottom - 28), "center", shadow=False)
        app.hint(canvas, "Up Down  choose     Enter  confirm")


class CurtainCall(Scene):
    """The end of the story: the curtain closed, each act's rank, and the bow. Any key returns to the title."""

    def __init__(self, run: StoryRun) -> None:
        self.run = run
        self.since = 0.0

    def enter(self, app: App, previous: Scene | None) -> None:
        self.since = app.now()
        app.audio.stop_music()

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if menu_intent(event) in (CONFIRM, BACK, PAUSE) and app.now() - self.since > 0.5:
            app.audio.play_ui("confirm")
            return TitleScene(app)
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        canvas.fill(ui.INK)
        curtain(canvas, 1.0)
        vignette(canvas)
        width = canvas.get_width()
        ui.spaced(canvas, app.fonts.title, "FIN", ui.GOLD, (width / 2, 230), 24)
        ui.rule(canvas, width / 2, 318, 220)
        ui.text(canvas, app.fonts.body, "the ballerina takes her bow", ui.PALE_GOLD, (width / 2, 348), "center")
        total = sum(figures.ticks for _, figures in self.run.results)
        for row, (act, figures) in enumerate(self.run.results):
            y = 420 + row * 56
            ui.text(canvas, app.fonts.menu, act.name, ui.PALE_GOLD, (width / 2 - 40, y), "midright")
            ui.text(canvas, app.fonts.menu, figures.rank, RANK_COLOURS.get(figures.rank, ui.GOLD),
                    (width / 2 + 40, y), "midleft")
            ui.text(canvas, app.fonts.small, clock_text(figures.ticks), ui.ASH, (width / 2 + 90, y + 4), "midleft",
                    shadow=False)
        bottom = 420 + len(self.run.results) * 56 + 10
        ui.text(canvas, app.fonts.small, f"{self.run.difficulty.upper()}  ·  {clock_text(total)} in all", ui.ASH,
                (width / 2, bottom), "center", shadow=False)
        ui.text(canvas, app.fonts.menu, "Press Enter", ui.PALE_GOLD, (width / 2, 640), "center",
                alpha=ui.pulse(app.now()))

