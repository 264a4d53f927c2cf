"""Who else might want what was just shared."""
