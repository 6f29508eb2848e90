"""The player's settings: volumes, window, overlays, difficulty and bindings, kept in `settings.toml`.

The file lives in the user's config folder (platformdirs; BALLERINA_CONFIG_DIR overrides it). It is read
through the project's one loading path into a strict spec, so junk, wrong types, unknown keys and a key
bound to two buttons each become one clear DataError. A file that does not load is never a crash: the
game starts with the defaults, says so once, and the first save keeps the broken file aside as
`settings.toml.broken` (like the records) so nothing the player wrote is silently lost. Saving is atomic.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, Strict, model_validator

from game.app.controls import (
    ACTION_NAMES,
    DEFAULT_KEYS,
    DEFAULT_PAD,
    KEY_CODES,
    KEY_SLOTS,
    PAD_CODES,
    PAD_SLOTS,
    RESERVED_KEYS,
    RESERVED_PAD,
    Bindings,
    key_label,
)
from game.data.errors import DataError, unknown_name
from game.data.loading import data_loader, read_bytes, read_toml, validate
from game.data.saving import broken_name, write_atomically
from game.data.specs import Spec
from game.sim.difficulty import DEFAULT_DIFFICULTY, DIFFICULTIES

SETTINGS_FILE = "settings.toml"
CONFIG_DIR_VARIABLE = "BALLERINA_CONFIG_DIR"  # overrides the user config folder (tests, portable installs)
MAX_SETTINGS_BYTES = 64 * 1024  # bytes: a full settings file is about 1 KiB
WINDOW_SCALES = (1.0, 1.5, 2.0)  # the window's size as a multiple of the 1280x720 canvas
VOLUME_STEP = 0.1  # one press of left or right on a volume slider
log = logging.getLogger("ballerina.settings")


def _known_key(name: str) -> str:
    if name not in KEY_CODES:
        raise ValueError(unknown_name("key", name, KEY_CODES))
    if name in RESERVED_KEYS:
        raise ValueError(f"a key the game does not keep for itself ({name!r} is for {RESERVED_KEYS[name]})")
    return name


def _known_pad_button(name: str) -> str:
    if name not in PAD_CODES:
        raise ValueError(unknown_name("pad button", name, PAD_CODES))
    if name in RESERVED_PAD:
        raise ValueError(f"a button the game does not keep for itself ({name!r} is for {RESERVED_PAD[name]})")
    return name


def _known_difficulty(name: str) -> str:
    if name not in DIFFICULTIES:
        raise ValueError(unknown_name("difficulty", name, DIFFICULTIES))
    return name


def _window_scale(scale: float) -> float:
    if scale not in WINDOW_SCALES:
        raise ValueError(f"one of {', '.join(f'{s:g}' for s in WINDOW_SCALES)}")
    return float(scale)


KeyName = Annotated[str, Strict(), AfterValidator(_known_key)]
PadName = Annotated[str, Strict(), AfterValidator(_known_pad_button)]
Keys = Annotated[tuple[KeyName, ...], Field(max_length=KEY_SLOTS)]
PadButtons = Annotated[tuple[PadName, ...], Field(max_length=PAD_SLOTS)]
Volume = Annotated[float, Strict(), Field(ge=0.0, le=1.0)]
Toggle = Annotated[bool, Strict()]  # true or false, never "yes" or 1


def _bound_twice(bindings: dict[str, tuple[str, ...]], what: str) -> None:
    """Refuse a key (or pad button) that two fighter buttons share: one press would mean two things."""
    owner: dict[str, str] = {}
    for action, names in bindings.items():
        for name in names:
            if name in owner and owner[name] != action:
                raise ValueError(f"{what} {name!r} is bound to both {owner[name]} and {action}; "
                                 f"a {what} holds one button")
            owner[name] = action


class KeyBindings(Spec):
    """`[keys]`: the keys of each fighter button, by pygame's key names ("left shift", "j", ";")."""

    left: Keys = DEFAULT_KEYS["left"]
    right: Keys = DEFAULT_KEYS["right"]
    up: Keys = DEFAULT_KEYS["up"]
    down: Keys = DEFAULT_KEYS["down"]
    jump: Keys = DEFAULT_KEYS["jump"]
    light: Keys = DEFAULT_KEYS["light"]
    heavy: Keys = DEFAULT_KEYS["heavy"]
    spin: Keys = DEFAULT_KEYS["spin"]
    dodge: Keys = DEFAULT_KEYS["dodge"]
    block: Keys = DEFAULT_KEYS["block"]

    @model_validator(mode="after")
    def _each_key_once(self) -> KeyBindings:
        _bound_twice(self.model_dump(), "key")
        return self


