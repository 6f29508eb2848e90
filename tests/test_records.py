"""Best results per level: kept per figure, saved atomically in the user's data folder (a crash mid-write
leaves the old file), and a broken or hostile file is reported, treated as empty and kept aside, never
silently overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.app import records as records_module
from game.app.fight import DATA_DIR_VARIABLE
from game.app.records import Records, records_path
from game.data import saving
from game.scripting.scorecard import Figures


def run(**changes: object) -> Figures:
    base = dict(ticks=6000, damage_taken=200, combo_hits=6, combo_damage=180, grace_earned=150.0, enchainements=2,
                retries=1, won=True, health_max=1000, par_ticks=6000, max_grace=100.0)
    base.update(changes)
    return Figures(**base)  # type: ignore[arg-type]


def test_records_live_in_the_data_folder_and_honour_the_override(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert records_path(tmp_path) == tmp_path / "records.json"
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "portable"))
    assert records_path() == tmp_path / "portable" / "records.json"


def test_a_first_win_is_a_best_in_everything_and_survives_a_save(tmp_path: Path) -> None:
    records = Records.load(tmp_path / "records.json")
    assert records.problem is None and records.levels == {}
    beaten = records.enter("opera_house", "normal", run())
    assert beaten == {"time", "damage", "combo", "grace", "enchainements", "retries", "rank"}
    records.save()
    again = Records.load(tmp_path / "records.json")
    assert again.problem is None
    assert again.best("opera_house", "normal") == records.best("opera_house", "normal")
    assert again.best("opera_house", "hard") is None  # each difficulty keeps its own


def test_each_figure_keeps_its_own_best(tmp_path: Path) -> None:
    records = Records.load(tmp_path / "records.json")
    records.enter("opera_house", "normal", run())
    beaten = records.enter("opera_house", "normal", run(ticks=5000, damage_taken=400, combo_hits=9, retries=0))
    assert beaten == {"time", "combo", "retries", "rank"}  # 75 points against 64
    best = records.best("opera_house", "normal")
    assert best is not None
    assert (best.ticks, best.damage_taken, best.combo_hits, best.retries) == (5000, 200, 9, 0)
    assert records.enter("opera_house", "normal", run(ticks=7000)) == frozenset()  # beats nothing


def test_a_crash_in_the_middle_of_writing_leaves_the_old_records(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.json"
    records = Records.load(path)
    records.enter("opera_house", "normal", run())
    records.save()
    before = path.read_bytes()

    def crash_halfway(file, text: str) -> None:  # type: ignore[no-untyped-def]
        file.write(text[: len(text) // 2])
        raise KeyboardInterrupt("the power went out")

    monkeypatch.setattr(saving, "_write_all", crash_halfway)
    records.enter("neon_alley", "normal", run())
    with pytest.raises(KeyboardInterrupt):
        records.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]  # no half-written leftovers
    assert Records.load(path).best("neon_alley", "normal") is None


def test_a_failed_rename_leaves_the_old_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "records.json"
    path.write_text(Records(path).text())
    before = path.read_bytes()

    def full_disk(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(records_module.os, "replace", full_disk)
    records = Records.load(path)
    records.enter("opera_house", "normal", run())
    with pytest.raises(OSError):
        records.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]


def test_whatever_is_saved_loads_again_even_from_absurd_runs(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    records = Records.load(path)
    records.enter("opera_house", "normal", run(retries=10**6, damage_taken=10**9, grace_earned=float("inf"),
                                               ticks=10**12, combo_hits=10**8))
    records.enter("x" * 255, "normal", run())
    records.enter("y" * 300, "normal", run())  # a name no file may hold: judged, not kept
    records.save()
    again = Records.load(path)
    assert again.problem is None and set(again.levels) == {"opera_house", "x" * 255}


def test_a_full_records_file_stays_within_what_may_be_read(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    records = Records.load(path)
    for n in range(records_module.MAX_LEVELS + 5):
        for difficulty in ("easy", "normal", "hard"):
            records.enter(f"{n:03d}" + "l" * 200, difficulty, run(grace_earned=123456.78))
    records.save()
    assert len(records.levels) == records_module.MAX_LEVELS
    assert path.stat().st_size < records_module.MAX_RECORDS_BYTES
    assert Records.load(path).problem is None


HOSTILE = {
    "junk": b"\x00\xff\xfe binary junk",
    "broken_json": b'{"levels": {"opera_house": ',
    "wrong_types": json.dumps({"levels": {"opera_house": {"normal": {"ticks": "fast"}}}}).encode(),
    "a_list": b"[1, 2, 3]",
    "nan": b'{"levels": {"x": {"normal": {"grace_earned": NaN}}}}',
    "foreign": json.dumps({"game": "tetris", "levels": {}}).encode(),
    "huge": b'{"levels": {}, "pad": "' + b"x" * (1100 * 1024) + b'"}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_broken_or_hostile_file_is_reported_and_treated_as_empty(tmp_path: Path, name: str) -> None:
    path = tmp_path / "records.json"
    path.write_bytes(HOSTILE[name])
    records = Records.load(path)
    assert records.problem is not None and str(path) in str(records.problem)
    assert records.levels == {}


def test_a_broken_file_is_kept_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_bytes(HOSTILE["wrong_types"])
    records = Records.load(path)
    assert "levels.opera_house.normal.ticks" in str(records.problem)  # the key path, for mending by hand
    records.enter("opera_house", "normal", run())
    records.save()
    assert (tmp_path / "records.json.broken").read_bytes() == HOSTILE["wrong_types"]
    assert Records.load(path).best("opera_house", "normal") is not None
    path.write_bytes(HOSTILE["junk"])  # broken again: the first broken file is not lost either
    records = Records.load(path)
    records.save()
    assert (tmp_path / "records.json.broken-2").read_bytes() == HOSTILE["junk"]
    assert (tmp_path / "records.json.broken").read_bytes() == HOSTILE["wrong_types"]


def test_a_folder_in_the_way_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "records.json").mkdir()
    assert Records.load(tmp_path / "records.json").problem is not None
