"""Well-known statutory minimum retention periods, so that a cited norm and the period written
beside it can be checked against each other.

Sources (wording of the norms as in force on 2026-11-30):
- § 147 Abs. 3 AO: books, records, inventories, annual accounts 10 years; posting vouchers
  (Buchungsbelege) 8 years since the Viertes Bürokratieentlastungsgesetz (BGBl. 2024 I Nr. 323,
  in force 2025-01-01); commercial letters and other tax-relevant documents 6 years.
  https://www.gesetze-im-internet.de/ao_1977/__147.html
- § 257 Abs. 4 HGB: the same periods for merchants.
  https://www.gesetze-im-internet.de/hgb/__257.html
- § 59 Abs. 2 KomHVO NRW: annual accounts and the opening balance permanently, books 10 years,
  vouchers (Belege) and other documents 6 years.
  https://recht.nrw.de/lmi/owa/br_bes_detail?sg=0&menu=0&bes_id=39928&anw_nr=2&aufgehoben=N&det_id=606271
- § 8 Abs. 4 VgV: the documentation of an award procedure at least 3 years from the award.
  https://www.gesetze-im-internet.de/vgv_2016/__8.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """What a norm demands for one kind of record; `years` None = permanently."""

    records: str  # German name of the kind of record, for messages
    years: int | None
    words: tuple[str, ...] = ()  # lower-case words in legal_source that select this kind


@dataclass(frozen=True)
class Norm:
    """A norm recognised in `legal_source` by `pattern`; `periods` are tried in order and the
    last one (no `words`) applies when none matches, so it must be the norm's shortest period
    (a check never claims more than the norm surely demands)."""

    name: str
    pattern: re.Pattern[str]
    periods: tuple[Period, ...]


_TAX = (
    Period(
        "Bücher und Aufzeichnungen",
        10,
        ("bücher", "buch ", "aufzeichnung", "inventar", "jahresabschl", "bilanz"),
    ),
    Period("Buchungsbelege", 8, ("beleg",)),
    Period("Handels- und Geschäftsbriefe und sonstige Unterlagen", 6),
)
NORMS = (
    Norm("§ 147 Abs. 3 AO", re.compile(r"§\s*147\b[^;]*?\bAO\b"), _TAX),
    Norm("§ 257 Abs. 4 HGB", re.compile(r"§\s*257\b[^;]*?\bHGB\b"), _TAX),
    Norm(
        "§ 59 Abs. 2 KomHVO NRW",
        re.compile(r"§\s*59\b[^;]*?\bKomHVO\b"),
        (
            Period(
                "Jahresabschlüsse und Eröffnungsbilanz", None, ("jahresabschl", "eröffnungsbilanz")
            ),
            Period("Bücher", 10, ("bücher", "buch ")),
            Period("Belege und sonstige Unterlagen", 6),
        ),
    ),
    Norm(
        "§ 8 Abs. 4 VgV",
        re.compile(r"§\s*8\s*Abs\.\s*4\b[^;]*?\bVgV\b"),
        (Period("Dokumentation des Vergabeverfahrens", 3),),
    ),
)


def known_minimum(legal_source: str) -> tuple[Norm, Period] | None:
    """The strictest known period among the norms `legal_source` cites, or None."""
    found: list[tuple[Norm, Period]] = []
    lowered = legal_source.lower() + " "
    for norm in NORMS:
        if norm.pattern.search(legal_source) is None:
            continue
        chosen = next(
            (p for p in norm.periods if p.words and any(w in lowered for w in p.words)),
            norm.periods[-1],
        )
        found.append((norm, chosen))
    if not found:
        return None
    return max(found, key=lambda f: float("inf") if f[1].years is None else f[1].years)
