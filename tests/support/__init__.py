"""Helpers shared by the generation and smoke tiers."""
