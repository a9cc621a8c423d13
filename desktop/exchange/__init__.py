"""Import of lists and exchange bundles with the upper level."""
