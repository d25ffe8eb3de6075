"""The shared file plan names every level above the Fachakten (for the xdomea Aktenplan)."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import Severity, code
from fachakte_compiler.i18n import _

FA801 = code(
    "FA801",
    "untitled-aktenplan-level",
    "Aktenplan level has no title",
    """
    A Fachakte's Kennzeichen such as '22.10.10' places it below the levels '22' and '22.10'.
    When the catalogue has an aktenplan.yaml, every such level needs an entry there: the xdomea
    file plan (Aktenplan.Aktenplan.0301) shows its title as Inhaltsangabe, and a level without
    one is a nameless folder in every receiving DMS.""",
)
FA802 = code(
    "FA802",
    "unused-aktenplan-level",
    "Aktenplan level has no Fachakte below it",
    """
    aktenplan.yaml names the levels under which the catalogue's Fachakten are filed. A level
    with no Fachakte below it does not appear in the xdomea file plan; remove it or file a
    Fachakte under it. One-digit Hauptgruppen count as used when a Gruppe starting with that
    digit is used ('2' above '22').""",
    Severity.WARNING,
)


def _levels(kennzeichen: str) -> list[str]:
    """The enclosing levels a Kennzeichen needs: '22.10.10' -> ['22', '22.10']."""
    parts = kennzeichen.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _used(unit: str, kennzeichen: list[str]) -> bool:
    if "." not in unit and any(k.split(".")[0].startswith(unit) for k in kennzeichen):
        return True
    return any(unit in _levels(k) for k in kennzeichen)


@rule(FA801, FA802)
def aktenplan_levels(ctx: Context) -> None:
    plan_files = ctx.catalogue.of_kind("aktenplan")
    if not plan_files or not ctx.catalogue.has_kind("aktenplan"):
        return
    units = [u for f in plan_files for u in ctx.root(f).items("units")]
    placed: list[tuple[Item, str]] = []
    # A Kennzeichen that YAML read as a number (FA011) places its Fachakte nowhere, so no
    # level can be called unused until it is quoted.
    unplaced = False
    for definition in ctx.fachakten:
        plan = definition.root.sub("aktenplan")
        kennzeichen = plan.text("kennzeichen") if plan else None
        if plan is not None and kennzeichen is not None:
            placed.append((plan, kennzeichen))
        elif plan is not None and plan.data.get("kennzeichen") is not None:
            unplaced = True
    # A Fachakte's own Aktenplan title also names the level when another Fachakte sits below it.
    titled = {u.text("kennzeichen") for u in units} | {k for _, k in placed}
    for plan, kennzeichen in placed:
        for level in _levels(kennzeichen):
            if level not in titled:
                ctx.report(
                    FA801,
                    plan.source,
                    (*plan.path, "kennzeichen"),
                    _(
                        "Aktenplan level '{level}' above '{kennzeichen}' has no title in {file}"
                    ).format(level=level, kennzeichen=kennzeichen, file=plan_files[0].display),
                    hint=_('add a unit with kennzeichen: "{level}" and its title').format(
                        level=level
                    ),
                )
    if unplaced or not all(f.loaded for f in ctx.catalogue.files if f.kind == "fachakte"):
        # A Fachakte that could not be read may well be the one below a level: saying the
        # level is unused would send the author to the wrong file.
        return
    all_kennzeichen = [k for _, k in placed]
    for unit in units:
        value = unit.text("kennzeichen")
        if value is not None and value not in all_kennzeichen and not _used(value, all_kennzeichen):
            ctx.report(
                FA802,
                unit.source,
                (*unit.path, "kennzeichen"),
                _("Aktenplan level '{level}' has no Fachakte below it").format(level=value),
            )
