"""The combo-test runner: performs a phrase headless, tick by tick, and judges the expectations."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from game.data import ROOT
from game.data.bundle import Bundle, load_bundle
from game.data.combos import ComboTestSpec, Expectations, as_bounds, load_combo_test
from game.data.errors import DataError
from game.scripting.choreography import ScriptError, Step, failed_step, parse_line
from game.scripting.performer import Performer, StepFailed
from game.sim import events as ev
from game.sim.arsenal import Arsenal
from game.sim.world import ENEMY_TEAM, World


@dataclass
class ComboResult:
    """What happened when a combo test ran, and whether that was what it expected."""

    name: str
    path: str
    passed: bool = False
    failures: list[str] = field(default_factory=list)
    hits: int = 0
    combo: int = 0
    damage: int = 0
    frames: int = 0
    grace: float = 0.0
    enchainements: list[str] = field(default_factory=list)
    target_state: str = ""
    target_moved: float = 0.0
    step_failure: str | None = None  # why the script could not be performed, if it could not
    key_ticks: list[int] = field(default_factory=list)  # every hit and the final pose, for filmstrips
    inputs: list[int] = field(default_factory=list)  # the ballerina's held mask on every tick
    seed: int = 0
    arena: str = ""

    @property
    def failed_step(self) -> int | None:
        """The number of the step the script stopped at (1-based), if it stopped short."""
        return failed_step(self.step_failure)

    def as_dict(self) -> dict:
        return {
            "name": self.name, "path": self.path, "passed": self.passed, "failures": self.failures,
            "hits": self.hits, "combo": self.combo, "damage": self.damage, "frames": self.frames,
            "grace": round(self.grace, 2), "enchainements": self.enchainements, "target_state": self.target_state,
        }


@lru_cache(maxsize=16)
def _bundle(arena: str) -> Bundle:
    return load_bundle(arena_path(arena))


def arena_path(arena: str) -> Path:
    path = Path(arena)
    return path if path.is_absolute() else ROOT / path


def build_world(spec: ComboTestSpec) -> World:
    """The arena without its own actors, the ballerina where the test puts her, and the test's actors."""
    bundle = _bundle(spec.arena)
    level = bundle.level.model_copy(update={"actors": []})
    if spec.start is not None:
        level = level.model_copy(update={"spawn": spec.start})
    world = World(level, bundle.archetypes, seed=spec.seed, choreography=bundle.choreography)
    ballerina = world.player
    assert ballerina is not None
    facing = 1 if spec.facing == "right" else -1
    ballerina.facing = facing
    if spec.grace == "full":
        ballerina.grace = ballerina.grace_max
    if spec.weapon != "none":
        ballerina.weapon, ballerina.rounds = spec.weapon, spec.rounds if spec.weapon == "pistol" else 0
    for weapon in spec.weapons:
        Arsenal.of(world).place(world, weapon.kind, ballerina.x + facing * weapon.at, ballerina.y, weapon.rounds)
    missing = [a.archetype for a in spec.actors if a.archetype not in bundle.archetypes]
    if missing:
        from game.data.fighters import load_archetype

        for name in missing:
            bundle.archetypes[name] = load_archetype(name)
            world.archetypes[name] = bundle.archetypes[name]
    for actor in spec.actors:
        x = ballerina.x + facing * actor.at
        toward = -1 if x > ballerina.x else 1
        actor_facing = toward if actor.facing == "toward" else -toward
        world.add_fighter(actor.archetype, (x, ballerina.y + actor.height), actor_facing, ENEMY_TEAM, actor.brain)
    return world


def target_state(world: World, target) -> str:  # type: ignore[no-untyped-def]
    """The target's state in the words combo tests use."""
    return {
        "ko": "ko", "juggle": "launched", "knockdown": "knocked_down", "getup": "knocked_down", "hitstun": "staggered",
    }.get(target.state, "standing")


def against_wall(world: World, target) -> bool:  # type: ignore[no-untyped-def]
    reach = target.width / 2 + 8.0
    return target.x <= reach or target.x >= world.width - reach


