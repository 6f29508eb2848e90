"""Level files: a wrong level is a DataError with the key path (and a suggestion), never a crash."""

from __future__ import annotations

import pytest

from game.data import LEVELS, ROOT
from game.data.bundle import load_bundle
from game.data.checking import check_file
from game.data.errors import DataError

BROKEN = ROOT / "tests" / "data" / "broken"

# file, key path of the problem, words its message must hold
MISTAKES = [
    (
        "level_unknown_archetype.toml",
        "actors[0].archetype",
        "unknown fighter 'training_dumy'; did you mean 'training_dummy'?",
    ),
    ("level_platform_outside.toml", "platforms[1].rect", "lies outside the level (size 2400 × 900)"),
    ("level_bad_rect.toml", "platforms[1].rect[2]", "found -420, expected input should be greater than 0"),
    ("level_short_rect.toml", "platforms[1].rect[3]", "is missing"),
]

MENDS = {
    "level_unknown_archetype.toml": ('"training_dumy"', '"training_dummy"'),
    "level_platform_outside.toml": ("rect = [3000, 170, 420, 24]", "rect = [1500, 170, 420, 24]"),
    "level_bad_rect.toml": ("rect = [1500, 170, -420, 24]", "rect = [1500, 170, 420, 24]"),
    "level_short_rect.toml": ("rect = [1500, 170, 420]", "rect = [1500, 170, 420, 24]"),
}


def bundle_error(path) -> DataError:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError) as caught:
        load_bundle(path)
    return caught.value


@pytest.mark.parametrize(("name", "key", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_broken_level_is_a_data_error_naming_the_file_and_key(name, key, words):
    error = bundle_error(BROKEN / name)
    assert str(error).startswith(str(BROKEN / name))
    assert any(p.path == key and words in p.message for p in error.problems), error.describe()


@pytest.mark.parametrize("name", sorted(MENDS))
def test_each_broken_level_is_one_mistake_from_a_good_one(name, tmp_path):
    old, new = MENDS[name]
    text = (BROKEN / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    mended = tmp_path / name
    mended.write_text(text.replace(old, new), encoding="utf-8")
    bundle = load_bundle(mended)
    assert len(bundle.world(seed=1).fighters) == 2


@pytest.mark.parametrize("name", [m[0] for m in MISTAKES])
def test_check_reports_a_broken_level_as_a_data_error(name):
    with pytest.raises(DataError):
        check_file(BROKEN / name)


def test_every_problem_of_a_level_is_listed_at_once():
    error = bundle_error(BROKEN / "level_many_problems.toml")
    assert [p.path for p in error.problems] == ["platforms[0].rect[2]", "actors[0].facing", "gravty"]


def test_a_bad_rect_does_not_hide_an_actor_outside_the_level():
    error = bundle_error(BROKEN / "level_rect_and_outside.toml")
    text = str(error)
    assert "platforms[0].rect[2]" in text
    assert "actors[0].at: x=9000" in text


def test_an_unknown_brain_names_the_nearest_one(tmp_path):
    text = (BROKEN / "level_unknown_archetype.toml").read_text(encoding="utf-8")
    level = tmp_path / "level.toml"
    level.write_text(text.replace('"training_dumy"', '"training_dummy"\nbrain = "sparing"'), encoding="utf-8")
    error = bundle_error(level)
    assert [p.path for p in error.problems] == ["actors[0].brain"]
    assert "did you mean 'sparring'?" in error.problems[0].message


def test_a_spawn_outside_the_level_is_refused(tmp_path):
    text = (LEVELS / "academy.toml").read_text(encoding="utf-8")
    level = tmp_path / "academy.toml"
    level.write_text(text.replace("spawn = [700, 0]", "spawn = [-50, 0]"), encoding="utf-8")
    assert "spawn: x=-50 is outside 0..2400" in str(bundle_error(level))


def test_the_shipped_levels_load():
    levels = sorted(LEVELS.glob("*.toml"))
    assert levels
    for path in levels:
        assert load_bundle(path).world(seed=1).player is not None
