"""`python main.py schema`: JSON Schema files for level and move files, so an editor checks them while typed.

The schemas come from the same pydantic specs the game validates with, so they never disagree on keys,
types or ranges. Rules that need more than one key (placement, names of fighters on disk) stay with
`python main.py check`. `.taplo.toml` points the Even Better TOML extension / taplo at the files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from game.data import ROOT
from game.data.levels import LevelSpec
from game.data.moves import MoveFile

SCHEMA_DIR = ROOT / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {  # file name: spec, title
    "level.schema.json": (LevelSpec, "Ballerina level (levels/*.toml)"),
    "moves.schema.json": (MoveFile, "Ballerina move file (assets/moves/*.toml)"),
}


def schema_of(model: type[BaseModel], title: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file, with its dialect and a title an editor shows."""
    body = model.model_json_schema(mode="validation")
    motion = body.get("$defs", {}).get("MotionSpec", {}).get("properties", {}).get("velocity")
    if motion is not None:
        motion["minItems"] = 1  # `velocity = [460]` is allowed: forward only, gravity keeps the way up
    return {"$schema": DIALECT, "title": title, **{k: v for k, v in body.items() if k != "title"}}


def schema_text(name: str) -> str:
    """The exact text of a schema file as `write_schemas` writes it (sorted keys: stable diffs)."""
    model, title = SCHEMAS[name]
    return json.dumps(schema_of(model, title), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file into `folder` (created if needed); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = folder / name
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of schema files in `folder` that are missing or differ from what the specs give now."""
    stale = []
    for name in SCHEMAS:
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name):
            stale.append(name)
    return stale
