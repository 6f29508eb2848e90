"""World: the whole deterministic simulation of one fight, advanced one fixed tick at a time."""

from __future__ import annotations

import hashlib
import math
import operator
from collections.abc import Mapping

import pymunk

from game.data.choreography import ChoreographySpec
from game.data.fighters import Archetype
from game.data.levels import LevelSpec
from game.sim import events as ev
from game.sim.arsenal import Arsenal
from game.sim.bounds import (
    MAX_SPEED,
    OUT_OF_BOUNDS,
    PROP_MAX_SPEED,
    SINK_DEPTH,
    cap_speed,
    capped,
    catch_fall,
    eject_from_blocks,
    hold_at_walls,
    put_back,
)
from game.sim.brains import make_brain
from game.sim.choreo import Choreographer
from game.sim.combat import PROP_IMPULSE, resolve_hits
from game.sim.contacts import ONE_WAY_DEPTH, BodyReader, grounded, on_one_way, one_way
from game.sim.difficulty import DEFAULT_DIFFICULTY, Difficulty, difficulty_named
from game.sim.fighter import Fighter
from game.sim.inputs import NEUTRAL, InputFrame
from game.sim.moves import Hit, MoveBook
from game.sim.physics_state import check_layouts, steady_shape_order
from game.sim.props import Prop, Rigging
from game.sim.rng import Rng
from game.sim.slopes import Slope, add_slope, hold_on_slopes
from game.sim.snapshot import Snapshot, restore_snapshot, take_snapshot
from game.sim.waves import WaveDirector

TICK_RATE = 60  # ticks a second
DT = 1.0 / TICK_RATE
LEVEL, ONE_WAY, FIGHTER, PROP = 1, 2, 3, 4  # collision types
FIGHTER_CATEGORY = 0b10
EJECT_TICKS = 6  # ticks between looks for fighters pushed into the side of a solid block
PUSH_PER_TICK = 16.0  # px two overlapping fighters are pushed apart per tick: more than a run covers
PLAYER_TEAM, ENEMY_TEAM = 0, 1
SPATIAL_CELL, SPATIAL_CELLS = 100.0, 2000  # px side of a spatial-hash cell; cells in its table
# passes of the contact solver per step (pymunk's default is 10): a tower of four crates settles the same
# (its top drifts 1.4 px in ten seconds, against 0.8 with 10), and each pass costs ~3 us in a crowded tick
SOLVER_ITERATIONS = 6


