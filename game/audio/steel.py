"""The sounds of fighting back: a guard taking a blow, a parry's ring, armour, gunfire, weapons and the finisher.

Synthesised like the rest of `game/audio/synth.py` (same helpers, same conventions: mono float32 at
SAMPLE_RATE, peak-normalised, faded at both ends).
"""

from __future__ import annotations

import numpy as np

from game.audio.synth import SAMPLE_RATE, Rng, _decay, _thud, _time, band, bell, finish, modes, shaped_noise


def _noise(rng: Rng, t: np.ndarray) -> np.ndarray:
    return rng.standard_normal(len(t)).astype(np.float32)


def _delayed(x: np.ndarray, t: np.ndarray, seconds: float) -> np.ndarray:
    return np.roll(x, int(seconds * SAMPLE_RATE)) * (t >= seconds)


def guard_block(rng: Rng) -> np.ndarray:
    """A blow caught on a raised forearm and the flat of the blade: a dry clack over a muffled thud."""
    t = _time(0.22)
    pitch = rng.uniform(0.9, 1.1)
    clack = modes(t, [820 * pitch, 1370 * pitch, 2210 * pitch], [0.6, 0.4, 0.25], [0.018, 0.012, 0.008], rng)
    scrape = band(_noise(rng, t), 3000, 7000) * _decay(t, 0.02) * 0.35
    thud = _thud(t, rng, 140 * pitch, 70, 0.035)
    return finish(clack + scrape + 0.7 * thud, fade_out=0.03)


def parry_ring(rng: Rng) -> np.ndarray:
    """Steel turning steel aside: a bright scrape, then a long clear ring with a shimmer of overtones."""
    seconds = 0.9
    t = _time(seconds)
    f = rng.uniform(1750, 1950)
    ring = modes(t, [f, f * 2.01, f * 2.76, f * 3.9], [0.6, 0.3, 0.22, 0.12], [0.32, 0.2, 0.12, 0.07], rng)
    scrape = shaped_noise(rng, seconds, lambda s: 5200 - 2400 * np.minimum(s / 0.06, 1.0), 0.5)
    scrape *= _decay(t, 0.03)
    return finish(0.8 * ring + 1.1 * scrape, fade_out=0.2)


def armour_clank(rng: Rng) -> np.ndarray:
    """A kick landing on a brute's armour: a dull iron clank that does not give."""
    t = _time(0.3)
    f = rng.uniform(310, 360)
    plate = modes(t, [f, f * 1.59, f * 2.41, f * 3.3], [0.5, 0.45, 0.3, 0.2], [0.09, 0.07, 0.05, 0.03], rng)
    knock = band(_noise(rng, t), 600, 2500) * _decay(t, 0.008)
    return finish(plate + 0.5 * knock + 0.5 * _thud(t, rng, 120, 60, 0.05), fade_out=0.06)


def gunshot(rng: Rng) -> np.ndarray:
    """A pistol in a narrow street: a sharp crack, the body of the blast, and the walls answering."""
    seconds = 0.8
    t = _time(seconds)
    crack = band(_noise(rng, t), 1500, 9000) * _decay(t, 0.004)
    blast = band(_noise(rng, t), 80, 900) * _decay(t, 0.05)
    boom = _thud(t, rng, 110, 45, 0.08)
    echo = 0.35 * _delayed(blast, t, 0.11) + 0.18 * _delayed(blast, t, 0.23)
    return finish(1.2 * crack + blast + 0.8 * boom + echo, fade_out=0.15)


def ricochet(rng: Rng) -> np.ndarray:
    """A bullet knocked aside by a spinning blade: a spark of steel and a whine falling away."""
    seconds = 0.5
    t = _time(seconds)
    f0 = rng.uniform(3800, 4600)
    freq = f0 * np.exp(-t / 0.35)
    whine = np.sin(2 * np.pi * np.cumsum(freq) / SAMPLE_RATE).astype(np.float32) * _decay(t, 0.16, 0.02)
    spark = modes(t, [2900, 4700], [0.5, 0.3], [0.03, 0.02], rng)
    return finish(0.7 * whine + spark, fade_out=0.08)


def whiff_swish(rng: Rng) -> np.ndarray:
    """A kick or a blade cutting only air: a short thin swish."""
    seconds = 0.2
    t = _time(seconds)
    top = rng.uniform(2600, 3400)
    swish = shaped_noise(rng, seconds, lambda s: top * (0.6 + 0.4 * np.sin(np.minimum(s / seconds, 1.0) * np.pi)), 0.5)
    return finish(swish * np.sin(np.pi * t / seconds) ** 2, fade_out=0.03)


def finisher_swell(rng: Rng) -> np.ndarray:
    """The coup de grâce begins: time slows, a low drone swells under a falling celesta shimmer."""
    seconds = 1.6
    t = _time(seconds)
    drone = np.zeros_like(t)
    for f, a in ((55.0, 0.6), (82.5, 0.3), (110.0, 0.2)):
        drone += a * np.sin(2 * np.pi * f * t)
    drone *= np.clip(t / 0.5, 0.0, 1.0) * np.exp(-np.maximum(t - 0.9, 0.0) / 0.3)
    shimmer = np.zeros_like(t)
    for i, midi in enumerate((95, 90, 86, 83, 78)):
        at = 0.08 * i
        shimmer += _delayed(bell(t, 440.0 * 2 ** ((midi - 69) / 12), rng, 0.6), t, at) * (0.5 - 0.06 * i)
    air = band(_noise(rng, t), 400, 3000) * np.clip(t / 0.6, 0.0, 1.0) * _decay(t, 0.5, 0.6) * 0.3
    return finish(drone + shimmer + air, fade_out=0.3)


def weapon_pickup(rng: Rng) -> np.ndarray:
    """A weapon taken up from the floor: a scrape, then the click of a grip settling in the hand."""
    t = _time(0.25)
    scrape = band(_noise(rng, t), 1800, 6000) * _decay(t, 0.03) * 0.5
    click = _delayed(modes(t, [2400, 3900, 5200], [0.6, 0.4, 0.2], [0.012, 0.008, 0.005], rng), t, 0.09)
    return finish(scrape + click, fade_out=0.03)


def weapon_clatter(rng: Rng) -> np.ndarray:
    """Steel dropped on a hard floor: two or three bounces of a small metal thing, each quieter."""
    t = _time(0.6)
    out = np.zeros_like(t)
    f = rng.uniform(1500, 2100)
    for i, at in enumerate((0.0, 0.13, 0.22)):
        hit = modes(t, [f, f * 1.8, f * 2.9], [0.5, 0.35, 0.2], [0.05, 0.03, 0.02], rng)
        out += _delayed(hit, t, at) * (0.8 ** i)
    return finish(out, fade_out=0.08)


def add_fight_sounds(bank: dict[str, list[np.ndarray]], rng: Rng) -> None:
    """Put the guard, parry, armour, gun and finisher sounds into the sound bank."""
    bank["block"] = [guard_block(rng) for _ in range(3)]
    bank["parry"] = [parry_ring(rng) for _ in range(2)]
    bank["armour"] = [armour_clank(rng) for _ in range(3)]
    bank["gunshot"] = [gunshot(rng) for _ in range(3)]
    bank["ricochet"] = [ricochet(rng) for _ in range(2)]
    bank["whiff"] = [whiff_swish(rng) for _ in range(3)]
    bank["finisher"] = [finisher_swell(rng)]
    bank["pickup"] = [weapon_pickup(rng) for _ in range(2)]
    bank["clatter"] = [weapon_clatter(rng) for _ in range(3)]
