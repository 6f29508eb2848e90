"""Everything a fight needs, loaded and cross-checked: the level and every fighter in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.data import ASSETS
from game.data.choreography import CHOREOGRAPHY, ChoreographySpec, load_choreography
from game.data.errors import DataError, Problem, unknown_name
from game.data.fighters import Archetype, archetype_path, known_archetypes, load_archetype
from game.data.levels import LevelSpec, load_level
from game.data.poses import PoseSet, check_move_poses, load_pose_set

PLAYER_ARCHETYPE = "ballerina"


@dataclass(frozen=True, slots=True)
class Bundle:
    """A level with every archetype it names (and the ballerina's), ready to build a World."""

    level_path: Path
    level: LevelSpec
    archetypes: dict[str, Archetype]
    choreography: ChoreographySpec
    pose_sets: dict[str, PoseSet] = field(default_factory=dict)  # by pose set name, for the painter

    def world(self, seed: int = 0, player: str | None = PLAYER_ARCHETYPE, difficulty: str = "normal"):  # type: ignore[no-untyped-def]
        """A fresh World of this level."""
        from game.sim.world import World

        return World(self.level, self.archetypes, seed=seed, player=player, choreography=self.choreography,
                     difficulty=difficulty)


def load_bundle(level_path: Path | str, assets: Path = ASSETS, extra: tuple[str, ...] = ()) -> Bundle:
    """Load a level and its fighters; a DataError lists every problem found in the level file."""
    level_path = Path(level_path)
    level = load_level(level_path, known_archetypes(assets))  # fighters and wave enemies checked with the rest
    enemies = (enemy.kind for wave in level.waves for enemy in wave.enemies)
    names = sorted({PLAYER_ARCHETYPE, *extra, *(a.archetype for a in level.actors), *enemies})
    archetypes = {name: load_archetype(name, assets, (str(level_path), "actors")) for name in names}
    choreography = load_choreography(assets / CHOREOGRAPHY.name, archetypes[PLAYER_ARCHETYPE].moves)
    return Bundle(level_path, level, archetypes, choreography, load_pose_sets(archetypes, assets))


def load_pose_sets(archetypes: dict[str, Archetype], assets: Path = ASSETS) -> dict[str, PoseSet]:
    """The pose set of every archetype, each move file checked against it: no fight starts with a
    move that names a pose its fighter cannot take."""
    pose_sets: dict[str, PoseSet] = {}
    for name, archetype in sorted(archetypes.items()):
        set_name = archetype.spec.poses
        if set_name not in pose_sets:
            path = assets / "poses" / f"{set_name}.toml"
            if not path.is_file():
                known = [p.stem for p in (assets / "poses").glob("*.toml")]
                problem = Problem("poses", unknown_name("pose set", set_name, known))
                raise DataError(archetype_path(name, assets) or name, [problem])
            pose_sets[set_name] = load_pose_set(path)
        if archetype.moves is not None and archetype.spec.moves is not None:
            problems = check_move_poses(archetype.moves, pose_sets[set_name])
            if problems:
                raise DataError(assets / "moves" / f"{archetype.spec.moves}.toml", problems)
    return pose_sets
