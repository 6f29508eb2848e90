"""Sparring partners: fighters on two teams who never go down, to keep benches, sync tests and soaks busy
in any level: ballerinas with the sparring brain, or the real enemy cast with its tactics brain."""

from __future__ import annotations

from collections.abc import Iterable

from game.data.bundle import PLAYER_ARCHETYPE, Bundle
from game.data.fighters import Archetype
from game.data.levels import ActorSpec
from game.sim.fighter import Fighter

SPARRING_PARTNER = "sparring_partner"  # the archetype id the partners are added under
CROWD = ("thug", "knife_fighter", "gunman", "brute", "assassin")  # the enemy cast a crowd is drawn from
TIRELESS = "tireless_"  # prefix of the archetype ids of the crowd's never-knocked-out copies


def sparring_cast(bundle: Bundle, health: int, tireless_player: bool = False) -> dict[str, Archetype]:
    """The bundle's archetypes plus a sparring partner: the ballerina with `health` (so she lasts the run).

    `tireless_player` gives the player the same health, for runs where her random buttons must go on.
    """
    dancer = bundle.archetypes[PLAYER_ARCHETYPE]
    partner = dancer.spec.model_copy(update={"health": health})
    archetypes = dict(bundle.archetypes)
    archetypes[SPARRING_PARTNER] = Archetype(SPARRING_PARTNER, partner, dancer.moves)
    if tireless_player:
        archetypes[PLAYER_ARCHETYPE] = Archetype(PLAYER_ARCHETYPE, partner, dancer.moves)
    return archetypes


def partners_at(xs: Iterable[float], y: float) -> list[ActorSpec]:
    """Sparring partners standing at each x, driven by the sparring brain."""
    return [ActorSpec(archetype=SPARRING_PARTNER, at=(x, y), brain="sparring") for x in xs]


def split_teams(partners: Iterable[Fighter]) -> None:
    """Put partners on two teams by id, so some fight on the player's side and some against."""
    for fighter in partners:
        fighter.team = fighter.id % 2


def crowd_cast(bundle: Bundle, health: int) -> dict[str, Archetype]:
    """The bundle's archetypes plus a tireless copy (`health`, the tactics brain) of each enemy of CROWD.

    Those the bundle has not loaded (`load_bundle(level, extra=CROWD)` loads them all) are loaded here.
    """
    from game.data.fighters import load_archetype

    archetypes = dict(bundle.archetypes)
    for name in CROWD:
        enemy = bundle.archetypes.get(name) or load_archetype(name)
        spec = enemy.spec.model_copy(update={"health": health, "brain": "tactics"})
        archetypes[TIRELESS + name] = Archetype(TIRELESS + name, spec, enemy.moves)
    return archetypes


def crowd_at(xs: Iterable[float], y: float) -> list[ActorSpec]:
    """The enemy cast standing at each x in turn (thug, knife fighter, gunman, ...), thinking with tactics."""
    return [
        ActorSpec(archetype=TIRELESS + CROWD[i % len(CROWD)], at=(x, y), brain="tactics")
        for i, x in enumerate(xs)
    ]
