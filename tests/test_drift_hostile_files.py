"""`fachakte drift` on damaged or hostile JSON files of a snapshot or a release: every one is a
single message naming the file (exit 2: 1 is reserved for drift), never an internal error."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, ShippedRelease, invoke_cli
from drift_server import answers_for
from fachakte_compiler.drift.expected import ExpectedSource

ENV = {"FACHAKTE_LANG": "en"}
TENANT = "brilon"
DEEP = b"[" * 100_000


def write_snapshot(folder: Path, answers: dict[str, Any], organization: str) -> Path:
    """A snapshot folder as `drift --save-snapshot` writes it, holding `answers`."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": "fachakte-drift-snapshot",
        "version": 1,
        "organization": organization,
        "url": "https://dms.example",
        "endpoints": list(answers),
    }
    (folder / "snapshot.json").write_text(json.dumps(meta), encoding="utf-8")
    for endpoint, data in answers.items():
        (folder / f"{endpoint}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def exact_snapshot(folder: Path, expected: ExpectedSource, tenant: str = TENANT) -> Path:
    """A snapshot of an installation that holds exactly what `expected` says."""
    answers = answers_for(expected.inventory(tenant))
    return write_snapshot(folder, answers, expected.organization(tenant))


def rewrite_release_file(release: Path, path: str, data: bytes | None) -> None:
    """Replace (or, with None, delete) a file of `release` and make release.json and SHA256SUMS
    agree with it, unsigned: a release damaged consistently, which only a signature (or the
    shape check of what is read) can tell from a genuine one."""
    target = release / path
    if data is None:
        target.unlink()
    else:
        target.write_bytes(data)
    manifest = json.loads((release / "release.json").read_bytes())
    files = [f for f in manifest["files"] if f["path"] != path]
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
        files.append({"path": path, "size": len(data), "sha256": digest})
    manifest["files"] = sorted(files, key=lambda f: f["path"])
    manifest["signing_key"] = None
    text = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()
    (release / "release.json").write_bytes(text)
    sums = {f["path"]: f["sha256"] for f in manifest["files"]}
    sums["release.json"] = hashlib.sha256(text).hexdigest()
    lines = "".join(f"{sums[p]}  {p}\n" for p in sorted(sums))
    (release / "SHA256SUMS").write_text(lines, encoding="utf-8")
    for signature in ("release.json.sig", "SHA256SUMS.sig"):
        (release / signature).unlink(missing_ok=True)


@pytest.fixture(scope="module")
def expected() -> ExpectedSource:
    return ExpectedSource.from_catalogue([DEFINITIONS])


@pytest.fixture
def release(shipped_release: ShippedRelease, tmp_path: Path) -> Path:
    copy = tmp_path / "rel1"
    shutil.copytree(shipped_release.folder, copy)
    return copy


def assert_one_line_error(result: Any, *parts: str) -> str:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("endpoint", ["roles", "groups", "attributeDefinitions", "snapshot"])
def test_a_snapshot_file_nested_without_bound_is_named(
    expected: ExpectedSource, tmp_path: Path, endpoint: str
) -> None:
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    (snapshot / f"{endpoint}.json").write_bytes(DEEP)
    result = invoke_cli("drift", DEFINITIONS, "--tenant", TENANT, "--snapshot", snapshot, env=ENV)
    assert_one_line_error(result, f"{snapshot / endpoint}.json", "nested too deeply")


@pytest.mark.parametrize(
    ("endpoint", "content", "said"),
    [
        ("groups", {"name": "x"}, "expected a JSON array of objects"),
        ("groups", [{"name": ["HSK"]}], "an item has no text 'name'"),
        ("attributeDefinitions", [{"name": "A", "uuid": "u", "multivalueType": [1]}], "text"),
        ("documentTypes", [{"name": "A", "uuid": "u", "allowedAttributeDefinitions": 3}], "list"),
        ("roles", 7, "expected a JSON array of objects"),
    ],
)
def test_a_snapshot_file_of_another_shape_is_named(
    expected: ExpectedSource, tmp_path: Path, endpoint: str, content: Any, said: str
) -> None:
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    (snapshot / f"{endpoint}.json").write_text(json.dumps(content), encoding="utf-8")
    result = invoke_cli("drift", DEFINITIONS, "--tenant", TENANT, "--snapshot", snapshot, env=ENV)
    assert_one_line_error(result, f"{snapshot / endpoint}.json: ", said)


def test_a_snapshot_file_that_is_no_json_names_line_and_column(
    expected: ExpectedSource, tmp_path: Path
) -> None:
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    (snapshot / "groups.json").write_bytes(b'[\n  {"name": }\n]')
    result = invoke_cli("drift", DEFINITIONS, "--tenant", TENANT, "--snapshot", snapshot, env=ENV)
    assert_one_line_error(result, f"{snapshot / 'groups.json'}:2:12: not valid JSON")


@pytest.mark.parametrize(
    ("content", "pointer"),
    [
        (b"{}", "the object at / lacks 'format'"),
        (b'{"steps": 5}', "the object at / lacks 'format'"),
        (DEEP, "nested too deeply"),
        (b"[]", "the value at / fails the schema's 'type' rule"),
    ],
)
def test_a_damaged_provisioning_plan_of_a_release_is_named(
    release: Path, expected: ExpectedSource, tmp_path: Path, content: bytes, pointer: str
) -> None:
    plan = f"packages/{TENANT}/doxis4/provision/plan.json"
    rewrite_release_file(release, plan, content)
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    result = invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, env=ENV
    )
    line = assert_one_line_error(result, str(release / plan), pointer)
    assert "KeyError" not in line and "TypeError" not in line


