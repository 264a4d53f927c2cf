"""netjournal: a private, keyboard-first terminal journal for your relationships."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("netjournal")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
