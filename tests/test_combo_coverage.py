"""The shipped combo tests cover the whole choreography graph of the ballerina."""

from pathlib import Path

from game.data.combos import load_combo_test
from game.data.fighters import load_archetype
from game.scripting.choreography import parse_line
from game.sim.moves import MoveBook

COMBOS = Path(__file__).parent / "combos"


def performed_routes() -> tuple[set[str], set[tuple[str, str]]]:
    """Moves performed and cancel routes taken by the positive combo tests."""
    book = MoveBook(load_archetype("ballerina").moves)
    moves: set[str] = set()
    routes: set[tuple[str, str]] = set()
    for path in sorted(COMBOS.glob("*.toml")):
        spec = load_combo_test(path)
        if spec.script is None or spec.expect.fails_at is not None:
            continue
        previous = None
        for step in parse_line(spec.script, book):
            name = step.move if step.kind == "move" else "jump" if step.kind == "jump" else None
            if step.kind == "move":
                moves.add(step.move)
            if previous is not None and name is not None:
                routes.add((previous, name))
            previous = step.move if step.kind == "move" else None
    return moves, routes


def test_every_ballerina_move_is_performed_by_a_combo_test():
    book = MoveBook(load_archetype("ballerina").moves)
    moves, _ = performed_routes()
    assert sorted(set(book.moves) - moves) == []


def test_every_cancel_route_is_taken_by_a_combo_test():
    book = MoveBook(load_archetype("ballerina").moves)
    _, routes = performed_routes()
    declared = {(m.id, target) for m in book for c in m.spec.cancels for target in c.into}
    assert sorted(declared - routes) == []


def test_there_are_negative_combo_tests_for_links_that_must_not_exist():
    negative = [p for p in COMBOS.glob("*.toml") if load_combo_test(p).expect.fails_at is not None]
    assert len(negative) >= 5
