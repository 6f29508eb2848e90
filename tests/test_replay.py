"""Replays: a recorded fight plays out identically again, and no corrupt file is ever half-loaded."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import game
from game.data import ROOT
from game.data.bundle import load_bundle
from game.data.errors import DataError
from game.scripting import replay as replays
from game.scripting.replay import (
    CHECKPOINT_TICKS,
    Playback,
    Replay,
    ReplayRecorder,
    VerifyResult,
    build_world,
    load_replay,
    parse_replay,
    record_run,
    replay_frames,
    verify,
)
from game.sim.brains import RandomBrain
from game.sim.inputs import Button, InputFrame

ACADEMY = ROOT / "levels" / "academy.toml"
FIXTURES = ROOT / "tests" / "data" / "replays"
SEED = 1234


def random_frames(ticks: int, seed: int, level: Path = ACADEMY) -> list[InputFrame]:
    """A player mashing buttons, decided in a scratch world of its own.

    The brain draws from its world's RNG, which is part of the fight's state: asking it about the
    recorded world itself would change that fight in a way no replay can repeat.
    """
    scratch = load_bundle(level).world(seed=seed)
    brain = RandomBrain()
    frames = []
    for _ in range(ticks):
        frame = brain.decide(scratch, scratch.player)
        scratch.step({scratch.player_id: frame})
        frames.append(frame)
    return frames


@pytest.fixture(scope="module")
def ten_seconds() -> list[InputFrame]:
    return random_frames(10 * 60, SEED)


@pytest.fixture(scope="module")
def fight(ten_seconds: list[InputFrame]) -> Replay:
    return record_run(ACADEMY, SEED, ten_seconds)


def tampered(replay: Replay, tick: int, ticks: int = 30) -> Replay:
    """The same replay with the player walking right instead, from `tick` (1-based) for `ticks` ticks."""
    masks = [frame.held for frame in replay_frames(replay)]
    for i in range(tick - 1, min(tick - 1 + ticks, len(masks))):
        masks[i] = int(Button.RIGHT)
    runs: list[list[int]] = []
    for mask in masks:
        if runs and runs[-1][0] == mask:
            runs[-1][1] += 1
        else:
            runs.append([mask, 1])
    return Replay(replay.game_version, replay.level, replay.level_digest, replay.seed, replay.player,
                  replay.tick_count, tuple((m, c) for m, c in runs), replay.hashes)


# --- recording and verifying ---------------------------------------------------------------------

def test_recorded_fight_verifies_identical_after_save_and_load(fight: Replay, tmp_path: Path) -> None:
    path = tmp_path / "fight.json"
    fight.save(path)
    loaded = load_replay(path)
    assert loaded == fight
    assert loaded.source == str(path)
    result = verify(loaded)
    assert result.identical, result.describe()
    assert result.ticks == 600
    assert result.checkpoints == 600 // CHECKPOINT_TICKS
    assert result.first_mismatch is None and result.last_identical == 600
    assert result.warnings == ()
    assert result.describe().startswith("identical")


def test_same_replay_verifies_identical_in_a_new_process(fight: Replay, tmp_path: Path) -> None:
    path = tmp_path / "fight.json"
    fight.save(path)
    code = ("import sys; from game.scripting.replay import load_replay, verify; "
            "print(verify(load_replay(sys.argv[1])).describe())")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONHASHSEED": "random"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("identical: 600 ticks"), done.stdout


def test_the_file_is_plain_json_with_exactly_the_format_keys(fight: Replay, tmp_path: Path) -> None:
    path = tmp_path / "fight.json"
    fight.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["format", "version", "game_version", "level", "level_digest", "seed", "player",
                          "tick_count", "inputs", "hashes", "arena", "difficulty"]
    assert data["arena"] == "level"
    assert data["format"] == "ballerina-replay" and data["version"] == 1
    assert data["game_version"] == game.__version__
    assert data["level"] == "levels/academy.toml"  # relative to the checkout, so replays travel
    assert sum(count for _, count in data["inputs"]) == data["tick_count"] == 600
    assert sorted(map(int, data["hashes"])) == list(range(60, 601, 60))


def test_replay_frames_give_back_every_tick_recorded(fight: Replay, ten_seconds: list[InputFrame]) -> None:
    assert list(replay_frames(fight)) == ten_seconds
    assert len(fight.inputs) < len(ten_seconds)  # held buttons are run-length encoded


def test_tampered_input_drifts_at_the_first_checkpoint_after_it(fight: Replay) -> None:
    result = verify(tampered(fight, 301))
    assert not result.identical
    assert result.first_mismatch == 360
    assert result.last_identical == 300
    assert "differs at tick 360" in result.describe()


def test_tampering_the_last_tick_is_caught_by_the_final_hash(fight: Replay) -> None:
    result = verify(tampered(fight, 600))
    assert (result.first_mismatch, result.last_identical) == (600, 540)


def test_edited_level_file_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    level = tmp_path / "academy.toml"
    shutil.copy(ACADEMY, level)
    recorded = record_run(level, 5, random_frames(120, 5))
    assert recorded.level == level.resolve().as_posix()  # outside the checkout: kept absolute
    level.write_text(level.read_text(encoding="utf-8") + "\n# a comment changes the bytes, not the fight\n")
    result = verify(recorded)
    assert result.identical
    assert any("level file" in warning and "changed" in warning for warning in result.warnings)
    assert "warning:" in result.describe()


def test_another_game_version_is_a_warning(fight: Replay, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(game, "__version__", "9.9.9")
    result = verify(fight)
    assert result.identical
    assert result.warnings == (f"recorded with game version {fight.game_version}, this is 9.9.9",)


def test_f9_twice_gives_two_replays_of_the_same_fight(ten_seconds: list[InputFrame]) -> None:
    world = load_bundle(ACADEMY).world(seed=SEED)
    recorder = ReplayRecorder(ACADEMY, SEED)
    replays_saved = []
    for frame in ten_seconds:
        world.step({world.player_id: frame})
        recorder.record(frame, world)
        if world.tick in (250, 600):
            replays_saved.append(recorder.finish(world))
    early, late = replays_saved
    assert early.tick_count == 250 and dict(early.hashes)[250] and late.tick_count == 600
    assert 250 not in dict(late.hashes)  # the early snapshot's end is not a checkpoint of the whole fight
    assert verify(early).identical and verify(late).identical


def test_recorder_refuses_ticks_it_did_not_see(ten_seconds: list[InputFrame]) -> None:
    world = load_bundle(ACADEMY).world(seed=SEED)
    recorder = ReplayRecorder(ACADEMY, SEED)
    world.step({world.player_id: ten_seconds[0]})
    world.step({world.player_id: ten_seconds[1]})
    with pytest.raises(ValueError, match="expected world tick 1"):
        recorder.record(ten_seconds[1], world)
    with pytest.raises(ValueError, match="seed"):
        ReplayRecorder(ACADEMY, -1)


def test_playback_steps_the_fight_to_its_end(fight: Replay) -> None:
    playback = Playback(fight)
    ticks = 0
    while not playback.done:
        playback.step()
        ticks += 1
    assert ticks == fight.tick_count
    assert playback.first_mismatch is None and playback.last_identical == fight.tick_count
    assert playback.world.state_hash() == dict(fight.hashes)[fight.tick_count]


# --- refusing what is not a replay ---------------------------------------------------------------

CORRUPT = {
    "truncated.json": "broken JSON",
    "wrong_format.json": "not a Ballerina replay",
    "pickle.pkl": "binary data, not JSON text",
    "binary.bin": "binary data, not JSON text",
    "negative_count.json": "inputs[3][1]: found -3",
    "mask_out_of_range.json": "inputs[2][0]: found 1048576, expected a mask of Button bits",
    "counts_not_summing.json": "the counts add up to 185 ticks, expected tick_count 180",
    "huge_tick_count.json": "tick_count: found 1000000000000",
    "extra_key.json": "cheats: is not a known key",
    "future_version.json": "replay version 2 is not supported",
    "hash_past_end.json": "hashes.999: is past the end of the fight",
    "duplicate_key.json": "the key 'seed' appears twice",
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_corrupt_replay_is_refused_with_a_clear_message(name: str) -> None:
    with pytest.raises(DataError) as caught:
        load_replay(FIXTURES / name)
    message = str(caught.value)
    assert message.startswith(str(FIXTURES / name)), message
    assert CORRUPT[name] in message, message
    assert "Traceback" not in message and "pydantic" not in message


def test_good_fixture_loads_and_plays() -> None:
    good = load_replay(FIXTURES / "good.json")
    assert good.tick_count == 180 and good.player == "ballerina"
    assert good.arena == "level"  # written before replays had arenas: a level is what it always meant
    assert isinstance(verify(good), VerifyResult)  # the sim may change; the file must still load and run


def test_oversized_file_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replays, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_text("[" + "0," * 1000 + "0]")
    with pytest.raises(DataError, match="more than a replay may be"):
        load_replay(path)


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="file not found"):
        load_replay(tmp_path / "nothing.json")
    with pytest.raises(DataError, match="is a folder"):
        load_replay(tmp_path)


def test_missing_level_names_the_replay_and_the_level(fight: Replay) -> None:
    moved = Replay(fight.game_version, "levels/nowhere.toml", fight.level_digest, fight.seed, fight.player,
                   fight.tick_count, fight.inputs, fight.hashes, "fights/last.json")
    with pytest.raises(DataError) as caught:
        verify(moved)
    assert str(caught.value).startswith("fights/last.json: level: the level file levels/nowhere.toml is not found")


def test_unknown_fighter_names_the_nearest_one(fight: Replay) -> None:
    other = Replay(fight.game_version, fight.level, fight.level_digest, fight.seed, "ballerinna",
                   fight.tick_count, fight.inputs, fight.hashes, "x.json")
    with pytest.raises(DataError, match="did you mean 'ballerina'"):
        build_world(other)


# --- saving --------------------------------------------------------------------------------------

def test_saving_is_atomic(fight: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fight.json"
    path.write_text("the old replay")

    def crash(src: object, dst: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        fight.save(path)
    assert path.read_text() == "the old replay"
    assert [p.name for p in tmp_path.iterdir()] == ["fight.json"]  # no half-written file left behind


def test_saved_file_has_ordinary_permissions(fight: Replay, tmp_path: Path) -> None:
    path = tmp_path / "fight.json"
    fight.save(path)
    probe = tmp_path / "probe"
    probe.write_text("")
    assert path.stat().st_mode == probe.stat().st_mode


# --- fuzzing: any mutation is either still a replay or a DataError, nothing else -----------------

GOOD_TEXT = (FIXTURES / "good.json").read_text(encoding="utf-8")
GOOD = json.loads(GOOD_TEXT)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
int_like = st.integers(-(2**66), 2**66) | st.sampled_from([0, 1, 180, 511, 512, 1 << 20, -1])


MUTATIONS = ["replace", "delete", "add", "input", "hash", "tick_count", "valid", "valid", "valid"]


@st.composite
def mutated_tables(draw: st.DrawFn) -> dict:
    data = json.loads(GOOD_TEXT)
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(MUTATIONS))
        key = draw(st.sampled_from(sorted(GOOD)))
        if kind == "replace" and key in data:
            data[key] = draw(json_values)
        elif kind == "delete":
            data.pop(key, None)
        elif kind == "add":
            data[draw(st.text(max_size=12))] = draw(json_values)
        elif kind == "input" and isinstance(data.get("inputs"), list) and data["inputs"]:
            run = draw(st.integers(0, len(data["inputs"]) - 1))
            data["inputs"][run] = [draw(int_like), draw(int_like)][: draw(st.integers(0, 3))]
        elif kind == "hash" and isinstance(data.get("hashes"), dict):
            data["hashes"][draw(st.text(max_size=6) | st.integers(-5, 500).map(str))] = draw(json_values)
        elif kind == "tick_count":
            data["tick_count"] = draw(int_like)
        elif kind == "valid":  # still a well-formed replay, of another fight: verify must cope
            key, value = draw(st.sampled_from([
                ("seed", draw(st.integers(0, 2**64 - 1))),
                ("game_version", draw(st.text(min_size=1, max_size=10))),
                ("level", draw(st.sampled_from(["levels/nowhere.toml", "/", "levels", "assets/moves/ballerina.toml"]))),
                ("player", draw(st.sampled_from(["ballerina", "training_dummy", "nobody"]))),
                ("hashes", {**GOOD["hashes"], "120": "0" * 32}),
            ]))
            data[key] = value
    return data


def _load_or_refuse(text: str | bytes) -> None:
    try:
        replay = parse_replay(text, "fuzz.json")
    except DataError as error:
        assert str(error).startswith("fuzz.json")
        return
    assert sum(count for _, count in replay.inputs) == replay.tick_count
    with contextlib.suppress(DataError):  # a level or fighter that is not there
        assert isinstance(verify(replay), VerifyResult)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_tables())
def test_mutated_replay_table_is_a_replay_or_a_data_error(data: dict) -> None:
    _load_or_refuse(json.dumps(data))


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(GOOD_TEXT)), st.integers(0, 40), st.binary(max_size=8))
def test_mutated_replay_bytes_are_a_replay_or_a_data_error(at: int, cut: int, insert: bytes) -> None:
    raw = GOOD_TEXT.encode()
    _load_or_refuse(raw[:at] + insert + raw[at + cut :])


def test_a_combo_test_kept_as_a_replay_plays_out_identically(tmp_path: Path) -> None:
    path = tmp_path / "storm.json"
    replays.record_combo(ROOT / "tests" / "combos" / "fouette_storm.toml").save(path)
    kept = load_replay(path)
    assert kept.arena == "combo" and kept.level == "tests/combos/fouette_storm.toml"
    assert verify(kept).identical
    world = build_world(kept)
    assert [f.archetype for f in world.fighters] == ["ballerina", "training_dummy"]  # the test's cast


def test_a_replay_of_a_combo_test_is_not_a_replay_of_its_arena(tmp_path: Path) -> None:
    kept = replays.record_combo(ROOT / "tests" / "combos" / "fouette_storm.toml")
    as_level = Replay(kept.game_version, "levels/academy.toml", replays.level_digest(ACADEMY), kept.seed,
                      kept.player, kept.tick_count, kept.inputs, kept.hashes, arena="level")
    assert not verify(as_level).identical  # the arena key matters: the test places its own dummy


def test_the_benchmark_fight_kept_as_a_replay_plays_out_identically(tmp_path: Path) -> None:
    from game.bench import WARM_UP, record_bench

    path = tmp_path / "bench.json"
    record_bench(120).save(path)
    kept = load_replay(path)
    assert kept.arena == "bench" and kept.tick_count == WARM_UP + 120
    assert len(build_world(kept).fighters) == 21
    assert verify(kept).identical


def test_a_replay_keeps_the_difficulty_it_was_danced_on(tmp_path):
    from game.scripting.replay import load_replay, record_run, verify
    from game.sim.inputs import InputFrame

    level = ROOT / "levels" / "academy.toml"
    frames = [InputFrame.of("light")] * 3 + [InputFrame()] * 60
    replay = record_run(level, 3, frames, difficulty="hard")
    path = tmp_path / "hard.json"
    replay.save(path)
    again = load_replay(path)
    assert again.difficulty == "hard"
    assert verify(again).identical
