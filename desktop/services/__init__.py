"""Use cases and transaction boundaries, with progress and cancel callbacks."""
