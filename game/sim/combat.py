"""Hit resolution: hitboxes against hurtboxes, damage and scaling, hitstun, hitstop, knockback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pymunk._chipmunk import lib as pymunk_lib

from game.sim import events as ev
from game.sim.fighter import (
    COMBO_MIN_SCALE,
    COMBO_SCALE_STEP,
    COUNTER_BONUS,
    COUNTER_WINDOW,
    GUARD_STATES,
    JUGGLE_LIMIT,
    PARRY_FRAMES,
    PARRY_STUN,
    Combo,
    Fighter,
)
from game.sim.moves import Hit

if TYPE_CHECKING:
    from game.sim.world import World

KO_LAUNCH = (260.0, 520.0)  # px/s a knocked-out fighter flies, at least
SPIKE_SPEED = -900.0  # px/s down given by a spike to an airborne target
PROP_IMPULSE = 1.0  # props take knockback px/s times this times their own mass
BLOCK_PUSH = 0.5  # of a hit's forward knockback a guard is pushed back by
PARRY_HITSTOP = 10  # ticks both freeze on a parry: the moment reads
_SHAPE_BB = pymunk_lib.cpShapeGetBB


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def resolve_hits(world: World) -> None:
    """Let every active hitbox touch what it can; called once a tick after physics."""
    fighters = world.fighters
    for attacker in world.movers:  # in a move as of its update: hits may have ended it since
        if attacker.state != "move" or attacker.hitstop or attacker.move is None:
            continue
        move = attacker.move
        hit = move.hit_at[attacker.move_frame]
        if hit is None:
            if attacker.move_frame == move.whiff_frame and not attacker.connected and not attacker.whiffed_reported:
                attacker.whiffed_reported = True
                world.emit(ev.Whiff(world.tick, attacker.id, move.id))
            continue
        boxes = attacker.active_hitboxes()
        left = min(box[0] for box in boxes)
        right = max(box[2] for box in boxes)
        team = attacker.team
        for target in fighters:
            # a quick test on x first: no hurtbox reaches further than `reach` from its fighter's x
            if target.team == team or target.x - target.reach >= right or target.x + target.reach <= left:
                continue
            if (hit.index, target.id) in attacker.landed_hits or target.invulnerable:
                continue
            hurt = target.hurtbox()
            x0, y0, x1, y1 = hurt
            for box in boxes:  # overlaps(box, hurt), written out: most moves have one box
                if box[0] < x1 and x0 < box[2] and box[1] < y1 and y0 < box[3]:
                    break
            else:
                continue
            land_hit(world, attacker, target, hit, boxes, hurt)
            if attacker.move is None:  # parried: the move is over
                break
        if attacker.move is None:
            continue
        for prop in world.props:
            if prop.broken or prop.x - prop.reach >= right or prop.x + prop.reach <= left:
                continue
            if (hit.index, -1 - prop.id) in attacker.landed_hits:
                continue
            prop_box = _bounds(prop)
            if any(overlaps(box, prop_box) for box in boxes):
                attacker.landed_hits.add((hit.index, -1 - prop.id))
                world.hit_prop(attacker, prop, hit)


def _bounds(prop) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """The prop's bounding box as the last step left it (Chipmunk's own, without pymunk's BB object)."""
    bb = _SHAPE_BB(prop.shape._shape)
    return (bb.l, bb.b, bb.r, bb.t)


def _contact_point(boxes: list, hurt: tuple[float, float, float, float]) -> tuple[float, float]:
    for box in boxes:
        if overlaps(box, hurt):
            x = (max(box[0], hurt[0]) + min(box[2], hurt[2])) / 2
            return (x, (max(box[1], hurt[1]) + min(box[3], hurt[3])) / 2)
    return ((hurt[0] + hurt[2]) / 2, (hurt[1] + hurt[3]) / 2)


