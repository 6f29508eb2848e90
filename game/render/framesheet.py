"""The frame-data sheet: `python main.py frames --html FILE` — one standalone page, a picture of every
move at its peak (drawn headless by the game's own painters, its hitboxes outlined) beside its numbers."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

import pygame

from game.data.fighters import Archetype
from game.data.poses import PoseSet
from game.framedata import COLUMNS, FrameRow
from game.render.skeleton import sample
from game.sim.moves import Move, MoveBook

try:  # the painters' home moved from fighters.py to painter.py; either holds draw_pose
    from game.render.painter import draw_pose
except ImportError:  # pragma: no cover - older tree
    from game.render.fighters import draw_pose  # type: ignore[attr-defined,no-redef]

PICTURE_W, PICTURE_H = 150, 170  # px of one move's picture
FEET_Y = 150  # px from the picture's top to the floor line
ZOOM = 0.75  # figure scale in the picture (the skeleton is ~190 px tall at 1.0)
BACKDROP = (10, 10, 16)
FLOOR = (52, 44, 40)
SPOT = (34, 28, 26)  # the warm pool of light she stands in
HITBOX = (214, 52, 64)  # red velvet: where the blow lands


def peak_frame(move: Move) -> int:
    """The frame that shows a move best: the middle of its hardest hit, or of its active frames."""
    if move.hits:
        hardest = max(move.hits, key=lambda h: (h.spec.damage, -h.index))
        first, last = hardest.spec.frames
        return (first + last) // 2
    spec = move.spec
    return spec.startup + max(1, spec.active // 2)


def peak_picture(move: Move, pose_set: PoseSet, look: str) -> pygame.Surface:
    """The move at its peak frame, facing right, on a dark stage with a warm spot, hitboxes in red."""
    surface = pygame.Surface((PICTURE_W, PICTURE_H))
    surface.fill(BACKDROP)
    feet_x = PICTURE_W * 0.38
    pygame.draw.ellipse(surface, SPOT, pygame.Rect(feet_x - 60, FEET_Y - 12, 120, 24))
    pygame.draw.line(surface, FLOOR, (0, FEET_Y), (PICTURE_W, FEET_Y))
    frame = peak_frame(move)
    posture = sample(move.spec.poses, frame, pose_set.poses)
    draw_pose(surface, (feet_x, FEET_Y), pose_set, posture, zoom=ZOOM, look=look, tick=frame)
    hit = move.hit_at[frame] if frame < len(move.hit_at) else None
    if hit is not None:
        for x0, y0, x1, y1 in hit.boxes_right:
            box = pygame.Rect(feet_x + x0 * ZOOM, FEET_Y - y1 * ZOOM, (x1 - x0) * ZOOM, (y1 - y0) * ZOOM)
            pygame.draw.rect(surface, HITBOX, box, 1)
    return surface


def png_data_uri(surface: pygame.Surface) -> str:
    """A picture as a `data:` URI, so the page is one file."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "picture.png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def pictures(books: dict[str, MoveBook], archetypes: dict[str, Archetype],
             pose_sets: dict[str, PoseSet]) -> dict[tuple[str, str], str]:
    """The data URI of every move's peak picture, by (fighter, move)."""
    pygame.display.init()  # drawing only; SDL_VIDEODRIVER=dummy works headless
    found = {}
    for fighter, book in sorted(books.items()):
        spec = archetypes[fighter].spec
        for move in book:
            found[(fighter, move.id)] = png_data_uri(peak_picture(move, pose_sets[spec.poses], spec.look))
    return found


