"""The sound of the stage: steps by the floor, spins by their speed, rain where it rains, the chandelier,
and each level's music box on the beat the choreographer counts, kept there through slow motion and pauses."""

from __future__ import annotations

import wave
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pygame
import pytest

from game.audio import AudioSystem, cue_for, music, synth
from game.audio.conductor import TICK_SECONDS, slowed_stretch
from game.audio.floors import floor_under
from game.audio.mixer import AMBIENCE_CHANNEL, DEFAULT_VOLUMES, FIRST_VOICE, MAX_CHANNELS
from game.audio.scenery import ChandelierWatch, rain_loop
from game.data.bundle import load_bundle
from game.data.choreography import ChoreographySpec
from game.data.levels import load_level
from game.render.camera import Camera
from game.sim import events as ev
from game.sim.choreo import Choreographer

LEVELS = Path(__file__).parents[1] / "levels"
SR = synth.SAMPLE_RATE


class FakeClock:
    """The conductor's clock, turned by hand: real seconds pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def bank() -> dict[str, list[np.ndarray]]:
    return synth.sound_bank()


@pytest.fixture(scope="module")
def stages() -> dict[str, SimpleNamespace]:
    """Each level as a stand-in world: the audio reads only its level, fighters and props."""
    return {path.stem: SimpleNamespace(level=load_level(path), fighters=[], props=[], tick=0)
            for path in sorted(LEVELS.glob("*.toml"))}


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="module")
def desk(clock):
    system = AudioSystem.create(seed=1, clock=clock)
    yield system
    system.close()


@pytest.fixture
def audio(desk):
    """The module's desk (synthesis takes a third of a second), quiet and at the default sliders."""
    desk.stop_music()
    desk.set_volumes(*DEFAULT_VOLUMES)
    if not desk.silent:
        pygame.mixer.Channel(AMBIENCE_CHANNEL).stop()  # not the last test's rain fading away
    return desk


def _on(stage: SimpleNamespace, material: str) -> tuple[float, float]:
    """The middle of the top of the first flat platform of `material` in the stage's level."""
    platform = next(p for p in stage.level.platforms if p.material == material and not p.rise)
    left, bottom, width, height = platform.rect
    return left + width / 2, bottom + height


def _through_a_wav(samples: np.ndarray, path: Path) -> np.ndarray:
    """Write the sound as a 16-bit WAV and read it back, as a listener's file would hold it."""
    synth.write_wav(path, samples)
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == SR
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    return pcm.reshape(-1, wav.getnchannels()).mean(axis=1) / 32767.0


def _centroid(x: np.ndarray) -> float:
    power = np.abs(np.fft.rfft(x)) ** 2
    return float((power * np.fft.rfftfreq(len(x), 1 / SR)).sum() / power.sum())


def _late_share(x: np.ndarray, after: float = 0.08) -> float:
    return float(np.sum(x[int(after * SR):] ** 2) / np.sum(x**2))


# --- steps ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "material", "sound"), [
    ("academy", "wood", "step_wood"),
    ("opera_house", "velvet", "step_velvet"),
    ("opera_house", "gilt", "step_wood"),
    ("opera_house", "marble", "step_stone"),
    ("opera_house", "metal", "step_metal"),
    ("neon_alley", "metal", "step_metal"),
    ("neon_alley", "asphalt", "step_wet"),  # it rains in the alley: the asphalt is puddles
    ("neon_alley", "stone", "step_wet"),
])
def test_a_step_sounds_of_the_floor_under_it(stages, level, material, sound):
    stage = stages[level]
    x, y = _on(stage, material)
    assert floor_under(stage, x, y) == material
    cue = cue_for(ev.Footstep(1, 0, x, y), stage)
    assert cue is not None and cue.sound == sound and cue.x == x


def test_landing_on_the_fire_escape_clangs_and_on_the_boards_thuds(stages):
    x, y = _on(stages["neon_alley"], "metal")
    assert cue_for(ev.Landed(1, 0, x, y, 700.0), stages["neon_alley"]).sound == "step_metal"
    x, y = _on(stages["academy"], "wood")
    assert cue_for(ev.Landed(1, 0, x, y, 700.0), stages["academy"]).sound == "land_heavy"
    assert cue_for(ev.Landed(1, 0, x, y, 20.0), stages["academy"]) is None  # a settle, not a landing


