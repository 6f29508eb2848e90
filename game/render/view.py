"""The world view: the camera that frames the fight, and one frame drawn in the house order.

background -> platforms -> props -> trails -> fighters -> particles -> lighting -> HUD -> debug.
The camera leads the ballerina's facing, keeps the enemies she is fighting in view (widening for a
spread-out fight), punches in on a combo's last blow or a KO and eases back, and shakes with the blows.
The view reads the world and its events; it never changes them. Its own dice (`random.Random`)
drive shake, flicker and particles, so watching a fight cannot change how it goes.
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import pygame

from game.data.levels import LevelSpec
from game.render.arsenal import ArsenalPainter
from game.render.camera import VIEW_H, VIEW_W, Camera, Punch, settled_zoom
from game.render.debug import DebugOverlay
from game.render.hud import Hud
from game.render.lights import Lighting
from game.render.painter import FighterPainter
from game.render.particles import Particles
from game.render.props import PropPainter
from game.render.stage import stage_for
from game.render.trails import Trails
from game.render.weather import Weather
from game.sim import events as ev
from game.sim.world import World

LEAD = 140.0  # px the camera looks ahead of the way she faces
KEEP_IN_VIEW = 220.0  # px the nearest opponent is kept from the screen's edge
OPPONENT_RANGE = 1100.0  # px: opponents further than this do not pull the camera
HEAD_ROOM = 210.0  # px the camera centre sits above the floor she fights on
HER_MARGIN = 150.0  # px she is kept from the screen's left and right edges, always
TOP_ROOM = 70.0  # px kept above her head when she climbs or leaps above the fight
FOLLOW_RATE = 5.0  # 1/s: how quickly the camera closes on where it wants to be
EDGE_SHOW = 60.0  # px of the level's walls the camera may show
FLOOR_SHOW = 170.0  # px below the floor top the camera may show
SHAKE_PER_IMPULSE = 0.022  # px of shake per px/s of knockback
SHAKE_MAX = 22.0  # px
SHAKE_DECAY = 9.0  # 1/s
FLASH_TIME = 0.12  # s a counter hit lights the screen
FLASH_LEVEL = 120  # brightness added at the flash's peak (it falls off as the square of the time left)
ENGAGED_RANGE = 1100.0  # px: opponents this near her are in the fight the camera frames
WIDE_PAD = 190.0  # px kept between the outermost fighters of a wide fight and the screen's edges
WIDE_MIN = 0.78  # the furthest the camera widens for a spread-out fight, as a share of the level's zoom
WIDE_RATE = 1.4  # 1/s: how quickly the camera widens and closes in again
PUNCH_COMBO = 0.10  # the punch-in on a combo's last blow, as a share of the zoom
PUNCH_COMBO_HITS = 3  # a combo needs this many hits to earn it
PUNCH_KO = 0.16  # the punch-in on a KO
SENDING = frozenset({"launch", "push", "trip", "spike"})  # blows that send the target away: a combo's close
PUNCH_PULL = 0.35  # the share of the way to the punched point the camera's centre moves at full punch


class WorldView:
    """Everything needed to show a fight: camera, stage, props, fighters, particles, lights, HUD, debug."""

    def __init__(self, level: LevelSpec, pose_sets: dict, seed: int = 1, keep: bool = True) -> None:
        """`keep`: keep the level's painted stage and baked light for later views of it (False: a
        preview's own, gone with the view)."""
        self.level = level
        self.rng = random.Random(seed)
        self.camera = Camera(level.spawn[0], level.spawn[1] + HEAD_ROOM, level.camera.zoom)
        self.stage = stage_for(level, keep)
        self.props = PropPainter()
        self.fighters = FighterPainter(pose_sets)
        self.particles = Particles(self.rng)
        self.trails = Trails(pose_sets)  # afterimages of spins, sweeps of knives (game/render/trails.py)
        self.arsenal = ArsenalPainter(pose_sets)  # lasers, bullets, weapons (game/render/arsenal.py)
        self.lighting = Lighting(level, self.rng, keep)
        self.weather = Weather(level, self.rng)
        self.hud = Hud()
        self.debug = DebugOverlay()
        self.show_debug = False
        self.ground_y: float | None = None  # the feet of the ballerina when she last stood
        self.show_hud = True  # off for backdrops and filmstrip stills
        self.shake = 0.0  # px of shake right now
        self.flash = 0.0  # s left of a counter hit's flash
        self.snapped = False  # the camera jumps to its first target instead of gliding there
        self.punch = Punch()
        self.punched: set[int] = set()  # targets whose combo's decisive blow the camera closed in on
        self.wide = 1.0  # how far the camera has widened for a spread-out fight (1: not at all)
        self.zoom_base = self.camera.zoom  # the level's zoom, or a close-up set on the camera by hand
        self.zoom_shown = self.camera.zoom

    # --- update ---------------------------------------------------------------------------------

    def update(self, world, events: list, dt: float) -> None:  # world: game.sim.world.World
        """Follow the action, shake on hits, spawn particles, advance the HUD's and the lights' timers."""
        for event in events:
            self.react(world, event)
        self.trails.record(world)
        self.frame_zoom(world, dt)
        self.follow(world, dt)
        self.shake *= math.exp(-SHAKE_DECAY * dt)
        if self.shake < 0.3:
            self.shake = 0.0
        self.camera.shake_x = self.rng.uniform(-1, 1) * self.shake
        self.camera.shake_y = self.rng.uniform(-1, 1) * self.shake * 0.7
        self.camera.hold_within(self.bounds())  # shake and a zoom easing out never show past the level
        self.flash = max(0.0, self.flash - dt)
        self.particles.update(dt)
        self.lighting.update(dt)
        self.weather.update(dt, self.camera)
        self.hud.update(world, events, dt)
        self.arsenal.update(events, dt)

    def react(self, world, event: ev.Event) -> None:
        """What an event looks like: sparks and shake for a hit, dust for feet, splinters for a crate."""
        kind = type(event)
        if kind is ev.Hit:
            facing = world.fighters[event.attacker].facing
            if event.armoured:
                self.particles.plate_glint(event.x, event.y)
            self.particles.hit_sparks(event.x, event.y, event.impulse, event.slash, event.counter, facing)
            self.shake = min(SHAKE_MAX, max(self.shake, 3.0 + event.impulse * SHAKE_PER_IMPULSE))
            if event.slash:
                self.particles.blade_glint(event.x, event.y)
            if event.counter:
                self.flash = FLASH_TIME
            if self.decisive(world, event):
                self.punched.add(event.target)
                self.punch.start(event.x, event.y, PUNCH_COMBO)
        elif kind is ev.Blocked:
            self.particles.block_sparks(event.x, event.y, world.fighters[event.attacker].facing)
            self.shake = max(self.shake, 2.0)
        elif kind is ev.Parried:
            self.particles.parry_flash(event.x, event.y)
            self.flash = FLASH_TIME
        elif kind is ev.PropHit:
            self.particles.hit_sparks(event.x, event.y, event.impulse * 0.5, False, False, 1)
        elif kind is ev.PropBroken:
            self.particles.splinters(event.x, event.y)
            self.shake = max(self.shake, 6.0)
        elif kind is ev.Landed:
            self.particles.dust(event.x, event.y, min(1.0, event.speed / 1400.0))
        elif kind is ev.Footstep:
            self.particles.dust(event.x, event.y, 0.0)
        elif kind in (ev.KnockedDown, ev.WallBounce):
            self.particles.dust(event.x, event.y, 1.0)
            self.shake = max(self.shake, 5.0)
        elif kind is ev.KO:
            self.shake = max(self.shake, 10.0)
            self.particles.dust(event.x, event.y, 1.0)
            self.punch.start(event.x, event.y + 70.0, PUNCH_KO)
        elif kind is ev.ComboEnded and event.attacker == world.player_id and event.hits >= PUNCH_COMBO_HITS:
            if event.target in self.punched:
                self.punched.discard(event.target)  # its decisive blow was closed in on already
            else:  # the combo is over: close in on him as it is counted
                target = world.fighters[event.target]
                self.punch.start(target.x, target.y + target.height * 0.5, PUNCH_COMBO)

    @staticmethod
    def decisive(world, hit: ev.Hit) -> bool:
        """Whether a hit of hers is the blow a combo ends on: a long string's launcher, push, trip or
        spike, or a counter hit."""
        if hit.attacker != world.player_id:
            return False
        return hit.counter or (hit.combo_hits >= PUNCH_COMBO_HITS and hit.effect in SENDING)

    def target(self, world) -> tuple[float, float]:
        """Where the camera wants to be: ahead of her, the enemies she is fighting kept on screen if
        they fit (else the nearest), the floor they fight on in view; she herself is always on screen,
        whatever else gives way. At full punch it leans towards the blow it closes in on."""
        me = world.player or (world.fighters[0] if world.fighters else None)
        if me is None:
            return self.camera.x, self.camera.y
        if me.grounded or self.ground_y is None:
            self.ground_y = me.y  # jumps do not bob the camera: it keeps to the floor she left
        half_w = VIEW_W / 2 / self.camera.zoom
        half_h = VIEW_H / 2 / self.camera.zoom
        x = me.x + me.facing * LEAD
        base = min(self.ground_y, me.y)
        near = half_w - KEEP_IN_VIEW
        group = self.engaged(world, me)
        if group and max(f.x for f in group) - min(f.x for f in group) <= 2 * near:
            x = min(max(x, max(f.x for f in group) - near), min(f.x for f in group) + near)
            base = min(base, min(f.y for f in group))
        else:
            rival = self.nearest_rival(world, me)
            if rival is not None and abs(rival.x - me.x) < OPPONENT_RANGE:
                x = min(max(x, rival.x - near), rival.x + near)
                base = min(base, rival.y)
        y = base + HEAD_ROOM
        pull = PUNCH_PULL * self.punch.amount
        x, y = x + (self.punch.x - x) * pull, y + (self.punch.y - y) * pull
        margin = half_w - HER_MARGIN
        x = min(max(x, me.x - margin), me.x + margin)  # she wins over everything else
        y = max(y, me.y + me.height + TOP_ROOM - half_h)
        return self.clamp(x, y)

    @staticmethod
    def engaged(world, me) -> list:  # -> list[Fighter]
        """The opponents standing near enough to her to be in the fight the camera frames."""
        return [f for f in world.fighters
                if f.team != me.team and f.state != "ko" and abs(f.x - me.x) < ENGAGED_RANGE]

    def frame_zoom(self, world, dt: float) -> None:
        """Set the camera's zoom: the level's (or a close-up set by hand), widened for a spread-out
        fight, closed in by a punch."""
        camera = self.camera
        if camera.zoom != self.zoom_shown:
            self.zoom_base = camera.zoom  # set by hand: the new base
        wide = self.wide_fit(world)
        if self.snapped:
            self.wide += (wide - self.wide) * (1.0 - math.exp(-WIDE_RATE * dt))
        else:
            self.wide = wide
        self.punch.update(dt)
        camera.zoom = self.zoom_shown = settled_zoom(self.zoom_base * self.wide * self.punch.zoom, self.zoom_base)

    def wide_fit(self, world) -> float:
        """How far the camera should widen (1: not at all) to show her and every enemy she fights."""
        me = world.player or (world.fighters[0] if world.fighters else None)
        group = self.engaged(world, me) if me is not None else []
        if not group:
            return 1.0
        span = max(me.x, *(f.x for f in group)) - min(me.x, *(f.x for f in group)) + 2 * WIDE_PAD
        return max(WIDE_MIN, min(1.0, VIEW_W / (span * self.zoom_base)))

    @staticmethod
    def nearest_rival(world, me):  # -> Fighter | None
        standing = [f for f in world.fighters if f.team != me.team and f.state != "ko"]
        return min(standing, key=lambda f: (abs(f.x - me.x), f.id), default=None)

    def clamp(self, x: float, y: float) -> tuple[float, float]:
        """Keep the view inside the level's camera bounds (default: a little of the walls, a little below
        the floor, not past the ceiling)."""
        half_w, half_h = VIEW_W / 2 / self.camera.zoom, VIEW_H / 2 / self.camera.zoom
        left, bottom, right, top = self.bounds()
        low_x, high_x = left + half_w, right - half_w
        x = (left + right) / 2 if low_x > high_x else min(max(x, low_x), high_x)
        low_y, high_y = bottom + half_h, top - half_h
        y = low_y if low_y > high_y else min(max(y, low_y), high_y)
        return x, y

    def bounds(self) -> tuple[float, float, float, float]:
        """The world box the camera may show: the level's camera bounds, or by default a little of the
        walls, a little below the floor and nothing past the ceiling."""
        if self.level.camera.bounds is not None:
            return self.level.camera.bounds
        width, height = self.level.size
        return -EDGE_SHOW, -FLOOR_SHOW, width + EDGE_SHOW, height + 100

    def follow(self, world, dt: float) -> None:
        x, y = self.target(world)
        if not self.snapped:
            self.camera.x, self.camera.y, self.snapped = x, y, True
            return
        k = 1.0 - math.exp(-FOLLOW_RATE * dt)
        self.camera.x += (x - self.camera.x) * k
        self.camera.y += (y - self.camera.y) * k * 0.6

    # --- draw -----------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, world) -> None:
        """One frame of the fight on a 1280×720 surface."""
        camera = self.camera
        self.stage.draw(surface, camera, self.weather)
        self.props.draw(surface, camera, world.props)
        self.draw_fighters(surface, world)
        self.arsenal.draw(surface, camera, world)
        self.particles.draw(surface, camera)
        self.lighting.apply(surface, camera, self.particles.glows(), self.spots(world), self.spare)
        self.stage.draw_lit(surface, camera, self.lighting)
        self.lighting.draw_halos(surface, camera)
        self.props.draw_lit(surface, camera, world.props, world.tick)
        self.arsenal.draw_lit(surface, camera, world)
        self.weather.draw(surface, camera)
        if self.flash > 0:
            level = int(FLASH_LEVEL * (self.flash / FLASH_TIME) ** 2)
            surface.fill((level, level, level), special_flags=pygame.BLEND_RGB_ADD)
        if self.show_hud:
            self.hud.draw(surface, world)
        if self.show_debug:
            self.debug.draw(surface, camera, world)

    def spare(self, dark: pygame.Surface, camera: Camera) -> None:
        """What the darkness spares: the stage's lit windows, the trails' glow, and the rim light on every
        fighter."""
        self.stage.light(dark, camera)
        self.trails.light(dark)
        self.fighters.light(dark, camera)

    def spots(self, world) -> list[tuple[float, float]]:
        """Where the follow spot falls: on her, and on the opponent she is facing when close."""
        me = world.player
        if me is None:
            return []
        spots = [(me.x, me.y + me.height * 0.55)]
        rival = self.nearest_rival(world, me)
        if rival is not None and abs(rival.x - me.x) < VIEW_W / 2:
            spots.append((rival.x, rival.y + rival.height * 0.55))
        return spots

    def draw_fighters(self, surface: pygame.Surface, world) -> None:
        """Fighters, the ballerina last so she is never hidden behind the crowd."""
        camera = self.camera
        self.fighters.new_frame()
        self.trails.draw(surface, camera, world.tick)
        order = sorted(world.fighters, key=lambda f: (f.id == world.player_id, f.id))
        for fighter in order:
            sx, sy = camera.to_screen(fighter.x, fighter.y)
            if not (-300 < sx < VIEW_W + 300 and -300 < sy < VIEW_H + 400):
                continue
            self.fighters.draw(surface, camera, fighter, world.tick)


