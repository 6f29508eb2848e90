"""The player's settings: kept in a file that survives crashes and mistakes, changed on the Settings screen
(volumes heard at once, keys remapped by pressing them), and the glyphs follow the device in her hands."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.app.app import App
from game.app.controls import control_lines, hint_for, pad_family
from game.app.loop import FakeClock, FixedStepLoop
from game.app.scenes import PauseScene, PlayScene, TitleScene
from game.app.settings import CONFIG_DIR_VARIABLE, SETTINGS_FILE, Settings, load_settings_file
from game.app.settings_scene import BINDING_ROWS, ROWS, BindingsScene, SettingsScene
from game.app.window import Window
from game.audio import AudioSystem
from game.data import LEVELS, saving
from game.data.bundle import load_bundle
from game.data.errors import DataError
from game.sim.inputs import Button

ACADEMY = LEVELS / "academy.toml"


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def pad(button: int, instance: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=button, instance_id=instance)


def make_app(config: Path, settings: Settings | None = None) -> App:
    pygame.init()
    bundle = load_bundle(ACADEMY)
    return App(bundle, 0, bundle.pose_sets, Window(), FixedStepLoop(FakeClock()), AudioSystem(), config, True,
               settings=settings)


@pytest.fixture
def app(tmp_path: Path):
    """A headless app whose settings live in tmp_path/settings.toml."""
    program = make_app(tmp_path, Settings.load(tmp_path / SETTINGS_FILE))
    yield program
    pygame.quit()


def open_row(app: App, scene: SettingsScene, name: str) -> None:
    """Walk the settings page down to the row called `name`."""
    app.switch(scene)
    while ROWS[scene.chosen].name != name:
        app.dispatch(key(pygame.K_DOWN))


def bindings_page(app: App) -> BindingsScene:
    settings = SettingsScene(TitleScene(app))
    open_row(app, settings, "bindings")
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, BindingsScene)
    return app.scene


def remap(app: App, page: BindingsScene, action: str, column: int, press: pygame.event.Event) -> None:
    """On the bindings page: go to `action`'s cell in `column`, Enter, then `press`."""
    while BINDING_ROWS[page.row] != action:
        app.dispatch(key(pygame.K_DOWN))
    while page.column != column:
        app.dispatch(key(pygame.K_RIGHT))
    app.dispatch(key(pygame.K_RETURN))
    assert page.waiting
    app.dispatch(press)


# --- the file ---------------------------------------------------------------------------------------

def test_every_setting_survives_a_save_and_a_load(tmp_path: Path) -> None:
    path = tmp_path / "deep" / SETTINGS_FILE
    chosen = Settings(path, master_volume=0.3, music_volume=0.0, effects_volume=1.0, fullscreen=True,
                      window_scale=1.5, show_hitboxes=True, show_input_display=False, difficulty="hard")
    chosen.rebind("light", False, 1, "f")
    chosen.rebind("jump", True, 0, "y")
    chosen.save()
    again = Settings.load(path)
    assert again == chosen
    assert again.keys["light"] == ("j", "f") and again.pad["jump"] == ("y",) and again.pad["heavy"] == ("a",)


