"""The camera: maps world coordinates (px, y up) to screen pixels (y down) on the 1280×720 canvas."""

from __future__ import annotations

VIEW_W, VIEW_H = 1280, 720  # the logical canvas; the window scales it

Bounds = tuple[float, float, float, float]  # a world box the view may show: left, bottom, right, top (px, y up)


class Camera:
    """Where the view looks (`x`, `y` is the world point at the screen centre) and how close."""

    def __init__(self, x: float = 640.0, y: float = 300.0, zoom: float = 1.0) -> None:
        self.x = x
        self.y = y
        self.zoom = zoom
        self.shake_x = 0.0  # screen px, added on top of the view
        self.shake_y = 0.0

    def to_screen(self, x: float, y: float) -> tuple[float, float]:
        """A world point as a point on the canvas."""
        return (
            (x - self.x) * self.zoom + VIEW_W / 2 + self.shake_x,
            VIEW_H / 2 - (y - self.y) * self.zoom + self.shake_y,
        )

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        return (
            (sx - VIEW_W / 2 - self.shake_x) / self.zoom + self.x,
            (VIEW_H / 2 + self.shake_y - sy) / self.zoom + self.y,
        )

    def hold_within(self, bounds: Bounds) -> None:
        """Keep the picture, shake and all, inside the box the level paints (left, bottom, right, top).

        The centre is held where the whole view fits at this zoom (a punch or a wide fight easing out
        would otherwise show past a wall the camera has not caught up with yet), and a shake that would
        pull a bound into sight is mirrored inward: pressed against the floor the picture still jolts
        as far, only upwards. An axis the view is longer than the box on is left as it is.
        """
        left, bottom, right, top = bounds
        self.x, self.shake_x = _held(self.x, self.shake_x, left, right, VIEW_W / 2 / self.zoom, self.zoom)
        self.y, shake_up = _held(self.y, -self.shake_y, bottom, top, VIEW_H / 2 / self.zoom, self.zoom)
        self.shake_y = -shake_up

    def scale(self, length: float) -> float:
        """A world length in canvas pixels."""
        return length * self.zoom

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A world box (x0, y0, x1, y1), y up, as a canvas rect (left, top, width, height)."""
        left, top = self.to_screen(x0, y1)
        return (left, top, (x1 - x0) * self.zoom, (y1 - y0) * self.zoom)


def _held(centre: float, shake: float, low: float, high: float, half: float, zoom: float) -> tuple[float, float]:
    """One axis of `Camera.hold_within`: the view's centre (world px, `half` either side) and its shake
    (canvas px, positive showing more of the low side), moved so the view stays inside low..high."""
    if high - low < 2 * half:
        return centre, shake
    centre = min(max(centre, low + half), high - half)
    room_low, room_high = (centre - half - low) * zoom, (high - half - centre) * zoom  # canvas px of slack
    if shake > room_low:
        shake = 2 * room_low - shake
    elif shake < -room_high:
        shake = -2 * room_high - shake
    return centre, min(max(shake, -room_high), room_low)


ZOOM_SNAP = 0.002  # a zoom this close to the level's own is drawn at exactly that (the fast path)
PUNCH_IN_S = 0.07  # s the camera takes to close in on a decisive blow
PUNCH_HOLD_S = 0.14  # s it stays there
PUNCH_OUT_S = 0.6  # s it takes to ease back out


class Punch:
    """A punch-in: the camera closes in fast on a decisive blow (a combo's last, a KO) and eases back.

    `amount` runs 0 -> 1 -> 0 over its life: ease-out going in, a hold, ease-in-out coming back.
    """

    def __init__(self) -> None:
        self.age = PUNCH_IN_S + PUNCH_HOLD_S + PUNCH_OUT_S  # s since it began; this old: over
        self.strength = 0.0  # the zoom it adds at its peak, as a share of the zoom (0.12 = 12 % closer)
        self.x = self.y = 0.0  # the world point it closes in on

    def start(self, x: float, y: float, strength: float) -> None:
        """Close in on (x, y); a weaker blow never cuts a stronger punch short."""
        if strength < self.strength * self.amount:
            return
        self.age = min(self.age, PUNCH_IN_S) if self.amount > 0.5 else 0.0
        self.strength, self.x, self.y = strength, x, y

    def update(self, dt: float) -> None:
        self.age += dt

    @property
    def amount(self) -> float:
        """How far in the camera is right now, 0..1."""
        age = self.age
        if age < PUNCH_IN_S:
            t = age / PUNCH_IN_S
            return 1.0 - (1.0 - t) * (1.0 - t)
        age -= PUNCH_IN_S + PUNCH_HOLD_S
        if age <= 0.0:
            return 1.0
        if age >= PUNCH_OUT_S:
            return 0.0
        t = age / PUNCH_OUT_S
        return 1.0 - t * t * (3.0 - 2.0 * t)

    @property
    def zoom(self) -> float:
        """The factor the punch multiplies the zoom by now (1 when it is over)."""
        return 1.0 + self.strength * self.amount


def settled_zoom(zoom: float, base: float) -> float:
    """A zoom about to be shown: exactly the level's own when it is that close (so the stage takes its
    unscaled, cheap path at rest)."""
    return base if abs(zoom - base) < ZOOM_SNAP else zoom
