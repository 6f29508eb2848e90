"""Tactics: the enemies' brain. It presses buttons like a player, from what it saw a moment ago.

Every enemy archetype fights through this one brain, tuned by its file's `[tactics]` (range, aggression,
guard, keep_distance, retreat) and, for a boss, `[[phases]]`. It takes turns through attack tokens
(game/sim/tactics_parts.py): at most `world.difficulty.attack_tokens` enemies attack the ballerina at
once; the others circle at their range, step in and out, feint, face her and guard. It sees her as she
was `world.difficulty.reaction_ticks` ago, so easy enemies are slow to guard and hard ones quick. It
rolls out of a knockdown away from her, backs off or guards after a combo, never walks off a stage's
edge, and jumps onto what stands between it and her.

To stay cheap with twenty of them it thinks every DECIDE_TICKS ticks (staggered by fighter id) and holds
its directions and guard in between; action buttons are pressed on a thinking tick only, so every
press is a fresh one. Its only randomness is `world.rng`, drawn inside `decide`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.sim import events as ev
from game.sim.fighter import PARRY_FRAMES
from game.sim.inputs import NEUTRAL, Button, InputFrame, command, frame_of
from game.sim.tactics_parts import (
    Attack,
    AttackTokens,
    attacks_of,
    move_reach,
    safe_step,
    wall_ahead,
)

if TYPE_CHECKING:
    from game.data.fighters import TacticsSpec
    from game.sim.fighter import Fighter
    from game.sim.world import World

DECIDE_TICKS = 4  # ticks between two thoughts of one brain
RETARGET_TICKS = 12  # ticks between two looks around for the nearest opponent
ASK_RATE = 0.25  # chance per thought, times its aggression, that a waiting enemy asks for a token
CIRCLE_MARGIN = 70.0  # px beyond its range a waiting enemy circles
BAND = 28.0  # px either side of the distance it wants that it lets be
PLAN_TICKS = (40, 100)  # ticks a waiting enemy keeps one plan (its distance, a feint) before the next
FEINT_CHANCE = 0.2  # chance a new plan is a feint: a step into her reach and back out
NEAR = 170.0  # px: closer than this a waiting enemy fears her reach and may raise its guard
GUARD_SPELL = 36  # ticks a guard raised in fear of her reach is held before it thinks again
RECOVER_TICKS = 45  # ticks after a combo ended on it that it backs off or guards
REACH_MARGIN = 10.0  # px of reach an attack must have to spare before it is thrown
PARRY_CHANCE = 0.15  # chance a hard enemy that guards an attack times a parry instead
JUMP_SPARE = 12.0  # px below its jump's height that a ledge must be for it to jump up there
LEFT, RIGHT, UP, DOWN = int(Button.LEFT), int(Button.RIGHT), int(Button.UP), int(Button.DOWN)
JUMP, BLOCK = int(Button.JUMP), int(Button.BLOCK)
HELD = LEFT | RIGHT | UP | DOWN | BLOCK  # what is held between thoughts; actions are pressed, not held
HURT = frozenset({"hitstun", "juggle", "parried", "getup"})  # what a combo puts it through (not a guard)
GUARD, BACK = 1, 2  # how it recovers after a combo: guarding, or backing away
AIRBORNE = frozenset({"jump", "fall"})
OUT_OF_REACH = frozenset({"knockdown", "getup", "ko"})  # targets not worth a blow (invulnerable)

Seen = tuple  # (tick, state, move id or None, move frame, x, y, facing): the target at one moment


class TacticsBrain:
    """An enemy that fights like one: takes turns, guards what it sees coming, keeps its footing."""

    def __init__(self) -> None:
        self.hold = 0  # buttons held until the next thought
        self.held: InputFrame = NEUTRAL  # ... as the frame pressed on the ticks between
        # the tick of its next thought (0: not known yet): before it, `decide` would only return `held`,
        # so the world takes `held` without asking. A boss checks its phase every tick and keeps it 0.
        self.quiet_until = 0
        self.target: int | None = None
        self.retarget_at = 0  # tick it looks around for the nearest opponent again
        self.seen: list[Seen] = []  # the target at recent thoughts, oldest first
        self.judged: tuple[int, int] = (-1, -1)  # (target, start tick) of the last attack it judged
        self.will_guard = False  # its verdict on that attack
        self.will_parry = False
        self.guard_until = -1  # tick its raised guard stays up until
        self.fear_at = -1  # tick from which it may judge again whether to guard against her reach
        self.recover_until = -1  # tick its backing off after a combo lasts until
        self.hurt = False  # it was hurt at its last thought
        self.recovery = BACK  # how it recovers from the combo that last ended on it
        self.plan_until = -1  # tick its circling plan lasts until
        self.offset = 0.0  # px added to its circling distance by the current plan
        self.chain: tuple[int, str, bool] = (-1, "", False)  # (move start tick, follow-up, pressed)
        self.phase = 0  # boss phases begun

    # --- the tick ------------------------------------------------------------------------------------

    def decide(self, world: World, fighter: Fighter) -> InputFrame:
        if fighter.spec.phases:
            self._check_phase(world, fighter)
        wait = (world.tick + fighter.id) % DECIDE_TICKS
        if wait:
            if not fighter.spec.phases:
                self.quiet_until = world.tick + DECIDE_TICKS - wait
            return self.held  # between thoughts: what it decided to hold at the last one
        if not fighter.spec.phases:
            self.quiet_until = world.tick + DECIDE_TICKS
        now, self.hold = self._think(world, fighter)
        self.held = frame_of(self.hold) if self.hold else NEUTRAL
        return frame_of(now)

    def _check_phase(self, world: World, fighter: Fighter) -> None:
        """A boss below a phase's share of its health begins it: a new temper, new moves, an announcement."""
        spec = fighter.spec
        phase = spec.phase_at(fighter.health / spec.health)
        while self.phase < phase:
            self.phase += 1
            world.emit(ev.PhaseChanged(world.tick, fighter.id, self.phase, spec.phases[self.phase - 1].announce))

    def _think(self, world: World, me: Fighter) -> tuple[int, int]:
        """This tick's buttons, and those to hold until the next thought."""
        state = me.state
        target = self._target(world, me)
        if target is None:
            return 0, 0
        toward = RIGHT if target.x > me.x else LEFT
        away = LEFT if toward == RIGHT else RIGHT
        if state == "knockdown":  # roll away from her as it gets up, if there is floor that way
            self.hurt = True
            ok = safe_step(world, me, 1 if away == RIGHT else -1, 140.0, False)
            return (away, away) if ok else (0, 0)
        if state == "blockstun":
            return BLOCK | toward, BLOCK | toward
        if state in HURT:
            self.hurt = True
            return 0, 0
        seen = self._observe(world, target)
        if state == "move":
            return self._chain(world, me, toward)
        if state in AIRBORNE:
            return toward, toward
        tactics = me.spec.tactics_at(me.health / me.spec.health) if me.spec.phases else me.spec.tactics
        if self.hurt:  # a combo on it just ended: slip away, back off or guard for a while
            self.hurt = False
            now = self._out_of_combo(world, me, tactics, toward)
            return now, now & HELD
        guard = self._guard(world, me, target, seen, toward, tactics.guard * world.difficulty.guard)
        if guard:
            return guard, guard
        if world.tick < self.recover_until:
            return self._recover(world, me, target, toward, away)
        tokens = AttackTokens.of(world)
        if tokens.holds(me.id) or (
            world.rng.chance(tactics.aggression * ASK_RATE) and tokens.take(world, me.id, target.id)
        ):
            return self._attack(world, me, target, toward)
        return self._circle(world, me, target, tactics, toward, away)

    def _target(self, world: World, me: Fighter) -> Fighter | None:
        """Whom it fights: the nearest opponent, looked for again now and then or when its own falls."""
        if self.target is not None and world.tick < self.retarget_at:
            current = world.fighters[self.target]
            if current.state != "ko":
                return current
        self.retarget_at = world.tick + RETARGET_TICKS
        target = world.nearest_opponent(me)
        new = target.id if target is not None else None
        if new != self.target:
            self.target = new
            self.seen = []
        return target

    def _observe(self, world: World, target: Fighter) -> Seen | None:
        """Note the target as it is now; return it as it was `reaction_ticks` ago (None: nothing yet)."""
        tick = world.tick
        move = target.move.id if target.state == "move" and target.move is not None else None
        seen = self.seen
        seen.append((tick, target.state, move, target.move_frame, target.x, target.y, target.facing))
        reaction = world.difficulty.reaction_ticks
        if len(seen) > reaction // DECIDE_TICKS + 2:
            del seen[0]
        for entry in reversed(seen):
            if entry[0] <= tick - reaction:
                return entry
        return None

    # --- defence ---------------------------------------------------------------------------------------

    def _guard(self, world: World, me: Fighter, target: Fighter, seen: Seen | None, toward: int,
               readiness: float) -> int:
        """Buttons that guard (or parry) what it saw coming; 0 when it does not guard.

        `readiness` is its chance to guard an attack it sees coming (tactics.guard * difficulty.guard).
        """
        tick = world.tick
        if tick <= self.guard_until:
            return BLOCK | toward
        if seen is None:
            return 0
        then, state, move_id, frame, x, _y, facing = seen
        distance = abs(me.x - x) - me.width / 2
        facing_me = facing == (1 if me.x > x else -1)
        if state == "move" and move_id is not None and facing_me:
            move = target.book.moves.get(move_id)
            if move is None or not move.hits:
                return 0
            frame_now = frame + (tick - then)
            last = move.hits[-1].spec.frames[1]
            if frame_now > last or distance > move_reach(move) + 20.0:
                return 0
            start = (target.id, then - frame)
            if start != self.judged:
                self.judged = start
                self.will_guard = world.rng.chance(readiness)
                self.will_parry = self.will_guard and world.difficulty.guard > 1.0 and world.rng.chance(PARRY_CHANCE)
            if not self.will_guard:
                return 0
            coming = min((h.spec.frames[0] for h in move.hits if h.spec.frames[0] >= frame_now), default=frame_now)
            if coming - frame_now < PARRY_FRAMES and not self.hold & BLOCK and not self.will_parry:
                return 0  # too late: raising the guard now would be a parry, which it did not mean to try
            self.guard_until = tick + (last - frame_now) + 2
            return BLOCK | toward
        fearing = state not in OUT_OF_REACH and distance < NEAR and facing_me and tick >= self.fear_at
        if fearing and not AttackTokens.of(world).holds(me.id):
            self.fear_at = tick + GUARD_SPELL  # one verdict a spell, not one a thought
            if world.rng.chance(readiness):
                self.guard_until = tick + GUARD_SPELL
                return BLOCK | toward
        return 0

    def _recover(self, world: World, me: Fighter, target: Fighter, toward: int, away: int) -> tuple[int, int]:
        """Just out of a combo: back off, or guard, as it chose when the combo ended."""
        if self.recovery == GUARD:
            return BLOCK | toward, BLOCK | toward
        step = self._step(world, me, target, away)
        return step, step & HELD

    def _out_of_combo(self, world: World, me: Fighter, tactics: TacticsSpec, toward: int) -> int:
        """A combo on it has just ended: choose how to recover (once), and the buttons of its first tick."""
        rng = world.rng
        self.recover_until = world.tick + RECOVER_TICKS
        if tactics.retreat and tactics.retreat in me.book and rng.chance(0.4):
            self.recover_until = world.tick + DECIDE_TICKS * 4
            self.recovery = BACK
            move = me.book[tactics.retreat]
            return command(move.button, move.direction, toward)
        self.recovery = GUARD if rng.chance(tactics.guard * world.difficulty.guard) else BACK
        return BLOCK | toward if self.recovery == GUARD else 0

    # --- attack ----------------------------------------------------------------------------------------

    def _attack(self, world: World, me: Fighter, target: Fighter, toward: int) -> tuple[int, int]:
        """Holding a token: a blow that reaches, or closing in until one does."""
        if target.state in OUT_OF_REACH:
            return 0, 0
        dx = target.x - me.x
        distance, half = abs(dx), target.width / 2
        dy = target.y - me.y
        locked = me.spec.locked_moves(me.health / me.spec.health) if me.spec.phases else ()
        reaching: list[Attack] = []
        for attack in attacks_of(me.book):
            if attack.move in locked or attack.near > distance + half or attack.far - REACH_MARGIN < distance - half:
                continue
            if attack.low - target.height < dy < attack.high:
                reaching.append(attack)
        if reaching:
            if me.facing != (1 if dx > 0 else -1):
                return toward, 0  # turn to her first: a neutral command keeps the way it faces
            attack = world.rng.choice(reaching)
            return command(attack.button, attack.direction, toward), 0
        step = self._step(world, me, target, toward)
        return step, step & HELD

    def _chain(self, world: World, me: Fighter, toward: int) -> tuple[int, int]:
        """In a move: once it connects, press the follow-up its cancels allow, in time for the window."""
        move = me.move
        if move is None or not me.connected:
            return 0, 0
        start = world.tick - me.move_frame
        if self.chain[0] != start:
            options = me.book.follow_ups(move)
            if me.spec.phases:
                locked = me.spec.locked_moves(me.health / me.spec.health)
                options = tuple(o for o in options if o not in locked)
            follow = world.rng.choice(options) if options and world.rng.chance(0.7) else ""
            self.chain = (start, follow, False)
        _, follow, pressed = self.chain
        if not follow or pressed:
            return 0, 0
        window = move.cancel_window(follow)
        if window is None or not window.start - 3 <= me.move_frame <= window.stop:
            return 0, 0
        self.chain = (start, follow, True)
        nxt = me.book[follow]
        return command(nxt.button, nxt.direction, toward), 0

    # --- waiting its turn ------------------------------------------------------------------------------

    def _circle(self, world: World, me: Fighter, target: Fighter, tactics: TacticsSpec, toward: int,
                away: int) -> tuple[int, int]:
        """No token: keep to its range (stepping in and out, now and then a feint), facing her."""
        tick = world.tick
        rng = world.rng
        if tick >= self.plan_until:
            self.plan_until = tick + rng.randint(*PLAN_TICKS)
            feint = rng.chance(FEINT_CHANCE) and not tactics.keep_distance
            self.offset = -CIRCLE_MARGIN - 30.0 if feint else float(rng.randint(-40, 80))
        margin = 0.0 if tactics.keep_distance else CIRCLE_MARGIN
        wanted = max(tactics.range + margin + self.offset, 40.0)
        distance = abs(target.x - me.x)
        if distance > wanted + BAND:
            step = self._step(world, me, target, toward)
            return step, step & HELD
        if distance < wanted - BAND:
            step = self._step(world, me, target, away)
            if step:
                return step, step & HELD
        if me.facing != (1 if toward == RIGHT else -1):
            return toward, 0
        return 0, 0

    def _step(self, world: World, me: Fighter, target: Fighter, direction: int) -> int:
        """Buttons that move it one step that way: a walk, a jump onto a ledge, a drop through a floor,
        or nothing where the floor ends."""
        sign = 1 if direction == RIGHT else -1
        below = target.y < me.y - 40.0
        rise = target.y - me.y
        spring = me.spec.jump_height - JUMP_SPARE
        if 60.0 < rise < spring and abs(target.x - me.x) < 220.0 and target.grounded:
            return JUMP | direction  # she stands on something it can jump onto
        if below and abs(target.x - me.x) < 200.0 and world.on_one_way(me):
            return DOWN | JUMP  # she is under the platform it stands on: drop through
        if me.state == "walk" and abs(me.vx) < 15.0 and me.state_ticks > 12:
            return JUMP | direction  # walking into something low (a chair, a crate): hop over it
        look = me.width / 2 + 26.0
        wall = wall_ahead(world, me, sign, 30.0)
        if wall is not None:
            return JUMP | direction if wall - me.y < spring else 0
        return direction if safe_step(world, me, sign, look, below) else 0

    def state(self) -> tuple:
        return (
            self.hold, self.target, self.retarget_at, tuple(self.seen), self.judged, self.will_guard,
            self.will_parry, self.guard_until, self.fear_at, self.recover_until, self.hurt, self.recovery,
            self.plan_until, self.offset, self.chain, self.phase,
        )
