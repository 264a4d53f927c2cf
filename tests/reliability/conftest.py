"""The reliability suite's switch: `pytest --long` (or NETJOURNAL_LONG=1) runs the long loops.

The option itself is declared in tests/conftest.py so `pytest --long` works from anywhere.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def long_run(request: pytest.FixtureRequest) -> bool:
    """True when the long loops were asked for, by option or environment."""
    return bool(request.config.getoption("--long", default=False)) or (
        os.environ.get("NETJOURNAL_LONG") == "1"
    )
