"""The choreography lab, headless: a phrase danced against chosen actors onto a timeline, summed up, and
kept as a combo-test file whose expectations are what happened.

    session = LabSession("pirouette > fouette > grand_jete", cast="training dummy")
    session.outcome.hits, session.outcome.damage       # what the phrase did
    session.timeline.seek(40)                            # the world as it was at tick 40
    path = session.save_combo_test(Path("tests/combos")) # tests/combos/lab_pirouette_fouette_grand_jete.toml

The performance follows the combo runner step for step (`game/scripting/combos.py`: same world, same
performer, same settling), so a saved file passes `python main.py combos FILE`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from game.data import ROOT
from game.data.combos import ActorPlacement, ComboTestSpec
from game.scripting.choreography import ScriptError, Step, parse_line, plain
from game.scripting.combos import ComboResult, _bundle, build_world, run_combo
from game.scripting.performer import Performer, StepFailed
from game.scripting.timeline import Timeline
from game.sim import events as ev
from game.sim.inputs import InputFrame
from game.sim.moves import MoveBook
from game.sim.world import World

ACADEMY = "levels/academy.toml"
DAMAGE_SLACK = 0.10  # share of the damage a saved test allows either way (scaling tweaks move it a little)
GRACE_SLACK = 0.15  # share of the grace allowed either way
FRAMES_SLACK = 0.10  # share of the frames a saved phrase may grow by before its test fails
PLACE_SLACK = 20.0  # px either way the target may end from where it ended in the lab
SETTLE_TICKS = 240  # ticks after the last step for her to recover (the combo runner's default)


@dataclass(frozen=True, slots=True)
class Cast:
    """Who the phrase is danced against, as combo-test actors placed relative to the ballerina."""

    name: str
    actors: tuple[ActorPlacement, ...]
    needs: str = ""  # an archetype file under assets/enemies/ without which this cast is not offered

    def available(self) -> bool:
        return not self.needs or (ROOT / "assets" / "enemies" / f"{self.needs}.toml").exists()


CASTS: tuple[Cast, ...] = (
    Cast("training dummy", (ActorPlacement(archetype="training_dummy", at=80),)),
    Cast("dummies on both sides", (ActorPlacement(archetype="training_dummy", at=80),
                                   ActorPlacement(archetype="training_dummy", at=-70))),
    Cast("understudy", (ActorPlacement(archetype="understudy", at=90),), needs="understudy"),
    Cast("assassin", (ActorPlacement(archetype="assassin", at=90),)),
    Cast("assassin fighting back", (ActorPlacement(archetype="assassin", at=140, brain="sparring"),)),
    Cast("two assassins", (ActorPlacement(archetype="assassin", at=90),
                           ActorPlacement(archetype="assassin", at=170))),
)


def casts() -> list[Cast]:
    """The casts on offer (the understudy only once her file exists)."""
    return [cast for cast in CASTS if cast.available()]


def cast_named(name: str) -> Cast:
    for cast in casts():
        if cast.name == name:
            return cast
    known = ", ".join(c.name for c in casts())
    raise ValueError(f"unknown cast {name!r} (casts: {known})")


@dataclass(frozen=True, slots=True)
class Mark:
    """Something to mark on the timeline bar: a move starting or a hit landing, at a tick."""

    tick: int
    kind: str  # "move" or "hit"
    label: str  # the move's id


class _RecordingPerformer(Performer):
    """The combo runner's performer, with every tick also noted on a timeline."""

    def __init__(self, world: World, timeline: Timeline) -> None:
        super().__init__(world)
        self.timeline = timeline

    def tick(self, held: int = 0) -> None:
        super().tick(held)
        self.timeline.record({self.world.player_id: InputFrame(held)})  # type: ignore[dict-item]


