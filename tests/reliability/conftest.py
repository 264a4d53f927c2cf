"""Options for the reliability suite: `--long` (or NETJOURNAL_LONG=1) runs the long loops.

pytest only learns `--long` when pointed at this folder or a file in it
(`pytest tests/reliability --long`); NETJOURNAL_LONG=1 works from anywhere.
"""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="run the long reliability loops (500 kill -9 rounds instead of 25)",
    )


@pytest.fixture
def long_run(request: pytest.FixtureRequest) -> bool:
    """True when the long loops were asked for, by option or environment."""
    return bool(request.config.getoption("--long", default=False)) or (
        os.environ.get("NETJOURNAL_LONG") == "1"
    )
