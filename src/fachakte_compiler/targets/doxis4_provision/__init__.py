"""Doxis4 provisioning scripts rendered from a tenant's provisioning plan.

`render_scripts(plan)` turns one `plan.json` (schemas/doxis4-plan.schema.json) into the bytes
of `Provision.groovy` (and of `DelegationAgent.groovy` where the tenant delegates tasks): a
Groovy script that calls the public Doxis4 Java API "blueline" 8.2.2 (`com.ser.blueline`, names
and parameter orders as in public code) to ensure every step of the plan. The mapping lives in
the Jinja2 template `templates/Provision.groovy.j2`; this module only prepares the values and
turns every one of them into a Groovy literal, so that text from the catalogue can never become
Groovy code.
"""

from __future__ import annotations

from fachakte_compiler.targets.doxis4_provision.script import (
    AGENT_PATH,
    SCRIPT_PATH,
    render_scripts,
)

__all__ = [
    "AGENT_PATH",
    "SCRIPT_PATH",
    "render_scripts",
]
