"""What the player hears: effects synthesised with numpy at start-up, mapped from the fight's events,
footsteps by the floor under them, rain where it rains, and each stage's music-box piece on the level's
tempo, kept on the fight's beat. The app needs only `AudioSystem`."""

from game.audio.cues import Cue, cue_for, cues_for
from game.audio.mixer import AudioSystem

__all__ = ["AudioSystem", "Cue", "cue_for", "cues_for"]
