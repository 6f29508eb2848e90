"""Phrases, grace and named enchaînements: how the simulation judges a combo as dance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.data.choreography import ChoreographySpec
from game.sim import events as ev

if TYPE_CHECKING:
    from game.sim.world import World

TICKS_PER_MINUTE = 3600


class Phrase:
    """The moves a fighter has chained by cancels since it last started from neutral."""

    __slots__ = ("steps", "landed", "recognised")

    def __init__(self) -> None:
        self.steps: list[str] = []  # move ids, and "jump" for a jump cancel
        self.landed: list[bool] = []  # whether each step has hit
        self.recognised: set[int] = set()  # (enchaînement index) already awarded in this phrase

    def state(self) -> tuple:
        return (tuple(self.steps), tuple(self.landed), tuple(sorted(self.recognised)))


class Choreographer:
    """Keeps each fighter's phrase, awards grace per hit and spots named enchaînements."""

    def __init__(self, spec: ChoreographySpec, tempo: float) -> None:
        self.spec = spec
        self.rules = spec.grace
        self.beat_ticks = TICKS_PER_MINUTE / tempo
        self.phrases: dict[int, Phrase] = {}

    def on_beat(self, tick: int) -> bool:
        """Whether `tick` lies within the on-beat window of the music's beat."""
        phase = tick % self.beat_ticks
        return min(phase, self.beat_ticks - phase) <= self.rules.on_beat_window

    def move_started(self, world: World, event: ev.MoveStarted) -> None:
        phrase = self.phrases.get(event.fighter)
        after_jump_cancel = phrase is not None and phrase.steps[-1:] == ["jump"]
        if phrase is None or (event.cancelled_from is None and not after_jump_cancel):
            phrase = self.phrases[event.fighter] = Phrase()
        phrase.steps.append(event.move)
        phrase.landed.append(False)

    def jumped(self, world: World, fighter_id: int, cancelled: bool) -> None:
        """A jump cancel carries the phrase on; a jump from neutral ends it."""
        phrase = self.phrases.get(fighter_id)
        if phrase is None or not cancelled:
            self.phrases.pop(fighter_id, None)
            return
        phrase.steps.append("jump")
        phrase.landed.append(True)

    def landed(self, fighter_id: int) -> None:
        """Landing after a jump cancel without an air move closes the phrase."""
        phrase = self.phrases.get(fighter_id)
        if phrase is not None and phrase.steps[-1:] == ["jump"]:
            del self.phrases[fighter_id]

    def hit(self, world: World, event: ev.Hit) -> None:
        phrase = self.phrases.get(event.attacker)
        if phrase is None or not phrase.steps or phrase.landed[-1]:
            return  # grace comes from a move's first hit only
        phrase.landed[-1] = True
        move_id = phrase.steps[-1]
        attacker = world.fighters[event.attacker]
        move = attacker.book.moves.get(move_id)
        if move is None:
            return
        grace = float(move.spec.grace) * self.rules.repeat_factor ** phrase.steps[:-1].count(move_id)
        on_beat = self.on_beat(world.tick)
        if on_beat:
            grace *= 1.0 + self.rules.on_beat_bonus
        self._award(world, attacker, grace, move_id, on_beat)
        self._recognise(world, attacker, phrase)

    def _recognise(self, world: World, attacker, phrase: Phrase) -> None:  # type: ignore[no-untyped-def]
        for index, enchainement in enumerate(self.spec.enchainements):
            pattern = enchainement.phrase
            n = len(pattern)
            if index in phrase.recognised or len(phrase.steps) < n:
                continue
            if phrase.steps[-n:] == pattern and all(phrase.landed[-n:]):
                phrase.recognised.add(index)
                world.emit(ev.Enchainement(world.tick, attacker.id, enchainement.name, enchainement.grace))
                self._award(world, attacker, float(enchainement.grace), enchainement.name, False)

    def _award(self, world: World, fighter, amount: float, reason: str, on_beat: bool) -> None:  # type: ignore[no-untyped-def]
        if amount <= 0:
            return
        before = fighter.grace
        fighter.grace = min(float(self.rules.max_grace), fighter.grace + amount)
        fighter.grace_earned += amount
        world.emit(ev.GraceEarned(world.tick, fighter.id, amount, reason, on_beat, fighter.grace - before))

    def state(self) -> tuple:
        return tuple((fid, self.phrases[fid].state()) for fid in sorted(self.phrases))