class World:
    """One fight: level geometry, fighters, props, a tick counter and the one seeded RNG."""

    def __init__(
        self,
        level: LevelSpec,
        archetypes: Mapping[str, Archetype],
        seed: int = 0,
        player: str | None = "ballerina",
        choreography: ChoreographySpec | None = None,
        difficulty: str | Difficulty = DEFAULT_DIFFICULTY,
    ) -> None:
        self.level = level
        self.difficulty = difficulty if isinstance(difficulty, Difficulty) else difficulty_named(difficulty)
        self.archetypes = dict(archetypes)
        self.books: dict[str, MoveBook] = {}
        self.seed = seed
        self.rng = Rng(seed)
        self.tick = 0
        self.gravity = level.gravity
        self.width, self.height = level.size
        check_layouts()  # fighters and snapshots read and write Chipmunk's structs: fail loudly if they moved
        self.space = pymunk.Space()
        self.space.gravity = (0.0, -level.gravity)
        # DESIGN §3 suggests 0 for bit-exact restores, but with 0 pymunk 7.3 drops every contact
        # before it is solved and bodies fall through the floor; 1 keeps contacts one step only.
        self.space.collision_persistence = 1
        self.space.iterations = SOLVER_ITERATIONS
        # a spatial hash finds colliding pairs in an order set by where the shapes are now; the default
        # tree's order depends on its whole history, which a restored snapshot cannot repeat exactly
        self.space.use_spatial_hash(SPATIAL_CELL, SPATIAL_CELLS)
        steady_shape_order(self.space)  # and in an order that comes and goes with no history
        self.space.on_collision(FIGHTER, ONE_WAY, pre_solve=self._one_way)
        self.space.on_collision(PROP, ONE_WAY, pre_solve=self._one_way)  # see contacts.one_way
        self.choreo = Choreographer(choreography or ChoreographySpec(), level.tempo)
        self.fighters: list[Fighter] = []
        self.props: list[Prop] = []
        self.events: list[ev.Event] = []
        self.standing: list[Fighter] = []  # fighters not knocked out, as of the start of the tick
        # fighters in a move once they have updated, in id order: only they can land a hit or shoot this tick
        # (nobody starts a move after that), so hits and the arsenal look at them alone
        self.movers: list[Fighter] = []
        self._opponents: dict[int, list[Fighter]] = {}  # per team, this tick's standing opponents
        self.reader = BodyReader()  # reads bodies and contacts back from pymunk (game/sim/contacts.py)
        self._by_body_id: dict[int, Fighter | Prop] = {}
        self.fighter_shapes: dict = {}  # each fighter by its C shape, for contacts.one_way
        self.rigging = Rigging(self.space)  # the chains and springs props hang by
        self.director = WaveDirector(level)  # the waves and the goal
        # whole-fight mechanisms that are not a fighter (attack tokens, bullets, weapons on the floor):
        # each has step(world), called once a tick after hits are resolved, and state() for the hash;
        # snapshots copy them like brains, so they hold fighter ids, never Fighter objects or pymunk bodies
        self.systems: list = []
        self._build_level()
        self.systems.append(Arsenal(self))  # bullets, who is aiming, weapons on the floor (game/sim/arsenal.py)
        self.player_id: int | None = None
        if player is not None:
            self.player_id = self.add_fighter(player, level.spawn, 1, PLAYER_TEAM).id
        for actor in level.actors:
            facing = 1 if actor.facing == "right" else -1
            brain = actor.brain or self.archetypes[actor.archetype].spec.brain
            self.add_fighter(actor.archetype, actor.at, facing, ENEMY_TEAM, brain)
        for spec in level.props:
            self.add_prop(spec)

    # --- building ----------------------------------------------------------------------------

    def _build_level(self) -> None:
        static = self.space.static_body
        self.one_way_shapes: list[pymunk.Shape] = []
        self.tops: list[tuple[float, float, float, bool]] = []  # x0, x1, top y, one-way: standable
        self.blocks: list[tuple[float, float, float, float]] = []  # x0, x1, bottom, top of solid platforms
        self.slopes: list[Slope] = []  # the tilted tops (see game/sim/slopes.py)
        for platform in self.level.platforms:
            if platform.rise:
                self.slopes.append(add_slope(self, platform, ONE_WAY))
                continue
            x, y, w, h = platform.rect
            shape = pymunk.Poly(static, [(x, y), (x + w, y), (x + w, y + h), (x, y + h)])
            shape.friction = 0.8
            shape.elasticity = 0.5
            shape.collision_type = ONE_WAY if platform.one_way else LEVEL
            shape.top = y + h
            shape.material = platform.material
            self.space.add(shape)
            self.tops.append((x, x + w, y + h, platform.one_way))
            if not platform.one_way:
                self.blocks.append((x, x + w, y, y + h))
            if platform.one_way:
                self.one_way_shapes.append(shape)
        # each top with the depth below it at which it still carries feet, for _grounded
        self._standing_tops = [(x0, x1, top, ONE_WAY_DEPTH if one_way else SINK_DEPTH, one_way)
                               for x0, x1, top, one_way in self.tops]
        # y below which a body has left the level: OUT_OF_BOUNDS under the lowest floor (a pit's, say)
        self.bottom = min(0.0, *(p.rect[1] + p.rect[3] for p in self.level.platforms)) - OUT_OF_BOUNDS
        # the one-way tops by their C shapes, for contacts.one_way: (top, the slope it is or None)
        self.one_way_tops = {shape._shape: (shape.top, getattr(shape, "slope", None))
                             for shape in self.space.shapes if shape.collision_type == ONE_WAY}
        if self.level.walls:
            # higher than anything flung up at MAX_SPEED can rise (v²/2g), so nothing flies over them
            thick, tall = 200.0, self.height + MAX_SPEED**2 / (2 * self.gravity) + 500.0
            for x in (-thick, self.width):
                wall = pymunk.Poly(static, [(x, -1000), (x + thick, -1000), (x + thick, tall), (x, tall)])
                wall.friction = 0.3
                wall.elasticity = 1.0
                wall.collision_type = LEVEL
                wall.top = tall
                self.space.add(wall)

    def book_for(self, archetype_id: str) -> MoveBook:
        if archetype_id not in self.books:
            self.books[archetype_id] = MoveBook(self.archetypes[archetype_id].moves)
        return self.books[archetype_id]

    def add_fighter(
        self, archetype_id: str, at: tuple[float, float], facing: int, team: int, brain: str | None = None
    ) -> Fighter:
        """Put a fighter into the world; with a brain name it thinks for itself, else it takes inputs."""
        archetype = self.archetypes[archetype_id]
        book = self.book_for(archetype_id)
        fighter = Fighter(len(self.fighters), archetype_id, archetype.spec, book, team, at, facing)
        fighter.grace_max = float(self.choreo.rules.max_grace)
        fighter.shape.collision_type = FIGHTER
        not_fighters = pymunk.ShapeFilter.ALL_MASKS() ^ FIGHTER_CATEGORY  # fighters pass through each other
        fighter.shape.filter = pymunk.ShapeFilter(categories=FIGHTER_CATEGORY, mask=not_fighters)
        if brain is not None:
            fighter.brain = make_brain(brain)
        self.space.add(fighter.body, fighter.shape)
        self.fighters.append(fighter)
        self._by_body_id[fighter.body.id] = fighter
        self.fighter_shapes[fighter.shape._shape] = fighter
        return fighter

    def add_prop(self, spec) -> Prop:  # type: ignore[no-untyped-def]
        prop = Prop(len(self.props), spec)
        prop.shape.collision_type = PROP
        self.space.add(prop.body, prop.shape)
        self.rigging.hang(prop)
        self.props.append(prop)
        self._by_body_id[prop.body.id] = prop
        return prop

    # --- queries -----------------------------------------------------------------------------

    @property
    def player(self) -> Fighter | None:
        return self.fighters[self.player_id] if self.player_id is not None else None

    def fighter(self, fighter_id: int) -> Fighter:
        return self.fighters[fighter_id]

    def opponents(self, fighter: Fighter) -> list[Fighter]:
        return [f for f in self.fighters if f.team != fighter.team and f.state != "ko"]

    def nearest_opponent(self, fighter: Fighter) -> Fighter | None:
        """The closest fighter of another team still standing, by horizontal distance."""
        team = fighter.team
        opponents = self._opponents.get(team)
        if opponents is None:
            opponents = self._opponents[team] = [f for f in self.standing if f.team != team]
        best, best_d = None, math.inf
        x = fighter.x
        for other in opponents:
            d = abs(other.x - x)
            if d < best_d:
                best, best_d = other, d
        return best

    def on_one_way(self, fighter: Fighter) -> bool:
        """True when the fighter stands on a one-way platform it could drop through."""
        return on_one_way(self, fighter)

    # --- the tick ----------------------------------------------------------------------------

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)
        kind = type(event)
        if kind is ev.Hit:
            self.choreo.hit(self, event)  # type: ignore[arg-type]
        elif kind is ev.MoveStarted:
            self.choreo.move_started(self, event)  # type: ignore[arg-type]
        elif kind is ev.Jumped:
            self.choreo.jumped(self, event.fighter, event.cancelled_from is not None)  # type: ignore[attr-defined]
        elif kind is ev.Landed:
            self.choreo.landed(event.fighter)  # type: ignore[attr-defined]

    def step(self, inputs: Mapping[int, InputFrame] | None = None) -> list[ev.Event]:
        """Advance one tick. `inputs` maps fighter ids to InputFrames; brains fill in the rest."""
        self.tick += 1
        tick = self.tick
        self.events = []
        fighters = self.fighters
        self.standing = [f for f in fighters if f.state != "ko"]
        self._opponents = {}
        given = inputs.get if inputs else _NO_INPUT
        for fighter in fighters:
            frame = given(fighter.id)
            if frame is None:
                brain = fighter.brain
                if brain is None or fighter.state == "ko":
                    frame = NEUTRAL
                elif tick < getattr(brain, "quiet_until", 0):  # between its thoughts: what it holds (see Brain)
                    frame = brain.held  # type: ignore[attr-defined]
                else:
                    frame = brain.decide(self, fighter)
            buffer = fighter.buffer
            if frame is fighter.input and not buffer.presses and not buffer.run_tapped:
                # the frame it already holds (whose buttons the buffer saw last), nothing buffered, no double
                # tap to clear: Fighter.feed would change nothing
                continue
            fighter.feed(tick, frame)
        movers = self.movers = []
        least, most = -MAX_SPEED, MAX_SPEED
        for fighter in fighters:
            fighter.update(self)  # which sets only its own velocity: held to MAX_SPEED right after
            if fighter.state == "move":
                movers.append(fighter)
            if not (least <= fighter.vx <= most and least <= fighter.vy <= most):  # NaN fails too
                cap_speed(fighter)
        self._push_apart()
        if self.slopes:
            hold_on_slopes(self)
        self.space.step(DT)
        self._after_physics(self.reader.read(self))  # every body's position and velocity, in one batch read
        if self.tick % EJECT_TICKS == 0:
            eject_from_blocks(self)
        resolve_hits(self)
        for system in self.systems:
            system.step(self)
        if self.rigging.chained:
            self.rigging.step(self)
        self.director.step(self)
        return self.events

    def _after_physics(self, values: list[float]) -> None:
        """Take each fighter's position and velocity from the step's batch read and react to them:
        landing, leaving the ground, falls caught on solid tops, strays put back, walls held. Then the
        props'. One pass: where the step began is still on the fighter when its new numbers arrive."""
        left, right, bottom = -OUT_OF_BOUNDS, self.width + OUT_OF_BOUNDS, self.bottom
        width = self.width if self.level.walls else 0.0
        for fighter, at in self.reader.fighters:
            x_before, y_before, vx_before = fighter.x, fighter.y, fighter.vx
            x, y, fighter.vx, fighter.vy = values[at:at + 4]
            fighter.x = x
            fighter.y = y
            if y_before - y > SINK_DEPTH:  # fell further this tick than a landing may sink
                catch_fall(self, fighter, (x_before, y_before))
            on_ground = grounded(self, fighter)
            if on_ground and fighter.grounded and fighter.frozen_at is None:
                fighter.air_ticks = 0  # after_physics's own first step: standing, still standing
            else:
                fighter.after_physics(self, on_ground)
            sunk_into = fighter.sunk_into
            if sunk_into is not None:  # a hard landing sank the feet in: stand them on the top
                fighter.place(fighter.x, sunk_into)
                fighter.sunk_into = None
            x, y = fighter.x, fighter.y
            if not (left < x < right and y > bottom):  # NaN fails too
                put_back(self, fighter)
                x = fighter.x
            if width:
                half = fighter.width / 2
                if not half <= x <= width - half:
                    hold_at_walls(self, fighter, vx_before)
        self.reader.sync_props(self, values)

    def _one_way(self, arbiter: pymunk.Arbiter, space: pymunk.Space, data: object) -> None:
        one_way(self, arbiter)

    def _push_apart(self) -> None:
        """Fighters do not collide as bodies; standing ones nudge each other apart like pushboxes."""
        standing = [f for f in self.fighters if f.state not in NOT_PUSHED]
        standing.sort(key=_BY_X)  # a stable sort of a list in id order: ties stay in id order
        moved: dict[int, Fighter] = {}
        for a, b in zip(standing, standing[1:], strict=False):
            gap = (a.width + b.width) / 2 - (b.x - a.x)
            if gap > 0 and abs(a.y - b.y) < (a.height + b.height) / 2:
                shift = gap if gap < PUSH_PER_TICK else PUSH_PER_TICK
                planted = a.spec.planted
                if planted != b.spec.planted:  # the planted one stands; the other gives way
                    if planted:
                        b.x += shift
                    else:
                        a.x -= shift
                else:
                    a.x -= shift / 2
                    b.x += shift / 2
                moved[a.id] = a
                moved[b.id] = b
        for fighter in moved.values():  # one teleport each, however many neighbours pushed it
            fighter.place(fighter.x, fighter.y)

    def end_combo(self, target: Fighter) -> None:
        """The target is out of hitstun: close the combo it was suffering, if any."""
        combo = target.combo
        if combo is None:
            return
        target.combo = None
        self.emit(ev.ComboEnded(self.tick, combo.attacker, target.id, combo.hits, combo.damage, tuple(combo.moves)))
        if target.spec.regenerates:
            target.health = target.spec.health

    def hit_prop(self, attacker: Fighter, prop: Prop, hit: Hit) -> None:
        spec = hit.spec
        kx, ky = capped(spec.knockback[0]), capped(spec.knockback[1])  # an infinite impulse would spin it by NaN
        direction = attacker.facing
        if spec.direction == "away":
            direction = 1 if prop.x >= attacker.x else -1
        impulse = (direction * kx * PROP_IMPULSE * prop.spec.mass, ky * PROP_IMPULSE * prop.spec.mass)
        prop.body.apply_impulse_at_local_point(impulse)
        vx, vy = prop.body.velocity
        if not (-PROP_MAX_SPEED <= vx <= PROP_MAX_SPEED and -PROP_MAX_SPEED <= vy <= PROP_MAX_SPEED):
            prop.body.velocity = (capped(vx, PROP_MAX_SPEED), capped(vy, PROP_MAX_SPEED))
        x, y = prop.x, prop.y
        move_id = attacker.move.id if attacker.move else ""
        self.emit(ev.PropHit(self.tick, attacker.id, prop.id, move_id, x, y, math.hypot(kx, ky)))
        if prop.spec.breakable:
            prop.health -= spec.damage
            if prop.health <= 0 and not prop.broken:
                prop.broken = True
                self.space.remove(prop.body, prop.shape)
                del self._by_body_id[prop.body.id]
                self.emit(ev.PropBroken(self.tick, prop.id, prop.kind, x, y))
        self.rigging.struck(self, attacker, prop)

    # --- determinism -------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The fight as it stands between two ticks, to roll back to (see game/sim/snapshot.py)."""
        return take_snapshot(self)

    def restore(self, snapshot: Snapshot) -> None:
        """Roll the fight back (or forward) to `snapshot`; the ticks after it replay bit-identically."""
        restore_snapshot(self, snapshot)

    def state_hash(self) -> str:
        """A digest of everything that decides the future; equal hashes mean equal fights."""
        digest = hashlib.blake2b(digest_size=16)
        parts: list[object] = [self.tick, self.rng.state, self.choreo.state()]
        for fighter in self.fighters:
            b = fighter.body
            parts.append((tuple(b.position), tuple(b.velocity), fighter.state_tuple()))
            brain_state = getattr(fighter.brain, "state", None)
            parts.append(brain_state() if brain_state else None)
        for prop in self.props:
            parts.append(prop.state_tuple())
        parts.append(self.director.state())
        parts.extend(system.state() for system in self.systems)
        digest.update(repr(parts).encode())
        return digest.hexdigest()


def _NO_INPUT(fighter_id: int) -> None:
    """The inputs of a tick no fighter was given any: every fighter thinks for itself."""
    return None


NOT_PUSHED = frozenset({"ko", "knockdown", "juggle"})  # states whose bodies pushboxes leave alone
_BY_X = operator.attrgetter("x")