STYLE = """
body { background: #0b0b10; color: #d8d2c6; font: 14px/1.4 Georgia, 'Times New Roman', serif; margin: 2em; }
h1 { color: #e6c882; font-weight: normal; letter-spacing: .08em; margin-bottom: .2em; }
h2 { color: #e6c882; font-weight: normal; border-bottom: 1px solid #5a1822; padding-bottom: .2em; margin-top: 2em; }
p.lede { color: #8f887c; margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th { position: sticky; top: 0; background: #16121a; color: #e6c882; font-weight: normal; text-align: left;
     padding: .5em .6em; cursor: pointer; user-select: none; border-bottom: 1px solid #8b1e2b; white-space: nowrap; }
th:hover { color: #ff5ec4; }
th.sorted-up::after { content: " \\25B2"; color: #5ee6ff; }
th.sorted-down::after { content: " \\25BC"; color: #5ee6ff; }
td { padding: .35em .6em; border-bottom: 1px solid #1e1a22; vertical-align: middle; }
tr:hover td { background: #15111a; }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: Menlo, Consolas, monospace; }
td.plus { color: #7fd6a4; } td.minus { color: #e0606e; }
td.name b { color: #f0e6d2; font-weight: normal; font-size: 1.05em; } td.name small { color: #8f887c; display: block; }
td.pic img { display: block; border: 1px solid #2a2230; border-radius: 3px; }
td.cancels { color: #a9a194; font-size: .9em; max-width: 28em; }
code { color: #5ee6ff; }
"""

SCRIPT = """
document.querySelectorAll('table').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var up = !th.classList.contains('sorted-up');
      table.querySelectorAll('th').forEach(function (h) { h.classList.remove('sorted-up', 'sorted-down'); });
      th.classList.add(up ? 'sorted-up' : 'sorted-down');
      var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        var nx = parseFloat(x), ny = parseFloat(y), c;
        c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return up ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""


def frame_sheet_html(rows: list[FrameRow], picture_of: dict[tuple[str, str], str]) -> str:
    """The whole page: one sortable table per fighter, each move with its picture."""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">', "<title>Ballerina — frame data</title>",
        f"<style>{STYLE}</style></head><body>", "<h1>Frame data</h1>",
        '<p class="lede">Frames at 60 a second. <em>On hit</em> and <em>on block</em>: frames she recovers before '
        "the target (negative: the target acts first). Cancels marked * only on hit. Pictures show each move at "
        "its hardest hit, hitboxes in red. Click a heading to sort.</p>",
    ]
    for fighter in sorted({r.fighter for r in rows}):
        parts.append(f"<h2>{html.escape(fighter)}</h2>")
        parts.append(_fighter_table([r for r in rows if r.fighter == fighter], picture_of))
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"


def _fighter_table(rows: list[FrameRow], picture_of: dict[tuple[str, str], str]) -> str:
    shown = [(key, title) for key, title in COLUMNS if key not in ("move", "cancels")]
    head = "".join(f"<th>{html.escape(title)}</th>" for title in ["", "move", *(t for _, t in shown), "cancels into"])
    body = []
    for row in rows:
        uri = picture_of.get((row.fighter, row.move), "")
        cells = [f'<td class="pic" data-sort="{row.move}"><img src="{uri}" width="{PICTURE_W}" '
                 f'height="{PICTURE_H}" alt="{html.escape(row.name)} at its peak"></td>',
                 f'<td class="name" data-sort="{html.escape(row.move)}"><b>{html.escape(row.name)}</b>'
                 f"<small>{html.escape(row.move)}</small></td>"]
        cells += [_cell(row, key) for key, _ in shown]
        cells.append(f'<td class="cancels" data-sort="{html.escape(row.cancels)}">{html.escape(row.cancels)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"


def _cell(row: FrameRow, key: str) -> str:
    value = getattr(row, key)
    if value is None:
        return '<td class="num" data-sort="-9999">-</td>'
    if isinstance(value, (bool, str)):
        return f'<td data-sort="{html.escape(str(value))}">{html.escape(str(value))}</td>'
    if key in ("on_hit", "on_block"):
        tone = "plus" if value > 0 else "minus" if value < 0 else ""
        return f'<td class="num {tone}" data-sort="{value}">{value:+d}</td>'
    return f'<td class="num" data-sort="{value}">{value}</td>'


def write_frame_sheet(path: Path, rows: list[FrameRow], books: dict[str, MoveBook],
                      archetypes: dict[str, Archetype], pose_sets: dict[str, PoseSet]) -> Path:
    """Draw every move and write the page to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frame_sheet_html(rows, pictures(books, archetypes, pose_sets)), encoding="utf-8")
    return path
