"""Helpers shared by the tests: one catalogue builder (catalogue), one git helper (git), one
reader of output trees (tree). Tests import them as `from support.tree import tree`."""
