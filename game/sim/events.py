"""What happened during one tick: the only channel from the simulation to renderer, audio and HUD."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every event; `tick` is the world tick on which it happened."""

    tick: int


@dataclass(frozen=True, slots=True)
class MoveStarted(Event):
    fighter: int
    move: str
    cancelled_from: str | None  # the move it cancelled out of, None from neutral


@dataclass(frozen=True, slots=True)
class Hit(Event):
    """A hit instance connected with a fighter's hurtbox."""

    attacker: int
    target: int
    move: str
    hit_index: int
    damage: int
    hitstun: int
    hitstop: int
    effect: str  # stagger, launch, trip, spike, push
    x: float  # where the spark goes (world units, y up)
    y: float
    impulse: float  # knockback speed, for screen shake and sound volume
    combo_hits: int  # the target's combo length after this hit
    combo_damage: int
    counter: bool  # the target was in a move's startup, or the attacker had parried it just before
    slash: bool  # a knife hit rather than a kick
    armoured: bool = False  # the target's armour took it: damage, but no stagger and no knockback


@dataclass(frozen=True, slots=True)
class Whiff(Event):
    """A move's active frames ended without touching anyone."""

    fighter: int
    move: str


@dataclass(frozen=True, slots=True)
class JuggleLimit(Event):
    """A hit passed through an airborne target whose juggle points were spent."""

    attacker: int
    target: int
    move: str


@dataclass(frozen=True, slots=True)
class PropHit(Event):
    attacker: int
    prop: int
    move: str
    x: float
    y: float
    impulse: float


@dataclass(frozen=True, slots=True)
class PropBroken(Event):
    prop: int
    kind: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Jumped(Event):
    fighter: int
    x: float
    y: float
    cancelled_from: str | None = None  # the move a jump cancel came out of


@dataclass(frozen=True, slots=True)
class Landed(Event):
    fighter: int
    x: float
    y: float
    speed: float  # vertical speed on contact, for dust and sound


@dataclass(frozen=True, slots=True)
class Footstep(Event):
    fighter: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class WallBounce(Event):
    fighter: int
    x: float
    y: float
    speed: float


@dataclass(frozen=True, slots=True)
class KnockedDown(Event):
    fighter: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class KO(Event):
    fighter: int
    by: int | None
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class ComboEnded(Event):
    """The target left hitstun: the combo `attacker` built on `target` is over."""

    attacker: int
    target: int
    hits: int
    damage: int
    moves: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutOfBounds(Event):
    """A body left the level and was put back at a safe place."""

    fighter: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class PropOutOfBounds(Event):
    """A prop flew out of the level (or its numbers broke) and was put back above the floor."""

    prop: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class GraceEarned(Event):
    """Grace for a move's first hit (more on the beat, less when repeated) or an enchaînement."""

    fighter: int
    amount: float  # what was earned, before the meter's cap
    reason: str  # the move id or the enchaînement's name
    on_beat: bool
    gained: float  # what the meter actually rose by


@dataclass(frozen=True, slots=True)
class Enchainement(Event):
    """A named phrase from assets/choreography.toml was just completed."""

    fighter: int
    name: str
    grace: int


@dataclass(frozen=True, slots=True)
class WaveStarted(Event):
    """A wave of the level was triggered: its enemies have just appeared."""

    index: int  # 0-based, in the order of the level file
    name: str  # for the HUD's announcement; may be ""
    fighters: tuple[int, ...]  # ids of the fighters it sent


@dataclass(frozen=True, slots=True)
class WaveCleared(Event):
    """Every enemy of a wave is knocked out."""

    index: int
    name: str


@dataclass(frozen=True, slots=True)
class LevelWon(Event):
    """The level's goal is met (clear_waves, reach_exit or defeat_boss); practice is never won."""

    goal: str


@dataclass(frozen=True, slots=True)
class ChainCut(Event):
    """A hit cut the chain of a hanging prop (the chandelier): it falls and hurts whoever it lands on."""

    prop: int
    by: int  # the fighter whose hit cut it
    x: float  # where the chain broke: the prop's attachment point
    y: float


@dataclass(frozen=True, slots=True)
class Blocked(Event):
    """A hit met a guard from the front: no damage, the guard is pushed back and held in blockstun."""

    attacker: int
    target: int
    move: str
    x: float  # where the guard took it
    y: float
    blockstun: int


@dataclass(frozen=True, slots=True)
class Parried(Event):
    """A guard raised just before the hit turned it aside: the attacker staggers, open to a counter."""

    attacker: int
    target: int  # the one who parried
    move: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class FinisherStarted(Event):
    """A full grace meter was spent on a finisher: the app plays it in slow motion."""

    fighter: int
    move: str


@dataclass(frozen=True, slots=True)
class ShotFired(Event):
    """A bullet left a muzzle, or a weapon left a hand (`kind` "knife" or "pistol": thrown)."""

    fighter: int
    move: str
    kind: str  # "bullet", or the weapon thrown
    x: float  # the muzzle
    y: float
    vx: float  # px/s
    vy: float


@dataclass(frozen=True, slots=True)
class BulletHit(Event):
    """A bullet (or a thrown weapon) stopped: in a fighter (`target`), or against a wall or a block (None)."""

    shooter: int
    target: int | None
    kind: str  # "bullet", "knife", "pistol"
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class BulletDeflected(Event):
    """A spin met a bullet with its hitbox and sent it back at whoever fired it."""

    fighter: int  # who deflected it
    shooter: int  # who it now flies at
    move: str  # the deflecting move
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class WeaponPickedUp(Event):
    """A fighter took a weapon from the floor into her hand."""

    fighter: int
    kind: str  # "knife" or "pistol"
    rounds: int  # a pistol's rounds left
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class WeaponDropped(Event):
    """A weapon fell to the floor: a knocked-out fighter's, or a thrown one that came to rest."""

    kind: str
    x: float
    y: float
    by: int | None  # the fighter who let it go


@dataclass(frozen=True, slots=True)
class PhaseChanged(Event):
    """A boss fell below a phase's share of its health: it fights harder (the HUD announces it)."""

    fighter: int
    phase: int  # phases begun so far, 1 for the first
    announce: str  # what the HUD says; may be ""
