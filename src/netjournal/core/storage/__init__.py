"""The journal file: opening, checking, sharing, migrating and backing it up."""
