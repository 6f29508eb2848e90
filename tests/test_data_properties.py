"""However a move file is mangled, loading it gives a good MoveFile or a DataError, never another error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.data import ASSETS
from game.data.errors import DataError
from game.data.moves import MoveFile, load_moves
from game.sim.moves import MoveBook

SHIPPED = (ASSETS / "moves" / "ballerina.toml").read_text(encoding="utf-8")
# characters a slip of the keyboard (or a merge gone wrong) puts into TOML: syntax, digits, signs, names
SLIPS = st.sampled_from(list("[]{}=,.\"'#\n -+0123456789.eEinfa_xé\x00\t"))
WORDS = st.sampled_from(["-1", "0", "601", "1e309", "nan", "inf", '"x"', "[]", "{}", "true", "[1, 2, 3]", "fouete"])


@st.composite
def mangled(draw) -> str:  # type: ignore[no-untyped-def]
    """The shipped move file with a few random edits: cut, typed over, a value swapped, lines shuffled."""
    text = SHIPPED
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        edit = draw(st.sampled_from(["delete", "insert", "word", "truncate", "swap_lines"]))
        if edit == "delete":
            text = text[:at] + text[at + draw(st.integers(min_value=1, max_value=40)) :]
        elif edit == "insert":
            text = text[:at] + draw(st.text(SLIPS, min_size=1, max_size=4)) + text[at:]
        elif edit == "word":
            end = at + draw(st.integers(min_value=0, max_value=6))
            text = text[:at] + draw(WORDS) + text[end:]
        elif edit == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=mangled())
def test_a_mangled_move_file_loads_or_raises_only_a_data_error(text, tmp_path):
    path = tmp_path / "ballerina.toml"
    path.write_text(text, encoding="utf-8")
    try:
        result = load_moves(path)
    except DataError as error:
        assert error.problems
        assert str(error).startswith(str(path))
    else:
        assert isinstance(result, MoveFile)
        assert len(MoveBook(result)) == len(result.moves)  # whatever loads, the simulation can compile


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.binary(max_size=200))
def test_any_bytes_load_or_raise_only_a_data_error(data, tmp_path):
    path = tmp_path / "moves.toml"
    path.write_bytes(data)
    try:
        load_moves(path)
    except DataError as error:
        assert error.problems