def test_a_step_off_any_platform_or_without_a_level_falls_back_on_wood(stages):
    assert floor_under(stages["neon_alley"], -5000.0, 0.0) == "wood"
    assert cue_for(ev.Footstep(1, 0, 10.0, 0.0), None).sound == "step_wood"


def test_the_floors_are_told_apart_by_their_spectra(bank, tmp_path):
    heard = {name: [_through_a_wav(take, tmp_path / f"{name}{i}.wav") for i, take in enumerate(bank[name])]
             for name in ("step_velvet", "step_wood", "step_stone", "step_metal", "step_wet")}
    centroid = {name: np.mean([_centroid(x) for x in takes]) for name, takes in heard.items()}
    late = {name: np.mean([_late_share(x) for x in takes]) for name, takes in heard.items()}
    assert centroid["step_velvet"] < centroid["step_wood"] < centroid["step_stone"]  # the pile swallows highs
    assert late["step_metal"] > 3 * max(late["step_wood"], late["step_stone"], late["step_velvet"])  # iron rings
    assert late["step_wet"] > 3 * late["step_stone"]  # a splash and its drops outlast a click


# --- spins ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def academy_world():
    return load_bundle(LEVELS / "academy.toml").world(seed=3)


def test_faster_spins_whoosh_louder_and_higher(academy_world, bank):
    world = academy_world
    pirouette = cue_for(ev.MoveStarted(1, world.player_id, "pirouette", None), world)  # 72 degrees a tick
    arabesque = cue_for(ev.MoveStarted(1, world.player_id, "arabesque", None), world)  # 30 degrees a tick
    assert pirouette.sound == "whoosh2" and arabesque.sound == "whoosh0"
    assert pirouette.volume > arabesque.volume
    assert cue_for(ev.MoveStarted(1, world.player_id, "battement", None), world) is None  # no turn, no whoosh
    assert np.mean([_centroid(x) for x in bank["whoosh2"]]) > 1.2 * np.mean([_centroid(x) for x in bank["whoosh0"]])
    assert len(bank["whoosh2"][0]) < len(bank["whoosh0"][0])  # a fast turn is over sooner


def test_a_spin_travelling_fast_whooshes_louder_than_the_same_spin_standing(academy_world):
    world = academy_world
    dancer = world.fighters[world.player_id]
    standing = cue_for(ev.MoveStarted(1, dancer.id, "arabesque", None), world)
    travelling = SimpleNamespace(fighters=[SimpleNamespace(x=dancer.x, vx=900.0, book=dancer.book)])
    moving = cue_for(ev.MoveStarted(1, 0, "arabesque", None), travelling)
    assert moving.volume > standing.volume


# --- the set: rain and the chandelier -----------------------------------------------------------------


def test_rain_plays_only_where_it_rains(audio, stages):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    rain = pygame.mixer.Channel(AMBIENCE_CHANNEL)
    audio.handle([], stages["academy"], Camera())
    assert audio.rain == 0.0 and not rain.get_busy()
    audio.handle([], stages["neon_alley"], Camera())
    assert audio.rain == pytest.approx(0.7) and rain.get_busy()
    assert 0.0 < audio.rain_volume() < audio.music_volume * audio.master  # quietly under the music
    audio.handle([], stages["opera_house"], Camera())  # fog indoors, no rain
    assert audio.rain == 0.0


def test_the_rain_loop_joins_seamlessly_in_both_ears(tmp_path):
    loop = rain_loop(np.random.default_rng(2))
    synth.write_wav(tmp_path / "rain.wav", loop)
    assert loop.shape[1] == 2 and np.all(np.isfinite(loop)) and np.max(np.abs(loop)) <= 1.0
    steps = np.abs(np.diff(loop, axis=0))
    assert np.all(np.abs(loop[0] - loop[-1]) <= np.percentile(steps, 99.9, axis=0))
    assert np.corrcoef(loop[:, 0], loop[:, 1])[0, 1] < 0.5  # two ears, two rains: a wide sound


