"""The judges' scorecard: what a run of a level comes to (time, damage, best combo, grace, enchaînements,
retries) and the rank from C to S, a pure function of those figures with documented edges."""

from __future__ import annotations

import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.scripting.scorecard import (
    COMBO_FULL_HITS,
    GRACE_FULL_METERS,
    Figures,
    Scorecard,
    par_ticks,
    rank_of,
    rank_points,
)
from game.sim import events as ev

PAR = 6000  # ticks


def perfect(**changes: object) -> Figures:
    """A flawless run: untouched, within par, a full combo and three meters of grace (100 points)."""
    base = dict(ticks=PAR, damage_taken=0, combo_hits=COMBO_FULL_HITS, combo_damage=300,
                grace_earned=GRACE_FULL_METERS * 100, enchainements=4, retries=0, won=True, health_max=1000,
                par_ticks=PAR, max_grace=100.0)
    base.update(changes)
    return Figures(**base)  # type: ignore[arg-type]


# --- the rank ---------------------------------------------------------------------------------------

def test_a_flawless_run_scores_a_hundred_points_and_s() -> None:
    assert rank_points(perfect()) == 100
    assert perfect().rank == "S"


@pytest.mark.parametrize(("points", "retries", "rank"), [
    (90, 0, "S"), (89, 0, "A"), (75, 0, "A"), (74, 0, "B"), (55, 0, "B"), (54, 0, "C"), (-40, 0, "C"),
    (100, 1, "A"), (90, 3, "A"), (74, 1, "B"),
])
def test_rank_thresholds_are_90_75_55_and_s_needs_no_retry(points: int, retries: int, rank: str) -> None:
    assert rank_of(points, retries) == rank


def test_taking_all_her_health_in_damage_costs_the_30_poise_points() -> None:
    assert rank_points(perfect(damage_taken=1000)) == 70
    assert rank_points(perfect(damage_taken=5000)) == 70  # refilled at checkpoints: never below zero marks
    assert rank_points(perfect(damage_taken=500)) == 85


def test_pace_is_full_at_par_and_gone_at_twice_par() -> None:
    assert rank_points(perfect(ticks=PAR // 2)) == 100  # faster than par earns nothing more
    assert rank_points(perfect(ticks=PAR * 3 // 2)) == 87  # halfway: 12.5 of 25, rounded down
    assert rank_points(perfect(ticks=PAR * 2)) == 75
    assert rank_points(perfect(ticks=PAR * 10)) == 75


def test_combo_and_grace_marks_grow_to_their_caps() -> None:
    assert rank_points(perfect(combo_hits=0)) == 75
    assert rank_points(perfect(combo_hits=COMBO_FULL_HITS // 2)) == 87
    assert rank_points(perfect(combo_hits=COMBO_FULL_HITS * 3)) == 100
    assert rank_points(perfect(grace_earned=0.0)) == 80
    assert rank_points(perfect(grace_earned=10_000.0)) == 100


def test_each_retry_costs_ten_points() -> None:
    assert rank_points(perfect(retries=1)) == 90
    assert perfect(retries=1).rank == "A"  # 90 points, but a retry: not S
    assert rank_points(perfect(retries=2)) == 80


def test_a_run_with_nothing_to_show_is_c() -> None:
    nothing = perfect(ticks=PAR * 2, damage_taken=1000, combo_hits=0, grace_earned=0.0)
    assert rank_points(nothing) == 0
    assert nothing.rank == "C"


def test_par_grows_with_the_enemies_a_level_sends() -> None:
    opera = load_bundle(LEVELS / "opera_house.toml").level
    fewer = opera.model_copy(update={"waves": opera.waves[:2]})
    assert par_ticks(opera) > par_ticks(fewer) > 0


# --- the scorecard ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def academy():  # type: ignore[no-untyped-def]
    return load_bundle(LEVELS / "academy.toml")


def hit(tick: int, attacker: int, target: int, hits: int, damage: int) -> ev.Hit:
    return ev.Hit(tick, attacker, target, "jab", 0, 30, 12, 4, "stagger", 0.0, 0.0, 100.0, hits, damage, False, False)


def test_the_scorecard_adds_up_her_figures_from_the_events(academy) -> None:  # type: ignore[no-untyped-def]
    world = academy.world()
    me, dummy = world.player_id, 1
    card = Scorecard(world)
    card.read([hit(1, me, dummy, 1, 30), hit(2, me, dummy, 2, 70), hit(3, dummy, me, 1, 40)], world)
    card.read([ev.ComboEnded(9, me, dummy, 2, 70, ("jab", "jab")), ev.GraceEarned(9, me, 12.5, "jab", True, 12.5),
               ev.GraceEarned(9, dummy, 99.0, "jab", True, 99.0), ev.Enchainement(9, me, "Petite suite", 20)], world)
    card.read([hit(20, me, dummy, 1, 90), ev.ComboEnded(30, me, dummy, 1, 90, ("grand_jete",))], world)
    world.player.health -= 120  # whatever hurt her (a bullet, a chandelier) counts
    card.read([], world)
    card.read([ev.LevelWon(40, "clear_waves")], world)
    figures = card.figures(now=999)
    assert (figures.combo_hits, figures.combo_damage) == (2, 70)  # the longest combo, not the hardest hit
    assert figures.grace_earned == 12.5 and figures.enchainements == 1 and card.names == ("Petite suite",)
    assert figures.damage_taken == 120
    assert figures.won and figures.ticks == 40  # time stops at the win


def test_a_retry_rewinds_the_figures_to_the_checkpoint_and_counts_itself(academy) -> None:  # type: ignore[no-untyped-def]
    world = academy.world()
    card = Scorecard(world)
    card.read([hit(1, world.player_id, 1, 3, 90)], world)
    kept = card.keep()
    world.player.health -= 500
    card.read([hit(5, world.player_id, 1, 7, 300)], world)
    assert card.figures().damage_taken == 500
    card.rewind(kept, health=world.player.spec.health // 2)
    figures = card.figures()
    assert (figures.damage_taken, figures.combo_hits, figures.retries) == (0, 3, 1)
    world.player.health = world.player.spec.health // 2 - 10
    card.read([], world)
    assert card.figures().damage_taken == 10  # counted from what she came back with
