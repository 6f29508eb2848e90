"""`python main.py frames --html`: one standalone page, every move with a picture at its peak, on-block too."""

from __future__ import annotations

import base64
import re

import pygame

from game.cli import main
from game.data.bundle import load_pose_sets
from game.data.fighters import load_archetype
from game.framedata import format_table, table_rows
from game.render.framesheet import PICTURE_H, PICTURE_W, peak_frame, peak_picture
from game.sim.moves import MoveBook


def ballerina():
    archetype = load_archetype("ballerina")
    return archetype, MoveBook(archetype.moves), load_pose_sets({"ballerina": archetype})["ballerina"]


def test_the_peak_of_a_move_is_its_hardest_hit():
    _, book, _ = ballerina()
    assert peak_frame(book["pirouette"]) == 19  # the knife slash (70), not the first turn (35)
    assert peak_frame(book["battement"]) == 7


def test_a_peak_picture_shows_her_and_the_red_hitbox_on_a_dark_stage():
    archetype, book, poses = ballerina()
    pygame.display.init()
    picture = peak_picture(book["arabesque"], poses, archetype.spec.look)
    assert picture.get_size() == (PICTURE_W, PICTURE_H)
    pixels = pygame.surfarray.array3d(picture).reshape(-1, 3)
    bright = (pixels.sum(axis=1) > 200).sum()
    red = ((pixels[:, 0] > 180) & (pixels[:, 1] < 90) & (pixels[:, 2] < 100)).sum()
    assert bright > 300, "her silhouette's rim light and tutu are drawn"
    assert red > 40, "the arabesque's hitbox is outlined"
    assert tuple(picture.get_at((2, 2)))[:3] == (10, 10, 16)


def test_frames_html_writes_one_page_with_every_move_and_embedded_pictures(tmp_path):
    path = tmp_path / "sheet" / "frames.html"
    assert main(["frames", "--html", str(path)]) == 0
    page = path.read_text(encoding="utf-8")
    archetype, book, _ = ballerina()
    for move in book:
        assert f"<small>{move.id}</small>" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) >= len(book)
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "http" not in page.split("<body>")[1], "a standalone page: nothing fetched"
    assert "on block" in page and "<style>" in page


def test_the_text_table_has_on_block_advantage_from_two_thirds_of_hitstun():
    _, book, _ = ballerina()
    rows = table_rows({"ballerina": book})
    battement = next(r for r in rows if r.move == "battement")
    assert battement.on_block == (17 * 2 + 2) // 3 - (18 - 6)  # blockstun 12 - frames after the hit
    assert "on block" in format_table(rows).splitlines()[1]


def test_a_shot_and_a_throw_show_the_damage_their_bullet_and_blade_deal():
    from game.data.fighters import load_archetype
    from game.framedata import row_for
    from game.sim.moves import MoveBook

    gunman = MoveBook(load_archetype("gunman").moves)
    shot = row_for("gunman", gunman["shot"])
    assert (shot.damage, shot.hitstun) == (80, 24)  # assets/moves/gunman.toml [moves.shot].shot
    ballerina = MoveBook(load_archetype("ballerina").moves)
    throws = [move for move in ballerina if move.throw is not None and move.shot is None and not move.hits]
    assert throws, "the ballerina has a knife throw"
    assert row_for("ballerina", ballerina["pistol_shot"]).damage == ballerina["pistol_shot"].shot.damage  # type: ignore[union-attr]
    for move in throws:
        assert row_for("ballerina", move).damage == move.throw.damage > 0  # type: ignore[union-attr]
