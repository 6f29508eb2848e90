"""The sound desk: plays the cue sheet's sounds, the level's music and the weather through pygame.mixer.

`cues_for` (game/audio/cues.py) is pure, so the rules are tested without a sound card; `AudioSystem`
owns the mixer, the synthesised sounds, the conductor of the music (game/audio/conductor.py) and the
rain. Three categories are mixed: master over everything, music over the music box, effects over the
fight and the weather. If the mixer cannot start, `AudioSystem.create` hands back a silent desk with the
same methods.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from game.audio import synth
from game.audio.conductor import TICK_SECONDS, Conductor
from game.audio.cues import Cue, cue_for, cues_for, stereo_gains
from game.audio.floors import raining
from game.audio.scenery import ChandelierWatch, rain_loop
from game.audio.tunes import DEFAULT_THEME

if TYPE_CHECKING:
    import pygame

__all__ = ["AudioSystem", "Cue", "cue_for", "cues_for", "stereo_gains", "to_device"]

MIXER_BUFFER = 512  # samples per mixer buffer: ~12 ms of latency at 44.1 kHz
MAX_CHANNELS = 18  # simultaneous voices: the music's two, the weather's one, and 15 for effects
AMBIENCE_CHANNEL = 2  # reserved for the rain (the music has 0 and 1: conductor.MUSIC_CHANNELS)
FIRST_VOICE = AMBIENCE_CHANNEL + 1  # effects play on the channels from here on
DEFAULT_VOLUMES = (0.8, 0.55, 0.9)  # master, music, effects
RAIN_GAIN = 0.4  # of the effects level, in a downpour: the rain sits quietly under the music
RAIN_FADE_MS = 900  # ms the rain takes to come in or go away


def to_device(samples: np.ndarray, frequency: int, size: int, channels: int) -> np.ndarray:
    """Float samples (mono or stereo) in the mixer's own rate, sample format and channel count."""
    data = samples if samples.ndim == 2 else samples[:, None]
    if frequency != synth.SAMPLE_RATE:
        n = round(len(data) * frequency / synth.SAMPLE_RATE)
        src = np.arange(len(data)) * frequency / synth.SAMPLE_RATE
        data = np.stack([np.interp(np.arange(n), src, data[:, c]) for c in range(data.shape[1])], axis=1)
    if channels == 1:
        data = data.mean(axis=1, keepdims=True)
    else:
        data = np.repeat(data, 2, axis=1) if data.shape[1] == 1 else data[:, :2]
        data = np.pad(data, ((0, 0), (0, channels - 2)))  # surround layouts: front left/right only
    data = np.clip(data, -1.0, 1.0)
    formats = {
        -16: (np.int16, 32767, 0),
        16: (np.uint16, 32767, 32768),
        -8: (np.int8, 127, 0),
        8: (np.uint8, 127, 128),
        32: (np.float32, 1.0, 0),
        -32: (np.int32, 2**31 - 1, 0),
    }
    if size not in formats:
        raise ValueError(f"unsupported mixer sample size {size}")
    dtype, scale, offset = formats[size]
    out = data * scale + offset
    return np.ascontiguousarray(out.astype(dtype) if channels > 1 else out[:, 0].astype(dtype))



