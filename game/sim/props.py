"""Physics props: crates, barrels, chairs — things to kick about, some of which break."""

from __future__ import annotations

import math

import pymunk

from game.data.levels import PropSpec


class Prop:
    """A dynamic pymunk body placed by the level."""

    def __init__(self, prop_id: int, spec: PropSpec) -> None:
        self.id = prop_id
        self.spec = spec
        self.kind = spec.kind
        w, h = spec.size
        if spec.shape == "round":
            radius = min(w, h) / 2
            moment = pymunk.moment_for_circle(spec.mass, 0, radius)
            self.body = pymunk.Body(spec.mass, moment)
            self.shape: pymunk.Shape = pymunk.Circle(self.body, radius)
            self.body.position = (spec.at[0], spec.at[1] + radius)
        else:
            moment = pymunk.moment_for_box(spec.mass, (w, h))
            self.body = pymunk.Body(spec.mass, moment)
            self.shape = pymunk.Poly.create_box(self.body, (w, h), radius=1)
            self.body.position = (spec.at[0], spec.at[1] + h / 2)
        self.shape.friction = 0.7
        self.shape.elasticity = 0.2
        self.shape.prop = self
        self.health = spec.health
        self.broken = False
        self.x, self.y = self.body.position  # kept in step by the world after each physics step
        self.vx = self.vy = 0.0
        self.reach = math.hypot(w, h) / 2  # no part of the prop is further than this from its centre

    def state_tuple(self) -> tuple:
        b = self.body
        return (self.id, self.health, self.broken, tuple(b.position), tuple(b.velocity), b.angle, b.angular_velocity)
