"""Moves compiled from their specs into per-frame tables the simulation can read in O(1)."""

from __future__ import annotations

from dataclasses import dataclass

from game.data.moves import HitSpec, MoveFile, MoveSpec
from game.sim.inputs import Button

BUTTONS = {"light": int(Button.LIGHT), "heavy": int(Button.HEAVY), "spin": int(Button.SPIN), "dodge": int(Button.DODGE)}


@dataclass(frozen=True, slots=True)
class Hit:
    """A hit instance with its boxes ready for either facing: (x0, y0, x1, y1) from the feet."""

    index: int
    spec: HitSpec
    boxes_right: tuple[tuple[float, float, float, float], ...]
    boxes_left: tuple[tuple[float, float, float, float], ...]


class Move:
    """One move of a MoveBook; frames are numbered from 1 like the frame-data table."""

    __slots__ = (
        "id", "spec", "name", "total", "air", "button", "direction", "hits", "hit_at",
        "cancel_at", "cancel_on_hit_at", "motion_at", "invulnerable_at", "specificity",
        "finisher", "armour_until", "requires", "shot", "throw", "shot_hit", "throw_hit", "pick_up", "deflects",
        "windows", "whiff_frame",
    )

    def __init__(self, move_id: str, spec: MoveSpec) -> None:
        self.id = move_id
        self.spec = spec
        self.name = spec.name
        self.total = spec.total
        self.air = spec.air
        self.finisher = spec.finisher
        self.armour_until = spec.startup + spec.active if spec.armour else 0  # last frame armour holds
        self.requires = spec.requires  # a weapon in hand (or at her feet) the move needs: see Fighter.find_move
        self.shot, self.throw, self.pick_up, self.deflects = spec.shot, spec.throw, spec.pick_up, spec.deflects
        self.shot_hit = Hit(0, spec.shot.as_hit(), (), ()) if spec.shot else None  # what a bullet deals
        self.throw_hit = Hit(0, spec.throw.as_hit(), (), ()) if spec.throw else None
        parts = spec.input.split("+")
        self.button = BUTTONS[parts[-1]]
        self.direction = parts[0] if len(parts) == 2 else "neutral"
        self.specificity = 0 if self.direction == "neutral" else 1
        frames = range(self.total + 2)  # index 0 unused, one spare past the end
        self.hits = tuple(_compile_hit(i, h) for i, h in enumerate(spec.hits))
        self.whiff_frame = spec.startup + spec.active + 1 if self.hits else -1  # the frame a miss is told on
        self.hit_at: list[Hit | None] = [None for _ in frames]
        for hit in self.hits:
            for f in range(hit.spec.frames[0], hit.spec.frames[1] + 1):
                self.hit_at[f] = hit
        self.cancel_at: list[frozenset[str]] = [frozenset() for _ in frames]
        self.cancel_on_hit_at: list[frozenset[str]] = [frozenset() for _ in frames]
        for cancel in spec.cancels:
            table = self.cancel_on_hit_at if cancel.on_hit else self.cancel_at
            for f in range(cancel.frames[0], cancel.frames[1] + 1):
                table[f] = table[f] | frozenset(cancel.into)
        self.motion_at: list[tuple[float, float | None] | None] = [None for _ in frames]
        for motion in spec.motion:
            for f in range(motion.frames[0], motion.frames[1] + 1):
                self.motion_at[f] = motion.velocity
        self.windows: dict[tuple[str, bool], range | None] = {}  # cancel_window's answers, worked out once each
        self.invulnerable_at = [False for _ in frames]
        if spec.invulnerable:
            for f in range(spec.invulnerable[0], spec.invulnerable[1] + 1):
                self.invulnerable_at[f] = True

    def cancels_into(self, frame: int, connected: bool) -> frozenset[str]:
        """Moves (and `jump`) this move may be cancelled into on `frame`."""
        if frame > self.total:
            return frozenset()
        if connected:
            return self.cancel_at[frame] | self.cancel_on_hit_at[frame]
        return self.cancel_at[frame]

    def cancel_window(self, into: str, connected: bool = True) -> range | None:
        """Frames of this move during which `into` may be started, or None if it never may."""
        key = (into, connected)
        if key not in self.windows:  # asked by brains every thought of a chain: looked at once per move
            frames = [f for f in range(1, self.total + 1) if into in self.cancels_into(f, connected)]
            self.windows[key] = range(frames[0], frames[-1] + 1) if frames else None
        return self.windows[key]

    def on_hit_advantage(self) -> int | None:
        """Frames the attacker recovers before the target, after the move's last hit connects."""
        if not self.hits:
            return None
        last = self.hits[-1].spec
        return last.hitstun - (self.total - last.frames[0])

    def on_block_advantage(self) -> int | None:
        """Frames the attacker recovers before a guard that took the move's last hit (negative: unsafe)."""
        if not self.hits:
            return None
        last = self.hits[-1].spec
        return last.guard_frames - (self.total - last.frames[0])

    def __repr__(self) -> str:
        return f"Move({self.id!r})"


def _compile_hit(index: int, spec: HitSpec) -> Hit:
    right = tuple((x, y, x + w, y + h) for x, y, w, h in spec.boxes)
    left = tuple((-x1, y0, -x0, y1) for x0, y0, x1, y1 in right)
    return Hit(index, spec, right, left)


class MoveBook:
    """A fighter's repertoire: moves by id, and the commands that start them, most specific first."""

    def __init__(self, file: MoveFile | None) -> None:
        self.moves: dict[str, Move] = {}
        if file is not None:
            self.moves = {move_id: Move(move_id, spec) for move_id, spec in file.moves.items()}
        # a move that needs a weapon comes before the one its input starts otherwise (pick-up, rond de jambe)
        ordered = sorted(self.moves.values(), key=lambda m: (-m.specificity, m.requires is None, m.id))
        self.ground = [m for m in ordered if not m.air]
        self.air = [m for m in ordered if m.air]
        self._follow_ups: dict[str, tuple[str, ...]] = {}

    def follow_ups(self, move: Move) -> tuple[str, ...]:
        """The striking moves of this book that a hit of `move` may cancel into, in name order, each once.

        Worked out once per move: brains ask it at every move of theirs that connects.
        """
        found = self._follow_ups.get(move.id)
        if found is None:
            moves = self.moves
            names = sorted(into for frame in move.cancel_on_hit_at for into in frame if into in moves)
            found = self._follow_ups[move.id] = tuple(name for name in dict.fromkeys(names) if moves[name].hits)
        return found

    def __getitem__(self, move_id: str) -> Move:
        return self.moves[move_id]

    def __contains__(self, move_id: object) -> bool:
        return move_id in self.moves

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.moves.values())

    def __len__(self) -> int:
        return len(self.moves)
