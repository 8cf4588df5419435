"""Finding cases that are probably the same person."""
