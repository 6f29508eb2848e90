"""`python main.py discover`: every chain it finds is really performable, and broken cancels are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.data import ASSETS
from game.data.combos import ComboTestSpec
from game.data.moves import load_moves
from game.scripting.combos import run_combo
from game.scripting.discover import Chain, discover
from game.scripting.discover_report import as_json, best_marks, format_discovery
from game.sim.moves import MoveBook

BALLERINA_MOVES = ASSETS / "moves" / "ballerina.toml"


@pytest.fixture(scope="module")
def two_moves():
    return discover(depth=2, jobs=1)


def test_every_discovered_chain_replays_as_a_combo_test_with_the_same_outcome(two_moves):
    assert len(two_moves.chains) > 20
    for chain in two_moves.chains:
        result = run_combo(ComboTestSpec(script=chain.line), chain.line)
        assert result.step_failure is None, chain.line
        assert (result.damage, result.hits, result.frames) == (chain.damage, chain.hits, chain.frames), chain.line
        assert result.combo == chain.hits, f"{chain.line}: the hits must make one combo"
        assert round(result.grace, 2) == chain.grace


def test_chains_come_by_damage_then_grace_then_fewest_frames(two_moves):
    keys = [(-c.damage, -c.grace, c.frames) for c in two_moves.chains]
    assert keys == sorted(keys)


def test_a_cancel_is_preferred_and_a_link_waits_for_recovery(two_moves):
    lines = {c.line for c in two_moves.chains}
    assert "pirouette > fouette" in lines  # pirouette cancels into fouette
    assert not any(line.startswith("pirouette > recover > fouette") for line in lines)
    links = [c for c in two_moves.chains if "recover" in c.steps]
    assert links, "a launch leaves time to recover and strike again"
    book = MoveBook(load_moves(BALLERINA_MOVES))
    for chain in links:
        at = chain.steps.index("recover")
        before, after = chain.steps[at - 1], chain.steps[-1]
        assert book[before].cancel_window(after) is None, f"{chain.line}: a cancel existed"


def test_a_dodge_without_hits_may_open_a_chain_but_is_no_chain_alone(two_moves):
    lines = {c.line for c in two_moves.chains}
    assert "pas_de_bourree > pirouette" in lines
    assert "pas_de_bourree" not in lines


def test_named_enchainements_are_credited():
    found = discover(depth=2, first="rond_de_jambe", jobs=1)
    curtain = [c for c in found.chains if c.line == "rond_de_jambe > reverence"]
    assert curtain and curtain[0].enchainements == ("Curtain Call",)


def test_the_best_of_each_length_and_the_best_damage_a_frame_are_marked(two_moves):
    marks = best_marks(two_moves.chains)
    marked = {two_moves.chains[i].line: why for i, why in marks.items()}
    assert marked[two_moves.chains[0].line][0] == "best of 2 moves"
    one_move = next(c for c in two_moves.chains if len(c.moves) == 1)
    assert "best of 1 move" in marked[one_move.line]
    fastest = max(two_moves.chains, key=lambda c: c.per_frame)
    assert any("best damage a frame" in why for line, why in marked.items() if line == fastest.line)


def test_the_shipped_move_file_has_no_unreachable_cancel(two_moves):
    assert [m for m in two_moves.mistakes if m.proven] == []


def test_several_processes_find_the_same_chains_in_the_same_order(two_moves):
    found = discover(depth=2, jobs=2)
    assert found.jobs == 2
    assert [c.line for c in found.chains] == [c.line for c in two_moves.chains]
    assert found.chains == two_moves.chains


def broken_moves(tmp_path: Path) -> Path:
    """The ballerina's moves with two cancels no timing can reach."""
    text = BALLERINA_MOVES.read_text(encoding="utf-8")
    text = text.replace(
        '  { into = ["pas_de_bourree"], frames = [9, 18] },\n]',
        '  { into = ["pas_de_bourree"], frames = [9, 18] },\n'
        '  { into = ["chaine"], frames = [3, 5], on_hit = true },\n]',
        1,
    )
    text = text.replace(
        '  { into = ["tour_en_lair", "entrechat", "cabriole"], frames = [12, 24], on_hit = true },\n',
        '  { into = ["tour_en_lair", "entrechat", "cabriole"], frames = [12, 24], on_hit = true },\n'
        '  { into = ["jump"], frames = [26, 30] },\n',
        1,
    )
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_on_hit_cancel_before_the_first_hit_is_reported_with_file_move_and_index(tmp_path):
    path = broken_moves(tmp_path)
    found = discover(depth=1, first="battement", jobs=1, moves_path=path)
    mistakes = [m for m in found.mistakes if m.proven]
    assert [(m.move, m.index, m.into) for m in mistakes] == [("battement", 3, ("chaine",))]
    assert mistakes[0].file == str(path)
    assert "frame 6" in mistakes[0].reason and "on hit" in mistakes[0].reason


def test_a_jump_cancel_while_she_is_still_in_the_air_is_found_by_pressing_every_frame(tmp_path):
    found = discover(depth=1, first="grand_jete", jobs=1, moves_path=broken_moves(tmp_path))
    leap = [m for m in found.mistakes if m.proven and m.move == "grand_jete"]
    assert [(m.index, m.into) for m in leap] == [(1, ("jump",))]
    assert "in the air all through frames 26-30" in leap[0].reason


def test_discover_command_prints_the_table_and_exits_1_on_data_mistakes(tmp_path, capsys):
    assert main(["discover", "--depth", "1", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "damage" in out and "best of 1 move" in out and "data mistakes (cancels no timing reaches): none" in out
    path = broken_moves(tmp_path)
    assert main(["discover", "--depth", "1", "--from", "battement", "--moves", str(path), "--json"]) == 1
    assert '"where": "moves.battement.cancels[3]"' in capsys.readouterr().out


def test_the_human_table_is_aligned_and_lists_every_chain_with_all(two_moves):
    text = format_discovery(two_moves, top=None)
    lines = text.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("#"))
    rows = [line for line in lines if line[:3].strip().isdigit()]
    assert len(rows) == len(two_moves.chains) == len(as_json(two_moves)["chains"])
    at = header.index("chain")
    for row, chain in zip(rows, two_moves.chains, strict=True):
        assert row[at:].startswith(chain.line + " ")


def test_a_chain_names_its_moves_without_jumps_and_recoveries():
    chain = Chain(("plie_releve", "recover", "jump", "entrechat"), 100, 3, 2.0, 90)
    assert chain.moves == ("plie_releve", "entrechat")
    assert chain.line == "plie_releve > recover > jump > entrechat"
