"""`fachakte fmt` never writes a text that loads differently: comments after flow collections
travel with the key below them, and whatever fmt would get wrong is refused, not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DEFINITIONS, copy_catalogue, invoke_cli
from support.shuffle import shuffled, top_level_shuffled
from support.yaml_dump import load as load_yaml

SHIPPED = sorted(DEFINITIONS.rglob("*.yaml"))


def _full_line_comments(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def _workflow_before_roles(text: str) -> str:
    """hundesteuer.yaml with `workflow:` (and a comment above it) before `roles:`, whose last
    line is a flow list."""
    roles = text.index("roles:\n")
    workflow = text.index("workflow:\n")
    return text[:roles] + "# Bearbeitungsablauf\n" + text[workflow:] + text[roles:workflow]


def test_a_comment_after_a_flow_list_moves_with_its_key(tmp_path: Path) -> None:
    target = tmp_path / "definitions"
    copy_catalogue(target)
    path = target / "fachakten" / "hundesteuer.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(_workflow_before_roles(original), encoding="utf-8")
    result = invoke_cli("fmt", path)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "# Bearbeitungsablauf\nworkflow:\n" in after
    assert "documents: [read, export]\n" in after
    assert load_yaml(after) == load_yaml(original)
    checked = invoke_cli("validate", target)
    assert checked.exit_code == 0, checked.output


FIRST_TRANSITION = (
    "    - from: angemeldet\n      to: veranlagt\n      title: Steuerbescheid erlassen\n"
    "      roles: [sachbearbeitung, sachgebietsleitung]\n"
)
AKTENPLAN = 'aktenplan:\n  kennzeichen: "22.20.10"\n  title: Hundesteuer\n'
OWNERS = "owners:\n  - sundern\n  - hallenberg\n  - marsberg\n"

# (what is replaced in hundesteuer.yaml, by what, what the formatted file holds)
STRUCTURES = {
    # A comment above a middle key of a list item whose first key is a flow list: above the
    # dash once that key comes first.
    "flow-list-in-list-item": (
        FIRST_TRANSITION,
        "    - roles: [sachbearbeitung, sachgebietsleitung]\n      # Ausgangszustand\n"
        "      from: angemeldet\n      to: veranlagt\n      title: Steuerbescheid erlassen\n",
        "    # Ausgangszustand\n    - from: angemeldet\n      to: veranlagt\n",
    ),
    # A comment after a flow mapping: with the key below it.
    "flow-mapping": (
        OWNERS,
        "",
        "# Eigentümer\n" + OWNERS,
    ),
}


@pytest.mark.parametrize("where", sorted(STRUCTURES))
def test_comments_keep_their_key_after_every_structure(tmp_path: Path, where: str) -> None:
    old, new, expected = STRUCTURES[where]
    target = tmp_path / "definitions"
    copy_catalogue(target)
    path = target / "fachakten" / "hundesteuer.yaml"
    original = path.read_text(encoding="utf-8")
    assert old in original
    written = original.replace(old, new, 1)
    if where == "flow-mapping":
        written = written.replace(
            AKTENPLAN,
            'aktenplan: {kennzeichen: "22.20.10", title: Hundesteuer}\n# Eigentümer\n' + OWNERS,
        )
    path.write_text(written, encoding="utf-8")
    result = invoke_cli("fmt", path)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert expected in after, after
    assert load_yaml(after) == load_yaml(original)
    assert _full_line_comments(after) == _full_line_comments(written)
    assert invoke_cli("fmt", "--check", path).exit_code == 0


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda p: p.name)
def test_fmt_of_shuffled_shipped_files_keeps_data_and_comments(
    tmp_path: Path, shipped: Path
) -> None:
    """Property: keys of every mapping in a random order, comments above random keys (and,
    separately, the top-level entries shuffled with their own comments): fmt loads to the
    same data, keeps every comment, and a second run changes nothing."""
    from fachakte_compiler.fmt.canonical import format_text
    from fachakte_compiler.fmt.fastcheck import already_canonical
    from fachakte_compiler.load.catalogue import discover
    from fachakte_compiler.load.source import SourceFile
    from fachakte_compiler.load.yaml_loader import load_bytes

    original = shipped.read_text(encoding="utf-8")
    kind = next(f.kind for f in discover([shipped]).files if f.path.resolve() == shipped.resolve())
    salt = SHIPPED.index(shipped)
    variants = [shuffled(original, 100 * salt + seed) for seed in range(2)]
    variants.append(top_level_shuffled(original, salt))
    for written in variants:
        assert load_yaml(written) == load_yaml(original)
        result = format_text(written, kind)
        loaded = SourceFile(path=shipped, display=shipped.name, kind=kind)
        problems = [d.message for d in load_bytes(loaded, result.encode("utf-8")) if d.is_error]
        assert not problems, (problems, written)
        assert load_yaml(result) == load_yaml(original), written
        assert _full_line_comments(result) == _full_line_comments(written), written
        assert already_canonical(result, kind) or format_text(result, kind) == result, written


def _corrupting(text: str, kind: str) -> str:
    """A formatter that puts a comment inside a flow list, as fmt once did."""
    return text.replace("documents: [read, export]\n", "documents: [read, export\n# kaputt\n]\n", 1)


def test_a_result_that_would_not_load_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fachakte_compiler.fmt.canonical.format_text", _corrupting)
    target = tmp_path / "definitions"
    copy_catalogue(target)
    path = target / "fachakten" / "hundesteuer.yaml"
    written = _workflow_before_roles(path.read_text(encoding="utf-8")).replace(
        "# Bearbeitungsablauf\n", "# kaputt\n"
    )
    path.write_text(written, encoding="utf-8")
    result = invoke_cli("fmt", path)
    assert result.exit_code == 1
    line = written.split("\n").index("# kaputt") + 1
    assert f"hundesteuer.yaml:{line}: cannot keep the comment '# kaputt'" in result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == written

    stdin = invoke_cli("fmt", "-", "--stdin-filename", path, input_text=written)
    assert stdin.exit_code == 1
    assert stdin.stdout == ""
    assert f"hundesteuer.yaml:{line}: cannot keep the comment '# kaputt'" in stdin.stderr


def test_a_result_with_other_data_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "fachakte_compiler.fmt.canonical.format_text",
        lambda text, kind: text.replace("title: Hundesteuer\n", "title: Katzensteuer\n", 1),
    )
    target = tmp_path / "definitions"
    copy_catalogue(target)
    path = target / "fachakten" / "hundesteuer.yaml"
    written = (
        path.read_text(encoding="utf-8").replace("id: hundesteuer\n", "") + "id: hundesteuer\n"
    )
    path.write_text(written, encoding="utf-8")
    result = invoke_cli("fmt", path)
    assert result.exit_code == 1
    line = written.split("\n").index("title: Hundesteuer") + 1
    assert f"hundesteuer.yaml:{line}: formatting would change this value" in result.stderr
    assert path.read_text(encoding="utf-8") == written
