"""Determinism: a fight is a function of its seed and its inputs, in this process or any other."""

from __future__ import annotations

import ast
import json
import random
import subprocess
import sys

from helpers import ACADEMY, academy_world

from game.data import ROOT
from game.sim.inputs import Button, InputFrame
from game.sim.world import World

TICKS = 600  # ten seconds of fight
SEED = 1
SIM = ROOT / "game" / "sim"
BUTTON_BITS = [int(b) for b in Button]


def random_inputs(seed: int, ticks: int = TICKS) -> list[int]:
    """A button mask a tick, held for random stretches like a frantic player's."""
    rng = random.Random(seed)
    masks: list[int] = []
    while len(masks) < ticks:
        mask = 0
        for bit in rng.sample(BUTTON_BITS, rng.randint(0, 3)):
            mask |= bit
        masks += [mask] * rng.randint(1, 12)
    return masks[:ticks]


def hashes_of(world: World, masks: list[int]) -> list[str]:
    """The state hash after every tick of the ballerina playing `masks`."""
    player = world.player_id
    hashes = []
    for mask in masks:
        world.step({player: InputFrame(mask)})
        hashes.append(world.state_hash())
    return hashes


# runs in a fresh interpreter: the same fight, printed as one JSON list of hashes
NEW_PROCESS = """
import json, sys
from game.data.bundle import load_bundle
from game.sim.inputs import InputFrame
masks = json.loads(sys.argv[1])
world = load_bundle(sys.argv[2]).world(seed=int(sys.argv[3]))
hashes = []
for mask in masks:
    world.step({world.player_id: InputFrame(mask)})
    hashes.append(world.state_hash())
print(json.dumps(hashes))
"""


def test_same_seed_and_inputs_give_the_same_hash_after_every_tick():
    masks = random_inputs(7)
    first = hashes_of(academy_world(SEED), masks)
    second = hashes_of(academy_world(SEED), masks)
    assert len(set(first)) > TICKS // 2  # the fight really moves: most ticks change the state
    assert first == second


def test_same_inputs_same_hash_in_a_new_process():
    masks = random_inputs(11)
    here = hashes_of(academy_world(SEED), masks)
    done = subprocess.run(
        [sys.executable, "-c", NEW_PROCESS, json.dumps(masks), str(ACADEMY), str(SEED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    there = json.loads(done.stdout)
    assert there == here


def test_a_different_seed_changes_the_hash():
    # the Academy's dummy stands still, so seed the fight through a brain that draws from the world's RNG
    def hashes(seed: int) -> list[str]:
        world = academy_world(seed)
        world.fighters[1].brain = _random_brain()
        return hashes_of(world, [0] * 120)

    assert academy_world(1).state_hash() != academy_world(2).state_hash()
    assert hashes(1)[-1] != hashes(2)[-1]


def _random_brain():  # type: ignore[no-untyped-def]
    from game.sim.brains import RandomBrain

    return RandomBrain()  # no generator of its own: it draws from world.rng


def test_one_different_input_changes_the_hash_from_that_tick_on():
    masks = random_inputs(3)
    changed = list(masks)
    changed[200] ^= int(Button.LIGHT)
    a = hashes_of(academy_world(SEED), masks)
    b = hashes_of(academy_world(SEED), changed)
    assert a[:200] == b[:200]
    assert a[200] != b[200]


def _imported_modules(path) -> set[str]:  # type: ignore[no-untyped-def]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_sim_source_never_imports_pygame():
    sources = sorted(SIM.glob("*.py"))
    assert len(sources) >= 5
    offenders = {
        path.name: sorted(n for n in _imported_modules(path) if n.split(".")[0] == "pygame") for path in sources
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}


def test_importing_the_sim_loads_no_pygame():
    modules = sorted(f"game.sim.{p.stem}" for p in SIM.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from game.data.bundle import load_bundle\n"
        f"load_bundle({str(ACADEMY)!r}).world(seed=1).step({{}})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pygame'))\n"
        "print(len([m for m in sys.modules if m.startswith('game.sim.')]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    pygame_modules, sim_modules = done.stdout.splitlines()
    assert pygame_modules == "[]"
    assert int(sim_modules) == len(modules)
