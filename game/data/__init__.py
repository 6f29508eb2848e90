"""Data files (TOML) read and validated into typed, frozen specs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: assets/, levels/ and tests/ live here
ASSETS = ROOT / "assets"
LEVELS = ROOT / "levels"
