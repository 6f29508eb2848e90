"""What a step sounds like on each floor: the level's platforms carry a material, the feet find it.

The boards of the Academy knock, the opera's velvet swallows a step, the fire escape's iron grating
rings, and the alley's asphalt splashes when it rains. `floor_under` reads the level the world was
built from; the footstep synths follow `game/audio/synth.py`'s conventions (mono float32, peak-normalised,
faded at both ends).
"""

from __future__ import annotations

import numpy as np

from game.audio.synth import SAMPLE_RATE, Rng, _decay, _thud, _time, band, finish, footstep_wood, modes

FOOT_REACH = 14.0  # px: a platform's top this close to the feet is the floor under them
WET_FLOORS = ("asphalt", "stone")  # materials that rain turns into puddles
DEFAULT_FLOOR = "wood"
# a level's material -> the step sound it makes (dry); rain turns WET_FLOORS into "step_wet"
STEP_SOUNDS = {
    "wood": "step_wood",
    "gilt": "step_wood",  # gilded boards: the balcony fronts are gilt, the floor under them wood
    "stone": "step_stone",
    "marble": "step_stone",
    "asphalt": "step_stone",
    "metal": "step_metal",
    "velvet": "step_velvet",
}
STEP_VOLUMES = {"step_wood": 0.3, "step_stone": 0.3, "step_metal": 0.32, "step_velvet": 0.4, "step_wet": 0.34}


def _top_at(platform: object, x: float) -> float:
    """Height of the platform's top edge at `x` (slopes rise from left to right)."""
    left, bottom, width, height = platform.rect  # type: ignore[attr-defined]
    along = min(1.0, max(0.0, (x - left) / width))
    return bottom + height + float(getattr(platform, "rise", 0.0)) * along


def floor_under(world: object, x: float, y: float) -> str:
    """The material of the platform under feet at (`x`, `y`): the nearest top within reach, else the
    highest one below the feet, else wood (a world without a level, or feet in the air)."""
    level = getattr(world, "level", None)
    platforms = getattr(level, "platforms", None) or ()
    best, best_gap = None, float("inf")
    below, below_top = None, -float("inf")
    for platform in platforms:
        left, _, width, _ = platform.rect
        if not left - 2.0 <= x <= left + width + 2.0:
            continue
        top = _top_at(platform, x)
        gap = abs(top - y)
        if gap < best_gap:
            best, best_gap = platform, gap
        if below_top < top <= y + FOOT_REACH:
            below, below_top = platform, top
    chosen = best if best_gap <= FOOT_REACH else below
    return str(getattr(chosen, "material", DEFAULT_FLOOR)) if chosen is not None else DEFAULT_FLOOR


def raining(world: object) -> float:
    """How hard it rains on the world's level, 0 (dry) .. 1 (downpour)."""
    weather = getattr(getattr(world, "level", None), "weather", None)
    return float(getattr(weather, "rain", 0.0) or 0.0)


def step_sound(material: str, rain: float = 0.0) -> str:
    """The bank name of a step on `material`, wet if it rains on a floor that puddles."""
    if rain > 0.0 and material in WET_FLOORS:
        return "step_wet"
    return STEP_SOUNDS.get(material, "step_wood")


# --- the steps ------------------------------------------------------------------------------------


def _noise(rng: Rng, t: np.ndarray) -> np.ndarray:
    return rng.standard_normal(len(t)).astype(np.float32)


def footstep_stone(rng: Rng) -> np.ndarray:
    """A hard sole on stone or dry asphalt: a bright click, a small heel thump and a quick slap back."""
    t = _time(0.16)
    click = band(_noise(rng, t), 1800, 9000) * _decay(t, 0.004)
    grit = band(_noise(rng, t), 3000, 10000) * _decay(t, 0.012, 0.006) * 0.25  # a scuff of grit
    heel = _thud(t, rng, rng.uniform(150, 190), 95, 0.012) * 0.45
    out = click + grit + heel
    slap = int(rng.uniform(0.028, 0.036) * SAMPLE_RATE)  # a wall a few metres off answers
    out[slap:] += 0.22 * out[:-slap]
    return finish(out, fade_out=0.03)


def footstep_metal(rng: Rng) -> np.ndarray:
    """A step on a fire escape's iron grating: a clank that rings, and the grating rattling in its frame."""
    t = _time(0.42)
    f = rng.uniform(380, 460)
    plate = modes(t, [f, f * 2.71, f * 4.53, f * 6.9], [0.55, 0.4, 0.3, 0.18], [0.14, 0.09, 0.06, 0.04], rng)
    strike = band(_noise(rng, t), 1200, 6000) * _decay(t, 0.006)
    rattle = np.zeros_like(t)
    for at in (rng.uniform(0.03, 0.05), rng.uniform(0.07, 0.1)):
        start = int(at * SAMPLE_RATE)
        tick = modes(t[: len(t) - start], [rng.uniform(1800, 2600), rng.uniform(3200, 4200)], [0.3, 0.2],
                     [0.012, 0.008], rng)
        rattle[start:] += tick
    return finish(plate + 0.6 * strike + rattle + 0.3 * _thud(t, rng, 130, 80, 0.02), fade_out=0.08)


def footstep_velvet(rng: Rng) -> np.ndarray:
    """A step on the opera's red carpet: a soft pressed thump, the highs swallowed by the pile."""
    t = _time(0.14)
    press = band(_noise(rng, t), 120, 700) * np.where(t < 0.008, t / 0.008, np.exp(-(t - 0.008) / 0.025))
    body = _thud(t, rng, rng.uniform(110, 130), 70, 0.025) * 0.7
    return finish(0.8 * press + body, fade_in=0.004, fade_out=0.03, peak=0.6)


def footstep_wet(rng: Rng) -> np.ndarray:
    """A step in a puddle on wet asphalt: a splash that opens and falls back, and drops landing after."""
    seconds = 0.3
    t = _time(seconds)
    spread = np.where(t < 0.006, t / 0.006, np.exp(-(t - 0.006) / 0.045))
    splash = band(_noise(rng, t), 700, 7000) * spread
    drops = np.zeros_like(t)
    for _ in range(int(rng.integers(4, 8))):
        at = rng.uniform(0.02, 0.2)
        start = int(at * SAMPLE_RATE)
        dt = t[: len(t) - start]
        f0 = rng.uniform(1400, 2800)
        chirp = np.sin(2 * np.pi * np.cumsum(f0 * (1.0 + 1.5 * dt / 0.02)) / SAMPLE_RATE) * np.exp(-dt / 0.012)
        drops[start:] += chirp.astype(np.float32) * rng.uniform(0.1, 0.3)
    heel = _thud(t, rng, 140, 85, 0.015) * 0.35
    return finish(splash + drops + heel, fade_in=0.003, fade_out=0.05)


FLOOR_SYNTHS = {
    "step_wood": footstep_wood,
    "step_stone": footstep_stone,
    "step_metal": footstep_metal,
    "step_velvet": footstep_velvet,
    "step_wet": footstep_wet,
}


def add_floor_sounds(bank: dict[str, list[np.ndarray]], rng: Rng, takes: int = 4) -> None:
    """Put a few variations of a step on every floor into the sound bank."""
    for name, synth in FLOOR_SYNTHS.items():
        bank[name] = [synth(rng) for _ in range(takes)]
