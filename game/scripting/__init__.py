"""Scripted fights: combo tests, choreography lines and replays (record, play back, verify)."""