def test_the_chandelier_snaps_its_chain_and_crashes_to_the_floor(bank):
    assert cue_for(ev.ChainCut(1, 3, 0, 4030.0, 740.0), None).sound == "chain"
    assert cue_for(ev.PropBroken(1, 3, "chandelier", 4030.0, 0.0), None).sound == "glass"
    world = load_bundle(LEVELS / "opera_house.toml").world(seed=1)
    chandelier = next(p for p in world.props if p.kind == "chandelier")
    world.rigging.cut(world, chandelier, world.player_id)
    watch, crashes = ChandelierWatch(), []
    for _ in range(120):
        world.step({})
        crashes += watch.landings(world)
    assert crashes == [("chandelier", pytest.approx(chandelier.x, abs=40.0))]  # once, where it fell
    assert "chain" in bank and "chandelier_crash" in bank
    assert len(bank["chandelier_crash"][0]) > len(bank["glass"][0])  # the great one rings on longer


# --- the music box ----------------------------------------------------------------------------------


def _onsets(mono: np.ndarray, hop: int = 128) -> np.ndarray:
    energy = np.add.reduceat(mono**2, np.arange(0, len(mono) - hop + 1, hop))
    return np.maximum(0.0, np.diff(np.log(energy + 1e-6), append=np.log(energy[0] + 1e-6)))


@pytest.mark.parametrize("level", ["academy", "opera_house", "neon_alley"])
def test_each_levels_beat_peaks_fall_on_the_choreographers_beats(stages, level):
    spec = stages[level].level
    beat = Choreographer(ChoreographySpec(), spec.tempo).beat_ticks * TICK_SECONDS  # s between the sim's beats
    mono = music.compose_loop(spec.tempo, spec.theme).mean(axis=1)
    onsets, hop = _onsets(mono), 128
    beats = np.arange(0.0, len(mono) / SR - 1e-6, beat)

    def comb(lag: float) -> float:
        return float(onsets[((beats + lag) * SR / hop).astype(int) % len(onsets)].mean())

    lags = np.arange(-0.1, 0.1001, 0.003)
    assert abs(lags[np.argmax([comb(lag) for lag in lags])]) <= 0.006  # the loop's pulse is the sim's
    window = int(0.03 * SR)
    on = np.mean([np.sum(mono[int(b * SR):int(b * SR) + window] ** 2) for b in beats])
    between = np.mean([np.sum(mono[int((b + beat / 2) * SR) + window:][:window] ** 2) for b in beats])
    assert on > 1.5 * between  # the beat is heard


def test_each_stage_plays_its_own_piece_not_just_another_tempo():
    loops = {theme: music.compose_loop(96.0, theme) for theme in ("academy", "opera", "alley")}

    def pitch_classes(loop: np.ndarray) -> np.ndarray:
        power = np.abs(np.fft.rfft(loop.mean(axis=1))) ** 2
        freqs = np.fft.rfftfreq(len(loop), 1 / SR)
        heard = (freqs > 60) & (freqs < 2000)
        pcs = np.round(12 * np.log2(freqs[heard] / 440.0) + 69).astype(int) % 12
        profile = np.bincount(pcs, weights=power[heard], minlength=12)
        return profile / np.linalg.norm(profile)

    profiles = {theme: pitch_classes(loop) for theme, loop in loops.items()}
    for a in profiles:
        for b in profiles:
            if a < b:
                assert profiles[a] @ profiles[b] < 0.8, (a, b)  # different keys and tunes
    assert len(loops["alley"]) == round(len(loops["academy"]) * 4 / 3)  # the alley is in four


def test_a_slowed_stretch_keeps_the_beats_where_the_slow_fight_puts_them():
    tempo, speed = 96.0, 0.5
    loop = music.compose_loop(tempo)
    stretch = slowed_stretch(loop, 0.0, speed, seconds=3 * 60.0 / tempo).mean(axis=1)
    beat_real = 60.0 / tempo / speed  # s of real time between beats at half speed
    window = int(0.04 * SR)
    on = np.mean([np.sum(stretch[int(k * beat_real * SR):][:window] ** 2) for k in (1, 2)])
    between = np.mean([np.sum(stretch[int((k + 0.5) * beat_real * SR):][:window] ** 2) for k in (0, 1)])
    assert on > 1.5 * between
    assert len(stretch) == int(3 * 60.0 / tempo / speed * SR)


