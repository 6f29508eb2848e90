"""The JSON Schemas editors use: up to date with the specs, and they agree with the game on real files."""

from __future__ import annotations

import json
import tomllib

import pytest

from game.cli import main
from game.data import ASSETS, LEVELS, ROOT
from game.data.schema import SCHEMA_DIR, SCHEMAS, schema_text, stale_schemas


def test_the_committed_schemas_are_up_to_date():
    assert stale_schemas() == [], "run `python main.py schema` and commit schema/"


def test_schema_command_writes_every_schema_into_the_folder_given(tmp_path, capsys):
    assert main(["schema", str(tmp_path / "out")]) == 0
    for name in SCHEMAS:
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == schema_text(name)
    assert stale_schemas(tmp_path / "out") == []


def test_level_schema_completes_the_names_the_game_knows():
    schema = json.loads(schema_text("level.schema.json"))
    assert schema["properties"]["theme"]["enum"] == ["academy", "opera", "alley"]
    prop = schema["$defs"]["PropSpec"]
    assert "chandelier" in prop["properties"]["kind"]["enum"]
    assert prop["additionalProperties"] is False  # a misspelt key gets a red squiggle
    assert "goal" in schema["required"]
    assert schema["$defs"]["WaveSpec"]["properties"]["enemies"]["minItems"] == 1


def test_taplo_config_points_levels_and_moves_at_the_schemas():
    config = tomllib.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    schemas = {rule["include"][0]: rule["schema"]["path"] for rule in config["rule"]}
    assert schemas == {
        "levels/**/*.toml": "./schema/level.schema.json",
        "assets/moves/*.toml": "./schema/moves.schema.json",
    }
    for path in schemas.values():
        assert (ROOT / path).is_file()


def test_shipped_files_satisfy_their_schema():
    jsonschema = pytest.importorskip("jsonschema")
    pairs = [(p, "level.schema.json") for p in LEVELS.glob("*.toml")]
    pairs += [(p, "moves.schema.json") for p in (ASSETS / "moves").glob("*.toml")]
    for path, name in pairs:
        validator = jsonschema.Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(table)]
        assert errors == [], path.name


def test_the_examples_in_docs_levels_md_make_one_valid_level(tmp_path):
    import re

    from game.data.bundle import load_bundle
    from game.data.levels import GOAL_KINDS, LAYER_KINDS, LIGHT_KINDS, PROP_KINDS, TRIGGER_KINDS

    text = (ROOT / "docs" / "levels.md").read_text(encoding="utf-8")
    level = tmp_path / "docs_example.toml"
    level.write_text("\n".join(re.findall(r"```toml\n(.*?)```", text, re.S)), encoding="utf-8")
    assert load_bundle(level).world(seed=1).player is not None
    for name in (*LAYER_KINDS, *PROP_KINDS, *LIGHT_KINDS, *TRIGGER_KINDS, *GOAL_KINDS):
        assert f"`{name}`" in text, f"docs/levels.md does not mention {name!r}"
