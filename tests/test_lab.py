"""The choreography lab: a phrase danced onto a timeline, scrubbed exactly, and kept as a passing combo test."""

from __future__ import annotations

from pathlib import Path

import pytest

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
