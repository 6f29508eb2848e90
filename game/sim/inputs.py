"""Buttons, the per-tick InputFrame, and the input buffer that turns presses into commands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag


class Button(IntFlag):
    """Every button a fighter has; an InputFrame holds a mask of those held down."""

    LEFT = 1
    RIGHT = 2
    UP = 4
    DOWN = 8
    LIGHT = 16
    HEAVY = 32
    SPIN = 64
    JUMP = 128
    DODGE = 256
    BLOCK = 512  # held: guard; pressed just before a hit lands: parry


DIRECTIONS = Button.LEFT | Button.RIGHT | Button.UP | Button.DOWN
ACTIONS = Button.LIGHT | Button.HEAVY | Button.SPIN | Button.JUMP | Button.DODGE
BUTTON_NAMES: dict[str, Button] = {b.name.lower(): b for b in Button}  # type: ignore[union-attr]

_LEFT, _RIGHT, _UP, _DOWN = int(Button.LEFT), int(Button.RIGHT), int(Button.UP), int(Button.DOWN)
_ACTIONS = int(ACTIONS)
_ACTION_BUTTONS = tuple(int(b) for b in (Button.LIGHT, Button.HEAVY, Button.SPIN, Button.JUMP, Button.DODGE))

BUFFER_FRAMES = 8  # ticks a press stays buffered, its own included: up to 7 ticks early still counts
RUN_TAP_FRAMES = 12  # two taps of a direction within this many ticks start a run


@dataclass(frozen=True, slots=True)
class InputFrame:
    """The buttons one fighter holds during one tick."""

    held: int = 0

    @classmethod
    def of(cls, *names: str) -> InputFrame:
        """Build a frame from button names: `InputFrame.of("right", "heavy")`."""
        mask = 0
        for name in names:
            try:
                mask |= BUTTON_NAMES[name.lower()]
            except KeyError:
                known = ", ".join(BUTTON_NAMES)
                raise ValueError(f"unknown button {name!r}; buttons are {known}") from None
        return cls(mask)

    def has(self, button: Button) -> bool:
        return bool(self.held & button)

    def horizontal(self) -> int:
        """-1 for left, +1 for right, 0 for neither or both."""
        held = self.held
        return (1 if held & _RIGHT else 0) - (1 if held & _LEFT else 0)

    def names(self) -> list[str]:
        return [name for name, b in BUTTON_NAMES.items() if self.held & b]


NEUTRAL = InputFrame(0)
ALL_BUTTONS = DIRECTIONS | ACTIONS | Button.BLOCK
_FRAMES = tuple(InputFrame(mask) for mask in range(int(ALL_BUTTONS) + 1))


def command(button: int, direction: str, toward: int) -> int:
    """The buttons held to start a move of `button` and command `direction` ("neutral", "forward", "down",
    "up") facing `toward` (the LEFT or RIGHT bit): what a brain presses to perform it."""
    if direction == "forward":
        return button | toward
    if direction == "down":
        return button | _DOWN | toward
    if direction == "up":
        return button | _UP | toward
    return button


def frame_of(held: int) -> InputFrame:
    """The InputFrame holding `held`: frames are immutable, so brains share one per mask."""
    return _FRAMES[held]


@dataclass(slots=True)
class Press:
    """One action button press waiting in the buffer."""

    tick: int
    button: int  # one Button bit
    direction: str  # "neutral", "forward", "down" or "up", as held when pressed
    horizontal: int  # -1, 0, +1: the horizontal direction held when pressed


def direction_of(frame: InputFrame) -> str:
    """The command direction a frame holds: down and up beat a horizontal, which beats neutral."""
    held = frame.held
    if held & _DOWN:
        return "down"
    if held & _UP:
        return "up"
    if frame.horizontal() != 0:
        return "forward"
    return "neutral"


class InputBuffer:
    """Remembers recent presses of one fighter so an early press still starts the next move."""

    __slots__ = ("previous", "presses", "last_tap", "run_tapped")

    def __init__(self) -> None:
        self.previous = 0
        self.presses: list[Press] = []
        self.last_tap: tuple[int, int] = (-1000, 0)  # tick and horizontal direction of the last tap
        self.run_tapped = False  # a double tap was seen this tick

    def feed(self, tick: int, frame: InputFrame) -> None:
        """Take this tick's frame: record new presses, forget old ones, notice double taps."""
        held = frame.held
        if held == self.previous and not self.presses:
            self.run_tapped = False
            return
        pressed = held & ~self.previous
        self.previous = held
        self.run_tapped = False
        if self.presses and tick - self.presses[0].tick >= BUFFER_FRAMES:
            self.presses = [p for p in self.presses if tick - p.tick < BUFFER_FRAMES]
        if not pressed:
            return
        horizontal = frame.horizontal()
        tapped = pressed & (_LEFT | _RIGHT)
        if tapped and horizontal:
            last_tick, last_dir = self.last_tap
            self.run_tapped = last_dir == horizontal and tick - last_tick <= RUN_TAP_FRAMES
            self.last_tap = (tick, horizontal)
        if pressed & _ACTIONS:
            direction = direction_of(frame)
            for bit in _ACTION_BUTTONS:
                if pressed & bit:
                    self.presses.append(Press(tick, bit, direction, horizontal))

    def take(self, press: Press) -> None:
        """Consume a press that started something, so it cannot start it twice."""
        self.presses.remove(press)

    def clear(self) -> None:
        self.presses.clear()

    def state(self) -> tuple:
        """Everything the buffer holds, for the world's state hash and snapshots."""
        return (
            self.previous,
            tuple((p.tick, p.button, p.direction, p.horizontal) for p in self.presses),
            self.last_tap,
        )
