"""The level rules pydantic cannot see alone: names with a nearest guess, placement, waves against goal.

Read defensively from the raw table rather than the validated spec, so these problems are reported
together with every other mistake in the file (a wrong type elsewhere hides none of them).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from game.data.errors import Problem, unknown_name
from game.data.fighters import BRAIN_NAMES
from game.data.levels import GOAL_KINDS, LAYER_KINDS, LIGHT_KINDS, MATERIALS, PROP_KINDS, THEMES, TRIGGER_KINDS, WEAPONS

MISSING_HINTS = {  # better words for a missing key than "is missing"
    "goal": 'is missing: every level needs a [goal] table, e.g. kind = "clear_waves" (or "practice")',
    "size": "is missing: the level's width and height in px, e.g. size = [6000, 1200]",
    "platforms": "is missing: a level needs at least a floor, e.g. [[platforms]] rect = [0, -200, 6000, 200]",
    "name": 'is missing: the name shown on the level-select screen, e.g. name = "The Opera House"',
}
NAMED_IN_LISTS = (  # list key, field, what the name is, the known names
    ("platforms", "material", "material", MATERIALS),
    ("props", "kind", "prop kind", PROP_KINDS),
    ("lights", "kind", "light kind", LIGHT_KINDS),
    ("layers", "kind", "layer kind", LAYER_KINDS),
    ("weapons", "kind", "weapon", WEAPONS),
)


def level_problems(raw: object, archetypes: Iterable[str] | None = None) -> list[Problem]:
    """Every rule of this module broken by a raw level table; `archetypes` are the known fighters."""
    if not isinstance(raw, dict):
        return []
    known = sorted(archetypes) if archetypes is not None else None
    return name_problems(raw, known) + placement_problems(raw) + wave_problems(raw) + goal_problems(raw)


# --- reading the raw table defensively ---------------------------------------------------------


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value) if abs(value) < 10**300 else None  # a float could not hold it
    if isinstance(value, float) and math.isfinite(value):
        return value
    return None


def _tables(value: object) -> Iterator[tuple[int, dict]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _point(value: object) -> tuple[float, float] | None:
    if isinstance(value, list) and len(value) == 2:
        x, y = _number(value[0]), _number(value[1])
        if x is not None and y is not None:
            return x, y
    return None


def _x_of(value: object) -> float | None:
    return _number(value[0]) if isinstance(value, list) and len(value) == 2 else None


def _enemies(raw: dict) -> Iterator[tuple[str, dict]]:
    for i, wave in _tables(raw.get("waves")):
        for j, enemy in _tables(wave.get("enemies")):
            yield f"waves[{i}].enemies[{j}]", enemy


def _unknown(table: dict, key: str, path: str, kind: str, known: Iterable[str]) -> list[Problem]:
    name = table.get(key)
    if isinstance(name, str) and name not in known:
        return [Problem(f"{path}.{key}" if path else key, unknown_name(kind, name, known))]
    return []


# --- the rules ----------------------------------------------------------------------------------


def name_problems(raw: dict[str, Any], archetypes: list[str] | None) -> list[Problem]:
    """Unknown themes, kinds, materials, brains and fighters, each with the nearest known name."""
    problems = _unknown(raw, "theme", "", "theme", THEMES)
    for key, field, kind, known in NAMED_IN_LISTS:
        for i, table in _tables(raw.get(key)):
            problems += _unknown(table, field, f"{key}[{i}]", kind, known)
    for i, actor in _tables(raw.get("actors")):
        if archetypes is not None:
            problems += _unknown(actor, "archetype", f"actors[{i}]", "fighter", archetypes)
        problems += _unknown(actor, "brain", f"actors[{i}]", "brain", BRAIN_NAMES)
    for i, wave in _tables(raw.get("waves")):
        trigger = wave.get("trigger")
        if isinstance(trigger, dict):
            problems += _unknown(trigger, "kind", f"waves[{i}].trigger", "trigger kind", TRIGGER_KINDS)
    for path, enemy in _enemies(raw):
        if archetypes is not None:
            problems += _unknown(enemy, "kind", path, "enemy", archetypes)
        problems += _unknown(enemy, "brain", path, "brain", BRAIN_NAMES)
    goal = raw.get("goal")
    if isinstance(goal, dict):
        problems += _unknown(goal, "kind", "goal", "goal kind", GOAL_KINDS)
    return problems


def placement_problems(raw: object) -> list[Problem]:
    """Platforms, fighters, props, weapons, anchors, triggers, the exit and the spawn placed outside the level."""
    size = raw.get("size") if isinstance(raw, dict) else None
    if not isinstance(raw, dict) or not isinstance(size, list) or len(size) != 2:
        return []
    width, height = _number(size[0]), _number(size[1])
    if width is None or height is None:
        return []
    problems = _platforms_outside(raw, width, height)

    def x_inside(path: str, x: float | None) -> None:
        if x is not None and not 0 <= x <= width:
            problems.append(Problem(path, f"x={x:g} is outside 0..{width:g}"))

    for name in ("actors", "props", "weapons"):
        for i, thing in _tables(raw.get(name)):
            x_inside(f"{name}[{i}].at", _x_of(thing.get("at")))
    for path, enemy in _enemies(raw):
        x_inside(f"{path}.at", _x_of(enemy.get("at")))
    for i, wave in _tables(raw.get("waves")):
        trigger = wave.get("trigger")
        if isinstance(trigger, dict) and trigger.get("kind") == "reach":
            x_inside(f"waves[{i}].trigger.x", _number(trigger.get("x")))
    goal = raw.get("goal")
    if isinstance(goal, dict) and goal.get("kind") == "reach_exit":
        x_inside("goal.x", _number(goal.get("x")))
    x_inside("spawn", _x_of(raw.get("spawn")))
    for i, prop in _tables(raw.get("props")):
        hang = prop.get("hang")
        anchor = _point(hang.get("anchor")) if isinstance(hang, dict) else None
        if anchor is not None and not (0 <= anchor[0] <= width and 0 <= anchor[1] <= height):
            where = f"x={anchor[0]:g}, y={anchor[1]:g} is outside the level (0..{width:g} × 0..{height:g})"
            problems.append(Problem(f"props[{i}].hang.anchor", where))
    return problems


def _platforms_outside(raw: dict, width: float, height: float) -> list[Problem]:
    problems = []
    for i, platform in _tables(raw.get("platforms")):
        rect = platform.get("rect")
        found = [_number(v) for v in rect] if isinstance(rect, list) and len(rect) == 4 else []
        numbers = [v for v in found if v is not None]
        if len(numbers) == 4:
            x, y, w, h = numbers
            if w > 0 and h > 0 and (x + w < 0 or x > width or y > height or y + h < -height):
                outside = f"lies outside the level (size {width:g} × {height:g})"
                problems.append(Problem(f"platforms[{i}].rect", outside))
    return problems


def wave_problems(raw: dict[str, Any]) -> list[Problem]:
    """A first wave cannot wait for a previous one to be cleared."""
    for i, wave in _tables(raw.get("waves")):
        trigger = wave.get("trigger")
        if i == 0 and isinstance(trigger, dict) and trigger.get("kind") == "cleared":
            message = "found 'cleared' on the first wave, expected 'start', 'reach' or 'tick' (no wave before it)"
            return [Problem("waves[0].trigger.kind", message)]
    return []


def goal_problems(raw: dict[str, Any]) -> list[Problem]:
    """A goal of clearing waves needs waves; a goal of defeating the boss needs a boss."""
    goal = raw.get("goal")
    kind = goal.get("kind") if isinstance(goal, dict) else None
    waves = raw.get("waves")
    has_waves = isinstance(waves, list) and len(waves) > 0
    if kind in ("clear_waves", "defeat_boss") and not has_waves:
        return [Problem("goal.kind", f"found {kind!r}, expected a level with waves ([[waves]]): it has none")]
    if kind == "defeat_boss" and not any(enemy.get("boss") is True for _, enemy in _enemies(raw)):
        return [Problem("goal.kind", "found 'defeat_boss', expected an enemy with boss = true in some wave")]
    return []
