"""Filmstrips: a combo test drawn as a strip of its key frames, one still per hit and the final pose."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.scripting.combos import run_combo_file
from game.scripting.filmstrip import FRAME_H, FRAME_W, LABEL_H, write_filmstrips

COMBOS = Path(__file__).parent / "combos"


def test_a_filmstrip_has_one_still_per_hit_and_one_for_the_final_pose(tmp_path):
    result = run_combo_file(COMBOS / "fouette_storm.toml")
    assert result.passed and result.hits > 0
    [path] = write_filmstrips([result], tmp_path / "strips")
    assert path == tmp_path / "strips" / "fouette_storm.png"
    strip = pygame.image.load(str(path))
    stills = strip.get_width() // FRAME_W
    assert strip.get_width() == stills * FRAME_W
    assert stills == len(set(result.key_ticks))  # every hit tick and the last tick, no more, no less
    assert strip.get_height() == FRAME_H + 2 * LABEL_H
    middle = [strip.get_at((i * FRAME_W + FRAME_W // 2, LABEL_H + FRAME_H // 2)) for i in range(stills)]
    assert len(set(map(tuple, middle))) > 1  # the stills differ: she moves


def test_a_script_that_could_not_be_performed_gets_no_strip(tmp_path):
    result = run_combo_file(COMBOS / "typo_names_the_nearest_move.toml")  # refused before its first tick
    assert result.inputs == []
    assert write_filmstrips([result], tmp_path) == []
    assert list(tmp_path.iterdir()) == []
