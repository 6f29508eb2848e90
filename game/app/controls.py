"""The player's hands: keyboard and gamepad turned into the ballerina's InputFrame and menu intents.

Every mapping here is a plain function of an event, so tests build `pygame.event.Event`s directly and
no device is needed. A missing gamepad is fine; plugging one in or pulling it out is noticed.

Which key or pad button holds which fighter button is the player's choice (the settings' bindings):
`Bindings` turns the names the settings file keeps ("left shift", "a") into key and button codes, and
`Hands` reads the live ones. The names of this module double as the settings file's vocabulary.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field

import pygame

from game.sim.inputs import Button, InputFrame

# --- names of keys and pad buttons, as the settings file writes them ------------------------------

KEY_CODES: dict[str, int] = {
    pygame.key.name(code, use_compat=True): code  # pygame's own names need no window ("left shift", "j")
    for code in sorted({getattr(pygame, n) for n in dir(pygame) if n.startswith("K_")})
    if pygame.key.name(code, use_compat=True)
}
KEY_NAMES: dict[int, str] = {code: name for name, code in KEY_CODES.items()}
PAD_CODES: dict[str, int] = {  # SDL's own names for game-controller buttons (as in its mapping strings)
    "a": pygame.CONTROLLER_BUTTON_A, "b": pygame.CONTROLLER_BUTTON_B,
    "x": pygame.CONTROLLER_BUTTON_X, "y": pygame.CONTROLLER_BUTTON_Y,
    "back": pygame.CONTROLLER_BUTTON_BACK, "guide": pygame.CONTROLLER_BUTTON_GUIDE,
    "start": pygame.CONTROLLER_BUTTON_START,
    "leftstick": pygame.CONTROLLER_BUTTON_LEFTSTICK, "rightstick": pygame.CONTROLLER_BUTTON_RIGHTSTICK,
    "leftshoulder": pygame.CONTROLLER_BUTTON_LEFTSHOULDER, "rightshoulder": pygame.CONTROLLER_BUTTON_RIGHTSHOULDER,
    "dpup": pygame.CONTROLLER_BUTTON_DPAD_UP, "dpdown": pygame.CONTROLLER_BUTTON_DPAD_DOWN,
    "dpleft": pygame.CONTROLLER_BUTTON_DPAD_LEFT, "dpright": pygame.CONTROLLER_BUTTON_DPAD_RIGHT,
}
PAD_NAMES: dict[int, str] = {code: name for name, code in PAD_CODES.items()}

# The fighter's buttons in the order a dancer learns them (the bindings page lists them so).
ACTION_NAMES: tuple[str, ...] = ("left", "right", "up", "down", "jump", "light", "heavy", "spin", "dodge", "block")
ACTION_BUTTONS: dict[str, Button] = {name: Button[name.upper()] for name in ACTION_NAMES}
ACTION_WORDS: dict[str, str] = {
    "left": "move left", "right": "move right", "up": "up", "down": "crouch / down", "jump": "jump",
    "light": "light  (battement)", "heavy": "heavy  (arabesque)", "spin": "spin  (pirouette)",
    "dodge": "dodge  (pas de bourrée)", "block": "block  (tap in time: parry)",
}
KEY_SLOTS = 2  # keys one action may have (a main one and another)
PAD_SLOTS = 1  # pad buttons one action may have (the left stick always moves as well)

DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "left": ("left", "a"), "right": ("right", "d"), "up": ("up", "w"), "down": ("down", "s"),
    "jump": ("space",), "light": ("j",), "heavy": ("k",), "spin": ("l",),
    "dodge": ("left shift", ";"), "block": ("i", "u"),
}
DEFAULT_PAD: dict[str, tuple[str, ...]] = {
    "left": ("dpleft",), "right": ("dpright",), "up": ("dpup",), "down": ("dpdown",),
    "jump": ("a",), "light": ("x",), "heavy": ("y",), "spin": ("b",),
    "dodge": ("rightshoulder",), "block": ("leftshoulder",),
}
# Keys and buttons the app keeps for itself: binding them to a fighter button is refused, with why.
RESERVED_KEYS: dict[str, str] = {
    "escape": "pause and menus", "f1": "the controls card", "f3": "the hitboxes", "f9": "saving a replay",
    "f11": "fullscreen", "return": "menus",
}
RESERVED_PAD: dict[str, str] = {"start": "pause", "back": "the controls card", "guide": "the system"}


@dataclass(frozen=True, slots=True)
class Bindings:
    """Which key codes and pad button codes hold which fighter button: what Hands reads every tick."""

    keys: dict[int, Button]
    pad: dict[int, Button]

    @classmethod
    def from_names(cls, keys: dict[str, tuple[str, ...]], pad: dict[str, tuple[str, ...]]) -> Bindings:
        """Bindings from the settings' names (unknown names are skipped: the settings file checked them)."""
        return cls(
            {KEY_CODES[key]: ACTION_BUTTONS[action] for action, names in keys.items() for key in names
             if key in KEY_CODES},
            {PAD_CODES[button]: ACTION_BUTTONS[action] for action, names in pad.items() for button in names
             if button in PAD_CODES},
        )


