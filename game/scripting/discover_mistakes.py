"""Data mistakes in a move file: cancel entries that no timing can reach, and why.

Two kinds of evidence. Some entries are impossible by the simulation's rules, read from the file alone
(an on-hit window that closes before the move's first hit can be known, a window on frame 1, a jump out
of an air move). The rest are pressed at every frame of their window by `discover`, in chains that reach
the move; an entry none of those presses started is reported with what was seen there (she was on the
ground for an air move, the move had already ended...).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.data.moves import CancelSpec, MoveFile, MoveSpec
from game.sim.moves import Move

PROBE_CONTEXTS = 3  # chains (per worker) in which an unproven cancel is pressed at every frame of its window
FIRST_CANCEL_FRAME = 2  # a running move looks at its cancels from its second frame on


@dataclass(slots=True)
class Probe:
    """What pressing one cancel target at every frame of its window showed, over the chains tried."""

    started: bool = False
    tries: int = 0
    reached: bool = False  # some frame of the window came while the move was still running
    airborne: bool = False  # she was in the air at some frame of the window
    grounded: bool = False
    connected: bool = False  # the move had hit at some frame of the window
    context: str = ""  # the first chain it was tried in


Key = tuple[str, int, str]  # move id, cancel index, target


class Probes:
    """Every cancel target's probe, by (move, cancel index, target)."""

    def __init__(self) -> None:
        self.entries: dict[Key, Probe] = {}

    def wants(self, move: str, index: int, target: str) -> bool:
        probe = self.entries.get((move, index, target))
        return probe is None or (not probe.started and probe.tries < PROBE_CONTEXTS)

    def frames_to_try(self, move: Move) -> set[int]:
        """Frames of `move` worth a mark: every frame of a window with a target still unproven."""
        frames: set[int] = set()
        for index, cancel in enumerate(move.spec.cancels):
            if any(self.wants(move.id, index, t) for t in cancel.into):
                frames.update(range(cancel.frames[0], cancel.frames[1] + 1))
        return frames

    def confirm(self, move: Move, frame: int, target: str) -> None:
        """The search itself started `target` out of `move` on `frame`: every entry covering it works."""
        for index, cancel in enumerate(move.spec.cancels):
            if target in cancel.into and cancel.frames[0] <= frame <= cancel.frames[1]:
                self.entries.setdefault((move.id, index, target), Probe()).started = True

    def record(self, key: Key, started: bool, seen: tuple[bool, bool, bool, bool], context: str) -> None:
        probe = self.entries.setdefault(key, Probe())
        probe.started |= started
        probe.tries += 1
        reached, airborne, grounded, connected = seen
        probe.reached |= reached
        probe.airborne |= airborne
        probe.grounded |= grounded
        probe.connected |= connected
        probe.context = probe.context or context

    @staticmethod
    def merged(all_probes: list[Probes]) -> Probes:
        """The probes of every worker together, in the workers' order (so the first context is stable)."""
        merged = Probes()
        for probes in all_probes:
            for key, probe in probes.entries.items():
                seen = (probe.reached, probe.airborne, probe.grounded, probe.connected)
                into = merged.entries.setdefault(key, Probe())
                into.started |= probe.started
                if probe.tries:
                    merged.record(key, False, seen, probe.context)
                    into.tries += probe.tries - 1
        return merged


@dataclass(frozen=True, slots=True)
class CancelMistake:
    """A cancel entry (or some of its targets) that no timing reaches: where it is and why."""

    file: str
    move: str
    index: int  # in the move's `cancels` list, from 0 as the key path counts
    into: tuple[str, ...]
    frames: tuple[int, int]
    reason: str
    proven: bool = True  # False: not tested, because no performable chain reached the move

    @property
    def where(self) -> str:
        return f"moves.{self.move}.cancels[{self.index}]"

    def as_dict(self) -> dict:
        return {"file": self.file, "move": self.move, "cancel": self.index, "where": self.where,
                "into": list(self.into), "frames": list(self.frames), "reason": self.reason,
                "proven": self.proven}


