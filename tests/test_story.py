"""The story and its screens, driven headless: Title -> Story -> difficulty -> Act I -> results -> Act II ->
results -> curtain call -> title; a knock-out brings the curtain down, and "Retry from checkpoint" puts the
fight back exactly as the last wave arrived (she gets at least half her health), unrecorded."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import headless_app

from game.app.app import App
from game.app.fight import RETRY_HEALTH_SHARE, Fight, save_fight
from game.app.records import Records, records_path
from game.app.results import GUARD_SECONDS, ResultsScene
from game.app.scenes import FALL_TICKS, PauseScene, PlayScene, TitleScene
from game.app.select import LevelSelectScene
from game.app.story import ActCard, CurtainCall, CurtainScene, DifficultyScene, StoryRun
from game.data.bundle import load_bundle
from game.scripting.replay import load_replay
from game.sim import events as ev
from game.sim.inputs import Button, InputFrame
from game.sim.world import DT

# A bare stage: one understudy comes on the fifth tick; the level is won by walking past `exit`.
STAGE = '''name = "{name}"
description = "A bare stage for a test."
size = [1600, 700]
spawn = [300, 0]

[[platforms]]
rect = [-100, -100, 1800, 100]

[[waves]]
name = "Understudies"
trigger = {{ kind = "tick", tick = 5 }}
enemies = [{{ kind = "assassin", at = [{enemy}, 0] }}]

[goal]
kind = "reach_exit"
x = {exit}
'''


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


@pytest.fixture
def stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The story's two acts as bare stages (the enemy far off, the exit near), in a folder of their own."""
    folder = tmp_path / "levels"
    folder.mkdir()
    for stem, name in (("opera_house", "Little Opera"), ("neon_alley", "Little Alley")):
        (folder / f"{stem}.toml").write_text(STAGE.format(name=name, enemy=1500, exit=420))
    (folder / "duel.toml").write_text(STAGE.format(name="Duel", enemy=600, exit=1400))
    monkeypatch.setattr(StoryRun, "levels", folder)
    return folder


@pytest.fixture
def app(tmp_path: Path, stages: Path):
    with headless_app(load_bundle(stages / "duel.toml"), tmp_path) as program:
        yield program


def run_frames(app: App, frames: int, show: bool = False) -> None:
    for _ in range(frames):
        app.clock.advance(DT)
        app.frame(show)


def until(app: App, kind: type, most: int = 600) -> None:
    """Run frames until the scene is a `kind` (at most `most` of them)."""
    for _ in range(most):
        if isinstance(app.scene, kind):
            return
        run_frames(app, 1)
    assert isinstance(app.scene, kind), f"still {type(app.scene).__name__}"


def test_the_story_runs_from_the_title_through_both_acts_to_the_curtain_call(app: App, tmp_path: Path) -> None:
    app.switch(TitleScene(app))
    app.dispatch(key(pygame.K_RETURN))  # "Press Enter"
    app.dispatch(key(pygame.K_RETURN))  # Story
    assert isinstance(app.scene, DifficultyScene)
    app.dispatch(key(pygame.K_DOWN))  # Normal -> Hard
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, ActCard)
    run_frames(app, 2, show=True)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, PlayScene)
    play = app.scene
    assert play.fight.world.difficulty.name == "hard" and play.fight.bundle.level.name == "Little Opera"
    app.hands.feel(key(pygame.K_RIGHT))  # she walks past the exit
    until(app, ResultsScene)
    assert app.scene.figures.won and app.scene.heading == "Act I — The Opera House"
    run_frames(app, 2, show=True)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, ResultsScene)  # too soon: a mashed key must not skip the card
    run_frames(app, round(GUARD_SECONDS / DT) + 1)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, ActCard) and app.scene.play.fight.bundle.level.name == "Little Alley"
    app.dispatch(key(pygame.K_RETURN))
    app.hands.feel(key(pygame.K_RIGHT))  # a new fight: the hands were let go
    until(app, ResultsScene)
    run_frames(app, round(GUARD_SECONDS / DT) + 1)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, CurtainCall)
    assert [act.level for act, _ in app.scene.run.results] == ["opera_house", "neon_alley"]
    run_frames(app, 40)
    run_frames(app, 1, show=True)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, TitleScene)
    records = Records.load(records_path(tmp_path))
    assert records.best("opera_house", "hard") is not None and records.best("neon_alley", "hard") is not None


def test_a_won_level_from_the_level_select_shows_results_then_the_select(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "opera_house.toml")
    app.switch(PlayScene(Fight(bundle, 0, bundle.pose_sets)))
    app.hands.feel(key(pygame.K_RIGHT))
    until(app, ResultsScene)
    assert app.scene.first  # nothing on record before
    run_frames(app, round(GUARD_SECONDS / DT) + 1)
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, LevelSelectScene)


