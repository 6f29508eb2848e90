"""The commands a designer runs on a broken file: `check` says where, `play` refuses without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.data import ROOT

BROKEN = ROOT / "tests" / "data" / "broken"
HEADLESS = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, env=HEADLESS, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("moves_unknown_cancel.toml", "moves.pirouette.cancels[0].into[0]"),
        ("level_unknown_archetype.toml", "actors[0].archetype"),
    ],
)
def test_check_on_a_broken_file_exits_1_and_prints_the_key_path(name, key):
    done = main_py("check", str(BROKEN / name))
    assert done.returncode == 1, done.stdout + done.stderr
    assert key in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_check_lists_good_and_broken_files_and_fails_if_any_is_broken():
    done = main_py("check", "levels/academy.toml", str(BROKEN / "moves_binary.toml"))
    assert done.returncode == 1
    assert "ok   levels/academy.toml" in done.stdout
    assert "1 ok, 1 with problems" in done.stdout


def test_check_on_good_files_exits_0():
    done = main_py("check", "levels/academy.toml", "assets/moves/ballerina.toml")
    assert done.returncode == 0, done.stdout
    assert "2 ok, 0 with problems" in done.stdout


@pytest.mark.parametrize("name", ["level_bad_rect.toml", "level_unknown_archetype.toml", "moves_binary.toml"])
def test_play_with_a_broken_level_exits_2_with_an_error_and_no_traceback(name):
    done = main_py("play", "--level", str(BROKEN / name))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ")
    assert str(BROKEN / name) in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
