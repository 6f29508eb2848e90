"""The strong player: a scripted ballerina that wins the Opera House with legal inputs only.

It reads the world as a very good player reads the screen (every enemy's move and frame), but it acts
only by pressing buttons: it walks on through the level, jumps what stands in the way, parries blows a
few ticks before they land (a fresh press of block, facing the attacker), and answers with the best
enchaînements she knows, cancelling each move into the next on hit. Its fight against the Opera House
is kept as tests/replays/opera_house_win.json (`python -m game.scripting.strong_player --record`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from game.data import LEVELS, ROOT
from game.sim.inputs import NEUTRAL, Button, InputFrame, command, frame_of
from game.sim.tactics_parts import move_reach, wall_ahead

if TYPE_CHECKING:
    from game.scripting.replay import Replay
    from game.sim.fighter import Fighter
    from game.sim.moves import Move
    from game.sim.world import World

LEFT, RIGHT, UP, DOWN = int(Button.LEFT), int(Button.RIGHT), int(Button.UP), int(Button.DOWN)
LIGHT, HEAVY, SPIN, JUMP, BLOCK = (int(b) for b in (Button.LIGHT, Button.HEAVY, Button.SPIN, Button.JUMP, Button.BLOCK))
# her phrases, the opener first: each move cancels into the next on hit (assets/moves/ballerina.toml)
PHRASES = (
    ("battement", "pirouette", "arabesque", "grand_jete"),  # Swan's Reply, then the launch
)
SAFE_TICKS = 26  # ticks a blow must be away for her to start (or go on with) a phrase rather than guard
OPENER_REACH = 80.0  # px from her x to the enemy's x within which the battement lands
PARRY_AHEAD = 3  # ticks before a blow lands that she presses block (inside the 6-tick parry window)
BUSY = frozenset({"knockdown", "getup", "ko"})
RECORD_SEED = 12  # a seed on which the recorded fight is won (tests/replays/opera_house_win.json)
RECORD_TICKS = 3 * 60 * 60  # three minutes at most
REPLAY_PATH = ROOT / "tests" / "replays" / "opera_house_win.json"


class StrongPlayer:
    """An input-only bot for the ballerina that approaches, parries, and dances her best phrases."""

    def __init__(self) -> None:
        self.held = 0  # what she held last tick: a press is a button not held the tick before
        self.phrase: tuple[str, ...] = ()  # the moves still to come of the phrase she is dancing
        self.phrase_no = 0  # which of PHRASES comes next

    def decide(self, world: World, me: Fighter) -> InputFrame:
        held = self._choose(world, me)
        pressed = held & ~self.held
        if held & (LIGHT | HEAVY | SPIN | JUMP) and not pressed & (LIGHT | HEAVY | SPIN | JUMP):
            held = held & ~(LIGHT | HEAVY | SPIN | JUMP)  # let go this tick, press on the next
        self.held = held
        return frame_of(held) if held else NEUTRAL

    def _choose(self, world: World, me: Fighter) -> int:
        if me.state == "ko":
            return 0
        threat = _threat(world, me)
        if threat is not None:
            attacker, coming = threat
            toward = RIGHT if attacker.x > me.x else LEFT
            if self.held & BLOCK or coming <= PARRY_AHEAD:
                self.phrase = ()
                return BLOCK | toward
            if coming < SAFE_TICKS and me.state != "move":
                return 0  # a blow is on its way: wait for it, to parry it, rather than start a phrase
        if me.state == "move":
            return self._next_in_phrase(me) if threat is None or threat[1] >= SAFE_TICKS else 0
        self.phrase = ()
        if me.state in ("jump", "fall"):
            return self.held & (LEFT | RIGHT)
        target = _nearest(world, me)
        if target is None:
            return self._walk_on(world, me, RIGHT, run=True)  # on to where the next wave comes
        if target.y - me.y > 120.0 and abs(target.x - me.x) < 260.0:
            return 0  # it stands above her, out of reach: wait below; it comes down to her
        return self._fight(world, me, target)

    def _fight(self, world: World, me: Fighter, target: Fighter) -> int:
        dx = target.x - me.x
        toward = RIGHT if dx > 0 else LEFT
        facing = 1 if dx > 0 else -1
        if target.state in BUSY:
            return 0
        if abs(dx) > OPENER_REACH:
            if target.state == "block" and abs(dx) < OPENER_REACH + 70:
                return 0  # let a raised guard drop before stepping into it
            return self._walk_on(world, me, toward, run=abs(dx) > 260.0)
        if me.facing != facing:
            return toward
        if target.state == "block" and target.facing == -facing:
            return 0  # a guard from the front: wait for it to open
        self.phrase = PHRASES[self.phrase_no % len(PHRASES)]
        self.phrase_no += 1
        return _command(me.book[self.phrase[0]], toward)

    def _next_in_phrase(self, me: Fighter) -> int:
        move = me.move
        if move is None or not self.phrase or move.id not in self.phrase:
            return 0
        at = self.phrase.index(move.id)
        if at + 1 >= len(self.phrase) or not me.connected:
            return 0
        follow = self.phrase[at + 1]
        window = move.cancel_window(follow)
        if window is None or me.move_frame < window.start - 2:
            return 0
        toward = RIGHT if me.facing > 0 else LEFT
        return _command(me.book[follow], toward)

    def _walk_on(self, world: World, me: Fighter, direction: int, run: bool = False) -> int:
        """A step that way: a jump onto a block in the way, a double tap into a run when it is far."""
        sign = 1 if direction == RIGHT else -1
        wall = wall_ahead(world, me, sign, 40.0)
        if wall is not None and me.state in ("idle", "walk", "run"):
            return JUMP | direction
        if run and me.state == "walk" and me.facing == sign and self.held & direction:
            return 0  # let go for a tick: the next press is the second tap of a run
        if me.state in ("walk", "run") and abs(me.vx) < 20.0 and me.state_ticks > 20:
            return JUMP | direction  # held up by something low (a prop): hop over it
        return direction


def _nearest(world: World, me: Fighter) -> Fighter | None:
    """The enemy to fight: the nearest, height counting triple."""
    best, best_d = None, 1e9
    for other in world.fighters:
        if other.team != me.team and other.state != "ko":
            d = abs(other.x - me.x) + 3.0 * abs(other.y - me.y)
            if d < best_d:
                best, best_d = other, d
    return best


def _threat(world: World, me: Fighter) -> tuple[Fighter, int] | None:
    """The enemy whose next blow will land on her soonest, and in how many ticks; None when none will."""
    best: tuple[Fighter, int] | None = None
    for enemy in world.fighters:
        move = enemy.move
        if enemy.team == me.team or enemy.state != "move" or move is None:
            continue
        shot = getattr(move.spec, "shot", None)
        if shot is not None and enemy.facing == (1 if me.x > enemy.x else -1) and abs(enemy.y - me.y) < 160.0:
            flight = max(abs(enemy.x - me.x) - shot.muzzle[0] - me.width / 2, 0.0) / shot.speed * 60
            coming = round(shot.frame - enemy.move_frame + flight)
            if coming >= 0 and (best is None or coming < best[1]):
                best = (enemy, coming)
            continue
        if not move.hits:
            continue
        if enemy.facing != (1 if me.x > enemy.x else -1) and move.hits[0].boxes_right[0][0] >= 0:
            continue
        if abs(enemy.x - me.x) - me.width / 2 > move_reach(move) + 12.0 or abs(enemy.y - me.y) > 120.0:
            continue
        coming = _next_blow(move, enemy.move_frame)
        if coming is not None and (best is None or coming < best[1]):
            best = (enemy, coming + enemy.hitstop)
    return best


def _next_blow(move: Move, frame: int) -> int | None:
    for hit in move.hits:
        first, last = hit.spec.frames
        if last >= frame:
            return max(first - frame, 0)
    return None


def _command(move: Move, toward: int) -> int:
    return command(move.button, move.direction, toward)


def play_opera_house(seed: int = RECORD_SEED, ticks: int = RECORD_TICKS,
                     difficulty: str = "normal") -> tuple[Replay, bool]:
    """The strong player's fight through the Opera House as a replay, and whether she won it (the fight
    stops at the win, at her knockout, or after `ticks`)."""
    from game.data.bundle import load_bundle
    from game.scripting.replay import ReplayRecorder
    from game.sim import events as ev

    level = LEVELS / "opera_house.toml"
    world = load_bundle(level).world(seed=seed, difficulty=difficulty)
    recorder = ReplayRecorder(level, seed)
    player = StrongPlayer()
    me = world.fighters[world.player_id]  # type: ignore[index]
    for _ in range(ticks):
        frame = player.decide(world, me)
        events = world.step({me.id: frame})
        recorder.record(frame, world)
        if me.state == "ko" or any(type(e) is ev.LevelWon for e in events):
            break
    return recorder.finish(world), world.director.won


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Play the Opera House with the strong player.",
                                     epilog="example: python -m game.scripting.strong_player --record")
    parser.add_argument("--record", action="store_true", help=f"save the fight as {REPLAY_PATH}")
    parser.add_argument("--seed", type=int, default=RECORD_SEED)
    args = parser.parse_args(argv)
    replay, won = play_opera_house(args.seed)
    print(f"{'won' if won else 'lost'} in {replay.tick_count} ticks ({replay.tick_count / 60:.1f} s)")
    if args.record and won:
        Path(REPLAY_PATH).parent.mkdir(parents=True, exist_ok=True)
        replay.save(REPLAY_PATH)
        print(f"saved {REPLAY_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
