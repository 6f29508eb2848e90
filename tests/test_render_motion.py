"""Motion and impact, tested by rendering: afterimages of spins, the tutu's flare, shake, the camera's
punch-in and framing, the grand jeté's split, and the alley's neon at any zoom."""

from __future__ import annotations

import math

import pygame
import pytest

from game.data import ASSETS, LEVELS
from game.data.bundle import load_bundle
from game.data.moves import load_moves
from game.render.camera import VIEW_H, VIEW_W, Punch
from game.render.enemies import Tail
from game.render.fighters import _tutu, tutu_sway
from game.render.skeleton import ANKLE, HIP, LEG_FAR, LEG_NEAR, Posture, sample, solve
from game.render.stage import stage_for
from game.render.view import WorldView
from game.sim import events as ev
from game.sim.inputs import Button, InputFrame
from game.sim.world import DT, World

ACADEMY = LEVELS / "academy.toml"


@pytest.fixture(scope="module")
def keys():
    """The ballerina's moves' pose keys, by move."""
    return {name: move.poses for name, move in load_moves(ASSETS / "moves" / "ballerina.toml").moves.items()}


@pytest.fixture(scope="module")
def bundle():
    pygame.init()
    return load_bundle(ACADEMY)


@pytest.fixture
def world(bundle) -> World:
    world = bundle.world(seed=1)
    for _ in range(20):
        world.step({})
    return world


def view_of(bundle, world: World) -> WorldView:
    view = WorldView(world.level, bundle.pose_sets)
    view.update(world, [], DT)
    return view


def play(view: WorldView, world: World, presses: dict[int, int], ticks: int) -> None:
    """Step the world `ticks` times, pressing `presses[i]` on tick i, the view watching."""
    for i in range(ticks):
        events = world.step({world.player_id: InputFrame(presses.get(i, 0))})
        view.update(world, events, DT)


def glow_near_her(view: WorldView, world: World) -> int:
    """How many pixels round her get brighter when the trails are drawn than when they are not."""
    me = world.player
    canvas = pygame.Surface((VIEW_W, VIEW_H))
    view.camera.shake_x = view.camera.shake_y = 0.0
    view.draw(canvas, world)
    with_trails = pygame.surfarray.array3d(canvas).astype(int)
    ghosts, sweeps = view.trails.ghosts, view.trails.sweeps
    view.trails.ghosts, view.trails.sweeps = {}, {}
    view.draw(canvas, world)
    view.trails.ghosts, view.trails.sweeps = ghosts, sweeps
    without = pygame.surfarray.array3d(canvas).astype(int)
    sx, sy = (round(v) for v in view.camera.to_screen(me.x, me.y))
    around = (slice(max(0, sx - 140), sx + 140), slice(max(0, sy - 220), sy + 20))
    return int(((with_trails - without)[around].sum(axis=2) > 40).sum())


def test_a_pirouette_leaves_afterimages_that_fade(bundle, world):
    view = view_of(bundle, world)
    play(view, world, {0: Button.SPIN}, 12)  # two turns on pointe, well under way
    assert view.trails.ghosts.get(world.player_id), "a fast turn leaves afterimages"
    assert glow_near_her(view, world) > 150
    play(view, world, {}, 45)  # the turn is over and its afterimages have faded
    assert view.trails.live == 0
    assert glow_near_her(view, world) == 0


def test_walking_leaves_no_afterimage(bundle, world):
    view = view_of(bundle, world)
    play(view, world, dict.fromkeys(range(30), Button.RIGHT), 30)
    assert view.trails.live == 0


def test_the_pirouettes_knife_sweeps_an_arc(bundle, world):
    view = view_of(bundle, world)
    play(view, world, {0: Button.SPIN}, 19)  # the slash out of the turn
    sweep = view.trails.sweeps.get(world.player_id)
    assert sweep and len(sweep) >= 2
    tips = [step.tip for step in sweep]
    assert math.dist(tips[0], tips[-1]) > 20  # the tip travels: an arc, not a dot


def test_a_spin_is_read_from_the_keys(bundle, keys):
    """The skeleton says how fast she turns: a turn in five frames is 72 degrees a frame."""
    poses = bundle.pose_sets["ballerina"].poses
    assert sample(keys["pirouette"], 9, poses).spin == pytest.approx(72.0)
    assert sample(keys["pirouette"], 2, poses).spin == 0.0  # the preparation does not turn
    idle = bundle.pose_sets["ballerina"].states["idle"]
    assert sample(idle.keys, 30, poses, idle.frames).spin == 0.0


