"""The arsenal: gunshots with a laser telegraph, bullets in flight, weapons on the floor and in hand.

A world system (see `World.systems`): `step(world)` runs once a tick after the hits of the fighters'
moves are resolved. It reads the moves fighters are in (`shot`, `throw`, `pick_up` in the move files):

- a shot's aim shows as a laser line for the move's `telegraph` frames before the shot; it follows its
  target until `LOCK_TICKS` (by difficulty) before the shot, then holds still, so a fair reaction is a
  step out of the line, a crouch under it, a pas de bourrée through it, a guard or a spin;
- bullets are points, not bodies: each tick one moves `speed / 60` px and the segment it swept is tested
  against hurtboxes, the active hitboxes of spins (`deflects = true`: the bullet flies back at its
  shooter), solid blocks and the walls. A hit is judged by `combat.strike`, the rules every blow shares;
- knives and pistols lie on the floor (the level's `[[weapons]]`, or dropped by a knocked-out knife
  fighter or gunman); a fighter with empty hands over one may start a `requires = "weapon_at_feet"` move
  whose `pick_up` frame takes it (`fighter.weapon`, `fighter.rounds`). A held pistol spends a round per
  shot; pulled on an empty pistol, the trigger throws it. A `throw` move throws what is in hand.

It holds fighter ids and plain numbers only, so snapshots copy it whole (`copy_value`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game.sim import events as ev
from game.sim.combat import strike

if TYPE_CHECKING:
    from game.sim.fighter import Fighter
    from game.sim.moves import Move
    from game.sim.world import World

DT = 1.0 / 60.0  # s a tick
LOCK_TICKS = {"easy": 16, "normal": 12, "hard": 8}  # ticks before a shot its aim stops following
AIM_HEIGHT = 0.7  # of the target's height the aim points at: the chest (a crouch ducks under it)
AIM_CONE = 0.8  # a target is aimed at only when it stands in front, within ~39° of level (tan)
PICK_REACH = 44.0  # px from her feet (x) a weapon on the floor may be picked up
PICK_DROP = 40.0  # px: a weapon on a floor more than this above or below her feet is out of reach
DROPPED_ROUNDS = 3  # rounds in a knocked-out gunman's pistol
MAX_ON_FLOOR = 8  # weapons lying about at once: the oldest vanishes under the fight
LOOK_WEAPONS = {"knife": "knife", "gunman": "pistol"}  # what the looks carry (and drop when knocked out)
SPIN_REACH = 120.0  # px a spin's hitbox may reach beyond a body's own reach (a quick test on x first)
BULLET = "bullet"


class Bullet:
    """A bullet, or a weapon thrown, in flight: a point with a velocity and the range it has left."""

    __slots__ = ("owner", "team", "source", "move", "credit", "kind", "x", "y", "vx", "vy", "left", "rounds")

    def __init__(self, owner: int, team: int, source: int, move: str, kind: str,
                 at: tuple[float, float], velocity: tuple[float, float], left: float, rounds: int = 0) -> None:
        self.owner = owner  # the fighter the hit counts for (the deflector, once deflected)
        self.team = team  # it passes through fighters of this team
        self.source = source  # the fighter whose move says what it deals ...
        self.move = move  # ... and that move's id
        self.credit = move  # the move named in the hit (the deflecting spin, once deflected)
        self.kind = kind  # "bullet", or the weapon thrown: "knife", "pistol"
        self.x, self.y = at
        self.vx, self.vy = velocity
        self.left = left  # px it may still fly
        self.rounds = rounds  # a thrown pistol's rounds (none: it was thrown because it was empty)

    def state(self) -> tuple:
        return (self.owner, self.team, self.source, self.move, self.credit, self.kind, self.x, self.y,
                self.vx, self.vy, self.left, self.rounds)


class Arsenal:
    """Every bullet in flight, every aim being taken and every weapon on the floor of one fight."""

    def __init__(self, world: World) -> None:
        self.bullets: list[Bullet] = []
        self.aiming: list[int] = []  # ids of the fighters taking aim this tick (their lasers: `lasers`)
        self.aim_dirs: dict[int, tuple[float, float]] = {}  # fighter id -> the aim's unit direction
        self.floor: list[tuple[str, float, float, int]] = []  # (kind, x, y of the floor, rounds)
        self.dropped: list[int] = []  # ids of knocked-out fighters whose weapon has fallen
        self.reachable = False  # some fighter was told a weapon lies at her feet
        self.hands: tuple[tuple[int, str, int], ...] | None = None  # (id, weapon, rounds) in hand, for the hash
        for weapon in world.level.weapons:
            x, y = weapon.at
            self.floor.append((weapon.kind, x, floor_under(world, x, y), weapon.rounds))

    @staticmethod
    def of(world: World) -> Arsenal:
        """The world's arsenal (every world has one from the start)."""
        found = arsenal_of(world)
        if found is None:
            found = Arsenal(world)
            world.systems.append(found)
        return found

    def state(self) -> tuple:
        """Everything that decides the future, for the world's state hash (weapons in hand included)."""
        return (
            tuple(b.state() for b in self.bullets), tuple(self.aiming), tuple(sorted(self.aim_dirs.items())),
            tuple(self.floor), tuple(self.dropped), self.reachable, self.hands,
        )

    # --- the tick ------------------------------------------------------------------------------

    def step(self, world: World) -> None:
        """Aims, shots, throws and pick-ups of this tick's move frames, then bullets fly, then KOs drop."""
        aiming: list[int] = []
        for fighter in world.movers:  # in a move as of its update: hits may have ended it since
            move = fighter.move
            if fighter.state != "move" or move is None or fighter.hitstop:
                continue
            if move.shot is not None or move.throw is not None or move.pick_up is not None:
                self._act(world, fighter, move, aiming)
        if self.aim_dirs and len(aiming) != len(self.aim_dirs):
            self.aim_dirs = {i: d for i, d in self.aim_dirs.items() if i in aiming}
        self.aiming = aiming
        if self.bullets:
            self._fly(world)
        if world.events:
            self._drops(world)
        if self.floor or self.reachable:
            self._reach(world)
        if self.hands is None:  # weapons changed hands this tick (or this is the first)
            self.hands = tuple((f.id, f.weapon, f.rounds) for f in world.fighters if f.weapon is not None)

    def _act(self, world: World, fighter: Fighter, move: Move, aiming: list[int]) -> None:
        frame = fighter.move_frame
        shot = move.shot
        if shot is not None:
            if shot.frame - shot.telegraph <= frame < shot.frame and shot.telegraph:
                self._aim(world, fighter, move, shot.frame - frame)
                aiming.append(fighter.id)
            elif frame == shot.frame:
                if move.requires != "pistol" or fighter.rounds > 0:
                    self._fire(world, fighter, move)
                elif move.throw is not None:
                    self._throw(world, fighter, move)
        elif move.throw is not None and frame == move.throw.frame and fighter.weapon is not None:
            self._throw(world, fighter, move)
        if move.pick_up == frame and fighter.weapon is None:
            self._pick_up(world, fighter)

    # --- aiming and shooting -------------------------------------------------------------------

    def _aim(self, world: World, fighter: Fighter, move: Move, to_shot: int) -> None:
        """Follow the target with the aim until it locks, `LOCK_TICKS` before the shot."""
        lock = LOCK_TICKS.get(world.difficulty.name, LOCK_TICKS["normal"])
        if fighter.id not in self.aim_dirs or to_shot > lock:
            assert move.shot is not None
            self.aim_dirs[fighter.id] = aim_direction(world, fighter, muzzle(fighter, move.shot.muzzle))

    def lasers(self, world: World) -> list[tuple[int, tuple[float, float], tuple[float, float], int]]:
        """The lasers to draw: (fighter id, (x, y) muzzle, (x, y) where the line ends, ticks to the shot).

        Worked out when asked (once a drawn frame), not every tick: nothing in the fight depends on them.
        """
        lasers = []
        for fighter_id in self.aiming:
            fighter = world.fighters[fighter_id]
            move = fighter.move
            # a bullet flying later in the tick may have stopped his move (and his aim) since
            if fighter.state == "move" and move is not None and move.shot is not None and fighter_id in self.aim_dirs:
                lasers.append(self._laser(world, fighter))
        return lasers

    def _laser(self, world: World, fighter: Fighter) -> tuple[int, tuple[float, float], tuple[float, float], int]:
        move = fighter.move
        assert move is not None and move.shot is not None
        start = muzzle(fighter, move.shot.muzzle)
        dx, dy = self.aim_dirs[fighter.id]
        reach = move.shot.range
        end = (start[0] + dx * reach, start[1] + dy * reach)
        t = first_stop(world, start, end, fighter.team, lasers=True)[0]
        return (fighter.id, start, (start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t),
                move.shot.frame - fighter.move_frame)

    def _fire(self, world: World, fighter: Fighter, move: Move) -> None:
        shot = move.shot
        assert shot is not None
        start = muzzle(fighter, shot.muzzle)
        direction = self.aim_dirs.pop(fighter.id, None) or aim_direction(world, fighter, start)
        if move.requires == "pistol":
            fighter.rounds -= 1
            self.hands = None
        self._launch(world, fighter, move, BULLET, start, direction, shot.speed, shot.range)

    def _throw(self, world: World, fighter: Fighter, move: Move) -> None:
        throw = move.throw
        assert throw is not None and fighter.weapon is not None
        start = muzzle(fighter, throw.muzzle)
        kind, rounds = fighter.weapon, fighter.rounds
        fighter.weapon, fighter.rounds = None, 0
        self.hands = None
        self._launch(world, fighter, move, kind, start, aim_direction(world, fighter, start), throw.speed,
                     throw.range, rounds)

    def _launch(self, world: World, fighter: Fighter, move: Move, kind: str, start: tuple[float, float],
                direction: tuple[float, float], speed: float, reach: float, rounds: int = 0) -> None:
        """Send it from the muzzle; its first sweep starts at the body, so a target closer than the
        outstretched arm is hit too (it does not fly out from behind him)."""
        vx, vy = direction[0] * speed, direction[1] * speed
        barrel = abs(start[0] - fighter.x)
        back = (start[0] - direction[0] * barrel, start[1] - direction[1] * barrel)
        bullet = Bullet(fighter.id, fighter.team, fighter.id, move.id, kind, back, (vx, vy), reach + barrel, rounds)
        world.emit(ev.ShotFired(world.tick, fighter.id, move.id, kind, start[0], start[1], vx, vy))
        if self._advance(world, bullet, start):  # down the barrel: out of the muzzle unless it met someone
            self.bullets.append(bullet)

    # --- bullets in flight ---------------------------------------------------------------------

    def _fly(self, world: World) -> None:
        flying = []
        for bullet in self.bullets:
            if self._advance(world, bullet):
                flying.append(bullet)
        self.bullets = flying

    def _advance(self, world: World, bullet: Bullet, end: tuple[float, float] | None = None) -> bool:
        """Move one bullet a tick along its line (or to `end`); False once it has stopped or is spent."""
        start = (bullet.x, bullet.y)
        if end is None:
            step = min(1.0, bullet.left / max(1e-9, math.hypot(bullet.vx, bullet.vy) * DT))
            end = (bullet.x + bullet.vx * DT * step, bullet.y + bullet.vy * DT * step)
        t, target, deflector = first_stop(world, start, end, bullet.team)
        x, y = start[0] + (end[0] - start[0]) * t, start[1] + (end[1] - start[1]) * t
        bullet.left -= math.hypot(x - start[0], y - start[1])
        bullet.x, bullet.y = x, y
        if deflector is not None:
            self._deflect(world, bullet, deflector)
            return True
        if target is not None:
            self._strike(world, bullet, target, start[0])
            return False
        if t < 1.0:  # a wall or a block
            world.emit(ev.BulletHit(world.tick, bullet.owner, None, bullet.kind, x, y))
            self._come_to_rest(world, bullet, x, y)
            return False
        if bullet.left <= 0.5:
            self._come_to_rest(world, bullet, x, y)
            return False
        return True

    def _strike(self, world: World, bullet: Bullet, target: Fighter, from_x: float) -> None:
        source = world.fighters[bullet.source].book.moves.get(bullet.move)
        hit = None
        if source is not None:
            hit = source.shot_hit if bullet.kind == BULLET else source.throw_hit
        if hit is not None:
            direction = 1 if bullet.vx > 0 else -1
            strike(world, world.fighters[bullet.owner], target, hit, bullet.credit, direction,
                   (bullet.x, bullet.y), from_x, melee=False)
        world.emit(ev.BulletHit(world.tick, bullet.owner, target.id, bullet.kind, bullet.x, bullet.y))
        self._come_to_rest(world, bullet, bullet.x, bullet.y)

    def _deflect(self, world: World, bullet: Bullet, deflector: Fighter) -> None:
        """Send the bullet back at whoever fired it, on the deflector's side now."""
        shooter = world.fighters[bullet.owner]
        speed = math.hypot(bullet.vx, bullet.vy)
        dx = shooter.x - bullet.x
        dy = shooter.y + shooter.height * AIM_HEIGHT - bullet.y
        length = math.hypot(dx, dy) or 1.0
        bullet.vx, bullet.vy = dx / length * speed, dy / length * speed
        bullet.left = max(bullet.left, length + 200.0)
        bullet.team, bullet.owner = deflector.team, deflector.id
        assert deflector.move is not None
        bullet.credit = deflector.move.id
        # out of the spin's box before the next test, so it cannot be turned twice
        bullet.x += bullet.vx * DT
        bullet.y += bullet.vy * DT
        world.emit(ev.BulletDeflected(world.tick, deflector.id, shooter.id, deflector.move.id, bullet.x, bullet.y))

    def _come_to_rest(self, world: World, bullet: Bullet, x: float, y: float) -> None:
        """A thrown weapon falls to the floor where it stopped; a bullet is simply gone."""
        if bullet.kind == BULLET:
            return
        x = min(max(x, 10.0), world.width - 10.0) if world.level.walls else x
        self._lay(world, bullet.kind, x, y, bullet.rounds, bullet.owner)

    # --- weapons on the floor ------------------------------------------------------------------

    def _lay(self, world: World, kind: str, x: float, y: float, rounds: int, by: int | None) -> None:
        ground = floor_under(world, x, y)
        self.floor.append((kind, x, ground, rounds))
        if len(self.floor) > MAX_ON_FLOOR:
            del self.floor[0]
        world.emit(ev.WeaponDropped(world.tick, kind, x, ground, by))

    def place(self, world: World, kind: str, x: float, y: float, rounds: int = 0) -> None:
        """Lay a weapon on the floor under (x, y) now (combo tests, the practice studio)."""
        self.floor.append((kind, x, floor_under(world, x, y), rounds))
        self._reach(world)

    def _drops(self, world: World) -> None:
        """A knocked-out fighter lets go of its weapon: the one in hand, or the one its look carries."""
        for event in world.events:
            if type(event) is not ev.KO or event.fighter in self.dropped:  # type: ignore[attr-defined]
                continue
            fighter = world.fighters[event.fighter]  # type: ignore[attr-defined]
            self.dropped.append(fighter.id)
            kind, rounds = fighter.weapon, fighter.rounds
            if kind is None and fighter.id != world.player_id:
                kind = LOOK_WEAPONS.get(fighter.spec.look)
                rounds = DROPPED_ROUNDS if kind == "pistol" else 0
            if kind is not None:
                fighter.weapon, fighter.rounds = None, 0
                self.hands = None
                self._lay(world, kind, fighter.x, fighter.y, rounds, fighter.id)

    def _reach(self, world: World) -> None:
        """Tell each fighter with empty hands whether a weapon lies at its feet (pick-up moves need it)."""
        self.reachable = False
        for fighter in world.fighters:
            near = fighter.weapon is None and self.nearest(fighter) is not None
            fighter.weapon_at_feet = near
            self.reachable = self.reachable or near

    def nearest(self, fighter: Fighter) -> int | None:
        """The index in `floor` of the weapon nearest the fighter's feet, if one is within reach."""
        best, best_d = None, PICK_REACH
        for index, (_, x, y, _) in enumerate(self.floor):
            d = abs(x - fighter.x)
            if d <= best_d and abs(y - fighter.y) <= PICK_DROP:
                best, best_d = index, d
        return best

    def _pick_up(self, world: World, fighter: Fighter) -> None:
        index = self.nearest(fighter)
        if index is None:
            return
        kind, x, y, rounds = self.floor.pop(index)
        fighter.weapon, fighter.rounds = kind, rounds
        fighter.weapon_at_feet = False
        self.hands = None
        world.emit(ev.WeaponPickedUp(world.tick, fighter.id, kind, rounds, x, y))


