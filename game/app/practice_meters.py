"""What practice mode measures for its overlays: the last inputs, the frame data of the move just
performed (as it happened, not as the file says), the combo's damage and scaling, and the cancels the
current move offers right now. Plain bookkeeping fed by the world and its events; nothing here draws.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.sim import events as ev
from game.sim.fighter import COMBO_MIN_SCALE, COMBO_SCALE_STEP, Fighter
from game.sim.world import World

INPUT_ROWS = 20  # inputs the input display keeps
MOST_TICKS_SHOWN = 99  # a row held longer reads "99+"
ADVANTAGE_WAIT = 240  # ticks the meter waits for both fighters to be free before giving up on advantage
FREE = frozenset({"idle", "walk", "run", "crouch", "block", "jump", "fall"})  # able to act
STUNS = frozenset({"hitstun", "blockstun", "parried", "getup"})  # leaving these takes a tick of its own
DOWNED = frozenset({"juggle", "knockdown", "ko"})


class InputHistory:
    """The last INPUT_ROWS inputs of the fighter being driven, each with the ticks it was held."""

    def __init__(self, size: int = INPUT_ROWS) -> None:
        self.rows: deque[list[int]] = deque(maxlen=size)  # [held mask, ticks], newest last

    def feed(self, held: int) -> None:
        """One tick of input: a new row when it changed, else one more tick on the newest row."""
        if self.rows and self.rows[-1][0] == held:
            self.rows[-1][1] += 1
        else:
            self.rows.append([held, 1])

    def clear(self) -> None:
        self.rows.clear()


@dataclass(slots=True)
class MoveReading:
    """One move as it happened: its frames, what became of it and the advantage it left."""

    move: str
    name: str
    started: int  # tick
    total: int  # frames the move file gives it
    frames: list[bool] = field(default_factory=list)  # per move frame seen: was a hitbox out?
    cancelled_into: str | None = None
    outcome: str = "whiff"  # whiff, hit, blocked, parried
    damage: int = 0
    advantage: int | None = None  # + : she could act first by this many ticks
    knockdown: bool = False  # the target went down: no advantage to speak of
    settled: bool = False  # nothing more will be learned about it

    @property
    def startup(self) -> int | None:
        """Frames before the first active one (the frame-data table's convention)."""
        return self.frames.index(True) if True in self.frames else None

    @property
    def active(self) -> int:
        if True not in self.frames:
            return 0
        last = len(self.frames) - 1 - self.frames[::-1].index(True)
        return last - self.frames.index(True) + 1

    @property
    def recovery(self) -> int:
        """Frames after the last active one until it ended (or was cancelled)."""
        if True not in self.frames:
            return len(self.frames)
        return self.frames[::-1].index(True)


class FrameMeter:
    """Reads the frame data of one fighter's moves and the advantage they leave, tick by tick."""

    def __init__(self, fighter_id: int) -> None:
        self.fighter_id = fighter_id
        self.reading: MoveReading | None = None  # the move being performed, or the last one
        self.previous: MoveReading | None = None  # the one before it (what it was cancelled from)
        self._watch: tuple[int, int] | None = None  # (target id, tick the move ended) while advantage is open
        self._ready: dict[int, int] = {}  # fighter id -> first tick it could act again
        self._last_state: dict[int, str] = {}
        self._target = -1  # whom the current move touched last

    def observe(self, world: World, events: list[ev.Event]) -> None:
        """Take one tick: new moves, their frames, hits and blocks, and who is free again."""
        me = world.fighters[self.fighter_id]
        for event in events:
            self._note(world, me, event)
        reading = self.reading
        move = me.move
        if reading is not None and not reading.settled and me.state == "move" and move is not None \
                and move.id == reading.move:
            while len(reading.frames) < min(me.move_frame, move.total):
                reading.frames.append(move.hit_at[len(reading.frames) + 1] is not None)
        elif reading is not None and self._watch is None and not reading.settled and me.state != "move":
            self._ended(world, reading)
        self._advantage(world)

    def _note(self, world: World, me: Fighter, event: ev.Event) -> None:
        kind = type(event)
        if kind is ev.MoveStarted and event.fighter == me.id:  # type: ignore[attr-defined]
            if self.reading is not None and not self.reading.settled:
                self.reading.cancelled_into = event.move  # type: ignore[attr-defined]
                self.reading.settled = True
            move = me.book[event.move]  # type: ignore[attr-defined]
            self.previous, self.reading = self.reading, MoveReading(move.id, move.name, world.tick, move.total)
            self._watch = None
        elif kind in (ev.Hit, ev.Blocked, ev.Parried) and event.attacker == me.id:  # type: ignore[attr-defined]
            reading = self.reading
            if reading is not None and event.move == reading.move:  # type: ignore[attr-defined]
                reading.outcome = {ev.Hit: "hit", ev.Blocked: "blocked", ev.Parried: "parried"}[kind]
                reading.damage += getattr(event, "damage", 0)
                self._target = event.target  # type: ignore[attr-defined]
                for held in (me.id, self._target):  # both are held again: stun, and the move's recovery
                    self._ready.pop(held, None)

    def _ended(self, world: World, reading: MoveReading) -> None:
        """The move ran out (not cancelled): on contact, wait for both fighters to be free again."""
        if reading.outcome in ("hit", "blocked"):
            self._watch = (self._target, world.tick)
        else:
            reading.settled = True

    def _advantage(self, world: World) -> None:
        for fighter in world.fighters:
            before = self._last_state.get(fighter.id, fighter.state)
            if fighter.state in FREE and before not in FREE and fighter.id not in self._ready:
                self._ready[fighter.id] = world.tick + (1 if before in STUNS else 0)
            self._last_state[fighter.id] = fighter.state
        if self._watch is None or self.reading is None:
            return
        target_id, since = self._watch
        reading = self.reading
        target = world.fighters[target_id] if 0 <= target_id < len(world.fighters) else None
        if target is None or target.state in DOWNED:
            reading.knockdown = target is not None
            reading.settled, self._watch = True, None
            return
        mine, theirs = self._ready.get(self.fighter_id), self._ready.get(target_id)
        if target.state in FREE and theirs is None:
            theirs = since  # it was never held at all (an armoured target)
        if mine is not None and theirs is not None:
            reading.advantage = theirs - mine
            reading.settled, self._watch = True, None
        elif world.tick - since > ADVANTAGE_WAIT:
            reading.settled, self._watch = True, None


class ComboMeter:
    """The combo she is building: hits, damage and the scaling its next hit will suffer."""

    def __init__(self, fighter_id: int) -> None:
        self.fighter_id = fighter_id
        self.hits = 0
        self.damage = 0
        self.last_damage = 0
        self.counter = False
        self.live = False  # the combo is still going
        self.best_damage = 0  # the most a combo has dealt this session

    def observe(self, events: list[ev.Event]) -> None:
        for event in events:
            if type(event) is ev.Hit and event.attacker == self.fighter_id:
                self.hits, self.damage, self.last_damage = event.combo_hits, event.combo_damage, event.damage
                self.counter = event.counter
                self.live = True
                self.best_damage = max(self.best_damage, self.damage)
            elif type(event) is ev.ComboEnded and event.attacker == self.fighter_id:
                self.live = False

    @property
    def scaling(self) -> float:
        """The share of its damage the last hit dealt (1.0 for the first hit of a combo)."""
        return scale_of(self.hits)

    @property
    def next_scaling(self) -> float:
        return scale_of(self.hits + 1) if self.live else 1.0


def scale_of(hit_number: int) -> float:
    """The damage scaling of the n-th hit of a combo (the simulation's rule, game/sim/combat.py)."""
    return max(COMBO_MIN_SCALE, 1.0 - COMBO_SCALE_STEP * max(0, hit_number - 1))


@dataclass(frozen=True, slots=True)
class CancelOption:
    """One edge of the choreography graph out of the current move."""

    into: tuple[str, ...]  # move ids (or "jump")
    frames: tuple[int, int]  # the window, in the move's frames
    on_hit: bool  # only once the move has hit
    open_now: bool  # the window is open this very frame (and, for on-hit cancels, the move has hit)


def cancel_options(fighter: Fighter, move_id: str | None = None) -> list[CancelOption]:
    """The cancels of the fighter's current move (or `move_id`, finished), each marked open or shut."""
    current = fighter.move if fighter.state == "move" else None
    move = current if current is not None else fighter.book.moves.get(move_id or "")
    if move is None:
        return []
    frame = fighter.move_frame if current is not None else -1
    options = []
    for cancel in move.spec.cancels:
        within = cancel.frames[0] <= frame <= cancel.frames[1]
        open_now = within and (fighter.connected or not cancel.on_hit)
        options.append(CancelOption(tuple(cancel.into), tuple(cancel.frames), cancel.on_hit, open_now))  # type: ignore[arg-type]
    return options
