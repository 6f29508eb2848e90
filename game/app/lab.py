"""The Choreography Lab: type or pick a phrase, watch it danced against a chosen cast, scrub its timeline
back and forth, loop it, slow it down, and keep it as a combo test with one key (S).

Two places have the keys: the phrase field (typing, Tab completes a move, ↑↓ choose, Enter dances it)
and the stage (←→ a tick, Shift ×10, Home/End, Space play/pause, L loop, 1-4 speed, S save). The dance
itself is headless (`game/scripting/lab.py`); this scene only shows it and moves the playhead.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.app import lab_panels as panels
from game.app.fight import make_view
from game.app.scenes import Scene
from game.data import ROOT
from game.render.particles import Particles
from game.scripting.choreography import ScriptError, plain
from game.scripting.lab import LabSession, casts, repertoire
from game.sim.moves import Move
from game.sim.world import DT

if TYPE_CHECKING:
    from game.app.app import App
    from game.render.view import WorldView

FIRST_PHRASE = "pirouette > fouette > grand_jete"
SPEEDS = (("1/4", 0.25), ("1/2", 0.5), ("1", 1.0), ("2", 2.0))  # shown, ticks of the dance per game tick
NORMAL_SPEED = 2  # index in SPEEDS
SHIFT_STEP = 10  # ticks a Shift+arrow moves the playhead
LOOP_REST = 40  # ticks the last pose is held before a loop starts again
CAMERA_LIFT = 60.0  # px the stage is drawn higher, so the feet clear the timeline's shade
SPEED_KEYS = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3}
FIELD_HINT = "Tab completes   ·   ↑↓ choose a move   ·   PgUp PgDn cast   ·   Enter dances it   ·   Esc stage"


def _letters_in_order(typed: str, word: str) -> bool:
    """Whether `typed`'s letters all come in `word` in the same order ("fu" in "fouette")."""
    rest = iter(word)
    return all(letter in rest for letter in typed)


