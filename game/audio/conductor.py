"""The conductor: keeps the level's music box on the fight's beat, through slow motion, pauses and rewinds.

The simulation's beat is its tick (`Choreographer.on_beat` counts `beat_ticks` from tick 0), so the
music belongs at `tick * DT` seconds into its loop. The conductor knows where the music is by the
clock it started it on; `sync` compares the two and, when they part, picks the music up again at the
tick's place with a short crossfade between two channels. While the fight runs slowly (the coup de
grâce at 0.3, practice at 1/2 and 1/4) the music box slows with it, like a tape: a stretch of the loop
resampled to that speed, pitch and all, so its beats still fall on the sim's beats.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from game.audio import music
from game.audio.synth import SAMPLE_RATE

if TYPE_CHECKING:
    import pygame

TICK_SECONDS = 1.0 / 60.0  # s of music a sim tick is worth (the sim's fixed step)
MUSIC_CHANNELS = (0, 1)  # two, so picking the music up again crossfades instead of cutting
CROSSFADE_MS = 70  # ms the old take fades out while the new one fades in
SYNC_TOLERANCE = 0.035  # s the music may drift from the sim's beat before it is picked up again (~2 ticks)
RESYNC_GAP = 0.15  # s of real time between two pick-ups at least: the ease out of slow motion is short
FULL_SPEED = 0.7  # a fight running at least this fast hears the loop itself; slower, a slowed tape
SPEED_STEP = 0.05  # slowed speeds are rounded to this, so the ease does not restart it every tick
SLOWEST = 0.2  # the slowest the tape turns; a fight slower than this lets the music drift
SLOW_STRETCH = 1.5  # game seconds of music one slowed stretch holds before it is renewed
RENEW_BEFORE = 0.15  # game seconds before a slowed stretch runs out that sync renews it

Key = tuple[float, str]  # (tempo, theme)


def playing_speed(speed: float) -> float:
    """The tape speed the music plays at for a fight running at `speed` of real time."""
    if speed >= FULL_SPEED:
        return 1.0
    return max(SLOWEST, round(round(speed / SPEED_STEP) * SPEED_STEP, 2))


def slowed_stretch(loop: np.ndarray, from_seconds: float, speed: float, seconds: float = SLOW_STRETCH) -> np.ndarray:
    """`seconds` of the loop from `from_seconds` (wrapping round), played at `speed`: longer and lower."""
    n = len(loop)
    out_n = int(seconds / speed * SAMPLE_RATE)
    position = from_seconds * SAMPLE_RATE + np.arange(out_n) * speed
    index = np.floor(position).astype(np.int64)
    frac = (position - index).astype(np.float32)[:, None]
    before, after = loop[index % n], loop[(index + 1) % n]
    out = before + (after - before) * frac
    fade = min(out_n, int(0.03 * SAMPLE_RATE))
    out[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)[:, None]
    return out.astype(np.float32)


class Conductor:
    """Plays the level's loop on two reserved channels and keeps it where the fight's tick says."""

    def __init__(self, pg: object, device: Callable[[np.ndarray], np.ndarray],
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self._pg = pg  # the pygame module
        self._device = device  # float samples -> the mixer's sample array
        self.clock = clock
        self.loops: dict[Key, np.ndarray] = {}  # float stereo, for slowed stretches
        self._device_loops: dict[Key, np.ndarray] = {}  # in the mixer's format, for rolled takes
        self._sounds: dict[Key, pygame.mixer.Sound] = {}
        self.key: Key | None = None  # what is playing (None: nothing)
        self.speed = 1.0  # the tape speed of the take playing
        self.started_at = 0.0  # clock time the take started
        self.start_seconds = 0.0  # where in the music (s, unwrapped) the take started
        self.stretch_end: float | None = None  # where a slowed take runs out (s of music)
        self.paused_at: float | None = None
        self.last_restart = -math.inf
        self.volume = 1.0
        self._channel = 0  # index into MUSIC_CHANNELS of the take playing

    def prepare(self, tempo: float, theme: str) -> Key:
        """Compose the loop for this tempo and stage now (about 0.1–0.2 s), e.g. while a level loads."""
        key = (tempo, theme)
        if key not in self.loops:
            self.loops[key] = music.compose_loop(tempo, theme)
            self._device_loops[key] = self._device(self.loops[key])
            self._sounds[key] = self._pg.sndarray.make_sound(self._device_loops[key])  # type: ignore[attr-defined]
        return key

    def loop_seconds(self) -> float:
        """Length of the playing loop in seconds (0 when nothing plays)."""
        return 0.0 if self.key is None else len(self.loops[self.key]) / SAMPLE_RATE

    def position(self, now: float | None = None) -> float:
        """Where the music is now, in seconds from the loop's start (unwrapped)."""
        now = self.clock() if now is None else now
        held = self.paused_at if self.paused_at is not None else now
        return self.start_seconds + (held - self.started_at) * self.speed

    def drift(self, tick: int, now: float | None = None) -> float:
        """Seconds the music is ahead (+) or behind (-) the sim's beat at `tick`, within half a loop."""
        length = self.loop_seconds()
        if length <= 0:
            return 0.0
        return (self.position(now) - tick * TICK_SECONDS + length / 2) % length - length / 2

    def start(self, tempo: float, theme: str, at_seconds: float, speed: float = 1.0,
              now: float | None = None) -> None:
        """Play the stage's loop from `at_seconds` into it, at tape `speed` (1: as written)."""
        key = self.prepare(tempo, theme)
        now = self.clock() if now is None else now
        crossfade = self.key is not None and self.paused_at is None
        loop = self.loops[key]
        if speed >= 1.0:
            shift = round(at_seconds * SAMPLE_RATE) % len(loop)
            device = self._device_loops[key]
            sound = self._sounds[key] if shift == 0 else self._pg.sndarray.make_sound(  # type: ignore[attr-defined]
                np.ascontiguousarray(np.roll(device, -shift, axis=0)))
            loops, self.stretch_end = -1, None
        else:
            sound = self._pg.sndarray.make_sound(self._device(slowed_stretch(loop, at_seconds, speed)))  # type: ignore[attr-defined]
            loops, self.stretch_end = 0, at_seconds + SLOW_STRETCH
        old = self._pg.mixer.Channel(MUSIC_CHANNELS[self._channel])  # type: ignore[attr-defined]
        if crossfade:
            old.fadeout(CROSSFADE_MS)
            self._channel = 1 - self._channel
        else:
            for index in MUSIC_CHANNELS:
                self._pg.mixer.Channel(index).stop()  # type: ignore[attr-defined]
        channel = self._pg.mixer.Channel(MUSIC_CHANNELS[self._channel])  # type: ignore[attr-defined]
        channel.set_volume(self.volume)
        channel.play(sound, loops=loops, fade_ms=CROSSFADE_MS if crossfade else 0)
        self.key, self.speed, self.started_at, self.start_seconds = key, speed, now, at_seconds
        self.paused_at, self.last_restart = None, now

    def sync(self, tick: int, speed: float = 1.0, now: float | None = None) -> bool:
        """Pick the music up at `tick`'s place if it has drifted, the fight's speed has changed, or a
        slowed stretch is running out; True if it did. Cheap when all is well: call it every tick."""
        if self.key is None or self.paused_at is not None:
            return False
        now = self.clock() if now is None else now
        if now - self.last_restart < RESYNC_GAP:
            return False
        tape = playing_speed(speed)
        running_out = self.stretch_end is not None and self.position(now) >= self.stretch_end - RENEW_BEFORE
        if tape == self.speed and not running_out and abs(self.drift(tick, now)) <= SYNC_TOLERANCE:
            return False
        self.start(*self.key, tick * TICK_SECONDS, tape, now)
        return True

    def pause(self, paused: bool, now: float | None = None) -> None:
        """Hold the music where it is, or let it go on from there."""
        now = self.clock() if now is None else now
        for index in MUSIC_CHANNELS:
            channel = self._pg.mixer.Channel(index)  # type: ignore[attr-defined]
            channel.pause() if paused else channel.unpause()
        if paused and self.paused_at is None:
            self.paused_at = now
        elif not paused and self.paused_at is not None:
            self.started_at += now - self.paused_at
            self.paused_at = None

    def stop(self, fade_ms: int = 120) -> None:
        """Let the music fade away; nothing plays afterwards until `start`."""
        for index in MUSIC_CHANNELS:
            self._pg.mixer.Channel(index).fadeout(fade_ms)  # type: ignore[attr-defined]
        self.key, self.paused_at, self.stretch_end = None, None, None

    def set_volume(self, volume: float) -> None:
        """The music's level (the music slider times the master)."""
        self.volume = volume
        for index in MUSIC_CHANNELS:
            self._pg.mixer.Channel(index).set_volume(volume)  # type: ignore[attr-defined]

    def channel(self) -> pygame.mixer.Channel:
        """The channel the music plays on now."""
        return self._pg.mixer.Channel(MUSIC_CHANNELS[self._channel])  # type: ignore[attr-defined]
