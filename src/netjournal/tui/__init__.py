"""The Textual face of netjournal."""
