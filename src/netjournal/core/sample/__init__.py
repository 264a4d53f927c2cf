"""The sample journal `netjournal --demo` shows."""
