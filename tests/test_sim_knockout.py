"""Knocked out: the body flies, knocks over what stands in its way, and stays in the fight as a body."""

from __future__ import annotations

import math

from helpers import academy, idle, of_type, tap, the_target

from game.data.fighters import Archetype
from game.data.levels import ActorSpec, PropSpec
from game.sim import events as ev
from game.sim.world import World


def _weak_partner_before_a_tall_crate() -> World:
    """A ballerina with 10 health facing her 60 px away, and a tall crate 300 px behind the partner."""
    bundle = academy()
    archetypes = dict(bundle.archetypes)
    dancer = archetypes["ballerina"]
    archetypes["weak"] = Archetype("weak", dancer.spec.model_copy(update={"health": 10, "regenerates": False}),
                                   dancer.moves)
    level = bundle.level.model_copy(update={
        "actors": [ActorSpec(archetype="weak", at=(760.0, 0.0), facing="left", brain="stand")],
        "props": [PropSpec(kind="crate", at=(1000.0, 0.0), size=(40, 140), mass=10)],
        "spawn": (700.0, 0.0),
    })
    world = World(level, archetypes, seed=1, choreography=bundle.choreography)
    idle(world, 30)
    return world


def test_a_knocked_out_body_flung_into_a_prop_knocks_it_over():
    world = _weak_partner_before_a_tall_crate()
    crate = world.props[0]
    x, angle = crate.x, crate.body.angle
    events = tap(world, "heavy", after=120)  # the arabesque's push knocks her out and flings her
    assert len(of_type(events, ev.KO)) == 1
    assert crate.x - x > 50  # shoved along the floor
    assert abs(crate.body.angle - angle) > math.radians(45)  # and toppled


def test_a_knocked_out_body_stays_in_the_fight():
    world = _weak_partner_before_a_tall_crate()
    tap(world, "heavy", after=600)
    body = the_target(world)
    assert body.state == "ko" and body.body.space is world.space  # still a body others collide with
