"""The gallery (`python main.py gallery DIR`): every move of every fighter and every screen drawn headless to
PNG, none of them blank, all shown on one index page; a quick subset is drawn here, the full list checked."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.cli import main
from game.data import ASSETS
from game.data.fighters import load_archetype
from game.gallery import HITBOX_RED, home_level, move_list
from game.gallery_screens import TAKES


@pytest.fixture(scope="module")
def quick_gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gallery with two moves and two screens (the full one takes half a minute)."""
    folder = tmp_path_factory.mktemp("gallery")
    assert main(["gallery", str(folder), "--limit", "2"]) == 0
    return folder


def colours_in(path: Path) -> int:
    """How many different colours a picture has, sampled on an 8 px grid."""
    pygame.display.init()
    pixels = pygame.surfarray.array3d(pygame.image.load(str(path)))[::8, ::8].reshape(-1, 3)
    return len(np.unique(pixels, axis=0))


def test_every_move_of_every_fighter_with_moves_is_in_the_full_gallery() -> None:
    expected = set()
    for path in sorted((ASSETS / "fighters").glob("*.toml")) + sorted((ASSETS / "enemies").glob("*.toml")):
        archetype = load_archetype(path.stem)
        if archetype.moves is not None:
            expected |= {(path.stem, move_id) for move_id in archetype.moves.moves}
    listed = move_list()
    assert len(listed) == len(set(listed))  # one picture each: no two moves share a file
    assert set(listed) == expected
    assert {"ballerina", "thug", "director", "gang_boss"} <= {fighter for fighter, _ in listed}
    assert "training_dummy" not in {fighter for fighter, _ in listed}  # no moves, nothing to draw


def test_each_fighter_is_drawn_on_the_stage_it_is_first_met_on() -> None:
    assert home_level("ballerina")[0] == "academy"
    assert home_level("director") == ("opera_house", (8380.0, 40.0))
    assert home_level("gang_boss")[0] == "neon_alley"


def test_the_walk_through_the_game_takes_every_screen_the_brief_names() -> None:
    names = {take.__name__ for take in TAKES}
    assert {"title_closed", "title_menu", "level_select", "story_difficulty", "act_one", "fight_opera_house",
            "fight_neon_alley", "pause", "controls_card", "curtain", "results_one", "curtain_call", "practice",
            "lab", "settings"} <= names


def test_the_quick_gallery_draws_pictures_that_are_not_blank(quick_gallery: Path) -> None:
    moves = sorted((quick_gallery / "moves").rglob("*.png"))
    screens = sorted((quick_gallery / "screens").glob("*.png"))
    assert [p.relative_to(quick_gallery).as_posix() for p in moves] == [
        f"moves/{fighter}/{move}.png" for fighter, move in sorted(move_list()[:2])]
    assert [p.stem for p in screens] == ["title", "title_menu"]
    for path in moves + screens:
        assert colours_in(path) > 20, f"{path.name} is nearly one colour"


def test_a_move_picture_outlines_its_hitbox_in_red(quick_gallery: Path) -> None:
    fighter, move = move_list()[0]  # the battement: it hits
    pygame.display.init()
    pixels = pygame.surfarray.array3d(pygame.image.load(str(quick_gallery / "moves" / fighter / f"{move}.png")))
    assert (pixels == np.array(HITBOX_RED)).all(axis=2).sum() > 40


def test_the_index_page_links_every_picture_by_a_relative_path(quick_gallery: Path) -> None:
    page = (quick_gallery / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'src="([^"]+)"', page))
    drawn = {p.relative_to(quick_gallery).as_posix() for p in quick_gallery.rglob("*.png")}
    assert links == drawn
    assert all(not link.startswith("/") for link in links)


def test_a_limit_below_one_is_refused_in_words(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["gallery", str(tmp_path), "--limit", "0"]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err
