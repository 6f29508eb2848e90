"""A short soak: AI fights in every shipped level stay free of exceptions, NaNs and lost bodies."""

from __future__ import annotations

import math

from game.cli import main
from game.data import LEVELS
from game.data.bundle import load_bundle
from game.soak import SoakReport, insane_numbers, run_soak, sparring_world


def test_a_short_soak_in_every_level_is_clean() -> None:
    report = run_soak(minutes=0.75, seed=5, fight_minutes=0.125)  # 2,700 ticks, six fights, every level twice
    assert report.ticks == 2700 and report.fights == 6
    assert set(report.levels) == {path.stem for path in LEVELS.glob("*.toml")}
    assert (report.exceptions, report.nans, report.out_of_bounds) == (0, 0, 0), report.first_traceback
    assert report.clean


def test_a_fight_that_raises_is_counted_with_its_first_traceback(monkeypatch) -> None:
    from game.sim.world import World

    def broken(self, inputs=None):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug in the simulation")

    monkeypatch.setattr(World, "step", broken)
    report = run_soak(minutes=0.1, seed=1)
    assert report.exceptions >= 1 and not report.clean
    assert "ZeroDivisionError: a bug in the simulation" in (report.first_traceback or "")


def test_the_sparring_world_has_partners_and_enemies_on_both_sides_and_the_level_cast() -> None:
    bundle = load_bundle(LEVELS / "academy.toml")
    world = sparring_world(bundle, seed=2)
    partners = world.fighters[-4:]
    assert {f.archetype for f in partners} >= {"sparring_partner", "tireless_thug"}
    assert {f.team for f in partners} == {0, 1}
    assert any(type(f.brain).__name__ == "TacticsBrain" for f in partners)
    assert any(f.archetype == "training_dummy" for f in world.fighters)
    assert all(0 < f.x < world.width for f in world.fighters)


def test_a_nan_is_counted() -> None:
    world = sparring_world(load_bundle(LEVELS / "academy.toml"), seed=2)
    assert insane_numbers(world) == 0
    world.fighters[0].vx = math.nan
    assert insane_numbers(world) == 1


def test_memory_growth_beyond_the_allowance_is_not_clean() -> None:
    report = SoakReport(60.0, memory_start_mb=100.0, memory_end_mb=106.0)
    assert not report.clean
    assert SoakReport(120.0, memory_start_mb=100.0, memory_end_mb=106.0).clean  # 5 MiB an hour


def test_soak_command_exits_zero_when_clean(capsys) -> None:
    assert main(["soak", "--minutes", "0.1", "--fight-minutes", "0.05", "--json"]) == 0
    assert '"clean": true' in capsys.readouterr().out