DEFAULT_BINDINGS = Bindings.from_names(DEFAULT_KEYS, DEFAULT_PAD)
KEY_BUTTONS: dict[int, Button] = DEFAULT_BINDINGS.keys  # the defaults; the live ones are app.hands.bindings
PAD_BUTTONS: dict[int, Button] = DEFAULT_BINDINGS.pad

STICK_DEADZONE = 0.45  # fraction of full tilt before the left stick counts as a direction
STICK_FULL = 32767.0  # raw axis value of a stick pushed all the way

# Menu intents: what a key or pad button means on the title, pause and controls screens (never remapped,
# so a menu can always be left whatever the bindings became).
UP, DOWN, CONFIRM, BACK, PAUSE = "up", "down", "confirm", "back", "pause"
MENU_KEYS: dict[int, str] = {
    pygame.K_UP: UP, pygame.K_w: UP, pygame.K_DOWN: DOWN, pygame.K_s: DOWN,
    pygame.K_RETURN: CONFIRM, pygame.K_KP_ENTER: CONFIRM, pygame.K_SPACE: CONFIRM, pygame.K_j: CONFIRM,
    pygame.K_ESCAPE: BACK, pygame.K_BACKSPACE: BACK,
}
MENU_PAD: dict[int, str] = {
    pygame.CONTROLLER_BUTTON_DPAD_UP: UP, pygame.CONTROLLER_BUTTON_DPAD_DOWN: DOWN,
    pygame.CONTROLLER_BUTTON_A: CONFIRM, pygame.CONTROLLER_BUTTON_B: BACK,
    pygame.CONTROLLER_BUTTON_START: PAUSE,
}
SIDE_KEYS: dict[int, int] = {pygame.K_LEFT: -1, pygame.K_a: -1, pygame.K_RIGHT: 1, pygame.K_d: 1}
SIDE_PAD: dict[int, int] = {pygame.CONTROLLER_BUTTON_DPAD_LEFT: -1, pygame.CONTROLLER_BUTTON_DPAD_RIGHT: 1}

# --- what the player is shown: keys, or the buttons of the pad family in their hands -------------------

KEYBOARD = "keyboard"
XBOX, PLAYSTATION, NINTENDO = "xbox", "playstation", "nintendo"
PAD_FAMILY_WORDS: dict[str, tuple[str, ...]] = {  # words in SDL's controller names, lower case
    PLAYSTATION: ("playstation", "ps3", "ps4", "ps5", "dualshock", "dualsense", "sony"),
    NINTENDO: ("nintendo", "switch", "joy-con", "joycon", "wii u", "gamecube"),
}
_FACE = {"dpup": "D-pad up", "dpdown": "D-pad down", "dpleft": "D-pad left", "dpright": "D-pad right",
         "guide": "Home"}
