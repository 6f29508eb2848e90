"""The enemies on screen, tested by rendering: every look in every state, silhouettes that stand out
from the opera's gold and velvet and the alley's wet dark, coats that swing, the boss's bar, and the
sparks of a guard, a parry and an armour plate."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from game.data import LEVELS
from game.data.bundle import load_bundle
from game.data.levels import ActorSpec
from game.render.enemies import CLOTH_HANG, Tail
from game.render.hud import BOSS_BAR
from game.render.painter import LOOKS, STAND_INS, FighterPainter, draw_pose
from game.render.particles import ARC, STAR
from game.render.skeleton import Posture
from game.render.view import WorldView
from game.sim import events as ev
from game.sim.fighter import STATES
from game.sim.world import DT, World

CAST = ("thug", "knife_fighter", "gunman", "brute", "assassin", "director", "gang_boss")
ENEMY_LOOKS = ("thug", "knife", "gunman", "brute", "assassin", "director", "boss")
FAR = 760.0  # px from the ballerina: out of her follow spot and the rival's, only the rim light on him
BAND_PX = 170  # px between two enemies in a row, and the width of the band of the picture each is judged in
EDGE_CONTRAST = 30  # least median luminance step across a silhouette's edge, 0..255 (unlit in the alley: ~13)


@pytest.fixture(scope="module")
def bundles():
    pygame.display.init()
    pygame.font.init()
    return {name: load_bundle(LEVELS / f"{name}.toml", extra=CAST) for name in ("opera_house", "neon_alley")}


@pytest.fixture(scope="module")
def views(bundles):
    """A view of each shipped level (its lights baked once), to look at worlds with other casts."""
    return {name: WorldView(bundle.level, bundle.pose_sets) for name, bundle in bundles.items()}


def look_at(view: WorldView, fighter) -> WorldView:
    view.camera.x, view.camera.y, view.camera.zoom = fighter.x, fighter.y + 80, 1.0
    return view


def cast_world(bundle, names, gap: float = 150.0, first: float = 150.0) -> World:
    """The level with the ballerina at its spawn and `names` standing in a row to her right."""
    x0, y0 = bundle.level.spawn
    actors = [ActorSpec(archetype=n, at=(x0 + first + gap * i, y0), facing="left", brain="stand")
              for i, n in enumerate(names)]
    level = bundle.level.model_copy(update={"actors": actors, "waves": []})
    world = World(level, bundle.archetypes, seed=1, choreography=bundle.choreography)
    for _ in range(30):
        world.step({})
    return world


def luminance(surface: pygame.Surface) -> np.ndarray:
    rgb = pygame.surfarray.array3d(surface).astype(float)
    return rgb @ np.array([0.299, 0.587, 0.114])


def test_every_look_draws_every_state_of_every_pose_set(bundles, views):
    world = cast_world(bundles["opera_house"], CAST)
    painter = FighterPainter(bundles["opera_house"].pose_sets)
    camera = views["opera_house"].camera
    surface = pygame.Surface((1280, 720))
    states = [s for s in STATES if s != "move"] + list(STAND_INS)
    for fighter in world.fighters[1:]:
        camera.x, camera.y = fighter.x, fighter.y + 80
        for state in states:
            fighter.state, fighter.state_ticks = state, 7
            surface.fill((0, 0, 0))
            painter.draw(surface, camera, fighter, tick=7)
            sx, sy = (round(v) for v in camera.to_screen(fighter.x, fighter.y))
            drawn = pygame.surfarray.array3d(surface)[sx - 90:sx + 90, sy - 260:sy + 40].any(axis=2).sum()
            assert drawn > 1500, f"{fighter.spec.look} in {state} left {drawn} px"
    for pose_set in bundles["opera_house"].pose_sets.values():
        for look in LOOKS:
            for pose in pose_set.poses.values():
                draw_pose(surface, (640, 600), pose_set, Posture(pose, 30.0, 10.0), look=look, velocity=(300.0, -200.0))


def edge_contrast(with_him: pygame.Surface, without: pygame.Surface) -> float:
    """Median luminance step across the outline of what `with_him` adds to `without`."""
    inside = np.abs(pygame.surfarray.array3d(with_him).astype(int) - pygame.surfarray.array3d(without)).sum(axis=2) > 24
    light = luminance(with_him)
    steps = []
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        outside = np.roll(~inside, (dx, dy), axis=(0, 1))  # the neighbour (x - dx, y - dy) is background
        edge = inside & outside
        neighbour = np.roll(light, (dx, dy), axis=(0, 1))
        steps.append(np.abs(light - neighbour)[edge])
    steps = np.concatenate(steps)
    assert steps.size > 100, "the figure left almost no outline"
    return float(np.median(steps))


@pytest.mark.parametrize("level", ["opera_house", "neon_alley"])
def test_rim_light_keeps_every_silhouette_distinct_from_the_background_far_from_the_spot(bundles, views, level):
    world = cast_world(bundles[level], CAST, gap=BAND_PX, first=FAR)
    enemies = world.fighters[1:]
    view = views[level]
    view.show_hud = False
    view.camera.x, view.camera.y, view.camera.zoom = (enemies[0].x + enemies[-1].x) / 2, enemies[0].y + 200, 1.0
    pictures = []
    for shown in (enemies, []):
        canvas = pygame.Surface((1280, 720))
        view.draw_fighters = lambda surface, world, shown=shown: _draw_only(view, surface, world, shown)
        view.draw(canvas, world)
        pictures.append(canvas)
    del view.draw_fighters
    view.show_hud = True
    for enemy in enemies:
        sx = round(view.camera.to_screen(enemy.x, enemy.y)[0])
        band = pygame.Rect(sx - BAND_PX // 2, 0, BAND_PX, 720)
        contrast = edge_contrast(*(picture.subsurface(band) for picture in pictures))
        assert contrast >= EDGE_CONTRAST, f"the {enemy.spec.look} fades into the {level}: edge contrast {contrast:.0f}"


def _draw_only(view: WorldView, surface: pygame.Surface, world: World, fighters: list) -> None:
    view.fighters.new_frame()
    for fighter in fighters:
        view.fighters.draw(surface, view.camera, fighter, world.tick)


def test_a_coat_swings_past_its_rest_and_back_when_the_fighter_stops_and_turns():
    tail = Tail()
    for tick in range(60):
        tail.follow(500.0, 0.0, 1, tick)  # running right: the hem trails to the left
    assert tail.xs[2] < -10
    tips = []
    for tick in range(60, 180):
        tail.follow(0.0, 0.0, -1, tick)  # stopped, turned left: at rest it hangs CLOTH_HANG px to the right
        tips.append(tail.xs[2])
    assert max(tips) > CLOTH_HANG + 1.0, "the hem never swung past where it comes to rest"
    assert tips[-1] == pytest.approx(CLOTH_HANG, abs=0.5)
    tail.follow(500.0, 0.0, 1, 10)  # a scrub back in time settles the cloth at once
    assert tail.xs == [tail.xs[0]] * 3 and tail.vxs == [0.0] * 3


def test_the_director_tears_off_his_cape_in_his_first_phase(bundles, views):
    world = cast_world(bundles["opera_house"], ["director"])
    director = world.fighters[1]
    painter = FighterPainter(bundles["opera_house"].pose_sets)
    camera = look_at(views["opera_house"], director).camera
    inked = []
    for share in (1.0, director.spec.phases[0].below - 0.05):
        director.health = int(director.spec.health * share)
        surface = pygame.Surface((1280, 720))
        painter.draw(surface, camera, director, world.tick)
        inked.append(pygame.surfarray.array3d(surface).any(axis=2).sum())
    assert inked[1] < inked[0] * 0.85


def test_the_boss_bar_names_him_and_fills_a_pip_as_each_phase_begins(bundles):
    world = cast_world(bundles["opera_house"], ["director"])
    director = world.fighters[1]
    view = WorldView(bundles["opera_house"].level, bundles["opera_house"].pose_sets)
    phase = director.spec.phases[0]
    pip = (BOSS_BAR.x + round(BOSS_BAR.w * phase.below), BOSS_BAR.bottom + 9)

    def hud() -> pygame.Surface:
        canvas = pygame.Surface((1280, 720))
        view.update(world, [], DT)
        view.hud.draw(canvas, world)
        return canvas

    full = hud()
    name = pygame.surfarray.array3d(full.subsurface(BOSS_BAR.x, BOSS_BAR.y - 34, BOSS_BAR.w, 28))
    assert (name.sum(axis=2) > 300).sum() > 100  # his name in gold above the bar
    assert full.get_at(pip)[:3] == (10, 10, 14)  # a hollow pip: the phase has not begun
    director.health = int(director.spec.health * (phase.below - 0.05))
    view.update(world, [ev.PhaseChanged(world.tick, director.id, 1, phase.announce)], DT)
    view.update(world, [], 0.4)  # the words fade in
    hurt = hud()
    assert hurt.get_at(pip)[0] > 150  # filled in blood red
    words = pygame.surfarray.array3d(hurt.subsurface(BOSS_BAR.x, BOSS_BAR.bottom + 18, BOSS_BAR.w, 30))
    assert (words.sum(axis=2) > 400).sum() > 100  # the phase's words beneath


def test_a_block_a_parry_and_an_armoured_hit_each_make_their_own_sparks(bundles):
    world = cast_world(bundles["opera_house"], ["brute"])
    view = WorldView(bundles["opera_house"].level, bundles["opera_house"].pose_sets)
    brute = world.fighters[1]

    def kinds(event) -> set[int]:
        view.particles = type(view.particles)(view.rng)
        view.flash = 0.0
        view.update(world, [event], DT)
        return {p.kind for p in view.particles.pool if p.age < p.life}

    at = dict(tick=world.tick, attacker=world.player_id, target=brute.id, move="battement", x=brute.x, y=brute.y + 100)
    assert ARC in kinds(ev.Blocked(**at, blockstun=12))
    assert STAR in kinds(ev.Parried(**at)) and view.flash > 0
    hit = dict(hit_index=0, damage=20, hitstun=0, hitstop=4, effect="stagger", impulse=0.0, combo_hits=1,
               combo_damage=20, counter=False, slash=False)
    assert STAR in kinds(ev.Hit(**at, **hit, armoured=True))
    assert STAR not in kinds(ev.Hit(**at, **hit, armoured=False))


def test_a_parried_fighter_reels_under_circling_gold_sparks(bundles, views):
    world = cast_world(bundles["opera_house"], ["thug"])
    thug = world.fighters[1]
    painter = FighterPainter(bundles["opera_house"].pose_sets)
    camera = look_at(views["opera_house"], thug).camera
    gold = []
    for state in ("blockstun", "parried"):
        thug.state, thug.state_ticks = state, 5
        surface = pygame.Surface((1280, 720))
        painter.draw(surface, camera, thug, world.tick)
        rgb = pygame.surfarray.array3d(surface).astype(int)
        gold.append(((rgb[..., 0] > 230) & (rgb[..., 1] > 190) & (rgb[..., 2] < 160)).sum())
    assert gold[0] == 0 and gold[1] > 10
