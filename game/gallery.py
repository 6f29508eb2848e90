"""The gallery: `python main.py gallery DIR` — every move of every fighter at its peak, and every screen of
the program, drawn headless to PNG with one index page, so a reviewer sees the whole game in one folder.

Moves: each fighter dances each move alone on the stage of the level it first appears in (the ballerina
and the understudy in the Academy), stopped at the move's peak frame (`game.render.framesheet.peak_frame`),
drawn by the game's own view (stage, lights, weather, cloth), its hitboxes outlined and its frame data
captioned. Screens: the program driven as the tests drive it (game/gallery_screens.py).
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from game.data import ASSETS, LEVELS

LEVEL_ORDER = ("academy", "opera_house", "neon_alley")  # where a fighter is first met: practice, Act I, Act II
HOME_LEVELS = {"ballerina": "academy", "understudy": "academy"}  # the lead and her rehearsal partner
SETTLE_TICKS = 20  # ticks a fighter stands before the move, so the lights and the cloth have settled
JUMP_TICKS = 12  # ticks after the jump before an air move starts: near the top of the leap
CROP_W, CROP_H = 640, 440  # px of the stage kept around the fighter in a move picture
FRAMED_AT = 0.35  # of her height: the point of her the picture is centred on (below the middle: the floor shows)
CLOSE_UP = 1.35  # the camera's zoom over the level's own, so a move reads at a thumbnail's size
CAPTION_H = 86  # px of the caption band under a move picture
PROP_CLEARANCE = 240.0  # px: props nearer the dancer are left out, so no blow of hers lands on a candelabra
HITBOX_RED = (255, 52, 64)
CAPTION_INK = (12, 10, 14)
CAPTION_GOLD = (230, 200, 130)
CAPTION_ASH = (170, 162, 150)
CAPTION_DIM = (112, 104, 98)


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture of the gallery: where it is (relative to the gallery folder), its group and caption."""

    path: str  # "moves/thug/jab.png", "screens/title.png"
    group: str  # "ballerina", "thug", ..., "screens"
    caption: str


def fighters_with_moves() -> list[str]:
    """Every archetype that has moves: the ballerina first, then the others in name order."""
    from game.data.fighters import load_archetype

    names = [p.stem for p in sorted((ASSETS / "fighters").glob("*.toml"))]
    names += [p.stem for p in sorted((ASSETS / "enemies").glob("*.toml"))]
    return [name for name in names if load_archetype(name).moves is not None]


def move_list() -> list[tuple[str, str]]:
    """(fighter, move id) of every move of every archetype: what the full gallery draws."""
    from game.data.fighters import load_archetype

    found = []
    for fighter in fighters_with_moves():
        moves = load_archetype(fighter).moves
        assert moves is not None
        found += [(fighter, move_id) for move_id in moves.moves]
    return found


@cache
def home_level(fighter: str) -> tuple[str, tuple[float, float] | None]:
    """The level a fighter is first met in (story order) and where it first stands there (None: the spawn)."""
    from game.data.levels import load_level

    if fighter in HOME_LEVELS:
        return HOME_LEVELS[fighter], None
    for level in LEVEL_ORDER:
        spec = load_level(LEVELS / f"{level}.toml")
        places = [actor.at for actor in spec.actors if actor.archetype == fighter]
        places += [enemy.at for wave in spec.waves for enemy in wave.enemies if enemy.kind == fighter]
        if places:
            return level, (float(places[0][0]), float(places[0][1]))
    return LEVEL_ORDER[0], None


