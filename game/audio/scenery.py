"""The sounds of the set itself: rain on the alley, and the great chandelier's chain and fall.

Rain is a seamless stereo loop (filtered in the frequency domain, which is circular, so its end joins
its start); the chandelier's crash has no event of its own, so `ChandelierWatch` reads the props of the
world and hears a cut prop stop falling.
"""

from __future__ import annotations

import numpy as np

from game.audio.synth import SAMPLE_RATE, Rng, _decay, _thud, _time, band, finish, glass_shatter, modes

RAIN_SECONDS = 5.0  # length of the rain loop
RAIN_PEAK = 0.6  # the loop's normalised peak: it sits under everything else
RAIN_DROPS = 260  # single drops heard on the bins and sills in one loop
CRASH_FALL_SPEED = 350.0  # px/s of downward speed a cut prop must have reached to crash when it stops
CRASH_STOP = 0.35  # it has stopped when its downward speed drops below this share of the last tick's


def _spectral_noise(rng: Rng, n: int, low: float, high: float, tilt: float) -> np.ndarray:
    """Noise of `n` samples between `low` and `high` Hz falling `tilt` dB an octave: loops seamlessly."""
    freqs = np.fft.rfftfreq(n, 1.0 / SAMPLE_RATE)
    octaves = np.log2(np.maximum(freqs, 1.0) / low)
    gain = 10 ** (-tilt * np.maximum(octaves, 0.0) / 20) * (freqs >= low) * (freqs <= high)
    spectrum = gain * np.exp(1j * rng.uniform(0, 2 * np.pi, len(freqs)))
    out = np.fft.irfft(spectrum, n)
    return (out / max(float(np.max(np.abs(out))), 1e-9)).astype(np.float32)


def rain_loop(rng: Rng, seconds: float = RAIN_SECONDS) -> np.ndarray:
    """Rain on a street at night, stereo (samples, 2): the hiss of the downpour, its low roar off the
    roofs, and single drops ticking on sills and bins, left and right. The end joins the start."""
    n = int(seconds * SAMPLE_RATE)
    out = np.zeros((n, 2), dtype=np.float32)
    for side in range(2):  # each ear its own rain: a wide sound, not a mono one
        out[:, side] += 0.55 * _spectral_noise(rng, n, 500, 12000, 3.0)
        out[:, side] += 0.35 * _spectral_noise(rng, n, 60, 500, 1.5)
    t = _time(0.05)
    for _ in range(RAIN_DROPS):
        f = rng.uniform(1800, 5200)
        drop = modes(t, [f, f * 1.7], [1.0, 0.35], [0.006, 0.004], rng) + band(
            rng.standard_normal(len(t)).astype(np.float32), 2000, 9000) * _decay(t, 0.002) * 0.6
        start = int(rng.integers(0, n))
        pan = rng.uniform(0.0, 1.0)
        gain = rng.uniform(0.08, 0.35)
        idx = (start + np.arange(len(t))) % n  # a drop near the end finishes at the start
        out[idx, 0] += gain * (1.0 - pan) * drop
        out[idx, 1] += gain * pan * drop
    return (out * (RAIN_PEAK / max(float(np.max(np.abs(out))), 1e-9))).astype(np.float32)


def chain_snap(rng: Rng) -> np.ndarray:
    """The chandelier's chain cut: an iron link cracking, the loose links rattling, crystals swinging."""
    seconds = 1.3
    t = _time(seconds)
    crack = modes(t, [2300, 3650, 5100], [0.7, 0.5, 0.3], [0.03, 0.02, 0.015], rng)
    crack += band(rng.standard_normal(len(t)).astype(np.float32), 2500, 9000) * _decay(t, 0.005)
    links = np.zeros_like(t)
    for i in range(9):
        at = 0.05 + 0.045 * i + rng.uniform(-0.01, 0.01)
        start = int(at * SAMPLE_RATE)
        f = rng.uniform(1100, 1700)
        links[start:] += modes(t[: len(t) - start], [f, f * 2.3], [0.5, 0.3], [0.02, 0.012], rng) * 0.85**i
    crystals = np.zeros_like(t)
    for _ in range(18):
        start = int(rng.uniform(0.02, 0.9) * SAMPLE_RATE)
        f = rng.uniform(3000, 6500)
        crystals[start:] += modes(t[: len(t) - start], [f, f * 2.02], [0.25, 0.1], [0.12, 0.06], rng)
    return finish(crack + links + 0.5 * crystals, fade_out=0.2)


def chandelier_crash(rng: Rng) -> np.ndarray:
    """The great chandelier hitting the floor: a deep blow, its iron frame clanging, a storm of crystal."""
    seconds = 2.2
    t = _time(seconds)
    blow = _thud(t, rng, 110, 38, 0.2)
    frame = modes(t, [210, 347, 533, 790], [0.5, 0.4, 0.3, 0.2], [0.35, 0.25, 0.18, 0.1], rng)
    glass = np.zeros_like(t)
    for at, gain in ((0.0, 1.0), (0.04, 0.7), (0.13, 0.45)):
        shards = glass_shatter(rng)
        start = int(at * SAMPLE_RATE)
        end = min(len(t), start + len(shards))
        glass[start:end] += gain * shards[: end - start]
    tinkle = np.zeros_like(t)
    for _ in range(30):
        start = int(rng.uniform(0.3, 1.8) ** 1.3 * SAMPLE_RATE)
        if start >= len(t):
            continue
        f = rng.uniform(3500, 8000)
        tinkle[start:] += modes(t[: len(t) - start], [f, f * 1.6], [0.2, 0.1], [0.05, 0.03], rng)
    return finish(1.1 * blow + 0.6 * frame + glass + 0.5 * tinkle, fade_out=0.35)


def add_scenery_sounds(bank: dict[str, list[np.ndarray]], rng: Rng) -> None:
    """Put the chandelier's chain and crash into the sound bank (rain is a loop, kept apart)."""
    bank["chain"] = [chain_snap(rng)]
    bank["chandelier_crash"] = [chandelier_crash(rng)]


class ChandelierWatch:
    """Hears a cut prop (the chandelier) land: it was falling fast last tick and has all but stopped."""

    def __init__(self) -> None:
        self._world_id = 0
        self._falling: dict[int, float] = {}  # prop id -> its downward speed last tick

    def landings(self, world: object) -> list[tuple[str, float]]:
        """The props that crashed this tick, as (kind, x)."""
        if id(world) != self._world_id:
            self._world_id, self._falling = id(world), {}
        crashed: list[tuple[str, float]] = []
        for prop in getattr(world, "props", ()):
            if getattr(prop, "cut_by", None) is None or prop.broken or prop.hanging:
                self._falling.pop(prop.id, None)
                continue
            falling = max(0.0, -float(prop.vy))
            before = self._falling.get(prop.id, 0.0)
            if before >= CRASH_FALL_SPEED and falling < CRASH_STOP * before:
                crashed.append((str(prop.kind), float(prop.x)))
            self._falling[prop.id] = falling
        return crashed
