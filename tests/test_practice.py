"""Practice mode, driven headless through its keys: the partner's parts, record and playback, frame step,
slow motion, rewind, refill and reset, and every overlay drawn."""

from __future__ import annotations

from functools import lru_cache

import pygame
import pytest
from helpers import headless_app

from game.app.app import App
from game.app.practice import REWIND_DELAY, PracticeScene, practice_bundle
from game.app.practice_menus import NEEDS_FEET, PART_ORDER, PracticePauseScene
from game.app.scenes import TitleScene
from game.sim import training
from game.sim.brains import BRAINS
from game.sim.inputs import Button
from game.sim.world import DT


@lru_cache(maxsize=1)
def bundle():
    """The Academy with the understudy, loaded once for these tests."""
    return practice_bundle()


def key(code: int, kind: int = pygame.KEYDOWN) -> pygame.event.Event:
    return pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0)


@pytest.fixture
def app(tmp_path):
    with headless_app(bundle(), tmp_path) as program:
        yield program


@pytest.fixture
def practice(app: App) -> PracticeScene:
    scene = PracticeScene(app, bundle())
    app.switch(scene)
    return scene


def run(app: App, ticks: int) -> None:
    """`ticks` game ticks, one display frame each, nothing drawn."""
    for _ in range(ticks):
        app.clock.advance(DT)
        app.frame(show=False)


def press(app: App, code: int, ticks: int = 1) -> None:
    """Hold a key for `ticks` game ticks, then let go."""
    app.dispatch(key(code))
    run(app, ticks)
    app.dispatch(key(code, pygame.KEYUP))


def approach(app: App, practice: PracticeScene, gap: float = 60.0) -> None:
    """Walk her up to the partner until `gap` px part them, then let her settle."""
    app.dispatch(key(pygame.K_RIGHT))
    for _ in range(300):
        if practice.partner.x - practice.player.x <= gap:
            break
        run(app, 1)
    app.dispatch(key(pygame.K_RIGHT, pygame.KEYUP))
    run(app, 20)


def choose_part(app: App, practice: PracticeScene, brain: str) -> None:
    """Open the Tab panel, walk down to the part and pick it."""
    app.dispatch(key(pygame.K_TAB))
    assert practice.menu is not None
    for _ in range(practice.menu.chosen):
        app.dispatch(key(pygame.K_UP))
    for _ in range(PART_ORDER.index(brain)):
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert practice.menu is None


def test_the_title_opens_practice_in_the_academy(app: App) -> None:
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_RETURN))
    for _ in range(app.scene.items.index("Practice in the Academy")):
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, PracticeScene)
    assert app.scene.world.level.name == "The Academy"
    assert app.scene.partner.archetype == "training_dummy"


@pytest.mark.parametrize("brain", [b for b in PART_ORDER if b != "playback"])
def test_each_part_is_played_by_its_brain(app: App, practice: PracticeScene, brain: str) -> None:
    choose_part(app, practice, brain)
    assert practice.partner.archetype == ("understudy" if NEEDS_FEET[brain] else "training_dummy")
    assert type(practice.partner.brain) is BRAINS[brain]
    run(app, 30)
    assert practice.world.tick >= 30


def test_playback_cannot_be_chosen_before_anything_is_recorded(app: App, practice: PracticeScene) -> None:
    choose_part(app, practice, "playback")
    assert practice.part == "stand"
    assert "F6" in practice.message[0]


def test_the_played_back_partner_repeats_the_recorded_inputs_tick_for_tick(app: App, practice: PracticeScene) -> None:
    dancer_x = practice.player.x
    app.dispatch(key(pygame.K_F6))
    assert practice.recording == [] and practice.partner.archetype == "understudy"
    run(app, 5)
    press(app, pygame.K_LEFT, 12)
    press(app, pygame.K_j, 2)
    run(app, 20)
    press(app, pygame.K_RIGHT, 6)
    app.dispatch(key(pygame.K_F6))
    recorded = practice.recorded
    assert recorded is not None and recorded.ticks == 45
    assert recorded.inputs[5:17] == (int(Button.LEFT),) * 12
    assert practice.player.x == pytest.approx(dancer_x)  # she stood while her keys drove the partner
    app.dispatch(key(pygame.K_F7))
    assert practice.part == "playback"
    played = []
    for _ in range(recorded.ticks * 2):
        run(app, 1)
        played.append(practice.partner.input.held)
    assert tuple(played) == recorded.inputs * 2  # looping
    app.dispatch(key(pygame.K_F7))
    assert practice.part == "stand"


def test_while_recording_the_partner_is_driven_by_the_keys(app: App, practice: PracticeScene) -> None:
    app.dispatch(key(pygame.K_F6))
    start = practice.partner.x
    press(app, pygame.K_RIGHT, 30)
    assert practice.partner.x > start + 60


def test_frame_step_is_one_tick_per_keypress(app: App, practice: PracticeScene) -> None:
    run(app, 10)
    app.dispatch(key(pygame.K_p))
    tick = practice.world.tick
    run(app, 20)
    assert practice.world.tick == tick
    app.dispatch(key(pygame.K_PERIOD))
    assert practice.world.tick == tick + 1
    app.dispatch(key(pygame.K_RIGHTBRACKET))
    assert practice.world.tick == tick + 2
    app.dispatch(key(pygame.K_p))
    run(app, 5)
    assert practice.world.tick == tick + 7