PAD_LABELS: dict[str, dict[str, str]] = {
    # SDL names buttons by position (a: the bottom face button); with SDL's default "use button labels",
    # a Nintendo pad's buttons report by the letter printed on them, so its letters read the same.
    XBOX: {**_FACE, "a": "A", "b": "B", "x": "X", "y": "Y", "leftshoulder": "LB", "rightshoulder": "RB",
           "leftstick": "LS", "rightstick": "RS", "back": "View", "start": "Menu", "guide": "Xbox"},
    PLAYSTATION: {**_FACE, "a": "Cross", "b": "Circle", "x": "Square", "y": "Triangle", "leftshoulder": "L1",
                  "rightshoulder": "R1", "leftstick": "L3", "rightstick": "R3", "back": "Share",
                  "start": "Options", "guide": "PS"},
    NINTENDO: {**_FACE, "a": "A", "b": "B", "x": "X", "y": "Y", "leftshoulder": "L", "rightshoulder": "R",
               "leftstick": "L-stick", "rightstick": "R-stick", "back": "−", "start": "+"},
}


def pad_family(controller_name: str) -> str:
    """The family of a pad from SDL's name for it: "playstation", "nintendo", else "xbox" (SDL's layout)."""
    name = controller_name.lower()
    for family, words in PAD_FAMILY_WORDS.items():
        if any(word in name for word in words):
            return family
    return XBOX


def key_label(name: str) -> str:
    """A key as the player reads it: "J", "Space", "Left Shift", ";"."""
    if len(name) == 1:
        return name.upper()
    return " ".join(word.capitalize() for word in name.split())


def pad_label(name: str, family: str = XBOX) -> str:
    """A pad button as printed on the player's pad: "A" on an Xbox pad, "Cross" on a PlayStation one."""
    return PAD_LABELS.get(family, PAD_LABELS[XBOX]).get(name, name)


def pad_family_of(device: str) -> str:
    """The pad family to show for `device` (the keyboard shows Xbox names where pad buttons appear)."""
    return device if device in PAD_LABELS else XBOX


