"""Combat: hits land once, freeze the fight, push, trip, launch, juggle, combo, scale, whiff and knock out."""

from __future__ import annotations

import pytest
from helpers import hold, idle, of_type, perform, player, stage, step, step_both, tap, the_target, until

from game.sim import events as ev
from game.sim.combat import overlaps
from game.sim.fighter import COMBO_MIN_SCALE, COMBO_SCALE_STEP, GETUP_FRAMES, JUGGLE_LIMIT, KNOCKDOWN_FRAMES

BATTEMENT_DAMAGE = 40  # assets/moves/ballerina.toml: moves.battement.hits[0].damage


def hits_on(events: list[ev.Event], target: int) -> list[ev.Hit]:
    return [e for e in of_type(events, ev.Hit) if e.target == target]


def test_each_hit_instance_lands_once_per_target():
    world = stage(gap=60)
    events = tap(world, "down", "spin", after=60)  # chaînés: three hit instances, each several frames long
    hits = hits_on(events, 1)
    assert [h.move for h in hits] == ["chaine"] * 3
    assert [h.hit_index for h in hits] == [0, 1, 2]


def test_a_kick_held_over_several_active_frames_hits_once():
    world = stage(gap=60)
    events = tap(world, "light", after=40)
    assert [(h.move, h.hit_index) for h in hits_on(events, 1)] == [("battement", 0)]


def test_hitstop_freezes_both_fighters_for_the_hits_hitstop_frames():
    world = stage(gap=60)
    dancer, dummy = player(world), the_target(world)
    events = tap(world, "light")
    events += until(world, lambda w: bool(hits_on(w.events, 1)))
    hit = hits_on(world.events, 1)[0]
    assert hit.hitstop == 6
    frozen = (dancer.move_frame, dancer.x, dummy.x, dummy.y, dummy.stun)
    for _ in range(hit.hitstop):
        step(world)
        assert (dancer.move_frame, dancer.x, dummy.x, dummy.y, dummy.stun) == frozen
    step(world)
    assert dancer.move_frame == frozen[0] + 1
    assert dummy.stun == frozen[4] - 1


@pytest.mark.parametrize("side", [1, -1], ids=["facing_right", "facing_left"])
def test_knockback_moves_the_target_away_from_the_attacker(side):
    world = stage(gap=60 * side, target_facing="left" if side > 0 else "right")
    dancer, dummy = player(world), the_target(world)
    dancer.facing = side
    start = dummy.x
    events = tap(world, "heavy", after=60)  # arabesque: a long push
    assert [h.effect for h in hits_on(events, 1)] == ["push"]
    assert (dummy.x - start) * side > 30


def test_the_pirouette_hits_on_both_sides():
    world = stage(gap=70, also=[("training_dummy", -70.0)])
    front, behind = world.fighters[1], world.fighters[2]
    front_x, behind_x = front.x, behind.x
    events = tap(world, "spin", after=70)
    first_turn = [h for h in of_type(events, ev.Hit) if h.hit_index == 0]
    assert sorted(h.target for h in first_turn) == [1, 2]
    assert front.x > front_x and behind.x < behind_x  # each is pushed away from her, not all one way
    assert [h.target for h in of_type(events, ev.Hit) if h.hit_index == 1] == [1]  # the slash: front only


def test_rond_de_jambe_trips_the_target_off_its_feet_into_a_knockdown():
    world = stage(gap=60)
    dummy = the_target(world)
    events = tap(world, "down", "light")
    events += until(world, lambda w: bool(hits_on(w.events, 1)))
    assert hits_on(events, 1)[0].effect == "trip"
    events += until(world, lambda w: dummy.state == "knockdown")
    downed = of_type(events, ev.KnockedDown)
    assert [k.fighter for k in downed] == [1]
    lying = 0
    while dummy.state == "knockdown":
        assert dummy.invulnerable
        step(world)
        lying += 1
    assert lying == KNOCKDOWN_FRAMES
    assert dummy.state == "getup"
    idle(world, GETUP_FRAMES)
    assert dummy.state == "idle"


def test_grand_jete_launches_the_target_into_a_juggle():
    world = stage(gap=90)
    dummy = the_target(world)
    events = tap(world, "right", "heavy")
    events += until(world, lambda w: bool(hits_on(w.events, 1)))
    assert [(h.move, h.effect) for h in hits_on(events, 1)] == [("grand_jete", "launch")]
    assert dummy.state == "juggle" and not dummy.grounded
    peak = 0.0
    for _ in range(40):
        step(world)
        peak = max(peak, dummy.y)
    assert peak > 100.0


def test_the_juggle_limit_lets_hits_pass_through_a_spent_airborne_target():
    world = stage(gap=90)
    dummy = the_target(world)
    events = perform(world, "grand_jete > entrechat > tour_en_lair > entrechat", rest=0)
    events += until(world, lambda w: dummy.grounded, limit=120)
    limits = of_type(events, ev.JuggleLimit)
    assert limits, "the phrase never spent the dummy's juggle points"
    assert {(j.attacker, j.target) for j in limits} == {(0, 1)}
    after = [h for h in hits_on(events, 1) if h.tick >= limits[0].tick]
    assert after == []
    juggled = [h for h in hits_on(events, 1) if h.tick < limits[0].tick]
    assert len(juggled) >= JUGGLE_LIMIT
    assert dummy.state in ("juggle", "knockdown")


def test_a_fresh_target_is_not_stopped_by_the_juggle_limit():
    world = stage(gap=90)
    dummy = the_target(world)
    dummy.juggle_points = JUGGLE_LIMIT  # spent points mean nothing to a target standing on the floor
    events = tap(world, "light", after=30)
    assert len(hits_on(events, 1)) == 1
    assert of_type(events, ev.JuggleLimit) == []


