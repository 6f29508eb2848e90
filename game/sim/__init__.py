"""The deterministic simulation. Imports pymunk and numpy, never pygame."""
