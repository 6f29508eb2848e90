"""The gallery's screens: the program driven headless the way the tests drive it (an App on a fake clock,
key events dispatched, scenes switched by what they return), and a picture taken of each screen.

The takes run in one walk through the game: the title, its menu and the cards it opens, the story from
its difficulty through both acts (each act's card, its fight, pause, the curtain, its results) to the
curtain call, a fight in the Academy, practice with every overlay on, and the choreography lab. Records
and saved combos go to a temporary folder; the player's own folders are never touched.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pygame

from game.data import LEVELS

APPROACH_GAP = 110.0  # px: she walks right until an opponent is this near
BOSS_LEAD_IN = 250.0  # px before the boss wave's trigger where she is put on stage
APPROACH_TICKS = 900  # ticks of walking at most (15 s)
PHRASE = ((pygame.K_j, 14), (pygame.K_j, 14), (pygame.K_k, 26), (pygame.K_l, 34))  # key, ticks after the press
SETTINGS_MODULE = "game.app.settings_scene"  # another part's work: shown when it is there


class WalkOver(Exception):
    """Raised when the pictures asked for have all been taken (a limited gallery)."""


class Photographer:
    """A headless App on a fake clock, and the means to press keys, let time pass and take pictures."""

    def __init__(self, folder: Path, scratch: Path, limit: int | None = None) -> None:
        from game.app.app import App
        from game.app.loop import FakeClock, FixedStepLoop
        from game.app.window import Window
        from game.audio import AudioSystem
        from game.data.bundle import load_bundle

        pygame.init()
        self.folder = folder
        self.scratch = scratch
        self.clock = FakeClock()
        bundle = load_bundle(LEVELS / "academy.toml")
        self.app = App(bundle, 0, bundle.pose_sets, Window(), FixedStepLoop(self.clock), AudioSystem(), scratch, True)
        self.taken: list = []  # game.gallery.Picture
        self.limit = limit  # pictures to take at most (None: all)

    @property
    def scene(self):  # type: ignore[no-untyped-def]
        return self.app.scene

    def run(self, frames: int) -> None:
        """Let `frames` display frames of 1/60 s pass, nothing drawn."""
        from game.sim.world import DT

        for _ in range(frames):
            self.clock.advance(DT)
            self.app.frame(show=False)

    def key(self, code: int, up: bool = False) -> None:
        kind = pygame.KEYUP if up else pygame.KEYDOWN
        self.app.dispatch(pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0))

    def press(self, code: int, frames: int = 2) -> None:
        """Hold a key for `frames` frames, then let go."""
        self.key(code)
        self.run(frames)
        self.key(code, up=True)

    def choose(self, item: str) -> None:
        """In the menu on stage, walk to `item` and confirm it."""
        menu = self.scene
        steps = (menu.items.index(item) - menu.chosen) % len(menu.items)
        for _ in range(steps):
            self.key(pygame.K_DOWN)
        self.key(pygame.K_RETURN)

    def shoot(self, name: str, caption: str) -> None:
        """Draw the app's frame as the player would see it and keep it as screens/<name>.png."""
        from game.gallery import Picture

        self.app.draw()
        path = Path("screens") / f"{name}.png"
        (self.folder / path).parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.app.window.canvas, str(self.folder / path))
        self.taken.append(Picture(path.as_posix(), "screens", caption))
        if self.limit is not None and len(self.taken) >= self.limit:
            raise WalkOver

    def fight_a_little(self) -> None:
        """In a fight: walk right until someone is near, then dance a short phrase at them."""
        play = self.scene
        world = play.fight.world
        self.key(pygame.K_RIGHT)
        for _ in range(APPROACH_TICKS):
            her = world.player
            near = [f for f in world.fighters if f.team != her.team and f.state != "ko"
                    and abs(f.x - her.x) < APPROACH_GAP]
            if near:
                break
            self.run(1)
        self.key(pygame.K_RIGHT, up=True)
        for code, after in PHRASE:
            self.press(code)
            self.run(after)


# --- the takes, in the order of one walk through the game ------------------------------------------

def title_closed(shots: Photographer) -> None:
    from game.app.scenes import TitleScene

    shots.app.switch(TitleScene(shots.app))
    shots.run(150)  # she rehearses a phrase behind the name
    shots.shoot("title", "title")


