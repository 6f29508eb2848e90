"""The desktop program: the real entry point runs headless, keys become buttons, the loop keeps 60 Hz on any
display, Esc pauses and resumes, F9 keeps a replay that plays out identically."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import headless_app

from game.app import watch_replay
from game.app.app import App
from game.app.controls import Hands, button_of_key, button_of_pad, menu_intent, stick_mask
from game.app.loop import FakeClock, FixedStepLoop
from game.app.practice import PracticeScene
from game.app.scenes import ControlsScene, PauseScene, PlayScene, TitleScene
from game.app.window import letterbox
from game.cli import main
from game.data import LEVELS
from game.data.bundle import load_bundle
from game.scripting.replay import load_replay, record_run, verify
from game.sim.inputs import Button, InputFrame
from game.sim.world import DT

ACADEMY = LEVELS / "academy.toml"


def key(code: int, kind: int = pygame.KEYDOWN) -> pygame.event.Event:
    return pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0)


def run_frames(app: App, frames: int) -> None:
    """Show `frames` display frames, 1/60 s apart on the app's fake clock."""
    for _ in range(frames):
        app.clock.advance(DT)
        app.frame()


@pytest.fixture
def app(tmp_path: Path):
    """A headless app on the Academy with a fake clock, silent sound and its data folder in tmp_path."""
    with headless_app(load_bundle(ACADEMY), tmp_path) as program:
        yield program


# --- the entry point ------------------------------------------------------------------------------

def test_headless_play_saves_a_screenshot_of_the_fight(tmp_path: Path) -> None:
    shot = tmp_path / "s.png"
    assert main(["play", "--ticks", "120", "--screenshot", str(shot)]) == 0
    pygame.init()
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)
    colours = {tuple(image.get_at((x, y))) for x in range(0, 1280, 8) for y in range(0, 720, 8)}
    assert len(colours) >= 3  # backdrop, floor and fighters at least: not a blank canvas
    pygame.quit()


def test_a_broken_level_is_one_error_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    broken = tmp_path / "broken_stage.toml"
    broken.write_text('name = "Broken"\nsize = [2400, 900\n')
    assert main(["play", "--level", str(broken), "--ticks", "10"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "broken_stage.toml" in err
    assert "Traceback" not in err


# --- controls -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("code", "button"),
    [(pygame.K_j, Button.LIGHT), (pygame.K_k, Button.HEAVY), (pygame.K_l, Button.SPIN),
     (pygame.K_SPACE, Button.JUMP), (pygame.K_LSHIFT, Button.DODGE), (pygame.K_SEMICOLON, Button.DODGE),
     (pygame.K_LEFT, Button.LEFT), (pygame.K_a, Button.LEFT), (pygame.K_RIGHT, Button.RIGHT),
     (pygame.K_d, Button.RIGHT), (pygame.K_UP, Button.UP), (pygame.K_w, Button.UP),
     (pygame.K_DOWN, Button.DOWN), (pygame.K_s, Button.DOWN)],
)
def test_each_key_holds_its_button(code: int, button: Button) -> None:
    assert button_of_key(code) == button


def test_held_keys_and_pad_make_one_input_frame_until_released() -> None:
    hands = Hands()
    hands.feel(key(pygame.K_j))
    hands.feel(key(pygame.K_RIGHT))
    hands.feel(pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A, instance_id=0))
    assert hands.frame() == InputFrame(Button.LIGHT | Button.RIGHT | Button.JUMP)
    hands.feel(key(pygame.K_j, pygame.KEYUP))
    assert hands.frame() == InputFrame(Button.RIGHT | Button.JUMP)
    hands.release_all()
    assert hands.frame() == InputFrame(0)


def test_pad_face_buttons_and_stick() -> None:
    assert button_of_pad(pygame.CONTROLLER_BUTTON_X) == Button.LIGHT
    assert button_of_pad(pygame.CONTROLLER_BUTTON_Y) == Button.HEAVY
    assert button_of_pad(pygame.CONTROLLER_BUTTON_B) == Button.SPIN
    assert button_of_pad(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER) == Button.DODGE
    assert stick_mask(0.1, -0.2) == 0  # inside the dead zone
    assert stick_mask(-0.9, 0.8) == Button.LEFT | Button.DOWN
    start = pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_START, instance_id=0)
    assert menu_intent(start) == "pause"


# --- pacing and the window ------------------------------------------------------------------------

@pytest.mark.parametrize("display_hz", [144, 30, 60, 75])
def test_one_second_is_sixty_ticks_at_any_display_rate(display_hz: int) -> None:
    clock = FakeClock(100.0)
    loop = FixedStepLoop(clock)
    ticks = 0
    for _ in range(display_hz):
        clock.advance(1.0 / display_hz)
        ticks += loop.due_steps()
    assert ticks == 60


def test_a_long_stall_is_not_caught_up_in_a_burst() -> None:
    clock = FakeClock()
    loop = FixedStepLoop(clock)
    clock.advance(3.0)  # the window was dragged for three seconds
    assert loop.due_steps() == 5
    clock.advance(1 / 60)
    assert loop.due_steps() == 1


