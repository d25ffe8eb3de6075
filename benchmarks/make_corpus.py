"""Generate a large, valid catalogue from the shipped one: `make_corpus.py N OUT [--tenants M]`.

The shipped Fachakten are the templates. The corpus holds them unchanged plus variants of them
(new id, own Aktenplan Kennzeichen beside the template's, rotating lead municipalities), so that
every file is as realistic as the shipped ones: same comments, same size, same rules hit. The
variants are edited as text, not re-dumped, so comments and formatting survive exactly.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "definitions"
SHIPPED_TENANTS = 13

_ID = re.compile(r"^id: (\S+)$", re.MULTILINE)
_TITLE = re.compile(r"^title: (.+)$", re.MULTILINE)
_KENNZEICHEN = re.compile(r'^(aktenplan:\n(?:  .*\n)*?  kennzeichen: )"([0-9.]+)"$', re.MULTILINE)
_OWNERS = re.compile(r"^owners:\n(?:  - \S+\n)+", re.MULTILINE)
_TENANT_ID = re.compile(r"^  - id: (\S+)$", re.MULTILINE)
_DELEGATION = re.compile(r"^  - id: .*\n(?:(?!  - ).*\n?)*", re.MULTILINE)
_DOXIS4 = re.compile(r"^(doxis4:\n(?:  .*\n)*)", re.MULTILINE)


class _Kennzeichen:
    """Hands out free positions beside a template's, under the same titled Aktenplan level
    ('50.60.10' -> '50.60.100', '50.60.101', …), so that no new level needs a title."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def next_to(self, base: str) -> str:
        parent = base.rpartition(".")[0]
        for number in range(100, 1000):
            candidate = f"{parent}.{number}" if parent else str(number)
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        raise ValueError(f"no free Aktenplan position left under '{parent}'")


def _substitute(
    pattern: re.Pattern[str],
    replacement: str | Callable[[re.Match[str]], str],
    text: str,
    what: str,
) -> str:
    result, count = pattern.subn(replacement, text, count=1)
    if count != 1:
        raise ValueError(f"template has no {what} line in the expected layout")
    return result


def variant(text: str, new_id: str, number: int, owners: list[str], plan: _Kennzeichen) -> str:
    """The template `text` turned into a distinct Fachakte `new_id` (variant `number`)."""
    text = _substitute(_ID, f"id: {new_id}", text, "top-level id")
    text = _substitute(_TITLE, rf"title: \1 (Variante {number})", text, "top-level title")
    text = _substitute(
        _KENNZEICHEN,
        lambda m: f'{m.group(1)}"{plan.next_to(m.group(2))}"',
        text,
        "aktenplan kennzeichen",
    )
    block = "owners:\n" + "".join(f"  - {owner}\n" for owner in owners)
    return _substitute(_OWNERS, block.replace("\\", "\\\\"), text, "owners")


def _extra_tenants(count: int) -> str:
    """Synthetic municipalities after the shipped ones, with unique AGS and Doxis4 units."""
    lines = []
    for number in range(SHIPPED_TENANTS + 1, SHIPPED_TENANTS + 1 + count):
        lines += [
            f"  - id: kommune_{number:05d}",
            f"    name: Gemeinde Musterdorf {number}",
            "    kind: gemeinde",
            f'    ags: "{99_000_000 + number:08d}"',
            f"    doxis4_unit: KOMMUNE_{number:05d}",
        ]
    return "".join(line + "\n" for line in lines)


def _write_tenants(source: Path, out: Path, count: int) -> list[str]:
    text = source.read_text(encoding="utf-8")
    # A variant's id (`<id>_v00001`) makes every Doxis4 name of its descriptors 7 characters
    # longer than the shipped one's; the limit is a setting of the catalogue.
    text = _substitute(
        _DOXIS4, r"\1  max_name_length: 80\n", text, "doxis4 settings in tenants.yaml"
    )
    shipped = _TENANT_ID.findall(text)
    if count < len(shipped):
        # Keep the first `count` tenant entries; their blocks end where the next one starts.
        starts = [m.start() for m in _TENANT_ID.finditer(text)]
        text = text[: starts[count]] if count else text[: starts[0]] + "  []\n"
        shipped = shipped[:count]
    elif count > len(shipped):
        text = text.rstrip("\n") + "\n" + _extra_tenants(count - len(shipped))
    (out / "tenants.yaml").write_text(text, encoding="utf-8")
    return shipped + [f"kommune_{n:05d}" for n in range(len(shipped) + 1, count + 1)]