class PadBindings(Spec):
    """`[pad]`: the pad button of each fighter button, by SDL's names ("a", "leftshoulder", "dpup")."""

    left: PadButtons = DEFAULT_PAD["left"]
    right: PadButtons = DEFAULT_PAD["right"]
    up: PadButtons = DEFAULT_PAD["up"]
    down: PadButtons = DEFAULT_PAD["down"]
    jump: PadButtons = DEFAULT_PAD["jump"]
    light: PadButtons = DEFAULT_PAD["light"]
    heavy: PadButtons = DEFAULT_PAD["heavy"]
    spin: PadButtons = DEFAULT_PAD["spin"]
    dodge: PadButtons = DEFAULT_PAD["dodge"]
    block: PadButtons = DEFAULT_PAD["block"]

    @model_validator(mode="after")
    def _each_button_once(self) -> PadBindings:
        _bound_twice(self.model_dump(), "pad button")
        return self


class SettingsFile(Spec):
    """`settings.toml`: every key may be left out (its default is used); types are checked strictly."""

    game: Literal["ballerina"] = "ballerina"
    kind: Literal["settings"] = "settings"
    version: Literal[1] = 1
    master_volume: Volume = 0.8
    music_volume: Volume = 0.7
    effects_volume: Volume = 0.9
    fullscreen: Toggle = False
    window_scale: Annotated[float, Strict(), AfterValidator(_window_scale)] = 1.0
    show_hitboxes: Toggle = False  # the F3 overlay's state when a fight starts
    show_input_display: Toggle = False  # the input display (F4) in fights when they start; practice always shows it
    difficulty: Annotated[str, Strict(), AfterValidator(_known_difficulty)] = DEFAULT_DIFFICULTY  # Story and Levels
    keys: KeyBindings = KeyBindings()
    pad: PadBindings = PadBindings()


DEFAULTS = SettingsFile()
SETTING_NAMES = ("master_volume", "music_volume", "effects_volume", "fullscreen", "window_scale",
                 "show_hitboxes", "show_input_display", "difficulty")


def settings_path(config_dir: Path | None = None) -> Path:
    """Where the settings live: `config_dir`, else $BALLERINA_CONFIG_DIR, else the user config folder."""
    if config_dir is None:
        override = os.environ.get(CONFIG_DIR_VARIABLE)
        if override:
            config_dir = Path(override)
        else:
            import platformdirs

            config_dir = Path(platformdirs.user_config_dir("ballerina"))
    return config_dir / SETTINGS_FILE


