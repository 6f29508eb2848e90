"""The camera never shows past the level: shake and a punch-in easing out stay inside its bounds, and shake
pressed against a bound still jolts the picture (inward)."""

from __future__ import annotations

import pygame
import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.render.camera import VIEW_H, VIEW_W, Camera
from game.render.view import PUNCH_KO, SHAKE_MAX, WorldView
from game.sim.world import DT

ALLEY = LEVELS / "neon_alley.toml"
WIDE = 0.8  # a spread-out fight's zoom: at it the alley's view rests on its floor and its left wall
EPS = 1e-6  # canvas px of float noise allowed at a bound


@pytest.fixture(scope="module")
def alley():
    pygame.init()
    return load_bundle(ALLEY)


def alley_view(alley, zoom: float | None = None):
    """The alley's world and its view, the ballerina on the floor by the left wall where she starts."""
    world = alley.world(seed=1)
    view = WorldView(world.level, alley.pose_sets)
    if zoom is not None:
        view.camera.zoom = zoom
    view.update(world, [], DT)
    return world, view


def corner_on_screen(camera: Camera, bounds: tuple) -> tuple[float, float]:
    """Where the alley's bottom-left corner (the floor slab's underside at the left wall) is drawn."""
    return camera.to_screen(bounds[0], bounds[1])


def test_strongest_shake_never_shows_below_the_alley_floor_or_past_its_left_wall(alley):
    world, view = alley_view(alley, WIDE)
    bounds = world.level.camera.bounds
    assert corner_on_screen(view.camera, bounds) == pytest.approx((0.0, VIEW_H))  # pressed into the corner
    xs, ys = [], []
    for _ in range(240):
        view.shake = SHAKE_MAX
        view.update(world, [], DT)
        sx, sy = corner_on_screen(view.camera, bounds)
        assert sx <= EPS, f"the level's left edge shows {sx:.1f} px inside the screen"
        assert sy >= VIEW_H - EPS, f"{VIEW_H - sy:.1f} px under the floor slab show at the bottom"
        xs.append(sx)
        ys.append(sy)
    assert max(xs) - min(xs) > 0.8 * SHAKE_MAX  # it still shakes, sideways...
    assert max(ys) - min(ys) > 0.8 * SHAKE_MAX * 0.7  # ...and up and down


def test_punch_easing_out_by_the_left_wall_never_shows_past_it(alley):
    world, view = alley_view(alley)
    bounds = world.level.camera.bounds
    me = world.player
    view.punch.start(me.x, me.y, PUNCH_KO)
    drawn_in = 0.0
    for _ in range(90):  # in, hold, and the whole way out
        view.update(world, [], DT)
        sx, sy = corner_on_screen(view.camera, bounds)
        drawn_in = min(drawn_in, sx)
        assert sx <= EPS, f"the level's left edge shows {sx:.1f} px inside the screen at zoom {view.camera.zoom:.3f}"
        assert sy >= VIEW_H - EPS
    assert drawn_in < -30.0  # the punch did pull the view off the wall before easing back against it
    assert view.camera.zoom == 1.0


ALLEY_BOUNDS = (0.0, -200.0, 8200.0, 1400.0)


def pressed(side: str, zoom: float) -> Camera:
    """A camera pressed against one bound of the alley, halfway along it."""
    left, bottom, right, top = ALLEY_BOUNDS
    half_w, half_h = VIEW_W / 2 / zoom, VIEW_H / 2 / zoom
    x, y = {
        "left": (left + half_w, 600.0),
        "right": (right - half_w, 600.0),
        "bottom": (4100.0, bottom + half_h),
        "top": (4100.0, top - half_h),
    }[side]
    return Camera(x, y, zoom)


@pytest.mark.parametrize("zoom", [0.78, 1.0, 1.16])
@pytest.mark.parametrize("side", ["left", "right", "bottom", "top"])
def test_shake_pressed_on_a_bound_jolts_inward_as_far_and_never_shows_past_it(side, zoom):
    for shake_x in (-SHAKE_MAX, -7.0, 0.0, 7.0, SHAKE_MAX):
        for shake_y in (-15.0, -4.0, 0.0, 4.0, 15.0):
            camera = pressed(side, zoom)
            camera.shake_x, camera.shake_y = shake_x, shake_y
            camera.hold_within(ALLEY_BOUNDS)
            left, top = camera.to_screen(ALLEY_BOUNDS[0], ALLEY_BOUNDS[3])
            right, bottom = camera.to_screen(ALLEY_BOUNDS[2], ALLEY_BOUNDS[1])
            assert left <= EPS and top <= EPS and right >= VIEW_W - EPS and bottom >= VIEW_H - EPS
            assert abs(camera.shake_x) == pytest.approx(abs(shake_x))
            assert abs(camera.shake_y) == pytest.approx(abs(shake_y))


def test_shake_away_from_the_bounds_is_left_as_it_is():
    camera = Camera(4100.0, 600.0, 1.0)
    camera.shake_x, camera.shake_y = SHAKE_MAX, -15.0
    camera.hold_within(ALLEY_BOUNDS)
    assert (camera.x, camera.y, camera.shake_x, camera.shake_y) == (4100.0, 600.0, SHAKE_MAX, -15.0)


def test_a_level_narrower_than_the_view_keeps_its_framing_and_its_shake():
    camera = Camera(500.0, 600.0, 1.0)
    camera.shake_x, camera.shake_y = 12.0, -9.0
    camera.hold_within((0.0, -200.0, 1000.0, 1400.0))  # 1000 px wide: both walls show whatever happens
    assert (camera.x, camera.shake_x) == (500.0, 12.0)
    assert (camera.y, camera.shake_y) == (600.0, -9.0)
