"""The sound desk: turns the simulation's events into cues and plays them through pygame.mixer.

`cues_for` is pure (events in, cues out) so the rules can be tested without a sound card;
`AudioSystem` owns the mixer, the synthesised sounds and the music channel. If the mixer cannot
start, `AudioSystem.create` hands back a silent desk with the same methods.
"""

from __future__ import annotations

import contextlib
import random
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.audio import music, synth
from game.sim import events as ev

if TYPE_CHECKING:
    import pygame

VIEW_W = 1280  # px of the canvas the camera shows; pan reaches hard left/right at its edges
MIXER_BUFFER = 512  # samples per mixer buffer: ~12 ms of latency at 44.1 kHz
MAX_CHANNELS = 16  # simultaneous voices, the music's included
MUSIC_CHANNEL = 0  # reserved for the loop
MAX_REPEATS_PER_TICK = 2  # the same cue more often in one tick only gets louder, not richer
SPIN_WORDS = ("pirouette", "fouette", "chaine", "tour")
GLASSY_PROPS = ("window", "lamp", "glass", "neon", "chandelier", "mirror", "bottle")
KICK_IMPULSES = (200.0, 500.0)  # px/s of knockback that step a kick up to medium, then heavy
FULL_IMPULSE = 700.0  # px/s of knockback that plays a hit at full volume
FULL_LANDING = 1000.0  # px/s of vertical speed that plays a landing at full volume
HEAVY_LANDING = 650.0  # px/s of vertical speed that lands heavily
DEFAULT_VOLUMES = (0.8, 0.55, 0.9)  # master, music, effects


@dataclass(frozen=True, slots=True)
class Cue:
    """One sound to play: a bank name, a volume 0..1 and where in the world it happened (None: centre)."""

    sound: str
    volume: float
    x: float | None = None


def _fighter_x(world: object, fighter_id: int) -> float | None:
    fighters = getattr(world, "fighters", None)
    if fighters is None or not 0 <= fighter_id < len(fighters):
        return None
    return float(getattr(fighters[fighter_id], "x", 0.0))


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def cue_for(event: ev.Event, world: object) -> Cue | None:
    """The sound one simulation event makes, or None if it is silent."""
    match event:
        case ev.Hit(armoured=True):
            return Cue("armour", _clamp(0.6 + 0.3 * event.damage / 100.0), event.x)
        case ev.Hit(slash=True):
            return Cue("slash", _clamp(0.6 + 0.4 * event.impulse / FULL_IMPULSE), event.x)
        case ev.Hit():
            weight = sum(event.impulse >= step for step in KICK_IMPULSES)
            loud = 0.45 + 0.55 * event.impulse / FULL_IMPULSE + (0.15 if event.counter else 0.0)
            return Cue(f"kick{weight}", _clamp(loud), event.x)
        case ev.MoveStarted() if any(word in event.move for word in SPIN_WORDS):
            return Cue("whoosh", 0.5, _fighter_x(world, event.fighter))
        case ev.Jumped():
            return Cue("jump", 0.35, event.x)
        case ev.Landed():
            if event.speed < 60.0:
                return None
            heavy = event.speed >= HEAVY_LANDING
            return Cue("land_heavy" if heavy else "land", _clamp(0.2 + event.speed / FULL_LANDING, 0.2), event.x)
        case ev.Footstep():
            return Cue("footstep", 0.28, event.x)
        case ev.WallBounce():
            return Cue("wall", _clamp(0.5 + event.speed / 1200.0), event.x)
        case ev.KnockedDown():
            return Cue("knockdown", 0.85, event.x)
        case ev.KO():
            return Cue("ko", 1.0, event.x)
        case ev.PropHit():
            return Cue("prop_hit", _clamp(0.4 + 0.6 * event.impulse / FULL_IMPULSE), event.x)
        case ev.PropBroken():
            glassy = any(word in event.kind for word in GLASSY_PROPS)
            return Cue("glass" if glassy else "splinter", 0.9, event.x)
        case ev.ComboEnded() if event.hits >= 3:
            return Cue(f"sting{0 if event.hits < 6 else 1 if event.hits < 10 else 2}", 0.7)
        case ev.Enchainement():
            return Cue("sting1", 0.6)
        case ev.GraceEarned(on_beat=True):
            return Cue("grace", 0.3, _fighter_x(world, event.fighter))
        case ev.Blocked():
            return Cue("block", 0.75, event.x)
        case ev.Parried():
            return Cue("parry", 0.95, event.x)
        case ev.FinisherStarted():
            return Cue("finisher", 1.0, _fighter_x(world, event.fighter))
        case ev.Whiff():
            return Cue("whiff", 0.3, _fighter_x(world, event.fighter))
        case ev.ShotFired(kind="bullet"):
            return Cue("gunshot", 1.0, event.x)
        case ev.ShotFired():  # a knife or an empty pistol thrown
            return Cue("whoosh", 0.55, event.x)
        case ev.BulletHit(target=None):  # a wall or a block stopped it (a fighter hit sounds as a Hit)
            return Cue("ricochet", 0.45, event.x)
        case ev.BulletDeflected():
            return Cue("ricochet", 0.9, event.x)
        case ev.WeaponPickedUp():
            return Cue("pickup", 0.7, event.x)
        case ev.WeaponDropped():
            return Cue("clatter", 0.6, event.x)
    return None


def cues_for(events: list, world: object) -> list[Cue]:
    """The sounds of one tick's events, at most `MAX_REPEATS_PER_TICK` of each."""
    cues: list[Cue] = []
    counts: dict[str, int] = {}
    for event in events:
        cue = cue_for(event, world)
        if cue is not None and counts.get(cue.sound, 0) < MAX_REPEATS_PER_TICK:
            counts[cue.sound] = counts.get(cue.sound, 0) + 1
            cues.append(cue)
    return cues


