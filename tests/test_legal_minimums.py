"""The table of well-known statutory minimums picks the period the cited norm demands."""

from __future__ import annotations

import pytest

from fachakte_compiler.check.legal_minimums import known_minimum


@pytest.mark.parametrize(
    ("source", "norm", "years"),
    [
        ("§ 147 Abs. 3 AO (Buchungsbelege)", "§ 147 Abs. 3 AO", 8),
        ("§ 147 Abs. 3 Nr. 1 AO: Bücher und Aufzeichnungen", "§ 147 Abs. 3 AO", 10),
        ("§ 147 AO", "§ 147 Abs. 3 AO", 6),
        ("§ 257 Abs. 4 HGB (Belege)", "§ 257 Abs. 4 HGB", 8),
        ("§ 59 Abs. 2 KomHVO NRW (Belege)", "§ 59 Abs. 2 KomHVO NRW", 6),
        ("§ 59 Abs. 2 KomHVO NRW (Bücher)", "§ 59 Abs. 2 KomHVO NRW", 10),
        ("§ 59 KomHVO NRW – Jahresabschlüsse", "§ 59 Abs. 2 KomHVO NRW", None),
        ("§ 8 Abs. 4 VgV", "§ 8 Abs. 4 VgV", 3),
        # Two norms cited: the stricter one counts.
        ("§ 59 Abs. 2 KomHVO NRW; § 147 Abs. 3 AO (Buchungsbelege)", "§ 147 Abs. 3 AO", 8),
    ],
)
def test_known_norms(source: str, norm: str, years: int | None) -> None:
    found = known_minimum(source)
    assert found is not None
    assert (found[0].name, found[1].years) == (norm, years)


@pytest.mark.parametrize(
    "source", ["§ 12 KAG NRW i. V. m. §§ 169, 228 AO (Verjährung)", "§ 9 BspG", "§ 1470 AO"]
)
def test_other_norms_are_not_guessed(source: str) -> None:
    assert known_minimum(source) is None