def test_a_turning_tutu_flares_out(bundle):
    pose_set = bundle.pose_sets["ballerina"]
    surface = pygame.Surface((400, 400))

    def tutu_width(spin: float) -> float:
        figure = solve(pose_set.body, Posture(pose_set.poses["passe"], spin=spin))
        points = [(200 + x, 300 - y) for x, y in zip(figure.xs, figure.ys, strict=True)]
        tail = Tail()
        tail.follow(0.0, 0.0, 1, 0)
        import numpy as np

        outline = _tutu(surface, np.array(points), 1.0, tutu_sway(tail, figure), 0)
        xs = [x for x, _ in outline]
        return max(xs) - min(xs)

    assert tutu_width(72.0) > tutu_width(0.0) * 1.2


def test_the_tutu_lags_behind_a_run():
    """Running right, the hem sways the other way, and keeps swaying a moment after she stops."""
    from game.render.skeleton import Figure

    figure = Figure((0.0,), (0.0,), True, 1, False)
    tail = Tail()
    tail.follow(0.0, 0.0, 1, 0)
    assert tutu_sway(tail, figure)[0] == pytest.approx(0.0)
    for tick in range(1, 4):
        tail.follow(500.0, 0.0, 1, tick)
    early = tutu_sway(tail, figure)[0]
    for tick in range(4, 40):
        tail.follow(500.0, 0.0, 1, tick)
    running = tutu_sway(tail, figure)[0]
    assert running < early < 0.0  # it takes a moment to trail fully
    tail.follow(0.0, 0.0, 1, 40)
    assert tutu_sway(tail, figure)[0] < 0.0  # stopped: still swinging back


def test_shake_grows_with_the_blow_and_dies_away(bundle, world):
    def shake_after(impulse: float) -> float:
        view = view_of(bundle, world)
        dummy = world.fighters[1]
        hit = ev.Hit(tick=world.tick, attacker=world.player_id, target=dummy.id, move="arabesque", hit_index=0,
                     damage=80, hitstun=24, hitstop=10, effect="push", x=dummy.x, y=dummy.y + 90,
                     impulse=impulse, combo_hits=1, combo_damage=80, counter=False, slash=False)
        view.update(world, [hit], DT)
        return view.shake

    assert shake_after(650.0) > shake_after(100.0) > 0.0
    view = view_of(bundle, world)
    view.shake = 20.0
    for _ in range(90):
        view.update(world, [], DT)
    assert view.shake == 0.0 and (view.camera.shake_x, view.camera.shake_y) == (0.0, 0.0)


def test_a_ko_punches_the_camera_in_and_it_eases_back_to_the_levels_zoom(bundle, world):
    view = view_of(bundle, world)
    level_zoom = world.level.camera.zoom
    assert view.camera.zoom == level_zoom
    dummy = world.fighters[1]
    view.update(world, [ev.KO(tick=world.tick, fighter=dummy.id, by=world.player_id, x=dummy.x, y=dummy.y)], DT)
    zooms = []
    for _ in range(90):
        view.update(world, [], DT)
        zooms.append(view.camera.zoom)
    assert max(zooms) > level_zoom * 1.1  # closed in
    assert zooms.index(max(zooms)) < 20  # quickly
    assert zooms[-1] == level_zoom  # and exactly back


def test_a_weaker_punch_does_not_cut_a_stronger_one_short():
    punch = Punch()
    punch.start(0.0, 0.0, 0.16)
    punch.update(0.1)
    punch.start(50.0, 0.0, 0.05)
    assert punch.strength == 0.16 and punch.x == 0.0


def test_the_camera_keeps_two_spread_fighters_in_view(bundle, world):
    me, dummy = world.player, world.fighters[1]
    dummy.place(400.0, dummy.y)
    me.place(1450.0, me.y)
    me.facing = 1  # she faces away from him
    view = view_of(bundle, world)
    view.snapped = False
    play(view, world, {}, 240)  # four seconds to settle
    camera = view.camera
    for fighter in (me, dummy):
        sx, _ = camera.to_screen(fighter.x, fighter.y)
        assert 0 < sx < VIEW_W, f"fighter {fighter.id} off screen at x {sx:.0f}"
    assert camera.zoom < world.level.camera.zoom  # widened for the spread-out fight
    _, bottom = camera.to_world(0, VIEW_H)
    assert bottom >= -200  # never below the floor (its slab runs 200 px down)


