"""Difficulty: how many enemies may attack at once, how fast they react, how hard they hit."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Difficulty:
    """One difficulty setting; the brains and the hit rules read it from `world.difficulty`."""

    name: str
    attack_tokens: int  # enemies that may be attacking at the same moment
    reaction_ticks: int  # ticks an enemy takes to notice and answer what the ballerina does
    enemy_damage: float  # enemies' damage to the player is multiplied by this
    guard: float  # multiplies each enemy's readiness to block (its archetype's tactics.guard)


DIFFICULTIES: dict[str, Difficulty] = {
    "easy": Difficulty("easy", attack_tokens=1, reaction_ticks=22, enemy_damage=0.6, guard=0.5),
    "normal": Difficulty("normal", attack_tokens=2, reaction_ticks=14, enemy_damage=1.0, guard=1.0),
    "hard": Difficulty("hard", attack_tokens=3, reaction_ticks=8, enemy_damage=1.4, guard=1.4),
}
DEFAULT_DIFFICULTY = "normal"


def difficulty_named(name: str) -> Difficulty:
    """The difficulty called `name`; a clear error for any other name."""
    try:
        return DIFFICULTIES[name]
    except KeyError:
        raise ValueError(f"unknown difficulty {name!r}; difficulties are {', '.join(DIFFICULTIES)}") from None