def test_slow_motion_runs_the_fight_at_a_half_and_a_quarter(app: App, practice: PracticeScene) -> None:
    app.dispatch(key(pygame.K_m))
    tick = practice.world.tick
    run(app, 40)
    assert practice.world.tick == tick + 20
    app.dispatch(key(pygame.K_m))
    run(app, 40)
    assert practice.world.tick == tick + 30
    app.dispatch(key(pygame.K_m))
    run(app, 10)
    assert practice.world.tick == tick + 40


def test_rewind_restores_earlier_states_and_stepping_on_replays_them(app: App, practice: PracticeScene) -> None:
    hashes = {}
    app.dispatch(key(pygame.K_RIGHT))
    for _ in range(40):
        run(app, 1)
        hashes[practice.world.tick] = practice.world.state_hash()
    app.dispatch(key(pygame.K_RIGHT, pygame.KEYUP))
    press(app, pygame.K_l, 1)
    for _ in range(30):
        run(app, 1)
        hashes[practice.world.tick] = practice.world.state_hash()
    latest = practice.world.tick
    for _ in range(25):
        app.dispatch(key(pygame.K_COMMA))
        app.dispatch(key(pygame.K_COMMA, pygame.KEYUP))
    assert practice.paused and practice.world.tick == latest - 25
    assert practice.world.state_hash() == hashes[latest - 25]
    for _ in range(25):
        app.dispatch(key(pygame.K_PERIOD))
    assert practice.world.state_hash() == hashes[latest]


def test_holding_comma_rewinds_and_the_fight_resumes_from_there(app: App, practice: PracticeScene) -> None:
    run(app, 90)
    latest = practice.world.tick
    press(app, pygame.K_COMMA, REWIND_DELAY + 30)
    assert practice.world.tick == latest - 1 - 30
    app.dispatch(key(pygame.K_p))
    run(app, 10)
    assert practice.world.tick == latest - 31 + 10
    assert practice.timeline.latest == practice.world.tick  # the old future is forgotten


def test_refill_and_reset(app: App, practice: PracticeScene) -> None:
    practice.player.health = 100
    practice.partner.health = 5
    app.dispatch(key(pygame.K_r))
    assert practice.player.health == practice.player.spec.health
    assert practice.partner.health == practice.partner.spec.health
    assert practice.player.grace == practice.player.grace_max
    spawn = practice.player.x
    press(app, pygame.K_RIGHT, 40)
    assert practice.player.x > spawn + 50
    app.dispatch(key(pygame.K_HOME))
    assert practice.player.x == pytest.approx(spawn, abs=1.0)


def test_a_battement_on_the_dummy_measures_as_the_move_file_says(app: App, practice: PracticeScene) -> None:
    approach(app, practice)
    press(app, pygame.K_j, 1)
    run(app, 60)
    reading = practice.meter.reading
    assert reading is not None and reading.move == "battement" and reading.outcome == "hit"
    assert (reading.startup, reading.active, reading.recovery, reading.advantage) == (5, 3, 10, 5)
    assert practice.combo.hits == 1 and practice.combo.damage == 40


def test_a_battement_on_a_guard_measures_even_on_block(app: App, practice: PracticeScene) -> None:
    choose_part(app, practice, "block_all")
    approach(app, practice)
    press(app, pygame.K_j, 1)
    run(app, 60)
    reading = practice.meter.reading
    assert reading is not None and reading.outcome == "blocked"
    guard = practice.player.book["battement"].hits[0].spec.guard_frames
    assert reading.advantage == guard - (18 - 6)  # blockstun against the frames left after the first active one
    assert practice.combo.hits == 0


def test_every_overlay_draws_something(app: App, practice: PracticeScene) -> None:
    approach(app, practice)
    press(app, pygame.K_j, 1)
    run(app, 8)
    canvas = app.window.canvas
    for name in practice.shown:
        practice.shown[name] = False
    practice.draw(canvas, app)
    bare = canvas.copy()
    for code in (pygame.K_F2, pygame.K_F3, pygame.K_F4, pygame.K_F5):
        app.dispatch(key(code))
    assert all(practice.shown.values()) and practice.view.show_debug
    practice.draw(canvas, app)
    for x, y in ((100, 200), (1100, 400), (400, 640)):  # inputs, frame data, choreography graph
        assert canvas.get_at((x, y)) != bare.get_at((x, y))
    app.dispatch(key(pygame.K_TAB))
    practice.draw(canvas, app)


def test_escape_opens_the_practice_menu_and_it_quits_to_the_title(app: App, practice: PracticeScene) -> None:
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.scene, PracticePauseScene)
    app.draw()
    for _ in range(PracticePauseScene.items.index("Quit to title")):
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, TitleScene)


def test_recording_stops_by_itself_at_its_limit(app: App, practice: PracticeScene) -> None:
    app.dispatch(key(pygame.K_F6))
    run(app, training.RECORD_LIMIT + 5)
    assert practice.recording is None
    assert practice.recorded is not None and practice.recorded.ticks == training.RECORD_LIMIT
