"""The text of a new Fachakte: valid placeholders, German comments that say what to fill in."""

from __future__ import annotations

import json

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Neue E-Fachakte „{id}“. Alle Texte unten sind Platzhalter: Sie ergeben eine gültige
# Fachakte, damit `fachakte validate` von Anfang an hilft. Ersetzen Sie sie Schritt für
# Schritt durch die fachlichen Festlegungen der federführenden Kommunen.
# Kennungen (id) sind kleingeschrieben mit Unterstrichen und bleiben für immer gleich;
# Umbenennungen werden mit `renamed_from` ausdrücklich vermerkt.
id: {id}
# Semantische Version: MAJOR bei Änderungen, die bestehende Akten brechen, MINOR bei
# Ergänzungen, PATCH bei Korrekturen von Texten.
version: 0.1.0
title: {title}
description: >-
  Kurze Beschreibung der Aufgabe: Welche Vorgänge werden in dieser Akte geführt, wer
  bearbeitet sie, was ist ihr Ergebnis? (Platzhalter, bitte ersetzen.)
# Genau drei federführende Kommunen (Kennungen aus tenants.yaml), „Wenige für Viele“.
owners:
{owners}
# Welche Mandanten die Akte führen; ohne used_by alle aus tenants.yaml. Eine Aufgabe nur der
# Städte und Gemeinden (z. B. eine Gemeindesteuer) beschränkt sich so, mit der Rechtsgrundlage
# der Zuständigkeit als Kommentar:
# used_by:
#   kinds: [stadt, gemeinde]
# Die Vorschriften, auf denen die Aufgabe beruht; je Vorschrift Kurzbezeichnung, Titel und
# möglichst ein Link auf die amtliche Fassung (https://…).
legal_basis:
  - short: Rechtsgrundlage
    title: Bezeichnung der Vorschrift (Platzhalter, bitte ersetzen)
# Einordnung in den gemeinsamen Aktenplan; übergeordnete Ebenen müssen in aktenplan.yaml
# stehen. Das Kennzeichen in Anführungszeichen setzen.
aktenplan:
  kennzeichen: "{kennzeichen}"
  title: {title}
# Felder (Doxis4: Deskriptoren). Wiederkehrende Gruppen wie Person, Anschrift oder
# Bankverbindung als Baustein einbinden: `type: baustein` und `baustein: person`.
fields:
  - id: bezeichnung
    title: Bezeichnung des Vorgangs
    type: string
    required: true
    max_length: 200
    searchable: true
  - id: eingangsdatum
    title: Eingangsdatum
    type: date
    required: true
  - id: bemerkung
    title: Bemerkung
    type: text
    max_length: 2000
akte:
  title: {title}
  # Felder, die an der Akte selbst geführt werden.
  fields:
    - bezeichnung
    - eingangsdatum
  # Platzhalter: {{kennzeichen}}, {{einheit}}, {{jahr}}, {{laufnummer:N}} (Pflicht),
  # {{feld:KENNUNG}}.
  aktenzeichen:
    format: "{{kennzeichen}}/{{einheit}}/{{jahr}}/{{laufnummer:5}}"
  display_title: "{{aktenzeichen}} – {{bezeichnung}}"
  # Register gliedern die Akte; jeder Dokumenttyp gehört in mindestens ein Register.
  registers:
    - id: vorgang
      title: Vorgang
      document_types:
        - eingang
        - schreiben
  # Aufbewahrung: Frist in Jahren (oder `unlimited: true`), Auslöser und Aussonderungsart
  # (A = archivwürdig, B = bewerten, V = vernichten) mit der Rechtsquelle der Frist.
  retention:
    years: 10
    trigger: akte_geschlossen
    disposition: B
    legal_source: Platzhalter – Rechtsquelle der Aufbewahrungsfrist eintragen
document_types:
  - id: eingang
    title: Eingang
    fields:
      - eingangsdatum
  - id: schreiben
    title: Schreiben
    fields:
      - bemerkung
# Rollen mit Rechten an Akte und Dokumenten; die Kommunen ordnen ihnen ihre Gruppen zu.
roles:
  - id: sachbearbeitung
    title: Sachbearbeitung
    permissions:
      akte: [read, create, update, close]
      documents: [read, create, update]
  - id: leitung
    title: Leitung
    permissions:
      akte: [read, create, update, close, reopen, export]
      documents: [read, create, update, delete, approve, export]
# Bearbeitungsstand der Akte: genau ein Anfangs- und mindestens ein Endzustand.
workflow:
  states:
    - id: in_bearbeitung
      title: In Bearbeitung
      initial: true
    - id: abgeschlossen
      title: Abgeschlossen
      final: true
  transitions:
    - from: in_bearbeitung
      to: abgeschlossen
      title: Vorgang abschließen
      roles: [sachbearbeitung, leitung]
    - from: abgeschlossen
      to: in_bearbeitung
      title: Akte wieder öffnen
      roles: [leitung]
"""


def _title(fachakte_id: str) -> str:
    words = fachakte_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def render(
    fachakte_id: str,
    owners: list[str],
    kennzeichen: str,
    schema: str = "../../schemas/fachakte.schema.json",
) -> str:
    """The new file's text; `schema` is the modeline's path to fachakte.schema.json, relative
    to the file."""
    # json.dumps quotes like YAML's double-quoted style, so any id stays a plain string.
    owner_lines = "\n".join(f"  - {owner}" for owner in owners)
    title = json.dumps(f"{_title(fachakte_id)} (Platzhalter)", ensure_ascii=False)
    return TEMPLATE.format(
        id=fachakte_id, title=title, owners=owner_lines, kennzeichen=kennzeichen, schema=schema
    )
