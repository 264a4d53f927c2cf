"""The ledger kept on every write, and the highlights read from it."""
