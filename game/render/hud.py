"""The HUD: the ballerina's health and grace, her opponent's health, the combo counter, the move she
just danced, the big announcement of a named enchaînement, and a boss's long bar across the top with
its phase pips and the words of each new phase. Noir with gold accents.

The HUD only reads the world and the events; its own timers advance in `update`.
"""

from __future__ import annotations

import math

import pygame

from game.render.camera import VIEW_W
from game.sim import events as ev

RIVAL_AFTER_KO = 90  # ticks a knocked-out rival's empty bar stays up before the next opponent's shows
GOLD, GOLD_DIM, IVORY = (226, 190, 112), (120, 96, 54), (236, 230, 218)
BLOOD, BLOOD_DARK, TRAIL = (176, 24, 36), (70, 10, 18), (236, 214, 170)
INK = (10, 10, 14)
SERIF = "p052,c059,dejavuserif,georgia,timesnewroman,nimbusroman"
BAR_W, BAR_H = 420, 14  # px, a health bar
TRAIL_SPEED = 0.35  # of the bar per second: how fast the pale trail of lost health drains
COMBO_LINGER = 1.4  # seconds the combo counter stays after the combo ends
MOVE_LINGER = 1.1  # seconds the name of a move stays
ANNOUNCE_TIME = 2.4  # seconds an enchaînement's name stays on screen
COMBO_AREA = pygame.Rect(VIEW_W - 330, 150, 300, 130)  # where the combo counter is drawn
BOSS_BAR = pygame.Rect((VIEW_W - 640) // 2, 104, 640, 12)  # the boss's health, across the top
PHASE_LINGER = 3.0  # seconds a boss's new phase is announced under its bar


class Text:
    """Rendered text surfaces, cached by (size, text, colour, italic)."""

    def __init__(self) -> None:
        self.fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self.cache: dict[tuple, pygame.Surface] = {}

    def font(self, size: int, italic: bool = False) -> pygame.font.Font:
        key = (size, italic)
        if key not in self.fonts:
            self.fonts[key] = pygame.font.SysFont(SERIF, size, italic=italic)
        return self.fonts[key]

    def render(self, text: str, size: int, colour: tuple, italic: bool = False) -> pygame.Surface:
        key = (text, size, colour, italic)
        surface = self.cache.get(key)
        if surface is None:
            if len(self.cache) > 400:
                self.cache.clear()
            surface = self.font(size, italic).render(text, True, colour)
            if pygame.display.get_surface() is not None:
                surface = surface.convert_alpha()
            self.cache[key] = surface
        return surface


class Hud:
    """Everything drawn over the scene that tells the player how the fight is going."""

    def __init__(self) -> None:
        if not pygame.font.get_init():
            pygame.font.init()
        self.text = Text()
        self.trail: dict[int, float] = {}  # the pale part of each health bar, as a fraction
        self.opponent: int | None = None  # the fighter she last hit
        self.combo_hits = self.combo_damage = 0
        self.combo_counter = False
        self.combo_timer = 0.0  # > 0 while the counter fades out after the combo ended
        self.combo_live = False
        self.combo_pop = 0.0  # a short swell on each hit
        self.move_name = ""
        self.move_timer = 0.0
        self.announce = ""
        self.announce_grace = 0
        self.announce_timer = 0.0
        self.phase_words = ""
        self.phase_timer = 0.0

    def update(self, world, events: list, dt: float) -> None:  # world: game.sim.world.World
        """Take in this tick's events and advance the timers."""
        player = world.player_id
        for event in events:
            kind = type(event)
            if kind is ev.Hit and event.attacker == player:
                self.opponent = event.target
                self.combo_hits, self.combo_damage = event.combo_hits, event.combo_damage
                self.combo_counter = event.counter
                self.combo_live, self.combo_timer, self.combo_pop = True, COMBO_LINGER, 0.18
            elif kind is ev.ComboEnded and event.attacker == player:
                self.combo_live = False
            elif kind is ev.MoveStarted and event.fighter == player:
                move = world.fighters[player].book.moves.get(event.move)
                self.move_name = move.name if move is not None else event.move
                self.move_timer = MOVE_LINGER
            elif kind is ev.Enchainement and event.fighter == player:
                self.announce, self.announce_grace, self.announce_timer = event.name, event.grace, ANNOUNCE_TIME
            elif kind is ev.PhaseChanged and event.announce:
                self.phase_words, self.phase_timer = event.announce, PHASE_LINGER
        if not self.combo_live:
            self.combo_timer = max(0.0, self.combo_timer - dt)
        self.combo_pop = max(0.0, self.combo_pop - dt)
        self.move_timer = max(0.0, self.move_timer - dt)
        self.announce_timer = max(0.0, self.announce_timer - dt)
        self.phase_timer = max(0.0, self.phase_timer - dt)
        for fighter in world.fighters:
            share = max(0.0, fighter.health / fighter.spec.health)
            trail = self.trail.get(fighter.id, share)
            self.trail[fighter.id] = share if share > trail else max(share, trail - TRAIL_SPEED * dt)

    def rival(self, world):  # -> Fighter | None
        """The opponent whose health is shown: the one she last hit, else the nearest still standing."""
        me = world.player
        if me is None:
            return None
        if self.opponent is not None:
            last = world.fighters[self.opponent]
            fallen_long_ago = last.state == "ko" and last.state_ticks > RIVAL_AFTER_KO
            if last.team != me.team and not fallen_long_ago:
                return last
        standing = [f for f in world.fighters if f.team != me.team and f.state != "ko"]
        return min(standing, key=lambda f: (abs(f.x - me.x), f.id), default=None)

    @staticmethod
    def boss(world):  # -> Fighter | None
        """The boss of the fight, if one has come on: the first still standing, else the last to fall."""
        bosses = [f for f in world.fighters if f.spec.boss and f.team != getattr(world.player, "team", None)]
        return next((f for f in bosses if f.state != "ko"), bosses[-1] if bosses else None)

    def draw(self, canvas: pygame.Surface, world) -> None:
        me = world.player
        if me is None:
            return
        self.draw_bar(canvas, me, 36, 30, 1)
        max_grace = getattr(getattr(world.choreo, "rules", None), "max_grace", 100)
        self.draw_grace(canvas, me.grace / max_grace, 36, 30 + BAR_H + 14, world.tick)
        self.draw_beat(canvas, world, 36 + int(BAR_W * 0.7) + 70, 30 + BAR_H + 14)
        boss = self.boss(world)
        if boss is not None:
            self.draw_boss(canvas, boss)
        rival = self.rival(world)
        if rival is not None and rival is not boss:
            self.draw_bar(canvas, rival, VIEW_W - 36 - BAR_W, 30, -1)
        if self.move_timer > 0 and self.move_name:
            label = self.text.render(self.move_name, 26, IVORY, italic=True)
            label.set_alpha(int(255 * min(1.0, self.move_timer / 0.4)))
            canvas.blit(label, (40, 96))
        if self.combo_timer > 0 and self.combo_hits >= 1:
            self.draw_combo(canvas)
        if self.announce_timer > 0:
            self.draw_announcement(canvas)

    def draw_bar(self, canvas: pygame.Surface, fighter, x: int, y: int, side: int) -> None:
        """A health bar: gilt frame, blood-red health, a pale trail of what was just lost; name above."""
        share = max(0.0, fighter.health / fighter.spec.health)
        trail = self.trail.get(fighter.id, share)
        frame = pygame.Rect(x - 3, y - 3, BAR_W + 6, BAR_H + 6)
        pygame.draw.rect(canvas, INK, frame)
        pygame.draw.rect(canvas, BLOOD_DARK, (x, y, BAR_W, BAR_H))
        for part, colour in ((trail, TRAIL), (share, BLOOD)):
            w = round(BAR_W * part)
            left = x if side > 0 else x + BAR_W - w
            pygame.draw.rect(canvas, colour, (left, y, w, BAR_H))
        w = round(BAR_W * share)
        left = x if side > 0 else x + BAR_W - w
        pygame.draw.line(canvas, (236, 90, 90), (left, y + 1), (left + w - 1, y + 1), 2)
        pygame.draw.rect(canvas, GOLD, frame, 1)
        name = self.text.render(fighter.spec.name.upper(), 17, GOLD)
        nx = x if side > 0 else x + BAR_W - name.get_width()
        canvas.blit(name, (nx, y + BAR_H + 6 if side < 0 else y - name.get_height() - 4))

    def draw_grace(self, canvas: pygame.Surface, share: float, x: int, y: int, tick: int = 0) -> None:
        """The grace meter: a thin gold line with a diamond at its tip; full, it glows and says the
        coup de grâce is ready (up + spin)."""
        share = min(1.0, max(0.0, share))
        if share >= 1.0:
            self.draw_grace_ready(canvas, x, y, tick)
            return
        width = int(BAR_W * 0.7)
        pygame.draw.line(canvas, GOLD_DIM, (x, y), (x + width, y), 1)
        tip = x + round(width * share)
        if share > 0:
            pygame.draw.line(canvas, GOLD, (x, y), (tip, y), 3)
        pygame.draw.polygon(canvas, GOLD, [(tip, y - 6), (tip + 5, y), (tip, y + 6), (tip - 5, y)])
        label = self.text.render("grace", 15, GOLD_DIM, italic=True)
        canvas.blit(label, (x + width + 12, y - label.get_height() // 2))

    def draw_grace_ready(self, canvas: pygame.Surface, x: int, y: int, tick: int) -> None:
        """A full meter: the line burns bright, the diamond pulses, and the finisher's keys are shown."""
        width = int(BAR_W * 0.7)
        pulse = 0.5 + 0.5 * math.sin(tick * 0.15)
        glow = pygame.Surface((width + 24, 18), pygame.SRCALPHA)
        pygame.draw.rect(glow, (*GOLD, int(18 + 30 * pulse)), glow.get_rect(), border_radius=9)
        canvas.blit(glow, (x - 12, y - 9), special_flags=pygame.BLEND_RGBA_ADD)
        pygame.draw.line(canvas, IVORY, (x, y), (x + width, y), 3)
        tip, r = x + width, 6 + round(3 * pulse)
        pygame.draw.polygon(canvas, IVORY, [(tip, y - r), (tip + r - 1, y), (tip, y + r), (tip - r + 1, y)])
        label = self.text.render("coup de grâce  ·  up + spin", 15, IVORY if pulse > 0.5 else GOLD, italic=True)
        canvas.blit(label, (x, y + 10))  # beneath the meter: the beat's dot stays free beside it

    def draw_beat(self, canvas: pygame.Surface, world, x: int, y: int) -> None:
        """The music's beat, seen: a metronome dot that flares gold in the on-beat window, where a first
        hit earns more grace, and shrinks away between beats (players without sound can find it too)."""
        choreo = getattr(world, "choreo", None)
        if choreo is None:
            return
        phase = (world.tick % choreo.beat_ticks) / choreo.beat_ticks  # 0 on the beat .. 1 just before the next
        if choreo.on_beat(world.tick):
            pygame.draw.circle(canvas, GOLD, (x, y), 6)
            pygame.draw.circle(canvas, GOLD_DIM, (x, y), 10, 1)
        else:
            pygame.draw.circle(canvas, GOLD_DIM, (x, y), max(1, round(5 * (1.0 - phase))))

    def draw_combo(self, canvas: pygame.Surface) -> None:
        """The combo counter: hits large in ivory, damage beneath in gold; swells on a hit, fades at the end."""
        alpha = 255 if self.combo_live else int(255 * min(1.0, self.combo_timer / 0.6))
        size = 64 + int(60 * self.combo_pop)
        number = self.text.render(str(self.combo_hits), size, IVORY)
        hits = self.text.render("hits" if self.combo_hits != 1 else "hit", 26, GOLD, italic=True)
        damage = self.text.render(f"{self.combo_damage} damage", 20, GOLD)
        right = COMBO_AREA.right
        for surface, (sx, sy) in (
            (number, (right - hits.get_width() - 12 - number.get_width(), COMBO_AREA.y + 64 - number.get_height())),
            (hits, (right - hits.get_width(), COMBO_AREA.y + 60 - hits.get_height())),
            (damage, (right - damage.get_width(), COMBO_AREA.y + 68)),
        ):
            surface.set_alpha(alpha)
            canvas.blit(surface, (sx, sy))
        pygame.draw.line(canvas, GOLD_DIM, (right - 180, COMBO_AREA.y + 64), (right, COMBO_AREA.y + 64), 1)
        if self.combo_counter:
            tag = self.text.render("COUNTER", 18, (236, 80, 70))
            tag.set_alpha(alpha)
            canvas.blit(tag, (right - tag.get_width(), COMBO_AREA.y + 96))

    def draw_announcement(self, canvas: pygame.Surface) -> None:
        """A named enchaînement: its name large across the upper third, the grace it earned beneath."""
        t = ANNOUNCE_TIME - self.announce_timer
        alpha = int(255 * min(1.0, t / 0.15, self.announce_timer / 0.6))
        title = self.text.render(self.announce, 72, GOLD, italic=True)
        sub = self.text.render(f"enchaînement  ·  +{self.announce_grace} grace", 24, IVORY)
        cx, y = VIEW_W // 2, 168
        spread = int(160 + 240 * min(1.0, t / 0.3))
        title.set_alpha(alpha)
        sub.set_alpha(alpha)
        shade = pygame.Surface((spread * 2, 130), pygame.SRCALPHA)
        shade.fill((0, 0, 0, int(alpha * 0.45)))
        canvas.blit(shade, (cx - spread, y - 16))
        for dy in (-16, 114):
            pygame.draw.line(canvas, GOLD, (cx - spread, y + dy), (cx + spread, y + dy), 1)
        canvas.blit(title, (cx - title.get_width() // 2, y))
        canvas.blit(sub, (cx - sub.get_width() // 2, y + 80))

    def draw_boss(self, canvas: pygame.Surface, boss) -> None:
        """The boss's bar across the top: his name above, a gilt frame, a pip where each phase begins
        (hollow until it has), and the words of a phase just begun beneath."""
        bar = BOSS_BAR
        share = max(0.0, boss.health / boss.spec.health)
        trail = self.trail.get(boss.id, share)
        frame = bar.inflate(8, 8)
        pygame.draw.rect(canvas, INK, frame)
        pygame.draw.rect(canvas, BLOOD_DARK, bar)
        pygame.draw.rect(canvas, TRAIL, (bar.x, bar.y, round(bar.w * trail), bar.h))
        pygame.draw.rect(canvas, BLOOD, (bar.x, bar.y, round(bar.w * share), bar.h))
        pygame.draw.line(canvas, (236, 90, 90), (bar.x, bar.y + 1), (bar.x + round(bar.w * share) - 1, bar.y + 1), 2)
        pygame.draw.rect(canvas, GOLD, frame, 1)
        for phase in boss.spec.phases:
            x, y = bar.x + round(bar.w * phase.below), bar.bottom + 9
            pygame.draw.line(canvas, INK, (x, bar.y), (x, bar.bottom - 1), 2)
            pip = [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)]
            begun = share <= phase.below
            pygame.draw.polygon(canvas, BLOOD if begun else INK, pip)
            pygame.draw.polygon(canvas, GOLD, pip, 1)
        name = self.text.render(boss.spec.name.upper(), 20, GOLD)
        canvas.blit(name, (bar.centerx - name.get_width() // 2, bar.y - name.get_height() - 8))
        for side in (-1, 1):
            edge = bar.centerx + side * (name.get_width() // 2 + 14)
            pygame.draw.line(canvas, GOLD_DIM, (edge, bar.y - 16), (edge + side * 120, bar.y - 16), 1)
        if self.phase_timer > 0:
            words = self.text.render(self.phase_words, 22, IVORY, italic=True)
            words.set_alpha(int(255 * min(1.0, self.phase_timer / 0.6, (PHASE_LINGER - self.phase_timer) / 0.2)))
            canvas.blit(words, (bar.centerx - words.get_width() // 2, bar.bottom + 20))
