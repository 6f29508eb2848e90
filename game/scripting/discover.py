"""Discover: every phrase the ballerina can really perform against the training dummy, found by dancing them.

The search walks the choreography graph (the cancel lists of a move file) in the combo-test arena. Each
step is performed by the combo tests' own Performer, at the earliest frame it can start: by a cancel when
the move before it has one into it, otherwise as a link once she has recovered (`recover > step`). A
chain counts when every step started, every step that has hits landed one, and all the hits make one
combo (the dummy never recovered in between). Prefixes are danced once: the world is snapshotted where
a branch leaves it (`World.snapshot()` is exact), so a chain's line replays identically as a combo test.

While dancing, every cancel entry is also pressed at each frame of its window (in a few chains that reach
the move); an entry no timing starts is a data mistake, listed with its reason (see `cancel_mistakes`).
"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from game.data import ASSETS
from game.data.combos import ComboTestSpec
from game.data.errors import DataError, Problem, unknown_name
from game.data.fighters import load_archetype
from game.data.moves import MoveFile, load_moves
from game.scripting.choreography import Step
from game.scripting.combos import build_world
from game.scripting.discover_mistakes import CancelMistake, Probes, cancel_mistakes, needs
from game.scripting.performer import Performer, StepFailed
from game.sim import events as ev
from game.sim.inputs import Button
from game.sim.moves import Move, MoveBook
from game.sim.snapshot import Snapshot

SETTLE = 240  # ticks she may take to recover after the last step, as a combo test allows
COMBO_STATES = ("hitstun", "juggle")  # the dummy's states in which a combo on it is still going
DEFAULT_DEPTH = 3  # moves in the longest chain searched


@dataclass(frozen=True, slots=True)
class Chain:
    """A performable phrase: its steps (a choreography line) and what it did to the dummy."""

    steps: tuple[str, ...]
    damage: int
    hits: int
    grace: float
    frames: int  # ticks from the first input until she is free again, as combo tests count them
    enchainements: tuple[str, ...] = ()

    @property
    def moves(self) -> tuple[str, ...]:
        return tuple(s for s in self.steps if s not in ("jump", "recover"))

    @property
    def line(self) -> str:
        return " > ".join(self.steps)

    @property
    def per_frame(self) -> float:
        return self.damage / self.frames if self.frames else 0.0

    def order(self) -> tuple:
        """Sort key: most damage, then most grace, then fewest frames, then the line itself."""
        return (-self.damage, -round(self.grace, 6), self.frames, self.steps)


@dataclass(slots=True)
class Mark:
    """A place to branch from: the world's snapshot and how much of the performer's record it had."""

    snapshot: Snapshot
    events: int
    inputs: int
    held: int  # the buttons the performer still holds: a press of the same button releases first
    frame: int = 0  # in a move: the frame a press made now would land on
    grounded: bool = True
    connected: bool = False  # the running move had hit someone


@dataclass(slots=True)
class Follow:
    """What a started move did when left alone: marks at its window openings and when she is free."""

    at_frame: dict[int, Mark] = field(default_factory=dict)  # frame a press would land on -> mark
    free: Mark | None = None  # first moment she is free on the ground
    combo_going: bool = False  # the dummy was still in hitstun or juggle at that moment


@dataclass(slots=True)
class Harvest:
    """What one worker found: chains, cancel entries probed, and how much it simulated."""

    chains: list[Chain] = field(default_factory=list)
    probes: Probes = field(default_factory=Probes)
    nodes: int = 0
    ticks: int = 0


class Rehearsal:
    """The combo-test arena held for one search: a world, its performer, and branching by snapshot."""

    def __init__(self, moves: MoveFile) -> None:
        self.world = build_world(ComboTestSpec(name="discover", script="recover"))
        dancer = self.world.player
        assert dancer is not None
        self.book = MoveBook(moves)
        dancer.book = self.book  # the move file searched, danced in the ballerina's body
        self.dancer = dancer
        self.dummy = self.world.fighters[1]
        self.performer = Performer(self.world)
        self.start = self.mark()
        self.order = sorted(m.id for m in self.book if needs(m.spec) is None)  # what she can start here
        self.harvest = Harvest()

    # --- branching -----------------------------------------------------------------------------

    def mark(self, frame: int = 0) -> Mark:
        p, dancer = self.performer, self.dancer
        return Mark(self.world.snapshot(), len(p.events), len(p.inputs), p.held, frame, dancer.grounded,
                    dancer.connected)

    def back_to(self, mark: Mark) -> None:
        p = self.performer
        self.world.restore(mark.snapshot)
        del p.events[mark.events:]
        del p.inputs[mark.inputs:]
        p.held = mark.held
        p.frames_used = 0
        p.target_state_at_end = None

    def perform(self, mark: Mark, after: str | None, steps: list[Step]) -> bool:
        """Dance `steps` from `mark` (after the move `after`, if one is running); whether all started."""
        self.back_to(mark)
        p = self.performer
        p.previous = Step(0, after, "move", move=after) if after else None
        try:
            p.perform(steps)
        except StepFailed:
            return False
        return True

    # --- one node ------------------------------------------------------------------------------

    def follow(self, move: Move, frames: set[int]) -> Follow:
        """Leave the started `move` alone until she has recovered, marking `frames` and her first free tick."""
        p, dancer = self.performer, self.dancer
        seen = Follow()
        start_tick = self.world.tick
        for _ in range(SETTLE):
            if dancer.state == "move" and dancer.move is move:
                upcoming = dancer.move_frame + 1
                if dancer.hitstop == 0 and upcoming in frames and upcoming not in seen.at_frame:
                    seen.at_frame[upcoming] = self.mark(upcoming)
            elif seen.free is None and p.free_on_ground():
                seen.free = self.mark()
                seen.combo_going = self.dummy.state in COMBO_STATES
            if dancer.hitstop == 0 and dancer.state in ("idle", "walk", "run", "crouch"):
                break
            p.tick(0)
        p.recover(SETTLE, final=True)
        self.harvest.ticks += self.world.tick - start_tick
        return seen

    def chain(self, steps: tuple[str, ...]) -> Chain | bool:
        """The chain just danced if it counts; False if it never can (a move with hits missed, or the combo
        broke), True if it may yet (nothing has hit so far: a dodge opening the phrase)."""
        player = self.world.player_id
        hits, damage, names = 0, 0, []
        landed: list[tuple[str, int]] = []
        for event in self.performer.events:
            kind = type(event)
            if kind is ev.MoveStarted and event.fighter == player:
                landed.append((event.move, 0))
            elif kind is ev.Hit and event.attacker == player:
                hits += 1
                damage += event.damage
                if event.combo_hits != hits or not landed:
                    return False  # the dummy recovered in between: two combos, not one chain
                landed[-1] = (landed[-1][0], landed[-1][1] + 1)
            elif kind is ev.Enchainement and event.fighter == player:
                names.append(event.name)
        if any(count == 0 and self.book[move].hits for move, count in landed):
            return False
        if hits == 0:
            return True
        return Chain(steps, damage, hits, round(self.dancer.grace_earned, 2), self.performer.frames_used, tuple(names))

    # --- the search ----------------------------------------------------------------------------

    def routes(self, move: Move | None, seen: Follow | None, target: str) -> list[tuple[Mark, list[str]]]:
        """Where `target` may be started from after `move`, and the steps that start it: a cancel first."""
        into = self.book[target]
        if move is None or seen is None:
            return [(self.start, ["jump", target] if into.air else [target])]
        found: list[tuple[Mark, list[str]]] = []
        window = move.cancel_window(target, connected=True)
        jump = move.cancel_window("jump", connected=True) if into.air else None
        if window is not None and window.start in seen.at_frame:
            found.append((seen.at_frame[window.start], [target]))
        elif jump is not None and jump.start in seen.at_frame:
            found.append((seen.at_frame[jump.start], ["jump", target]))
        elif seen.free is not None and seen.combo_going:
            found.append((seen.free, ["recover", "jump", target] if into.air else ["recover", target]))
        return found

    def grow(self, steps: tuple[str, ...], move: Move | None, moves_left: int, first: str | None) -> None:
        """Follow the chain `steps` (ending with `move` just started), keep it if it counts, branch on."""
        seen = None
        if move is not None:
            self.harvest.nodes += 1
            seen = self.follow(move, self.frames_wanted(move))
            chain = self.chain(steps)
            if chain is False:
                return  # a step missed or the combo broke: nothing after it can mend that
            if isinstance(chain, Chain):
                self.harvest.chains.append(chain)
            self.probe(move, seen, steps)
        if moves_left == 0:
            return
        for target in [first] if first else self.order:
            for mark, new in self.routes(move, seen, target):
                if not self.perform(mark, move.id if move else None, [self.step(s) for s in new]):
                    continue
                if move is not None and new[0] != "recover":
                    self.harvest.probes.confirm(move, mark.frame, new[0])
                self.grow(steps + tuple(new), self.book[target], moves_left - 1, None)

    def step(self, word: str) -> Step:
        if word in ("jump", "recover"):
            return Step(0, word, word)
        return Step(0, word, "move", move=word)

    def frames_wanted(self, move: Move) -> set[int]:
        """Frames to mark in `move`: each cancel target's first frame, and every frame still to probe."""
        frames = set()
        for target in {t for c in move.spec.cancels for t in c.into}:
            window = move.cancel_window(target, connected=True)
            if window is not None:
                frames.add(window.start)
        return frames | self.harvest.probes.frames_to_try(move)

    def probe(self, move: Move, seen: Follow, steps: tuple[str, ...]) -> None:
        """Press each cancel target still unproven at every marked frame of its entry's window."""
        probes = self.harvest.probes
        for index, cancel in enumerate(move.spec.cancels):
            for target in cancel.into:
                if not probes.wants(move.id, index, target):
                    continue
                marks = [seen.at_frame[f] for f in range(cancel.frames[0], cancel.frames[1] + 1)
                         if f in seen.at_frame]
                started = any(self.press_at(mark, move, target) for mark in marks)
                observed = (bool(marks), any(not m.grounded for m in marks), any(m.grounded for m in marks),
                            any(m.connected for m in marks))
                probes.record((move.id, index, target), started, observed, " > ".join(steps))

    def press_at(self, mark: Mark, move: Move, target: str) -> bool:
        """From `mark`, press what starts `target`: did it start out of `move` on that very tick?"""
        self.back_to(mark)
        p = self.performer
        if target == "jump":
            p.press(int(Button.JUMP))
            return any(type(e) is ev.Jumped and e.cancelled_from == move.id for e in self.world.events)
        p.press(p.input_mask(self.book[target], self.step(target)))
        return any(type(e) is ev.MoveStarted and e.move == target and e.cancelled_from == move.id
                   for e in self.world.events)


