"""Slow motion: a finisher or a cleared wave slows the loop, the fight itself is untouched."""

from __future__ import annotations

from game.app.loop import FakeClock, FixedStepLoop
from game.app.slowmo import EASE_TICKS, FINISHER_SPEED, FINISHER_TICKS, SlowMotion
from game.sim import events as ev


def test_the_players_finisher_slows_the_loop_then_eases_back():
    slow = SlowMotion()
    slow.react([ev.FinisherStarted(10, 0, "coup_de_grace")], player_id=0)
    speeds = []
    for _ in range(FINISHER_TICKS + EASE_TICKS + 5):
        speeds.append(slow.speed)
        slow.tick()
    assert speeds[0] == FINISHER_SPEED
    assert speeds[FINISHER_TICKS - 1] == FINISHER_SPEED
    easing = speeds[FINISHER_TICKS + 1:FINISHER_TICKS + EASE_TICKS]
    assert easing == sorted(easing) and all(FINISHER_SPEED < s < 1.0 for s in easing)
    assert speeds[-1] == 1.0


def test_an_enemys_finisher_does_not_slow_the_game():
    slow = SlowMotion()
    slow.react([ev.FinisherStarted(10, 3, "coup_de_grace")], player_id=0)
    assert slow.speed == 1.0


def test_a_slower_loop_hands_out_fewer_ticks_for_the_same_real_time():
    clock = FakeClock()
    loop = FixedStepLoop(time_source=clock)
    loop.speed = 0.25
    ticks = 0
    for _ in range(60):
        clock.advance(1 / 60)
        ticks += loop.due_steps()
    assert ticks == 15
