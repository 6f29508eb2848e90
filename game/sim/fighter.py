"""Fighter: a pymunk body driven by a state machine, started and steered by InputFrames."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pymunk

from game.data.fighters import FighterSpec
from game.sim import events as ev
from game.sim.inputs import Button, InputBuffer, InputFrame, Press
from game.sim.moves import Move, MoveBook
from game.sim.physics_state import BODY_P, BODY_TRANSLATION, BODY_V

if TYPE_CHECKING:
    from game.sim.brains import Brain
    from game.sim.world import World

REFERENCE_MASS = 60.0  # kg of a weight-1.0 fighter; knockback px/s times this is the impulse
LAND_FRAMES = 4  # the plié after a jump
KNOCKDOWN_FRAMES = 36  # lying on the floor
GETUP_FRAMES = 18  # rising, invulnerable
ROLL_DISTANCE = 120.0  # px a getup roll travels: a direction held as the knockdown ends rolls her that way
ROLL_SPEED = ROLL_DISTANCE * 60 / GETUP_FRAMES  # px/s over the getup's frames (60 ticks a second)
GROUND_DRAG = 0.86  # velocity kept per tick while sliding in hitstun on the ground
MOVE_DRAG = 0.75  # velocity kept per tick in a ground move's frames without motion
WALK_BLEND = 0.35  # how fast walking speed approaches the wanted speed, per tick
AIR_BLEND = 0.08
RUN_STOP_FRAMES = 6  # a run survives this many ticks of neutral before it ends
STEP_FRAMES = 16  # ticks between footsteps when walking
FALL_GRACE = 3  # ticks off the ground before a standing fighter counts as falling
DROP_FRAMES = 12  # ticks a fighter ignores one-way platforms after pressing down+jump
JUGGLE_LIMIT = 6  # juggle points an airborne target can take before hits pass through
COMBO_MIN_SCALE = 0.3  # damage scaling never goes below this
COMBO_SCALE_STEP = 0.1  # each hit already in the combo takes this off the next one's damage
COUNTER_BONUS = 1.2  # damage of a hit that interrupts a move's startup
PARRY_FRAMES = 6  # ticks before a hit lands in which a press of block parries it (the press's own included)
PARRY_STUN = 30  # ticks a parried attacker staggers, open to anything
COUNTER_WINDOW = 40  # ticks after a parry in which the parrier's hits count as counter hits
DOWN, JUMP, BLOCK = int(Button.DOWN), int(Button.JUMP), int(Button.BLOCK)
LEFT, RIGHT = int(Button.LEFT), int(Button.RIGHT)
# pymunk's Body routes every attribute write through a typing hook and a property, and even Chipmunk's
# own setters cost a call that packs a struct; fighters are placed and set moving dozens of times a tick
# in a crowd, so they write their C body's doubles themselves (physics_state.check_body_layout checks
# where they lie). That is all cpBodySetVelocity does, besides waking bodies, and the world never lets
# bodies sleep. cpBodySetPosition also sets the transform the body's shapes are placed by: a fighter's
# centre of gravity is at its origin and it never turns (its moment is infinite), so the transform's
# translation is its position.
_DOUBLES = pymunk.body.ffi.typeof("double *")

GROUNDED_STATES = frozenset({"idle", "walk", "run", "crouch", "land", "block"})
AIR_STATES = frozenset({"jump", "fall"})
HURT_STATES = frozenset({"hitstun", "juggle", "knockdown", "getup", "ko", "blockstun", "parried"})
GUARD_STATES = GROUNDED_STATES | {"blockstun"}  # states from which a well-timed press of block parries
STATES = (
    "idle", "walk", "run", "jump", "fall", "land", "crouch", "block", "move",
    "hitstun", "blockstun", "parried", "juggle", "knockdown", "getup", "ko",
)


@dataclass(slots=True)
class Combo:
    """The combo a fighter is suffering: who is building it and what it has cost so far."""

    attacker: int
    hits: int = 0
    damage: int = 0
    moves: list[str] = field(default_factory=list)


class Fighter:
    """One fighter in the world: player, enemy and training dummy alike."""

    def __init__(
        self,
        fighter_id: int,
        archetype: str,
        spec: FighterSpec,
        book: MoveBook,
        team: int,
        position: tuple[float, float],
        facing: int,
    ) -> None:
        self.id = fighter_id
        self.archetype = archetype
        self.spec = spec
        self.book = book
        self.team = team
        self.width, self.height = spec.size
        self.reach = max(self.width, self.height) / 2  # no hurtbox extends further from x than this
        self.mass = REFERENCE_MASS * spec.weight
        self.body = pymunk.Body(self.mass, math.inf)
        self.body.position = position
        doubles = pymunk.body.ffi.cast(_DOUBLES, self.body._body)
        self._c_position, self._c_velocity = doubles + BODY_P, doubles + BODY_V
        self._c_translation = doubles + BODY_TRANSLATION
        self.x, self.y = float(position[0]), float(position[1])
        self.vx = self.vy = 0.0  # the velocity physics left, as of the last step
        self.sunk_into: float | None = None  # the top of the ground a landing sank into, this tick
        half = self.width / 2
        self.shape = pymunk.Poly(self.body, [(-half, 0), (half, 0), (half, self.height), (-half, self.height)])
        self.shape.friction = 0.0
        self.facing = 1 if facing >= 0 else -1
        self.health = spec.health
        self.buffer = InputBuffer()
        self.input = InputFrame()
        self.brain: Brain | None = None  # set by the world for fighters not driven from outside
        self.grace = 0.0  # the grace meter, 0..max_grace
        self.grace_earned = 0.0  # all grace earned in this fight, uncapped
        self.grace_max = 100.0  # a full meter; the world sets it from the choreography rules
        self.weapon: str | None = None  # in hand: "knife", "pistol" or None (game/sim/arsenal.py)
        self.rounds = 0  # rounds left in the pistol in hand
        self.weapon_at_feet = False  # hands empty and a weapon within reach on the floor: she may pick it up
        self.reset_state()

    def reset_state(self) -> None:
        self.state = "idle"
        self.state_ticks = 0
        self.move: Move | None = None
        self.move_frame = 0
        self.landed_hits: set[tuple[int, int]] = set()  # (hit index, target id) of the current move
        self.connected = False
        self.whiffed_reported = False
        self.stun = 0  # hitstun, knockdown or getup ticks left
        self.hitstop = 0
        self.pending_knockback: tuple[float, float] | None = None  # impulse waiting for hitstop
        self.grounded = True
        self.air_ticks = 0
        self.juggle_points = 0
        self.combo: Combo | None = None
        self.drop_through = 0
        self.running = False
        self.neutral_ticks = 0
        self.step_ticks = 0
        self.frozen_at: tuple[float, float] | None = None
        self.frozen_velocity: tuple[float, float] = (0.0, 0.0)
        self.guard_pressed = -1000  # tick of the last press of block (a parry is a press just in time)
        self.counter_until = -1  # after a parry: the last tick her hits count as counter hits
        self.roll = 0  # -1/+1 while a getup is a roll that way, 0 for getting up on the spot

    # --- its body, and what the renderer and HUD read ------------------------------------------

    def set_velocity(self, vx: float, vy: float) -> None:
        """Set the body's velocity, keeping `vx`, `vy` in step; unchanged values cost nothing."""
        if vx != self.vx or vy != self.vy:
            velocity = self._c_velocity
            velocity[0], velocity[1] = self.vx, self.vy = vx, vy

    def place(self, x: float, y: float) -> None:
        """Move the body (a teleport, not a motion) and keep `x`, `y` in step."""
        position, translation = self._c_position, self._c_translation
        position[0], position[1] = translation[0], translation[1] = self.x, self.y = x, y

    @property
    def invulnerable(self) -> bool:
        if self.state in ("getup", "knockdown", "ko"):
            return True
        return self.state == "move" and self.move is not None and self.move.invulnerable_at[self.move_frame]

    @property
    def actionable(self) -> bool:
        return self.state in GROUNDED_STATES or self.state in AIR_STATES

    def hurtbox(self) -> tuple[float, float, float, float]:
        """The box hits must touch, (x0, y0, x1, y1) in world units, y up."""
        x, y = self.x, self.y
        half = self.width / 2
        if self.state in ("knockdown", "ko") and self.grounded:
            return (x - self.height / 2, y, x + self.height / 2, y + self.width)
        height = self.height * 0.62 if self.state == "crouch" else self.height
        return (x - half, y, x + half, y + height)

    def active_hitboxes(self) -> list[tuple[float, float, float, float]]:
        """The hitboxes of the current move frame in world units, for drawing and for combat."""
        if self.state != "move" or self.move is None:
            return []
        hit = self.move.hit_at[self.move_frame]
        if hit is None:
            return []
        x, y = self.x, self.y
        boxes = hit.boxes_right if self.facing > 0 else hit.boxes_left
        return [(x + x0, y + y0, x + x1, y + y1) for x0, y0, x1, y1 in boxes]

    # --- the tick ------------------------------------------------------------------------------

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_ticks = 0

    def start_move(self, world: World, move: Move, press: Press | None) -> None:
        previous = self.move.id if self.state == "move" and self.move else None
        if press is not None:
            self.buffer.take(press)
            if press.horizontal:
                self.facing = press.horizontal
        self.move = move
        self.move_frame = 1
        self.landed_hits = set()
        self.connected = False
        self.whiffed_reported = False
        self.running = False
        self.set_state("move")
        world.emit(ev.MoveStarted(world.tick, self.id, move.id, previous))
        if move.finisher:
            self.grace = 0.0
            world.emit(ev.FinisherStarted(world.tick, self.id, move.id))

    def find_move(self, candidates: list[Move], allowed: frozenset[str] | None) -> tuple[Move, Press] | None:
        """The oldest buffered press that starts one of `candidates` (restricted to `allowed`)."""
        for press in self.buffer.presses:
            for move in candidates:
                if move.button != press.button:
                    continue
                if move.finisher and self.grace < self.grace_max:
                    continue
                requires = move.requires  # gun-fu: the weapon in hand, or one at her feet to pick up
                if requires is not None and requires != self.weapon and not (
                    self.weapon_at_feet and requires == "weapon_at_feet"
                ):
                    continue
                if move.direction != "neutral" and move.direction != press.direction:
                    continue
                if allowed is not None and move.id not in allowed:
                    continue
                return move, press
        return None

    def buffered(self, button: int) -> Press | None:
        for press in self.buffer.presses:
            if press.button == button:
                return press
        return None

    def update(self, world: World) -> None:
        """Advance this fighter one tick before physics: timers, state changes, velocities."""
        if self.hitstop > 0:
            self.hitstop -= 1
            for press in self.buffer.presses:
                press.tick += 1  # the buffer does not age while the fight is frozen
            if self.frozen_at is None:
                self.frozen_at = (self.x, self.y)
                self.frozen_velocity = (self.vx, self.vy)
            self.set_velocity(0.0, 0.0)
            return
        if self.frozen_at is not None:
            self.set_velocity(*self.frozen_velocity)
            self.frozen_at = None
        if self.pending_knockback is not None:
            self.set_velocity(0.0, 0.0)
            self.body.apply_impulse_at_local_point(self.pending_knockback)
            self.vx, self.vy = self.body.velocity
            self.pending_knockback = None
            self.grounded = self.grounded and self.vy <= 0
        self.state_ticks += 1
        if self.drop_through > 0:
            self.drop_through -= 1
        state = self.state
        if state == "move":
            self._update_move(world)
        elif state in GROUNDED_STATES:
            self._update_ground(world)
        elif state in AIR_STATES:
            self._update_air(world)
        else:
            self._update_hurt(world)

    def _update_move(self, world: World) -> None:
        move = self.move
        assert move is not None
        self.move_frame += 1
        frame = self.move_frame
        if frame > move.total:
            self.move = None
            self.set_state("idle" if self.grounded else "fall")
            if self.grounded:
                self._update_ground(world)
            else:
                self._update_air(world)
            return
        # a cancel needs a press waiting in the buffer (looked at first: most frames have none)
        allowed = move.cancels_into(frame, self.connected) if self.buffer.presses else None
        if allowed:
            if "jump" in allowed and self.grounded and self._try_jump(world):
                return
            pool = self.book.air if not self.grounded else self.book.ground
            found = self.find_move(pool, allowed)
            if found is None and not self.grounded:
                found = self.find_move(self.book.ground, allowed)  # airborne ground moves chain on
            if found is not None:
                self.start_move(world, found[0], found[1])
                frame = 1
                move = found[0]
        motion = move.motion_at[frame]
        if motion is not None:
            self.set_velocity(self.facing * motion[0], self.vy if motion[1] is None else motion[1])
        elif self.grounded:
            self.set_velocity(self.vx * MOVE_DRAG, self.vy)

    def _update_ground(self, world: World) -> None:
        frame = self.input
        if self.state == "land" and self.state_ticks > self._land_frames:
            self.set_state("idle")
        if self.buffer.presses and self._start_from_buffer(world):  # moves and jumps come first
            return
        if self.state == "land":
            self.set_velocity(self.vx * MOVE_DRAG, self.vy)
            return
        held = frame.held
        horizontal = (1 if held & RIGHT else 0) - (1 if held & LEFT else 0)  # frame.horizontal(), inlined
        vx = self.vx
        if held & BLOCK:  # guarding: she stands her ground, turning to face the side she holds
            if horizontal:
                self.facing = horizontal
            self.running = False
            self.set_state("block")
            self.set_velocity(vx * MOVE_DRAG, self.vy)
            return
        if held & DOWN:
            self.running = False
            self.set_state("crouch")
            self.set_velocity(vx * MOVE_DRAG, self.vy)
            return
        if horizontal:
            self.facing = horizontal
            if self.buffer.run_tapped:
                self.running = True
            self.neutral_ticks = 0
            speed = self.spec.run_speed if self.running else self.spec.walk_speed
            self.set_state("run" if self.running else "walk")
            self.set_velocity(vx + (horizontal * speed - vx) * WALK_BLEND, self.vy)
            self.step_ticks += 2 if self.running else 1
            if self.step_ticks >= STEP_FRAMES:
                self.step_ticks = 0
                world.emit(ev.Footstep(world.tick, self.id, self.x, self.y))
            return
        self.neutral_ticks += 1
        if self.neutral_ticks > RUN_STOP_FRAMES:
            self.running = False
        self.set_state("idle")
        self.set_velocity(vx * (1 - WALK_BLEND) if abs(vx) > 0.5 else 0.0, self.vy)

    def _start_from_buffer(self, world: World) -> bool:
        """Start a buffered move or jump from the ground; True when one started."""
        found = self.find_move(self.book.ground, None)
        if found is not None:
            self.start_move(world, found[0], found[1])
            self._update_move_motion_first_frame()
            return True
        jump = self.buffered(JUMP)
        if jump is None:
            return False
        self.buffer.take(jump)
        if jump.direction == "down" and world.on_one_way(self):
            self.drop_through = DROP_FRAMES
            self.grounded = False
            self.set_state("fall")
        else:
            self._jump(world, jump.horizontal)
        return True

    @property
    def _land_frames(self) -> int:
        return self.stun if self.stun > 0 else LAND_FRAMES

    def _update_move_motion_first_frame(self) -> None:
        assert self.move is not None
        motion = self.move.motion_at[1]
        if motion is not None:
            self.set_velocity(self.facing * motion[0], self.vy if motion[1] is None else motion[1])

    def _try_jump(self, world: World) -> bool:
        press = self.buffered(JUMP)
        if press is None:
            return False
        self.buffer.take(press)
        cancelled_from = self.move.id if self.move else None
        self.move = None
        self._jump(world, press.horizontal or self.input.horizontal(), cancelled_from)
        return True

    def _jump(self, world: World, horizontal: int, cancelled_from: str | None = None) -> None:
        vy = math.sqrt(2 * world.gravity * self.spec.jump_height)
        if horizontal:
            self.facing = horizontal
        speed = max(abs(self.vx), self.spec.air_speed) if horizontal else 0.0
        self.set_velocity(horizontal * speed, vy)
        self.grounded = False
        self.air_ticks = 0
        self.set_state("jump")
        world.emit(ev.Jumped(world.tick, self.id, self.x, self.y, cancelled_from))

    def _update_air(self, world: World) -> None:
        found = self.find_move(self.book.air, None) if self.buffer.presses else None
        if found is not None:
            self.start_move(world, found[0], found[1])
            self._update_move_motion_first_frame()
            return
        horizontal = self.input.horizontal()
        vx, vy = self.vx, self.vy
        if horizontal:
            self.facing = horizontal
            target = horizontal * max(self.spec.air_speed, abs(vx) if vx * horizontal > 0 else 0.0)
            self.set_velocity(vx + (target - vx) * AIR_BLEND, vy)
        if self.state == "jump" and vy <= 0:
            self.set_state("fall")

    def _update_hurt(self, world: World) -> None:
        state = self.state
        if state == "hitstun":
            if self.grounded:
                self.set_velocity(self.vx * GROUND_DRAG, self.vy)
            self.stun -= 1
            if self.stun <= 0:
                self.set_state("idle" if self.grounded else "fall")
                world.end_combo(self)
        elif state == "knockdown":
            self.set_velocity(self.vx * GROUND_DRAG, self.vy)
            self.stun -= 1
            if self.stun <= 0:
                self.stun = GETUP_FRAMES
                self.roll = self.input.horizontal()  # held away from the fight: get up rolling
                self.set_state("getup")
                if self.roll:
                    self.set_velocity(self.roll * ROLL_SPEED, self.vy)
        elif state == "getup":
            self.stun -= 1
            if self.stun <= 0:
                if self.roll:
                    self.roll = 0
                    self.set_velocity(0.0, self.vy)
                self.set_state("idle")
            elif self.roll:
                self.set_velocity(self.roll * ROLL_SPEED, self.vy)
        elif state in ("blockstun", "parried"):
            if self.grounded:
                self.set_velocity(self.vx * GROUND_DRAG, self.vy)
            self.stun -= 1
            if self.stun <= 0:
                guarding = state == "blockstun" and self.input.held & BLOCK
                self.set_state("block" if guarding else "idle" if self.grounded else "fall")
        elif state == "ko" and self.grounded:
            self.set_velocity(self.vx * GROUND_DRAG, self.vy)

    def after_physics(self, world: World, grounded: bool) -> None:
        """React to where physics put the body: landing, leaving the ground, moves running out."""
        was = self.grounded
        if self.frozen_at is not None:
            self.place(*self.frozen_at)
            self.set_velocity(0.0, 0.0)
            return
        if grounded:
            self.air_ticks = 0
        else:
            self.air_ticks += 1
        if grounded and not was:
            self.grounded = True
            self._land(world)
        elif not grounded and was and self.air_ticks >= FALL_GRACE:
            self.grounded = False
            if self.state in GROUNDED_STATES:
                self.set_state("fall")

    def _land(self, world: World) -> None:
        state = self.state
        speed = -self.vy
        world.emit(ev.Landed(world.tick, self.id, self.x, self.y, speed))
        if state in AIR_STATES:
            self.stun = 0
            self.set_state("land")
        elif state == "move" and self.move is not None and self.move.air:
            self.stun = self.move.spec.landing_lag
            self.move = None
            self.set_state("land")
        elif state in ("juggle", "ko") or (state == "hitstun" and self.juggle_points):
            self.juggle_points = 0
            if state == "ko":
                return
            self.stun = KNOCKDOWN_FRAMES
            self.set_state("knockdown")
            world.emit(ev.KnockedDown(world.tick, self.id, self.x, self.y))
            world.end_combo(self)

    def feed(self, tick: int, frame: InputFrame) -> None:
        held = frame.held
        if held & BLOCK and not self.input.held & BLOCK:
            self.guard_pressed = tick
        self.input = frame
        buffer = self.buffer
        if held == buffer.previous and not buffer.presses:  # nothing new, nothing waiting: InputBuffer.feed's
            buffer.run_tapped = False                       # own first step, without the call
            return
        buffer.feed(tick, frame)

    def state_tuple(self) -> tuple:
        """Every field that decides the future, for the world's state hash."""
        return (
            self.id, self.state, self.state_ticks, self.move.id if self.move else None, self.move_frame,
            tuple(sorted(self.landed_hits)), self.connected, self.stun, self.hitstop,
            self.pending_knockback, self.grounded, self.air_ticks, self.juggle_points,
            (self.combo.attacker, self.combo.hits, self.combo.damage, tuple(self.combo.moves)) if self.combo else None,
            self.drop_through, self.running, self.neutral_ticks, self.step_ticks, self.facing, self.health,
            self.frozen_at, self.frozen_velocity, self.buffer.state(), self.input.held,
            self.grace, self.grace_earned, self.guard_pressed, self.counter_until, self.roll,
        )
