"""The embedded demo world: a small real news web served on loopback for demos and tests."""
