"""Importers, exporters, backup and restore; they call core, never the TUI."""
