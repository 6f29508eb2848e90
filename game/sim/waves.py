"""The level's script: waves of enemies sent when their triggers fire, and the goal that ends the level."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.data.levels import LevelSpec, WaveSpec
from game.sim import events as ev

if TYPE_CHECKING:
    from game.sim.world import World

ENEMY_TEAM = 1  # the same team as game.sim.world.ENEMY_TEAM (not imported: world imports this module)


class WaveDirector:
    """Sends the level's waves in order, each when its trigger fires, and says when the level is won.

    Waves come in the order of the file: a wave's trigger is only looked at once the wave before it has
    come. `start` fires at once, `tick` on the world tick given, `reach` when the ballerina's x passes
    the trigger's x (in either direction from her spawn), `cleared` when the wave before is knocked out.
    """

    def __init__(self, level: LevelSpec) -> None:
        self.waves: tuple[WaveSpec, ...] = tuple(level.waves)
        self.goal = level.goal
        self.spawn_x = level.spawn[0]
        self.sent: list[tuple[int, ...]] = []  # the fighter ids of each wave sent so far, in order
        self.cleared: list[bool] = []  # per wave sent
        self.won_at: int | None = None  # the tick the goal was met

    @property
    def next_wave(self) -> int:
        """The index of the next wave to come (== len(waves) once all have come)."""
        return len(self.sent)

    @property
    def won(self) -> bool:
        return self.won_at is not None

    def step(self, world: World) -> None:
        """Called once a tick after hits are resolved: clears, then triggers, then the goal."""
        if not self.waves and self.goal.kind != "reach_exit":
            return  # practice, or a level with nothing to script
        self._check_cleared(world)
        while self.next_wave < len(self.waves) and self._fires(world, self.waves[self.next_wave]):
            self._send(world, self.next_wave)
            self._check_cleared(world)
        if self.won_at is None and self._goal_met(world):
            self.won_at = world.tick
            world.emit(ev.LevelWon(world.tick, self.goal.kind))

    def _fires(self, world: World, wave: WaveSpec) -> bool:
        trigger = wave.trigger
        kind = trigger.kind
        if kind == "start":
            return True
        if kind == "tick":
            return trigger.tick is not None and world.tick >= trigger.tick
        if kind == "cleared":
            return bool(self.cleared) and self.cleared[-1]
        player = world.player
        if player is None or trigger.x is None:
            return False
        if trigger.x >= self.spawn_x:
            return player.x >= trigger.x
        return player.x <= trigger.x

    def _send(self, world: World, index: int) -> None:
        wave = self.waves[index]
        ids = []
        for enemy in wave.enemies:
            facing = 1 if enemy.facing == "right" else -1
            brain = enemy.brain or world.archetypes[enemy.kind].spec.brain
            ids.append(world.add_fighter(enemy.kind, enemy.at, facing, ENEMY_TEAM, brain).id)
        self.sent.append(tuple(ids))
        self.cleared.append(False)
        world.emit(ev.WaveStarted(world.tick, index, wave.name, tuple(ids)))

    def _check_cleared(self, world: World) -> None:
        for index, ids in enumerate(self.sent):
            if not self.cleared[index] and all(world.fighters[i].state == "ko" for i in ids):
                self.cleared[index] = True
                world.emit(ev.WaveCleared(world.tick, index, self.waves[index].name))

    def _goal_met(self, world: World) -> bool:
        kind = self.goal.kind
        if kind == "clear_waves":
            return len(self.sent) == len(self.waves) and all(self.cleared)
        if kind == "reach_exit":
            player = world.player
            return player is not None and player.state != "ko" and self.goal.x is not None and player.x >= self.goal.x
        if kind == "defeat_boss":
            bosses = [
                fighter_id
                for wave, ids in zip(self.waves, self.sent, strict=False)
                for enemy, fighter_id in zip(wave.enemies, ids, strict=True)
                if enemy.boss
            ]
            return bool(bosses) and all(world.fighters[i].state == "ko" for i in bosses)
        return False  # practice never ends

    # --- determinism --------------------------------------------------------------------------

    def state(self) -> tuple:
        """Everything about the script that decides the future, for the state hash and snapshots."""
        return (tuple(self.sent), tuple(self.cleared), self.won_at)

    def restore(self, state: tuple) -> None:
        """Put back a `state()`; the fighters it names must exist in the world already."""
        sent, cleared, won_at = state
        self.sent = list(sent)
        self.cleared = list(cleared)
        self.won_at = won_at
