"""The choreography lab: a phrase danced onto a timeline, scrubbed exactly, and kept as a passing combo test."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import headless_app

from game.app.app import App
from game.app.lab import LabScene
from game.app.scenes import Scene, TitleScene
from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.combos import load_combo_test
from game.scripting.choreography import ScriptError
from game.scripting.combos import run_combo_file
from game.scripting.lab import LabSession, casts
from game.sim import events as ev

PHRASE = "pirouette > fouette > grand_jete"


@pytest.fixture(scope="module")
def session() -> LabSession:
    return LabSession(PHRASE)


def test_a_phrase_performed_in_the_lab_and_saved_passes_as_a_combo_test(session: LabSession, tmp_path: Path):
    path = session.save_combo_test(tmp_path)
    assert path.name == "lab_pirouette_fouette_grand_jete.toml"
    spec = load_combo_test(path)
    assert spec.script == PHRASE and spec.expect.hits == session.outcome.hits == 5
    result = run_combo_file(path)
    assert result.passed, result.failures
    assert (result.damage, result.frames) == (session.outcome.damage, session.outcome.frames)


def test_the_saved_expectations_hold_the_target_near_where_it_ended(session: LabSession):
    expect = session.expectations()
    moved = session.outcome.target_moved
    assert expect["target_state"] == "knocked_down"
    assert expect["target_moved"] == {"min": round(moved - 20), "max": round(moved + 20)}
    assert expect["damage"]["min"] < session.outcome.damage < expect["damage"]["max"]  # type: ignore[index]


def test_saving_twice_never_overwrites_the_first_file(session: LabSession, tmp_path: Path):
    first = session.save_combo_test(tmp_path)
    first.write_text(first.read_text() + "# tuned by hand\n")
    second = session.save_combo_test(tmp_path)
    assert second.name == "lab_pirouette_fouette_grand_jete_2.toml"
    assert first.read_text().endswith("# tuned by hand\n")


def test_scrubbing_back_then_forward_arrives_at_the_same_state_hashes(session: LabSession):
    timeline, world = session.timeline, session.world
    ticks = range(timeline.earliest, timeline.latest + 1)
    first = {}
    for tick in ticks:  # forward, tick by tick, as the lab plays it
        timeline.seek(tick)
        first[tick] = world.state_hash()
    for tick in reversed(ticks):  # scrubbing all the way back
        timeline.seek(tick)
        assert world.state_hash() == first[tick]
    for tick in (40, 41, 30, 90, timeline.latest):
        timeline.seek(tick)
        assert world.state_hash() == first[tick]


def test_the_timeline_marks_each_move_start_and_each_hit(session: LabSession):
    moves = [m.label for m in session.marks if m.kind == "move"]
    hits = [m for m in session.marks if m.kind == "hit"]
    assert moves == ["pirouette", "fouette", "grand_jete"]
    assert len(hits) == session.outcome.hits
    assert all(any(isinstance(e, ev.Hit) for e in session.timeline.events_at(m.tick)) for m in hits)


def test_a_mistyped_move_is_named_with_the_nearest_one():
    with pytest.raises(ScriptError, match=r"^unknown move 'fuette' \(did you mean 'fouette'\?\)$"):
        LabSession("pirouette > fuette")


def test_a_phrase_that_breaks_off_is_saved_as_a_test_that_it_breaks_off_there(tmp_path: Path):
    session = LabSession("battement > arabesque > fouette")
    assert session.outcome.failed_step == 3
    assert session.timeline.latest > 0  # what was danced can still be watched
    path = session.save_combo_test(tmp_path)
    assert load_combo_test(path).expect.fails_at == 3
    assert run_combo_file(path).passed


@pytest.mark.parametrize("cast", [c.name for c in casts() if c.name != "training dummy"])
def test_every_cast_gives_a_phrase_that_passes_as_its_own_combo_test(cast: str, tmp_path: Path):
    session = LabSession("battement > battement", cast)
    result = run_combo_file(session.save_combo_test(tmp_path))
    assert result.passed, result.failures


# --- the lab on screen, driven headless with key events ------------------------------------------

def key(code: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


def typed(app: App, words: str) -> None:
    for letter in words:
        app.dispatch(pygame.event.Event(pygame.TEXTINPUT, text=letter))


@pytest.fixture
def app(tmp_path: Path):
    """A headless app on the Academy with a fake clock and silent sound."""
    with headless_app(load_bundle(LEVELS / "academy.toml"), tmp_path) as program:
        yield program


@pytest.fixture
def lab(app: App, tmp_path: Path) -> LabScene:
    scene = LabScene(app, Scene(), folder=tmp_path / "combos")
    app.switch(scene)
    return scene


def retype(app: App, lab: LabScene, phrase: str) -> None:
    """Clear the phrase field step by step (Ctrl+Backspace) and type `phrase`."""
    if not lab.typing:
        app.dispatch(key(pygame.K_RETURN))
    while lab.words:
        app.dispatch(key(pygame.K_BACKSPACE, pygame.KMOD_CTRL))
    typed(app, phrase)


def test_the_title_menu_opens_the_choreography_lab(app: App):
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_RETURN))  # "Press Enter"
    for _ in range(TitleScene.items.index("Choreography Lab")):
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, LabScene)
    assert app.scene.session is not None and app.scene.session.outcome.hits > 0
    app.dispatch(key(pygame.K_ESCAPE))  # the field lets go of the keys
    app.dispatch(key(pygame.K_ESCAPE))  # the stage goes back to the title
    assert isinstance(app.scene, TitleScene)


def test_a_typed_phrase_is_danced_scrubbed_and_saved_as_a_passing_combo_test(app: App, lab: LabScene, tmp_path: Path):
    retype(app, lab, "battement > battement")
    app.dispatch(key(pygame.K_RETURN))
    assert lab.session is not None and lab.session.phrase == "battement > battement" and not lab.typing
    timeline = lab.session.timeline
    for _ in range(30):
        app.switch(app.scene.tick(app))
    assert lab.at == timeline.earliest + 30
    app.dispatch(key(pygame.K_SPACE))  # pause
    here = lab.session.world.state_hash()
    app.dispatch(key(pygame.K_LEFT, pygame.KMOD_SHIFT))
    app.dispatch(key(pygame.K_LEFT))
    assert lab.at == timeline.earliest + 19
    for _ in range(11):
        app.dispatch(key(pygame.K_RIGHT))
    assert lab.at == timeline.earliest + 30 and lab.session.world.state_hash() == here
    app.dispatch(key(pygame.K_END))
    assert lab.at == timeline.latest
    app.dispatch(key(pygame.K_HOME))
    assert lab.at == timeline.earliest
    app.dispatch(key(pygame.K_s))
    saved = tmp_path / "combos" / "lab_battement_battement.toml"
    assert lab.saved == saved and str(saved) in lab.message
    result = run_combo_file(saved)
    assert result.passed, result.failures
    app.draw()


def test_a_mistyped_move_is_named_under_the_field_and_the_old_phrase_stays(app: App, lab: LabScene):
    before = lab.session
    retype(app, lab, "pirouette > fuette")
    app.dispatch(key(pygame.K_RETURN))
    assert lab.error and lab.message == "unknown move 'fuette' (did you mean 'fouette'?)"
    assert lab.session is before and lab.typing
    assert [m.id for m in lab.suggestions()][:1] == ["fouette"]
    app.draw()


def test_tab_completes_the_move_being_typed_and_then_adds_the_chosen_one(app: App, lab: LabScene):
    retype(app, lab, "pirouette > fou")
    app.dispatch(key(pygame.K_TAB))
    assert lab.words == "pirouette > fouette"
    app.dispatch(key(pygame.K_DOWN))  # the second move of the book
    app.dispatch(key(pygame.K_TAB))
    assert lab.words == f"pirouette > fouette > {list(lab.book)[1].id}"


def test_slow_playback_advances_a_tick_every_fourth_game_tick_and_stops_at_the_end_without_loop(
        app: App, lab: LabScene):
    app.dispatch(key(pygame.K_RETURN))  # dance the phrase in the field; the stage has the keys
    app.dispatch(key(pygame.K_1))  # speed 1/4
    start = lab.at
    for _ in range(8):
        app.switch(app.scene.tick(app))
    assert lab.at == start + 2
    app.dispatch(key(pygame.K_l))  # loop off
    app.dispatch(key(pygame.K_4))  # speed 2
    assert lab.session is not None
    for _ in range(lab.session.timeline.latest):
        app.switch(app.scene.tick(app))
    assert lab.at == lab.session.timeline.latest and not lab.playing


def test_changing_the_cast_dances_the_phrase_again_against_it(app: App, lab: LabScene):
    app.dispatch(key(pygame.K_PAGEDOWN))
    assert lab.session is not None and lab.session.cast.name == "dummies on both sides"
    assert len(lab.session.world.fighters) == 3
