"""Helpers shared by the tests: one catalogue builder (catalogue), one git helper (git), one
reader of output trees (tree), the package's modules as syntax trees (sources). Tests import
them as `from support.tree import tree`."""
