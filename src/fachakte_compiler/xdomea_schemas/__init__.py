"""The official xdomea 3.0.0 XSDs: where they are published, their pinned SHA-256 values, and
where a user's copy is found.

They are third-party files and never part of this repository. `fachakte xdomea-schemas fetch`
downloads the bundle from its publisher (KoSIT, XRepository), checks every file against the
values below and keeps them in the user's cache folder; `compile` and `release` then validate
every message. Look-up order: --xsd-dir, $FACHAKTE_XDOMEA_XSD_DIR, the cache.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

VERSION = "3.0.0"
# The variable that names the folder of the XSDs when --xsd-dir is not given.
XSD_ENV = "FACHAKTE_XDOMEA_XSD_DIR"
# The XRepository entry of xdomea 3.0.0 is
# https://www.xrepository.de/details/urn:xoev-de:xdomea:kosit:standard:xdomea_3.0.0;
# its "xmlschema" artefact is the ZIP of the XSDs.
BUNDLE_URL = (
    "https://www.xrepository.de/api/xrepository/"
    "urn:xoev-de:xdomea:kosit:standard:xdomea_3.0.0:xmlschema"
)
ENTRY = f"{VERSION}/xdomea.xsd"
# SHA-256 of each official file and its path in the stored layout, in the format of
# sha256sum. The layout is the one the XSDs expect: xdomea.xsd includes
# ../xoev/code/1_0/xoev-code.xsd.
PINNED_SUMS = """\
54b7a7a34ac96ca5980e7d02b6486eaad51b8735679745bebd9e2f4ae28e1a30  3.0.0/xdomea-Baukasten.xsd
6c064e7864322d6c21eeb1b8b1bae1429b0048d538277f5cc060f4ef91adda20  3.0.0/xdomea-Datentypen.xsd
be71ea141ed48252418dd9c7b42b2c8d373474970bc9e4f0a09ce88fb71f474b  3.0.0/xdomea-Nachrichten-AbgabeDurchfuehren.xsd
507c150676a7bb935d0028ca8bf8455981e8e21757833f80b176d8a6ec493551  3.0.0/xdomea-Nachrichten-AktenplanAustauschen.xsd
a58e79c37a3f4bae6afea712782d13c72543af788a7b8b422724cd4f5a4d9679  3.0.0/xdomea-Nachrichten-Archivsystem.xsd
fd9730ea312bc687602b7275a265365888b51f3c124328701abcb09ff52e3ca9  3.0.0/xdomea-Nachrichten-AussonderungDurchfuehren.xsd
54ab71f95b1aefe7e206b57343ae84930e46a5f97328689bd9231e4ea3c000d9  3.0.0/xdomea-Nachrichten-DMS.xsd
bf37a40325b4feb86a41c35880d9652df5e6a14f4bdbc5a1f597f07edb36b5d6  3.0.0/xdomea-Nachrichten-Fachverfahren.xsd
b08bc2a819e69a89ac049bb5aba3a7120451b41b63c5719d4571396ef85059ca  3.0.0/xdomea-Nachrichten-FachverfahrensdatenAustauschen.xsd
f12c279affde0aacb007307af434d21ef70bb6da8399c315df0a5ddf0173b47c  3.0.0/xdomea-Nachrichten-GeschaeftsgangDurchfuehren.xsd
4290de25b9e4835e8ed49f67bd44254791bf55de6b3bcf9cbe143d5ee0f9d8d3  3.0.0/xdomea-Nachrichten-InformationAustauschen.xsd
1972c7b6b6a3c0e6049eb8bec65492fc2a80ff6557425d7875ed3208b79706d6  3.0.0/xdomea-Nachrichten-VBS.xsd
7b0589c9edaae81886cf24de3f5eec50c49caaad15ab411108360306167e8562  3.0.0/xdomea-Nachrichten-ZwischenarchivierungDurchfuehren.xsd
c7fef40e43876110ffe39967983eee9909d33b4fda18fc7e266ebffcbb9f9cf8  3.0.0/xdomea-Nachrichten-Zwischenarchivsystem.xsd
1984ec3c3ad55502dcd5887018d53c01ca71bd897b9538b278374868ace40e31  3.0.0/xdomea-Typen-AbgabeDurchfuehren.xsd
b1cd7dd0335c990d8b1dd28469736af14451e2c548d2d51d041ddb03e9897fba  3.0.0/xdomea-Typen-AussonderungDurchfuehren.xsd
25e663b2edb34f5a8c4a42f437ae7e7c0f8ccf1359a796e00873caf64e701c4f  3.0.0/xdomea-Typen-FachverfahrensdatenAustauschen.xsd
82c4ca0c619b0866f1d97d13a05782f5d4d97bfa9aa02910be2751517b8dcfed  3.0.0/xdomea-Typen-GeschaeftsgangDurchfuehren.xsd
48918630e39622a471b853240d8c7e919126bd33a7b16c71ff06b1bd18324e0c  3.0.0/xdomea-Typen-ZwischenarchivierungDurchfuehren.xsd
c06f51a2861c2158b41fbca9032905b29638d9627ce98f8c15aa50cacf9e1040  3.0.0/xdomea.xsd
15249c765c2effe04ec7c2ba7aa871e036e38fde022303cd71794c56f69fcdd0  xoev/code/1_0/xoev-code.xsd
85448c192807433202f42b8c6351de22ace66b8bc316676cc765b1c60a8356e6  xoev/latinchars/1_1/datatypes/latinchars.xsd
"""  # noqa: E501 (one line per file, as sha256sum writes it)
PINNED: dict[str, str] = {
    path: digest for digest, path in (line.split("  ") for line in PINNED_SUMS.splitlines())
}
APP_NAME = "fachakte-compiler"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_folder() -> Path:
    """The user's cache folder for the bundle (platformdirs; on Linux $XDG_CACHE_HOME or
    ~/.cache), e.g. ~/.cache/fachakte-compiler/xdomea-3.0.0."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME) / f"xdomea-{VERSION}"


def verified(folder: Path) -> bool:
    """True if `folder` holds every pinned file with its pinned SHA-256 (about 1 MB to hash)."""
    try:
        return all(sha256((folder / rel).read_bytes()) == pin for rel, pin in PINNED.items())
    except OSError:
        return False


def cached_xsd_dir() -> Path | None:
    """The folder of xdomea.xsd in the user's cache, or None if no verified copy is there."""
    folder = cache_folder()
    return folder / VERSION if verified(folder) else None


def resolve_xsd_dir(given: Path | None) -> Path | None:
    """`given` (from --xsd-dir or $FACHAKTE_XDOMEA_XSD_DIR) if set, else the cached copy."""
    return given if given is not None else cached_xsd_dir()