@data_loader
def load_settings_file(path: Path | str) -> SettingsFile:
    """Read and validate a settings file; a DataError says what is wrong with it."""
    read_bytes(path, MAX_SETTINGS_BYTES, "a settings file")  # the size cap before anything is parsed
    return validate(SettingsFile, read_toml(path), path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string (the same escapes)
    return repr(value)


@dataclass(slots=True)
class Settings:
    """The settings in play, changed by the Settings screen and saved from it; `path` None: never saved."""

    path: Path | None = None
    master_volume: float = DEFAULTS.master_volume
    music_volume: float = DEFAULTS.music_volume
    effects_volume: float = DEFAULTS.effects_volume
    fullscreen: bool = DEFAULTS.fullscreen
    window_scale: float = DEFAULTS.window_scale
    show_hitboxes: bool = DEFAULTS.show_hitboxes
    show_input_display: bool = DEFAULTS.show_input_display
    difficulty: str = DEFAULTS.difficulty
    keys: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_KEYS))
    pad: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PAD))
    problem: DataError | None = None  # why the file on disk did not load (it is moved aside on save)
    kept_broken: Path | None = None  # where the broken file went

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The settings in `path`: defaults if it does not exist, defaults and a `problem` if it does not load."""
        if not path.exists() and not path.is_symlink():
            return cls(path)
        try:
            spec = load_settings_file(path)
        except DataError as error:
            log.warning("settings not loaded, using the defaults: %s", error)
            return cls(path, problem=error)
        return cls.from_spec(spec, path)

    @classmethod
    def from_spec(cls, spec: SettingsFile, path: Path | None = None) -> Settings:
        values = {name: getattr(spec, name) for name in SETTING_NAMES}
        return cls(path, **values, keys=spec.keys.model_dump(), pad=spec.pad.model_dump())

    def spec(self) -> SettingsFile:
        """The settings as the file holds them, checked (a DataError if something in memory went wrong)."""
        raw = {name: getattr(self, name) for name in SETTING_NAMES}
        raw.update(keys={a: tuple(n) for a, n in self.keys.items()}, pad={a: tuple(n) for a, n in self.pad.items()})
        return validate(SettingsFile, raw, self.path or SETTINGS_FILE)

    def bindings(self) -> Bindings:
        """The key and pad codes Hands reads."""
        return Bindings.from_names(self.keys, self.pad)

    def text(self) -> str:
        """The settings file's text: one line per setting, then the [keys] and [pad] tables."""
        spec = self.spec()
        lines = ["# Ballerina settings, written by the game's Settings screen. Edit with care: a file that",
                 "# does not load is kept aside as settings.toml.broken and the defaults are used.",
                 f'game = "{spec.game}"', f'kind = "{spec.kind}"', f"version = {spec.version}"]
        lines += [f"{name} = {_toml_value(getattr(spec, name))}" for name in SETTING_NAMES]
        for table, bound in (("keys", spec.keys), ("pad", spec.pad)):
            lines += ["", f"[{table}]"] + [f"{a} = {_toml_value(getattr(bound, a))}" for a in ACTION_NAMES]
        return "\n".join(lines) + "\n"

    def save(self) -> None:
        """Write the settings atomically; a broken file that was there is first kept aside. OSError if not."""
        if self.path is None:
            return
        text = self.text()
        if self.problem is not None and self.kept_broken is None and self.path.exists():
            self.kept_broken = broken_name(self.path)
            os.replace(self.path, self.kept_broken)
            log.warning("broken settings file kept as %s", self.kept_broken)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, text)

    def reset_bindings(self) -> None:
        """Every key and pad button back as the game ships them."""
        self.keys = dict(DEFAULT_KEYS)
        self.pad = dict(DEFAULT_PAD)

    def nudge_volume(self, name: str, steps: int) -> float:
        """Move a volume slider by `steps` tenths, held within 0..1; returns the new volume."""
        value = round(min(1.0, max(0.0, getattr(self, name) + steps * VOLUME_STEP)), 2)
        setattr(self, name, value)
        return value

    def rebind(self, action: str, pad: bool, slot: int, name: str, label: Callable[[str], str] | None = None) -> str:
        """Put key (or pad button) `name` in `action`'s `slot`; returns what happened, in words.

        A key another button uses swaps with this slot's old key; it is refused if that would leave the
        other button with no key at all, and so is a key the app keeps for itself (Esc, F1, ...).
        `label` shows a name to the player (default: key labels, pad buttons by SDL's name).
        """
        table = self.pad if pad else self.keys
        reserved = RESERVED_PAD if pad else RESERVED_KEYS
        what = "button" if pad else "key"

        def shown(bound: str) -> str:
            return label(bound) if label else bound if pad else key_label(bound)

        if name in reserved:
            return f"refused: {shown(name)} is kept for {reserved[name]}"
        mine = list(table[action])
        if name in mine:
            return f"{shown(name)} already holds {action}"
        old = mine[slot] if slot < len(mine) else None
        owner = next((other for other, names in table.items() if name in names), None)
        if owner is not None:
            theirs = list(table[owner])
            if old is None and len(theirs) == 1:
                return f"refused: {shown(name)} is {owner}'s only {what}; give {owner} another {what} first"
            table[owner] = tuple(old if bound == name else bound for bound in theirs if bound != name or old)
        if old is None:
            mine.append(name)
        else:
            mine[slot] = name
        table[action] = tuple(mine)
        if owner is not None:
            given = f"{owner} took {shown(old)}" if old else f"{owner} keeps {', '.join(map(shown, table[owner]))}"
            return f"{shown(name)} now holds {action}; {given}"
        return f"{shown(name)} now holds {action}"

    def unbind(self, action: str, pad: bool, slot: int) -> str:
        """Clear one slot; refused for a button's last key (she could no longer do it)."""
        table = self.pad if pad else self.keys
        mine = list(table[action])
        if slot >= len(mine):
            return "nothing to clear"
        if len(mine) == 1:
            return f"refused: that is {action}'s only {'button' if pad else 'key'}"
        removed = mine.pop(slot)
        table[action] = tuple(mine)
        return f"{removed if pad else key_label(removed)} no longer holds {action}"
