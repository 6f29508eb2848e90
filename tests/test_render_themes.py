"""The themes, tested by rendering: the opera and the alley draw, every layer and prop kind paints,
the rain follows the weather, neon flickers by its pattern, and watching never changes the world."""

from __future__ import annotations

import pygame
import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.levels import LAYER_KINDS, PROP_KINDS, LayerSpec, LevelSpec, LightSpec, PropSpec, WeatherSpec
from game.render.camera import Camera
from game.render.lights import Lighting, pattern_level
from game.render.props import PropPainter
from game.render.themes.common import LAYER_PAINTERS, ParallaxLayer
from game.render.view import WorldView
from game.render.weather import Weather
from game.scripting.filmstrip import pose_sets_of
from game.sim.props import Prop
from game.sim.world import DT

STORY_LEVELS = ("opera_house.toml", "neon_alley.toml")


@pytest.fixture(scope="module")
def academy() -> LevelSpec:
    pygame.init()
    return load_bundle(LEVELS / "academy.toml").level


@pytest.fixture(scope="module", params=STORY_LEVELS)
def story(request):
    """A story level's world and a view of it after a few ticks (each level painted once for the module)."""
    pygame.init()
    bundle = load_bundle(LEVELS / request.param)
    world = bundle.world(seed=1)
    view = WorldView(world.level, pose_sets_of(world))
    for _ in range(5):
        view.update(world, world.step({}), DT)
    return world, view


def test_each_story_level_draws_a_varied_frame(story):
    world, view = story
    canvas = pygame.Surface((1280, 720))
    view.draw(canvas, world)
    pixels = pygame.surfarray.array3d(canvas)
    assert pixels.std() > 10
    assert len({tuple(p) for p in pixels[::61, ::37].reshape(-1, 3)}) > 40


def test_every_layer_kind_has_a_painter_and_paints(academy):
    assert set(LAYER_KINDS) <= set(LAYER_PAINTERS)
    for kind in LAYER_KINDS:
        layer = ParallaxLayer(LayerSpec(kind=kind, depth=0.5, height=300, density=0.8), academy)
        painted = pygame.mask.from_threshold(layer.strip, (2, 1, 3), (1, 1, 1, 255))
        assert painted.count() < layer.strip.get_width() * layer.strip.get_height(), kind


def test_every_prop_kind_draws_in_both_shapes():
    pygame.init()
    painter = PropPainter()
    camera = Camera(0, 100)
    canvas = pygame.Surface((1280, 720))
    for i, kind in enumerate(PROP_KINDS):
        for shape in ("box", "round"):
            prop = Prop(i, PropSpec(kind=kind, at=(0, 40), size=(80, 60), shape=shape))
            prop.body.angle = 0.4
            canvas.fill((0, 0, 0))
            painter.draw(canvas, camera, [prop])
            painter.draw_lit(canvas, camera, [prop], tick=1)
            assert pygame.mask.from_threshold(canvas, (0, 0, 0), (1, 1, 1, 255)).count() < 1280 * 720, kind


def test_rain_falls_only_when_the_weather_says_so(academy):
    camera = Camera(1000, 300)
    import random

    wet = Weather(academy.model_copy(update={"weather": WeatherSpec(rain=0.6, wind=0.5)}), random.Random(1))
    dry = Weather(academy, random.Random(1))
    for _ in range(90):
        wet.update(DT, camera)
        dry.update(DT, camera)
    assert wet.drops > 100 and dry.drops == 0
    assert (wet.splash[:, 2] < 1.0).any()  # some drops reached the floor and splashed
    canvas = pygame.Surface((1280, 720))
    wet.draw(canvas, camera)
    assert pygame.surfarray.array3d(canvas).max() > 0


def test_a_neon_light_with_a_pattern_blinks_as_written(academy):
    import random

    neon = LightSpec(kind="neon", at=(500, 400), color=(255, 40, 200), radius=120, pattern="zzzzzaaaaa")
    lighting = Lighting(academy.model_copy(update={"lights": [neon]}), random.Random(1))
    seen = []
    for _ in range(60):
        lighting.update(DT)
        seen.append(lighting.brightness(0))
    assert max(seen) == 1.0 and min(seen) == 0.0
    assert pattern_level("az", 0.0) == 0.0 and pattern_level("az", 0.1) == 1.0  # ten letters a second


def test_drawing_a_story_level_never_changes_the_world(story):
    world, view = story
    before = world.state_hash()
    canvas = pygame.Surface((1280, 720))
    for x in (600, 3000, 6000):
        view.camera.x = x
        view.update(world, [], DT)
        view.draw(canvas, world)
    assert world.state_hash() == before
    view.snapped = False  # the camera comes back to her on the next update


def test_the_camera_stays_inside_the_level_bounds(story):
    _world, view = story
    level = view.level
    bounds = level.camera.bounds or (-60, -170, level.size[0] + 60, level.size[1] + 100)
    x, y = view.clamp(-5000, -5000)
    assert x - 640 / view.camera.zoom >= bounds[0] - 1e-6 and y - 360 / view.camera.zoom >= bounds[1] - 1e-6
    x, y = view.clamp(99999, 99999)
    assert x + 640 / view.camera.zoom <= bounds[2] + 1e-6 and y + 360 / view.camera.zoom <= bounds[3] + 1e-6