def land_hit(world: World, attacker: Fighter, target: Fighter, hit: Hit, boxes: list, hurt: tuple) -> None:
    """Apply one hit instance of the attacker's move to one target."""
    move = attacker.move
    assert move is not None
    attacker.landed_hits.add((hit.index, target.id))
    direction = attacker.facing
    if hit.spec.direction == "away":
        dx = target.x - attacker.x
        direction = (1 if dx > 0 else -1) if abs(dx) > 1e-6 else attacker.facing
    strike(world, attacker, target, hit, move.id, direction, _contact_point(boxes, hurt), attacker.x)


def strike(world: World, attacker: Fighter, target: Fighter, hit: Hit, move_id: str, direction: int,
           at: tuple[float, float], source_x: float, melee: bool = True) -> None:
    """One hit on one target by the hit rules every blow shares: guard and parry, juggle limit, counter
    hits, combo scaling, enemy damage, armour, KO, hitstun and knockback `direction`-wards.

    `at` is where it touched; `source_x` is where it came from (the guard must face that way). A hit that
    is not `melee` (a bullet, a thrown knife) cannot be parried and neither freezes nor connects its
    attacker, who may be far away doing something else.
    """
    spec = hit.spec
    airborne = not target.grounded or target.state == "juggle"
    if airborne and target.juggle_points >= JUGGLE_LIMIT:
        world.emit(ev.JuggleLimit(world.tick, attacker.id, target.id, move_id))
        return
    if target.grounded and target.state in GUARD_STATES and _guarded(world, attacker, target, hit, move_id, at,
                                                                      source_x, melee):
        return
    counter = (target.state == "move" and target.move is not None and target.move_frame <= target.move.spec.startup
               or attacker.counter_until >= world.tick)
    combo = target.combo
    if combo is None or combo.attacker != attacker.id or target.state not in ("hitstun", "juggle"):
        if combo is not None:
            world.end_combo(target)
        combo = target.combo = Combo(attacker.id)
    scale = max(COMBO_MIN_SCALE, 1.0 - COMBO_SCALE_STEP * combo.hits)
    damage = round(spec.damage * scale * (COUNTER_BONUS if counter else 1.0))
    if target.id == world.player_id and attacker.id != world.player_id:
        damage = round(damage * world.difficulty.enemy_damage)
    if target.spec.regenerates:
        damage = min(damage, target.health - 1)
    target.health -= damage
    combo.hits += 1
    combo.damage += damage
    if not combo.moves or combo.moves[-1] != move_id or hit.index == 0:
        combo.moves.append(move_id)
    if melee:
        attacker.connected = True
    if spec.damage < _armour(target) and target.health > 0:  # she felt it, and walks on through it
        _armoured(world, attacker, target, hit, move_id, at, damage, counter, melee)
        return

    kx, ky = spec.knockback
    weight = target.spec.weight
    vx, vy = direction * kx / weight, ky / weight
    target.move = None
    target.running = False
    target.buffer.clear()
    effect = spec.effect
    if target.health <= 0:
        target.health = 0
        vx = direction * max(abs(vx), KO_LAUNCH[0] / weight)
        vy = max(vy, KO_LAUNCH[1] / weight)
        target.set_state("ko")
        target.grounded = False
        world.emit(ev.KO(world.tick, target.id, attacker.id, target.x, target.y))
    elif effect in ("launch", "trip") or (airborne and effect != "spike"):
        target.juggle_points += spec.juggle if airborne else 0
        if effect == "trip":
            vy = max(vy, 220.0 / weight)
        target.set_state("juggle")
        target.grounded = False
        target.air_ticks = 0
    elif effect == "spike":
        vy = SPIKE_SPEED / weight if airborne else vy
        target.juggle_points += spec.juggle
        target.set_state("juggle")
        target.grounded = False  # even from standing: the landing that follows knocks it down
    else:
        target.stun = spec.hitstun
        target.set_state("hitstun")
    if target.state == "juggle":
        target.stun = spec.hitstun
    target.state_ticks = 0
    target.pending_knockback = (vx * target.mass, vy * target.mass)  # an impulse, applied after hitstop
    if melee:
        attacker.hitstop = max(attacker.hitstop, spec.hitstop)
    target.hitstop = max(target.hitstop, spec.hitstop)
    x, y = at
    world.emit(
        ev.Hit(
            world.tick, attacker.id, target.id, move_id, hit.index, damage, spec.hitstun, spec.hitstop,
            effect, x, y, (vx * vx + vy * vy) ** 0.5, combo.hits, combo.damage, counter, spec.slash,
        )
    )


