"""Run netjournal with ``python -m netjournal``."""

from netjournal.cli import main

main()
