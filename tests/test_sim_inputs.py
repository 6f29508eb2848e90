"""The input buffer: early presses still count, stale ones do not, and a double tap starts a run."""

from __future__ import annotations

import pytest
from helpers import idle, of_type, player, stage, step, tap, until

from game.sim import events as ev
from game.sim.inputs import BUFFER_FRAMES, RUN_TAP_FRAMES, InputBuffer, InputFrame
from game.sim.world import World

BOURREE_TO_BATTEMENT = 10  # first frame of pas de bourrée's cancel window into battement (ballerina.toml)


def press_on_frame(world: World, frame: int, *buttons: str, after: int = 30) -> list[ev.Event]:
    """Press `buttons` on the tick the ballerina's current move reaches `frame`, then let go."""
    dancer = player(world)
    events = until(world, lambda w: dancer.move_frame == frame - 1)
    return events + tap(world, *buttons, after=after)


def starts(events: list[ev.Event]) -> list[tuple[str, str | None]]:
    return [(e.move, e.cancelled_from) for e in of_type(events, ev.MoveStarted)]


def bourree_then_light(early: int) -> tuple[list[tuple[str, str | None]], int | None]:
    """Pas de bourrée with light pressed `early` ticks before its cancel into battement opens: the moves
    started, and the pas de bourrée frame on which battement began (None if it never did)."""
    world = stage(target=None)
    events = tap(world, "dodge")
    events += press_on_frame(world, BOURREE_TO_BATTEMENT - early, "light")
    begun = {e.move: e.tick for e in of_type(events, ev.MoveStarted)}
    on_frame = begun["battement"] - begun["pas_de_bourree"] + 1 if "battement" in begun else None
    return starts(events), on_frame


@pytest.mark.parametrize("early", [0, 1, 4, BUFFER_FRAMES - 1])
def test_a_light_press_in_the_buffer_cancels_into_battement_as_the_window_opens(early):
    started, on_frame = bourree_then_light(early)
    assert started == [("pas_de_bourree", None), ("battement", "pas_de_bourree")]
    assert on_frame == BOURREE_TO_BATTEMENT


def test_the_buffer_holds_a_press_for_buffer_frames_ticks_its_own_included():
    started, _ = bourree_then_light(BUFFER_FRAMES)  # pressed on the tick before the last one it could count
    assert ("battement", "pas_de_bourree") not in started


@pytest.mark.parametrize("early", [0, 3, BUFFER_FRAMES - 1])
def test_a_light_press_late_in_recovery_starts_the_next_battement_the_tick_she_is_free(early):
    world = stage(target=None)
    dancer = player(world)
    events = tap(world, "light")
    total = dancer.move.total  # type: ignore[union-attr]
    first_tick = world.tick
    events += press_on_frame(world, total + 1 - early, "light")
    moves = of_type(events, ev.MoveStarted)
    assert [(m.move, m.cancelled_from) for m in moves] == [("battement", None), ("battement", None)]
    assert moves[1].tick == first_tick + total  # no tick of idle between the two


@pytest.mark.parametrize("early", [BUFFER_FRAMES + 1, BUFFER_FRAMES + 3])
def test_a_press_older_than_the_buffer_starts_nothing(early):
    world = stage(target=None)
    dancer = player(world)
    events = tap(world, "light")
    total = dancer.move.total  # type: ignore[union-attr]
    events += press_on_frame(world, total + 1 - early, "light")
    assert starts(events) == [("battement", None)]
    assert dancer.state == "idle"


def test_a_buffered_press_starts_only_one_move():
    world = stage(target=None)
    events = tap(world, "light", after=60)
    assert starts(events) == [("battement", None)]


def double_tap(world: World, gap: int, ticks: int = 20) -> None:
    """Tap right, wait `gap` ticks with nothing held, then hold right."""
    tap(world, "right", after=gap)
    for _ in range(ticks):
        step(world, "right")


def test_double_tap_starts_a_run():
    world = stage(target=None)
    dancer = player(world)
    double_tap(world, gap=5)
    assert dancer.state == "run"
    assert dancer.vx == pytest.approx(dancer.spec.run_speed, rel=0.02)


def test_holding_a_direction_walks():
    world = stage(target=None)
    dancer = player(world)
    for _ in range(25):
        step(world, "right")
    assert dancer.state == "walk"
    assert dancer.vx == pytest.approx(dancer.spec.walk_speed, rel=0.02)


def test_taps_further_apart_than_the_run_window_only_walk():
    world = stage(target=None)
    dancer = player(world)
    double_tap(world, gap=RUN_TAP_FRAMES + 2)
    assert dancer.state == "walk"


def test_taps_in_opposite_directions_do_not_start_a_run():
    world = stage(target=None)
    dancer = player(world)
    tap(world, "left", after=3)
    for _ in range(20):
        step(world, "right")
    assert dancer.state == "walk"


def test_a_run_stops_after_a_few_ticks_of_neutral():
    world = stage(target=None)
    dancer = player(world)
    double_tap(world, gap=5)
    idle(world, 20)
    for _ in range(20):
        step(world, "right")
    assert dancer.state == "walk"


def test_the_buffer_records_the_direction_held_with_a_press():
    buffer = InputBuffer()
    buffer.feed(1, InputFrame.of("down"))
    buffer.feed(2, InputFrame.of("down", "light"))
    buffer.feed(3, InputFrame.of("right", "heavy"))
    assert [(p.button, p.direction, p.horizontal) for p in buffer.presses] == [
        (int(InputFrame.of("light").held), "down", 0),
        (int(InputFrame.of("heavy").held), "forward", 1),
    ]


def test_holding_a_button_is_one_press_not_one_a_tick():
    buffer = InputBuffer()
    for tick in range(1, 6):
        buffer.feed(tick, InputFrame.of("light"))
    assert len(buffer.presses) == 1


def test_an_unknown_button_name_is_refused():
    with pytest.raises(ValueError, match="unknown button 'kick'"):
        InputFrame.of("kick")
