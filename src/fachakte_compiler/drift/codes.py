"""Stable codes of drift findings (DR…): one per kind of difference, each with an `explain` text
and an English and a German line. DR1xx descriptors, DR2xx classes, DR3xx groups, DR6xx the
file plan (xdomea 0301), DR7xx names of installed objects of any kind."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.diagnostics import Code, code


@dataclass(frozen=True)
class DriftKind:
    code: str
    name: str
    en: str  # str.format template over the finding's fields
    de: str
    doc: Code  # what `fachakte explain` shows


def _kind(code_id: str, name: str, summary: str, en: str, de: str, explanation: str) -> DriftKind:
    return DriftKind(code_id, name, en, de, code(code_id, name, summary, explanation))


DR101 = _kind(
    "DR101",
    "descriptor-missing",
    "descriptor of the release missing in the installation",
    "descriptor {object} is missing",
    "Deskriptor {object} fehlt",
    """
    The release defines this descriptor, but the organization has none of that name. Install
    the release (setup sheet, transport) or check that the right organization was read.""",
)
DR102 = _kind(
    "DR102",
    "descriptor-changed",
    "descriptor differs in type, length, short name or single/multi value",
    "descriptor {object}: {detail}",
    "Deskriptor {object}: {detail}",
    """
    The installed descriptor has the release's name but another data type, length, short name
    or value multiplicity. Records entered there may not fit the other municipalities' systems;
    restore the release's definition.""",
)
DR103 = _kind(
    "DR103",
    "descriptor-unexpected",
    "descriptor in the catalogue's naming scheme that the release does not contain",
    "descriptor {object} is not part of the release (local development)",
    "Deskriptor {object} gehört nicht zum Release (lokale Entwicklung)",
    """
    The name lies inside the catalogue's naming scheme, so it looks like part of an E-Fachakte,
    but the release does not define it. "Wenige für Viele" forbids local extensions of shared
    E-Fachakten: propose the change to the lead municipalities instead.""",
)
DR104 = _kind(
    "DR104",
    "descriptor-renamed",
    "descriptor under the name a rename in the release replaced",
    "descriptor {object} has the earlier name of {detail}: move its values there",
    "Deskriptor {object} hat den früheren Namen von {detail}: Werte dorthin übernehmen",
    """
    The release renamed the field (`renamed_from`), and a Doxis4 name follows the id, so the
    descriptor of the release has a new name while the installation still holds the values
    under the earlier one. Doxis4 descriptors cannot be renamed through the API: install the
    release, move the values from the earlier descriptor to the new one (for example with a
    script over the e-files and documents), then remove the earlier descriptor.""",
)
DR105 = _kind(
    "DR105",
    "descriptor-of-fachakte-not-run",
    "descriptor of a Fachakte that the tenant does not run",
    "descriptor {object} belongs to Fachakte {detail}, which this tenant does not run (used_by)",
    "Deskriptor {object} gehört zur Fachakte {detail}, die dieser Mandant nicht führt (used_by)",
    """
    The organization belongs to this tenant alone (one organization per tenant), and the
    descriptor is named after a Fachakte of the catalogue that the tenant does not run: its
    `used_by` does not select the tenant, and no delegation gives it casework of it (e.g. a
    Kreis holding Friedhof descriptors, which are the Städte's and Gemeinden's task). It is
    left from an earlier release or installed by mistake: check that it holds no values, then
    remove it. In a shared organization the descriptors belong to all municipalities and are
    compared as such.""",
)
DR201 = _kind(
    "DR201",
    "class-missing",
    "document or e-file class of the release missing",
    "{object} is missing",
    "{object_de} fehlt",
    """
    The release defines this document class or e-file class, but the organization has none of
    that name.""",
)
DR202 = _kind(
    "DR202",
    "class-descriptor-missing",
    "a class lacks a descriptor the release assigns to it",
    "{object} lacks descriptor {detail}",
    "{object_de}: Deskriptor {detail} ist nicht zugeordnet",
    """
    The class exists but does not carry a descriptor that the release assigns to it. Documents
    of that class cannot hold the value.""",
)
DR203 = _kind(
    "DR203",
    "class-descriptor-flags-changed",
    "mandatory or read-only flag of a descriptor assignment differs",
    "{object}, descriptor {detail}",
    "{object_de}, Deskriptor {detail}",
    """
    In Doxis4, mandatory and read-only are properties of a descriptor's assignment to a class.
    The installed assignment has other flags than the release.""",
)
DR204 = _kind(
    "DR204",
    "class-descriptor-unexpected",
    "a class carries a descriptor the release does not assign to it",
    "{object} carries descriptor {detail}, which the release does not assign",
    "{object_de} trägt Deskriptor {detail}, den das Release nicht zuordnet",
    """
    A descriptor was added locally to a class of the catalogue: a local development that the
    cooperation contract forbids.""",
)
DR205 = _kind(
    "DR205",
    "class-unexpected",
    "class in the catalogue's naming scheme that the release does not contain",
    "{object} is not part of the release (local development)",
    "{object_de} gehört nicht zum Release (lokale Entwicklung)",
    """
    The class name lies inside the catalogue's naming scheme, but the release does not define
    it.""",
)
DR206 = _kind(
    "DR206",
    "class-renamed",
    "class under the name a rename in the release replaced",
    "{object} has the earlier name of {detail}: move its documents there",
    "{object_de} hat den früheren Namen von {detail}: Dokumente dorthin überführen",
    """
    The release renamed the document type (`renamed_from`), so its document class has a new
    name while the installation still holds a class, and its documents, under the earlier
    one. Install the release, move the documents to the new class, then remove the earlier
    class.""",
)
DR207 = _kind(
    "DR207",
    "class-of-fachakte-not-run",
    "class of a Fachakte that the tenant does not run",
    "{object} belongs to Fachakte {detail}, which this tenant does not run (used_by)",
    "{object_de} gehört zur Fachakte {detail}, die dieser Mandant nicht führt (used_by)",
    """
    As DR105, for a document or e-file class in the tenant's own organization: check that it
    holds no documents or e-files, then remove it.""",
)
DR301 = _kind(
    "DR301",
    "group-missing",
    "group of the release missing",
    "group {object} is missing",
    "Gruppe {object} fehlt",
    """
    The release defines this group (a role of an E-Fachakte bound to the tenant), but the
    organization has none of that name. Run the provisioning script.""",
)
DR302 = _kind(
    "DR302",
    "group-unexpected",
    "group in the catalogue's naming scheme that the release does not contain",
    "group {object} is not part of the release",
    "Gruppe {object} gehört nicht zum Release",
    """
    A group with the catalogue's prefix exists that the release does not define, e.g. a
    renamed group or one left from an older release.""",
)
DR303 = _kind(
    "DR303",
    "group-of-fachakte-not-run",
    "group of the tenant for a Fachakte it does not run",
    "group {object} is for Fachakte {detail}, which this tenant does not run (used_by)",
    "Gruppe {object} gehört zur Fachakte {detail}, die dieser Mandant nicht führt (used_by)",
    """
    The group carries the tenant's unit and the name of a Fachakte the tenant does not run
    (`used_by`, delegations), e.g. HSK_FRIEDHOF_… of the Kreis. Earlier releases created such
    groups for every tenant; the provisioning script never deletes. Remove the group once no
    access entry uses it (its members have no cases of that Fachakte).""",
)
DR601 = _kind(
    "DR601",
    "plan-unit-missing",
    "Aktenplan unit of the catalogue missing in the export",
    "Aktenplan unit {object} is missing",
    "Aktenplaneinheit {object} fehlt",
    """
    The catalogue's file plan has this Kennzeichen for the tenant, the exported 0301 message
    does not.""",
)
DR602 = _kind(
    "DR602",
    "plan-unit-unexpected",
    "Aktenplan unit in the export that the catalogue does not contain",
    "Aktenplan unit {object} is not part of the catalogue",
    "Aktenplaneinheit {object} gehört nicht zum Katalog",
    """
    The exported file plan has a Kennzeichen that the catalogue's Aktenplan does not define.""",
)
DR604 = _kind(
    "DR604",
    "plan-unit-of-fachakte-not-run",
    "Aktenplan unit of a Fachakte the tenant does not run",
    "Aktenplan unit {object} belongs to {detail}, which this tenant does not run (used_by)",
    "Aktenplaneinheit {object} gehört {detail}, die dieser Mandant nicht führt (used_by)",
    """
    The Kennzeichen is in the catalogue's Aktenplan, but for a Fachakte the tenant does not run
    (`used_by`, delegations), or it is a level above only such Fachakten; e.g. the tenant
    stopped running it, or an earlier release gave it the unit. Close the unit in the DMS
    (mark it retired, xdomea `Stillgelegt`) once no file is filed in it, or add the tenant
    to `used_by`.""",
)
DR603 = _kind(
    "DR603",
    "plan-unit-changed",
    "Aktenplan unit differs in title, retention, `Aussonderungsart`, retired flag or validity",
    "Aktenplan unit {object}: {detail}",
    "Aktenplaneinheit {object}: {detail}",
    """
    The exported unit has the catalogue's Kennzeichen but another title (xdomea
    `Inhaltsangabe`), retention period (`Aufbewahrungsdauer`), `Aussonderungsart`, retired flag
    (`Stillgelegt`) or validity (`Gueltigkeit`).""",
)

