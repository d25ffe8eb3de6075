"""Stage-independent command-line front end; each command lives in its own module."""
