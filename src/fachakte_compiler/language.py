"""The language of user-facing texts: `FACHAKTE_LANG` (de/en), else the locale, else English."""

from __future__ import annotations

import os


def german() -> bool:
    """True when texts should be German: FACHAKTE_LANG=de…, or, without it, a `de_*` locale in
    LC_ALL, LC_MESSAGES or LANG (the POSIX precedence)."""
    chosen = os.environ.get("FACHAKTE_LANG", "").strip().lower()
    if chosen:
        return chosen.startswith("de")
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value.lower().startswith("de")
    return False