DR701 = _kind(
    "DR701",
    "name-lookalike",
    "installed name that only looks like one of the catalogue's naming scheme",
    "{labelled} only looks like a name of the catalogue's naming scheme ({detail}): "
    "not part of the release",
    "{labelled_de} sieht nur wie ein Name im Namensschema des Katalogs aus ({detail}): "
    "gehört nicht zum Release",
    """
    Read with Latin letters and without the blanks around it, the name lies inside the
    catalogue's naming scheme, but as installed it is another name: a letter of another script
    drawn like a Latin one (a Cyrillic 'О' in WОHNGELD_…), a blank before or after it, or an
    invisible character. The release does not contain it, whatever it looks like; a copied
    text or a keyboard layout usually brought it in. Remove it, or rename it after checking
    what it holds.""",
)
DR702 = _kind(
    "DR702",
    "name-duplicate",
    "the organization holds two objects of the same name that differ",
    "{labelled} exists more than once, with different properties",
    "{labelled_de} gibt es mehrfach, mit unterschiedlichen Eigenschaften",
    """
    The organization answered with two or more objects of one kind under this name that differ
    (another id, data type, length, class kind, ...). Only one of them can be the release's;
    the comparison used the first. Find the others by their ids and remove them.""",
)


DRIFT_CODES = (
    DR101,
    DR102,
    DR103,
    DR104,
    DR105,
    DR201,
    DR202,
    DR203,
    DR204,
    DR205,
    DR206,
    DR207,
    DR301,
    DR302,
    DR303,
    DR601,
    DR602,
    DR603,
    DR604,
    DR701,
    DR702,
)
