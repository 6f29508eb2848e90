"""The pygame program: `run` plays the game (or a headless demo with `ticks`), `watch_replay` shows a replay.

Data is loaded and checked before the window opens, so a DataError reaches the command line as one
clear sentence and no window ever flashes for a user's mistake.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from game.data import LEVELS

ACADEMY = LEVELS / "academy.toml"


def _start_pygame(audio_on: bool):  # type: ignore[no-untyped-def]
    """Initialise pygame (mixer format first) and the sound system; silent when asked or impossible."""
    import pygame

    from game.audio import AudioSystem

    pygame.mixer.pre_init(44100, -16, 2, 512)
    pygame.init()
    return AudioSystem.create(enabled=audio_on)


def run(level: Path | None = None, ticks: int | None = None, screenshot: Path | None = None,
        seed: int | None = None, fullscreen: bool = False, data_dir: Path | None = None) -> int:
    """Play: the title first, or `level` directly; with `ticks`, a headless demo that saves `screenshot`."""
    from game.data.bundle import load_bundle

    bundle = load_bundle(level or ACADEMY)  # level, fighters, moves and poses: DataErrors come out here
    seed = seed or 0
    pose_sets = bundle.pose_sets
    if ticks is not None:
        return _run_demo(bundle, seed, pose_sets, ticks, screenshot)
    import pygame

    from game.app.app import App
    from game.app.loop import FixedStepLoop
    from game.app.scenes import PlayScene, TitleScene
    from game.app.window import Window, is_headless

    audio = _start_pygame(audio_on=True)
    try:
        app = App(bundle, seed, pose_sets, Window(fullscreen), FixedStepLoop(), audio, data_dir, is_headless())
        try:
            app.run(PlayScene(app.new_fight()) if level is not None else TitleScene(app))
        finally:
            app.shelf.wait()  # a level picture half painted on its thread must not outlive pygame
    finally:
        audio.close()
        pygame.quit()
    return 0


def _run_demo(bundle, seed: int, pose_sets, ticks: int, screenshot: Path | None) -> int:  # type: ignore[no-untyped-def]
    """No human: the demo dancer performs for `ticks` ticks; the last canvas drawn becomes the screenshot."""
    # nobody watches or listens: no window to flash, and no sound device for ALSA to complain about
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.app.app import App
    from game.app.demo import DemoDancer
    from game.app.loop import FakeClock, FixedStepLoop
    from game.app.scenes import PlayScene
    from game.app.window import Window
    from game.sim.world import DT

    audio = _start_pygame(audio_on=False)
    try:
        clock = FakeClock()
        app = App(bundle, seed, pose_sets, Window(), FixedStepLoop(clock), audio, headless=True)
        play = PlayScene(app.new_fight(), DemoDancer(bundle, seed).frame)
        app.switch(play)
        while app.running and play.fight.world.tick < ticks:
            clock.advance(DT)
            app.frame(show=play.fight.world.tick == ticks - 1)  # nobody watches: draw the last frame only
        if screenshot is not None:
            return _save_screenshot(app.window.canvas, screenshot)
        return 0
    finally:
        audio.close()
        pygame.quit()


def _save_screenshot(canvas, path: Path) -> int:  # type: ignore[no-untyped-def]
    import pygame

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(canvas, str(path))
    except (OSError, pygame.error) as error:
        print(f"error: cannot save the screenshot to {path}: {error}", file=sys.stderr)
        return 1
    return 0


def watch_replay(replay, headless: bool | None = None) -> int:  # type: ignore[no-untyped-def]
    """Watch a replay in the window; Esc quits. Headless (no display), it plays through and returns."""
    import os

    from game.scripting.replay import Playback, arena_bundle

    playback = Playback(replay)  # a DataError (missing level, unknown fighter) before any window
    bundle = arena_bundle(replay)
    pose_sets = bundle.pose_sets
    if headless is None:
        headless = os.environ.get("SDL_VIDEODRIVER", "") in ("dummy", "offscreen")
    import pygame

    from game.app.app import App
    from game.app.loop import FakeClock, FixedStepLoop
    from game.app.watch import ReplayScene
    from game.app.window import Window
    from game.sim.world import DT

    audio = _start_pygame(audio_on=not headless)
    try:
        clock = FakeClock() if headless else None
        loop = FixedStepLoop(clock) if clock else FixedStepLoop()
        app = App(bundle, replay.seed, pose_sets, Window(), loop, audio, headless=headless)
        app.switch(ReplayScene(replay, pose_sets, playback))
        loop.restart()
        while app.running:
            if clock is not None:
                clock.advance(DT)
            app.frame()
    finally:
        audio.close()
        pygame.quit()
    return 0
