"""What the player hears: effects synthesised with numpy at start-up, mapped from the fight's events,
and a music-box waltz on the level's tempo. The app needs only `AudioSystem`."""

from game.audio.mixer import AudioSystem, Cue, cue_for, cues_for

__all__ = ["AudioSystem", "Cue", "cue_for", "cues_for"]
