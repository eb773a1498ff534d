"""The ``world`` tier: generated projects checked by the tools their users run on them."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is in the ``world`` tier."""
    for item in items:
        if "/tests/world/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.world)
