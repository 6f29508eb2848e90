"""The Settings screen (from the title and from pause) and its bindings page.

Settings: three volume sliders heard at once, fullscreen, window scale, the F3 hitboxes and practice's
input display as a fight or practice starts, the difficulty Story and Levels begin at, and the bindings.
Bindings: pick a fighter button and a column (key, other key, pad), press Enter, then the new key or pad
button: Esc cancels, a key another button uses swaps with the old one (or is refused, with why), Del
clears a second key, "Reset to defaults" puts the shipped bindings back. Leaving saves the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from game.app import ui
from game.app.controls import (
    ACTION_NAMES,
    ACTION_WORDS,
    BACK,
    CONFIRM,
    DOWN,
    KEY_NAMES,
    KEY_SLOTS,
    PAD_NAMES,
    PAUSE,
    UP,
    key_label,
    menu_intent,
    pad_family_of,
    pad_label,
    side_intent,
)
from game.app.scenes import PauseScene, Scene, TitleScene
from game.app.settings import WINDOW_SCALES
from game.sim.difficulty import DIFFICULTIES

if TYPE_CHECKING:
    from game.app.app import App

PANEL_SIZE = (820, 640)  # px: the settings card
ROW_GAP = 44  # px between settings rows
BINDINGS_SIZE = (1000, 640)  # px: the bindings card
BINDING_GAP = 34  # px between bindings rows
LABEL_DROP = 3  # px: the serif's line box hangs low, so its words sit this much lower to meet the values
FAMILY_NAMES = {"xbox": "Xbox", "playstation": "PlayStation", "nintendo": "Nintendo"}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the settings page: the setting it changes, its label, how it is changed, a help line."""

    name: str
    label: str
    kind: str  # "volume", "toggle", "scale", "difficulty", "page" or "back"
    help: str


ROWS = (
    Row("master_volume", "Master volume", "volume", "Everything she hears. Left and right: a tenth a step."),
    Row("music_volume", "Music", "volume", "The music-box waltz of each level."),
    Row("effects_volume", "Effects", "volume", "Steps, blows, glass and rain (a click says how loud)."),
    Row("fullscreen", "Fullscreen", "toggle", "The whole screen, or a window (F11 anywhere)."),
    Row("window_scale", "Window scale", "scale", "The window's size: the stage at 1x, 1.5x or 2x (held on screen)."),
    Row("show_hitboxes", "Show hitboxes", "toggle", "A fight starts with the F3 overlay on (F3 still toggles it)."),
    Row("show_input_display", "Input display", "toggle", "Fights start with the input display (F4) shown."),
    Row("difficulty", "Difficulty", "difficulty", "Where Story and Levels begin; a fight under way keeps its own."),
    Row("bindings", "Keys and pad buttons", "page", "Remap every fighter button: press Enter."),
    Row("back", "Back", "back", "Save and return."),
)


def draw_under(under: Scene, canvas: pygame.Surface, app: App) -> None:
    """What the settings are opened over: the title's rehearsal, the paused fight, or the ink."""
    if isinstance(under, TitleScene):
        under.draw_backdrop(canvas)
    elif isinstance(under, PauseScene):
        under.play.fight.view.draw(canvas, under.play.fight.world)
        ui.veil(canvas, 190)
    else:
        canvas.fill(ui.INK)


