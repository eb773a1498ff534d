"""The ``integration`` tier: in-process runs of the whole command that merge through copier and
git (seconds each), kept out of the unit tier, which must stay under a minute on 2 cores."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is in the ``integration`` tier."""
    for item in items:
        if "/tests/integration/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.integration)
