"""Level select and hot reload: every file of the levels folder is offered (a broken one with its problem,
never started); saving the level being played reloads it around the ballerina; a bad save is shown on
screen while the last good version keeps running; the HUD announces waves and the win."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pygame
import pytest
from helpers import headless_app

from game.app.app import App
from game.app.catalogue import PREVIEW_SIZE, LevelShelf
from game.app.fight import Fight
from game.app.reload import POLL_SECONDS
from game.app.scenes import PlayScene, TitleScene
from game.app.select import LevelSelectScene
from game.data.bundle import load_bundle
from game.sim.world import DT

# A small level with no lights, so building its view costs little.
STUDIO = '''name = "{name}"
description = "A bare room to rehearse in."
size = [1600, 700]
spawn = [300, 0]

[[platforms]]
rect = [-100, -100, 1800, 100]

[[actors]]
archetype = "training_dummy"
at = [1200, 0]

[goal]
kind = "practice"
'''
BROKEN = '''name = "Broken Hall"
size = [1600, 700]
[[platforms]]
rect = [-100, -100, 1800, 100]
[[actors]]
archetype = "trainig_dummy"
at = [1200, 0]
[goal]
kind = "practice"
'''


def key(code: int, kind: int = pygame.KEYDOWN) -> pygame.event.Event:
    return pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0)


def blank_picture(bundle) -> pygame.Surface:  # type: ignore[no-untyped-def]
    return pygame.Surface(PREVIEW_SIZE)


def save(path: Path, text: str) -> None:
    """Write a level file and move its modification time on, as a later save by an editor would."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    levels = tmp_path / "levels"
    levels.mkdir()
    save(levels / "a_studio.toml", STUDIO.format(name="The Studio"))
    save(levels / "b_broken.toml", BROKEN)
    return levels


@pytest.fixture
def app(tmp_path: Path, folder: Path):
    """A headless app with a fake clock whose level select lists `folder` (pictures stubbed)."""
    with headless_app(load_bundle(folder / "a_studio.toml"), tmp_path) as program:
        program.shelf = LevelShelf(folder, painter=blank_picture)
        yield program


def run_frames(app: App, frames: int, show: bool = False) -> None:
    """`frames` display frames 1/60 s apart on the fake clock; drawn only when `show` (drawing is slow)."""
    for _ in range(frames):
        app.clock.advance(DT)
        app.frame(show)


def open_select(app: App) -> LevelSelectScene:
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_RETURN))  # "Press Enter"
    for _ in range(app.scene.items.index("Levels")):
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))  # Levels
    assert isinstance(app.scene, LevelSelectScene)
    return app.scene


# --- level select ---------------------------------------------------------------------------------

def test_level_select_lists_every_file_and_a_new_one_appears_without_code(app: App, folder: Path) -> None:
    select = open_select(app)
    assert [e.path.name for e in select.entries] == ["a_studio.toml", "b_broken.toml"]
    assert select.entries[0].name == "The Studio"
    assert select.entries[0].description == "A bare room to rehearse in."
    save(folder / "c_new.toml", STUDIO.format(name="A Designer's New Room"))
    run_frames(app, 62, show=True)  # the folder is read again about once a second; a picture a frame
    assert [e.name for e in select.entries][-1] == "A Designer's New Room"
    app.shelf.wait()
    assert app.shelf.picture(select.entries[0]) is not None  # painted on a worker while the screen shows


def test_a_broken_level_shows_its_problem_and_cannot_be_started(app: App) -> None:
    select = open_select(app)
    broken = select.entries[1]
    assert not broken.playable
    assert broken.error_lines()[0].startswith("actors[0].archetype: unknown fighter 'trainig_dummy'")
    app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert app.scene is select  # not started
    assert any("b_broken.toml does not load" in notice.words for notice in app.notices)
    run_frames(app, 2, show=True)  # the card with the problem draws


def test_enter_starts_the_chosen_level_and_escape_goes_back(app: App, folder: Path) -> None:
    select = open_select(app)
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.scene, TitleScene)
    app.switch(select)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, PlayScene)
    assert app.scene.fight.bundle.level_path == folder / "a_studio.toml"


def test_a_preview_is_the_level_drawn_small_and_is_painted_again_only_after_a_save(folder: Path) -> None:
    pygame.init()
    shelf = LevelShelf(folder)
    shelf.scan()
    assert shelf.paint_next([0, 1])
    picture = shelf.picture(shelf.entries[0])
    assert picture is not None and picture.get_size() == PREVIEW_SIZE
    width, height = PREVIEW_SIZE
    colours = {tuple(picture.get_at((x, y))) for x in range(0, width, 8) for y in range(0, height, 8)}
    assert len(colours) > 10  # a picture, not a blank card
    assert not shelf.paint_next([0, 1])  # kept; the broken file has none to paint
    save(folder / "a_studio.toml", STUDIO.format(name="The Studio, repainted"))
    shelf.scan()
    assert shelf.picture(shelf.entries[0]) is None
    pygame.quit()


