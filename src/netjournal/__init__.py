"""netjournal: a private, keyboard-first terminal journal for your relationships."""

__version__ = "0.1.0"
