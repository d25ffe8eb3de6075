"""How an xdomea 3.0.0 message names a tenant in Kopf/Absender and Kopf/Empfaenger.

xdomea's BehoerdenkennungType (xdomea-Baukasten.xsd) carries a Behoerdenschluessel of type
xoev-code:Code, a code list of type 4: the code list is not fixed by the standard, so every code
names its list with listURI and listVersionID. For authorities on the municipal level the XSD
documentation gives the Amtlicher Gemeindeschlüssel of the municipality the authority serves.
A Kreis is no municipality: '05958000' is the Kreisschlüssel 05958 padded with zeros, not an
AGS of the Gemeindeverzeichnis. A Kreis is therefore named by its Amtlicher Regionalschlüssel
(12 digits; Land, Regierungsbezirk, Kreis, then zeros, e.g. '059580000000'), the form the DVDV
uses for its Organisations-IDs (docs.fitko.de/dvdv/diensteprovider). Both lists are published
by Destatis in the XRepository under the URNs below.

Uncertain (docs/xdomea.md): the list versions are the ones current when this was written (the
keys of the Hochsauerlandkreis have not changed since 1975), and the DVDV Präfix is left out
because its list of prefixes is not published as a code list with a URN we could cite.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.i18n import _
from fachakte_compiler.model import Tenant
from fachakte_compiler.targets import TargetError

AGS_LIST = ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags", "2024-10-31")
RS_LIST = ("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs", "2024-10-31")


@dataclass(frozen=True)
class Behoerdenschluessel:
    code: str
    list_uri: str
    list_version: str


def behoerdenschluessel(tenant: Tenant) -> Behoerdenschluessel:
    """The key of `tenant`: AGS (8 digits) for a Stadt or Gemeinde, the 12-digit Regionalschlüssel
    for a Kreis. Raises TargetError for a Kreis whose AGS is not '<Kreisschlüssel>000'."""
    if tenant.kind != "kreis":
        return Behoerdenschluessel(tenant.ags, *AGS_LIST)
    if not tenant.ags.endswith("000"):
        raise TargetError(
            _(
                "xdomea: tenant '{id}' is a Kreis but its ags '{ags}' does not end in "
                "000; give the five-digit Kreisschlüssel followed by 000"
            ).format(id=tenant.id, ags=tenant.ags)
        )
    return Behoerdenschluessel(tenant.ags[:5].ljust(12, "0"), *RS_LIST)
