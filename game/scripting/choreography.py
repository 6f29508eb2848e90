"""Choreography lines — `pirouette > fouette x2 > grand_jete` — parsed into steps a runner performs."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from game.data.errors import unknown_name
from game.data.moves import COMMAND_BUTTONS
from game.sim.moves import MoveBook

_STEP_NAMED = re.compile(r"step (\d+)\b")  # how every step's failure message begins
DIRECTION_WORDS = ("left", "right", "forward", "back")
INPUT_DIRECTIONS = ("forward", "down", "up")
MAX_REPEAT = 20
MAX_TICKS = 3600  # one minute: longer waits or holds in a combo test are surely a typo


class ScriptError(Exception):
    """A choreography line that cannot be read; the message names the step."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a phrase: `kind` is move, input, wait, walk, run, jump, dash, recover or turn."""

    index: int  # 1-based, as the user counts
    text: str  # as written, for messages
    kind: str
    move: str | None = None  # for kind "move"
    buttons: tuple[str, ...] = ()  # for kind "input": e.g. ("down", "spin")
    direction: str | None = None  # left, right, forward, back
    ticks: int = 1  # wait, walk, run: how long; move/input: how long to hold the buttons

    def label(self) -> str:
        return f"step {self.index} '{self.text}'"


def failed_step(message: str | None) -> int | None:
    """The step a failure names ("step 3 'fouette': ..." or "step 3: empty step"): its number, or None
    for a failure of no one step (the inputs of a timed test)."""
    found = _STEP_NAMED.match(message or "")
    return int(found.group(1)) if found else None


def plain(text: str) -> str:
    """Lower case without accents: `Fouetté` → `fouette`, so lines can be written as dancers write."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def _count(word: str, step: str, what: str) -> int:
    if not word.isdigit() or not 0 <= int(word) <= MAX_TICKS:
        raise ScriptError(f"{step}: {what} must be a whole number of ticks from 0 to {MAX_TICKS}, not {word!r}")
    return int(word)


def _direction(word: str, step: str) -> str:
    if word not in DIRECTION_WORDS:
        raise ScriptError(f"{step}: expected a direction ({', '.join(DIRECTION_WORDS)}), not {word!r}")
    return word


def _input(text: str) -> tuple[str, ...] | None:
    """`down+spin` → ("down", "spin"); None when the text is not an input."""
    parts = text.split("+")
    if parts[-1] not in COMMAND_BUTTONS:
        return None
    if len(parts) == 1:
        return (parts[0],)
    if len(parts) == 2 and parts[0] in INPUT_DIRECTIONS:
        return (parts[0], parts[1])
    return None


def parse_line(line: str, book: MoveBook) -> list[Step]:
    """Every step of a choreography line, or a ScriptError naming the first step that cannot be read."""
    raw_steps = [part.strip() for part in line.split(">")]
    steps: list[Step] = []
    for raw in raw_steps:
        index = len(steps) + 1
        if not raw:
            raise ScriptError(f"step {index}: empty step (two '>' in a row, or one at an end)")
        words = plain(raw).split()
        repeat = 1
        match = re.fullmatch(r"[x×*](\d+)", words[-1]) if len(words) > 1 else None
        if match:
            repeat = int(match.group(1))
            words = words[:-1]
            if not 1 <= repeat <= MAX_REPEAT:
                raise ScriptError(f"step {index} '{raw}': repeat count must be 1 to {MAX_REPEAT}")
        for _ in range(repeat):
            steps.append(_parse_step(len(steps) + 1, raw, words, book))
    return steps


def _parse_step(index: int, raw: str, words: list[str], book: MoveBook) -> Step:
    where = f"step {index} '{raw}'"
    head, rest = words[0], words[1:]
    if head == "wait":
        if len(rest) != 1:
            raise ScriptError(f"{where}: write `wait N` with N ticks")
        return Step(index, raw, "wait", ticks=_count(rest[0], where, "the wait"))
    if head in ("walk", "run"):
        if len(rest) != 2:
            raise ScriptError(f"{where}: write `{head} left|right|forward|back N`")
        return Step(index, raw, head, direction=_direction(rest[0], where), ticks=_count(rest[1], where, "the time"))
    if head == "jump":
        if len(rest) > 1:
            raise ScriptError(f"{where}: write `jump` or `jump left|right|forward|back`")
        return Step(index, raw, "jump", direction=_direction(rest[0], where) if rest else None)
    if head in ("dash", "recover"):
        if rest:
            raise ScriptError(f"{where}: `{head}` takes nothing after it")
        return Step(index, raw, head)
    if head == "turn":
        if len(rest) != 1 or rest[0] not in ("left", "right"):
            raise ScriptError(f"{where}: write `turn left` or `turn right`")
        return Step(index, raw, "turn", direction=rest[0])
    if head == "hold":
        if len(rest) != 2:
            raise ScriptError(f"{where}: write `hold BUTTON N`, e.g. `hold heavy 20` or `hold down+heavy 10`")
        buttons = _input(rest[0])
        if buttons is None:
            raise ScriptError(f"{where}: {rest[0]!r} is not an input such as heavy or down+spin")
        return Step(index, raw, "input", buttons=buttons, ticks=max(1, _count(rest[1], where, "the hold")))
    if len(words) != 1:
        raise ScriptError(f"{where}: not a move, an input or a known step (wait, walk, run, jump, dash, recover)")
    buttons = _input(head)
    if buttons is not None:
        return Step(index, raw, "input", buttons=buttons)
    if head not in book:
        raise ScriptError(f"{where}: {unknown_name('move', head, [m.id for m in book])}")
    return Step(index, raw, "move", move=head)
