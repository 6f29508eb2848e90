"""Move files: every mistake is a DataError naming the file and the key path, all mistakes at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.data import ASSETS, ROOT
from game.data.checking import check_file
from game.data.errors import DataError, unknown_name
from game.data.moves import load_moves

BROKEN = ROOT / "tests" / "data" / "broken"

# file, key path of the problem, words its message must hold
MISTAKES = [
    (
        "moves_unknown_cancel.toml",
        "moves.pirouette.cancels[0].into[0]",
        "unknown move 'fouete'; did you mean 'fouette'?",
    ),
    ("moves_negative_frames.toml", "moves.battement.startup", "found -2"),
    ("moves_hit_outside_active.toml", "moves.battement", "hits[0].frames [3, 8] must lie in the active frames [6, 8]"),
    ("moves_overlapping_hits.toml", "moves.pirouette", "hits[0].frames [8, 11] and hits[1].frames [10, 21] overlap"),
    ("moves_out_of_range.toml", "moves.battement", "cancels[0] reaches frame 40, past the move's 18 frames"),
    ("moves_reversed_range.toml", "moves.fouette.hits[1].frames", "not [16, 13]"),
    ("moves_unknown_key.toml", "moves.battement.hits[0].damgae", "is not a known key"),
    (
        "moves_wrong_type.toml",
        "moves.pirouette.hits[1].damage",
        "found 'a lot', expected input should be a valid integer",
    ),
    ("moves_syntax_error.toml", "", "TOML syntax error"),
    ("moves_binary.toml", "", "is not UTF-8 text"),
    ("moves_empty.toml", "moves", "is missing"),
]

# one-mistake files and the edit that mends each: proof that the mistake is the only thing wrong
MENDS = {
    "moves_unknown_cancel.toml": ('"fouete"', '"fouette"'),
    "moves_negative_frames.toml": ("startup = -2", "startup = 5"),
    "moves_hit_outside_active.toml": ("frames = [3, 8]", "frames = [6, 8]"),
    "moves_overlapping_hits.toml": ("frames = [10, 21]", "frames = [18, 21]"),
    "moves_out_of_range.toml": ("frames = [9, 40]", "frames = [9, 15]"),
    "moves_reversed_range.toml": ("frames = [16, 13]", "frames = [13, 16]"),
    "moves_unknown_key.toml": ("damgae = 40", "damage = 40"),
    "moves_wrong_type.toml": ('damage = "a lot"', "damage = 70"),
}


def load_error(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        load_moves(path)
    return caught.value


@pytest.mark.parametrize(("name", "key", "words"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_broken_move_file_is_a_data_error_naming_the_file_and_key(name, key, words):
    error = load_error(BROKEN / name)
    assert error.file == str(BROKEN / name)
    assert str(error).startswith(str(BROKEN / name))
    assert any(p.path == key and words in p.message for p in error.problems), error.describe()


@pytest.mark.parametrize("name", sorted(MENDS))
def test_each_broken_move_file_is_one_mistake_from_a_good_one(name, tmp_path):
    old, new = MENDS[name]
    text = (BROKEN / name).read_text(encoding="utf-8")
    assert text.count(old) == 1
    mended = tmp_path / name
    mended.write_text(text.replace(old, new), encoding="utf-8")
    assert set(load_moves(mended).moves) == {"battement", "pirouette", "fouette"}


@pytest.mark.parametrize("name", [m[0] for m in MISTAKES])
def test_check_reports_a_broken_move_file_as_a_data_error(name):
    with pytest.raises(DataError) as caught:
        check_file(BROKEN / name)
    assert str(BROKEN / name) in str(caught.value)


def test_every_problem_of_a_move_file_is_listed_at_once():
    error = load_error(BROKEN / "moves_many_problems.toml")
    assert [p.path for p in error.problems] == [
        "moves.battement.startup",
        "moves.pirouette.hits[1].damage",
        "moves.fouette.tempo",
    ]
    assert str(error).splitlines()[0].endswith("3 problems")


def test_a_wrong_type_does_not_hide_an_unknown_cancel():
    error = load_error(BROKEN / "moves_type_and_cancel.toml")
    paths = [p.path for p in error.problems]
    assert "moves.battement.hits[0].damage" in paths
    assert "moves.pirouette.cancels[0].into[0]" in paths


def test_a_missing_move_file_is_a_data_error(tmp_path):
    error = load_error(tmp_path / "nowhere.toml")
    assert "file not found" in str(error)


def test_a_folder_is_not_a_move_file(tmp_path):
    error = load_error(tmp_path)
    assert "is a folder" in str(error)


def test_a_ground_move_cannot_cancel_into_an_air_move(tmp_path):
    text = (ASSETS / "moves" / "ballerina.toml").read_text(encoding="utf-8")
    old = 'into = ["battement"], frames = [12, 18]'
    assert text.count(old) == 1
    broken = tmp_path / "ballerina.toml"
    broken.write_text(text.replace(old, 'into = ["cabriole"], frames = [12, 18]'), encoding="utf-8")
    error = load_error(broken)
    assert [(p.path, "air move" in p.message) for p in error.problems] == [("moves.battement.cancels[1].into[0]", True)]


def test_infinity_is_not_a_number_a_move_may_use(tmp_path):
    text = (ASSETS / "moves" / "ballerina.toml").read_text(encoding="utf-8")
    old = "knockback = [140, 0]"
    assert text.count(old) == 1
    broken = tmp_path / "ballerina.toml"
    broken.write_text(text.replace(old, "knockback = [inf, nan]"), encoding="utf-8")
    error = load_error(broken)
    assert {p.path for p in error.problems} == {
        "moves.battement.hits[0].knockback[0]",
        "moves.battement.hits[0].knockback[1]",
    }


def test_the_shipped_move_file_loads():
    moves = load_moves(ASSETS / "moves" / "ballerina.toml").moves
    assert {"battement", "pirouette", "rond_de_jambe", "grand_jete", "pas_de_bourree"} <= set(moves)


def test_an_unknown_name_suggests_the_nearest_known_one():
    assert "did you mean 'pirouette'?" in unknown_name("move", "piruette", ["battement", "pirouette"])
    assert "did you mean" not in unknown_name("move", "xyzzy", ["battement", "pirouette"])
