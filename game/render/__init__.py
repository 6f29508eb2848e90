"""Drawing the world: reads the simulation, never changes it."""