def test_a_plan_whose_steps_are_not_a_list_names_the_place(
    release: Path, expected: ExpectedSource, tmp_path: Path
) -> None:
    plan_path = f"packages/{TENANT}/doxis4/provision/plan.json"
    plan = json.loads((release / plan_path).read_bytes())
    plan["steps"] = 5
    rewrite_release_file(release, plan_path, json.dumps(plan).encode())
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    result = invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, env=ENV
    )
    assert_one_line_error(result, "provisioning plan", "at /steps", "'type'")


def test_a_release_manifest_nested_without_bound_is_named(
    release: Path, expected: ExpectedSource, tmp_path: Path
) -> None:
    (release / "release.json").write_bytes(DEEP)
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    result = invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, env=ENV
    )
    assert_one_line_error(result, f"{release}: ", "release.json: not valid JSON")


@pytest.mark.parametrize(
    ("key", "value"), [("release", ["x"]), ("fachakten", 1), ("fachakten", [{"id": 5}])]
)
def test_a_release_manifest_of_another_shape_is_named(
    release: Path, expected: ExpectedSource, tmp_path: Path, key: str, value: Any
) -> None:
    """Consistent with SHA256SUMS and unsigned: only the shape check can refuse it."""
    manifest = json.loads((release / "release.json").read_bytes())
    manifest[key] = value
    (release / "release.json").write_text(json.dumps(manifest), encoding="utf-8")
    rewrite_release_file(release, "CHANGELOG.md", (release / "CHANGELOG.md").read_bytes())
    manifest = json.loads((release / "release.json").read_bytes())
    assert manifest[key] == value
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    result = invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, env=ENV
    )
    assert_one_line_error(result, str(release / "release.json"), "not a release manifest")


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (b'doxis4-typ="', b'doxis4-typ="X', "has no valid 'doxis4-typ' (X"),
        (b' kurzname="', b' kurzname-x="', "has no valid 'kurzname' (missing)"),
    ],
)
def test_a_damaged_package_of_a_release_is_named(
    release: Path, expected: ExpectedSource, tmp_path: Path, old: bytes, new: bytes, said: str
) -> None:
    """A package rewritten consistently with release.json (unsigned): its entries are read
    as untrusted, never as a name 'None' or an internal error."""
    import io
    import zipfile

    (package,) = sorted((release / "packages" / TENANT / "doxis4").glob("*.zip"))[:1]
    buffer = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "02-deskriptoren.xml":
                assert old in data
                data = data.replace(old, new, 1)
            target.writestr(info, data)
    rewrite_release_file(release, package.relative_to(release).as_posix(), buffer.getvalue())
    snapshot = exact_snapshot(tmp_path / "snap_brilon", expected)
    result = invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, env=ENV
    )
    assert_one_line_error(result, f"{package}!02-deskriptoren.xml:", said, "damaged")
