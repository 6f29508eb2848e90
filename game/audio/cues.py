"""The cue sheet: which sound each simulation event makes, how loud, and where on the stage.

Pure (events and a read-only world in, cues out), so the rules are tested without a sound card.
The floor under a step comes from the level's platforms (`game/audio/floors.py`); a spin's whoosh is
pitched and weighted by how fast the move turns (its pose keys' `turn`) and how fast the dancer travels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.audio.floors import STEP_VOLUMES, floor_under, raining, step_sound
from game.sim import events as ev

VIEW_W = 1280  # px of the canvas the camera shows; pan reaches hard left/right at its edges
MAX_REPEATS_PER_TICK = 2  # the same cue more often in one tick only gets louder, not richer
SPIN_WORDS = ("pirouette", "fouette", "chaine", "tour")
SPIN_TURN = 270.0  # degrees a move's pose keys must turn in all for it to whoosh
GLASSY_PROPS = ("window", "lamp", "glass", "neon", "chandelier", "mirror", "bottle")
KICK_IMPULSES = (200.0, 500.0)  # px/s of knockback that step a kick up to medium, then heavy
FULL_IMPULSE = 700.0  # px/s of knockback that plays a hit at full volume
FULL_LANDING = 1000.0  # px/s of vertical speed that plays a landing at full volume
HEAVY_LANDING = 650.0  # px/s of vertical speed that lands heavily
SLOW_TURN, FAST_TURN = 20.0, 75.0  # degrees a tick: the slowest turn (a rond de jambe) .. the fastest
FAST_TRAVEL = 1500.0  # px/s a dancer travelling this fast adds a whole step of whoosh speed
WHOOSH_TIERS = 3  # whoosh0 (a slow turn) .. whoosh2 (the fastest spins): pitch rises with speed
DEFAULT_SPIN_SPEED = 0.5  # a spin the cue sheet knows only by name


@dataclass(frozen=True, slots=True)
class Cue:
    """One sound to play: a bank name, a volume 0..1 and where in the world it happened (None: centre)."""

    sound: str
    volume: float
    x: float | None = None


def _fighter(world: object, fighter_id: int) -> object | None:
    fighters = getattr(world, "fighters", None)
    if fighters is None or not 0 <= fighter_id < len(fighters):
        return None
    return fighters[fighter_id]


def _fighter_x(world: object, fighter_id: int) -> float | None:
    fighter = _fighter(world, fighter_id)
    return None if fighter is None else float(getattr(fighter, "x", 0.0))


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def turn_rate(poses: list) -> tuple[float, float]:
    """A move's fastest turn (degrees a tick between pose keys) and its whole turn (degrees)."""
    rate = 0.0
    for before, after in zip(poses, poses[1:], strict=False):
        rate = max(rate, abs(after.turn - before.turn) / max(1, after.frame - before.frame))
    whole = max((abs(key.turn) for key in poses), default=0.0)
    return rate, whole


def spin_speed(world: object, event: ev.MoveStarted) -> float | None:
    """How fast a move that has just started spins, 0 (a slow turn) .. 1 (the fastest); None: no spin.

    From the move's pose keys and the dancer's travel; a world without a move book falls back on
    the move's name."""
    fighter = _fighter(world, event.fighter)
    book = getattr(fighter, "book", None)
    if book is not None and event.move in book:
        rate, whole = turn_rate(list(book[event.move].spec.poses))
        if whole < SPIN_TURN:
            return None
        travel = abs(float(getattr(fighter, "vx", 0.0))) / FAST_TRAVEL
        return _clamp((rate - SLOW_TURN) / (FAST_TURN - SLOW_TURN) + travel)
    return DEFAULT_SPIN_SPEED if any(word in event.move for word in SPIN_WORDS) else None


def whoosh_cue(speed: float, x: float | None) -> Cue:
    """A spin's whoosh: faster turns pick a higher, shorter sweep and play it louder."""
    tier = min(WHOOSH_TIERS - 1, int(speed * WHOOSH_TIERS))
    return Cue(f"whoosh{tier}", _clamp(0.3 + 0.5 * speed), x)


def _underfoot(event: ev.Footstep | ev.Landed, world: object) -> Cue | None:
    """A step or a landing, by the floor under it: wood boards, stone, iron grating, velvet, wet asphalt."""
    sound = step_sound(floor_under(world, event.x, event.y), raining(world))
    if isinstance(event, ev.Footstep):
        return Cue(sound, STEP_VOLUMES[sound], event.x)
    if event.speed < 60.0:
        return None
    loud = _clamp(0.2 + event.speed / FULL_LANDING, 0.2)
    if sound == "step_wood":  # the boards have their own landing, a plié or a drop from a jeté
        return Cue("land_heavy" if event.speed >= HEAVY_LANDING else "land", loud, event.x)
    return Cue(sound, _clamp(loud + 0.2), event.x)


def cue_for(event: ev.Event, world: object) -> Cue | None:  # noqa: PLR0911 - one case per event
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
        case ev.MoveStarted():
            speed = spin_speed(world, event)
            return None if speed is None else whoosh_cue(speed, _fighter_x(world, event.fighter))
        case ev.Jumped():
            return Cue("jump", 0.35, event.x)
        case ev.Landed() | ev.Footstep():
            return _underfoot(event, world)
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
        case ev.ChainCut():
            return Cue("chain", 0.9, event.x)
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
        case ev.ShotFired():  # a knife or an empty pistol thrown: it spins through the air
            speed = _clamp(float(np.hypot(event.vx, event.vy)) / 2000.0)
            return whoosh_cue(speed, event.x)
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