def title_menu(shots: Photographer) -> None:
    shots.key(pygame.K_RETURN)
    shots.run(10)
    shots.shoot("title_menu", "title, menu open")


def controls_card(shots: Photographer) -> None:
    shots.choose("Controls")
    shots.shoot("controls", "controls card (F1, or Controls in a menu)")
    shots.key(pygame.K_ESCAPE)


def level_select(shots: Photographer) -> None:
    shots.choose("Levels")
    shots.app.draw()  # asks for the level pictures, painted on the shelf's worker
    shots.app.shelf.wait()
    shots.run(5)
    shots.shoot("level_select", "level select")


def academy_fight(shots: Photographer) -> None:
    entries = shots.scene.entries
    academy = next(i for i, e in enumerate(entries) if e.path.stem == "academy")
    for _ in range(academy):
        shots.key(pygame.K_DOWN)
    shots.key(pygame.K_RETURN)
    shots.fight_a_little()
    shots.shoot("fight_academy", "a fight in the Academy (the training dummy)")
    shots.key(pygame.K_ESCAPE)
    shots.choose("Quit to title")
    shots.key(pygame.K_RETURN)  # the title's "Press Enter"


def settings(shots: Photographer) -> None:
    """The settings page and its bindings page, when the settings screen is there (another part's work)."""
    from game.app.scenes import TitleScene

    if importlib.util.find_spec(SETTINGS_MODULE) is None:
        print(f"gallery: no settings screen yet ({SETTINGS_MODULE} is not there): skipped")
        return
    if "Settings" not in TitleScene.items:
        print("gallery: the title menu has no Settings item: the settings screen is skipped")
        return
    shots.choose("Settings")
    shots.run(10)
    shots.shoot("settings", "settings")
    pages = [i for i, row in enumerate(getattr(importlib.import_module(SETTINGS_MODULE), "ROWS", ()))
             if getattr(row, "kind", "") == "page"]
    if pages:
        for _ in range(pages[0] - getattr(shots.scene, "chosen", 0)):
            shots.key(pygame.K_DOWN)
        shots.key(pygame.K_RETURN)
        shots.run(10)
        shots.shoot("settings_bindings", "settings: keys and pad buttons")
        shots.key(pygame.K_ESCAPE)
    else:
        print("gallery: the settings screen has no page row: its bindings page is skipped")
    for _ in range(3):  # back out to the title's menu, whatever pages were opened
        if isinstance(shots.scene, TitleScene):
            break
        shots.key(pygame.K_ESCAPE)
    if not isinstance(shots.scene, TitleScene) or not shots.scene.opened:
        shots.app.switch(TitleScene(shots.app))
        shots.key(pygame.K_RETURN)


def story_difficulty(shots: Photographer) -> None:
    shots.choose("Story")
    shots.shoot("story_difficulty", "story: difficulty")


def act_one(shots: Photographer) -> None:
    shots.key(pygame.K_RETURN)  # Normal
    shots.run(90)  # the curtain parts a little
    shots.shoot("act_card_1", "act card: Act I, the Opera House")


def fight_opera_house(shots: Photographer) -> None:
    shots.key(pygame.K_RETURN)
    shots.fight_a_little()
    shots.shoot("fight_opera_house", "a fight in the Opera House (Act I)")


def pause(shots: Photographer) -> None:
    shots.key(pygame.K_ESCAPE)
    shots.run(5)
    shots.shoot("pause", "pause")
    shots.key(pygame.K_ESCAPE)


def curtain(shots: Photographer) -> None:
    from game.app.story import CURTAIN_SECONDS, CurtainScene

    play = shots.scene
    shots.app.switch(CurtainScene(play))
    shots.run(round(CURTAIN_SECONDS * 60) + 30)
    shots.shoot("curtain", "the curtain falls (defeat)")
    shots.app.switch(play)


def results_one(shots: Photographer) -> None:
    shots.app.switch(shots.scene.results())
    shots.run(120)  # every figure and the rank revealed
    shots.shoot("results_act_1", "results of Act I (the card of the fight so far, not a real win)")


def act_two(shots: Photographer) -> None:
    shots.key(pygame.K_RETURN)  # on to Act II
    shots.run(90)
    shots.shoot("act_card_2", "act card: Act II, the Neon Alley")


def fight_neon_alley(shots: Photographer) -> None:
    shots.key(pygame.K_RETURN)
    shots.fight_a_little()
    shots.shoot("fight_neon_alley", "a fight in the Neon Alley (Act II)")


