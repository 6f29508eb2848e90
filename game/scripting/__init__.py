"""Combo tests, choreography scripts and replays."""
