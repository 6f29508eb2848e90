"""The level's music: its stage's music-box piece (game/audio/tunes.py) on the level's tempo, as a seamless loop.

Every beat is marked so an on-beat combo can be felt: a soft low thump (stronger on the downbeat) and
the music box's mechanism ticking, with the bass, a quiet chord and the celesta melody above. Beat 0
of the loop is the first sample, so a loop started on world tick 0 puts its beats where
`Choreographer.on_beat` expects them. Notes that ring past the end of the loop wrap around to its
start, so the join is seamless.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.audio.synth import SAMPLE_RATE, bell
from game.audio.tunes import REST, Tune, tune_for

BEATS_PER_BAR = 3  # the Academy's waltz (other stages: their tune's beats_per_bar)
LOOP_BARS = 8
LOOP_PEAK = 0.8  # the loop's normalised peak

MELODY_GAIN, SPARKLE_GAIN, BASS_GAIN, CHORD_GAIN = 0.55, 0.1, 0.5, 0.12
DOWNBEAT_GAIN, BEAT_GAIN = 0.55, 0.18  # the low thump on beat one, the softer one on the other beats
TICK_GAIN = 0.09  # the mechanism's tick on every beat: heard on small speakers that lose the thump
PIZZICATO_GAIN = 0.6  # the alley's plucked bass
ROOM_TAPS = ((0.061, 0.21, 0.0), (0.083, 0.0, 0.19), (0.137, 0.12, 0.05), (0.173, 0.05, 0.12), (0.29, 0.06, 0.06))
# (delay s, left gain, right gain): a small, dark hall around the music box
PANS = {"melody": 0.12, "sparkle": 0.25, "bass": 0.0, "chord": -0.2, "beat": 0.0, "tick": 0.1}


def loop_seconds(tempo: float, bars: int = LOOP_BARS, beats_per_bar: int = BEATS_PER_BAR) -> float:
    """Length of the loop in seconds at `tempo` beats per minute."""
    return bars * beats_per_bar * 60.0 / tempo


def loop_samples(tempo: float, bars: int = LOOP_BARS, beats_per_bar: int = BEATS_PER_BAR) -> int:
    """Length of the loop in samples: a whole number of bars, rounded to the nearest sample."""
    return round(loop_seconds(tempo, bars, beats_per_bar) * SAMPLE_RATE)


def _freq(midi: int) -> float:
    return 440.0 * 2.0 ** ((midi - 69) / 12)


@lru_cache(maxsize=64)
def _celesta(midi: int) -> np.ndarray:
    """One music-box note, rendered once per pitch: higher notes ring shorter, as on a real comb."""
    seconds = 3.0 if midi < 60 else 1.8
    t = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    ring = 1.4 * 2.0 ** (-(midi - 60) / 24)
    tone = bell(t, _freq(midi), np.random.default_rng(midi), ring=ring)
    fade = int(0.05 * SAMPLE_RATE)
    tone[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return tone.astype(np.float32)


@lru_cache(maxsize=2)
def _thump(strong: bool) -> np.ndarray:
    """The beat itself: a soft felt mallet on a low drum, pitched to be felt even on small speakers."""
    t = np.arange(int(0.3 * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    f0 = 62.0 if strong else 95.0
    freq = f0 * (1.0 + 0.6 * np.exp(-t / 0.02))
    phase = 2 * np.pi * np.cumsum(freq) / SAMPLE_RATE
    body = (np.sin(phase) + 0.5 * np.sin(2 * phase) + 0.2 * np.sin(3 * phase)) * np.exp(-t / (0.11 if strong else 0.05))
    noise = np.random.default_rng(3).standard_normal(len(t)) * np.exp(-t / 0.004)
    spectrum = np.fft.rfft(noise)
    spectrum[np.fft.rfftfreq(len(t), 1 / SAMPLE_RATE) > 1500] = 0  # felt, not wood
    felt = np.fft.irfft(spectrum, len(t)) * 0.4
    out = (body + felt) * np.clip(t / 0.002, 0, 1)
    fade = int(0.03 * SAMPLE_RATE)
    out[-fade:] *= np.linspace(1.0, 0.0, fade)
    return out.astype(np.float32)


def _add_wrapped(track: np.ndarray, sound: np.ndarray, start: int, gain: float, pan: float) -> None:
    """Mix `sound` into the stereo loop at `start`; whatever rings past the end continues at the start."""
    n = len(track)
    left, right = gain * np.cos((pan + 1) * np.pi / 4), gain * np.sin((pan + 1) * np.pi / 4)
    pos, rest = start % n, sound
    while len(rest):
        take = min(len(rest), n - pos)
        track[pos : pos + take, 0] += left * rest[:take]
        track[pos : pos + take, 1] += right * rest[:take]
        rest, pos = rest[take:], 0


@lru_cache(maxsize=1)
def _tick() -> np.ndarray:
    """The music box's mechanism ticking the beat: a tiny dry click of a pin on its comb."""
    t = np.arange(int(0.03 * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    click = sum(a * np.sin(2 * np.pi * f * t) for f, a in ((2350.0, 1.0), (3900.0, 0.5), (5600.0, 0.25)))
    return (click * np.exp(-t / 0.004) * np.clip(t / 0.0005, 0, 1)).astype(np.float32)


@lru_cache(maxsize=64)
def _pizzicato(midi: int) -> np.ndarray:
    """A plucked double-bass note: a round fundamental, a few harmonics dying faster, a soft finger."""
    t = np.arange(int(0.9 * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    f = _freq(midi)
    tone = sum(np.sin(2 * np.pi * f * k * t) * np.exp(-t * (3.0 + 4.0 * k)) / k for k in (1, 2, 3, 4))
    out = tone * np.clip(t / 0.006, 0, 1)
    fade = int(0.05 * SAMPLE_RATE)
    out[-fade:] *= np.linspace(1.0, 0.0, fade)
    return out.astype(np.float32)


def _mark_beats(track: np.ndarray, tune: Tune, bars: int, beat: float) -> None:
    """Every beat audible: the thump (stronger on the downbeat) and the mechanism's tick."""
    for index in range(bars * tune.beats_per_bar):
        at = round(index * beat)
        downbeat = index % tune.beats_per_bar == 0
        _add_wrapped(track, _thump(downbeat), at, DOWNBEAT_GAIN if downbeat else BEAT_GAIN, PANS["beat"])
        _add_wrapped(track, _tick(), at, TICK_GAIN, PANS["tick"])


def compose_loop(tempo: float, theme: str | None = None, bars: int | None = None) -> np.ndarray:
    """The stage's piece as a stereo float32 loop of `bars` bars (default: the whole tune) at `tempo`
    BPM, shape (samples, 2); `theme` is the level's (academy, opera, alley)."""
    tune = tune_for(theme)
    bars = bars or tune.bars
    n = loop_samples(tempo, bars, tune.beats_per_bar)
    beat = 60.0 / tempo * SAMPLE_RATE  # samples per beat
    track = np.zeros((n, 2), dtype=np.float32)
    _mark_beats(track, tune, bars, beat)
    for bar in range(bars):
        first = bar * tune.beats_per_bar
        for step, bass in enumerate(tune.bass[bar % tune.bars]):
            at = round((first + step) * beat)
            if tune.pizzicato:
                _add_wrapped(track, _pizzicato(bass), at, PIZZICATO_GAIN, PANS["bass"])
            else:
                _add_wrapped(track, _celesta(bass), at, BASS_GAIN, PANS["bass"])
        for offbeat in tune.chord_beats:
            for note in tune.chords[bar % tune.bars]:
                _add_wrapped(track, _celesta(note), round((first + offbeat) * beat), CHORD_GAIN, PANS["chord"])
        position = float(first)
        for midi, beats in tune.melody[bar % tune.bars]:
            if midi != REST:
                at = round(position * beat)
                _add_wrapped(track, _celesta(midi), at, MELODY_GAIN, PANS["melody"])
                _add_wrapped(track, _celesta(midi + 12), at, SPARKLE_GAIN, PANS["sparkle"])
            position += beats
    track = _room(track)
    return (track * (LOOP_PEAK / max(float(np.max(np.abs(track))), 1e-9))).astype(np.float32)


def _room(track: np.ndarray) -> np.ndarray:
    """A few dark early reflections, taken around the loop so the reverb tail wraps seamlessly too."""
    wet = np.zeros_like(track)
    spectrum = np.fft.rfft(track, axis=0)
    spectrum[np.fft.rfftfreq(len(track), 1 / SAMPLE_RATE) > 3500] *= 0.25  # the hall swallows the highs
    dark = np.fft.irfft(spectrum, len(track), axis=0).astype(np.float32)
    mono = dark.mean(axis=1)
    for delay, left, right in ROOM_TAPS:
        shifted = np.roll(mono, round(delay * SAMPLE_RATE))
        wet[:, 0] += left * shifted
        wet[:, 1] += right * shifted
    return track + wet
