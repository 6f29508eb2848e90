"""The music box's repertoire: one piece per stage (the level's theme), each eight bars that loop.

Notes are MIDI numbers (60 is middle C, 69 the A at 440 Hz); REST is a silent step of the melody.
The Academy's barre waltz is in B minor; the Opera House's grand waltz in G minor, slower and lower;
the Neon Alley slinks in A minor and common time, a plucked bass walking on every beat.
"""

from __future__ import annotations

from dataclasses import dataclass

REST = 0


@dataclass(frozen=True, slots=True)
class Tune:
    """A level's music-box piece: its metre, harmony and melody, and the voice of its bass."""

    title: str
    beats_per_bar: int
    bass: tuple[tuple[int, ...], ...]  # per bar: bass notes, one a beat from beat one (fewer: held on)
    chords: tuple[tuple[int, ...], ...]  # per bar: the chord's notes
    chord_beats: tuple[int, ...]  # the beats of a bar (0 is the downbeat) on which the chord sounds
    melody: tuple[tuple[tuple[int, float], ...], ...]  # per bar: (MIDI note or REST, beats it lasts)
    pizzicato: bool = False  # a plucked double bass instead of the celesta's low bars

    @property
    def bars(self) -> int:
        return len(self.melody)


BARRE_WALTZ = Tune(  # B minor: i – iv – V7 – i – VI – iv – V7 – i
    title="Barre waltz in B minor",
    beats_per_bar=3,
    bass=((47,), (52,), (42,), (47,), (43,), (52,), (42,), (47,)),
    chords=((62, 66, 71), (64, 67, 71), (64, 70, 73), (62, 66, 71), (62, 67, 71), (64, 67, 71), (64, 70, 73),
            (62, 66, 71)),
    chord_beats=(1, 2),
    melody=(
        ((78, 1.0), (74, 0.5), (76, 0.5), (78, 1.0)),
        ((79, 1.5), (78, 0.5), (76, 1.0)),
        ((73, 1.0), (70, 1.0), (73, 1.0)),
        ((74, 2.0), (73, 0.5), (71, 0.5)),
        ((74, 1.0), (79, 1.0), (83, 1.0)),
        ((81, 1.5), (79, 0.5), (76, 1.0)),
        ((78, 1.0), (76, 0.5), (73, 0.5), (70, 1.0)),
        ((71, 3.0),),
    ),
)

GRAND_WALTZ = Tune(  # G minor: i – iv – V7 – i – VI – iv – V7 – i, the bass an octave down, two notes a bar
    title="Grand waltz in G minor",
    beats_per_bar=3,
    bass=((43, 50), (48, 55), (38, 45), (43, 50), (39, 46), (48, 55), (38, 45), (43, 50)),
    chords=((62, 67, 70), (63, 67, 72), (66, 69, 72), (62, 67, 70), (63, 67, 70), (63, 67, 72), (66, 69, 72),
            (62, 67, 70)),
    chord_beats=(1, 2),
    melody=(
        ((74, 1.5), (79, 0.5), (82, 1.0)),
        ((84, 2.0), (82, 0.5), (79, 0.5)),
        ((81, 1.0), (78, 1.0), (74, 1.0)),
        ((79, 3.0),),
        ((82, 1.0), (79, 0.5), (75, 0.5), (79, 1.0)),
        ((84, 1.5), (82, 0.5), (79, 1.0)),
        ((78, 1.0), (81, 1.0), (84, 0.5), (81, 0.5)),
        ((79, 2.0), (74, 1.0)),
    ),
)

ALLEY_SLINK = Tune(  # A minor in 4/4: i – i – iv – iv – VI – V7 – i – V7 over a walking bass
    title="Alley slink in A minor",
    beats_per_bar=4,
    bass=((45, 48, 52, 55), (57, 55, 52, 50), (50, 53, 57, 53), (50, 48, 46, 45), (41, 45, 48, 45),
          (40, 44, 47, 50), (45, 48, 52, 51), (52, 50, 47, 44)),
    chords=((64, 69, 72), (64, 69, 72), (65, 69, 74), (65, 69, 74), (65, 69, 72), (62, 68, 71), (64, 69, 72),
            (62, 68, 71)),
    chord_beats=(1, 3),
    melody=(
        ((76, 1.5), (74, 0.5), (72, 1.0), (69, 1.0)),
        ((REST, 1.0), (72, 0.5), (75, 0.5), (76, 2.0)),
        ((77, 1.5), (76, 0.5), (74, 1.0), (72, 1.0)),
        ((74, 3.0), (REST, 1.0)),
        ((72, 1.0), (77, 1.0), (81, 1.5), (79, 0.5)),
        ((80, 1.0), (76, 1.0), (74, 1.0), (71, 1.0)),
        ((72, 1.5), (71, 0.5), (69, 2.0)),
        ((REST, 1.0), (68, 1.0), (71, 1.0), (74, 1.0)),
    ),
    pizzicato=True,
)

TUNES = {"academy": BARRE_WALTZ, "opera": GRAND_WALTZ, "alley": ALLEY_SLINK}  # by the level's theme
DEFAULT_THEME = "academy"


def tune_for(theme: str | None) -> Tune:
    """The piece a stage plays; an unknown or missing theme plays the Academy's waltz."""
    return TUNES.get(theme or DEFAULT_THEME, BARRE_WALTZ)