def test_the_camera_is_still_at_rest(bundle, world):
    view = view_of(bundle, world)
    play(view, world, {}, 120)
    before = (view.camera.x, view.camera.y, view.camera.zoom)
    play(view, world, {}, 30)
    after = (view.camera.x, view.camera.y, view.camera.zoom)
    assert max(abs(a - b) for a, b in zip(before, after, strict=True)) < 0.05


def test_the_grand_jete_opens_into_a_full_split_at_its_apex(bundle, keys):
    pose_set = bundle.pose_sets["ballerina"]
    figure = solve(pose_set.body, sample(keys["grand_jete"], 12, pose_set.poses))

    def leg_direction(first: int) -> float:
        (hx, hy), (ax, ay) = figure.point(first + HIP), figure.point(first + ANKLE)
        return math.degrees(math.atan2(ay - hy, ax - hx))

    between = abs(leg_direction(LEG_NEAR) - leg_direction(LEG_FAR)) % 360
    assert min(between, 360 - between) == pytest.approx(180, abs=12)


class SteadyLights:
    """Every light at full brightness, time standing still (for drawing the alley's neon)."""

    time = 0.0

    @staticmethod
    def brightness(index: int) -> float:
        return 1.0


@pytest.mark.parametrize("zoom", [1.0, 1.15, 0.8])
def test_the_alleys_neon_and_its_reflections_draw_at_any_zoom(zoom):
    alley = load_bundle(LEVELS / "neon_alley.toml").level
    near = [light for light in alley.lights if light.at[0] < 1600]
    small = alley.model_copy(update={"size": (1600, 900), "lights": near, "layers": [], "props": [],
                                     "platforms": [p for p in alley.platforms if p.rect[0] < 1600]})
    stage = stage_for(small)
    assert stage.signs and stage.mirrors
    _, box, _ = stage.signs[0]  # its top-left corner and size, world px (y up)
    view = WorldView(small, {})
    camera = view.camera
    camera.x, camera.y, camera.zoom = box.centerx, box.y - 200, zoom
    canvas = pygame.Surface((VIEW_W, VIEW_H))
    before = pygame.surfarray.array3d(canvas).astype(int)
    stage.draw_lit(canvas, camera, SteadyLights())  # type: ignore[arg-type]
    lit = pygame.surfarray.array3d(canvas).astype(int) - before
    sx, sy = (round(v) for v in camera.to_screen(box.centerx, box.y - box.h / 2))
    assert (lit[sx - 40:sx + 40, sy - 30:sy + 30].sum(axis=2) > 60).sum() > 40  # the sign's tubes
    floor_y = round(camera.to_screen(0, 0)[1])
    assert (lit[:, floor_y:].sum(axis=2) > 30).sum() > 100  # its light in the puddles


def test_a_knocked_out_body_tumbles_while_it_flies_and_lies_once_it_lands():
    from types import SimpleNamespace

    from game.data import ASSETS
    from game.data.poses import load_pose_set
    from game.render.skeleton import pose_at

    poses = load_pose_set(ASSETS / "poses" / "brawler.toml")
    flying = SimpleNamespace(state="ko", grounded=False, move=None, state_ticks=20, move_frame=0)
    landed = SimpleNamespace(state="ko", grounded=True, move=None, state_ticks=80, move_frame=0)
    juggling = SimpleNamespace(state="juggle", grounded=False, move=None, state_ticks=20, move_frame=0)
    assert pose_at(flying, poses, 0) == pose_at(juggling, poses, 0)
    assert pose_at(landed, poses, 0) != pose_at(flying, poses, 0)


def test_running_into_a_wall_stands_still_instead_of_running_on_the_spot():
    from types import SimpleNamespace

    from game.data import ASSETS
    from game.data.poses import load_pose_set
    from game.render.skeleton import pose_at

    poses = load_pose_set(ASSETS / "poses" / "ballerina.toml")
    stuck = SimpleNamespace(state="run", grounded=True, move=None, state_ticks=7, move_frame=0, vx=0.0)
    running = SimpleNamespace(state="run", grounded=True, move=None, state_ticks=7, move_frame=0, vx=540.0)
    idle = SimpleNamespace(state="idle", grounded=True, move=None, state_ticks=7, move_frame=0, vx=0.0)
    assert pose_at(stuck, poses, 30) == pose_at(idle, poses, 30)
    assert pose_at(running, poses, 30) != pose_at(idle, poses, 30)
