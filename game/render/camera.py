"""The camera: maps world coordinates (px, y up) to screen pixels (y down) on the 1280×720 canvas."""

from __future__ import annotations

VIEW_W, VIEW_H = 1280, 720  # the logical canvas; the window scales it


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

    def scale(self, length: float) -> float:
        """A world length in canvas pixels."""
        return length * self.zoom

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A world box (x0, y0, x1, y1), y up, as a canvas rect (left, top, width, height)."""
        left, top = self.to_screen(x0, y1)
        return (left, top, (x1 - x0) * self.zoom, (y1 - y0) * self.zoom)
