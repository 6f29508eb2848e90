"""Broken level files: each gets one exact message naming the key path, and no input crashes the loader."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.data import ROOT
from game.data.bundle import load_bundle
from game.data.errors import DataError, unknown_name
from game.data.fighters import BRAIN_NAMES
from game.data.level_rules import MISSING_HINTS
from game.data.levels import LAYER_KINDS, PROP_KINDS, THEMES, level_from_table, load_level
from game.data.loading import read_toml

CORPUS = ROOT / "tests" / "data" / "broken_levels"
FIGHTERS = ("assassin", "ballerina", "training_dummy")  # a fixed cast, so messages do not change with assets

# file: every problem it must report, in order, exactly as `str(problem)` prints it
EXPECTED = {
    "syntax_error.toml": ["TOML syntax error: Unclosed array (at line 12, column 1)"],
    "wrong_types.toml": [
        "size[0]: found 'wide', expected input should be a valid number, unable to parse string as a number",
        "gravity: found 'strong', expected input should be a valid number, unable to parse string as a number",
    ],
    "unknown_enemy.toml": [f"waves[1].enemies[0].kind: {unknown_name('enemy', 'asassin', FIGHTERS)}"],
    "unknown_brain.toml": [
        "waves[0].enemies[0].brain: unknown brain 'sparing'; did you mean 'sparring'? "
        f"(known: {', '.join(sorted(BRAIN_NAMES))})"
    ],
    "platform_outside.toml": ["platforms[1].rect: lies outside the level (size 3000 × 1000)"],
    "wave_no_enemies.toml": [
        "waves[0].enemies: a wave needs at least one enemy (found none): it would never be cleared"
    ],
    "missing_goal.toml": [f"goal: {MISSING_HINTS['goal']}"],
    "unknown_theme.toml": [f"theme: {unknown_name('theme', 'oprea', THEMES)}"],
    "unknown_layer.toml": [f"layers[0].kind: {unknown_name('layer kind', 'curtian', LAYER_KINDS)}"],
    "anchor_outside.toml": ["props[0].hang.anchor: x=1800, y=1400 is outside the level (0..3000 × 0..1000)"],
    "camera_inverted.toml": [
        "camera.bounds: bounds are [left, bottom, right, top]: left 3000 must be less than right 0"
    ],
    "cleared_first_wave.toml": [
        "waves[0].trigger.kind: found 'cleared' on the first wave, expected 'start', 'reach' or 'tick' "
        "(no wave before it)"
    ],
    "no_boss.toml": ["goal.kind: found 'defeat_boss', expected an enemy with boss = true in some wave"],
    "many_problems.toml": [
        "platforms[1].rect[2]: found -400, expected input should be greater than 0",
        f"goal: {MISSING_HINTS['goal']}",
        f"theme: {unknown_name('theme', 'noir', THEMES)}",
        f"props[0].kind: {unknown_name('prop kind', 'chandeleir', PROP_KINDS)}",
        f"waves[0].enemies[0].kind: {unknown_name('enemy', 'assasin', FIGHTERS)}",
        "waves[0].enemies[0].at: x=9400 is outside 0..3000",
    ],
}
NEAREST = {  # the typo, and the name the message must suggest
    "unknown_enemy.toml": "assassin",
    "unknown_brain.toml": "sparring",
    "unknown_theme.toml": "opera",
    "unknown_layer.toml": "curtains",
}


def problems_of(path) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(DataError) as caught:
        load_level(path, FIGHTERS)
    assert caught.value.file == str(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_level_gets_its_exact_message(name):
    assert problems_of(CORPUS / name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(NEAREST))
def test_a_misspelt_name_suggests_the_nearest_known_one(name):
    assert f"did you mean {NEAREST[name]!r}?" in problems_of(CORPUS / name)[0]


def test_the_corpus_covers_every_broken_file():
    assert sorted(p.name for p in CORPUS.glob("*.toml")) == sorted([*EXPECTED, "valid.toml"])


def test_the_level_the_corpus_breaks_is_valid_and_playable():
    bundle = load_bundle(CORPUS / "valid.toml")
    world = bundle.world(seed=3)
    for _ in range(5):
        world.step()
    assert [f.archetype for f in world.fighters] == ["ballerina", "assassin"]  # the first wave came


def test_load_bundle_reports_wave_enemies_with_the_rest_of_the_file():
    with pytest.raises(DataError) as caught:
        load_bundle(CORPUS / "many_problems.toml")
    paths = [problem.path for problem in caught.value.problems]
    assert "waves[0].enemies[0].kind" in paths and "theme" in paths and "goal" in paths


def test_check_exits_non_zero_on_any_broken_level(capsys):
    broken = [str(CORPUS / name) for name in ("missing_goal.toml", "wave_no_enemies.toml")]
    assert main(["check", str(CORPUS / "valid.toml"), *broken]) == 1
    out = capsys.readouterr().out
    assert "1 ok, 2 with problems" in out and "waves[0].enemies: a wave needs at least one enemy" in out


# --- fuzzing: whatever a level table holds, the loader answers with a DataError or a level ------------

VALID = read_toml(CORPUS / "valid.toml")
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**400), max_value=10**400), st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["assassin", "chain", "reach", "opera", ""]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _paths(value, prefix=()):  # type: ignore[no-untyped-def]
    """Every key path into a table (dict keys and list indices)."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from _paths(inner, (*prefix, key))


PATHS = [path for path in _paths(VALID) if path]


def _mangled(table, path, new, delete):  # type: ignore[no-untyped-def]
    """A copy of `table` with the value at `path` replaced by `new` (or removed)."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(table, dict):
        copy = dict(table)
        if delete and not rest:
            copy.pop(head, None)
        else:
            copy[head] = _mangled(table[head], rest, new, delete)
        return copy
    copy = list(table)
    if delete and not rest:
        copy.pop(head)
    else:
        copy[head] = _mangled(table[head], rest, new, delete)
    return copy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), values, st.booleans()), min_size=1, max_size=4))
def test_a_mangled_level_raises_only_data_errors(changes):
    table = VALID
    for path, new, delete in changes:
        try:
            table = _mangled(table, path, new, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced what this one would change
    try:
        level = level_from_table(table, "fuzzed.toml", FIGHTERS)
    except DataError as error:
        assert error.problems and all(isinstance(p.message, str) and p.message for p in error.problems)
    else:
        assert level.size[0] > 0 and math.isfinite(level.size[0])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_saved_as_a_level_raises_only_data_errors(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "level.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(DataError):  # anything else escaping fails the test
        load_level(path, FIGHTERS)