def test_a_level_the_renderer_cannot_draw_is_listed_with_the_error_instead(folder: Path) -> None:
    def failing(bundle) -> pygame.Surface:  # type: ignore[no-untyped-def]
        raise ValueError("no painter for this")

    shelf = LevelShelf(folder, painter=failing)
    shelf.scan()
    shelf.paint_next([0])
    assert not shelf.entries[0].playable
    assert "ValueError: no painter for this" in shelf.entries[0].error_lines()[0]


# --- hot reload -----------------------------------------------------------------------------------

def play(app: App, path: Path) -> PlayScene:
    bundle = load_bundle(path)
    scene = PlayScene(Fight(bundle, 0, bundle.pose_sets))
    app.switch(scene)
    return scene


def walk_right(app: App, ticks: int) -> None:
    app.dispatch(key(pygame.K_RIGHT))
    run_frames(app, ticks)
    app.dispatch(key(pygame.K_RIGHT, pygame.KEYUP))
    run_frames(app, 20)  # she stops


POLL_FRAMES = round(POLL_SECONDS / DT) + 1


def test_saving_the_level_reloads_it_within_the_poll_period_keeping_her_place(app: App, folder: Path) -> None:
    path = folder / "a_studio.toml"
    scene = play(app, path)
    walk_right(app, 40)
    her = scene.fight.world.player
    x, facing, old_fight = her.x, her.facing, scene.fight
    her.health -= 30
    save(path, STUDIO.format(name="The Studio, moved") + '\n[[props]]\nkind = "crate"\nat = [900, 0]\n')
    run_frames(app, POLL_FRAMES)
    assert scene.fight is not old_fight
    world = scene.fight.world
    assert world.level.name == "The Studio, moved"
    assert len(world.props) == 1  # props as the new file says
    assert world.player.x == pytest.approx(x, abs=2.0)
    assert world.player.facing == facing and world.player.health == her.health
    assert any(notice.words.startswith("level reloaded") for notice in app.notices)
    assert scene.fight.recorder is None  # a replay starts at the spawn: this fight cannot be one
    app.dispatch(key(pygame.K_F9))
    assert any("the level was reloaded" in notice.words for notice in app.notices)


def test_a_broken_save_is_shown_the_old_level_runs_on_and_fixing_it_reloads(app: App, folder: Path) -> None:
    path = folder / "a_studio.toml"
    scene = play(app, path)
    fight = scene.fight
    save(path, STUDIO.format(name="Typo") + "\n[[waves]]\nname = 1\n")
    run_frames(app, POLL_FRAMES)
    error = scene.overlay.error
    assert error is not None and error.file.endswith("a_studio.toml")
    assert len(error.problems) >= 2  # every problem, each with its key path
    assert all(problem.path.startswith("waves[0]") for problem in error.problems)
    tick = fight.world.tick
    run_frames(app, 30)
    assert scene.fight is fight and fight.world.tick == tick + 30  # the last good version keeps running
    save(path, "name = [unclosed\n")
    run_frames(app, POLL_FRAMES)
    assert "a_studio.toml" in scene.overlay.error.file  # a syntax error is a problem on screen too
    run_frames(app, 1, show=True)  # the error card draws over the fight
    save(path, STUDIO.format(name="Fixed"))
    run_frames(app, POLL_FRAMES)
    assert scene.overlay.error is None
    assert scene.fight.world.level.name == "Fixed"


def test_the_demo_dancer_does_not_watch_files(app: App, folder: Path) -> None:
    bundle = load_bundle(folder / "a_studio.toml")
    scene = PlayScene(Fight(bundle, 0, bundle.pose_sets), source=lambda: None)
    assert not scene.watch


# --- waves and the win on screen ------------------------------------------------------------------

@dataclass(frozen=True)
class WaveStarted:
    tick: int
    index: int
    name: str


@dataclass(frozen=True)
class LevelWon:
    tick: int


def test_a_wave_is_announced_by_its_number_and_name_and_the_win_shows_a_card(app: App, folder: Path) -> None:
    scene = play(app, folder / "a_studio.toml")
    scene.overlay.react([WaveStarted(10, 1, "Ushers")], [], app.now())
    assert scene.overlay.banner is not None and scene.overlay.banner.title == "Wave 2 — Ushers"
    run_frames(app, 2)
    scene.overlay.react([LevelWon(12)], [], app.now())
    assert scene.overlay.won
    run_frames(app, 2, show=True)
    app.dispatch(key(pygame.K_RETURN))  # the results card (game/app/results.py), then the level select
    run_frames(app, 60)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, LevelSelectScene)
