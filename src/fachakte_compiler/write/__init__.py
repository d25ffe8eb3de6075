"""Stage 6: deterministic bytes (ZIPs, timestamps) and atomic replacement of build output."""
