"""Finding things: full-text search, its index, and matching names as typed."""
