"""The timeline: a fight recorded tick by tick, so the lab and practice mode can scrub back and forth.

A `Timeline` watches one running `World`. Every tick it keeps a snapshot (`World.snapshot()` is exact and
cheap) and the inputs that were fed. Memory stays bounded: only the most recent `recent` ticks keep their
snapshot; older ticks keep one keyframe every `keyframe_every` ticks, and a seek into them restores the
nearest keyframe before the tick and plays the recorded inputs forward to it. Because snapshots restore
bit-exactly, the world arrives with the same `state_hash()` it had the first time through.

    timeline = Timeline(world)
    timeline.step({world.player_id: InputFrame(held)})  # or world.step(...) then timeline.record(...)
    timeline.seek(12)                                   # the world is at tick 12 again
    timeline.step(other_inputs)                         # the old future after tick 12 is forgotten
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Mapping

from game.sim import events as ev
from game.sim.inputs import InputFrame
from game.sim.snapshot import Snapshot
from game.sim.world import World

RECENT_TICKS = 600  # ticks (10 s) whose snapshot is kept: a whole lab phrase is scrubbed without re-simulating
KEYFRAME_TICKS = 30  # ticks between keyframes beyond the recent ones (a seek re-simulates at most 29 ticks)
MOST_KEYFRAMES = 720  # keyframes kept (6 minutes at 30 ticks apart); the oldest go first
SCRATCH_TICKS = 64  # snapshots re-simulated during seeks kept for scrubbing around the same old tick

Inputs = Mapping[int, InputFrame]


class TimelineError(ValueError):
    """A seek or truncation outside what the timeline holds; the message gives the ticks it holds."""


class Timeline:
    """A running world's recent past: snapshots, keyframes and the inputs between them, to seek into."""

    def __init__(self, world: World, recent: int = RECENT_TICKS, keyframe_every: int = KEYFRAME_TICKS,
                 most_keyframes: int = MOST_KEYFRAMES) -> None:
        if recent < 1 or keyframe_every < 1 or most_keyframes < 1:
            raise ValueError("recent, keyframe_every and most_keyframes must all be at least 1")
        self.world = world
        self.keyframe_every = keyframe_every
        self.most_keyframes = most_keyframes
        self.start = world.tick  # keyframes fall on start, start + N, start + 2N, ...
        first = world.snapshot()
        self._recent: deque[Snapshot] = deque([first], maxlen=recent)
        self._keyframes: OrderedDict[int, Snapshot] = OrderedDict({first.tick: first})
        self._scratch: OrderedDict[int, Snapshot] = OrderedDict()
        self._inputs: dict[int, dict[int, InputFrame]] = {}  # inputs[t] took the world from tick t to t + 1
        self._events: dict[int, tuple[ev.Event, ...]] = {first.tick: tuple(world.events)}
        self.resimulated = 0  # ticks stepped again by seeks, for measuring

    # --- what it holds ---------------------------------------------------------------------------

    @property
    def latest(self) -> int:
        """The last tick recorded: the end of the film."""
        return self._recent[-1].tick

    @property
    def earliest(self) -> int:
        """The first tick a seek can still reach (older ticks were let go to keep within the budget)."""
        return min(self._recent[0].tick, next(iter(self._keyframes)))

    def __len__(self) -> int:
        """How many ticks can be sought, both ends included."""
        return self.latest - self.earliest + 1

    def __contains__(self, tick: int) -> bool:
        return self.earliest <= tick <= self.latest

    def inputs_at(self, tick: int) -> dict[int, InputFrame]:
        """The inputs that took the world from `tick` to `tick + 1` (empty: brains and neutral only)."""
        return dict(self._inputs.get(tick, {}))

    def events_at(self, tick: int) -> tuple[ev.Event, ...]:
        """The events of the step that arrived at `tick`."""
        return self._events.get(tick, ())

    def events(self) -> list[ev.Event]:
        """Every event recorded, in order: for marking hits and move starts along a timeline bar."""
        return [event for tick in sorted(self._events) for event in self._events[tick]]

    def snapshots_kept(self) -> int:
        """Distinct snapshots held (recent, keyframes and scratch): the timeline's memory, roughly."""
        kept = {id(s) for s in self._recent} | {id(s) for s in self._keyframes.values()}
        return len(kept | {id(s) for s in self._scratch.values()})

    # --- recording ------------------------------------------------------------------------------

    def step(self, inputs: Inputs | None = None) -> list[ev.Event]:
        """Advance the world one tick with `inputs` and record it.

        From a tick in the past (after a seek), the old future is forgotten first: the fight resumes
        from there with the new inputs.
        """
        if self.world.tick != self.latest:
            self.truncate_after(self.world.tick)
        events = self.world.step(inputs)
        self.record(inputs)
        return events

    def record(self, inputs: Inputs | None = None) -> None:
        """Note the tick the world has just stepped to with `inputs` (for callers that step it themselves)."""
        world = self.world
        if world.tick != self.latest + 1:
            raise TimelineError(f"the world is at tick {world.tick}, but the timeline ends at {self.latest}: "
                                f"record right after each step, or seek/truncate first")
        self._inputs[self.latest] = dict(inputs or {})
        snapshot = world.snapshot()
        self._events[snapshot.tick] = tuple(world.events)
        self._recent.append(snapshot)
        if (snapshot.tick - self.start) % self.keyframe_every == 0:
            self._keyframes[snapshot.tick] = snapshot
            if len(self._keyframes) > self.most_keyframes:
                self._keyframes.popitem(last=False)
                self._forget_before(self.earliest)

    def _forget_before(self, tick: int) -> None:
        for old in [t for t in self._inputs if t < tick]:
            del self._inputs[old]
        for old in [t for t in self._events if t < tick]:
            del self._events[old]

    def truncate_after(self, tick: int) -> None:
        """Forget every tick after `tick` (the fight goes on from there with new inputs).

        The world itself is not moved: seek to `tick` first if it is elsewhere.
        """
        self._check(tick)
        if tick < self._recent[0].tick:  # every recent tick goes: the film resumes from the snapshot of `tick`
            here = self.world.snapshot()
            resume = self._snapshot_of(tick)  # may re-simulate, moving the world...
            self.world.restore(here)  # ...so put it back where it was
            self._recent.clear()
            self._recent.append(resume)
        while self._recent[-1].tick > tick:
            self._recent.pop()
        for store in (self._keyframes, self._scratch):
            for later in [t for t in store if t > tick]:
                del store[later]
        for later in [t for t in self._inputs if t >= tick]:
            del self._inputs[later]
        for later in [t for t in self._events if t > tick]:
            del self._events[later]

    # --- seeking --------------------------------------------------------------------------------

    def seek(self, tick: int) -> None:
        """Put the world exactly at `tick` as it was the first time through (same state hash)."""
        self._check(tick)
        self.world.restore(self._snapshot_of(tick))

    def _snapshot_of(self, tick: int) -> Snapshot:
        """The snapshot of `tick`: kept, or re-simulated from the nearest earlier one and kept a while."""
        found = self._kept(tick)
        if found is not None:
            return found
        base = self._nearest_before(tick)
        world = self.world
        world.restore(base)
        snapshot = base
        while world.tick < tick:
            world.step(self._inputs.get(world.tick))
            self.resimulated += 1
            snapshot = world.snapshot()
            self._scratch[snapshot.tick] = snapshot
            if len(self._scratch) > SCRATCH_TICKS:
                self._scratch.popitem(last=False)
        return snapshot

    def _kept(self, tick: int) -> Snapshot | None:
        first = self._recent[0].tick
        if first <= tick <= self.latest:
            return self._recent[tick - first]
        return self._keyframes.get(tick) or self._scratch.get(tick)

    def _nearest_before(self, tick: int) -> Snapshot:
        candidates = [t for t in self._keyframes if t <= tick] + [t for t in self._scratch if t <= tick]
        best = max(candidates)
        return self._keyframes.get(best) or self._scratch[best]

    def _check(self, tick: int) -> None:
        if tick not in self:
            raise TimelineError(f"tick {tick} is not on the timeline (it holds ticks {self.earliest}–{self.latest})")
