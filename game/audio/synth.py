"""Every sound effect of the fight, synthesised with numpy at start-up: no pygame, no files.

Each function returns a mono float32 array at `SAMPLE_RATE`, peak-normalised inside [-1, 1], with a
short fade at both ends so no sound starts or stops with a click. `rng` picks the variation (pitch,
noise) so that two kicks never sound quite alike.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

SAMPLE_RATE = 44_100  # Hz; the mixer is opened at this rate
PEAK = 0.89  # normalised peak of every effect (about -1 dB), leaving room for the mixer's sums
STFT_FRAME = 1024  # samples per frame of the shaped-noise synthesiser
STFT_HOP = 256

Rng = np.random.Generator


def _time(seconds: float) -> np.ndarray:
    return np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE


def _decay(t: np.ndarray, tau: float, start: float = 0.0) -> np.ndarray:
    """Exponential decay with time constant `tau` seconds after a 1 ms rise at `start`, silent before."""
    since = t - start
    return (np.exp(-np.maximum(since, 0.0) / tau) * np.clip(since / 0.001, 0.0, 1.0)).astype(np.float32)


def _glide(f_start: float, f_end: float, t: np.ndarray, tau: float) -> np.ndarray:
    """Phase (radians) of a tone whose pitch falls exponentially from `f_start` towards `f_end`."""
    freq = f_end + (f_start - f_end) * np.exp(-t / tau)
    return (2.0 * np.pi * np.cumsum(freq) / SAMPLE_RATE).astype(np.float32)


def modes(t: np.ndarray, freqs: list[float], amps: list[float], taus: list[float], rng: Rng) -> np.ndarray:
    """Struck resonances (wood, metal, a body): decaying sines with random phases."""
    out = np.zeros_like(t)
    for f, a, tau in zip(freqs, amps, taus, strict=True):
        if f >= SAMPLE_RATE / 2:
            continue
        k = min(len(t), int(9.0 * tau * SAMPLE_RATE))  # beyond 9 time constants it is below -78 dB
        out[:k] += a * np.exp(-t[:k] / tau) * np.sin(2.0 * np.pi * f * t[:k] + rng.uniform(0, 2 * np.pi))
    return out * np.clip(t / 0.0005, 0.0, 1.0)  # a strike, not a click


def band(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """`x` band-passed between `low` and `high` Hz, with soft half-octave skirts (zero-phase, via FFT)."""
    spectrum = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1.0 / SAMPLE_RATE)
    octaves = np.log2(np.maximum(freqs, 1.0))
    below = np.clip((octaves - math.log2(low)) / 0.5 + 1.0, 0.0, 1.0)
    above = np.clip((math.log2(high) - octaves) / 0.5 + 1.0, 0.0, 1.0)
    return np.fft.irfft(spectrum * below * above, len(x)).astype(np.float32)


def shaped_noise(rng: Rng, seconds: float, centre: Callable[[np.ndarray], np.ndarray], width: float) -> np.ndarray:
    """Noise whose band (centre Hz over time, `width` octaves wide) moves: whooshes and swishes."""
    n = int(seconds * SAMPLE_RATE)
    frames = n // STFT_HOP + 4
    freqs = np.fft.rfftfreq(STFT_FRAME, 1.0 / SAMPLE_RATE)
    times = (np.arange(frames) * STFT_HOP - STFT_FRAME / 2) / SAMPLE_RATE
    centres = centre(np.clip(times, 0.0, seconds))[:, None]
    gain = np.exp(-0.5 * (np.log2(np.maximum(freqs, 1.0)[None, :] / centres) / width) ** 2)
    phases = rng.uniform(0, 2 * np.pi, size=gain.shape)
    blocks = np.fft.irfft(gain * np.exp(1j * phases), STFT_FRAME, axis=1) * np.hanning(STFT_FRAME)
    out = np.zeros(frames * STFT_HOP + STFT_FRAME, dtype=np.float64)
    for i in range(frames):
        out[i * STFT_HOP : i * STFT_HOP + STFT_FRAME] += blocks[i]
    return out[STFT_FRAME : STFT_FRAME + n].astype(np.float32)


def finish(x: np.ndarray, fade_in: float = 0.002, fade_out: float = 0.02, peak: float = PEAK) -> np.ndarray:
    """Fade the ends to exact silence and normalise the peak: the last step of every effect."""
    x = np.asarray(x, dtype=np.float64)
    n_in, n_out = max(2, int(fade_in * SAMPLE_RATE)), max(2, int(fade_out * SAMPLE_RATE))
    x[:n_in] *= 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n_in))
    x[-n_out:] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, n_out))
    top = float(np.max(np.abs(x)))
    if top > 0:
        x *= peak / top
    return np.clip(x, -1.0, 1.0).astype(np.float32)


def _thud(t: np.ndarray, rng: Rng, f_hi: float, f_lo: float, tau: float) -> np.ndarray:
    """A body-weight impact: a low sine falling in pitch, with a faint second harmonic."""
    phase = _glide(f_hi, f_lo, t, 0.03)
    env = _decay(t, tau)
    return env * (np.sin(phase) + 0.25 * np.sin(2 * phase + rng.uniform(0, 6)))


# --- the fight ------------------------------------------------------------------------------------


def kick_thud(rng: Rng, weight: float) -> np.ndarray:
    """A kick landing on a body; `weight` 0..1 makes it lower, longer and meatier."""
    t = _time(0.18 + 0.17 * weight)
    pitch = rng.uniform(0.92, 1.08)
    body = _thud(t, rng, (170 - 50 * weight) * pitch, (58 - 12 * weight) * pitch, 0.05 + 0.07 * weight)
    smack = band(rng.standard_normal(len(t)).astype(np.float32), 900, 4500) * _decay(t, 0.012)
    flesh = modes(t, [260 * pitch, 410 * pitch], [0.35, 0.2], [0.03, 0.02], rng)
    return finish(body + (0.9 - 0.4 * weight) * smack + flesh, fade_out=0.04)


def knife_slash(rng: Rng) -> np.ndarray:
    """A knife hit: a rising metallic swish, then the bite of the blade with a short steel ring."""
    seconds = 0.34
    t = _time(seconds)
    rise = rng.uniform(0.85, 1.2)
    swish = shaped_noise(rng, seconds, lambda s: 1800 * rise * (1 + 3.5 * np.minimum(s / 0.09, 1.0)), 0.45)
    swish *= np.where(t < 0.07, (t / 0.07) ** 2, np.exp(-(t - 0.07) / 0.05))
    bite_at = 0.075
    ring_f = rng.uniform(2600, 3300)
    ring = modes(
        t,
        [ring_f, ring_f * 1.47, ring_f * 2.09, ring_f * 2.76],
        [0.5, 0.35, 0.25, 0.15],
        [0.09, 0.06, 0.045, 0.03],
        rng,
    )
    ring = np.roll(ring, int(bite_at * SAMPLE_RATE)) * (t >= bite_at)
    cut = band(rng.standard_normal(len(t)).astype(np.float32), 2500, 9000) * _decay(t, 0.01, bite_at)
    thump = _thud(t, rng, 150, 70, 0.04)
    thump = np.roll(thump, int(bite_at * SAMPLE_RATE)) * (t >= bite_at)
    return finish(1.6 * swish + 0.45 * ring + 0.6 * cut + 0.35 * thump, fade_out=0.05)


def spin_whoosh(rng: Rng, seconds: float = 0.46, speed: float = 0.5) -> np.ndarray:
    """The air around a pirouette, fouetté or chaîné: a noise band sweeping up and back down.

    `speed` 0..1 is how fast the turn is: a faster spin sweeps higher and whirls more often."""
    t = _time(seconds)
    lift = 0.6 + 0.9 * speed  # the sweep's pitch rises with the speed of the turn
    low, high = rng.uniform(350, 450) * lift, rng.uniform(1400, 2000) * lift
    whirls = rng.uniform(2.0, 3.0) * (0.8 + 0.8 * speed)  # turns heard in the sweep

    def centre(s: np.ndarray) -> np.ndarray:
        arc = np.sin(np.pi * s / seconds)
        return low + (high - low) * arc * (0.8 + 0.2 * np.cos(2 * np.pi * whirls * s / seconds))

    air = shaped_noise(rng, seconds, centre, 0.7)
    env = np.sin(np.pi * t / seconds) ** 1.5 * (0.8 + 0.2 * np.cos(2 * np.pi * whirls * t / seconds))
    return finish(air * env, fade_in=0.01, fade_out=0.03)


def footstep_wood(rng: Rng) -> np.ndarray:
    """A pointe shoe on a wooden stage: a dry tap with a hollow board under it."""
    t = _time(0.13)
    tap = band(rng.standard_normal(len(t)).astype(np.float32), 700, 5000) * _decay(t, 0.006)
    board_f = rng.uniform(170, 230)
    board = modes(t, [board_f, board_f * 2.3, board_f * 5.1], [0.6, 0.4, 0.2], [0.03, 0.02, 0.01], rng)
    return finish(0.8 * tap + board, fade_out=0.03)


def jump_lift(rng: Rng) -> np.ndarray:
    """Leaving the floor: a soft push of the foot and a breath of tulle."""
    seconds = 0.22
    t = _time(seconds)
    push = _thud(t, rng, 140, 90, 0.025) * 0.5
    start = rng.uniform(500, 700)
    tulle = shaped_noise(rng, seconds, lambda s: start * (1 + 2.0 * s / seconds), 0.8)
    tulle *= np.sin(np.pi * t / seconds) ** 2
    return finish(push + 0.7 * tulle, fade_out=0.04, peak=0.7)


def landing(rng: Rng, heavy: bool) -> np.ndarray:
    """Coming down on the boards: a light plié or, `heavy`, a drop from a grand jeté."""
    t = _time(0.32 if heavy else 0.18)
    thud = _thud(t, rng, 120 if heavy else 170, 55 if heavy else 85, 0.07 if heavy else 0.035)
    board_f = rng.uniform(150, 210)
    board = modes(t, [board_f, board_f * 2.4, board_f * 4.7], [0.5, 0.3, 0.15], [0.05, 0.03, 0.015], rng)
    scuff = band(rng.standard_normal(len(t)).astype(np.float32), 400, 3000) * _decay(t, 0.02)
    return finish(thud + board + 0.5 * scuff, fade_out=0.05)


def wall_thud(rng: Rng) -> np.ndarray:
    """A body slammed into a wall: a deep thud and the plaster rattling after it."""
    t = _time(0.42)
    thud = _thud(t, rng, rng.uniform(110, 130), 48, 0.09)
    slap = band(rng.standard_normal(len(t)).astype(np.float32), 300, 1500) * _decay(t, 0.02)
    rattle = band(rng.standard_normal(len(t)).astype(np.float32), 1500, 6000) * _decay(t, 0.08, 0.01) * 0.25
    return finish(thud + 0.8 * slap + rattle, fade_out=0.08)


def body_fall(rng: Rng) -> np.ndarray:
    """A knockdown: shoulder, then hips, hit the floor, with a rustle of cloth between."""
    seconds = 0.6
    t = _time(seconds)
    out = np.zeros_like(t)
    for at, gain in ((0.0, 0.8), (rng.uniform(0.07, 0.11), 1.0), (rng.uniform(0.2, 0.26), 0.35)):
        hit = _thud(t, rng, rng.uniform(120, 150), rng.uniform(50, 60), 0.06)
        hit += modes(t, [rng.uniform(160, 220), 480.0], [0.4, 0.15], [0.04, 0.02], rng)
        out += gain * np.roll(hit, int(at * SAMPLE_RATE)) * (t >= at)
    rustle = shaped_noise(rng, seconds, lambda s: 900 + 600 * np.sin(np.pi * s / seconds), 0.9)
    out += 0.25 * rustle * _decay(t, 0.12)
    return finish(out, fade_out=0.1)


def ko_fall(rng: Rng) -> np.ndarray:
    """A fighter out of the fight: one heavy blow and a tone falling away beneath it."""
    seconds = 1.5
    t = _time(seconds)
    blow = _thud(t, rng, 150, 42, 0.16)
    blow += band(rng.standard_normal(len(t)).astype(np.float32), 600, 4000) * _decay(t, 0.015)
    start = rng.uniform(380, 410)
    phase = _glide(start, start / 4, t, 0.45)
    detuned = _glide(start * 1.006, start / 4 * 1.006, t, 0.45)
    tone = (np.sin(phase) + 0.3 * np.sin(2 * phase) + 0.6 * np.sin(detuned)) * _decay(t, 0.5)
    tone *= np.clip(t / 0.03, 0, 1)
    return finish(blow + 0.45 * tone, fade_out=0.25)


def prop_knock(rng: Rng) -> np.ndarray:
    """A kick against a wooden prop (crate, bench): a hollow knock."""
    t = _time(0.2)
    f = rng.uniform(280, 360)
    wood = modes(t, [f, f * 2.45, f * 4.1, f * 6.3], [1.0, 0.6, 0.35, 0.2], [0.045, 0.03, 0.015, 0.008], rng)
    click = band(rng.standard_normal(len(t)).astype(np.float32), 1500, 7000) * _decay(t, 0.004)
    return finish(wood + 0.6 * click, fade_out=0.04)


def crate_splinter(rng: Rng) -> np.ndarray:
    """A crate giving way: a crunch of cracking boards over a low thump, debris settling after."""
    seconds = 0.75
    t = _time(seconds)
    out = 0.9 * _thud(t, rng, 140, 60, 0.08)
    for _ in range(28):
        at = float(rng.exponential(0.14))
        if at > seconds - 0.12:
            continue
        crack_t = _time(0.08)
        f = rng.uniform(350, 1400)
        crack = modes(crack_t, [f, f * rng.uniform(1.9, 2.6)], [1.0, 0.5], [0.012, 0.008], rng)
        crack += band(rng.standard_normal(len(crack_t)).astype(np.float32), 1200, 8000) * _decay(crack_t, 0.006)
        start = int(at * SAMPLE_RATE)
        out[start : start + len(crack)] += crack * math.exp(-at / 0.2) * rng.uniform(0.4, 1.0)
    return finish(out, fade_out=0.12)


def glass_shatter(rng: Rng) -> np.ndarray:
    """A window or lamp breaking: a bright crash and shards tinkling down."""
    seconds = 0.9
    t = _time(seconds)
    out = band(rng.standard_normal(len(t)).astype(np.float32), 2500, 12000) * _decay(t, 0.05) * 1.2
    for _ in range(26):
        at = float(rng.uniform(0.0, 0.6) ** 1.5)
        shard_t = _time(0.15)
        f = rng.uniform(2500, 7500)
        shard = modes(shard_t, [f, f * 1.58, f * 2.31], [1.0, 0.5, 0.3], [0.04, 0.03, 0.02], rng)
        start = int(at * SAMPLE_RATE)
        end = min(len(out), start + len(shard))
        out[start:end] += shard[: end - start] * rng.uniform(0.15, 0.5)
    return finish(out, fade_out=0.15)


# --- the stage manager ----------------------------------------------------------------------------


def bell(t: np.ndarray, freq: float, rng: Rng, ring: float = 1.0) -> np.ndarray:
    """A celesta bar struck by its felt hammer: the shared voice of stings, clicks and music box."""
    ratios, amps, taus = [1.0, 2.0, 3.01, 5.4], [1.0, 0.28, 0.08, 0.1], [0.9, 0.35, 0.2, 0.06]
    return modes(t, [freq * r for r in ratios], amps, [tau * ring for tau in taus], rng) * np.clip(t / 0.002, 0, 1)


def _note(midi: float) -> float:
    return 440.0 * 2.0 ** ((midi - 69) / 12)


def combo_sting(rng: Rng, level: int) -> np.ndarray:
    """A combo closed: a quick rising B-minor arpeggio on celesta over a low bell; longer per `level` 0..2."""
    notes = [71, 74, 78, 83, 86, 90][: 3 + level * 1 + (level == 2)]
    seconds = 0.9 + 0.25 * level
    t = _time(seconds)
    out = 0.6 * bell(t, _note(47), rng, ring=1.3)
    for i, midi in enumerate(notes):
        at = i * 0.055
        voice = bell(t, _note(midi), rng) * (0.55 + 0.1 * i)
        out += np.roll(voice, int(at * SAMPLE_RATE)) * (t >= at)
    return finish(out, fade_out=0.2)


def grace_ting(rng: Rng) -> np.ndarray:
    """A move landed on the beat: one small high celesta note."""
    t = _time(0.35)
    return finish(bell(t, _note(rng.choice([83, 86, 90])), rng, ring=0.4), fade_out=0.08, peak=0.6)


def ui_click(rng: Rng, name: str) -> np.ndarray:
    """Menu sounds: `move` a soft tick, `confirm` two notes up, `back` two notes down."""
    if name == "move":
        t = _time(0.06)
        tick = modes(t, [2100.0, 3400.0], [1.0, 0.4], [0.008, 0.005], rng)
        return finish(tick, fade_out=0.02, peak=0.5)
    first, second = (78, 83) if name == "confirm" else (78, 71)
    t = _time(0.32)
    out = bell(t, _note(first), rng, ring=0.35) + np.roll(bell(t, _note(second), rng, ring=0.35), 3300) * (t >= 0.075)
    return finish(out, fade_out=0.08, peak=0.7)


UI_SOUNDS = ("move", "confirm", "back")
KICK_WEIGHTS = (0.0, 0.5, 1.0)  # light, medium, heavy
WHOOSH_SPEEDS = (0.15, 0.5, 0.9)  # how fast the turn of whoosh0, whoosh1 and whoosh2 is, 0..1
STING_LEVELS = 3


def sound_bank(seed: int = 7) -> dict[str, list[np.ndarray]]:
    """Every effect of the game by name, several variations each, ready to hand to the mixer."""
    rng = np.random.default_rng(seed)
    bank: dict[str, list[np.ndarray]] = {}
    for i, weight in enumerate(KICK_WEIGHTS):
        bank[f"kick{i}"] = [kick_thud(rng, weight) for _ in range(3)]
    bank["slash"] = [knife_slash(rng) for _ in range(4)]
    for tier, speed in enumerate(WHOOSH_SPEEDS):
        bank[f"whoosh{tier}"] = [spin_whoosh(rng, 0.52 - 0.14 * speed, speed) for _ in range(3)]
    bank["jump"] = [jump_lift(rng) for _ in range(3)]
    bank["land"] = [landing(rng, heavy=False) for _ in range(3)]
    bank["land_heavy"] = [landing(rng, heavy=True) for _ in range(2)]
    bank["wall"] = [wall_thud(rng) for _ in range(3)]
    bank["knockdown"] = [body_fall(rng) for _ in range(3)]
    bank["ko"] = [ko_fall(rng) for _ in range(2)]
    bank["prop_hit"] = [prop_knock(rng) for _ in range(4)]
    bank["splinter"] = [crate_splinter(rng) for _ in range(3)]
    bank["glass"] = [glass_shatter(rng) for _ in range(2)]
    for level in range(STING_LEVELS):
        bank[f"sting{level}"] = [combo_sting(rng, level)]
    bank["grace"] = [grace_ting(rng) for _ in range(3)]
    for name in UI_SOUNDS:
        bank[f"ui_{name}"] = [ui_click(rng, name)]
    from game.audio.floors import add_floor_sounds  # these build on this module's helpers
    from game.audio.scenery import add_scenery_sounds
    from game.audio.steel import add_fight_sounds

    add_fight_sounds(bank, rng)
    add_floor_sounds(bank, rng)
    add_scenery_sounds(bank, rng)
    return bank


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] as 16-bit PCM."""
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype(np.int16)


def write_wav(path: str | Path, samples: np.ndarray) -> None:
    """Save mono (n,) or stereo (n, 2) float samples as a 16-bit WAV, for listening and checking."""
    pcm = to_int16(samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1 if pcm.ndim == 1 else pcm.shape[1])
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())
