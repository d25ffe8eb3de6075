"""Build hook: compile the gettext catalogues (src/fachakte_compiler/locale/*/LC_MESSAGES/*.po)
to the binary .mo files the installed command reads. Runs for wheels and editable installs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        source = Path(self.root) / "src"
        # The compiler lives in the package (make messages uses it too); only Babel is needed.
        sys.path.insert(0, str(source))
        try:
            from fachakte_compiler.i18n.extract import compile_mo
        finally:
            sys.path.remove(str(source))
        for po_file in sorted((source / "fachakte_compiler" / "locale").glob("*/LC_MESSAGES/*.po")):
            mo_file = compile_mo(po_file)
            # .mo files are not in git (.gitignore): name them so that the wheel includes them.
            build_data["artifacts"].append(mo_file.relative_to(self.root).as_posix())
