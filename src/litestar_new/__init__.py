"""litestar-new: create Litestar applications from a five-line script to a layered service."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