def _write_delegations(
    source: Path, out: Path, copies: dict[str, list[str]], tenants: set[str]
) -> None:
    """The shipped delegations, plus one per variant of a delegated Fachakte."""
    text = source.read_text(encoding="utf-8")
    head, _, _ = text.partition("\ndelegations:\n")
    blocks = []
    for match in _DELEGATION.finditer(text[len(head) :]):
        block = match.group(0).rstrip("\n") + "\n"
        fachakte = re.search(r"^    fachakte: (\S+)$", block, re.MULTILINE)
        parties = re.findall(r"^    (?:from|to): (\S+)$", block, re.MULTILINE)
        if fachakte is None or not set(parties) <= tenants:
            continue
        blocks.append(block)
        for new_id in copies.get(fachakte.group(1), []):
            copy = re.sub(
                r"^  - id: (\S+)$", rf"  - id: \1_{new_id[-5:]}", block, count=1, flags=re.MULTILINE
            )
            blocks.append(
                re.sub(
                    r"^    fachakte: \S+$",
                    f"    fachakte: {new_id}",
                    copy,
                    count=1,
                    flags=re.MULTILINE,
                )
            )
    body = "".join(blocks) or "  []\n"
    (out / "delegations.yaml").write_text(f"{head}\ndelegations:\n{body}", encoding="utf-8")


def make_corpus(
    count: int, out: Path, tenants: int = SHIPPED_TENANTS, templates: Path = TEMPLATES
) -> list[Path]:
    """Write a catalogue with `count` Fachakten and `tenants` tenants to `out`; returns the
    Fachakte files in order."""
    if count < 1 or tenants < 3:
        raise ValueError("need at least 1 Fachakte and 3 tenants")
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} is not empty")
    (out / "fachakten").mkdir(parents=True)
    shutil.copytree(templates / "bausteine", out / "bausteine")
    shutil.copy(templates / "aktenplan.yaml", out / "aktenplan.yaml")
    tenant_ids = _write_tenants(templates / "tenants.yaml", out, tenants)
    sources = sorted((templates / "fachakten").glob("*.yaml"))
    leads = [t for t in tenant_ids if t != "hsk"] or tenant_ids
    taken = {
        m.group(2)
        for path in sources
        for m in _KENNZEICHEN.finditer(path.read_text(encoding="utf-8"))
    }
    plan = _Kennzeichen(
        taken
        | set(
            re.findall(
                r'kennzeichen: "([0-9.]+)"',
                (templates / "aktenplan.yaml").read_text(encoding="utf-8"),
            )
        )
    )
    copies: dict[str, list[str]] = {}
    written = []
    for index in range(count):
        template = sources[index % len(sources)]
        number = index // len(sources)
        text = template.read_text(encoding="utf-8")
        if number == 0 and tenants >= SHIPPED_TENANTS:
            new_id = template.stem
        else:
            new_id = f"{template.stem}_v{number:05d}"
            start = 3 * index
            owners = [leads[(start + k) % len(leads)] for k in range(3)]
            text = variant(text, new_id, number, owners, plan)
            copies.setdefault(template.stem, []).append(new_id)
        path = out / "fachakten" / f"{new_id}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    _write_delegations(templates / "delegations.yaml", out, copies, set(tenant_ids))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of Fachakten to generate")
    parser.add_argument("out", type=Path, help="empty or missing output folder")
    parser.add_argument(
        "--tenants",
        type=int,
        default=SHIPPED_TENANTS,
        help="number of tenants (the 13 shipped ones, then synthetic ones)",
    )
    args = parser.parse_args(argv)
    try:
        files = make_corpus(args.count, args.out, args.tenants)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(files)} Fachakten and {args.tenants} tenants to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
