"""Fighter archetypes: the ballerina (`assets/fighters/`) and her opponents (`assets/enemies/`).

An enemy's file also says how its brain fights (`[tactics]`: range, aggression, guard, retreat) and, for a
boss, its phases (`[[phases]]`: from a fraction of health down, new moves and a new temper). The brain in
game/sim reads these through `FighterSpec.phase_at`, `locked_moves` and `tactics_at`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from game.data import ASSETS
from game.data.errors import DataError, Problem, unknown_name
from game.data.loading import load
from game.data.moves import MoveFile, load_moves
from game.data.specs import Length, Name, Pace, Spec, Weight

ARCHETYPE_FOLDERS = ("fighters", "enemies")
BRAIN_NAMES = (  # the brains game/sim/brains.py provides; the training partners' are in game/sim/training.py
    "stand", "random", "sparring", "tactics",
    "crouch", "jump", "block_all", "block_after_first_hit", "dodge", "counter", "playback",
)
Unit = Annotated[float, Field(ge=0.0, le=1.0)]  # a share or a chance, 0..1


class TacticsSpec(Spec):
    """How an enemy's brain fights: where it likes to stand, how keen it is to attack, how it guards."""

    range: Length = 110.0  # px it likes to stand from its target
    aggression: Unit = 0.6  # 0..1: how readily it takes an attack token when one is free
    guard: Unit = 0.3  # 0..1: chance it blocks an attack it sees coming
    keep_distance: bool = False  # backs away when approached (the gunman)
    retreat: Name | None = None  # the move it uses to get out of reach, one of its own


class PhaseSpec(Spec):
    """A boss's phase: from `below` of its health down it fights harder and uses more moves."""

    below: float = Field(gt=0.0, lt=1.0)  # fraction of full health at which the phase begins
    aggression: Unit | None = None  # replaces the tactics' aggression from here on
    guard: Unit | None = None  # replaces the tactics' guard from here on
    moves: list[Name] = Field(default_factory=list, max_length=16)  # unlocked here; off until then
    announce: str = Field(default="", max_length=80)  # what the HUD says as the phase begins


class FighterSpec(Spec):
    """What a fighter is: body, speeds, health and the names of its moves, poses and look."""

    name: str = Field(min_length=1, max_length=40)
    health: int = Field(ge=1, le=100_000)
    weight: Weight = 1.0  # knockback is divided by this
    size: tuple[Length, Length] = (36.0, 150.0)  # hurtbox width and height, px
    walk_speed: Pace = 260.0  # px/s
    run_speed: Pace = 540.0
    air_speed: Pace = 300.0
    jump_height: Length = 190.0  # px
    moves: Name | None = None  # assets/moves/<moves>.toml; none for a training dummy
    poses: Name = "ballerina"  # assets/poses/<poses>.toml
    look: Name = "ballerina"  # how the renderer draws the silhouette
    brain: Literal[BRAIN_NAMES] = "stand"  # type: ignore[valid-type]  # unless the level says otherwise
    regenerates: bool = False  # health refills when a combo on it ends (training dummies)
    planted: bool = False  # walking into it does not push it (a dummy on a weighted base); hits still do
    armour: int = Field(0, ge=0, le=100_000)  # a hit dealing less damage than this does not stagger it
    boss: bool = False  # a level's boss: a health bar across the screen, phases
    tactics: TacticsSpec = TacticsSpec()  # read by the "tactics" brain
    phases: list[PhaseSpec] = Field(default_factory=list, max_length=8)  # bosses only, highest `below` first

    @field_validator("phases")
    @classmethod
    def _check_phases(cls, phases: list[PhaseSpec], info: ValidationInfo) -> list[PhaseSpec]:
        if phases and not info.data.get("boss"):
            raise ValueError("only a boss has phases (add boss = true, or remove the [[phases]])")
        belows = [phase.below for phase in phases]
        if belows != sorted(set(belows), reverse=True):
            raise ValueError(f"must go from the highest `below` down, each once (found {belows})")
        return phases

    def phase_at(self, health_fraction: float) -> int:
        """How many phases have begun at this fraction of full health (0: none yet)."""
        return sum(1 for phase in self.phases if health_fraction <= phase.below)

    def locked_moves(self, health_fraction: float) -> frozenset[str]:
        """Moves its phases still keep back at this fraction of full health."""
        return self._phase_locks[self.phase_at(health_fraction)]

    def tactics_at(self, health_fraction: float) -> TacticsSpec:
        """The tactics as the phases begun at this fraction of full health have changed them."""
        return self._phase_tactics[self.phase_at(health_fraction)]

    @cached_property
    def _phase_locks(self) -> tuple[frozenset[str], ...]:
        """Locked moves with 0, 1, ... phases begun (worked out once: brains ask every tick)."""
        return tuple(
            frozenset(move for phase in self.phases[begun:] for move in phase.moves)
            for begun in range(len(self.phases) + 1)
        )

    @cached_property
    def _phase_tactics(self) -> tuple[TacticsSpec, ...]:
        """Tactics with 0, 1, ... phases begun."""
        tactics = [self.tactics]
        for phase in self.phases:
            changes = {key: getattr(phase, key) for key in ("aggression", "guard") if getattr(phase, key) is not None}
            tactics.append(tactics[-1].model_copy(update=changes))
        return tuple(tactics)


@dataclass(frozen=True, slots=True)
class Archetype:
    """A validated fighter with its move file, ready for the simulation."""

    id: str
    spec: FighterSpec
    moves: MoveFile | None


def archetype_path(name: str, assets: Path = ASSETS) -> Path | None:
    for folder in ARCHETYPE_FOLDERS:
        path = assets / folder / f"{name}.toml"
        if path.is_file():
            return path
    return None


def known_archetypes(assets: Path = ASSETS) -> list[str]:
    names: set[str] = set()
    for folder in ARCHETYPE_FOLDERS:
        names.update(p.stem for p in (assets / folder).glob("*.toml"))
    return sorted(names)


def load_archetype(name: str, assets: Path = ASSETS, where: tuple[str, str] | None = None) -> Archetype:
    """The archetype called `name`; `where` (file, key path) says who asked, for the error."""
    path = archetype_path(name, assets)
    if path is None:
        file, key = where or ("assets", "")
        raise DataError(file, [Problem(key, unknown_name("fighter", name, known_archetypes(assets)))])
    spec = load(FighterSpec, path)
    moves = None
    if spec.moves:
        move_path = assets / "moves" / f"{spec.moves}.toml"
        if not move_path.is_file():
            known = [p.stem for p in (assets / "moves").glob("*.toml")]
            raise DataError(path, [Problem("moves", unknown_name("move file", spec.moves, known))])
        moves = load_moves(move_path)
    problems = move_name_problems(spec, moves)
    if problems:
        raise DataError(path, problems)
    return Archetype(name, spec, moves)


def move_name_problems(spec: FighterSpec, moves: MoveFile | None) -> list[Problem]:
    """Moves named by the tactics and phases that the fighter's move file does not have."""
    known = list(moves.moves) if moves is not None else []
    kind = f"move (of assets/moves/{spec.moves}.toml)" if spec.moves else "move (it has no move file)"
    named = [("tactics.retreat", spec.tactics.retreat)] if spec.tactics.retreat else []
    for p, phase in enumerate(spec.phases):
        named += [(f"phases[{p}].moves[{m}]", move) for m, move in enumerate(phase.moves)]
    return [Problem(key, unknown_name(kind, move, known)) for key, move in named if move not in known]
