"""What a level's view holds in memory: no plain surface the size of a story level, a budget for the
plain pixels it keeps, the level select's pictures leaving no painting behind, and the thrifty light
map and changing lights giving back exactly what was painted. Counted in bytes of surfaces, not RSS.

Figures when these were written (after 30 frames at the spawn): plain pixels 46 MiB in the Opera
House's view, 68 MiB in the Neon Alley's (268 and 320 before the light map was banded, the changing
lights' steps made when wanted and the plain copy of the scenery dropped).
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pygame
import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.levels import LightSpec
from game.render import lights, stage
from game.render.camera import VIEW_H, VIEW_W, Camera
from game.render.lights import FLICKER_LEVELS, STEPS_FORGET, Lighting, LightMap, look_key
from game.render.view import WorldView
from game.sim.world import DT

STORY_LEVELS = ("opera_house", "neon_alley")
PLAIN_BUDGET = 96 * 2**20  # bytes of plain (unpacked) pixels a story level's view may hold
LEVEL_SHARE = 0.25  # the largest plain surface a story level's view holds, as a share of the level's area


def held_surfaces(root: object) -> list[pygame.Surface]:
    """Every surface reachable from `root` (a subsurface counts as the surface it is part of)."""
    seen: set[int] = set()
    found: dict[int, pygame.Surface] = {}
    todo = [root]
    while todo:
        thing = todo.pop()
        if id(thing) in seen or isinstance(thing, (str, bytes, int, float, type)):
            continue
        seen.add(id(thing))
        if isinstance(thing, pygame.Surface):
            whole = thing.get_abs_parent()
            found[id(whole)] = whole
        elif isinstance(thing, dict):
            todo.extend(thing.values())
        elif isinstance(thing, (list, tuple, set, frozenset)):
            todo.extend(thing)
        else:
            todo.extend(getattr(thing, "__dict__", {}).values())
            todo.extend(getattr(thing, name) for name in getattr(type(thing), "__slots__", ()) if hasattr(thing, name))
    return list(found.values())


def size_of(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


def packed(surface: pygame.Surface) -> bool:
    return bool(surface.get_flags() & pygame.RLEACCELOK)


@pytest.fixture(scope="module")
def story_views():
    """A view of each story level after a second at the spawn, its world beside it."""
    pygame.display.init()
    pygame.font.init()
    views = {}
    for name in STORY_LEVELS:
        bundle = load_bundle(LEVELS / f"{name}.toml")
        world = bundle.world(seed=1)
        view = WorldView(world.level, bundle.pose_sets)
        canvas = pygame.Surface((VIEW_W, VIEW_H))
        for _ in range(30):
            view.update(world, world.step({}), DT)
            view.draw(canvas, world)
        views[name] = view
    return views


@pytest.mark.parametrize("name", STORY_LEVELS)
def test_a_story_levels_view_keeps_no_plain_surface_the_size_of_the_level(story_views, name):
    view = story_views[name]
    width, height = view.level.size
    plain = [s for s in held_surfaces(view) if not packed(s)]
    largest = max(plain, key=lambda s: s.get_width() * s.get_height())
    assert largest.get_width() * largest.get_height() < LEVEL_SHARE * width * height, largest


@pytest.mark.parametrize("name", STORY_LEVELS)
def test_a_story_levels_view_holds_its_plain_pixels_within_budget(story_views, name):
    plain = sum(size_of(s) for s in held_surfaces(story_views[name]) if not packed(s))
    assert plain < PLAIN_BUDGET, f"{plain / 2**20:.0f} MiB of plain pixels"


def test_a_level_preview_leaves_no_painting_behind():
    from game.app.catalogue import PREVIEW_SIZE, render_preview

    bundle = load_bundle(LEVELS / "academy.toml")
    level = bundle.level.model_copy(update={"spawn": (bundle.level.spawn[0], 0.25)})  # a look nobody has
    picture = render_preview(dataclasses.replace(bundle, level=level))
    assert picture.get_size() == PREVIEW_SIZE
    key = look_key(level)
    assert key not in stage._PAINTED and key not in lights._BAKED
    assert all(s.level is not level for s in stage._LAST_PAINTED)


def test_the_banded_light_map_lays_out_the_map_as_painted():
    rng = np.random.default_rng(3)
    painted = pygame.Surface((700, 500))
    painted.fill((40, 40, 60))
    for _ in range(6):  # a few pools of light, the rest the plain dark
        x, y = rng.integers(0, 650), rng.integers(0, 450)
        pygame.draw.circle(painted, (200, 180, 90), (int(x), int(y)), int(rng.integers(10, 60)))
    expected = pygame.surfarray.array3d(painted).copy()
    light_map = LightMap(painted, (40, 40, 60))
    assert light_map.held() < size_of(painted)
    for at in ((0, 0), (-123, -77), (37, 19)):
        target = pygame.Surface((400, 300))
        target.fill((255, 0, 255))
        light_map.lay(target, at)
        got = pygame.surfarray.array3d(target)
        x, y = max(0, at[0]), max(0, at[1])
        w, h = min(400, at[0] + 700) - x, min(300, at[1] + 500) - y
        assert (got[x:x + w, y:y + h] == expected[x - at[0]:x - at[0] + w, y - at[1]:y - at[1] + h]).all()
        assert (got[x + w:, :] == (255, 0, 255)).all() and (got[:, y + h:] == (255, 0, 255)).all()


def test_a_changing_light_makes_its_dimmer_steps_when_seen_and_forgets_them_out_of_view():
    academy = load_bundle(LEVELS / "academy.toml").level
    candle = LightSpec(kind="candle", at=(600, 200), color=(255, 176, 86), radius=120, flicker=0.5)
    lighting = Lighting(academy.model_copy(update={"lights": [candle]}), random.Random(1), keep=False)
    canvas = pygame.Surface((VIEW_W, VIEW_H))
    near, far = Camera(600, 300), Camera(2400 + 2000, 300)
    for _ in range(90):
        lighting.update(DT)
        lighting.apply(canvas, near, [])
    made = [step for step in lighting.steps[0] if step is not None]
    assert 1 < len(made) < FLICKER_LEVELS  # the steps it has been seen at, not all ten up front
    for _ in range(2 * STEPS_FORGET):  # looked for every STEPS_FORGET frames
        lighting.update(DT)
        lighting.apply(canvas, far, [])
    assert 0 not in lighting.steps