class LabScene(Scene):
    """The lab's one screen: the phrase field over the stage, the repertoire, the outcome, the timeline."""

    def __init__(self, app: App, under: Scene, folder: Path | None = None) -> None:
        self.under = under
        self.folder = folder or ROOT / "tests" / "combos"  # where S keeps the phrase as a combo test
        self.book = repertoire()
        self.casts = casts()
        self.cast = 0
        self.words = FIRST_PHRASE
        self.chosen = 0  # the suggestion picked in the repertoire
        self.typing = True  # the phrase field has the keys (else the stage has them)
        self.message, self.error = FIELD_HINT, False
        self.session: LabSession | None = None
        self.view: WorldView | None = None  # the session's world as drawn
        self.view_arena = ""  # the arena the view's stage was painted for
        self.at = 0  # the playhead's tick
        self.playing, self.looping, self.speed = True, True, NORMAL_SPEED
        self.owed = 0.0  # fractions of a tick owed by slow playback
        self.rest = 0  # ticks left of the pause at the end of a loop
        self.saved: Path | None = None
        self.dance(app)

    # --- the dance -------------------------------------------------------------------------------

    def dance(self, app: App) -> bool:
        """Perform the phrase in the field against the chosen cast; on a mistake keep the old one."""
        try:
            session = LabSession(self.words, self.casts[self.cast])
        except ScriptError as error:
            self.message, self.error = str(error), True
            app.audio.play_ui("back")
            return False
        self.session, self.saved = session, None
        if self.view is None or self.view_arena != session.spec.arena:
            self.view_arena = session.spec.arena
            self.view = make_view(session.world, app.pose_sets)  # painting the stage takes a second: once
            self.view.show_hud = False  # the outcome card says it better
        else:
            self.view.particles = Particles(self.view.rng)  # no sparks of the last dance linger
        self.at = session.timeline.earliest
        self.view.snapped = False
        self.go(session.timeline.earliest)
        self.playing, self.rest, self.owed = True, 0, 0.0
        outcome = session.outcome
        self.message = f"stopped: {outcome.step_failure}" if outcome.step_failure else self.hint()
        self.error = outcome.step_failure is not None
        return True

    def hint(self) -> str:
        return FIELD_HINT if self.typing else "Enter to change the phrase   ·   C or PgUp PgDn to change the cast"

    def go(self, tick: int) -> None:
        """Move the playhead to `tick`: the world there exactly, the view following (one tick: with its events)."""
        assert self.session is not None and self.view is not None
        timeline = self.session.timeline
        tick = max(timeline.earliest, min(timeline.latest, tick))
        onward = tick == self.at + 1
        if abs(tick - self.at) > SHIFT_STEP:
            self.view.snapped = False  # a jump: the camera cuts rather than glides
        timeline.seek(tick)
        self.at = tick
        self.view.update(self.session.world, list(self.session.world.events) if onward else [], DT)

    def tick_scene(self) -> None:
        """One game tick of playback: as many ticks of the dance as the speed says (a fraction when slow)."""
        if self.session is None or not self.playing:
            return
        self.owed += SPEEDS[self.speed][1]
        while self.owed >= 1.0:
            self.owed -= 1.0
            self.advance()

    def advance(self) -> None:
        assert self.session is not None
        timeline = self.session.timeline
        if self.at < timeline.latest:
            self.go(self.at + 1)
        elif not self.looping:
            self.playing = False
        elif self.rest < LOOP_REST:
            self.rest += 1
        else:
            self.rest = 0
            self.go(timeline.earliest)

    def save(self, app: App) -> None:
        """S: keep the phrase as a combo test and say where (or why not)."""
        if self.session is None:
            return
        try:
            path = self.session.save_combo_test(self.folder)
        except OSError as error:
            self.message, self.error = f"not saved: {error.strerror or error}", True
            app.audio.play_ui("back")
            return
        self.saved = path
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        self.message, self.error = f"saved as a combo test: {shown}", False
        app.audio.play_ui("confirm")

    # --- the phrase field ------------------------------------------------------------------------

    def partial(self) -> str:
        """The step being typed: the words after the last '>'."""
        return plain(self.words.rpartition(">")[2])

    def suggestions(self) -> list[Move]:
        """Moves that fit the step being typed (every move when it is empty or already a whole move)."""
        typed = self.partial()
        moves = list(self.book)
        if not typed or typed in self.book:
            return moves
        typed = typed.replace(" ", "_")
        starts = [m for m in moves if m.id.startswith(typed) or plain(m.name).startswith(typed)]
        inside = [m for m in moves if m not in starts and typed in m.id]
        loose = [m for m in moves if m not in starts + inside and _letters_in_order(typed, m.id)]
        near = difflib.get_close_matches(typed, [m.id for m in moves], n=3, cutoff=0.6)  # a typo: "fuette"
        return starts + inside + loose + [self.book[i] for i in near if self.book[i] not in starts + inside + loose]

    def ghost(self) -> str:
        """What Tab would add, drawn dimmed after the words."""
        found = self.suggestions()
        if not found:
            return ""
        move = found[min(self.chosen, len(found) - 1)]
        typed = self.partial()
        if typed in self.book or (not typed and self.words.strip() and not self.words.rstrip().endswith(">")):
            return f" > {move.id}"
        if not typed:
            return move.id if not self.words or self.words.endswith(" ") else f" {move.id}"
        if move.id.startswith(typed):
            return move.id[len(typed):]
        return f"   »  {move.id}"

    def accept(self) -> None:
        """Tab: take the suggestion (finish the move being typed, or add the chosen move as a new step)."""
        found = self.suggestions()
        if not found:
            return
        move = found[min(self.chosen, len(found) - 1)]
        head, sep, _ = self.words.rpartition(">")
        typed = self.partial()
        if typed in self.book or (not typed and self.words.strip() and not sep):
            self.words = f"{self.words.rstrip()} > {move.id}"
        else:
            self.words = f"{head.rstrip()} > {move.id}" if sep else move.id
        self.chosen = 0

    def edit(self, event: pygame.event.Event, app: App) -> Scene:
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.dance(app):
                self.typing = False
                self.message = self.message if self.error else self.hint()
                app.audio.play_ui("confirm")
        elif key == pygame.K_TAB:
            self.accept()
        elif key == pygame.K_BACKSPACE:
            if event.mod & pygame.KMOD_CTRL:
                self.words = self.words.rpartition(">")[0].rstrip()
            else:
                self.words = self.words[:-1]
            self.chosen = 0
        elif key in (pygame.K_UP, pygame.K_DOWN):
            count = max(1, len(self.suggestions()))
            self.chosen = (self.chosen + (1 if key == pygame.K_DOWN else -1)) % count
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.change_cast(app, 1 if key == pygame.K_PAGEDOWN else -1)
        elif key == pygame.K_ESCAPE:
            if self.session is None:
                return self.under
            self.typing, self.message, self.error = False, self.hint(), False
        return self

    def type_in(self, words: str) -> None:
        self.words += words
        self.chosen = 0
        if self.error:
            self.message, self.error = FIELD_HINT, False

    def change_cast(self, app: App, step: int) -> None:
        self.cast = (self.cast + step) % len(self.casts)
        app.audio.play_ui("move")
        if self.session is not None:
            phrase, self.words = self.words, self.session.phrase
            self.dance(app)
            self.words = phrase

    # --- the stage -------------------------------------------------------------------------------

    def watch(self, event: pygame.event.Event, app: App) -> Scene:
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        if key == pygame.K_ESCAPE:
            app.audio.play_ui("back")
            return self.under
        if self.session is None:
            return self
        timeline = self.session.timeline
        if key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.playing = False
            self.go(self.at + (SHIFT_STEP if shift else 1) * (1 if key == pygame.K_RIGHT else -1))
        elif key == pygame.K_HOME:
            self.go(timeline.earliest)
        elif key == pygame.K_END:
            self.go(timeline.latest)
        elif key == pygame.K_SPACE:
            self.playing = not self.playing
            if self.playing and self.at == timeline.latest:
                self.go(timeline.earliest)
            self.rest = 0
        elif key == pygame.K_l:
            self.looping = not self.looping
        elif key in SPEED_KEYS:
            self.speed = SPEED_KEYS[key]
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
            self.speed = max(0, min(len(SPEEDS) - 1, self.speed + (-1 if "-" in pygame.key.name(key) else 1)))
        elif key == pygame.K_s:
            self.save(app)
        elif key in (pygame.K_c, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.change_cast(app, -1 if key == pygame.K_PAGEUP or shift else 1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_TAB, pygame.K_e):
            self.typing, self.message, self.error = True, FIELD_HINT, False
        return self

    # --- the scene's duties ----------------------------------------------------------------------

    def enter(self, app: App, previous: Scene | None) -> None:
        app.audio.stop_music()
        app.hands.release_all()

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if event.type == pygame.TEXTINPUT and self.typing:
            self.type_in(event.text)
        elif event.type == pygame.KEYDOWN:
            return self.edit(event, app) if self.typing else self.watch(event, app)
        return self

    def tick(self, app: App) -> Scene:
        self.tick_scene()
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        fonts = app.fonts
        if self.session is not None and self.view is not None:
            camera = self.view.camera
            camera.y -= CAMERA_LIFT / camera.zoom
            self.view.draw(canvas, self.session.world)
            camera.y += CAMERA_LIFT / camera.zoom
        else:
            canvas.fill((6, 6, 9))
        panels.bands(canvas)
        blink = int(app.now() * 2) % 2 == 0
        panels.phrase_field(canvas, fonts, panels.FieldState(self.words, self.ghost(), self.typing, self.message,
                                                             self.error, blink))
        cast = self.casts[self.cast].name
        if self.typing:
            found = self.suggestions()
            panels.repertoire(canvas, fonts, found, min(self.chosen, max(0, len(found) - 1)), cast)
        if self.session is None:
            return
        panels.outcome_card(canvas, fonts, self.session.outcome, self.session.cast.name)
        timeline = self.session.timeline
        where = panels.Transport(self.at, timeline.earliest, timeline.latest, self.playing, self.looping,
                                 SPEEDS[self.speed][0])
        panels.timeline_bar(canvas, fonts, self.session.marks, where)
        panels.transport_line(canvas, fonts, where)
