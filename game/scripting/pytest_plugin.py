"""Pytest collects every `tests/combos/*.toml` as one test item, failing with the runner's own reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scripting.combos import ComboResult, run_combo_file


class ComboFailed(Exception):
    def __init__(self, result: ComboResult) -> None:
        super().__init__("; ".join(result.failures))
        self.result = result


class ComboFile(pytest.File):
    def collect(self):  # type: ignore[no-untyped-def]
        yield ComboItem.from_parent(self, name=self.path.stem)


class ComboItem(pytest.Item):
    """One combo test: runs the phrase headless and checks its expectations."""

    def runtest(self) -> None:
        result = run_combo_file(self.path)
        if not result.passed:
            raise ComboFailed(result)

    def repr_failure(self, excinfo, style=None):  # type: ignore[no-untyped-def]
        if isinstance(excinfo.value, ComboFailed):
            r = excinfo.value.result
            lines = [f"combo test {r.name!r} ({r.path}) failed:"]
            lines += [f"  - {failure}" for failure in r.failures]
            lines.append(
                f"  what happened: hits {r.hits}, combo {r.combo}, damage {r.damage}, frames {r.frames}, "
                f"grace {r.grace:.1f}, target {r.target_state}, enchainements {r.enchainements or 'none'}"
            )
            return "\n".join(lines)
        return super().repr_failure(excinfo)

    def reportinfo(self):  # type: ignore[no-untyped-def]
        return self.path, 0, f"combo: {self.name}"


def collect_combo_file(parent: pytest.Collector, file_path: Path) -> ComboFile | None:
    """The hook body: a .toml file in a `combos` folder is a combo test."""
    if file_path.suffix == ".toml" and file_path.parent.name == "combos":
        return ComboFile.from_parent(parent, path=file_path)
    return None
