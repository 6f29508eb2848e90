"""The world's one random source: a small, portable generator whose whole state is one integer."""

from __future__ import annotations

MASK64 = (1 << 64) - 1
_UNIT = 1.0 / (1 << 53)  # a 53-bit integer times this is a float in [0, 1)


class Rng:
    """SplitMix64: the same seed gives the same numbers on every machine and Python version."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next_u64() >> 11) * _UNIT

    def randint(self, low: int, high: int) -> int:
        """An integer in [low, high], both ends included."""
        return low + self.next_u64() % (high - low + 1)

    def chance(self, p: float) -> bool:
        """True with probability p: `random() < p`, written out (brains ask it several times a tick)."""
        self.state = z = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return ((z ^ (z >> 31)) >> 11) * _UNIT < p

    def choice(self, items):  # type: ignore[no-untyped-def]
        return items[self.next_u64() % len(items)]
