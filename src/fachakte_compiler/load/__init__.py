"""Stage 1: read definition files strictly, keeping the source position of every value."""
