"""Structural rules of the package that a reviewer would otherwise have to re-check by hand:
git is run in one module only, and no command turns a programming error into a user error."""

from __future__ import annotations

import ast

from support.sources import nodes, package_trees


def _modules() -> list[tuple[str, ast.Module]]:
    return list(package_trees().items())


def _runs_git(node: ast.AST) -> bool:
    """A call whose first argument is a list literal starting with the string 'git'."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    first = node.args[0]
    return (
        isinstance(first, ast.List)
        and bool(first.elts)
        and isinstance(first.elts[0], ast.Constant)
        and first.elts[0].value == "git"
    )


def test_only_the_git_module_runs_git() -> None:
    runners = sorted({name for name, tree in _modules() for n in nodes(tree) if _runs_git(n)})
    assert runners == ["git.py"]


def test_the_git_check_sees_a_git_call() -> None:
    # Without this the test above could pass because it recognises nothing.
    assert _runs_git(ast.parse("subprocess.run(['git', 'status'], check=False)", mode="eval").body)
    assert not _runs_git(ast.parse("subprocess.run(['ls'])", mode="eval").body)


BROAD = {"ValueError", "Exception", "BaseException", "TypeError", "KeyError"}


def _broad_handlers(tree: ast.Module) -> list[int]:
    """Lines of handlers that catch a broad or built-in programming-error type and do not
    re-raise it unchanged (a cleanup followed by a bare `raise` is fine)."""
    found = []
    for node in nodes(tree):
        if not isinstance(node, ast.ExceptHandler):
            continue
        if node.type is None:
            found.append(node.lineno)
            continue
        caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
        names = {c.id for c in caught if isinstance(c, ast.Name)}
        reraises = isinstance(node.body[-1], ast.Raise) and node.body[-1].exc is None
        if names & BROAD and not reraises:
            found.append(node.lineno)
    return found


# The orchestration of a build; parsing helpers below it (reading a cache entry, a stamp, an
# epoch, a --shard value) turn a ValueError of one small parse into their own error, which is fine.
ORCHESTRATION = {"build_service/service.py", "build_service/runner.py"}


def test_commands_and_the_build_catch_only_the_error_hierarchy() -> None:
    """The CLI edge and the build service map FachakteError subclasses to exit codes; anything
    else is a defect and must reach the 'internal error' handler of cli/main.py (exit 2)."""
    edge = {"cli/main.py"}  # the one place that turns any other exception into exit 2
    modules = dict(_modules())
    assert set(modules) >= ORCHESTRATION
    offenders = {
        name: lines
        for name, tree in modules.items()
        if (name.startswith("cli/") or name in ORCHESTRATION) and name not in edge
        for lines in [_broad_handlers(tree)]
        if lines
    }
    assert offenders == {}


def test_the_handler_check_sees_a_broad_handler() -> None:
    tree = ast.parse("try:\n    pass\nexcept (OSError, ValueError) as exc:\n    print(exc)\n")
    assert _broad_handlers(tree) == [3]
    cleanup = ast.parse("try:\n    pass\nexcept BaseException:\n    undo()\n    raise\n")
    assert _broad_handlers(cleanup) == []


# Calls that change the file system; a target returns bytes and never makes one of them.
WRITES = {"write_bytes", "write_text", "mkdir", "makedirs", "unlink", "rename", "rmtree"}
# What only the build service may use: staging, committing, locking, the cache and the stamp
# (the build date and the source commit are facts a target may read).
BUILD_ONLY = tuple(
    f"fachakte_compiler.{m}"
    for m in (
        "build_service.cache",
        "build_service.runner",
        "build_service.service",
        "build_service.stamp",
        "build_service.units",
        "write.",
    )
)


def _disk_effects(tree: ast.Module) -> list[str]:
    found = []
    for node in nodes(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
        ):
            found.append(f"{node.lineno}: .{node.func.attr}()")
        if isinstance(node, ast.ImportFrom) and node.module:
            allowed = node.module == "fachakte_compiler.write.zipfile_det"  # bytes, not disk
            if node.module.startswith(BUILD_ONLY) and not allowed:
                found.append(f"{node.lineno}: import {node.module}")
    return found


def test_targets_only_turn_the_model_into_bytes() -> None:
    offenders = {
        name: found
        for name, tree in _modules()
        if name.startswith("targets/")
        for found in [_disk_effects(tree)]
        if found
    }
    assert offenders == {}


def test_the_disk_check_sees_a_write_and_a_staging_import() -> None:
    tree = ast.parse(
        "from fachakte_compiler.write.atomic import Staging\n"
        "from fachakte_compiler.write.zipfile_det import deterministic_zip\n"
        "path.write_bytes(data)\n"
        "', '.join(names).replace('a', 'b')\n"
    )
    assert _disk_effects(tree) == ["1: import fachakte_compiler.write.atomic", "3: .write_bytes()"]