def test_the_music_stays_on_the_sims_beat_through_slow_motion_pause_and_rewind(audio, clock):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    conductor = audio.conductor
    audio.start_music(96.0, 0.0, theme="academy")
    clock.now += 1.0
    assert not audio.sync_music(60) and abs(conductor.drift(60)) < 1e-9  # a second, sixty ticks: on the beat
    clock.now += 1.0  # the coup de grâce: a real second holds only 18 ticks
    assert audio.sync_music(78, 0.3) and conductor.speed == pytest.approx(0.3)
    clock.now += 0.5
    assert not audio.sync_music(87, 0.3) and abs(conductor.drift(87)) < 1e-6  # the slowed box keeps time
    clock.now += 0.2
    assert audio.sync_music(99, 1.0) and conductor.speed == 1.0 and abs(conductor.drift(99)) < 1e-9
    audio.pause_music(True)
    clock.now += 5.0  # the pause screen: the fight and the music both hold
    audio.pause_music(False)
    assert not audio.sync_music(99) and abs(conductor.drift(99)) < 1e-9
    clock.now += 1.0
    assert audio.sync_music(40)  # practice rewound two seconds: the music follows
    assert abs(conductor.drift(40)) < 1e-9


def test_a_stage_heard_before_its_piece_was_asked_for_takes_the_music_over(audio, stages):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    audio.start_music(112.0)  # a scene that does not say the theme
    audio.handle([], stages["neon_alley"], Camera())
    assert audio.conductor.key == (112.0, "alley") and audio.theme == "alley"


# --- the desk -----------------------------------------------------------------------------------------


def test_the_sliders_set_music_rain_and_effects_apart(audio, stages):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    audio.start_music(96.0, theme="academy")
    audio.handle([], stages["neon_alley"], Camera())
    audio.set_volumes(0.5, 0.4, 0.0)
    assert audio.conductor.channel().get_volume() == pytest.approx(0.2, abs=0.01)
    assert audio.rain_volume() == 0.0
    audio.set_volumes(1.0, 0.0, 1.0)
    assert audio.conductor.channel().get_volume() == pytest.approx(0.0, abs=0.01)
    assert audio.rain_volume() > 0.0
    audio.handle([ev.KO(1, 0, None, 100.0, 0.0)], None, None)
    playing = [pygame.mixer.Channel(i) for i in range(FIRST_VOICE, MAX_CHANNELS)]
    assert any(channel.get_busy() and channel.get_volume() > 0.9 for channel in playing)


def test_a_flood_of_sounds_is_held_to_the_voices_and_spares_music_and_rain(audio, stages):
    if audio.silent:
        pytest.skip("no mixer under this driver")
    audio.start_music(112.0, theme="alley")
    audio.handle([], stages["neon_alley"], Camera())
    waltz = audio.conductor.channel().get_sound()
    flood = [ev.KO(1, i, None, 100.0 * i, 0.0) for i in range(6)] + [ev.Footstep(1, i, 50.0 * i, 0.0) for i in range(6)]
    for _ in range(30):
        audio.handle(flood, stages["neon_alley"], Camera())
    assert pygame.mixer.get_num_channels() == MAX_CHANNELS
    assert audio.conductor.channel().get_sound() is waltz and pygame.mixer.Channel(AMBIENCE_CHANNEL).get_busy()


def test_a_silent_system_accepts_everything(stages):
    silent = AudioSystem()
    assert silent.silent
    for stage in stages.values():
        silent.handle([ev.Footstep(1, 0, 10.0, 0.0), ev.ChainCut(1, 0, 0, 0.0, 0.0)], stage, Camera())
    silent.prepare_music(84.0, "opera")
    silent.start_music(84.0, 1.5, theme="opera")
    assert silent.sync_music(40, 0.3) is False
    silent.pause_music()
    silent.pause_music(False)
    silent.set_volumes(0.2, 0.3, 0.4)
    silent.stop_music()
    silent.play_ui("confirm")
    silent.close()
    assert silent.rain_volume() == 0.0
