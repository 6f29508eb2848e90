"""Fairness: the Opera House on normal difficulty cannot be won by mashing, and can be by playing well."""

from __future__ import annotations

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.scripting.replay import Playback, load_replay
from game.scripting.strong_player import RECORD_SEED, REPLAY_PATH, play_opera_house
from game.sim import events as ev
from game.sim.brains import RandomBrain
from game.sim.rng import Rng
from game.sim.world import TICK_RATE

OPERA = LEVELS / "opera_house.toml"
THREE_MINUTES = 3 * 60 * TICK_RATE


def test_random_buttons_do_not_win_the_opera_house_on_normal() -> None:
    world = load_bundle(OPERA).world(seed=3, difficulty="normal")
    her = world.fighters[world.player_id]  # type: ignore[index]
    mashing = RandomBrain(Rng(1003))  # her own generator: the world's belongs to the world
    for _ in range(THREE_MINUTES):
        events = world.step({her.id: mashing.decide(world, her)})
        assert not any(type(e) is ev.LevelWon for e in events), f"random buttons won at tick {world.tick}"
        if her.state == "ko":
            break
    assert not world.director.won


def test_the_strong_player_wins_the_opera_house_on_normal() -> None:
    replay, won = play_opera_house(RECORD_SEED)
    assert won, f"the strong player lost after {replay.tick_count} ticks"


def test_the_recorded_win_verifies_and_ends_in_level_won() -> None:
    playback = Playback(load_replay(REPLAY_PATH))
    last: list[ev.Event] = []
    while not playback.done:
        last = playback.step()
    assert playback.first_mismatch is None, (
        f"the fight drifted at tick {playback.first_mismatch}: the level, a fighter or a move changed since it "
        "was recorded; if the strong player still wins, record it again:"
        " python -m game.scripting.strong_player --record"
    )
    assert any(type(e) is ev.LevelWon for e in last)