@lru_cache(maxsize=4)
def _rehearsal(moves_path: str) -> Rehearsal:
    return Rehearsal(load_moves(moves_path))


def search_from(task: tuple[str, int, str | None]) -> Harvest:
    """One worker's share: every chain whose first move is `first` (all when None), up to `depth` moves."""
    moves_path, depth, first = task
    rehearsal = _rehearsal(moves_path)
    rehearsal.harvest = Harvest()
    rehearsal.grow((), None, depth, first)
    return rehearsal.harvest


@dataclass(slots=True)
class Discovery:
    """The whole answer: chains best first, mistakes in the move file, and what the search cost."""

    fighter: str
    moves_path: str
    depth: int
    first: str | None
    chains: list[Chain]
    mistakes: list[CancelMistake]
    nodes: int
    ticks: int
    seconds: float
    jobs: int


def moves_file_of(fighter: str) -> Path:
    """The move file a fighter dances (assets/moves/<moves>.toml), or a DataError if it has none."""
    archetype = load_archetype(fighter)
    if archetype.spec.moves is None:
        raise DataError(fighter, [Problem("moves", f"{fighter!r} has no move file to search")])
    return ASSETS / "moves" / f"{archetype.spec.moves}.toml"


def discover(
    depth: int = DEFAULT_DEPTH,
    first: str | None = None,
    fighter: str = "ballerina",
    jobs: int | None = None,
    moves_path: Path | str | None = None,
) -> Discovery:
    """Search every performable chain of up to `depth` moves, on `jobs` processes (all cores by default)."""
    path = str(moves_path or moves_file_of(fighter))
    moves = load_moves(path)
    if first is not None and first not in moves.moves:
        raise DataError(path, [Problem("--from", unknown_name("move", first, list(moves.moves)))])
    firsts = [first] if first else sorted(m for m, spec in moves.moves.items() if needs(spec) is None)
    tasks = [(path, depth, name) for name in firsts]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    began = time.perf_counter()
    if jobs == 1:
        harvests = [search_from(task) for task in tasks]
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            harvests = pool.map(search_from, tasks, chunksize=1)
    seconds = time.perf_counter() - began
    chains = sorted((c for h in harvests for c in h.chains), key=Chain.order)
    probes = Probes.merged([h.probes for h in harvests])
    mistakes = cancel_mistakes(moves, path, probes)
    return Discovery(fighter, path, depth, first, chains, mistakes, sum(h.nodes for h in harvests),
                     sum(h.ticks for h in harvests), seconds, jobs)