class LabSession:
    """One phrase danced once against one cast: its timeline, its outcome and its marks.

    A phrase that cannot be read raises `ScriptError` (with "did you mean" for a mistyped move); a
    phrase that cannot be danced to the end is performed as far as it goes, and says why in `outcome`.
    """

    def __init__(self, phrase: str, cast: str | Cast = "training dummy", arena: str = ACADEMY,
                 seed: int = 0) -> None:
        self.phrase = phrase.strip()
        self.cast = cast if isinstance(cast, Cast) else cast_named(cast)
        self.spec = ComboTestSpec(arena=arena, seed=seed, actors=list(self.cast.actors), script=self.phrase,
                                  settle=SETTLE_TICKS)
        self.world = build_world(self.spec)
        assert self.world.player is not None
        self.steps: list[Step] = read_phrase(self.phrase, self.world.player.book)
        self.timeline = Timeline(self.world)
        self.outcome = self._perform()
        self.marks = self._marks()

    def _perform(self) -> ComboResult:
        """Dance the phrase as the combo runner would, then judge it with the runner's own tally."""
        performer = _RecordingPerformer(self.world, self.timeline)
        try:
            performer.perform(self.steps)
            performer.recover(self.spec.settle, final=True)
        except StepFailed:
            pass
        # the runner's own result for the same spec: exactly what a saved test will see
        return run_combo(self.spec, self.name)

    def _marks(self) -> list[Mark]:
        player = self.world.player_id
        marks = []
        for event in self.timeline.events():
            if isinstance(event, ev.MoveStarted) and event.fighter == player:
                marks.append(Mark(event.tick, "move", event.move))
            elif isinstance(event, ev.Hit) and event.attacker == player:
                marks.append(Mark(event.tick, "hit", event.move))
        return marks

    # --- what it is called and how it is kept ----------------------------------------------------

    @property
    def name(self) -> str:
        """The phrase as a file name: `lab_pirouette_fouette_grand_jete`."""
        words = re.sub(r"[^a-z0-9]+", "_", plain(self.phrase)).strip("_")
        return f"lab_{words[:60].rstrip('_') or 'phrase'}"

    def expectations(self) -> dict[str, object]:
        """What the saved test expects: exact counts, ranges where exact values would be brittle."""
        out = self.outcome
        if out.failed_step is not None:
            return {"fails_at": out.failed_step, "fails_with": _reason(out.step_failure or "")}
        expect: dict[str, object] = {"hits": out.hits, "combo": out.combo}
        if out.damage:
            expect["damage"] = _around(out.damage, DAMAGE_SLACK)
        expect["frames"] = {"max": math.ceil(out.frames * (1 + FRAMES_SLACK))}
        if out.grace > 0:
            low, high = out.grace * (1 - GRACE_SLACK), out.grace * (1 + GRACE_SLACK)
            expect["grace"] = {"min": math.floor(low * 10) / 10, "max": math.ceil(high * 10) / 10}
        if out.target_state:
            expect["target_state"] = out.target_state
            expect["target_moved"] = {"min": round(out.target_moved - PLACE_SLACK),
                                      "max": round(out.target_moved + PLACE_SLACK)}
        if out.enchainements:
            expect["enchainement"] = out.enchainements[0]
        return expect

    def combo_test_text(self) -> str:
        """The combo-test TOML for this session (format: game/data/combos.py)."""
        lines = [
            f"description = {_string(f'Made in the Choreography Lab: {self.phrase}, against the {self.cast.name}.')}",
            f"script = {_string(self.phrase)}",
        ]
        if self.spec.arena != ACADEMY:
            lines.append(f"arena = {_string(self.spec.arena)}")
        if self.spec.seed:
            lines.append(f"seed = {self.spec.seed}")
        for actor in self.cast.actors:
            lines += ["", "[[actors]]", f"archetype = {_string(actor.archetype)}", f"at = {actor.at:g}",
                      f"brain = {_string(actor.brain)}"]
            if actor.height:
                lines.append(f"height = {actor.height:g}")
            if actor.facing != "toward":
                lines.append(f"facing = {_string(actor.facing)}")
        lines += ["", "[expect]"] + [f"{key} = {_value(value)}" for key, value in self.expectations().items()]
        return "\n".join(lines) + "\n"

    def save_combo_test(self, folder: Path | str) -> Path:
        """Write the session as `<folder>/lab_<phrase>.toml`, or `lab_<phrase>_2.toml`... if taken; never
        overwrites a file. Returns the path written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        text = self.combo_test_text()
        number = 1
        while True:
            path = folder / (f"{self.name}.toml" if number == 1 else f"{self.name}_{number}.toml")
            try:
                with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite
                    file.write(text)
                return path
            except FileExistsError:
                number += 1


def repertoire(arena: str = ACADEMY) -> MoveBook:
    """The ballerina's moves, in the order of her move file: for completion and the pick list."""
    return MoveBook(_bundle(arena).archetypes["ballerina"].moves)


def read_phrase(phrase: str, book: MoveBook) -> list[Step]:
    """The phrase's steps, or a ScriptError whose message is short enough for the lab's text field:
    "unknown move 'fuette' (did you mean 'fouette'?)"."""
    try:
        return parse_line(phrase, book)
    except ScriptError as error:
        unknown = re.search(r"(unknown move '[^']*')(?:; did you mean ('[^']*')\?)?", str(error))
        if unknown is None:
            raise
        hint = f" (did you mean {unknown.group(2)}?)" if unknown.group(2) else ""
        raise ScriptError(unknown.group(1) + hint) from None


def _around(value: float, share: float) -> dict[str, int]:
    return {"min": math.floor(value * (1 - share)), "max": math.ceil(value * (1 + share))}


def _reason(failure: str) -> str:
    """The heart of a step failure, without the step's label or frame details: what a test should match."""
    reason = failure.split(": ", 1)[-1]
    return reason.split(" (")[0].split(", the step")[0].strip()


def _string(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in escaped) + '"'


def _value(value: object) -> str:
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
