"""Pose sets and the skeleton: every move's pose exists, bad pose files are refused clearly, keyframes
blend as written, the grand jeté is a split, facing mirrors, and a painted fighter stays in her place."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from game.data import ASSETS, ROOT
from game.data.bundle import load_bundle
from game.data.checking import check_file
from game.data.errors import DataError
from game.data.fighters import known_archetypes, load_archetype
from game.data.moves import PoseKey
from game.data.poses import ANGLES, ANIMATED_STATES, Pose, PoseSet, check_move_poses, load_pose_set
from game.render.camera import Camera
from game.render.painter import FighterPainter, draw_pose
from game.render.skeleton import ANKLE, HIP_JOINT, LEG_FAR, LEG_NEAR, Posture, blend, pose_at, sample, solve
from game.sim.fighter import STATES
from game.sim.moves import Move

ACADEMY = ROOT / "levels" / "academy.toml"
POSES = ASSETS / "poses"
SMALL_POSE_FILE = """
[poses.fifth]
leg_near = { thigh = 3, foot = 88 }

[poses.plie]
like = "fifth"
leg_near = { thigh = 40, shin = 60 }
"""


@pytest.fixture(scope="module")
def ballerina() -> PoseSet:
    return load_pose_set(POSES / "ballerina.toml")


def _states(pose: str) -> str:
    return "".join(f'\n[states.{state}]\nkeys = [{{ frame = 1, pose = "{pose}" }}]\n' for state in ANIMATED_STATES)


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "poses"
    folder.mkdir(exist_ok=True)
    path = folder / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_pose_set(path)
    return str(caught.value)


def _pose(name: str, **angles: float) -> Pose:
    return Pose(name, tuple(float(angles.get(joint.replace(".", "_"), 0.0)) for joint in ANGLES))


def _key(frame: int, pose: str, ease: str = "inout", turn: float = 0.0) -> PoseKey:
    return PoseKey(frame=frame, pose=pose, ease=ease, turn=turn)


# --- the shipped data --------------------------------------------------------------------------------


def test_every_pose_a_shipped_move_names_exists_in_its_fighters_pose_set():
    for name in known_archetypes():
        archetype = load_archetype(name)
        pose_set = load_pose_set(POSES / f"{archetype.spec.poses}.toml")
        if archetype.moves is not None:
            assert check_move_poses(archetype.moves, pose_set) == [], name


def test_every_fighter_state_but_move_has_an_animation():
    assert set(ANIMATED_STATES) == set(STATES) - {"move"}
    for path in POSES.glob("*.toml"):
        assert set(load_pose_set(path).states) == set(ANIMATED_STATES), path.name


def test_check_validates_pose_files(tmp_path):
    for path in POSES.glob("*.toml"):
        assert check_file(path) == "poses"
    broken = _write(tmp_path, SMALL_POSE_FILE.replace("thigh = 40", "thigh = 'high'") + _states("fifth"))
    with pytest.raises(DataError, match=r"poses\.plie\.leg_near\.thigh"):
        check_file(broken)


def test_the_bundle_carries_a_pose_set_for_every_fighter_in_the_level():
    bundle = load_bundle(ACADEMY)
    for archetype in bundle.archetypes.values():
        assert archetype.spec.poses in bundle.pose_sets


# --- refusing broken files ---------------------------------------------------------------------------


def test_a_small_pose_file_loads_and_like_fills_the_joints_it_leaves_out(tmp_path):
    pose_set = load_pose_set(_write(tmp_path, SMALL_POSE_FILE + _states("plie")))
    plie = pose_set.poses["plie"]
    assert plie.angle("leg_near.thigh") == 40
    assert plie.angle("leg_near.foot") == 88  # from fifth


def test_an_unknown_joint_is_refused_with_its_key_path(tmp_path):
    path = _write(tmp_path, SMALL_POSE_FILE.replace("shin = 60", "knee = 60") + _states("fifth"))
    message = _refusal(path)
    assert str(path) in message
    assert "poses.plie.leg_near.knee" in message and "not a known key" in message


def test_an_angle_that_is_not_a_number_is_refused_with_its_key_path(tmp_path):
    path = _write(tmp_path, SMALL_POSE_FILE.replace("thigh = 40", 'thigh = "forty"') + _states("fifth"))
    message = _refusal(path)
    assert str(path) in message and "poses.plie.leg_near.thigh" in message and "'forty'" in message


def test_a_state_naming_a_missing_pose_is_refused_with_a_suggestion(tmp_path):
    path = _write(tmp_path, SMALL_POSE_FILE + _states("plei"))
    message = _refusal(path)
    assert "states.idle.keys[0].pose" in message and "did you mean 'plie'?" in message


def test_a_missing_state_and_an_unknown_like_are_refused(tmp_path):
    states = _states("fifth").replace("[states.ko]", "[states.kay_oh]")
    text = SMALL_POSE_FILE.replace('like = "fifth"', 'like = "fith"') + states
    message = _refusal(_write(tmp_path, text))
    assert "poses.plie.like" in message and "did you mean 'fifth'?" in message
    assert "states.ko: is missing" in message
    assert "states.kay_oh" in message


def test_load_bundle_refuses_a_move_file_naming_a_missing_pose(tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS, assets)
    moves = assets / "moves" / "ballerina.toml"
    text = moves.read_text(encoding="utf-8")
    pirouette = text.index("[moves.pirouette]")
    first_passe = text.index('pose = "passe"', pirouette)
    moves.write_text(text[:first_passe] + 'pose = "pase"' + text[first_passe + len('pose = "passe"') :])
    with pytest.raises(DataError) as caught:
        load_bundle(ACADEMY, assets=assets)
    message = str(caught.value)
    assert str(moves) in message
    assert "moves.pirouette.poses[1].pose" in message and "did you mean 'passe'?" in message


# --- blending keyframes ------------------------------------------------------------------------------


def test_at_a_keyframe_the_pose_is_the_key_itself():
    poses = {"a": _pose("a", torso=10, leg_near_thigh=30), "b": _pose("b", torso=-20, leg_near_thigh=90)}
    keys = [_key(1, "a"), _key(11, "b", "linear")]
    assert sample(keys, 1, poses).pose.angles == poses["a"].angles
    assert sample(keys, 11, poses).pose.angles == poses["b"].angles
    assert sample(keys, 40, poses).pose.angles == poses["b"].angles  # the last key holds after the end


def test_halfway_between_two_linear_keys_is_the_mean():
    poses = {"a": _pose("a", torso=10, leg_near_thigh=30), "b": _pose("b", torso=-20, leg_near_thigh=90)}
    halfway = sample([_key(1, "a", turn=0), _key(11, "b", "linear", turn=360)], 6, poses)
    assert halfway.pose.angle("torso") == pytest.approx(-5)
    assert halfway.pose.angle("leg_near.thigh") == pytest.approx(60)
    assert halfway.turn == pytest.approx(180)  # turns are not wrapped: a pirouette goes all the way round


def test_a_hold_key_keeps_the_previous_pose_until_it_arrives():
    poses = {"a": _pose("a", torso=10), "b": _pose("b", torso=40)}
    keys = [_key(1, "a"), _key(9, "b", "hold")]
    assert [sample(keys, f, poses).pose.angle("torso") for f in (1, 5, 8, 9)] == [10, 10, 10, 40]


def test_angles_blend_the_short_way_round():
    a, b = _pose("a", head=350), _pose("b", head=10)
    assert blend(a, b, 0.5).angle("head") % 360 == pytest.approx(0)


def test_a_looping_state_wraps_back_to_its_first_key(ballerina):
    walk = ballerina.states["walk"]
    first = sample(walk.keys, 1, ballerina.poses, walk.frames).pose.angles
    assert sample(walk.keys, 1 + walk.frames, ballerina.poses, walk.frames).pose.angles == first


# --- the skeleton ------------------------------------------------------------------------------------


def _thigh_direction(figure, leg: int) -> float:
    (hx, hy), (ax, ay) = figure.point(leg + HIP_JOINT), figure.point(leg + ANKLE)
    return math.degrees(math.atan2(ay - hy, ax - hx))


def test_the_grand_jete_apex_is_a_split(ballerina):
    grand_jete = load_archetype("ballerina").moves.moves["grand_jete"]
    apex = next(key.frame for key in grand_jete.poses if key.pose == "grand_jete")
    figure = solve(ballerina.body, sample(grand_jete.poses, apex, ballerina.poses))
    apart = abs(_thigh_direction(figure, LEG_NEAR) - _thigh_direction(figure, LEG_FAR))
    assert min(apart, 360 - apart) == pytest.approx(180, abs=15)


def test_facing_left_mirrors_every_joint(ballerina):
    posture = Posture(ballerina.poses["arabesque"], turn=30, tilt=10)
    right, left = solve(ballerina.body, posture, 1), solve(ballerina.body, posture, -1)
    assert left.xs == pytest.approx([-x for x in right.xs])
    assert left.ys == pytest.approx(right.ys)


def test_a_turn_foreshortens_the_figure_and_past_90_degrees_shows_her_other_side(ballerina):
    arabesque = ballerina.poses["arabesque"]
    width = [max(f.xs) - min(f.xs) for f in (solve(ballerina.body, Posture(arabesque, turn=t)) for t in (0, 90))]
    assert width[1] < width[0] / 3  # edge-on, the long line of the arabesque nearly vanishes
    assert solve(ballerina.body, Posture(arabesque, turn=60)).near_in_front
    assert not solve(ballerina.body, Posture(arabesque, turn=120)).near_in_front


def test_the_lowest_point_of_a_grounded_pose_rests_on_the_floor_so_a_plie_sinks(ballerina):
    def top_of_head(name: str) -> float:
        return max(solve(ballerina.body, Posture(ballerina.poses[name])).ys)

    assert top_of_head("plie_deep") < top_of_head("plie") < top_of_head("fifth") < top_of_head("releve_up")


def test_a_fighter_in_a_move_shows_the_moves_keys(ballerina):
    pirouette = Move("pirouette", load_archetype("ballerina").moves.moves["pirouette"])
    fighter = SimpleNamespace(state="move", move=pirouette, move_frame=11, state_ticks=10)
    posture = pose_at(fighter, ballerina, tick=0)
    assert posture.pose.name == "passe" and posture.turn == 360


# --- painting ----------------------------------------------------------------------------------------


def _changed(before: pygame.Surface, after: pygame.Surface, rect: pygame.Rect) -> int:
    return sum(
        before.get_at((x, y)) != after.get_at((x, y))
        for x in range(max(0, rect.left), min(after.get_width(), rect.right), 2)
        for y in range(max(0, rect.top), min(after.get_height(), rect.bottom), 2)
    )


@pytest.mark.parametrize("archetype", ["ballerina", "training_dummy"])
def test_a_painted_fighter_changes_pixels_in_her_hurtbox_and_none_far_away(archetype):
    bundle = load_bundle(ACADEMY)
    world = bundle.world(seed=1)
    fighter = next(f for f in world.fighters if f.archetype == archetype)
    camera = Camera(fighter.x, fighter.y + 75, zoom=1.0)
    surface = pygame.Surface((1280, 720))
    surface.fill((6, 6, 10))
    blank = surface.copy()
    FighterPainter(bundle.pose_sets).draw(surface, camera, fighter, tick=0)
    left, top, width, height = camera.rect(*fighter.hurtbox())
    hurtbox = pygame.Rect(round(left), round(top), round(width), round(height))
    assert _changed(blank, surface, hurtbox) > 150
    near = hurtbox.inflate(120, 60)
    screen = surface.get_rect()
    left_side, right_side = screen.clip(0, 0, near.left, 720), screen.clip(near.right, 0, 1280, 720)
    for far in (left_side, right_side, screen.clip(0, 0, 1280, near.top)):
        assert _changed(blank, surface, far) == 0


def test_draw_pose_scales_with_zoom(ballerina):
    sizes = []
    for zoom in (1.0, 2.0):
        surface = pygame.Surface((400, 500))
        draw_pose(surface, (200, 460), ballerina, Posture(ballerina.poses["fifth"]), zoom=zoom)
        rows = pygame.surfarray.array3d(surface).any(axis=(0, 2)).nonzero()[0]
        sizes.append(rows[-1] - rows[0])
    assert sizes[1] == pytest.approx(2 * sizes[0], rel=0.1)