# --- geometry ------------------------------------------------------------------------------------


def arsenal_of(world: World) -> Arsenal | None:
    """The world's arsenal, for drawing and tests (looked up: a restore puts a copy in its place)."""
    for system in world.systems:
        if type(system) is Arsenal:
            return system
    return None


def muzzle(fighter: Fighter, offset: tuple[float, float]) -> tuple[float, float]:
    """Where a shot or a throw leaves the fighter: `offset` forward and up from the feet."""
    return (fighter.x + fighter.facing * offset[0], fighter.y + offset[1])


def aim_direction(world: World, fighter: Fighter, start: tuple[float, float]) -> tuple[float, float]:
    """The unit direction at the chest of the nearest opponent in front, or straight ahead."""
    target = world.nearest_opponent(fighter)
    if target is not None:
        dx = target.x - start[0]
        dy = target.y + target.height * AIM_HEIGHT - start[1]
        if dx * fighter.facing > 0 and abs(dy) <= abs(dx) * AIM_CONE:
            length = math.hypot(dx, dy)
            return (dx / length, dy / length)
    return (float(fighter.facing), 0.0)


def floor_under(world: World, x: float, y: float) -> float:
    """The top of the highest floor under (x, y) a weapon comes to rest on (y itself over a pit)."""
    best = None
    for x0, x1, top, _ in world.tops:
        if x0 <= x <= x1 and top <= y + 1.0 and (best is None or top > best):
            best = top
    return best if best is not None else y


