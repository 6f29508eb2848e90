"""The stage: a level's static scenery, painted once per theme into cached surfaces and blitted each frame.

Theme painters live in a registry keyed by `level.theme` (game/render/themes registers the opera and
the alley); an unknown theme gets the plain fallback, so any level renders. Everything static (walls,
floor, platforms, fixtures) is baked into one world-sized surface; the level's `[[layers]]` are
painted behind it as parallax strips (see game/render/themes/common.py), and where a level has layers
the scenery is see-through wherever nothing stands in front of them. A platform's `look` picks its
painter from `LOOK_PAINTERS` (themes add "balcony", "fire_escape", "stage", ...).
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Callable

import numpy as np
import pygame

from game.data.levels import LevelSpec, PlatformSpec
from game.render.camera import VIEW_H, VIEW_W, Camera
from game.render.lights import Lighting, give_back_scratch, look_key, room_for, window_frame
from game.render.themes.common import KEY, LOOK_PAINTERS, ParallaxLayer, opaque_mask, solid_from
from game.render.weather import Weather

MARGIN = 400  # px of scenery painted beyond the level's edges
CEILING_EXTRA = 300  # px painted above the level's height
GROUND_WIDTH = 1000  # px: a solid platform at least this wide is painted as a floor
FLOOR_DEPTH = 46  # px: the floor recedes this far up the picture to meet the back wall
SKY_PARALLAX = 0.3  # the sky behind the windows moves this much of the camera's motion
SKY_PERIOD = 1800  # px after which the painted sky repeats
WINDOW_PAD = 160  # px of scenery unpacked beyond the view of a zoomed camera, so it can move a while in it


class Stage:
    """A level's static scenery: `draw(canvas, camera)` paints the background and the platforms."""

    def __init__(self, level: LevelSpec, seed: int = 1) -> None:
        self.level = level
        self.rng = random.Random(seed)
        width, height = level.size
        self.left, self.top = -MARGIN, height + CEILING_EXTRA
        self.scenery = pygame.Surface((int(width + 2 * MARGIN), int(height + CEILING_EXTRA + MARGIN)))
        self.windows: list[tuple[pygame.Rect, pygame.Surface]] = []  # world pane rect (y up), frame sprite
        self.sky: pygame.Surface | None = None  # seen through the windows, SKY_PERIOD wide and repeating
        self.layers = [ParallaxLayer(spec, level, level.camera.zoom) for spec in sorted(level.layers, key=_depth)]
        self.unpacked: pygame.Surface | None = None  # a zoomed camera's window of packed scenery, unpacked
        self.window = pygame.Rect(0, 0, 0, 0)  # what of the scenery `unpacked` holds
        if self.layers:
            self.scenery.fill(KEY)
        self.paint()
        self.solid_from = self.scenery.get_height()  # the scenery's first row that is painted all across
        if self.layers:
            self.solid_from = solid_from(self.scenery)
            self.solid = opaque_mask(self.scenery)
            if pygame.display.get_surface() is not None:
                self.scenery = self.scenery.convert()
            # Run-length packed: only what is painted is kept. Reading it unpacks it whole (~80 ms), and
            # so does blitting it anywhere new, so it is only ever blitted onto the canvas (_unpacked).
            self.scenery.set_colorkey(KEY, pygame.RLEACCEL)

    # --- painting helpers, in world coordinates ------------------------------------------------

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> pygame.Rect:
        """A world box (y up) as a rect on the scenery surface."""
        return pygame.Rect(round(x0 - self.left), round(self.top - y1), round(x1 - x0), round(y1 - y0))

    def point(self, x: float, y: float) -> tuple[int, int]:
        return (round(x - self.left), round(self.top - y))

    def gradient(self, box: tuple[float, float, float, float], top_rgb: tuple, bottom_rgb: tuple, grain: float = 0):
        """Fill a world box with a vertical gradient, with optional plaster grain (0..1)."""
        r = self.rect(*box).clip(self.scenery.get_rect())
        if r.w <= 0 or r.h <= 0:
            return
        t = np.linspace(0.0, 1.0, r.h, dtype=np.float32)[None, :, None]
        column = np.array(top_rgb, np.float32) * (1 - t) + np.array(bottom_rgb, np.float32) * t
        rgb = np.empty((r.w, r.h, 3), np.float32)
        rgb[...] = column
        if grain:
            tile = np.random.default_rng(self.rng.randrange(1 << 30)).normal(0, 6 * grain, (256, 256, 1))
            reps = (r.w // 256 + 1, r.h // 256 + 1, 1)
            rgb += np.tile(tile.astype(np.float32), reps)[: r.w, : r.h]
        pygame.surfarray.blit_array(self.scenery.subsurface(r), np.clip(rgb, 0, 255).astype(np.uint8))

    # --- what a theme paints -------------------------------------------------------------------

    def paint(self) -> None:
        """Paint the whole static scene once; themes override the parts."""
        if not self.layers:
            self.paint_backdrop()
        for platform in self.level.platforms:
            self.paint_platform(platform)
        if self.level.walls:
            self.paint_edge_walls()

    def paint_backdrop(self) -> None:
        width, height = self.level.size
        self.gradient((-MARGIN, -MARGIN, width + MARGIN, height + CEILING_EXTRA), (14, 14, 22), (40, 40, 52), 0.5)

    def paint_platform(self, platform: PlatformSpec) -> None:
        """A platform by its `look` if a painter knows it, else a block of its material; slopes as wedges."""
        x, y, w, h = platform.rect
        painter = LOOK_PAINTERS.get(platform.look or "")
        if painter is not None:
            painter(self.scenery, self.rect(x, y, x + w, y + h), platform, self.rng)
            return
        top, side = MATERIALS.get(platform.material, MATERIALS["wood"])
        if platform.rise:
            low = min(0.0, platform.rise)
            wedge = [self.point(x, y + low), self.point(x + w, y + low), self.point(x + w, y + h + platform.rise),
                     self.point(x, y + h)]
            pygame.draw.polygon(self.scenery, side, wedge)
            pygame.draw.line(self.scenery, top, wedge[3], wedge[2], 4)
            return
        self.gradient((x, y, x + w, y + h), side, tuple(c * 0.5 for c in side))
        pygame.draw.rect(self.scenery, top, self.rect(x, y + h - 4, x + w, y + h))
        if platform.one_way:
            for px in range(int(x + 20), int(x + w), 60):
                pygame.draw.line(self.scenery, (20, 16, 14), self.point(px, y + h - 4), self.point(px, y), 1)

    def paint_edge_walls(self) -> None:
        width, height = self.level.size
        for x0, x1, inner in ((-MARGIN, 0, 0), (width, width + MARGIN, width)):
            self.gradient((x0, -MARGIN, x1, height + CEILING_EXTRA), (22, 22, 28), (36, 34, 40), 0.6)
            pygame.draw.line(self.scenery, (80, 76, 80), self.point(inner, -MARGIN), self.point(inner, self.top), 3)

    # --- each frame ----------------------------------------------------------------------------

    def draw(self, canvas: pygame.Surface, camera: Camera, weather: Weather | None = None) -> None:
        """The parallax layers far to near, the fog over them, then the scenery in view and the sky
        through any window."""
        zoom = camera.zoom
        scaled = self._scaled(canvas, camera) if zoom != 1.0 else None  # first: it may use the canvas
        if self.layers:
            self.draw_layers(canvas, camera, weather)
        if zoom == 1.0:
            sx, sy = camera.to_screen(self.left, self.top)
            canvas.blit(self.scenery, (round(sx), round(sy)))
        elif scaled is not None:
            canvas.blit(*scaled)
        for pane, frame in self.windows:
            self._draw_window(canvas, camera, pane, frame)

    def draw_layers(self, canvas: pygame.Surface, camera: Camera, weather: Weather | None) -> None:
        """The layers far to near, each left out where nearer ones (or the scenery) hide it, then the fog."""
        hidden = [self.scenery_covers_from(camera)]
        for layer in reversed(self.layers):
            hidden.append(min(hidden[-1], layer.covers_from(camera)))
        hidden.reverse()  # hidden[i]: the row from which layers nearer than layer i hide everything
        self.hidden = hidden
        if hidden[0] > 0:
            canvas.fill(self.level.palette.sky, (0, 0, VIEW_W, hidden[0]))
        for layer, below in zip(self.layers, hidden[1:], strict=True):
            layer.draw(canvas, camera, below)
        if weather is not None:
            weather.draw_fog(canvas, camera)

    def scenery_covers_from(self, camera: Camera) -> int:
        """The canvas row from which the scenery (the floor, usually) hides every layer."""
        return max(0, round(camera.to_screen(self.left, self.top)[1] + self.solid_from * camera.zoom))

    def light(self, dark: pygame.Surface, camera: Camera) -> None:
        """Spare the lit windows and signs of the layers from the darkness (called by the lighting),
        except where a nearer layer or the scenery stands in front of them."""
        if not self.layers:
            return
        hidden = getattr(self, "hidden", [VIEW_H] * (len(self.layers) + 1))
        corners = [layer.corner(camera) for layer in self.layers]
        sx, sy = (round(v) for v in camera.to_screen(self.left, self.top))
        solid = self.solid
        width, height = solid.get_size()
        zoom = camera.zoom
        for i, layer in enumerate(self.layers):
            if layer.lit is None:
                continue
            nearer = list(zip(self.layers[i + 1:], corners[i + 1:], strict=True))

            def hides(px: int, py: int, nearer=nearer) -> bool:
                if any(other.is_solid_at(corner, px, py) for other, corner in nearer):
                    return True
                x, y = int((px - sx) // zoom), int((py - sy) // zoom)
                return 0 <= x < width and 0 <= y < height and bool(solid.get_at((x, y)))

            layer.light(dark, camera, hides, hidden[i + 1])

    def draw_lit(self, canvas: pygame.Surface, camera: Camera, lighting: Lighting) -> None:
        """What shines over the finished frame: themes draw neon tubes and reflections here."""

    def _scaled(self, canvas: pygame.Surface, camera: Camera) -> tuple[pygame.Surface, tuple[float, float]] | None:
        """The scenery in view at a zoom other than 1, scaled, and where it goes on the canvas."""
        x0, y1 = camera.to_world(0, 0)
        zoom = camera.zoom
        area = pygame.Rect(int(x0 - self.left), int(self.top - y1), int(VIEW_W / zoom) + 2, int(VIEW_H / zoom) + 2)
        area = area.clip(self.scenery.get_rect())
        if area.w <= 0 or area.h <= 0:
            return None
        source = self._unpacked(canvas, area) if self.layers else self.scenery.subsurface(area)
        part = pygame.transform.scale(source, (int(area.w * zoom), int(area.h * zoom)))
        if self.layers:
            part.set_colorkey(KEY)
        return part, camera.to_screen(self.left + area.x, self.top - area.y)

    def _unpacked(self, canvas: pygame.Surface, area: pygame.Rect) -> pygame.Surface:
        """The packed scenery's `area` as plain pixels (KEY where see-through), from a window a little
        larger kept while the camera looks inside it. The window is unpacked on the canvas, a canvas at a
        time, before anything is drawn there: the packed scenery is never blitted anywhere else."""
        if not self.window.contains(area):
            window = area.inflate(2 * WINDOW_PAD, 2 * WINDOW_PAD).clip(self.scenery.get_rect())
            self.unpacked = unpacked = room_for(self.unpacked, window.size)
            room, clip = canvas.get_rect(), canvas.get_clip()
            for y in range(0, window.h, room.h):
                for x in range(0, window.w, room.w):
                    piece = pygame.Rect(0, 0, min(room.w, window.w - x), min(room.h, window.h - y))
                    canvas.set_clip(piece)
                    canvas.fill(KEY, piece)
                    canvas.blit(self.scenery, (-window.x - x, -window.y - y))
                    unpacked.blit(canvas, (x, y), piece)
            canvas.set_clip(clip)
            self.window = window
        assert self.unpacked is not None
        return self.unpacked.subsurface(area.move(-self.window.x, -self.window.y))

    def _draw_window(self, canvas: pygame.Surface, camera: Camera, pane: pygame.Rect, frame: pygame.Surface) -> None:
        """The night sky through one window, lagging behind the wall, then the window's frame over it."""
        left, top = camera.to_screen(pane.x, pane.y + pane.h)
        spot = pygame.Rect(round(left), round(top), frame.get_width(), frame.get_height())
        if self.sky is None or camera.zoom != 1.0 or not spot.colliderect(canvas.get_rect()):
            return
        drift = (camera.x - self.level.size[0] / 2) * (1.0 - SKY_PARALLAX)
        sky_x = round(pane.x - drift) % SKY_PERIOD
        canvas.blit(self.sky, spot.topleft, pygame.Rect(sky_x, round(self.top - pane.y - pane.h), pane.w, pane.h))
        canvas.blit(frame, spot.topleft)


MATERIALS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {  # top edge, face
    "wood": ((150, 108, 70), (92, 62, 42)),
    "stone": ((120, 118, 120), (70, 68, 74)),
    "metal": ((150, 160, 170), (60, 66, 74)),
    "asphalt": ((70, 72, 80), (34, 34, 40)),
    "velvet": ((150, 30, 44), (90, 14, 26)),
    "marble": ((200, 196, 186), (110, 106, 100)),
    "gilt": ((230, 190, 100), (120, 90, 40)),
}


def _depth(layer) -> float:  # layer: LayerSpec
    return layer.depth

THEMES: dict[str, Callable[[LevelSpec], Stage]] = {}


def register_theme(name: str) -> Callable[[type[Stage]], type[Stage]]:
    """Class decorator: the stage painter for levels whose `theme` is `name`."""

    def register(cls: type[Stage]) -> type[Stage]:
        THEMES[name] = cls
        return cls

    return register


_PAINTED: weakref.WeakValueDictionary[str, Stage] = weakref.WeakValueDictionary()  # by look (see look_key):
# every stage a view still shows (a stage never changes once painted), so views of one level share it
_LAST_PAINTED: list[Stage] = []  # and the last PAINTED_KEEP asked for, kept for the next view of them (a
# retry, a way back to a level played before), the last last
PAINTED_KEEP = 3


def stage_for(level: LevelSpec, keep: bool = True) -> Stage:
    """The painter of the level's theme, or the plain fallback for a theme nobody paints yet.

    `keep`: keep the painting for later views of the level. A preview passes False and gets a painting
    of its own, shared with nobody and gone with it (a packed surface must not be blitted from two
    threads, and a preview's stage need not outlive the picture)."""
    from game.render.themes import alley, opera  # noqa: F401  (registers the opera and the alley)

    if not keep:
        stage = THEMES.get(level.theme, Stage)(level)
        give_back_scratch()
        return stage
    key = look_key(level)
    stage = _PAINTED.get(key)
    if stage is None:
        stage = _PAINTED[key] = THEMES.get(level.theme, Stage)(level)
        give_back_scratch()
    _LAST_PAINTED[:] = [*(other for other in _LAST_PAINTED if other is not stage), stage][-PAINTED_KEEP:]
    return stage


GLASS = (1, 2, 3)  # colour key of the window glass in a window's frame sprite
WOOD_DARK, WOOD, WOOD_LIGHT = (60, 42, 30), (112, 78, 52), (214, 172, 118)


@register_theme("academy")
class AcademyStage(Stage):
    """The practice studio at night: moonlit windows, a wall of mirrors, the barre, a sprung wooden floor."""

    def paint(self) -> None:
        width, height = self.level.size
        self.panes = [window_frame(light) for light in self.level.lights if light.kind == "window"]
        self.gradient((-MARGIN, -MARGIN, width + MARGIN, self.top), (30, 30, 40), (62, 60, 70), 0.7)
        self.paint_upper_wall()
        self.paint_mirrors()
        self.paint_barre()
        self.sky = self.paint_sky()
        for pane in self.panes:
            self.paint_window(pane)
        for platform in self.level.platforms:
            x, y, w, h = platform.rect
            if not platform.one_way and w >= GROUND_WIDTH:
                self.paint_floor(platform)
            elif platform.one_way:
                self.paint_riser(platform)
            else:
                self.paint_platform(platform)
        for light in self.level.lights:
            if light.kind in ("lamp", "spotlight"):
                self.paint_lamp(light.at)
        if self.level.walls:
            self.paint_edge_walls()

    def wall_spans(self, low: float = 0.0) -> list[tuple[float, float]]:
        """Stretches of back wall between the windows (x0, x1), for mirrors and panels."""
        edges, x = [], low
        for x0, _y0, x1, _y1 in sorted(self.panes):
            if x0 - 70 > x:
                edges.append((x, x0 - 70))
            x = x1 + 70
        if self.level.size[0] > x:
            edges.append((x, self.level.size[0]))
        return edges

    def paint_upper_wall(self) -> None:
        width, height = self.level.size
        ink, shine = (24, 24, 32), (84, 82, 92)
        for x0, x1 in self.wall_spans():
            panels = max(1, int((x1 - x0) // 260))
            step = (x1 - x0) / panels
            for i in range(panels):
                r = self.rect(x0 + i * step + 24, 400, x0 + (i + 1) * step - 24, height - 90)
                pygame.draw.rect(self.scenery, ink, r, 3)
                pygame.draw.rect(self.scenery, shine, r.inflate(-8, -8), 1)
        self.gradient((-MARGIN, height - 40, width + MARGIN, self.top), (12, 12, 18), (40, 38, 46))
        for y, colour in ((height - 40, (96, 92, 98)), (height - 48, (20, 20, 26)), (356, (92, 76, 62))):
            pygame.draw.line(self.scenery, colour, self.point(-MARGIN, y), self.point(width + MARGIN, y), 4)
        self.gradient((-MARGIN, FLOOR_DEPTH, width + MARGIN, FLOOR_DEPTH + 18), (70, 50, 38), (36, 26, 22))

    def paint_mirrors(self) -> None:
        streak = pygame.Surface(self.scenery.get_size(), pygame.SRCALPHA)
        for x0, x1 in self.wall_spans():
            if x1 - x0 < 200:
                continue
            bottom, top = FLOOR_DEPTH + 18, 336
            self.gradient((x0, bottom, x1, top), (92, 104, 124), (46, 52, 66))
            self.gradient((x0, bottom, x1, bottom + 40), (40, 32, 30), (56, 44, 38))  # the floor, reflected
            streak.set_clip(self.rect(x0, bottom, x1, top))
            for sx in np.arange(x0 + 40, x1 - 60, 150):
                a, b = self.point(sx, bottom), self.point(sx + 110, top)
                c, d = self.point(sx + 150, top), self.point(sx + 40, bottom)
                pygame.draw.polygon(streak, (200, 220, 255, 22), [a, b, c, d])
            seams = max(1, int((x1 - x0) // 170))
            for i in range(1, seams):
                sx = x0 + i * (x1 - x0) / seams
                pygame.draw.line(self.scenery, (22, 24, 30), self.point(sx, bottom), self.point(sx, top), 2)
            pygame.draw.rect(self.scenery, (140, 130, 120), self.rect(x0, bottom, x1, top), 3)
        self.scenery.blit(streak, (0, 0))

    def paint_barre(self) -> None:
        width = self.level.size[0]
        y = 118
        for bx in range(120, int(width), 260):
            pygame.draw.rect(self.scenery, (28, 26, 28), self.rect(bx - 3, y - 16, bx + 3, y))
            pygame.draw.rect(self.scenery, (120, 112, 104), self.rect(bx - 7, y - 20, bx + 7, y - 14))
        pygame.draw.line(self.scenery, (30, 20, 14), self.point(0, y - 4), self.point(width, y - 4), 4)
        pygame.draw.line(self.scenery, WOOD, self.point(0, y), self.point(width, y), 7)
        pygame.draw.line(self.scenery, WOOD_LIGHT, self.point(0, y + 2), self.point(width, y + 2), 2)

    def paint_sky(self) -> pygame.Surface:
        """The night over the rooftops: stars, a moon, chimneys and a few lit windows, repeating."""
        widest = max((int(x1 - x0) for x0, _, x1, _ in self.panes), default=0) + 8
        height = self.scenery.get_height()
        sky = pygame.Surface((SKY_PERIOD + widest, height))
        t = np.linspace(0, 1, height, dtype=np.float32)[None, :, None]
        rgb = np.array((6, 8, 22), np.float32) * (1 - t) + np.array((52, 60, 96), np.float32) * t
        pygame.surfarray.blit_array(sky, np.repeat(rgb, sky.get_width(), axis=0).astype(np.uint8))
        rng = self.rng
        for _ in range(160):
            shade = rng.randint(120, 230)
            sky.set_at((rng.randrange(SKY_PERIOD), rng.randrange(height // 2)), (shade, shade, shade + 20))
        moon = (SKY_PERIOD // 3, int(self.top - 700))
        for radius, colour in ((70, (40, 46, 72)), (52, (60, 66, 96)), (34, (226, 228, 210))):
            pygame.draw.circle(sky, colour, moon, radius)
        pygame.draw.circle(sky, (190, 192, 180), (moon[0] + 9, moon[1] - 6), 8)
        x = 0
        while x < SKY_PERIOD:
            w, h = rng.randint(90, 220), rng.randint(300, 560)
            roof = int(self.top - h)
            pygame.draw.rect(sky, (10, 10, 18), (x, roof, w, height - roof))
            pygame.draw.rect(sky, (10, 10, 18), (x + rng.randint(10, w - 30), roof - 34, 16, 34))
            for _ in range(rng.randint(1, 4)):
                lit = (rng.randint(120, 170), rng.randint(88, 110), 50)
                pygame.draw.rect(sky, lit, (x + rng.randint(8, w - 16), roof + rng.randint(20, 200), 7, 10))
            x += w + rng.randint(0, 30)
        sky.blit(sky, (SKY_PERIOD, 0), pygame.Rect(0, 0, widest, height))
        return sky.convert() if pygame.display.get_surface() else sky

    def paint_window(self, pane: tuple[float, float, float, float]) -> None:
        """A tall arched window: glass keyed out for the sky, mullions, a deep frame and a stone sill."""
        x0, y0, x1, y1 = pane
        half = (x1 - x0) / 2
        glass = self.rect(x0, y0, x1, y1)
        pygame.draw.rect(self.scenery, (14, 12, 14), glass.inflate(28, 28))
        shape = self.rect(x0, y0, x1, y1 - half)
        pygame.draw.rect(self.scenery, GLASS, shape)
        pygame.draw.ellipse(self.scenery, GLASS, self.rect(x0, y1 - 2 * half, x1, y1))
        frame_ink = (34, 28, 28)
        for i in (1, 2):
            mx = x0 + i * (x1 - x0) / 3
            pygame.draw.line(self.scenery, frame_ink, self.point(mx, y0), self.point(mx, y1), 5)
        for my in np.arange(y0 + 86, y1 - half, 86):
            pygame.draw.line(self.scenery, frame_ink, self.point(x0, my), self.point(x1, my), 5)
        pygame.draw.rect(self.scenery, frame_ink, shape, 8)
        pygame.draw.arc(self.scenery, frame_ink, self.rect(x0, y1 - 2 * half, x1, y1), 0, np.pi, 8)
        pygame.draw.rect(self.scenery, (120, 116, 118), self.rect(x0 - 22, y0 - 16, x1 + 22, y0 - 2))
        pygame.draw.line(self.scenery, (170, 166, 160), self.point(x0 - 22, y0 - 2), self.point(x1 + 22, y0 - 2), 2)
        frame = self.scenery.subsurface(glass).copy()
        frame.set_colorkey(GLASS)
        self.windows.append((pygame.Rect(round(x0), round(y0), glass.w, glass.h), frame))

    def paint_floor(self, platform: PlatformSpec) -> None:
        """Planks running along the wall, rows widening towards us, grain, joints and a polished sheen."""
        x, y, w, h = platform.rect
        far = y + h + FLOOR_DEPTH
        r = self.rect(max(x, -MARGIN), -MARGIN, min(x + w, self.level.size[0] + MARGIN), far)
        r = r.clip(self.scenery.get_rect())
        rng = np.random.default_rng(self.rng.randrange(1 << 30))
        rows, edge, size = [], 0.0, 4.0
        while edge < r.h:
            rows.append(int(edge))
            edge, size = edge + size, size * 1.16
        row_of = np.searchsorted(np.array(rows), np.arange(r.h), side="right") - 1
        tone = rng.uniform(0.82, 1.08, len(rows))[row_of]
        depth = np.clip(np.arange(r.h) / 180.0, 0.0, 1.0)  # 0 at the wall, 1 near us
        base = np.array((96, 64, 42), np.float32)
        rgb = base[None, None, :] * (tone * (0.55 + 0.45 * depth))[None, :, None]
        grain = rng.normal(0, 7, (r.w // 12 + 1, r.h, 1)).astype(np.float32)
        rgb = np.repeat(rgb, r.w, axis=0) + np.repeat(grain, 12, axis=0)[: r.w]
        pygame.surfarray.blit_array(self.scenery.subsurface(r), np.clip(rgb, 0, 255).astype(np.uint8))
        for i, top in enumerate(rows):
            pygame.draw.line(self.scenery, (28, 18, 12), (r.x, r.y + top), (r.right, r.y + top), 1)
            span = 120 + 60 * i
            for jx in range(r.x + int(rng.integers(0, span)), r.right, span + int(rng.integers(0, span))):
                bottom = rows[i + 1] if i + 1 < len(rows) else r.h
                pygame.draw.line(self.scenery, (34, 22, 16), (jx, r.y + top), (jx, r.y + bottom), 1)
        sheen = pygame.Surface(r.size, pygame.SRCALPHA)
        for x0, _y0, x1, _y1 in self.panes:  # the windows, blurred in the polish
            left = self.rect(x0, 0, x1, 1).x - r.x
            for k in range(10):
                blur = (left - 4 * k, 20 + 6 * k, x1 - x0 + 8 * k, 200 - 14 * k)
                pygame.draw.rect(sheen, (170, 190, 230, 28 - 2 * k), blur)
        pygame.draw.rect(sheen, (255, 230, 190, 18), (0, int(FLOOR_DEPTH) - 6, r.w, 12))
        self.scenery.blit(sheen, r.topleft)

    def paint_riser(self, platform: PlatformSpec) -> None:
        """The rehearsal riser: a wooden stage on trestles, its top seen a little from above."""
        x, y, w, h = platform.rect
        top = y + h
        shadow = pygame.Surface((int(w + 80), 40), pygame.SRCALPHA)
        pygame.draw.ellipse(shadow, (0, 0, 0, 110), shadow.get_rect())
        self.scenery.blit(shadow, self.point(x - 40, 20))
        for lx in (x + 20, x + w / 2 - 6, x + w - 32):
            pygame.draw.rect(self.scenery, WOOD_DARK, self.rect(lx, 0, lx + 12, y))
            pygame.draw.line(self.scenery, (92, 66, 46), self.point(lx + 1, 0), self.point(lx + 1, y), 2)
        for bx in (x + 32, x + w / 2 + 6):
            pygame.draw.line(self.scenery, (48, 34, 24), self.point(bx, y - 8), self.point(bx + w / 2 - 50, 20), 5)
        self.gradient((x + 6, top, x + w - 6, top + 12), (96, 68, 46), (150, 108, 72))
        self.gradient((x, y, x + w, top), (122, 86, 58), (70, 48, 34))
        for px in np.arange(x + 70, x + w, 70):
            pygame.draw.line(self.scenery, (50, 34, 24), self.point(px, y + 2), self.point(px, top - 2), 1)
        pygame.draw.line(self.scenery, WOOD_LIGHT, self.point(x, top), self.point(x + w, top), 3)
        pygame.draw.line(self.scenery, (24, 16, 12), self.point(x, y), self.point(x + w, y), 2)

    def paint_lamp(self, at: tuple[float, float]) -> None:
        """A hanging studio lamp: a cord from the ceiling, an enamel shade, a hot bulb."""
        x, y = at
        pygame.draw.line(self.scenery, (18, 18, 20), self.point(x, self.top), self.point(x, y + 40), 2)
        shade = [self.point(x - 14, y + 40), self.point(x + 14, y + 40), self.point(x + 44, y), self.point(x - 44, y)]
        pygame.draw.polygon(self.scenery, (44, 46, 50), shade)
        pygame.draw.line(self.scenery, (210, 180, 120), self.point(x - 44, y), self.point(x + 44, y), 3)
        pygame.draw.ellipse(self.scenery, (255, 244, 214), self.rect(x - 14, y - 10, x + 14, y + 4))

    def paint_edge_walls(self) -> None:
        width, height = self.level.size
        for x0, x1, inner, face in ((-MARGIN, 0, 0, 1), (width, width + MARGIN, width, -1)):
            self.gradient((x0, -MARGIN, x1, self.top), (16, 16, 22), (40, 36, 40), 0.6)
            pygame.draw.rect(self.scenery, (24, 18, 14), self.rect(x0, -MARGIN, x1, FLOOR_DEPTH + 40))
            pygame.draw.line(self.scenery, (110, 100, 96), self.point(inner, -MARGIN), self.point(inner, self.top), 3)
            pilaster = inner - face * 70
            for px in (pilaster, pilaster - face * 40):
                pygame.draw.line(self.scenery, (54, 50, 56), self.point(px, -MARGIN), self.point(px, self.top), 2)
