"""Fixtures of the unit tier (none yet)."""
