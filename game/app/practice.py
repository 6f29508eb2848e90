"""Practice in the Academy: a rehearsal partner given a part, the fight under a magnifying glass.

The partner's part (stand, crouch, jump, block, dodge, counter-attack, play back a recording) is a brain
from game/sim/training.py. F6 records the partner (the player's keys drive her while the ballerina
stands), F7 plays the recording back in a loop. P pauses, `.` or `]` steps one tick, `,` steps back one
(hold it to rewind), M slows the fight to 1/2 and 1/4. The past is kept by a Timeline
(game/scripting/timeline.py): about ten seconds of exact snapshots, so the fight resumes from any tick
rewound to. Overlays (drawn by game/app/practice_panels.py): F2 the choreography graph, F3 hitboxes,
F4 the input display, F5 frame data and combo scaling.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pygame

from game.app import practice_panels as panels
from game.app import ui
from game.app.controls import PAUSE, menu_intent
from game.app.practice_menus import DUMMY, NEEDS_FEET, PART_NAMES, UNDERSTUDY, PartnerMenu, PracticePauseScene
from game.app.practice_meters import ComboMeter, FrameMeter, InputHistory
from game.app.scenes import Scene
from game.data import LEVELS
from game.data.bundle import Bundle, load_bundle
from game.data.levels import ActorSpec
from game.render.view import WorldView
from game.scripting.timeline import Timeline
from game.sim.brains import make_brain
from game.sim.fighter import Fighter
from game.sim.inputs import NEUTRAL, frame_of
from game.sim.training import RECORD_LIMIT, PlaybackBrain, Recording
from game.sim.world import DT, World

if TYPE_CHECKING:
    from game.app.app import App

ACADEMY = LEVELS / "academy.toml"
SPEEDS = (1, 2, 4)  # game ticks per fight tick: full speed, 1/2 and 1/4
HISTORY_TICKS = 600  # ticks (10 s) of exact snapshots to rewind through (measured: ~65 us and ~13 kB a tick)
HISTORY_KEYFRAMES = 20  # keyframes kept, 30 ticks apart: they reach back as far as the snapshots do
MESSAGE_SECONDS = 3.0  # s a message stays under the status line
MESSAGE_FADE = 0.6  # s of fading out at its end
REWIND_DELAY = 15  # ticks `,` is held before it rewinds continuously (one tick back per tick)
STEP_KEYS = (pygame.K_PERIOD, pygame.K_RIGHTBRACKET)
RESET_KEYS = (pygame.K_BACKSPACE, pygame.K_HOME)
OVERLAY_KEYS = {pygame.K_F2: "graph", pygame.K_F4: "inputs", pygame.K_F5: "frames"}


def practice_bundle() -> Bundle:
    """The Academy with its training dummy and the understudy, ready to swap one for the other."""
    return load_bundle(ACADEMY, extra=(UNDERSTUDY,))


class PracticeScene(Scene):
    """The Academy's practice studio: the ballerina, a partner with a part, and the practice tools."""

    def __init__(self, app: App, bundle: Bundle | None = None) -> None:
        self.base = bundle or practice_bundle()
        self.seed = app.seed
        self.part = "stand"
        self.partner_kind = DUMMY
        self.recording: list[int] | None = None  # the partner's inputs while F6 records
        self.recorded: Recording | None = None
        self.recording_side = 1
        self.paused = False
        self.speed = 0  # index into SPEEDS
        self.slow_ticks = 0  # game ticks since the last fight tick, in slow motion
        self.rewind_held = 0  # ticks `,` has been held
        self.shown = {"graph": True, "inputs": True, "frames": True}  # practice is for looking: all shown
        self.menu: PartnerMenu | None = None  # the Tab panel
        self.last_move: str | None = None  # for the graph once the move is over
        self.clock = 0.0  # s of game time this scene has run, paused or not (messages fade by it)
        self.message: tuple[str, tuple[int, int, int], float] = ("", ui.PALE_GOLD, 0.0)  # words, colour, until
        self.world: World
        self.view: WorldView
        self.timeline: Timeline
        self.build()

    # --- the studio ----------------------------------------------------------------------------

    @property
    def player(self) -> Fighter:
        player = self.world.player
        assert player is not None
        return player

    @property
    def partner(self) -> Fighter:
        return self.world.fighters[1]

    def build(self, keep: bool = False) -> None:
        """Set the studio: the ballerina and the partner of `partner_kind` playing `part`; with `keep`,
        where they stood (a swap of partner), else where the Academy puts them (a reset)."""
        home = self.base.level.actors[0]
        old = (self.player, self.partner) if keep else None
        at = (old[1].x, old[1].y) if old else home.at
        facing = ("left" if old[1].facing < 0 else "right") if old else home.facing
        actor = ActorSpec(archetype=self.partner_kind, at=at, facing=facing, brain="stand")
        bundle = replace(self.base, level=self.base.level.model_copy(update={"actors": [actor]}))
        camera = self.view.camera if keep else None
        self.world = bundle.world(seed=self.seed)
        self.view = WorldView(self.world.level, bundle.pose_sets)
        if old is not None:
            her, before = self.player, old[0]
            her.place(before.x, before.y)
            her.facing, her.health, her.grace = before.facing, before.health, before.grace
        if camera is not None:
            self.view.camera.x, self.view.camera.y, self.view.snapped = camera.x, camera.y, True
        self.cast()
        self.fresh_history()
        if not keep:
            self.fresh_meters()

    def cast(self) -> None:
        """Give the partner its part (a fresh brain; the recording for playback)."""
        if self.part == "playback":
            self.partner.brain = PlaybackBrain(self.recorded or Recording(), loop=True)
        else:
            self.partner.brain = make_brain(self.part)

    def fresh_history(self) -> None:
        """Start the rewind history afresh: the studio was changed by hand, so the past no longer leads here."""
        self.timeline = Timeline(self.world, recent=HISTORY_TICKS, most_keyframes=HISTORY_KEYFRAMES)

    def fresh_meters(self) -> None:
        """Empty the input display, the frame data and the combo figures (a reset)."""
        self.inputs = InputHistory()
        self.meter = FrameMeter(self.world.player_id or 0)
        self.combo = ComboMeter(self.world.player_id or 0)

    def choose_part(self, part: str, app: App) -> None:
        """Give the partner a new part, swapping the dummy for the understudy when the part needs feet."""
        needs_feet = NEEDS_FEET[part]
        if part == "playback" and self.recorded is None:
            self.say("nothing recorded yet: F6 records the partner", 3.0, ui.WARNING)
            return
        self.part = part
        if needs_feet and self.partner_kind == DUMMY:
            self.partner_kind = UNDERSTUDY
            self.build(keep=True)
            self.say("the understudy takes over from the dummy: this part needs someone who can move")
        else:
            self.cast()
            self.fresh_history()

    def choose_partner(self, kind: str, app: App) -> None:
        if kind == self.partner_kind:
            return
        if kind == DUMMY and NEEDS_FEET[self.part]:
            self.part = "stand"  # the dummy cannot play a part that moves
        self.partner_kind = kind
        self.build(keep=True)

    # --- the clock -----------------------------------------------------------------------------

    def enter(self, app: App, previous: Scene | None) -> None:
        app.hands.release_all()  # the Enter or Space that chose practice must not kick or jump
        if isinstance(previous, PracticePauseScene):
            app.audio.pause_music(False)
        else:
            app.audio.start_music(self.world.level.tempo, self.world.tick * DT, theme=self.world.level.theme)

    def tick(self, app: App) -> Scene:
        self.clock += DT
        if self.menu is not None:
            return self
        if pygame.K_COMMA in app.hands.keys:
            self.rewind_held += 1
            if self.rewind_held > REWIND_DELAY:
                self.step_back(app)
        else:
            self.rewind_held = 0
        if self.paused:
            return self
        self.slow_ticks += 1
        if self.slow_ticks >= SPEEDS[self.speed]:
            self.slow_ticks = 0
            self.advance(app)
        return self

    def advance(self, app: App) -> list:
        """One fight tick with the player's hands on the ballerina, or on the partner while recording."""
        held = app.hands.frame().held
        if self.recording is not None:
            inputs = {self.world.player_id: NEUTRAL, self.partner.id: frame_of(held)}
            self.recording.append(held)
        else:
            inputs = {self.world.player_id: frame_of(held)}
        events = self.timeline.step(inputs)  # type: ignore[arg-type]
        self.inputs.feed(held)
        self.after(events, app)
        if self.recording is not None and len(self.recording) >= RECORD_LIMIT:
            self.stop_recording(app)
        return events

    def after(self, events: list, app: App) -> None:
        """Show a tick just played: the view, the sound and the meters follow it."""
        self.view.update(self.world, events, DT)
        app.audio.handle(events, self.world, self.view.camera)
        app.audio.sync_music(self.world.tick, 1.0 / SPEEDS[self.speed])  # slowed or rewound, still on the beat
        self.meter.observe(self.world, events)
        self.combo.observe(events)
        if self.player.state == "move" and self.player.move is not None:
            self.last_move = self.player.move.id

    def step_forward(self, app: App) -> None:
        """`.`: one tick on. In the rewound past, the tick that was played (exactly); else a new one."""
        self.paused = True
        world = self.world
        if world.tick < self.timeline.latest:
            self.timeline.seek(world.tick + 1)
            self.after(list(self.timeline.events_at(world.tick)), app)
        else:
            self.advance(app)

    def step_back(self, app: App) -> bool:
        """`,`: one tick back, exactly as it was; False at the start of the kept history."""
        self.paused = True
        if self.world.tick <= self.timeline.earliest:
            return False
        self.timeline.seek(self.world.tick - 1)
        self.view.update(self.world, [], DT)
        return True

    # --- recording ------------------------------------------------------------------------------

    def toggle_recording(self, app: App) -> None:
        if self.recording is not None:
            self.stop_recording(app)
            return
        if self.partner_kind == DUMMY:
            self.partner_kind = UNDERSTUDY
            self.build(keep=True)
        if self.part == "playback":
            self.part = "stand"
            self.cast()
        self.recording = []
        self.recording_side = 1 if self.partner.x >= self.player.x else -1
        app.hands.release_all()
        self.say("recording the partner: your keys drive her  ·  F6 stops")

    def stop_recording(self, app: App) -> None:
        recorded = tuple(self.recording or ())
        self.recording = None
        app.hands.release_all()
        if not recorded:
            return
        self.recorded = Recording(recorded, self.recording_side)
        self.say(f"recorded {len(recorded) * DT:.1f} s  ·  F7 plays it back")

    def toggle_playback(self, app: App) -> None:
        if self.part == "playback":
            self.choose_part("stand", app)
        elif self.recording is not None:
            self.say("still recording: F6 stops first", 3.0, ui.WARNING)
        else:
            self.choose_part("playback", app)

    # --- keys ----------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if self.menu is not None:
            return self.menu.handle(event, app, self)
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE or menu_intent(event) == PAUSE:
            app.audio.play_ui("back")
            return PracticePauseScene(self)
        if event.type != pygame.KEYDOWN:
            return self
        key = event.key
        if key == pygame.K_TAB:
            self.menu = PartnerMenu(self)
            app.hands.release_all()
        elif key in OVERLAY_KEYS:
            self.shown[OVERLAY_KEYS[key]] = not self.shown[OVERLAY_KEYS[key]]
        elif key == pygame.K_F3:
            self.view.show_debug = not self.view.show_debug
        elif key == pygame.K_F6:
            self.toggle_recording(app)
        elif key == pygame.K_F7:
            self.toggle_playback(app)
        else:
            self.handle_clock_key(key, app)
        return self

    def handle_clock_key(self, key: int, app: App) -> None:
        """Pause, step, rewind, slow motion, refill and reset."""
        if key == pygame.K_p:
            self.paused = not self.paused
            app.audio.pause_music(self.paused)  # the waltz waits for the fight
        elif key in STEP_KEYS:
            self.step_forward(app)
        elif key == pygame.K_COMMA:
            if not self.step_back(app):
                self.say("the rewind goes back no further", 2.0, ui.WARNING)
        elif key == pygame.K_m:
            self.speed = (self.speed + 1) % len(SPEEDS)
            self.slow_ticks = 0
        elif key == pygame.K_r:
            self.refill()
            self.say("health and grace refilled")
        elif key in RESET_KEYS:
            self.build()
            self.say("positions reset")

    def refill(self) -> None:
        """R: both fighters' health full again, and her grace meter full."""
        for fighter in (self.player, self.partner):
            fighter.health = fighter.spec.health
        self.player.grace = self.player.grace_max
        self.fresh_history()

    def say(self, words: str, seconds: float = MESSAGE_SECONDS, colour: tuple[int, int, int] = ui.PALE_GOLD) -> None:
        """A line under the status for a few seconds (the app's notices would cover the graph)."""
        self.message = (words, colour, self.clock + seconds)

    def pad_removed(self, app: App) -> Scene:
        return PracticePauseScene(self)

    # --- drawing --------------------------------------------------------------------------------

    def status(self) -> panels.Status:
        partner = self.partner.spec.name
        words, colour, until = self.message
        fade = (until - self.clock) / MESSAGE_FADE
        return panels.Status(
            partner=partner, part=PART_NAMES[self.part], recording=self.recording,
            recorded=self.recorded.ticks if self.recorded else 0, paused=self.paused,
            speed=SPEEDS[self.speed], tick=self.world.tick, behind=self.timeline.latest - self.world.tick,
            history=self.world.tick - self.timeline.earliest, debug=self.view.show_debug, shown=dict(self.shown),
            message=words, message_colour=colour, message_alpha=int(255 * max(0.0, min(1.0, fade))),
        )

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        self.view.draw(canvas, self.world)
        fonts = app.fonts
        if self.shown["inputs"]:
            panels.draw_inputs(canvas, fonts, self.inputs)
        if self.shown["frames"]:
            panels.draw_frames(canvas, fonts, self.meter, self.combo)
        if self.shown["graph"]:
            panels.draw_graph(canvas, fonts, self.player, self.last_move)
        panels.draw_status(canvas, fonts, self.status(), app.now())
        panels.draw_help(canvas, fonts, self.status())
        if self.menu is not None:
            self.menu.draw(canvas, fonts, self)