def test_canvas_is_letterboxed_with_its_aspect_kept() -> None:
    assert letterbox((1920, 1080)) == pygame.Rect(0, 0, 1920, 1080)
    assert letterbox((1280, 1024)) == pygame.Rect(0, 152, 1280, 720)  # bars above and below
    assert letterbox((2000, 720)) == pygame.Rect(360, 0, 1280, 720)  # bars left and right


# --- scenes ---------------------------------------------------------------------------------------

def test_escape_pauses_the_fight_and_escape_again_resumes(app: App) -> None:
    play = PlayScene(app.new_fight())
    app.switch(play)
    run_frames(app, 30)
    tick = play.fight.world.tick
    assert tick == 30
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.scene, PauseScene)
    run_frames(app, 30)
    assert play.fight.world.tick == tick  # paused: no tick passes
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.scene is play


def test_unplugging_the_pad_in_play_pauses(app: App) -> None:
    play = PlayScene(app.new_fight())
    app.switch(play)
    app.switch(app.scene.pad_removed(app))
    assert isinstance(app.scene, PauseScene)


def test_title_enter_opens_the_menu_and_practice_starts_the_academy(app: App) -> None:
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_RETURN))  # "Press Enter"
    title = app.scene
    for _ in range(title.items.index("Controls")):  # counted, so a new menu item breaks nothing here
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))  # Controls
    assert isinstance(app.scene, ControlsScene)
    app.dispatch(key(pygame.K_ESCAPE))
    for _ in range(title.items.index("Controls") - title.items.index("Practice in the Academy")):
        app.dispatch(key(pygame.K_UP))
    app.dispatch(key(pygame.K_RETURN))  # Practice in the Academy
    assert isinstance(app.scene, PracticeScene)
    assert app.scene.world.level.name == "The Academy"


def test_the_key_that_chose_practice_does_not_make_her_jump(app: App) -> None:
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_SPACE))
    for _ in range(app.scene.items.index("Practice in the Academy")):  # past "Story" and "Levels"
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_SPACE))  # Space confirms in menus and is also the jump button
    assert isinstance(app.scene, PracticeScene)
    assert app.hands.frame() == InputFrame(0)


def test_f1_shows_and_hides_the_controls(app: App) -> None:
    app.switch(PlayScene(app.new_fight()))
    app.dispatch(key(pygame.K_F1))
    assert app.show_controls
    app.dispatch(key(pygame.K_F1))
    assert not app.show_controls


# --- replays --------------------------------------------------------------------------------------

def test_f9_saves_a_replay_that_plays_out_identically(app: App, tmp_path: Path) -> None:
    play = PlayScene(app.new_fight())
    app.switch(play)
    for code, seconds in ((pygame.K_RIGHT, 0.6), (pygame.K_j, 0.1), (pygame.K_l, 0.7)):
        app.dispatch(key(code))
        run_frames(app, round(seconds * 60))
        app.dispatch(key(code, pygame.KEYUP))
    app.dispatch(key(pygame.K_F9))
    saved = sorted((tmp_path / "replays").glob("academy-*.json"))
    assert len(saved) == 1 and app.saved_replays == saved
    replay = load_replay(saved[0])
    assert replay.tick_count == play.fight.world.tick == 84
    assert verify(replay).identical
    assert any("replay saved" in notice.words for notice in app.notices)


def test_f9_into_an_unwritable_folder_says_so_and_the_fight_goes_on(app: App, tmp_path: Path) -> None:
    (tmp_path / "replays").write_text("a file where the folder should be")
    play = PlayScene(app.new_fight())
    app.switch(play)
    app.dispatch(key(pygame.K_F9))
    assert app.scene is play
    assert any(notice.words.startswith("replay not saved") for notice in app.notices)


def test_watching_a_replay_headless_plays_it_through() -> None:
    frames = [InputFrame(Button.RIGHT)] * 20 + [InputFrame(Button.LIGHT)] * 3 + [InputFrame(0)] * 20
    replay = record_run(ACADEMY, 7, frames)
    assert watch_replay(replay, headless=True) == 0


def test_the_controls_card_lists_every_move_with_its_keys_from_the_data():
    from game.app.controls import move_lines
    from game.data.bundle import load_bundle

    moves = load_bundle(ACADEMY).archetypes["ballerina"].moves.moves
    lines = dict(move_lines(moves))
    assert len(lines) == len(moves)
    assert lines["Rond de jambe"] == "down + J"
    assert lines["Cabriole"] == "K  (air)"


def test_f4_shows_the_input_display_in_a_fight(app):
    from game.app.scenes import PlayScene

    scene = PlayScene(app.new_fight())
    app.switch(scene)
    assert not scene.show_inputs  # off by default in fights (the settings say so)
    app.dispatch(key(pygame.K_F4))
    assert scene.show_inputs
    app.dispatch(key(pygame.K_j))
    for _ in range(3):
        app.clock.advance(1 / 60)
        app.frame()
    assert scene.inputs.rows  # her presses are kept for the panel