class SettingsScene(Scene):
    """The settings page: up and down choose a row, left and right (or Enter) change it, Esc saves and leaves."""

    def __init__(self, under: Scene) -> None:
        self.under = under
        self.chosen = 0

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        intent = menu_intent(event)
        row = ROWS[self.chosen]
        if intent in (UP, DOWN):
            self.chosen = (self.chosen + (1 if intent == DOWN else -1)) % len(ROWS)
            app.audio.play_ui("move")
        elif side := side_intent(event):
            self.change(row, side, app)
        elif intent == CONFIRM:
            if row.kind == "page":
                app.audio.play_ui("confirm")
                return BindingsScene(self)
            if row.kind == "back":
                return self.leave(app)
            self.change(row, 1, app)
        elif intent in (BACK, PAUSE):
            return self.leave(app)
        return self

    def change(self, row: Row, step: int, app: App) -> None:
        """Move one setting a step (left -1, right or Enter +1) and let it be seen or heard at once."""
        settings = app.settings
        if row.kind == "volume":
            settings.nudge_volume(row.name, step)
            app.audio.set_volumes(settings.master_volume, settings.music_volume, settings.effects_volume)
        elif row.name == "fullscreen":
            app.window.toggle_fullscreen()
            settings.fullscreen = app.window.fullscreen
        elif row.kind == "scale":
            index = WINDOW_SCALES.index(settings.window_scale)
            settings.window_scale = WINDOW_SCALES[(index + step) % len(WINDOW_SCALES)]
            app.window.set_scale(settings.window_scale)
        elif row.kind == "toggle":
            setattr(settings, row.name, not getattr(settings, row.name))
            if row.name == "show_hitboxes" and isinstance(self.under, PauseScene):
                self.under.play.fight.view.show_debug = settings.show_hitboxes  # the paused fight too
        elif row.kind == "difficulty":
            names = list(DIFFICULTIES)
            settings.difficulty = names[(names.index(settings.difficulty) + step) % len(names)]
        else:
            return
        app.audio.play_ui("move")

    def leave(self, app: App) -> Scene:
        """Save the file (a failure is said on screen) and go back where the settings were opened from."""
        app.audio.play_ui("back")
        app.save_settings()
        return self.under

    def tick(self, app: App) -> Scene:
        if isinstance(self.under, TitleScene):
            self.under.tick(app)  # she rehearses on behind the card
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        draw_under(self.under, canvas, app)
        rect = pygame.Rect((0, 0), PANEL_SIZE)
        rect.center = (canvas.get_width() // 2, canvas.get_height() // 2)
        ui.panel(canvas, rect, 235)
        ui.text(canvas, app.fonts.heading, "Settings", ui.GOLD, (rect.centerx, rect.top + 50), "center")
        ui.rule(canvas, rect.centerx, rect.top + 90, 180)
        label_x, value_x = rect.left + 70, rect.left + 520
        for i, row in enumerate(ROWS):
            y = rect.top + 134 + i * ROW_GAP + (14 if row.kind in ("page", "back") else 0)
            chosen = i == self.chosen
            colour = ui.GOLD if chosen else ui.ASH
            label = ui.text(canvas, app.fonts.item, row.label, colour, (label_x, y + LABEL_DROP), "midleft")
            if chosen:
                ui.diamond(canvas, label.left - 20, y + 2, 5)
            self.draw_value(canvas, app, row, value_x, y, chosen)
        help_line = ROWS[self.chosen].help
        ui.text(canvas, app.fonts.small, help_line, ui.ASH, (rect.centerx, rect.bottom - 40), "center", shadow=False)
        app.hint(canvas, "Up Down  choose     Left Right  change     Esc  save and back")

    @staticmethod
    def draw_value(canvas: pygame.Surface, app: App, row: Row, x: int, y: float, chosen: bool) -> None:
        settings = app.settings
        if row.kind == "volume":
            ui.slider(canvas, app.fonts, getattr(settings, row.name), x - 130, y + 2, 200, chosen)
        elif row.kind == "toggle":
            ui.choice(canvas, app.fonts, "On" if getattr(settings, row.name) else "Off", x, y, chosen)
        elif row.kind == "scale":
            ui.choice(canvas, app.fonts, f"{settings.window_scale:g}x", x, y, chosen)
        elif row.kind == "difficulty":
            ui.choice(canvas, app.fonts, settings.difficulty.capitalize(), x, y, chosen)
        elif row.kind == "page":
            ui.choice(canvas, app.fonts, "remap", x, y, chosen, arrows=False)


COLUMNS = ("key", "other key", "pad")  # what each column of the bindings page binds
PAD_COLUMN = 2
BINDING_ROWS = (*ACTION_NAMES, "reset", "back")


class BindingsScene(Scene):
    """The bindings page: a fighter button per row, two key columns and a pad column; press to remap."""

    def __init__(self, settings_scene: SettingsScene) -> None:
        self.parent = settings_scene
        self.row = 0
        self.column = 0
        self.waiting = False  # True: the next key (or pad button) pressed is the new binding
        self.message = "Enter: remap the chosen cell     Del: clear a second key"
        self.message_colour = ui.ASH

    @property
    def action(self) -> str | None:
        name = BINDING_ROWS[self.row]
        return name if name in ACTION_NAMES else None

    def say(self, words: str, app: App) -> None:
        refused = words.startswith("refused")
        self.message, self.message_colour = words, ui.WARNING if refused else ui.PALE_GOLD
        app.audio.play_ui("back" if refused else "confirm")

    def handle(self, event: pygame.event.Event, app: App) -> Scene:
        if self.waiting:
            self.listen(event, app)
            return self
        intent = menu_intent(event)
        if intent in (UP, DOWN):
            self.row = (self.row + (1 if intent == DOWN else -1)) % len(BINDING_ROWS)
            app.audio.play_ui("move")
        elif (side := side_intent(event)) and self.action is not None:
            self.column = (self.column + side) % len(COLUMNS)
            app.audio.play_ui("move")
        elif intent == CONFIRM:
            return self.confirm(app)
        elif intent in (BACK, PAUSE):
            app.audio.play_ui("back")
            return self.parent
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_DELETE and self.action is not None:
            pad = self.column == PAD_COLUMN
            self.say(app.settings.unbind(self.action, pad, 0 if pad else self.column), app)
            app.hands.bindings = app.settings.bindings()
        return self

    def confirm(self, app: App) -> Scene:
        """Enter on a cell: wait for the new key; on Reset: the shipped bindings; on Back: the settings."""
        if self.action is not None:
            self.waiting = True
            if self.column == PAD_COLUMN:
                back = pad_label("back", pad_family_of(app.device))
                words = f"press a pad button for {self.action}  (Esc or {back} cancels)"
            else:
                words = f"press a key for {self.action}  (Esc cancels)"
            self.message, self.message_colour = words, ui.GOLD
            app.audio.play_ui("confirm")
            return self
        if BINDING_ROWS[self.row] == "reset":
            app.settings.reset_bindings()
            app.hands.bindings = app.settings.bindings()
            self.say("every key and pad button is back as the game ships them", app)
            return self
        app.audio.play_ui("back")
        return self.parent

    def listen(self, event: pygame.event.Event, app: App) -> None:
        """While waiting: Esc (or the pad's Back) cancels; a key or a pad button becomes the binding."""
        assert self.action is not None
        on_pad = self.column == PAD_COLUMN
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE or (
                event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_BACK):
            self.waiting = False
            self.say(f"{self.action} unchanged", app)
            return
        if event.type == pygame.KEYDOWN and not on_pad:
            name = KEY_NAMES.get(event.key)
            if name is None:
                self.say("refused: that key has no name the settings can keep", app)
            else:
                self.say(app.settings.rebind(self.action, False, self.column, name), app)
        elif event.type == pygame.CONTROLLERBUTTONDOWN and on_pad and event.button in PAD_NAMES:
            family = pad_family_of(app.device)
            words = app.settings.rebind(self.action, True, 0, PAD_NAMES[event.button],
                                        lambda name: pad_label(name, family))
            self.say(words, app)
        else:
            return  # a key while a pad button is awaited (or the other way round): keep waiting
        self.waiting = False
        app.hands.bindings = app.settings.bindings()

    def tick(self, app: App) -> Scene:
        self.parent.tick(app)  # the title's rehearsal goes on behind both pages
        return self

    def draw(self, canvas: pygame.Surface, app: App) -> None:
        draw_under(self.parent.under, canvas, app)
        rect = pygame.Rect((0, 0), BINDINGS_SIZE)
        rect.center = (canvas.get_width() // 2, canvas.get_height() // 2)
        ui.panel(canvas, rect, 240)
        ui.text(canvas, app.fonts.heading, "Keys and pad buttons", ui.GOLD, (rect.centerx, rect.top + 48), "center")
        ui.rule(canvas, rect.centerx, rect.top + 86, 220)
        family = pad_family_of(app.device)
        xs = (rect.left + 60, rect.left + 470, rect.left + 640, rect.left + 830)  # action, key, other, pad
        top = rect.top + 118
        headers = ("", "KEY", "OTHER KEY", f"PAD  ({FAMILY_NAMES[family]})")
        for x, header in zip(xs, headers, strict=True):
            ui.text(canvas, app.fonts.small, header, ui.DIM, (x, top), "midleft" if not header or x == xs[0]
                    else "center", shadow=False)
        for i, name in enumerate(BINDING_ROWS):
            y = top + 34 + i * BINDING_GAP + (12 if name not in ACTION_NAMES else 0)
            self.draw_row(canvas, app, i, name, xs, y, family)
        ui.text(canvas, app.fonts.body, self.message, self.message_colour, (rect.centerx, rect.bottom - 62), "center",
                alpha=ui.pulse(app.now(), 1.0) if self.waiting else 255, shadow=False)
        hint = "Esc  cancel" if self.waiting else "Up Down  choose     Enter  remap     Esc  back"
        app.hint(canvas, hint)

    def draw_row(self, canvas: pygame.Surface, app: App, i: int, name: str, xs: tuple[int, ...], y: float,
                 family: str) -> None:
        chosen = i == self.row
        colour = ui.GOLD if chosen else ui.ASH
        if name not in ACTION_NAMES:
            words = "Reset to defaults" if name == "reset" else "Back"
            rect = ui.text(canvas, app.fonts.item, words, colour, (xs[0], y + LABEL_DROP), "midleft")
            if chosen:
                ui.diamond(canvas, rect.left - 20, y + 2, 5)
            return
        rect = ui.text(canvas, app.fonts.item, ACTION_WORDS[name], colour, (xs[0], y + LABEL_DROP), "midleft")
        if chosen:
            ui.diamond(canvas, rect.left - 20, y + 2, 5)
        keys, pad = app.settings.keys[name], app.settings.pad[name]
        cells = [key_label(keys[slot]) if slot < len(keys) else "—" for slot in range(KEY_SLOTS)]
        cells.append(", ".join(pad_label(b, family) for b in pad) or "—")
        for column, words in enumerate(cells):
            self.draw_cell(canvas, app, words, xs[column + 1], y, chosen and column == self.column)

    def draw_cell(self, canvas: pygame.Surface, app: App, words: str, x: int, y: float, chosen: bool) -> None:
        waiting = chosen and self.waiting
        shown = "press…" if waiting else words
        colour = ui.GOLD if chosen else (ui.DIM if words == "—" else ui.PALE_GOLD)
        rect = ui.text(canvas, app.fonts.body, shown, colour, (x, y), "center", shadow=False,
                       alpha=ui.pulse(app.now(), 1.0) if waiting else 255)
        if chosen:
            box = pygame.Rect(0, 0, max(120, rect.width + 28), 30)
            box.center = (x, round(y))
            pygame.draw.rect(canvas, ui.GOLD if waiting else ui.DIM, box, 1)
