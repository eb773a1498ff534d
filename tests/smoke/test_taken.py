"""taken.json is what resolving the generated projects' dependencies gives today.

The resolution (``uv pip compile --universal``, every preset and feature) and the install that
reads each distribution's modules and commands need the package index: this test runs in CI,
which reaches it. It resolves as the index stood when the file was made (``as_of``, uv's
``--exclude-newer``), so a release made since does not fail it; ``python -m litestar_new.taken``
brings the file up to date with the index of today.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from litestar_new.taken import DATA_FILE, derive, dumps
from tests.support.projects import UV

pytestmark = pytest.mark.smoke


def test_the_taken_names_are_those_of_todays_resolution() -> None:
    recorded = json.loads((resources.files("litestar_new") / DATA_FILE).read_text("utf-8"))
    derived = derive(UV, as_of=recorded["as_of"])
    old, new = recorded["distributions"], derived["distributions"]
    changed = {
        name: (old.get(name), new.get(name))
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    }
    assert changed == {}, "run python -m litestar_new.taken (recorded, derived now)"
    assert dumps(derived) == dumps(recorded)
