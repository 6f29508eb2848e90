"""The player's hands: keyboard and gamepad turned into the ballerina's InputFrame and menu intents.

Every mapping here is a plain function of an event, so tests build `pygame.event.Event`s directly and
no device is needed. A missing gamepad is fine; plugging one in or pulling it out is noticed.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field

import pygame

from game.sim.inputs import Button, InputFrame

KEY_BUTTONS: dict[int, Button] = {
    pygame.K_LEFT: Button.LEFT,
    pygame.K_a: Button.LEFT,
    pygame.K_RIGHT: Button.RIGHT,
    pygame.K_d: Button.RIGHT,
    pygame.K_UP: Button.UP,
    pygame.K_w: Button.UP,
    pygame.K_DOWN: Button.DOWN,
    pygame.K_s: Button.DOWN,
    pygame.K_SPACE: Button.JUMP,
    pygame.K_j: Button.LIGHT,
    pygame.K_k: Button.HEAVY,
    pygame.K_l: Button.SPIN,
    pygame.K_LSHIFT: Button.DODGE,
    pygame.K_SEMICOLON: Button.DODGE,
    pygame.K_i: Button.BLOCK,
    pygame.K_u: Button.BLOCK,
}

PAD_BUTTONS: dict[int, Button] = {
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: Button.LEFT,
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: Button.RIGHT,
    pygame.CONTROLLER_BUTTON_DPAD_UP: Button.UP,
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: Button.DOWN,
    pygame.CONTROLLER_BUTTON_A: Button.JUMP,
    pygame.CONTROLLER_BUTTON_X: Button.LIGHT,
    pygame.CONTROLLER_BUTTON_Y: Button.HEAVY,
    pygame.CONTROLLER_BUTTON_B: Button.SPIN,
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: Button.DODGE,
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: Button.BLOCK,
}

STICK_DEADZONE = 0.45  # fraction of full tilt before the left stick counts as a direction
STICK_FULL = 32767.0  # raw axis value of a stick pushed all the way

# Menu intents: what a key or pad button means on the title, pause and controls screens.
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

# The controls overlay (F1): every key, in the order a dancer learns them.
CONTROL_LINES: tuple[tuple[str, str, str], ...] = (
    ("move", "arrows / A D", "d-pad / left stick"),
    ("crouch / up", "down S / up W", "d-pad / left stick"),
    ("jump  (down + jump: drop)", "Space", "A"),
    ("run", "tap a direction twice", "tap twice"),
    ("light  (battement)", "J", "X"),
    ("heavy  (arabesque)", "K", "Y"),
    ("spin  (pirouette)", "L", "B"),
    ("dodge  (pas de bourrée)", "Left Shift / ;", "RB"),
    ("block  (tap in time: parry)", "I / U", "LB"),
    ("pause", "Esc", "Start"),
    ("controls", "F1", ""),
    ("debug overlay", "F3", ""),
    ("save replay", "F9", ""),
    ("fullscreen", "F11", ""),
)


KEY_OF_BUTTON = {"light": "J", "heavy": "K", "spin": "L", "dodge": "Shift"}
DIRECTION_WORDS = {"forward": "fwd + ", "down": "down + ", "up": "up + ", "neutral": ""}
REQUIRES_WORDS = {"pistol": "  (pistol)", "knife": "  (knife)"}  # gun-fu: the weapon in hand it needs


def move_lines(moves: dict) -> list[tuple[str, str]]:
    """The repertoire as the F1 card lists it: (move name, keys), e.g. ("Rond de jambe", "down + J").

    `moves` maps move ids to MoveSpecs (a fighter's move file): the list follows the data, never code.
    """
    lines = []
    for spec in moves.values():
        direction, _, button = spec.input.rpartition("+")
        keys = DIRECTION_WORDS.get(direction or "neutral", f"{direction} + ") + KEY_OF_BUTTON.get(button, button)
        needs = REQUIRES_WORDS.get(spec.requires or "", "") + ("  (full grace)" if spec.finisher else "")
        lines.append((spec.name, keys + ("  (air)" if spec.air else "") + needs))
    return lines


def button_of_key(key: int) -> Button | None:
    """The fighter button a keyboard key holds, or None."""
    return KEY_BUTTONS.get(key)


def button_of_pad(button: int) -> Button | None:
    """The fighter button a gamepad button holds, or None."""
    return PAD_BUTTONS.get(button)


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


@dataclass(slots=True)
class Hands:
    """What the player holds right now, kept from key and pad events (never polled from a device)."""

    keys: set[int] = field(default_factory=set)
    pad_buttons: set[int] = field(default_factory=set)
    stick: tuple[float, float] = (0.0, 0.0)

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
        for key in self.keys:
            button = KEY_BUTTONS.get(key)
            if button is not None:
                mask |= button
        for pad_button in self.pad_buttons:
            button = PAD_BUTTONS.get(pad_button)
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

    @property
    def count(self) -> int:
        return len(self.pads)