def benchmark_frame_ms(level_path: Path | str, frames: int, world: World | None = None) -> float:
    """Mean ms of `WorldView.draw` at 1280×720 while the ballerina walks in and fights the level's crowd.

    `world` replaces the level's own cast (the bench's crowd of 21 fighters, for one).
    """
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()  # drawing only: no sound device to open
    pygame.font.init()
    from game.data.bundle import load_bundle
    from game.sim.inputs import Button, InputFrame
    from game.sim.world import DT

    bundle = load_bundle(level_path)
    world = world or bundle.world(seed=1)
    view = WorldView(world.level, bundle.pose_sets)
    canvas = pygame.Surface((VIEW_W, VIEW_H))
    if pygame.display.get_surface() is not None:
        canvas = canvas.convert()
    phrase = [Button.LIGHT, 0, 0, 0, 0, 0, 0, 0, 0, 0, Button.SPIN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
              Button.HEAVY, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    spent = 0.0
    for i in range(frames):
        me = world.player
        rival = view.nearest_rival(world, me) if me is not None else None
        held = 0
        if me is not None and rival is not None and abs(rival.x - me.x) > 90:
            held = Button.RIGHT if rival.x > me.x else Button.LEFT
        else:
            held = phrase[i % len(phrase)]
        events = world.step({world.player_id: InputFrame(int(held))})
        view.update(world, events, DT)
        start = time.perf_counter()
        view.draw(canvas, world)
        spent += time.perf_counter() - start
    return spent / max(1, frames) * 1000.0