def test_a_crash_while_saving_leaves_the_old_settings_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / SETTINGS_FILE
    Settings(path, difficulty="easy").save()
    before = path.read_text()

    def crash(file, text: str) -> None:  # noqa: ANN001 - the game dies half-way through writing
        file.write(text[: len(text) // 2])
        raise KeyboardInterrupt

    monkeypatch.setattr(saving, "_write_all", crash)
    with pytest.raises(KeyboardInterrupt):
        Settings(path, difficulty="hard").save()
    assert path.read_text() == before
    assert Settings.load(path).difficulty == "easy"
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no half-written file left behind


@pytest.mark.parametrize(("text", "says"), [
    ('fullscreen = "yes"', "fullscreen: found 'yes'"),
    ("master_volume = 1.5", "master_volume: found 1.5"),
    ("volume = 1", "volume: is not a known key"),
    ("window_scale = 3", "window_scale: found 3, expected one of 1, 1.5, 2"),
    ('difficulty = "hardd"', "did you mean 'hard'?"),
    ('[keys]\nlight = ["k"]', "key 'k' is bound to both light and heavy"),
    ('[keys]\nlight = ["jj"]', "keys.light[0]: unknown key 'jj'; did you mean 'j'?"),
    ('[keys]\nlight = ["escape"]', "'escape' is for pause and menus"),
    ('[pad]\nspin = ["a"]', "pad button 'a' is bound to both jump and spin"),
    ("[keys\n", "TOML syntax error"),
])
def test_mistakes_in_the_file_are_one_clear_sentence(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / SETTINGS_FILE
    path.write_text(text)
    with pytest.raises(DataError) as caught:
        load_settings_file(path)
    assert says in str(caught.value) and SETTINGS_FILE in str(caught.value)


def test_a_broken_file_is_reported_once_and_kept_aside_when_next_saved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(CONFIG_DIR_VARIABLE, str(tmp_path))
    path = tmp_path / SETTINGS_FILE
    path.write_text("fullscreen = maybe\n")
    app = make_app(tmp_path)
    try:
        said = [n.words for n in app.notices if n.words.startswith("settings not loaded")]
        assert len(said) == 1
        assert app.settings.difficulty == "normal" and app.settings.keys["light"] == ("j",)  # the defaults
        assert path.read_text() == "fullscreen = maybe\n"  # not touched before a save
        assert app.save_settings()
        assert (tmp_path / "settings.toml.broken").read_text() == "fullscreen = maybe\n"
        assert load_settings_file(path).difficulty == "normal"
        app.settings.difficulty = "hard"
        assert app.save_settings()
        assert not (tmp_path / "settings.toml.broken-2").exists()  # kept aside once, not every save
        assert len([n for n in app.notices if n.words.startswith("settings not loaded")]) == 1
    finally:
        pygame.quit()


def test_a_headless_app_without_a_config_folder_never_touches_the_players_file(monkeypatch) -> None:
    monkeypatch.delenv(CONFIG_DIR_VARIABLE, raising=False)
    app = make_app(Path("unused"))
    try:
        assert app.settings.path is None
        app.save_settings()  # nothing written anywhere
    finally:
        pygame.quit()


# --- the settings page -------------------------------------------------------------------------------

def test_volumes_are_heard_at_once_and_saved_on_leaving(app: App, tmp_path: Path) -> None:
    page = SettingsScene(TitleScene(app))
    open_row(app, page, "master_volume")
    app.dispatch(key(pygame.K_RIGHT))
    open_row(app, page, "music_volume")
    for _ in range(3):
        app.dispatch(key(pygame.K_LEFT))
    assert (app.audio.master, app.audio.music_volume, app.audio.effects) == (0.9, 0.4, 0.9)
    app.dispatch(key(pygame.K_ESCAPE))
    assert isinstance(app.scene, TitleScene)
    assert load_settings_file(tmp_path / SETTINGS_FILE).music_volume == 0.4


def test_pause_offers_settings_and_comes_back_to_the_paused_fight(app: App) -> None:
    play = PlayScene(app.new_fight())
    app.switch(play)
    app.dispatch(key(pygame.K_ESCAPE))
    pause = app.scene
    assert isinstance(pause, PauseScene)
    assert pause.items == ("Resume", "Restart", "Settings", "Controls", "Quit to title")
    pause.chosen = pause.items.index("Settings")
    app.dispatch(key(pygame.K_RETURN))
    assert isinstance(app.scene, SettingsScene)
    open_row(app, app.scene, "show_hitboxes")
    app.dispatch(key(pygame.K_RETURN))
    assert play.fight.view.show_debug  # the paused fight shows them at once
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.scene is pause


def test_the_settings_difficulty_is_where_the_story_begins(app: App) -> None:
    app.settings.difficulty = "hard"
    title = TitleScene(app)
    story = title.choose("Story", app)
    assert story.items[story.chosen] == "Hard"  # type: ignore[attr-defined]


# --- remapping ---------------------------------------------------------------------------------------

def test_a_key_is_remapped_by_pressing_it_and_the_hands_follow_at_once(app: App) -> None:
    page = bindings_page(app)
    remap(app, page, "light", 0, key(pygame.K_f))
    assert app.settings.keys["light"] == ("f",)
    app.hands.release_all()
    app.hands.feel(key(pygame.K_f))
    assert app.hands.frame().has(Button.LIGHT)
    app.hands.release_all()
    app.hands.feel(key(pygame.K_j))
    assert not app.hands.frame().has(Button.LIGHT)


def test_a_key_another_button_uses_swaps_with_the_old_one(app: App) -> None:
    page = bindings_page(app)
    remap(app, page, "light", 0, key(pygame.K_k))
    assert app.settings.keys["light"] == ("k",) and app.settings.keys["heavy"] == ("j",)
    assert "heavy took J" in page.message


def test_a_key_bound_twice_is_refused_when_the_other_button_would_be_left_without_one(app: App) -> None:
    page = bindings_page(app)
    remap(app, page, "light", 1, key(pygame.K_l))  # the empty second slot; L is spin's only key
    assert page.message.startswith("refused") and "spin" in page.message
    assert app.settings.keys["light"] == ("j",) and app.settings.keys["spin"] == ("l",)
    assert not page.waiting


def test_escape_cancels_a_remap_and_keys_the_game_keeps_are_refused(app: App) -> None:
    page = bindings_page(app)
    remap(app, page, "jump", 0, key(pygame.K_ESCAPE))
    assert app.settings.keys["jump"] == ("space",) and "unchanged" in page.message
    remap(app, page, "jump", 0, key(pygame.K_RETURN))
    assert page.message.startswith("refused") and app.settings.keys["jump"] == ("space",)


def test_a_pad_button_is_remapped_by_pressing_it_and_reset_brings_the_defaults_back(app: App) -> None:
    page = bindings_page(app)
    remap(app, page, "dodge", 2, pad(pygame.CONTROLLER_BUTTON_Y))
    assert app.settings.pad["dodge"] == ("y",) and app.settings.pad["heavy"] == ("rightshoulder",)
    app.hands.feel(pad(pygame.CONTROLLER_BUTTON_Y))
    assert app.hands.frame().has(Button.DODGE)
    while BINDING_ROWS[page.row] != "reset":
        app.dispatch(key(pygame.K_DOWN))
    app.dispatch(key(pygame.K_RETURN))
    assert app.settings.pad["dodge"] == ("rightshoulder",) and app.settings.keys["light"] == ("j",)


# --- glyphs ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "family"), [
    ("Xbox 360 Controller", "xbox"), ("Xbox One Controller", "xbox"), ("PS4 Controller", "playstation"),
    ("PS5 Controller", "playstation"), ("Sony DualSense", "playstation"),
    ("Nintendo Switch Pro Controller", "nintendo"), ("Nintendo Switch Joy-Con (L/R)", "nintendo"),
    ("Some Generic USB Gamepad", "xbox"),
])
def test_the_pad_family_comes_from_the_controllers_name(name: str, family: str) -> None:
    assert pad_family(name) == family


def test_the_last_device_used_decides_the_glyphs_of_hints_and_the_card(app: App) -> None:
    app.gamepads.names[7] = "PS5 Controller"
    app.dispatch(pad(pygame.CONTROLLER_BUTTON_X, instance=7))
    assert app.device == "playstation"
    hint = hint_for("F1  controls     Esc  pause     F9  save replay", app.device)
    assert hint == "Share  controls     Options  pause"
    assert dict((what, pad) for what, _, pad in app.control_lines())["jump  (down + jump: drop)"] == "Cross"
    assert dict(app.move_list())["Rond de jambe"] == "down + Square"
    app.dispatch(key(pygame.K_LEFT))
    assert app.device == "keyboard"
    assert dict(app.move_list())["Rond de jambe"] == "down + J"


def test_the_card_shows_the_live_bindings() -> None:
    keys = {"left": ("left", "a"), "right": ("right", "d"), "up": ("up",), "down": ("down",), "jump": ("space",),
            "light": ("f",), "heavy": ("k",), "spin": ("l",), "dodge": ("left shift",), "block": ("i",)}
    rows = {what: (k, p) for what, k, p in control_lines(keys, {"jump": ("b",)}, "nintendo")}
    assert rows["light  (battement)"][0] == "F" and rows["jump  (down + jump: drop)"] == ("Space", "B")


def test_the_settings_and_bindings_pages_draw_over_the_title_and_over_pause(app: App) -> None:
    gold = pygame.Color(214, 170, 92)
    play = PlayScene(app.new_fight())
    app.switch(play)
    for under in (TitleScene(app), PauseScene(play)):
        page = SettingsScene(under)
        for scene in (page, BindingsScene(page)):
            app.switch(scene)
            app.draw()
            canvas = app.window.canvas
            golden = sum(canvas.get_at((x, y)) == gold for x in range(300, 980, 4) for y in range(20, 140, 2))
            assert golden > 50  # the page's gold heading is there, over whatever is beneath