def needs(spec: MoveSpec | None) -> str | None:
    """What a move needs that the dancer in the search does not have (a full grace meter, a weapon), or None."""
    if spec is None:
        return None
    if spec.finisher:
        return "a full grace meter"
    if spec.requires == "weapon_at_feet":
        return "a weapon at her feet"
    if spec.requires:
        return f"a {spec.requires} in hand"
    return None


def rule_reason(move_id: str, spec: MoveSpec, cancel: CancelSpec, target: str) -> str | None:
    """Why the simulation's rules alone make this cancel target unreachable, or None."""
    lo, hi = cancel.frames
    if lo > spec.total:
        return f"the window opens after the move's last frame ({spec.total})"
    if hi < FIRST_CANCEL_FRAME:
        return "a move looks at its cancels from its frame 2 on; this window is over by then"
    if cancel.on_hit and not spec.hits:
        return f"it is on hit only, and {move_id} has no hits"
    if cancel.on_hit:
        first_hit = min(h.frames[0] for h in spec.hits)
        if hi <= first_hit:
            return (f"it is on hit only, and {move_id}'s first hit lands on frame {first_hit} at the earliest, "
                    f"so the hit is known from frame {first_hit + 1}: after the window [{lo}, {hi}]")
    if target == "jump" and spec.air:
        return f"{move_id} is an air move and a jump starts only from the ground"
    return None


def probe_reason(move_id: str, cancel: CancelSpec, target: str, probe: Probe, moves: MoveFile) -> str | None:
    """Why pressing `target` at every frame of the window never started it, from what the probes saw."""
    lo, hi = cancel.frames
    into = moves.moves.get(target)
    where = f"in {probe.tries} chain(s) reaching it, e.g. `{probe.context}`"
    if not probe.reached:
        return f"{move_id} was already over before frame {lo} {where} (an air move ends when she lands)"
    if into is not None and into.air and not probe.airborne:
        return f"she is on the ground all through frames {lo}-{hi} {where}, and {target} is an air move"
    if target == "jump" and not probe.grounded:
        return f"she is in the air all through frames {lo}-{hi} {where}, and a jump needs the ground"
    if cancel.on_hit and not probe.connected:
        return None  # the move whiffed in those chains: not the file's fault, so not proven either way
    return f"pressed at every frame {lo}-{hi} {where}, {target} never started"


def cancel_mistakes(moves: MoveFile, path: str, probes: Probes) -> list[CancelMistake]:
    """Every cancel target no timing reaches (proven), then those no performable chain tested."""
    found: list[CancelMistake] = []
    for move_id in sorted(moves.moves):
        spec = moves.moves[move_id]
        for index, cancel in enumerate(spec.cancels):
            by_reason: dict[tuple[str, bool], list[str]] = {}
            for target in cancel.into:
                probe = probes.entries.get((move_id, index, target))
                verdict = _verdict(moves, move_id, cancel, target, probe)
                if verdict is not None:
                    by_reason.setdefault(verdict, []).append(target)
            for (reason, proven), targets in by_reason.items():
                found.append(CancelMistake(path, move_id, index, tuple(targets), cancel.frames, reason, proven))
    found.sort(key=lambda m: (not m.proven, m.move, m.index, m.into))
    return found


def _verdict(moves: MoveFile, move_id: str, cancel: CancelSpec, target: str,
             probe: Probe | None) -> tuple[str, bool] | None:
    """(why, proven) for a cancel target that was never started; None when it was."""
    spec = moves.moves[move_id]
    reason = rule_reason(move_id, spec, cancel, target)
    if reason is not None:
        return reason, True
    wanted = needs(spec) or needs(moves.moves.get(target))
    if wanted is not None:
        return f"it needs {wanted}, and the search dances without", False
    if probe is not None and probe.started:
        return None
    if probe is None or probe.tries == 0:
        return f"no performable chain against the dummy reaches {move_id}", False
    reason = probe_reason(move_id, cancel, target, probe, moves)
    return (reason, True) if reason is not None else (_untested(move_id, cancel), False)


def _untested(move_id: str, cancel: CancelSpec) -> str:
    return f"{move_id} had not hit by frames {cancel.frames[0]}-{cancel.frames[1]} in the chains tried"