def test_a_broken_records_file_is_said_once_and_kept_aside_by_the_next_win(app: App, stages: Path,
                                                                          tmp_path: Path) -> None:
    (tmp_path / "records.json").write_text('{"levels": {"opera_house": {"normal": {"ticks": -5')
    bundle = load_bundle(stages / "opera_house.toml")
    for _ in range(2):
        app.switch(PlayScene(Fight(bundle, 0, bundle.pose_sets)))
        app.hands.feel(key(pygame.K_RIGHT))
        until(app, ResultsScene)
    assert sum("records not loaded" in notice.words for notice in app.notices) == 1
    assert (tmp_path / "records.json.broken").read_text().startswith('{"levels"')
    assert Records.load(tmp_path / "records.json").best("opera_house", "normal") is not None


def fall(app: App, fight: Fight) -> None:
    """Leave her at 30 health before the understudy, and wait for the curtain."""
    fight.world.player.health = 30
    until(app, CurtainScene, most=FALL_TICKS + 900)


def test_a_knock_out_brings_the_curtain_and_retry_restores_the_checkpoint(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "duel.toml")
    play = PlayScene(Fight(bundle, 0, bundle.pose_sets))
    app.switch(play)
    run_frames(app, 6)  # the wave arrives on tick 5: the checkpoint
    fight = play.fight
    assert fight.checkpoint.wave == 0 and fight.checkpoint.snapshot.tick == 5
    probe = Fight(bundle, 0, bundle.pose_sets)
    for _ in range(5):
        probe.step(InputFrame(0))
    at_checkpoint = probe.world.state_hash()
    fall(app, fight)
    curtain = app.scene
    run_frames(app, 80)
    run_frames(app, 1, show=True)  # the curtain down, the menu on it
    assert curtain.items[curtain.chosen] == "Retry from checkpoint"
    app.dispatch(key(pygame.K_RETURN))
    assert app.scene is play and play.fight is fight
    assert fight.world.tick == 5 and fight.world.state_hash() == at_checkpoint  # full health then: exact
    assert fight.scorecard.figures().retries == 1 and fight.recorder is None
    with pytest.raises(ValueError, match="checkpoint"):
        save_fight(fight, app.data_dir)
    assert any("replay recording stopped" in notice.words for notice in app.notices)
    run_frames(app, 3, show=True)


def test_she_comes_back_with_at_least_half_her_health(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "duel.toml")
    play = PlayScene(Fight(bundle, 0, bundle.pose_sets))
    app.switch(play)
    fight = play.fight
    fight.world.player.health = 100  # hurt before the wave comes
    run_frames(app, 6)
    assert fight.checkpoint.health == 100
    fall(app, fight)
    app.dispatch(key(pygame.K_RETURN))  # Retry from checkpoint
    full = fight.world.player.spec.health
    assert fight.world.player.health == round(full * RETRY_HEALTH_SHARE)
    assert fight.world.player.state != "ko"


def test_a_wave_arriving_on_the_tick_she_falls_is_no_checkpoint(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "duel.toml")
    fight = Fight(bundle, 0, bundle.pose_sets)
    start = fight.checkpoint
    real_step = fight.world.step

    def falling_as_the_wave_comes(inputs):  # type: ignore[no-untyped-def]
        tick = fight.world.tick + 1
        return [ev.WaveStarted(tick, 0, "Understudies", (1,)), ev.KO(tick, fight.world.player_id, 1, 0.0, 0.0),
                *real_step(inputs)]

    fight.world.step = falling_as_the_wave_comes  # type: ignore[method-assign]
    fight.step(InputFrame(0))
    assert fight.fallen and fight.checkpoint is start


def test_restart_begins_the_level_again_and_quit_goes_to_the_title(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "duel.toml")
    app.switch(PlayScene(Fight(bundle, 0, bundle.pose_sets, difficulty="easy")))
    fall(app, app.scene.fight)
    app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))  # Restart level
    assert isinstance(app.scene, PlayScene) and app.scene.fight.world.tick == 0
    assert app.scene.fight.difficulty == "easy"
    assert load_replay(save_fight(app.scene.fight, app.data_dir)).difficulty == "easy"  # a restart records
    fall(app, app.scene.fight)
    app.dispatch(key(pygame.K_UP))
    app.dispatch(key(pygame.K_RETURN))  # Quit to title
    assert isinstance(app.scene, TitleScene)


def test_pause_restart_keeps_the_story_and_its_difficulty(app: App) -> None:
    app.switch(StoryRun(difficulty="easy").begin(app))
    app.dispatch(key(pygame.K_RETURN))
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.scene, PauseScene)
    app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))  # Restart
    assert isinstance(app.scene, PlayScene)
    assert app.scene.story is not None and app.scene.fight.difficulty == "easy"


def test_a_demo_dancer_falling_ends_nothing(app: App, stages: Path) -> None:
    bundle = load_bundle(stages / "duel.toml")
    play = PlayScene(Fight(bundle, 0, bundle.pose_sets), lambda: InputFrame(Button.RIGHT))
    app.switch(play)
    play.fight.world.player.health = 1
    run_frames(app, FALL_TICKS + 400)
    assert app.scene is play
