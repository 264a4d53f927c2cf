"""Run netjournal with ``python -m netjournal``."""

from netjournal.launch import main

main()
