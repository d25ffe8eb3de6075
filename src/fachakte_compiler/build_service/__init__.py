"""The build service: the one way from a catalogue to its outputs, for `compile`, `release` and
the editor tooling.

It plans the work units that the targets declare (`units`), answers them from the cache
(`cache`) or runs the targets (`runner`), records what an output folder was built from
(`stamp`), and hands the bytes to `write/`, which stages and commits them. Commands only turn
options into a request and its outcome (or a FachakteError) into text and an exit code.
"""
