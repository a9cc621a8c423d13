"""`make bench`: district-size figures, each beside the raw cost of the same work."""
