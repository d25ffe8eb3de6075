"""Stage 2: JSON Schema validation and semantic rules over a loaded catalogue."""
