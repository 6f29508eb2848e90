"""The world view, tested by rendering: draw headless and look at the pixels where it matters."""

from __future__ import annotations

import pygame
import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.render.hud import COMBO_AREA
from game.render.view import WorldView, benchmark_frame_ms
from game.scripting.filmstrip import pose_sets_of
from game.sim import events as ev
from game.sim.inputs import Button, InputFrame
from game.sim.world import DT, World

ACADEMY = LEVELS / "academy.toml"


@pytest.fixture(scope="module")
def bundle():
    pygame.init()
    return load_bundle(ACADEMY)


@pytest.fixture
def world(bundle) -> World:
    return bundle.world(seed=1)


def view_of(world: World) -> WorldView:
    """A view of the world with the pose sets of its fighters."""
    return WorldView(world.level, pose_sets_of(world))


def settled(world: World, ticks: int = 20) -> World:
    for _ in range(ticks):
        world.step({})
    return world


def drawn(view: WorldView, world: World) -> pygame.Surface:
    canvas = pygame.Surface((1280, 720))
    view.draw(canvas, world)
    return canvas


def still_view(world: World, x: float, y: float) -> WorldView:
    """A view whose camera is put at (x, y) by hand, without shake."""
    view = view_of(world)
    view.camera.x, view.camera.y = x, y
    return view


def hit_on_dummy(world: World, **changes) -> ev.Hit:
    dummy = world.fighters[1]
    fields = dict(tick=world.tick, attacker=world.player_id, target=dummy.id, move="battement", hit_index=0,
                  damage=40, hitstun=17, hitstop=6, effect="stagger", x=dummy.x, y=dummy.y + 100, impulse=400.0,
                  combo_hits=3, combo_damage=120, counter=False, slash=False)
    fields.update(changes)
    return ev.Hit(**fields)


def test_a_frame_of_the_academy_draws_and_is_not_uniform(world):
    view = view_of(world)
    view.update(world, settled(world).events, DT)
    pixels = pygame.surfarray.array3d(drawn(view, world))
    assert pixels.std() > 10
    assert len({tuple(p) for p in pixels[::97, ::53].reshape(-1, 3)}) > 20


def test_the_ballerina_is_drawn_where_the_camera_puts_her(bundle, world):
    settled(world)
    me = world.player
    without_her = World(world.level, bundle.archetypes, player=None)
    settled(without_her)
    view = still_view(world, me.x, me.y + 200)
    with_her = pygame.surfarray.array3d(drawn(view, world)).astype(int)
    empty = pygame.surfarray.array3d(drawn(still_view(world, me.x, me.y + 200), without_her)).astype(int)
    sx, sy = (round(v) for v in view.camera.to_screen(me.x, me.y + 40))
    change = abs(with_her - empty).sum(axis=2)
    assert (change[sx - 20:sx + 20, sy - 40:sy + 10] > 30).mean() > 0.2  # her legs
    assert (change[sx - 20:sx + 20, sy - 460:sy - 420] > 30).mean() < 0.01  # the wall high above her


def test_the_debug_overlay_draws_red_where_a_hitbox_is_active(world):
    settled(world)
    for tick in range(30):
        world.step({world.player_id: InputFrame(Button.LIGHT if tick == 0 else 0)})
        if world.player.active_hitboxes():
            break
    boxes = world.player.active_hitboxes()
    assert boxes, "the battement never reached its active frames"
    view = still_view(world, world.player.x, world.player.y + 200)
    view.show_debug = True
    pixels = pygame.surfarray.array3d(drawn(view, world)).astype(int)
    left, top, w, h = (round(v) for v in view.camera.rect(*boxes[0]))
    inside = pixels[left:left + w, top:top + h]
    red = (inside[..., 0] > 180) & (inside[..., 1] < 90) & (inside[..., 2] < 90)
    assert red.sum() > w + h
    view.show_debug = False
    plain = pygame.surfarray.array3d(drawn(view, world)).astype(int)[left:left + w, top:top + h]
    assert ((plain[..., 0] > 180) & (plain[..., 1] < 90) & (plain[..., 2] < 90)).sum() < red.sum() / 4


def test_a_hit_throws_sparks_and_shakes_the_camera(world):
    view = view_of(world)
    view.update(world, settled(world).events, DT)
    assert view.particles.live == 0 and view.shake == 0
    view.update(world, [hit_on_dummy(world)], DT)
    assert view.particles.live > 5
    assert view.shake > 0
    assert (view.camera.shake_x, view.camera.shake_y) != (0.0, 0.0)
    for _ in range(120):
        view.update(world, [], DT)
    assert view.shake == 0 and view.particles.live == 0


def test_the_hud_shows_the_combo_counter_after_hits(world):
    view = view_of(world)
    settled(world)
    view.update(world, [], DT)

    def combo_area() -> pygame.Surface:
        canvas = pygame.Surface((1280, 720))
        view.hud.draw(canvas, world)
        return pygame.surfarray.array3d(canvas.subsurface(COMBO_AREA)).astype(int)

    before = combo_area()
    view.update(world, [hit_on_dummy(world, combo_hits=1), hit_on_dummy(world, combo_hits=2)], DT)
    after = combo_area()
    assert (abs(after - before).sum(axis=2) > 60).sum() > 200


def test_drawing_never_changes_the_world(world):
    settled(world)
    view = view_of(world)
    view.show_debug = True
    before = world.state_hash()
    for _ in range(3):
        view.update(world, [hit_on_dummy(world, counter=True)], DT)
        drawn(view, world)
    assert world.state_hash() == before


def test_benchmark_frame_ms_measures_a_few_frames():
    ms = benchmark_frame_ms(ACADEMY, 3)
    assert isinstance(ms, float) and ms > 0


def test_the_hud_shows_the_beat_a_first_hit_should_land_on(bundle):
    from game.render.hud import BAR_H, BAR_W, GOLD, GOLD_DIM, Hud

    world = bundle.world(seed=1)
    beat = world.choreo.beat_ticks
    spot = (36 + int(BAR_W * 0.7) + 70, 30 + BAR_H + 14)
    seen = {}
    for tick in (round(beat * 4), round(beat * 4.5)):  # on a beat, and halfway between two
        world.tick = tick
        canvas = pygame.Surface((1280, 720))
        Hud().draw(canvas, world)
        seen[world.choreo.on_beat(tick)] = tuple(canvas.get_at(spot))[:3]
    assert seen == {True: GOLD, False: GOLD_DIM}  # bright on the beat, a dim dot between beats


def test_the_hud_leaves_a_fallen_rival_for_the_next_opponent_standing():
    from helpers import stage

    from game.render.hud import RIVAL_AFTER_KO, Hud

    world = stage("sparring_partner", gap=60, also=[("training_dummy", 300.0)])
    hud = Hud()
    fallen, other = world.fighters[1], world.fighters[2]
    hud.opponent = fallen.id
    fallen.set_state("ko")
    assert hud.rival(world) is fallen  # its bar empties on screen for a while
    fallen.state_ticks = RIVAL_AFTER_KO + 1
    assert hud.rival(world) is other
    other.set_state("ko")
    assert hud.rival(world) is None