def curtain_call(shots: Photographer) -> None:
    shots.app.switch(shots.scene.results())
    shots.run(120)
    shots.shoot("results_act_2", "results of Act II (the fight so far, not a real win)")
    shots.key(pygame.K_RETURN)  # the last act: the curtain call
    shots.run(60)
    shots.shoot("curtain_call", "curtain call (the end of the story)")


def boss_fight(shots: Photographer, level: str) -> None:
    """The level's boss wave alone, she put on stage just before it comes, and the fight begun."""
    from dataclasses import replace

    from game.app.fight import Fight
    from game.app.scenes import PlayScene
    from game.data.bundle import load_bundle

    bundle = load_bundle(LEVELS / f"{level}.toml")
    waves = [w for w in bundle.level.waves if any(e.boss for e in w.enemies)][-1:]
    boss = next(e for e in waves[0].enemies if e.boss)
    trigger = waves[0].trigger
    x = (trigger.x if trigger.kind == "reach" and trigger.x is not None else boss.at[0] - 400) - BOSS_LEAD_IN
    stage = bundle.level.model_copy(update={"waves": waves, "spawn": (x, bundle.level.spawn[1])})
    shots.app.switch(PlayScene(Fight(replace(bundle, level=stage), 0, bundle.pose_sets)))
    shots.fight_a_little()
    shots.shoot(f"boss_{level}", f"the boss of {bundle.level.name} (its last wave alone)")


def boss_opera_house(shots: Photographer) -> None:
    boss_fight(shots, "opera_house")


def boss_neon_alley(shots: Photographer) -> None:
    boss_fight(shots, "neon_alley")


def practice(shots: Photographer) -> None:
    from game.app.practice import PracticeScene

    scene = PracticeScene(shots.app)
    shots.app.switch(scene)
    for name in scene.shown:  # F2 graph, F4 inputs, F5 frame data: all on
        if not scene.shown[name]:
            shots.key({"graph": pygame.K_F2, "inputs": pygame.K_F4, "frames": pygame.K_F5}[name])
    if not scene.view.show_debug:
        shots.key(pygame.K_F3)  # hitboxes
    shots.key(pygame.K_RIGHT)
    for _ in range(300):
        if scene.partner.x - scene.player.x <= 70:
            break
        shots.run(1)
    shots.key(pygame.K_RIGHT, up=True)
    shots.run(20)
    for code, after in PHRASE[:3]:
        shots.press(code)
        shots.run(after - 8)
    shots.shoot("practice", "practice: graph (F2), hitboxes (F3), inputs (F4), frame data (F5)")


def lab(shots: Photographer) -> None:
    from game.app.lab import LabScene
    from game.app.scenes import TitleScene

    scene = LabScene(shots.app, TitleScene(shots.app), folder=shots.scratch / "combos")
    shots.app.switch(scene)
    shots.run(30)
    shots.shoot("lab_phrase", "choreography lab: the phrase and the repertoire")
    shots.key(pygame.K_RETURN)  # dance it; the stage has the keys
    shots.run(70)
    shots.key(pygame.K_SPACE)  # hold the playhead mid-phrase
    shots.shoot("lab_timeline", "choreography lab: the timeline, paused mid-phrase")


TAKES: tuple[Callable[[Photographer], None], ...] = (
    title_closed, title_menu, controls_card, level_select, academy_fight, settings, story_difficulty, act_one,
    fight_opera_house, pause, curtain, results_one, act_two, fight_neon_alley, curtain_call, boss_opera_house,
    boss_neon_alley, practice, lab,
)


def render_screens(folder: Path, limit: int | None = None) -> list:
    """Walk through the game taking every screen's picture into `folder`/screens; `limit`: the first pictures
    only. Returns the pictures taken (game.gallery.Picture)."""
    saved = {name: os.environ.get(name) for name in ("BALLERINA_DATA_DIR", "BALLERINA_CONFIG_DIR")}
    with tempfile.TemporaryDirectory(prefix="ballerina-gallery-") as scratch:
        for name in saved:  # records and settings of the walk stay in the scratch folder
            os.environ[name] = scratch
        shots = Photographer(folder, Path(scratch), limit)
        try:
            for take in TAKES:
                take(shots)
        except WalkOver:
            pass
        finally:
            shots.app.shelf.wait()
            pygame.quit()
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    return shots.taken
