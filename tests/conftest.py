"""Collects combo-test files (tests/combos/*.toml) alongside the unit tests."""

from game.scripting.pytest_plugin import collect_combo_file


def pytest_collect_file(parent, file_path):  # type: ignore[no-untyped-def]
    return collect_combo_file(parent, file_path)
