"""The performer: presses the ballerina's buttons, tick by tick, to dance a parsed phrase."""

from __future__ import annotations

from game.scripting.choreography import Step
from game.sim.fighter import AIR_STATES, GROUNDED_STATES, Fighter
from game.sim.inputs import ACTIONS, BUTTON_NAMES, Button, InputFrame
from game.sim.moves import Move
from game.sim.world import World

WAIT_LIMIT = 600  # ticks a step may wait for her to be free before the phrase is declared impossible
ACTION_BITS = int(ACTIONS)
INPUT_BUTTONS = {"light": Button.LIGHT, "heavy": Button.HEAVY, "spin": Button.SPIN, "dodge": Button.DODGE}


class StepFailed(Exception):
    """A step of the phrase cannot be performed; the message names the step, the frame and why."""


class Performer:
    """Drives the world's player through steps and remembers every input and event."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.fighter: Fighter = world.player  # type: ignore[assignment]
        self.inputs: list[int] = []
        self.events: list = []
        self.held = 0
        self.frames_used = 0
        self.target_state_at_end: str | None = None
        self.previous: Step | None = None

    # --- ticking -----------------------------------------------------------------------------

    def tick(self, held: int = 0) -> None:
        world = self.world
        self.events += world.step({world.player_id: InputFrame(held)})  # type: ignore[dict-item]
        self.inputs.append(held)
        self.held = held

    def press(self, mask: int, ticks: int = 1) -> None:
        """Hold `mask` for `ticks` ticks, releasing first if a button is still down (a press needs an edge)."""
        if mask & self.held & ACTION_BITS:
            self.tick(0)
        for _ in range(ticks):
            self.tick(mask)

    def horizontal(self, word: str | None) -> int:
        if word == "left":
            return int(Button.LEFT)
        if word == "right":
            return int(Button.RIGHT)
        if word in ("forward", "back"):
            facing = self.fighter.facing if word == "forward" else -self.fighter.facing
            return int(Button.RIGHT) if facing > 0 else int(Button.LEFT)
        return 0

    # --- what she is doing -------------------------------------------------------------------

    def free_on_ground(self) -> bool:
        f = self.fighter
        return f.hitstop == 0 and f.state in GROUNDED_STATES and f.grounded

    def free(self) -> bool:
        f = self.fighter
        return f.hitstop == 0 and (f.state in GROUNDED_STATES or f.state in AIR_STATES)

    def where(self) -> str:
        f = self.fighter
        if f.state == "move" and f.move is not None:
            return f"{f.move.id} frame {f.move_frame}"
        return f"state {f.state}"

    def wait_until(self, ready, step: Step, what: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(WAIT_LIMIT):
            if ready():
                return
            self.tick(0)
        raise StepFailed(f"{step.label()}: {what} never came within {WAIT_LIMIT} ticks ({self.where()})")

    # --- steps -------------------------------------------------------------------------------

    def perform(self, steps: list[Step]) -> None:
        for step in steps:
            handler = getattr(self, f"_step_{step.kind}")
            handler(step)
            self.previous = step

    def play_inputs(self, timed: list[tuple[int, list[str], int]]) -> None:
        """Frame-exact inputs: each (at, buttons, hold) holds its buttons from tick `at`."""
        last = max((at + hold for at, _, hold in timed), default=1)
        masks = [0] * last
        for at, buttons, hold in timed:
            mask = 0
            for name in buttons:
                if name not in BUTTON_NAMES:
                    known = ", ".join(BUTTON_NAMES)
                    raise StepFailed(f"inputs at tick {at}: unknown button {name!r} (buttons: {known})")
                mask |= int(BUTTON_NAMES[name])
            for t in range(at, at + hold):
                masks[t - 1] |= mask
        for mask in masks[: last - 1]:
            self.tick(mask)

    def recover(self, limit: int, final: bool = False) -> None:
        """Let her finish what she is doing; with `final`, note the target's state at that moment."""
        f = self.fighter
        for _ in range(limit):
            if f.hitstop == 0 and f.state in GROUNDED_STATES and f.state != "land":
                break
            self.tick(0)
        if final:
            from game.scripting.combos import target_state

            self.frames_used = self.world.tick
            if len(self.world.fighters) > 1:
                self.target_state_at_end = target_state(self.world, self.world.fighters[1])

    def _step_wait(self, step: Step) -> None:
        for _ in range(step.ticks):
            self.tick(0)

    def _step_recover(self, step: Step) -> None:
        self.wait_until(self.free_on_ground, step, "a moment free to act")

    def _step_walk(self, step: Step, run: bool = False) -> None:
        self.wait_until(self.free_on_ground, step, "a moment free to walk")
        mask = self.horizontal(step.direction)
        if run:
            self.press(mask)
            self.tick(0)
        for _ in range(step.ticks):
            self.tick(mask)

    def _step_run(self, step: Step) -> None:
        self._step_walk(step, run=True)

    def _step_dash(self, step: Step) -> None:
        self._step_walk(Step(step.index, step.text, "run", direction="forward", ticks=12), run=True)

    def _step_turn(self, step: Step) -> None:
        self.wait_until(self.free_on_ground, step, "a moment free to turn")
        self.press(self.horizontal(step.direction))

    def _step_jump(self, step: Step) -> None:
        f = self.fighter
        mask = int(Button.JUMP) | self.horizontal(step.direction)
        if f.state == "move":
            self._cancel_into(step, "jump", mask, "jump")
            return
        if f.state in AIR_STATES:
            raise StepFailed(f"{step.label()}: she is already in the air ({self.where()})")
        self.wait_until(self.free_on_ground, step, "a moment free to jump")
        self.press(mask)
        if f.state != "jump":
            raise StepFailed(f"{step.label()}: the jump did not happen ({self.where()})")

    def _step_move(self, step: Step) -> None:
        assert step.move is not None
        self._perform_move(step, self.fighter.book[step.move])

    def _step_input(self, step: Step) -> None:
        f = self.fighter
        airborne = not f.grounded or f.state in AIR_STATES
        move = self._resolve(step.buttons, airborne)
        if move is None:
            where = "in the air" if airborne else "on the ground"
            raise StepFailed(f"{step.label()}: no move of hers starts with {'+'.join(step.buttons)} {where}")
        self._perform_move(step, move)

    def _resolve(self, buttons: tuple[str, ...], airborne: bool) -> Move | None:
        button = int(INPUT_BUTTONS[buttons[-1]])
        direction = buttons[0] if len(buttons) == 2 else "neutral"
        pool = self.fighter.book.air if airborne else self.fighter.book.ground
        for move in pool:
            if move.button == button and move.direction in (direction, "neutral"):
                return move
        return None

    def input_mask(self, move: Move, step: Step) -> int:
        mask = int(move.button)
        direction = step.buttons[0] if step.kind == "input" and len(step.buttons) == 2 else move.direction
        if direction == "forward":
            mask |= self.horizontal("forward")
        elif direction == "down":
            mask |= int(Button.DOWN)
        elif direction == "up":
            mask |= int(Button.UP)
        return mask

    def _perform_move(self, step: Step, move: Move) -> None:
        f = self.fighter
        mask = self.input_mask(move, step)
        if f.state == "move":
            self._cancel_into(step, move.id, mask, move.name)
        else:
            if move.air:
                if f.state not in AIR_STATES and f.grounded:
                    raise StepFailed(
                        f"{step.label()}: {move.id} is an air move and she is on the ground; put `jump` before it"
                    )
                self.wait_until(lambda: f.hitstop == 0 and f.state in AIR_STATES, step, "a moment free in the air")
            else:
                self.wait_until(self.free_on_ground, step, "a moment free on the ground")
            self.press(mask, step.ticks)
        self._confirm(step, move)

    def _cancel_into(self, step: Step, into: str, mask: int, shown: str) -> None:
        """Press `mask` at the first frame the current move may be cancelled into `into`."""
        f = self.fighter
        chained = self.previous is not None and self.previous.kind in ("move", "input", "jump")
        for _ in range(WAIT_LIMIT):
            if f.state != "move" or f.move is None:
                if chained:
                    raise StepFailed(f"{step.label()}: the previous move ended before {into} could start")
                return self._start_free(step, into, mask)
            current = f.move
            if f.hitstop > 0:
                self.tick(0)
                continue
            upcoming = f.move_frame + 1
            window = current.cancel_window(into, connected=True)
            if window is None:
                if chained:
                    raise StepFailed(f"{step.label()}: {current.id} does not cancel into {into} ({_routes(current)})")
                self.tick(0)  # not a cancel: wait for the move to end, then start from neutral
                continue
            first, last = window.start, window.stop - 1
            if upcoming < first:
                self.tick(0)
                continue
            if upcoming > last:
                raise StepFailed(
                    f"{step.label()}: {current.id} cancels into {into} only in frames {first}–{last}, "
                    f"the step arrived on frame {upcoming}"
                )
            plain = current.cancel_window(into, connected=False)
            if not f.connected and (plain is None or upcoming not in plain):
                raise StepFailed(
                    f"{step.label()}: {current.id} cancels into {into} only on hit (frames {first}–{last}), "
                    f"and {current.id} had not hit anyone"
                )
            self.press(mask, step.ticks)
            return None
        raise StepFailed(f"{step.label()}: waited {WAIT_LIMIT} ticks for a cancel window ({self.where()})")

    def _start_free(self, step: Step, into: str, mask: int) -> None:
        if into == "jump":
            self.wait_until(self.free_on_ground, step, "a moment free to jump")
        else:
            move = self.fighter.book[into]
            ready = (lambda: self.free() and self.fighter.state in AIR_STATES) if move.air else self.free_on_ground
            self.wait_until(ready, step, "a moment free to start it")
        self.press(mask, step.ticks)

    def _confirm(self, step: Step, move: Move) -> None:
        f = self.fighter
        started = f.state == "move" and f.move is move
        if not started:
            raise StepFailed(f"{step.label()}: {move.id} did not start ({self.where()})")


def _routes(move: Move) -> str:
    targets = sorted({t for c in move.spec.cancels for t in c.into})
    return "it cancels into " + ", ".join(targets) if targets else "it cancels into nothing"