class AudioSystem:
    """Everything the player hears; silent (every method a no-op) when there is no mixer."""

    def __init__(self, pg: object | None = None, seed: int | None = None,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        self._pg = pg  # the pygame module while live, None when silent
        self._rng = random.Random(seed)  # audio is not the simulation: its own, unseeded randomness
        self._sounds: dict[str, list[pygame.mixer.Sound]] = {}
        self._rain: pygame.mixer.Sound | None = None
        self._owns_mixer = False  # whether close() should shut the mixer down
        self._voice_started: dict[int, int] = {}  # effects channel -> play count when it last started
        self._plays = 0
        self._format = (synth.SAMPLE_RATE, -16, 2)
        self.master, self.music_volume, self.effects = DEFAULT_VOLUMES
        self.synthesis_seconds = 0.0  # how long start-up synthesis took, for the bench and the log
        self.conductor: Conductor | None = None if pg is None else Conductor(pg, self._to_device, clock)
        self.theme = DEFAULT_THEME  # the stage of the last world heard: the music's piece
        self.rain = 0.0  # how hard it rains where the fight is (0: no rain is playing)
        self._level: object | None = None  # the level of the last world heard
        self._chandeliers = ChandelierWatch()

    @classmethod
    def create(cls, enabled: bool = True, seed: int | None = None,
               clock: Callable[[], float] = time.perf_counter) -> AudioSystem:
        """Open the mixer and synthesise every sound; a silent system if sound is off or impossible."""
        if not enabled:
            return cls()
        owns = False
        try:
            import pygame
            import pygame.sndarray

            owns = not pygame.mixer.get_init()
            if owns:
                pygame.mixer.init(frequency=synth.SAMPLE_RATE, size=-16, channels=2, buffer=MIXER_BUFFER)
            device = pygame.mixer.get_init()
            if device is None:
                raise RuntimeError("the mixer did not open")
            system = cls(pygame, seed, clock)
            system._owns_mixer = owns
            system._format = device
            pygame.mixer.set_num_channels(MAX_CHANNELS)
            pygame.mixer.set_reserved(FIRST_VOICE)
            started = time.perf_counter()
            rng = np.random.default_rng(seed if seed is not None else 7)
            for name, takes in synth.sound_bank().items():
                system._sounds[name] = [system._make_sound(samples) for samples in takes]
            system._rain = system._make_sound(rain_loop(rng))
            system.synthesis_seconds = time.perf_counter() - started
            return system
        except Exception as exc:  # no device, no driver, odd format: the game goes on in silence
            print(f"ballerina: sound is off ({type(exc).__name__}: {exc})", file=sys.stderr)
            if owns:
                with contextlib.suppress(Exception):
                    pygame.mixer.quit()
            return cls()

    @property
    def silent(self) -> bool:
        """True when nothing will ever be heard from this system."""
        return self._pg is None

    def _to_device(self, samples: np.ndarray) -> np.ndarray:
        frequency, size, channels = self._format
        return to_device(samples, frequency, size, channels)

    def _make_sound(self, samples: np.ndarray) -> pygame.mixer.Sound:
        return self._pg.sndarray.make_sound(self._to_device(samples))  # type: ignore[union-attr]

    # --- the fight --------------------------------------------------------------------------

    def handle(self, events: list, world: object, camera: object) -> None:
        """Play the sounds of one tick's events, panned by where they happened on screen; follow the
        world's stage with the music's piece and its weather with the rain."""
        if self.silent:
            return
        try:
            self._follow_stage(world)
            for kind, x in self._chandeliers.landings(world):
                self._play("chandelier_crash" if kind == "chandelier" else "splinter", 1.0, *stereo_gains(x, camera))
        except Exception:  # the set's sounds must never end a fight
            pass
        for cue in cues_for(events, world):
            self._play(cue.sound, cue.volume, *stereo_gains(cue.x, camera))

    def _follow_stage(self, world: object) -> None:
        """A new level heard: its rain comes in (or the old one goes), and the music takes its piece."""
        level = getattr(world, "level", None)
        if level is None or level is self._level:
            return
        self._level = level
        self._set_rain(raining(world))
        theme = str(getattr(level, "theme", DEFAULT_THEME))
        self.theme = theme
        conductor = self.conductor
        if conductor is not None and conductor.key is not None and conductor.key[1] != theme:
            conductor.start(conductor.key[0], theme, int(getattr(world, "tick", 0)) * TICK_SECONDS)

    def _set_rain(self, rain: float) -> None:
        channel = self._pg.mixer.Channel(AMBIENCE_CHANNEL)  # type: ignore[union-attr]
        if rain <= 0.0 or self._rain is None:
            if self.rain > 0.0:
                channel.fadeout(RAIN_FADE_MS)
            self.rain = 0.0
            return
        if self.rain <= 0.0:
            channel.play(self._rain, loops=-1, fade_ms=RAIN_FADE_MS)
        self.rain = rain
        channel.set_volume(self.rain_volume())

    def rain_volume(self) -> float:
        """The rain's level now: how hard it rains, under the effects and master sliders."""
        return RAIN_GAIN * self.rain * self.effects * self.master

    def play_ui(self, name: str) -> None:
        """A menu sound: `move`, `confirm` or `back`."""
        if not self.silent:
            self._play(f"ui_{name}", 0.6, 1.0, 1.0)

    def _play(self, sound: str, volume: float, left: float, right: float) -> None:
        takes = self._sounds.get(sound)
        if not takes:
            return
        gain = volume * self.effects * self.master
        try:
            channel = self._free_voice()
            if channel.get_busy():
                channel.stop()  # stealing the oldest voice; stop first so the new pan is kept
            channel.set_volume(gain * left, gain * right)
            channel.play(self._rng.choice(takes))
        except Exception:  # a mixer that went away mid-fight must not end the fight
            return

    def _free_voice(self) -> pygame.mixer.Channel:
        """An idle effects channel, or else the one whose sound started longest ago (never the music's)."""
        voices = range(FIRST_VOICE, MAX_CHANNELS)
        channels = [self._pg.mixer.Channel(i) for i in voices]  # type: ignore[union-attr]
        chosen = next((i for i, c in zip(voices, channels, strict=True) if not c.get_busy()), None)
        if chosen is None:
            chosen = min(voices, key=lambda i: self._voice_started.get(i, 0))
        self._plays += 1
        self._voice_started[chosen] = self._plays
        return self._pg.mixer.Channel(chosen)  # type: ignore[union-attr]

    # --- the music --------------------------------------------------------------------------

    def prepare_music(self, tempo: float, theme: str | None = None) -> None:
        """Compose the loop for `tempo` and the stage `theme` now (about 0.1–0.2 s), e.g. while a level loads."""
        if self.conductor is not None:
            self.conductor.prepare(tempo, theme or self.theme)

    def start_music(self, tempo: float, at_seconds: float = 0.0, theme: str | None = None) -> None:
        """Loop the stage's piece at `tempo` BPM; beat one sounds now, or `at_seconds` into the loop.

        `theme` is the level's (academy, opera, alley); without it, the stage of the last world heard."""
        if self.conductor is None:
            return
        try:
            self.theme = theme or self.theme
            self.conductor.set_volume(self.music_volume * self.master)
            self.conductor.start(tempo, self.theme, at_seconds)
        except Exception as exc:
            print(f"ballerina: music is off ({type(exc).__name__}: {exc})", file=sys.stderr)

    def sync_music(self, tick: int, speed: float = 1.0) -> bool:
        """Keep the music on the fight's beat at `tick`, with the fight running at `speed` of real time
        (slow motion: the music box slows too). Picks the music up again after a drift, a pause, a
        rewind or slow motion; True if it did. Cheap: call it every tick (or at least every second)."""
        if self.conductor is None:
            return False
        try:
            return self.conductor.sync(tick, speed)
        except Exception:
            return False

    def stop_music(self) -> None:
        """Silence the music and the rain (a short fade, not a cut)."""
        if self.conductor is None:
            return
        try:
            self.conductor.stop()
            self._set_rain(0.0)
            self._level = None  # the next world heard brings its weather back
        except Exception:
            return

    def pause_music(self, paused: bool = True) -> None:
        """Hold the music and the rain where they are (pause screen) or let them go on."""
        if self.conductor is None:
            return
        try:
            self.conductor.pause(paused)
            channel = self._pg.mixer.Channel(AMBIENCE_CHANNEL)  # type: ignore[union-attr]
            channel.pause() if paused else channel.unpause()
        except Exception:
            return

    def set_volumes(self, master: float, music: float, effects: float) -> None:
        """Set the three sliders of the options screen, each 0..1."""
        self.master, self.music_volume, self.effects = _clamp(master), _clamp(music), _clamp(effects)
        if self.conductor is None:
            return
        try:
            self.conductor.set_volume(self.music_volume * self.master)
            if self.rain > 0.0:
                self._pg.mixer.Channel(AMBIENCE_CHANNEL).set_volume(self.rain_volume())  # type: ignore[union-attr]
        except Exception:
            return

    def close(self) -> None:
        """Stop every sound and release the mixer; the system is silent afterwards."""
        if self.silent:
            return
        try:
            self._pg.mixer.stop()  # type: ignore[union-attr]
            if self._owns_mixer:
                self._pg.mixer.quit()  # type: ignore[union-attr]
        except Exception:
            pass
        self._pg = None
        self.conductor = None
        self._sounds.clear()
        self._rain = None


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))

