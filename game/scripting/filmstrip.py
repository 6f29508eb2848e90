"""Filmstrips: one PNG per combo test with its key frames (every hit and the final pose), side by side."""

from __future__ import annotations

import os
from pathlib import Path

from game.data.combos import load_combo_test
from game.scripting.combos import ComboResult, build_world
from game.sim.inputs import InputFrame
from game.sim.world import DT

FRAME_W, FRAME_H = 360, 320  # one still, in canvas pixels
MAX_FRAMES = 12  # a strip longer than this keeps the first hits and the final pose
LABEL_H = 26


def write_filmstrips(results: list[ComboResult], folder: Path) -> list[Path]:
    """Re-perform each combo (deterministically, from its recorded inputs) and save its strip."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.render.view import WorldView

    pygame.display.init()  # drawing only: no sound device to open
    pygame.font.init()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    font = pygame.font.Font(None, 22)
    for result in results:
        if not result.inputs or not result.path:
            continue
        spec = load_combo_test(result.path)
        world = build_world(spec)
        view = WorldView(world.level, pose_sets_of(world))
        view.show_hud = False  # the captions say what the HUD would
        canvas = pygame.Surface((1280, 720))
        keys = _chosen(result.key_ticks)
        stills: list[tuple[pygame.Surface, str]] = []
        player = world.player_id
        for held in result.inputs:
            events = world.step({player: InputFrame(held)})  # type: ignore[dict-item]
            view.update(world, events, DT)
            if world.tick in keys:
                stills.append((_still(view, canvas, world), _caption(world, events)))
        if not stills or world.tick not in keys:
            stills.append((_still(view, canvas, world), _caption(world, [])))
        path = folder / f"{Path(result.path).stem}.png"
        pygame.image.save(_strip(stills, font, result), str(path))
        written.append(path)
    return written


def pose_sets_of(world) -> dict:  # type: ignore[no-untyped-def]
    """The pose set of every fighter in the world, by name (loaded and checked as a bundle loads them)."""
    from game.data.bundle import load_pose_sets

    return load_pose_sets(world.archetypes)


def _hits(count: int) -> str:
    return f"{count} hit" if count == 1 else f"{count} hits"


def _chosen(ticks: list[int]) -> set[int]:
    ticks = sorted(set(ticks))
    if len(ticks) > MAX_FRAMES:
        ticks = ticks[: MAX_FRAMES - 1] + ticks[-1:]
    return set(ticks)


def _still(view, canvas, world):  # type: ignore[no-untyped-def]
    """The canvas drawn with the camera on the action, cropped to one frame of the strip."""
    import pygame

    people = world.fighters[:2]
    cx = sum(f.x for f in people) / len(people)
    cy = max(f.y for f in people) + 90
    view.camera.x, view.camera.y = cx, cy
    view.camera.shake_x = view.camera.shake_y = 0.0
    view.draw(canvas, world)
    sx, sy = view.camera.to_screen(cx, cy)
    rect = pygame.Rect(int(sx - FRAME_W / 2), int(sy - FRAME_H / 2), FRAME_W, FRAME_H).clamp(canvas.get_rect())
    return canvas.subsurface(rect).copy()


def _caption(world, events) -> str:  # type: ignore[no-untyped-def]
    from game.sim import events as ev

    named = [e.name for e in events if isinstance(e, ev.Enchainement)]
    if named:
        return f"tick {world.tick} · {named[0]}!"
    hits = [e for e in events if isinstance(e, ev.Hit)]
    ballerina = world.player
    move = ballerina.move.name if ballerina.move else ballerina.state
    if hits:
        return f"tick {world.tick} · {hits[0].move} · {hits[0].damage} dmg · {_hits(hits[0].combo_hits)}"
    return f"tick {world.tick} · {move}"


def _strip(stills, font, result: ComboResult):  # type: ignore[no-untyped-def]
    import pygame

    width = FRAME_W * len(stills)
    strip = pygame.Surface((width, FRAME_H + LABEL_H * 2))
    strip.fill((8, 8, 12))
    title = f"{result.name} — {'ok' if result.passed else 'FAIL'} · {_hits(result.hits)} · {result.damage} dmg"
    strip.blit(font.render(title, True, (230, 200, 130)), (8, 5))
    for i, (image, caption) in enumerate(stills):
        strip.blit(image, (i * FRAME_W, LABEL_H))
        strip.blit(font.render(caption, True, (200, 200, 210)), (i * FRAME_W + 6, LABEL_H + FRAME_H + 5))
        pygame.draw.line(strip, (40, 40, 50), (i * FRAME_W, LABEL_H), (i * FRAME_W, LABEL_H + FRAME_H))
    return strip
