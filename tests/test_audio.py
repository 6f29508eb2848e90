"""The sound of the fight: synthesised effects are clean, the waltz loops on the beat, the desk never crashes."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # before pygame is imported anywhere
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np
import pygame
import pytest

from game.audio import AudioSystem, cue_for, cues_for, music, synth
from game.audio.mixer import stereo_gains, to_device
from game.render.camera import Camera
from game.sim import events as ev

EDGE = 1e-3  # how close to silence the first and last samples of a sound must be


@pytest.fixture(scope="module")
def bank() -> dict[str, list[np.ndarray]]:
    return synth.sound_bank()


@pytest.fixture
def audio():
    system = AudioSystem.create(seed=1)
    yield system
    system.close()


def _every_event(tick: int = 5) -> list[ev.Event]:
    """One of each event the simulation can emit, with plausible values for its fields."""
    values = {int: 1, float: 320.0, str: "pirouette", bool: True}
    out = []
    for cls in vars(ev).values():
        if not (isinstance(cls, type) and issubclass(cls, ev.Event) and cls is not ev.Event):
            continue
        kwargs = {}
        for field in dataclasses.fields(cls):
            kind = next((t for t in values if field.type.startswith(t.__name__)), None)
            kwargs[field.name] = () if field.type.startswith("tuple") else values.get(kind, 0)
        kwargs["tick"] = tick
        out.append(cls(**kwargs))
    return out


class _Stage:
    """A stand-in world: two fighters standing where the sounds should come from."""

    fighters = [type("F", (), {"x": 300.0})(), type("F", (), {"x": 900.0})()]


def test_every_effect_is_finite_in_range_and_starts_and_ends_in_silence(bank):
    for name, takes in bank.items():
        assert len(takes) >= 1, name
        for samples in takes:
            assert samples.dtype == np.float32 and samples.ndim == 1, name
            assert np.all(np.isfinite(samples)), name
            assert np.max(np.abs(samples)) <= 1.0, name
            assert np.max(np.abs(samples)) > 0.3, f"{name} is nearly silent"
            assert abs(samples[0]) < EDGE and abs(samples[-1]) < EDGE, f"{name} clicks at an end"


def test_repeated_sounds_have_distinct_variations(bank):
    for name in ("kick1", "slash", "step_wood", "step_wet", "whoosh1", "prop_hit"):
        takes = bank[name]
        assert len(takes) >= 3, name
        assert not np.allclose(takes[0][:1000], takes[1][:1000]), name


def test_effects_have_the_expected_lengths():
    rng = np.random.default_rng(0)
    assert len(synth.spin_whoosh(rng, 0.5)) == int(0.5 * synth.SAMPLE_RATE)
    assert len(synth.kick_thud(rng, 1.0)) > len(synth.kick_thud(rng, 0.0))  # heavier kicks ring longer
    assert 0.5 < len(synth.ko_fall(rng)) / synth.SAMPLE_RATE < 2.0


def test_heavier_kicks_carry_more_low_end():
    rng = np.random.default_rng(0)

    def low_share(x: np.ndarray) -> float:
        power = np.abs(np.fft.rfft(x)) ** 2
        freqs = np.fft.rfftfreq(len(x), 1 / synth.SAMPLE_RATE)
        return float(power[freqs < 120].sum() / power.sum())

    assert low_share(synth.kick_thud(rng, 1.0)) > low_share(synth.kick_thud(rng, 0.0))


@pytest.mark.parametrize("tempo", [96.0, 120.0, 73.5])
def test_music_loop_is_a_whole_number_of_bars(tempo):
    loop = music.compose_loop(tempo)
    bar = music.BEATS_PER_BAR * 60.0 / tempo * synth.SAMPLE_RATE
    bars = len(loop) / bar
    assert abs(bars - round(bars)) * bar <= 1.0  # within one sample of whole bars
    assert round(bars) == music.LOOP_BARS
    assert loop.shape[1] == 2 and loop.dtype == np.float32
    assert np.all(np.isfinite(loop)) and np.max(np.abs(loop)) <= 1.0


def test_music_loop_joins_its_end_to_its_start_smoothly():
    loop = music.compose_loop(96.0)
    steps = np.abs(np.diff(loop, axis=0))
    join = np.abs(loop[0] - loop[-1])
    assert np.all(join <= np.percentile(steps, 99.9, axis=0))  # the seam is no bigger than any ordinary step


def test_music_beats_fall_where_the_choreographer_counts_them():
    tempo = 96.0
    loop = music.compose_loop(tempo).mean(axis=1)
    beat = 60.0 / tempo * synth.SAMPLE_RATE
    window = int(0.03 * synth.SAMPLE_RATE)

    def energy(start: float) -> float:
        s = int(start)
        return float(np.sum(loop[s : s + window] ** 2))

    on_beat = np.mean([energy(i * beat) for i in range(1, 24)])
    between = np.mean([energy(i * beat + beat / 2 + window) for i in range(0, 23)])
    assert on_beat > 1.5 * between


def test_hits_map_to_kicks_by_impulse_and_knives_to_slashes():
    def hit(impulse: float, slash: bool = False) -> ev.Hit:
        return ev.Hit(1, 0, 1, "battement", 0, 40, 17, 6, "stagger", 500.0, 100.0, impulse, 1, 40, False, slash)

    light, heavy = cue_for(hit(100.0), None), cue_for(hit(900.0), None)
    assert light.sound == "kick0" and heavy.sound == "kick2"
    assert heavy.volume > light.volume
    assert cue_for(hit(380.0, slash=True), None).sound == "slash"


def test_spins_whoosh_and_other_moves_do_not():
    assert cue_for(ev.MoveStarted(1, 0, "fouette", None), _Stage()).sound.startswith("whoosh")
    assert cue_for(ev.MoveStarted(1, 0, "tour_en_lair", None), _Stage()).x == 300.0
    assert cue_for(ev.MoveStarted(1, 0, "battement", None), _Stage()) is None


def test_only_combos_of_three_or_more_earn_a_sting():
    assert cue_for(ev.ComboEnded(1, 0, 1, 2, 50, ("a", "b")), None) is None
    assert cue_for(ev.ComboEnded(1, 0, 1, 3, 90, ("a", "b", "c")), None).sound == "sting0"
    assert cue_for(ev.ComboEnded(1, 0, 1, 12, 400, ()), None).sound == "sting2"


def test_broken_windows_shatter_and_crates_splinter():
    assert cue_for(ev.PropBroken(1, 0, "crate", 0.0, 0.0), None).sound == "splinter"
    assert cue_for(ev.PropBroken(1, 0, "window", 0.0, 0.0), None).sound == "glass"


def test_a_crowd_of_footsteps_in_one_tick_plays_only_twice():
    steps = [ev.Footstep(1, i, 100.0 * i, 0.0) for i in range(6)]
    assert len(cues_for(steps, None)) == 2


def test_sounds_pan_with_the_camera():
    camera = Camera(x=640.0)
    left, right = stereo_gains(0.0, camera)  # the left edge of the view
    assert left > 0.9 and right < 0.05
    centre = stereo_gains(640.0, camera)
    assert centre[0] == pytest.approx(centre[1])
    far = stereo_gains(5000.0, camera)
    assert far[0] < 0.05 and 0.3 < far[1] < 1.0  # off-screen: quieter, but still heard


def test_samples_convert_to_any_mixer_format():
    mono = synth.footstep_wood(np.random.default_rng(0))
    assert to_device(mono, 44100, -16, 2).shape == (len(mono), 2)
    assert to_device(mono, 22050, -16, 1).shape == (round(len(mono) / 2),)
    assert to_device(mono, 48000, 32, 6).shape[1] == 6


def test_create_under_the_dummy_driver_accepts_every_event(audio):
    camera = Camera()
    audio.handle(_every_event(), _Stage(), camera)
    audio.handle(_every_event(), None, None)
    for name in ("move", "confirm", "back", "nonsense"):
        audio.play_ui(name)
    audio.set_volumes(0.5, 0.3, 1.0)
    audio.start_music(96.0)
    audio.start_music(96.0, at_seconds=2.5)
    audio.pause_music()
    audio.pause_music(False)
    audio.stop_music()
    if not audio.silent:
        assert audio.synthesis_seconds > 0  # how long it takes is a benchmark's business, not a test's


def test_a_real_fight_is_heard_without_errors(audio):
    from game.data.bundle import load_bundle
    from game.sim.inputs import InputFrame

    world = load_bundle(Path(__file__).parents[1] / "levels" / "academy.toml").world(seed=3)
    presses = [("right",), ("light",), ("heavy",), ("spin",), ("jump",), ("right", "heavy"), ()]
    camera = Camera()
    for tick in range(360):
        events = world.step({world.player_id: InputFrame.of(*presses[(tick // 6) % len(presses)])})
        audio.handle(events, world, camera)


def test_a_flood_of_effects_never_takes_the_music_channel(audio):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    audio.start_music(96.0)
    waltz = audio.conductor.channel().get_sound()
    for _ in range(40):
        audio.handle([ev.KO(1, 0, None, 100.0, 0.0)], None, None)
    assert audio.conductor.channel().get_sound() is waltz


def test_a_mixer_that_cannot_start_gives_a_silent_system(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise pygame.error("no audio device")

    if pygame.mixer.get_init():
        pygame.mixer.quit()
    monkeypatch.setattr(pygame.mixer, "init", broken)
    system = AudioSystem.create()
    assert system.silent
    system.handle(_every_event(), _Stage(), Camera())
    system.play_ui("confirm")
    system.start_music(96.0)
    system.set_volumes(1.0, 1.0, 1.0)
    system.stop_music()
    system.close()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) <= 1 and "Traceback" not in err


def test_sound_off_in_the_settings_gives_a_silent_system():
    assert AudioSystem.create(enabled=False).silent


def test_guard_parry_armour_and_finisher_each_have_their_own_sound(bank):
    armoured = ev.Hit(1, 0, 1, "battement", 0, 40, 0, 3, "stagger", 500.0, 100.0, 0.0, 1, 40, False, False, True)
    cues = {
        "armour": cue_for(armoured, None),
        "block": cue_for(ev.Blocked(1, 0, 1, "battement", 500.0, 90.0, 12), None),
        "parry": cue_for(ev.Parried(1, 1, 0, "battement", 500.0, 90.0), None),
        "finisher": cue_for(ev.FinisherStarted(1, 0, "coup_de_grace"), _Stage()),
        "whiff": cue_for(ev.Whiff(1, 1, "battement"), _Stage()),
    }
    for sound, cue in cues.items():
        assert cue is not None and cue.sound == sound and sound in bank, sound
    assert cues["finisher"].x == 300.0 and cues["whiff"].x == 900.0


def test_every_event_that_makes_a_sound_names_one_in_the_bank(bank):
    for event in _every_event():
        cue = cue_for(event, _Stage())
        assert cue is None or cue.sound in bank, type(event).__name__


def test_gunfire_throws_ricochets_and_weapons_are_heard(bank):
    cases = {
        "gunshot": ev.ShotFired(1, 2, "shot", "bullet", 400.0, 120.0, -1800.0, 0.0),
        "whoosh2": ev.ShotFired(1, 0, "knife_throw", "knife", 400.0, 120.0, 1500.0, 0.0),
        "ricochet": ev.BulletDeflected(1, 0, 2, "pirouette", 400.0, 120.0),
        "pickup": ev.WeaponPickedUp(1, 0, "pistol", 3, 400.0, 0.0),
        "clatter": ev.WeaponDropped(1, "knife", 400.0, 0.0, 2),
    }
    for sound, event in cases.items():
        cue = cue_for(event, None)
        assert cue is not None and cue.sound == sound and sound in bank, sound
    assert cue_for(ev.BulletHit(1, 2, None, "bullet", 600.0, 90.0), None).sound == "ricochet"
    assert cue_for(ev.BulletHit(1, 2, 0, "bullet", 600.0, 90.0), None) is None  # its Hit event sounds