class MoveStudio:
    """Draws moves at their peak: one world per picture on a level's stage, one view per level kept."""

    def __init__(self) -> None:
        import pygame

        from game.data.bundle import load_bundle

        pygame.display.init()
        pygame.font.init()
        cast = tuple(fighters_with_moves())
        self.bundles = {name: load_bundle(LEVELS / f"{name}.toml", extra=cast) for name in LEVEL_ORDER}
        self.views: dict = {}  # level -> WorldView: its stage and lights are painted once
        self.font = pygame.font.Font(None, 26)
        self.small = pygame.font.Font(None, 20)

    def view_of(self, level: str):  # type: ignore[no-untyped-def]
        from game.render.painter import FighterPainter
        from game.render.particles import Particles
        from game.render.view import WorldView

        bundle = self.bundles[level]
        view = self.views.get(level)
        if view is None:
            view = self.views[level] = WorldView(bundle.level, bundle.pose_sets)
            view.show_hud = False
            view.camera.zoom = bundle.level.camera.zoom * CLOSE_UP
        view.fighters = FighterPainter(bundle.pose_sets)  # no cloth of the last dancer swings on
        view.particles = Particles(view.rng)
        view.snapped = False
        view.shake = view.flash = 0.0
        return view

    def world_for(self, fighter: str, level: str, at: tuple[float, float] | None):  # type: ignore[no-untyped-def]
        """The level with nobody in it but `fighter`, standing where it is first met."""
        from game.sim.world import World

        bundle = self.bundles[level]
        x = (at or bundle.level.spawn)[0]
        clear = [prop for prop in bundle.level.props if abs(prop.at[0] - x) > PROP_CLEARANCE]
        update: dict = {"actors": [], "waves": [], "props": clear}
        if at is not None:
            update["spawn"] = at
        stage = bundle.level.model_copy(update=update)
        return World(stage, bundle.archetypes, seed=1, player=fighter, choreography=bundle.choreography)

    def perform(self, world, move, view) -> int:  # type: ignore[no-untyped-def]
        """Dance `move` up to its peak frame in `world`, the view following; returns the peak frame."""
        import pygame

        from game.render.camera import VIEW_H, VIEW_W
        from game.render.framesheet import peak_frame
        from game.sim.inputs import Button, InputFrame
        from game.sim.world import DT

        her = world.player
        scratch = pygame.Surface((VIEW_W, VIEW_H))

        def tick(inputs: dict) -> None:  # one world tick, seen: the view follows and her coat swings
            view.update(world, world.step(inputs), DT)
            view.fighters.draw(scratch, view.camera, her, world.tick)

        if move.requires in ("pistol", "knife"):
            her.weapon = move.requires  # gun-fu shows the weapon it needs in her hand
            her.rounds = max(her.rounds, 1)
        for _ in range(SETTLE_TICKS):
            tick({})
        if move.spec.air:
            tick({her.id: InputFrame(Button.JUMP)})
            for _ in range(JUMP_TICKS):
                tick({})
        her.start_move(world, move, None)
        peak = peak_frame(move)
        for _ in range(peak - 1):
            if her.move is not move:
                break
            tick({})
        if her.move is not move or her.state != "move":  # landed or cut short: show the frame all the same
            her.move, her.move_frame = move, peak
            her.set_state("move")
        return her.move_frame

    def picture(self, fighter: str, move_id: str):  # type: ignore[no-untyped-def]
        """The move at its peak on its fighter's home stage, cropped around the fighter, captioned."""
        import pygame

        from game.render.camera import VIEW_H, VIEW_W

        level, at = home_level(fighter)
        world = self.world_for(fighter, level, at)
        her = world.player
        move = her.book[move_id]
        view = self.view_of(level)
        frame = self.perform(world, move, view)
        camera = view.camera
        camera.x, camera.y = her.x, her.y + her.height * FRAMED_AT  # framed on her, whatever the level's bounds
        camera.shake_x = camera.shake_y = 0.0
        canvas = pygame.Surface((VIEW_W, VIEW_H))
        view.draw(canvas, world)
        for box in her.active_hitboxes():
            pygame.draw.rect(canvas, HITBOX_RED, pygame.Rect(camera.rect(*box)), 2)
        crop = pygame.Rect(0, 0, CROP_W, CROP_H)
        crop.center = (VIEW_W // 2, VIEW_H // 2)
        out = pygame.Surface((CROP_W, CROP_H + CAPTION_H))
        out.blit(canvas, (0, 0), crop)
        self.caption(out, fighter, move, frame, self.bundles[level].level.name)
        return out

    def caption(self, out, fighter: str, move, frame: int, stage: str) -> None:  # type: ignore[no-untyped-def]
        """The band under the picture: the move's name and input, then its frame data and where it stands."""
        import pygame

        from game.framedata import row_for

        row = row_for(fighter, move)
        band = pygame.Rect(0, CROP_H, CROP_W, CAPTION_H)
        out.fill(CAPTION_INK, band)
        pygame.draw.line(out, (90, 24, 34), band.topleft, band.topright, 2)
        out.blit(self.font.render(f"{row.name}   ({row.input})", True, CAPTION_GOLD), (12, band.top + 9))
        on_hit = "-" if row.on_hit is None else f"{row.on_hit:+d}"
        on_block = "-" if row.on_block is None else f"{row.on_block:+d}"
        numbers = (f"startup {row.startup}   active {row.active}   recovery {row.recovery}   ·   damage {row.damage}"
                   f"   ·   on hit {on_hit}   on block {on_block}")
        out.blit(self.small.render(numbers, True, CAPTION_ASH), (12, band.top + 38))
        where = f"{fighter} / {row.move}   ·   frame {frame} of {row.total}   ·   {stage}"
        out.blit(self.small.render(where, True, CAPTION_DIM), (12, band.top + 60))


def render_moves(folder: Path, moves: Iterable[tuple[str, str]]) -> list[Picture]:
    """Draw each (fighter, move) into `folder`/moves/<fighter>/<move>.png."""
    import pygame

    studio = MoveStudio()
    pictures = []
    for fighter, move_id in moves:
        path = Path("moves") / fighter / f"{move_id}.png"
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(studio.picture(fighter, move_id), str(folder / path))
        name = studio.bundles[LEVEL_ORDER[0]].archetypes[fighter].moves.moves[move_id].name
        pictures.append(Picture(path.as_posix(), f"moves: {fighter}", f"{name}  ({move_id})"))
    return pictures


def make_gallery(folder: Path, only: str | None = None, limit: int | None = None) -> list[Picture]:
    """Draw the gallery into `folder` (moves, screens or both) and write its index page; `limit` draws at
    most that many of each kind (a quick look). Returns the pictures drawn."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # headless: no window ever opens
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    folder.mkdir(parents=True, exist_ok=True)
    pictures: list[Picture] = []
    if only in (None, "moves"):
        pictures += render_moves(folder, move_list()[:limit])
    if only in (None, "screens"):
        from game.gallery_screens import render_screens

        pictures += render_screens(folder, limit)
    write_index(folder, pictures)
    return pictures


def write_index(folder: Path, pictures: list[Picture]) -> Path:
    """One page with every picture as a thumbnail under its group's heading, linked to the full size."""
    groups: dict[str, list[Picture]] = {}
    for picture in pictures:
        groups.setdefault(picture.group, []).append(picture)
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Ballerina — gallery</title>',
             f"<style>{STYLE}</style></head><body><h1>Ballerina — gallery</h1>",
             f'<p class="lede">{len(pictures)} pictures. Each move at its peak frame (the middle of its hardest '
             "hit, or of its active frames) on the stage its fighter is first met on, hitboxes in red. Click a "
             "picture for its full size.</p>",
             "<nav>" + "  ·  ".join(f'<a href="#{_anchor(group)}">{html.escape(group)}</a>' for group in groups)
             + "</nav>"]
    for group, members in groups.items():
        parts.append(f'<h2 id="{_anchor(group)}">{html.escape(group)}</h2><div class=grid>')
        for picture in members:
            href = html.escape(picture.path)
            words = html.escape(picture.caption)
            parts.append(f'<figure><a href="{href}"><img src="{href}" loading="lazy" alt="{words}"></a>'
                         f"<figcaption>{words}</figcaption></figure>")
        parts.append("</div>")
    parts.append("</body></html>")
    path = folder / "index.html"
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return path


def _anchor(group: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in group)


STYLE = """
body { background: #0b0b10; color: #d8d2c6; font: 14px/1.4 Georgia, 'Times New Roman', serif; margin: 2em; }
h1 { color: #e6c882; font-weight: normal; letter-spacing: .08em; }
h2 { color: #e6c882; font-weight: normal; border-bottom: 1px solid #5a1822; margin-top: 2em; }
p.lede { color: #8f887c; }
nav a { color: #5ee6ff; text-decoration: none; }
.grid { display: flex; flex-wrap: wrap; gap: 14px; }
figure { margin: 0; width: 320px; }
figure img { width: 320px; display: block; border: 1px solid #2a2230; }
figcaption { color: #a9a194; font-size: .9em; padding-top: .3em; }
"""
