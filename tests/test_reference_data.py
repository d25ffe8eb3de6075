"""Reference data beside the checkout: where `../shared` exists (CI), the tests that need the
official xdomea XSDs must run, not skip."""

from __future__ import annotations

import pytest

from conftest import HAVE_XDOMEA_XSD, SHARED, XDOMEA_XSD_DIR


def test_official_xsds_are_found_where_the_reference_folder_exists() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"no reference folder {SHARED} beside the checkout (a plain clone)")
    assert HAVE_XDOMEA_XSD, (
        f"{SHARED} exists but {XDOMEA_XSD_DIR / 'xdomea.xsd'} is missing: "
        "the XSD tests would skip silently"
    )