def run_combo(spec: ComboTestSpec, name: str, path: str = "") -> ComboResult:
    """Perform one combo test and judge it."""
    result = ComboResult(name=name, path=path, seed=spec.seed, arena=spec.arena)
    world = build_world(spec)
    performer = Performer(world)
    target = world.fighters[1] if len(world.fighters) > 1 else None
    start_x = target.x if target else 0.0
    away = 1.0 if target is None or target.x >= world.player.x else -1.0  # type: ignore[union-attr]
    try:
        if spec.script is not None:
            steps: list[Step] = parse_line(spec.script, world.player.book)  # type: ignore[union-attr]
            performer.perform(steps)
        else:
            performer.play_inputs([(t.at, t.press, t.hold) for t in spec.inputs or []])
        performer.recover(spec.settle, final=True)
    except ScriptError as error:
        result.step_failure = str(error)
    except StepFailed as error:
        result.step_failure = str(error)
    _tally(result, world, performer, target, start_x, away)
    judge(result, spec.expect, world, target)
    return result


def _tally(result: ComboResult, world: World, performer: Performer, target, start_x: float, away: float) -> None:  # type: ignore[no-untyped-def]
    player = world.player_id
    for event in performer.events:
        if isinstance(event, ev.Hit) and event.attacker == player:
            result.hits += 1
            result.combo = max(result.combo, event.combo_hits)
            result.damage += event.damage
            result.key_ticks.append(event.tick)
        elif isinstance(event, ev.Enchainement) and event.fighter == player:
            result.enchainements.append(event.name)
    result.grace = world.player.grace_earned  # type: ignore[union-attr]
    result.frames = performer.frames_used
    result.inputs = performer.inputs
    result.key_ticks.append(world.tick)
    if target is not None:
        state = performer.target_state_at_end or target_state(world, target)
        result.target_state = state
        result.target_moved = (target.x - start_x) * away


def judge(result: ComboResult, expect: Expectations, world: World, target) -> None:  # type: ignore[no-untyped-def]
    """Fill in `failures` and `passed` from the expectations."""
    failures = result.failures
    if expect.fails_at is not None:
        if result.step_failure is None:
            failures.append(f"expected step {expect.fails_at} to fail, but the whole phrase was performed")
        elif result.failed_step != expect.fails_at:
            failures.append(f"expected step {expect.fails_at} to fail, but: {result.step_failure}")
        elif expect.fails_with and expect.fails_with.lower() not in result.step_failure.lower():
            failures.append(f"step {expect.fails_at} failed, but not with {expect.fails_with!r}: {result.step_failure}")
    elif result.step_failure is not None:
        failures.append(result.step_failure)
    for key, value in (
        ("hits", result.hits), ("combo", result.combo), ("damage", result.damage), ("grace", result.grace),
        ("frames", result.frames), ("target_moved", result.target_moved),
    ):
        wanted = getattr(expect, key)
        if wanted is not None:
            bounds = as_bounds(wanted)
            if not bounds.holds(value):
                shown = f"{value:.1f}" if isinstance(value, float) else str(value)
                failures.append(f"{key}: expected {bounds.describe()}, got {shown}")
    if expect.target_state is not None and target is not None:
        if expect.target_state == "against_wall":
            if not against_wall(world, target):
                failures.append(f"target_state: expected against_wall, but the target is at x={target.x:.0f}")
        elif result.target_state != expect.target_state:
            failures.append(f"target_state: expected {expect.target_state}, got {result.target_state}")
    if expect.enchainement is not None and expect.enchainement not in result.enchainements:
        got = ", ".join(result.enchainements) or "none"
        failures.append(f"enchainement: expected {expect.enchainement!r}, got {got}")
    result.passed = not failures


def run_combo_file(path: Path | str) -> ComboResult:
    """Load and run one combo-test file; a broken file is a failed result with the file's error."""
    path = Path(path)
    try:
        spec = load_combo_test(path)
        return run_combo(spec, spec.name or path.stem, str(path))
    except DataError as error:
        return ComboResult(name=path.stem, path=str(path), failures=[str(error)])


def combo_files(paths: list[Path]) -> list[Path]:
    """The combo-test files named, folders expanded to their *.toml files, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.glob("*.toml"))
        else:
            found.append(path)
    return found


def format_results(results: list[ComboResult]) -> str:
    """The table `python main.py combos` prints, each failure's reasons under its row."""
    header = ("combo", "result", "hits", "combo", "damage", "frames", "grace")
    rows = [
        (r.name, "ok" if r.passed else "FAIL", *map(str, (r.hits, r.combo, r.damage, r.frames)), f"{r.grace:.1f}")
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for result, row in zip(results, rows, strict=True):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        lines += [f"    - {failure}" for failure in result.failures]
    passed = sum(r.passed for r in results)
    lines.append(f"{passed} passed, {len(results) - passed} failed")
    return "\n".join(lines) + "\n"
