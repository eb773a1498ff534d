"""Operational routes: health."""
