"""A fast sample of the catalogue property (tests/catalogue_property.py): validate never fails
internally; where it is clean, the targets build, their XML is valid against its XSD and the
texts written read back exactly. `make fuzz N=10000` runs the long version."""

from __future__ import annotations

from catalogue_property import run


def test_a_sample_of_mutated_catalogues_keeps_the_property() -> None:
    counts = run(16, seed=1516)
    assert counts.violations == []
    assert counts.inputs == 16
    assert counts.findings > 0 and counts.clean > 0  # both sides of the property are reached
    assert counts.compiled == counts.clean
    assert counts.xml_documents > 40
