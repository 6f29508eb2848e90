"""The enemy cast as data: every archetype loads, its moves fit its body, bosses have phases, waves use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.data import ASSETS, LEVELS
from game.data.bundle import load_bundle
from game.data.errors import DataError
from game.data.fighters import FighterSpec, load_archetype
from game.data.loading import validate
from game.data.poses import check_move_poses, load_pose_set
from game.render.skeleton import sample, solve

ENEMIES = sorted(p.stem for p in (ASSETS / "enemies").glob("*.toml"))
CAST = ("thug", "knife_fighter", "gunman", "brute", "assassin", "director", "gang_boss")
BOSSES = {"opera_house": "director", "neon_alley": "gang_boss"}
REACH_SLACK = 48.0  # px a hitbox may reach past the posed body: a blade, a cane, a cape's swirl
MIN_STARTUP = 6  # frames: no enemy attack lands faster than this (a fair chance to guard or parry)
MAX_TOTAL = 90  # frames: no enemy move keeps him busy for longer than a second and a half


def moves_of(name: str):  # type: ignore[no-untyped-def]
    archetype = load_archetype(name)
    assert archetype.moves is not None, name
    return archetype.moves.moves


# --- the cast loads ------------------------------------------------------------------------------


def test_the_whole_cast_is_there_each_with_its_own_look():
    assert set(CAST) <= set(ENEMIES)
    looks = {name: load_archetype(name).spec.look for name in CAST}
    assert len(set(looks.values())) == len(CAST), looks


@pytest.mark.parametrize("name", ENEMIES)
def test_every_enemy_loads_and_every_pose_its_moves_name_exists(name: str):
    archetype = load_archetype(name)
    pose_set = load_pose_set(ASSETS / "poses" / f"{archetype.spec.poses}.toml")
    if archetype.moves is not None:
        assert check_move_poses(archetype.moves, pose_set) == []


def test_the_brute_shrugs_off_light_hits_and_the_others_do_not():
    ballerina = moves_of("ballerina")
    armour = load_archetype("brute").spec.armour
    assert ballerina["battement"].hits[0].damage < armour < ballerina["arabesque"].hits[0].damage
    assert all(load_archetype(name).spec.armour == 0 for name in CAST if name != "brute")
    charge = moves_of("brute")["charge"]
    assert charge.armour > max(h.damage for move in ballerina.values() for h in move.hits if not move.finisher)


def test_grabs_go_through_a_guard_and_no_other_brawlers_blow_does():
    brawlers = [name for name in CAST if load_archetype(name).spec.moves != "ballerina"]
    unblockable = {(name, move_id) for name in brawlers for move_id, move in moves_of(name).items()
                   if any(hit.unblockable for hit in move.hits)}
    assert {("thug", "grab"), ("brute", "bear_hug"), ("gang_boss", "headlock")} == unblockable


def test_the_knife_fighter_and_the_gunman_can_get_out_of_reach():
    for name in ("knife_fighter", "gunman", "director", "gang_boss"):
        tactics = load_archetype(name).spec.tactics
        assert tactics.retreat is not None
        backstep = moves_of(name)[tactics.retreat]
        assert backstep.input == "dodge" and not backstep.hits
        assert all(m.velocity[0] < 0 for m in backstep.motion), name
    assert load_archetype("gunman").spec.tactics.keep_distance
    assert load_archetype("gunman").spec.tactics.range > 3 * load_archetype("thug").spec.tactics.range


# --- frame data and hitboxes ---------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in CAST if n != "assassin"])
def test_enemy_frame_data_is_fair(name: str):
    for move_id, move in moves_of(name).items():
        where = f"{name}.{move_id}"
        assert move.total <= MAX_TOTAL, where
        if move.hits:
            assert move.startup >= MIN_STARTUP, where
        for hit in move.hits:
            assert hit.guard_frames <= hit.hitstun, where
            assert 0 < hit.damage <= 120, where
            if hit.unblockable:
                assert hit.effect == "trip", f"{where}: a grab throws her down"


@pytest.mark.parametrize("name", [n for n in CAST if n != "assassin"])
def test_hitboxes_reach_in_front_of_the_body_and_no_further_than_its_blow(name: str):
    archetype = load_archetype(name)
    pose_set = load_pose_set(ASSETS / "poses" / f"{archetype.spec.poses}.toml")
    front = archetype.spec.size[0] / 2
    for move_id, move in moves_of(name).items():
        for i, hit in enumerate(move.hits):
            frames = range(hit.frames[0], hit.frames[1] + 1)
            farthest = max(max(solve(pose_set.body, sample(move.poses, f, pose_set.poses)).xs) for f in frames)
            for x, _, w, _ in hit.boxes:
                where = f"{name}.{move_id}.hits[{i}]"
                assert x + w > front, f"{where} never reaches past his own front ({front} px)"
                assert x + w <= farthest + REACH_SLACK, f"{where} reaches {x + w} px, his blow only {farthest:.0f}"
                if hit.direction == "forward":
                    assert x >= 0, f"{where} starts behind him"


def test_the_frame_data_table_lists_every_enemy_move(capsys: pytest.CaptureFixture[str]):
    assert main(["frames", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    listed = {(row["fighter"], row["move"]) for row in rows}
    for name in CAST:
        assert {(name, move_id) for move_id in moves_of(name)} <= listed


def test_each_boss_has_a_three_move_string_on_hit():
    for boss in ("director", "gang_boss"):
        moves = moves_of(boss)
        strings = [
            (first, second, third)
            for first, move in moves.items()
            for second in {t for c in move.cancels if c.on_hit for t in c.into}
            for third in {t for c in moves[second].cancels if c.on_hit for t in c.into if t in moves}
        ]
        assert strings, boss


# --- bosses and their phases ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["director", "gang_boss"])
def test_a_boss_keeps_moves_back_until_its_phases_begin(name: str):
    spec = load_archetype(name).spec
    assert spec.boss and len(spec.phases) >= 2
    assert all(phase.moves and phase.announce for phase in spec.phases)
    kept_back = {move for phase in spec.phases for move in phase.moves}
    assert spec.locked_moves(1.0) == kept_back and spec.locked_moves(0.01) == frozenset()
    assert spec.phase_at(1.0) == 0 and spec.phase_at(0.01) == len(spec.phases)
    assert spec.tactics_at(0.01).aggression > spec.tactics_at(1.0).aggression
    assert spec.health > max(load_archetype(n).spec.health for n in CAST if not load_archetype(n).spec.boss)


def test_phases_begin_at_their_fraction_and_only_change_what_they_say():
    spec = FighterSpec(
        name="Boss", health=100, boss=True, tactics={"aggression": 0.5, "guard": 0.2, "range": 90},
        phases=[{"below": 0.6, "aggression": 0.8, "moves": ["a"]}, {"below": 0.3, "guard": 0.7, "moves": ["b"]}],
    )
    assert [spec.phase_at(f) for f in (1.0, 0.61, 0.6, 0.31, 0.3, 0.0)] == [0, 0, 1, 1, 2, 2]
    assert spec.locked_moves(0.5) == {"b"}
    assert (spec.tactics_at(0.5).aggression, spec.tactics_at(0.5).guard) == (0.8, 0.2)
    assert (spec.tactics_at(0.2).aggression, spec.tactics_at(0.2).guard, spec.tactics_at(0.2).range) == (0.8, 0.7, 90)


# --- broken enemy files --------------------------------------------------------------------------


def refusal(table: dict) -> str:
    with pytest.raises(DataError) as caught:
        validate(FighterSpec, table, "assets/enemies/oops.toml")
    return str(caught.value)


def test_phases_on_a_fighter_that_is_not_a_boss_are_refused():
    message = refusal({"name": "Thug", "health": 10, "phases": [{"below": 0.5}]})
    assert "phases: only a boss has phases" in message


def test_phases_out_of_order_and_bad_fractions_are_refused_with_their_key_paths():
    message = refusal({"name": "B", "health": 10, "boss": True, "phases": [{"below": 0.3}, {"below": 0.6}]})
    assert "phases: must go from the highest `below` down" in message
    message = refusal({"name": "B", "health": 10, "boss": True, "phases": [{"below": 1.5}]})
    assert "phases[0].below" in message
    message = refusal({"name": "B", "health": 10, "tactics": {"aggression": 2, "gaurd": 0.5}})
    assert "tactics.aggression" in message and "tactics.gaurd: is not a known key" in message


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    copy = tmp_path / "assets"
    shutil.copytree(ASSETS, copy)
    return copy


def test_an_unknown_move_in_a_phase_names_the_file_key_and_nearest_move(assets: Path):
    path = assets / "enemies" / "director.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('moves = ["finale"]', 'moves = ["finalle"]'))
    with pytest.raises(DataError) as caught:
        load_archetype("director", assets)
    message = str(caught.value)
    assert str(path) in message and "phases[1].moves[0]" in message and "did you mean 'finale'?" in message


def test_an_unknown_retreat_move_names_the_file_and_key(assets: Path):
    path = assets / "enemies" / "gunman.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('retreat = "backstep"', 'retreat = "back_step"'))
    with pytest.raises(DataError) as caught:
        load_archetype("gunman", assets)
    assert str(path) in str(caught.value) and "tactics.retreat" in str(caught.value)
    assert "did you mean 'backstep'?" in str(caught.value)


# --- the story levels send the cast --------------------------------------------------------------


@pytest.mark.parametrize(("level", "boss"), BOSSES.items())
def test_a_story_level_sends_a_growing_mix_and_ends_with_its_boss(level: str, boss: str):
    bundle = load_bundle(LEVELS / f"{level}.toml")
    waves = bundle.level.waves
    assert bundle.level.goal.kind == "defeat_boss"
    last = waves[-1].enemies
    assert [e.kind for e in last if e.boss] == [boss] and bundle.archetypes[boss].spec.boss
    for wave in waves[:-1]:
        assert not any(e.boss or bundle.archetypes[e.kind].spec.boss for e in wave.enemies), wave.name
    kinds = [{e.kind for e in wave.enemies} for wave in waves[:-1]]
    assert len(set().union(*kinds)) >= 4, "the cast, not one archetype"
    sizes = [len(wave.enemies) for wave in waves[:-1]]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
    assert all(len(k) >= 2 for k in kinds[1:]), "every wave after the first is a mix"