def stereo_gains(x: float | None, camera: object) -> tuple[float, float]:
    """Left and right gain for a sound at world `x`, panned across the camera's view."""
    if x is None or camera is None:
        return 1.0, 1.0
    offset = (x - float(getattr(camera, "x", x))) * float(getattr(camera, "zoom", 1.0)) / (VIEW_W / 2)
    pan = _clamp(offset, -1.0, 1.0)
    distance = max(0.35, 1.0 - 0.5 * max(0.0, abs(offset) - 1.0))  # off-screen fades, never vanishes
    angle = (pan + 1.0) * np.pi / 4
    return min(1.0, 2**0.5 * np.cos(angle)) * distance, min(1.0, 2**0.5 * np.sin(angle)) * distance


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

    def __init__(self, pg: object | None = None, seed: int | None = None) -> None:
        self._pg = pg  # the pygame module while live, None when silent
        self._rng = random.Random(seed)  # audio is not the simulation: its own, unseeded randomness
        self._sounds: dict[str, list[pygame.mixer.Sound]] = {}
        self._music: dict[float, pygame.mixer.Sound] = {}
        self._loops: dict[float, np.ndarray] = {}  # the composed waltz per tempo, float stereo
        self._owns_mixer = False  # whether close() should shut the mixer down
        self._voice_started: dict[int, int] = {}  # effects channel -> play count when it last started
        self._plays = 0
        self._format = (synth.SAMPLE_RATE, -16, 2)
        self.master, self.music_volume, self.effects = DEFAULT_VOLUMES
        self.synthesis_seconds = 0.0  # how long start-up synthesis took, for the bench and the log

    @classmethod
    def create(cls, enabled: bool = True, seed: int | None = None) -> AudioSystem:
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
            system = cls(pygame, seed)
            system._owns_mixer = owns
            device = pygame.mixer.get_init()
            if device is None:
                raise RuntimeError("the mixer did not open")
            system._format = device
            pygame.mixer.set_num_channels(MAX_CHANNELS)
            pygame.mixer.set_reserved(MUSIC_CHANNEL + 1)
            started = time.perf_counter()
            for name, takes in synth.sound_bank().items():
                system._sounds[name] = [system._make_sound(samples) for samples in takes]
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

    def _make_sound(self, samples: np.ndarray) -> pygame.mixer.Sound:
        frequency, size, channels = self._format
        return self._pg.sndarray.make_sound(to_device(samples, frequency, size, channels))  # type: ignore[union-attr]

    def handle(self, events: list, world: object, camera: object) -> None:
        """Play the sounds of one tick's events, panned by where they happened on screen."""
        if self.silent:
            return
        for cue in cues_for(events, world):
            self._play(cue.sound, cue.volume, *stereo_gains(cue.x, camera))

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
        voices = range(MUSIC_CHANNEL + 1, MAX_CHANNELS)
        channels = [self._pg.mixer.Channel(i) for i in voices]  # type: ignore[union-attr]
        chosen = next((i for i, c in zip(voices, channels, strict=True) if not c.get_busy()), None)
        if chosen is None:
            chosen = min(voices, key=lambda i: self._voice_started.get(i, 0))
        self._plays += 1
        self._voice_started[chosen] = self._plays
        return self._pg.mixer.Channel(chosen)  # type: ignore[union-attr]

    def prepare_music(self, tempo: float) -> None:
        """Compose the loop for `tempo` now (about 0.1–0.2 s), e.g. while a level loads."""
        if not self.silent and tempo not in self._music:
            self._loops[tempo] = music.compose_loop(tempo)
            self._music[tempo] = self._make_sound(self._loops[tempo])

    def start_music(self, tempo: float, at_seconds: float = 0.0) -> None:
        """Loop the level's waltz at `tempo` BPM; beat one sounds now, or `at_seconds` into the loop."""
        if self.silent:
            return
        try:
            self.prepare_music(tempo)
            sound = self._music[tempo]
            if at_seconds:
                loop = self._loops[tempo]
                shift = round(at_seconds * synth.SAMPLE_RATE) % len(loop)
                sound = self._make_sound(np.roll(loop, -shift, axis=0))
            channel = self._pg.mixer.Channel(MUSIC_CHANNEL)  # type: ignore[union-attr]
            channel.stop()
            channel.set_volume(self.music_volume * self.master)
            channel.play(sound, loops=-1)
        except Exception as exc:
            print(f"ballerina: music is off ({type(exc).__name__}: {exc})", file=sys.stderr)

    def stop_music(self) -> None:
        """Silence the waltz (a short fade, not a cut)."""
        if not self.silent:
            try:
                self._pg.mixer.Channel(MUSIC_CHANNEL).fadeout(120)  # type: ignore[union-attr]
            except Exception:
                return

    def pause_music(self, paused: bool = True) -> None:
        """Hold the waltz where it is (pause screen) or let it go on; the beat stays with the fight."""
        if not self.silent:
            try:
                channel = self._pg.mixer.Channel(MUSIC_CHANNEL)  # type: ignore[union-attr]
                if paused:
                    channel.pause()
                else:
                    channel.unpause()
            except Exception:
                return

    def set_volumes(self, master: float, music: float, effects: float) -> None:
        """Set the three sliders of the options screen, each 0..1."""
        self.master, self.music_volume, self.effects = _clamp(master), _clamp(music), _clamp(effects)
        if not self.silent:
            try:
                self._pg.mixer.Channel(MUSIC_CHANNEL).set_volume(self.music_volume * self.master)  # type: ignore[union-attr]
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
        self._sounds.clear()
        self._music.clear()
        self._loops.clear()