def _armour(target: Fighter) -> int:
    """The armour a hit must beat to stagger the target: its own, or its move's while that holds."""
    armour = target.spec.armour
    move = target.move
    if target.state == "move" and move is not None and target.move_frame <= move.armour_until:
        armour = max(armour, move.spec.armour)
    return armour


def _armoured(world: World, attacker: Fighter, target: Fighter, hit: Hit, move_id: str, at: tuple[float, float],
              damage: int, counter: bool, melee: bool) -> None:
    """A hit the target's armour took: damage and a short freeze, no stagger, no knockback."""
    spec = hit.spec
    assert target.combo is not None
    stop = max(2, spec.hitstop // 2)
    if melee:
        attacker.hitstop = max(attacker.hitstop, stop)
    target.hitstop = max(target.hitstop, stop)
    x, y = at
    combo = target.combo
    world.emit(
        ev.Hit(
            world.tick, attacker.id, target.id, move_id, hit.index, damage, 0, stop, spec.effect, x, y, 0.0,
            combo.hits, combo.damage, counter, spec.slash, armoured=True,
        )
    )


def _guarded(world: World, attacker: Fighter, target: Fighter, hit: Hit, move_id: str, at: tuple[float, float],
             source_x: float, melee: bool) -> bool:
    """Whether the target's guard met the hit from the front: parried when block was pressed just in
    time, blocked when it is held (unless the hit is a grab). Returns True when the hit was turned aside.
    A bullet or a thrown weapon (not `melee`) is only ever blocked: a parry press just holds the guard."""
    dx = source_x - target.x
    toward = (1 if dx > 0 else -1) if abs(dx) > 1e-6 else -attacker.facing
    if target.facing != toward:
        return False  # from behind: no guard
    spec = hit.spec
    x, y = at
    if melee and 0 <= world.tick - target.guard_pressed < PARRY_FRAMES:
        target.guard_pressed = -1000  # one press, one parry
        target.counter_until = world.tick + COUNTER_WINDOW
        attacker.move = None
        attacker.buffer.clear()
        attacker.stun = PARRY_STUN
        attacker.set_state("parried")
        attacker.state_ticks = 0
        attacker.hitstop = max(attacker.hitstop, PARRY_HITSTOP)
        target.hitstop = max(target.hitstop, PARRY_HITSTOP)
        world.emit(ev.Parried(world.tick, attacker.id, target.id, move_id, x, y))
        return True
    if target.state not in ("block", "blockstun") or spec.unblockable:
        return False
    if melee:
        attacker.landed_hits.add((hit.index, target.id))
        attacker.connected = True  # cancels "on hit" open on a block too: pressure
    blockstun = spec.guard_frames
    target.stun = blockstun
    target.set_state("blockstun")
    target.state_ticks = 0
    push = -toward * abs(spec.knockback[0]) * BLOCK_PUSH / target.spec.weight
    target.pending_knockback = (push * target.mass, 0.0)
    stop = max(2, spec.hitstop * 2 // 3)
    if melee:
        attacker.hitstop = max(attacker.hitstop, stop)
    target.hitstop = max(target.hitstop, stop)
    world.emit(ev.Blocked(world.tick, attacker.id, target.id, move_id, x, y, blockstun))
    return True