def action_labels(device: str, keys: dict[str, tuple[str, ...]], pad: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each fighter button's first key (keyboard) or pad button (a pad family), as shown on cards."""
    if device == KEYBOARD:
        return {action: key_label(names[0]) if names else "—" for action, names in keys.items()}
    return {action: pad_label(names[0], device) if names else "—" for action, names in pad.items()}


ARROW_PAIRS = ({"left", "right"}, {"up", "down"})  # a pair of arrow keys reads as "arrows"
DPAD_PAIRS = ({"dpleft", "dpright"}, {"dpup", "dpdown"})  # a pair of d-pad directions reads as "D-pad"


def control_lines(keys: dict[str, tuple[str, ...]], pad: dict[str, tuple[str, ...]],
                  family: str = XBOX) -> list[tuple[str, str, str]]:
    """The F1 card's rows, (what, keyboard, pad), from the live bindings and the pad family in use."""
    def keys_of(*actions: str) -> str:
        return " / ".join(key_label(k) for action in actions for k in keys.get(action, ())) or "—"

    def pad_of(*actions: str) -> str:
        return " / ".join(pad_label(b, family) for action in actions for b in pad.get(action, ())) or "—"

    def key_pair(one: str, other: str) -> str:
        slots = zip(keys.get(one, ()), keys.get(other, ()), strict=False)
        return " / ".join("arrows" if {a, b} in ARROW_PAIRS else f"{key_label(a)} {key_label(b)}" for a, b in slots)

    def pad_pair(one: str, other: str) -> str:
        slots = zip(pad.get(one, ()), pad.get(other, ()), strict=False)
        return " / ".join(["left stick"] + ["D-pad" if {a, b} in DPAD_PAIRS else
                                            f"{pad_label(a, family)} {pad_label(b, family)}" for a, b in slots])

    rows = [("move", key_pair("left", "right"), pad_pair("left", "right")),
            ("crouch / up", key_pair("down", "up"), pad_pair("down", "up")),
            ("jump  (down + jump: drop)", keys_of("jump"), pad_of("jump")),
            ("run", "tap a direction twice", "tap twice")]
    rows += [(ACTION_WORDS[action], keys_of(action), pad_of(action)) for action in ACTION_NAMES[5:]]
    rows += [("pause", "Esc", pad_label("start", family)), ("controls", "F1", pad_label("back", family)),
             ("hitboxes / input display", "F3 / F4", ""), ("save replay", "F9", ""), ("fullscreen", "F11", "")]
    return rows


CONTROL_LINES: tuple[tuple[str, str, str], ...] = tuple(control_lines(DEFAULT_KEYS, DEFAULT_PAD))
HINT_KEYS: dict[str, str] = {"Enter": "a", "Esc": "b", "F1": "back"}  # a corner hint's key -> its pad button
HINT_PAUSE_WORDS = ("pause", "resume")  # hints whose Esc is the pad's Start


def hint_for(words: str, device: str) -> str:
    """A corner hint ("F1  controls     Esc  pause") in the device's terms: pad buttons for a pad.

    Hints are pairs of "key  what" five spaces apart; a pair with no pad equivalent (F9) is left out.
    """
    if device == KEYBOARD:
        return words
    pairs = []
    for pair in words.split("     "):
        key, _, what = pair.partition("  ")
        if key in ("Up Down", "Left Right"):
            pairs.append(f"D-pad {key.lower()}  {what}")
        elif key == "Esc" and what.strip() in HINT_PAUSE_WORDS:
            pairs.append(f"{pad_label('start', device)}  {what}")
        elif key in HINT_KEYS:
            pairs.append(f"{pad_label(HINT_KEYS[key], device)}  {what}")
    return "     ".join(pairs)


KEY_OF_BUTTON = {"light": "J", "heavy": "K", "spin": "L", "dodge": "Shift"}
DIRECTION_WORDS = {"forward": "fwd + ", "down": "down + ", "up": "up + ", "neutral": ""}
REQUIRES_WORDS = {"pistol": "  (pistol)", "knife": "  (knife)"}  # gun-fu: the weapon in hand it needs


def move_lines(moves: dict, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The repertoire as the F1 card lists it: (move name, keys), e.g. ("Rond de jambe", "down + J").

    `moves` maps move ids to MoveSpecs (a fighter's move file): the list follows the data, never code.
    `labels` names each button as the device in use shows it (`action_labels`); default: the keyboard's.
    """
    labels = labels or KEY_OF_BUTTON
    lines = []
    for spec in moves.values():
        direction, _, button = spec.input.rpartition("+")
        keys = DIRECTION_WORDS.get(direction or "neutral", f"{direction} + ") + labels.get(button, button)
        needs = REQUIRES_WORDS.get(spec.requires or "", "") + ("  (full grace)" if spec.finisher else "")
        lines.append((spec.name, keys + ("  (air)" if spec.air else "") + needs))
    return lines


def button_of_key(key: int, bindings: Bindings = DEFAULT_BINDINGS) -> Button | None:
    """The fighter button a keyboard key holds, or None."""
    return bindings.keys.get(key)


def button_of_pad(button: int, bindings: Bindings = DEFAULT_BINDINGS) -> Button | None:
    """The fighter button a gamepad button holds, or None."""
    return bindings.pad.get(button)


def stick_mask(x: float, y: float) -> int:
    """The directions a left stick at (x, y) holds, each -1..1 with y down as SDL reports it."""
    mask = 0
    if x <= -STICK_DEADZONE:
        mask |= Button.LEFT
    elif x >= STICK_DEADZONE:
        mask |= Button.RIGHT
    if y <= -STICK_DEADZONE:
        mask |= Button.UP
    elif y >= STICK_DEADZONE:
        mask |= Button.DOWN
    return int(mask)


def menu_intent(event: pygame.event.Event) -> str | None:
    """What a key or pad press means in a menu: up, down, confirm, back or pause; None for the rest."""
    if event.type == pygame.KEYDOWN:
        return MENU_KEYS.get(event.key)
    if event.type == pygame.CONTROLLERBUTTONDOWN:
        return MENU_PAD.get(event.button)
    return None


def side_intent(event: pygame.event.Event) -> int:
    """-1 or +1 when a key or pad press means left or right on a slider or a choice; 0 otherwise."""
    if event.type == pygame.KEYDOWN:
        return SIDE_KEYS.get(event.key, 0)
    if event.type == pygame.CONTROLLERBUTTONDOWN:
        return SIDE_PAD.get(event.button, 0)
    return 0


def device_of(event: pygame.event.Event) -> str | None:
    """Which kind of device sent `event`: "keyboard", "pad" (a press or a stick pushed well over), or None."""
    kind = event.type
    if kind == pygame.KEYDOWN:
        return KEYBOARD
    if kind == pygame.CONTROLLERBUTTONDOWN:
        return "pad"
    if kind == pygame.CONTROLLERAXISMOTION and abs(event.value) / STICK_FULL >= STICK_DEADZONE:
        return "pad"
    return None


@dataclass(slots=True)
class Hands:
    """What the player holds right now, kept from key and pad events (never polled from a device).

    Raw key and button codes are kept; `bindings` (the live settings') says what they hold at each tick,
    so a remap takes effect at once, even for a key already down.
    """

    keys: set[int] = field(default_factory=set)
    pad_buttons: set[int] = field(default_factory=set)
    stick: tuple[float, float] = (0.0, 0.0)
    bindings: Bindings = DEFAULT_BINDINGS

    def feel(self, event: pygame.event.Event) -> None:
        """Note a press, a release or a stick movement."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            self.keys.add(event.key)
        elif kind == pygame.KEYUP:
            self.keys.discard(event.key)
        elif kind == pygame.CONTROLLERBUTTONDOWN:
            self.pad_buttons.add(event.button)
        elif kind == pygame.CONTROLLERBUTTONUP:
            self.pad_buttons.discard(event.button)
        elif kind == pygame.CONTROLLERAXISMOTION:
            value = max(-1.0, event.value / STICK_FULL)
            if event.axis == pygame.CONTROLLER_AXIS_LEFTX:
                self.stick = (value, self.stick[1])
            elif event.axis == pygame.CONTROLLER_AXIS_LEFTY:
                self.stick = (self.stick[0], value)

    def release_all(self) -> None:
        """Let go of everything (the window lost focus, the pad was pulled out, a menu opened)."""
        self.keys.clear()
        self.pad_buttons.clear()
        self.stick = (0.0, 0.0)

    def frame(self) -> InputFrame:
        """The ballerina's InputFrame for this tick."""
        mask = 0
        keys, pad = self.bindings.keys, self.bindings.pad
        for key in self.keys:
            button = keys.get(key)
            if button is not None:
                mask |= button
        for pad_button in self.pad_buttons:
            button = pad.get(pad_button)
            if button is not None:
                mask |= button
        mask |= stick_mask(*self.stick)
        return InputFrame(int(mask))


class Gamepads:
    """The plugged-in game controllers, opened and closed as SDL reports them; none at all is fine."""

    def __init__(self) -> None:
        self.pads: dict[int, object] = {}  # instance id -> pygame._sdl2.controller.Controller
        self.names: dict[int, str] = {}
        try:
            from pygame._sdl2 import controller

            controller.init()
            self._controller = controller
        except Exception as error:  # an SDL without game-controller support: keyboard only
            print(f"ballerina: gamepads are off ({error})", file=sys.stderr)
            self._controller = None

    def notice(self, event: pygame.event.Event) -> str | None:
        """Open or close a pad on a hot-plug event; returns "added" or "removed", None otherwise."""
        if self._controller is None:
            return None
        if event.type == pygame.CONTROLLERDEVICEADDED:
            return self._open(event.device_index)
        if event.type == pygame.CONTROLLERDEVICEREMOVED:
            pad = self.pads.pop(event.instance_id, None)
            self.names.pop(event.instance_id, None)
            if pad is not None:
                with contextlib.suppress(Exception):
                    pad.quit()  # type: ignore[attr-defined]
                return "removed"
        return None

    def _open(self, device_index: int) -> str | None:
        try:
            pad = self._controller.Controller(device_index)  # type: ignore[union-attr]
            instance = pad.as_joystick().get_instance_id()
        except Exception as error:
            print(f"ballerina: cannot open gamepad {device_index} ({error})", file=sys.stderr)
            return None
        if instance in self.pads:
            return None
        self.pads[instance] = pad
        self.names[instance] = pad.name
        return "added"

    def family(self, instance_id: int | None) -> str:
        """The button family of the pad with this instance id (Xbox names for a pad SDL did not name)."""
        return pad_family(self.names.get(instance_id, "") if instance_id is not None else "")

    @property
    def count(self) -> int:
        return len(self.pads)