def test_the_combo_counter_grows_while_the_target_is_in_hitstun_and_ends_when_it_recovers():
    world = stage(gap=60)
    dummy = the_target(world)
    events = perform(world, "battement > battement > battement", rest=0)
    events += until(world, lambda w: dummy.state != "hitstun", limit=120)
    hits = hits_on(events, 1)
    assert [h.combo_hits for h in hits] == [1, 2, 3]
    ended = of_type(events, ev.ComboEnded)
    assert len(ended) == 1  # none between the hits: the dummy never left hitstun
    last = hits[-1]
    assert ended[0].tick == last.tick + last.hitstop + last.hitstun
    assert (ended[0].attacker, ended[0].target, ended[0].hits) == (0, 1, 3)
    assert ended[0].damage == sum(h.damage for h in hits)
    assert ended[0].moves == ("battement", "battement", "battement")


def test_hits_after_the_target_recovered_start_a_new_combo():
    world = stage(gap=60)
    events = tap(world, "light", after=60)
    events += tap(world, "light", after=60)
    assert [h.combo_hits for h in hits_on(events, 1)] == [1, 1]
    assert [c.hits for c in of_type(events, ev.ComboEnded)] == [1, 1]


def test_damage_scaling_lowers_each_later_hit_of_a_combo():
    world = stage(gap=60)
    events = perform(world, "battement > battement > battement")
    damages = [h.damage for h in hits_on(events, 1)]
    expected = [round(BATTEMENT_DAMAGE * max(COMBO_MIN_SCALE, 1 - COMBO_SCALE_STEP * n)) for n in range(3)]
    assert damages == expected
    assert damages[0] > damages[1] > damages[2]


def test_the_training_dummy_never_falls_and_refills_when_the_combo_ends():
    world = stage(gap=60)
    dummy = the_target(world)
    dummy.health = 10
    events = tap(world, "light")
    events += until(world, lambda w: bool(hits_on(w.events, 1)))
    assert dummy.health == 1 and dummy.state == "hitstun"
    events += until(world, lambda w: dummy.state == "idle")
    assert of_type(events, ev.KO) == []
    assert dummy.health == dummy.spec.health


def test_pas_de_bourree_slips_through_a_kick_during_its_invulnerable_frames():
    def kicked_while(dodging: bool) -> tuple[list[ev.Event], bool]:
        world = stage(target="sparring_partner", gap=60)
        dancer, partner = player(world), the_target(world)
        events = step_both(world, theirs=["light"])  # the partner's battement: hits on frames 6-8
        step_both(world)
        events += step_both(world, mine=["dodge"] if dodging else [])
        touched = False
        for _ in range(30):
            events += step_both(world)
            boxes = partner.active_hitboxes()
            touched = touched or any(overlaps(box, dancer.hurtbox()) for box in boxes)
        return events, touched

    events, touched = kicked_while(dodging=True)
    assert touched, "the kick never reached her: the test proves nothing"
    assert hits_on(events, 0) == []
    assert [(w.fighter, w.move) for w in of_type(events, ev.Whiff)] == [(1, "battement")]
    events, _ = kicked_while(dodging=False)
    assert len(hits_on(events, 0)) == 1


def test_a_target_launched_into_a_wall_bounces_off_it():
    world = stage(gap=90, player_x=2400 - 40 - 150)  # the dummy 60 px from the right wall
    dummy = the_target(world)
    events = tap(world, "up", "heavy", after=60)  # révérence: launches up and away at 365 px/s
    bounces = of_type(events, ev.WallBounce)
    assert [b.fighter for b in bounces] == [1]
    assert bounces[0].speed > 200.0
    assert dummy.x < bounces[0].x - 30  # it came back off the wall


def test_a_fighter_is_knocked_out_at_zero_health_and_no_lower():
    world = stage(target="sparring_partner", gap=60, target_health=30)
    partner = the_target(world)
    events = tap(world, "light", after=60)
    knocked_out = of_type(events, ev.KO)
    assert [(k.fighter, k.by) for k in knocked_out] == [(1, 0)]
    assert partner.health == 0
    assert partner.state == "ko"


def test_a_knocked_out_fighter_takes_no_more_hits_and_stays_down():
    world = stage(target="sparring_partner", gap=60, target_health=30)
    dancer, partner = player(world), the_target(world)
    tap(world, "light", after=60)
    until(world, lambda w: partner.grounded)
    dancer.place(partner.x - 60, dancer.y)
    events = tap(world, "down", "light")  # rond de jambe: a low sweep over the floor where she lies
    touched = False
    for _ in range(40):
        events += step(world)
        touched = touched or any(overlaps(box, partner.hurtbox()) for box in dancer.active_hitboxes())
    assert touched, "the sweep never reached her: the test proves nothing"
    assert hits_on(events, 1) == []
    assert partner.state == "ko" and partner.health == 0


def test_several_hits_that_overkill_still_leave_health_at_zero():
    world = stage(target="sparring_partner", gap=60, target_health=50)
    partner = the_target(world)
    events = perform(world, "battement > battement")
    assert [h.damage for h in hits_on(events, 1)] == [40, 36]
    assert partner.health == 0 and partner.state == "ko"
    assert len(of_type(events, ev.KO)) == 1


def test_walking_into_a_standing_fighter_pushes_rather_than_passes():
    world = stage(gap=100)
    dancer, dummy = player(world), the_target(world)
    hold(world, 60, "right")
    assert dancer.x < dummy.x
    assert dummy.x - dancer.x >= (dancer.width + dummy.width) / 2 - 8.0
