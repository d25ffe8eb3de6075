"""fachakte-compiler: declarative, verifiable E-Fachakten for Doxis4 and xdomea."""

__version__ = "0.1.0"

# Version of the definition language (the JSON Schemas in schemas/). Bumped when the meaning of
# a definition file changes; recorded in every package manifest.
LANGUAGE_VERSION = "1.0"