def segment_enters(start: tuple[float, float], end: tuple[float, float],
                   box: tuple[float, float, float, float]) -> float | None:
    """The fraction of the way from start to end at which the segment enters the box, or None."""
    t0, t1 = 0.0, 1.0
    for axis in (0, 1):
        origin, delta = start[axis], end[axis] - start[axis]
        low, high = box[axis], box[axis + 2]
        if abs(delta) < 1e-12:
            if not low <= origin <= high:
                return None
            continue
        a, b = (low - origin) / delta, (high - origin) / delta
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return None
    return t0


def first_stop(world: World, start: tuple[float, float], end: tuple[float, float], team: int,
               lasers: bool = False) -> tuple[float, Fighter | None, Fighter | None]:
    """What a line from start to end meets first: (fraction of the way, fighter hit, spinning fighter
    that deflects it). A wall or block stops it with no fighter; `lasers` ignore spins and dodges."""
    best, hit, deflector = 1.0, None, None
    left, right = min(start[0], end[0]), max(start[0], end[0])
    low, high = min(start[1], end[1]), max(start[1], end[1])
    for x0, x1, bottom, top in world.blocks:
        if x1 < left or x0 > right or top < low or bottom > high:
            continue
        t = segment_enters(start, end, (x0, bottom, x1, top))
        if t is not None and t < best:
            best = t
    if world.level.walls:
        for wall in (0.0, world.width):
            dx = end[0] - start[0]
            if (start[0] - wall) * (end[0] - wall) < 0 and abs(dx) > 1e-12:
                best = min(best, (wall - start[0]) / dx)
    # the stretch of line left once walls and blocks have cut it: a quick test on x and y first
    stop_x, stop_y = start[0] + (end[0] - start[0]) * best, start[1] + (end[1] - start[1]) * best
    left, right = min(start[0], stop_x) - SPIN_REACH, max(start[0], stop_x) + SPIN_REACH
    low, high = min(start[1], stop_y) - SPIN_REACH, max(start[1], stop_y) + SPIN_REACH
    for fighter in world.fighters:
        if fighter.team == team or fighter.state == "ko":
            continue
        x, y, reach = fighter.x, fighter.y, fighter.reach
        if x + reach < left or x - reach > right or y - reach > high or y + 2 * reach < low:
            continue
        if not lasers:
            move = fighter.move
            if fighter.state == "move" and move is not None and move.deflects:
                for box in fighter.active_hitboxes():
                    t = segment_enters(start, end, box)
                    if t is not None and t <= best:
                        best, hit, deflector = t, None, fighter
            if fighter.invulnerable:
                continue
        t = segment_enters(start, end, fighter.hurtbox())
        if t is not None and t < best:
            best, hit, deflector = t, fighter, None
    return best, hit, deflector
