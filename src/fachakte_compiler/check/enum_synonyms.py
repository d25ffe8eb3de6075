"""Did-you-mean for values from a fixed set (JSON Schema `enum`), German words included.

Authors write what they would say: `type: datum`, `disposition: vernichten`, `akte: [lesen]`.
Spelling similarity cannot get from `datum` to `date`, so the words an author may use for a
value are listed here by meaning; only values the schema allows at the place are ever offered.
The values themselves are those of the schemas (common.schema.json, fachakte.schema.json); the
German words follow the schemas' own descriptions (`date = Datum`, `V = vernichten`, ...).
"""

from __future__ import annotations

from collections.abc import Sequence

from fachakte_compiler.diagnostics.suggest import closest, suggestion_text

# word an author may write -> the values of the definition language it can mean
SYNONYMS: dict[str, tuple[str, ...]] = {
    # field types (common.schema.json $defs/field type)
    "datum": ("date",),
    "kalenderdatum": ("date",),
    "zeitpunkt": ("datetime",),
    "datum_uhrzeit": ("datetime",),
    "datum_und_uhrzeit": ("datetime",),
    "datumzeit": ("datetime",),
    "zeitstempel": ("datetime",),
    "timestamp": ("datetime",),
    "uhrzeit": ("datetime",),
    "zahl": ("integer", "decimal"),
    "nummer": ("integer", "string"),
    "number": ("integer", "decimal"),
    "numeric": ("integer", "decimal"),
    "ganzzahl": ("integer",),
    "ganze_zahl": ("integer",),
    "int": ("integer",),
    "anzahl": ("integer",),
    "dezimalzahl": ("decimal",),
    "dezimal": ("decimal",),
    "kommazahl": ("decimal",),
    "float": ("decimal",),
    "double": ("decimal",),
    "betrag": ("decimal",),
    "geldbetrag": ("decimal",),
    "waehrung": ("decimal",),
    "euro": ("decimal",),
    "zeichenkette": ("string",),
    "str": ("string",),
    "varchar": ("string",),
    "textfeld": ("string",),
    "freitext": ("text",),
    "langtext": ("text",),
    "mehrzeilig": ("text",),
    "wahrheitswert": ("boolean",),
    "bool": ("boolean",),
    "ja_nein": ("boolean",),
    "janein": ("boolean",),
    "checkbox": ("boolean",),
    "schalter": ("boolean",),
    "logisch": ("boolean",),
    "werteliste": ("code",),
    "codeliste": ("code",),
    "schluesselliste": ("code",),
    "schluessel": ("code",),
    "auswahl": ("code",),
    "auswahlliste": ("code",),
    "enum": ("code",),
    "objekt": ("baustein",),
    # personal data (personal_data)
    "keine": ("none",),
    "kein": ("none",),
    "nein": ("none",),
    "ohne": ("none",),
    "personenbezogen": ("personal",),
    "personenbezug": ("personal",),
    "ja": ("personal",),
    "besondere": ("special",),
    "besonders": ("special",),
    "besondere_kategorie": ("special",),
    "art_9": ("special",),
    "art9": ("special",),
    "sensibel": ("special",),
    # Aussonderungsart (disposition), xdomea's A/B/V
    "archivieren": ("A",),
    "archivwuerdig": ("A",),
    "archiv": ("A",),
    "anbieten": ("A",),
    "bewerten": ("B",),
    "bewertung": ("B",),
    "vernichten": ("V", "delete"),
    "vernichtung": ("V",),
    "loeschen": ("delete", "V"),
    # rights on the Akte and its documents (permissions akte/documents)
    "lesen": ("read",),
    "ansehen": ("read",),
    "anlegen": ("create",),
    "erstellen": ("create",),
    "hinzufuegen": ("create",),
    "aendern": ("update",),
    "bearbeiten": ("update",),
    "schreiben": ("update",),
    "entfernen": ("delete",),
    "schliessen": ("close",),
    "abschliessen": ("close",),
    "wieder_oeffnen": ("reopen",),
    "wiedereroeffnen": ("reopen",),
    "oeffnen": ("reopen",),
    "exportieren": ("export",),
    "freigeben": ("approve",),
    "zeichnen": ("approve",),
    "genehmigen": ("approve",),
    "mitzeichnen": ("approve",),
    # start of a retention period (trigger), for authors who write English
    "field": ("feld",),
    "closed": ("akte_geschlossen",),
    "end_of_year": ("ende_kalenderjahr",),
    # kinds of tenants
    "landkreis": ("kreis",),
    "kreisstadt": ("stadt",),
}

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _normalised(value: str) -> str:
    """`value` as the table spells words: lower case, umlauts as ae/oe/ue/ss, `_` for blanks and
    hyphens ('Ja/Nein' -> 'ja_nein')."""
    text = value.strip().lower().translate(_UMLAUTS)
    for separator in (" ", "-", "/"):
        text = text.replace(separator, "_")
    return text


def meant_values(value: object, allowed: Sequence[object]) -> list[str]:
    """The allowed values `value` most likely stands for, best first; empty when nothing fits.

    Order of evidence: the same word in another case (`Date`, `v`), a word listed in SYNONYMS,
    a close spelling (difflib, as for keys)."""
    choices = [str(a) for a in allowed]
    word = _normalised(str(value))
    same = [c for c in choices if _normalised(c) == word]
    if same:
        return same
    meant = [v for v in SYNONYMS.get(word, ()) if v in choices]
    if meant:
        return meant
    near = closest(word, [_normalised(c) for c in choices], valid=None)
    if near is not None:
        return [c for c in choices if _normalised(c) == near][:1]
    return []


def suggest_value(value: object, allowed: Sequence[object]) -> str | None:
    """'did you mean ...?' for a value outside `allowed`, or None."""
    meant = meant_values(value, allowed)
    if not meant:
        return None
    return suggestion_text(meant)
