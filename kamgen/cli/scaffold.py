"""New files for editors: a skeleton dossier (``kamgen new account``) and a whole
new site repository (``kamgen init``), from the files shipped in ``kamgen/scaffold/``.

Shipped files whose name starts with a dot are stored as ``dot-…`` (package
data drops hidden files) and renamed when copied.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from importlib.metadata import distributions
from pathlib import Path

from kamgen.config import Project
from kamgen.data import schema
from kamgen.data.diagnose import did_you_mean, slug_hint
from kamgen.data.model import ID_PATTERN
from kamgen.data.yamlsource import YamlFileError, load_yaml
from kamgen.errors import KamgenError, display_path
from kamgen.mkdocs_yml import load_project

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
SCHEMA_DIR = "schema"
EXAMPLE_ACCOUNT = "example-client"


class ScaffoldError(KamgenError):
    """The file or folder to create is not possible as asked (exit 2, a usage error)."""

    exit_code = 2


def title_from_id(account_id: str) -> str:
    """``northwind-logistics`` → ``Northwind Logistics``: a first guess for the name."""
    return " ".join(part.capitalize() for part in account_id.split("-") if part)


def _yaml_string(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any name is safe.
    return json.dumps(text, ensure_ascii=False)


def _team_ids(team_file: Path) -> list[str] | None:
    """The person ids in the roster, or None when it cannot be read (check reports why)."""
    try:
        data = load_yaml(team_file, team_file.name).data
    except (OSError, YamlFileError):
        return None
    people = data.get("people") if isinstance(data, dict) else None
    if not isinstance(people, list):
        return None
    return [p["id"] for p in people if isinstance(p, dict) and isinstance(p.get("id"), str)]


def _schema_line(accounts_dir: Path, root: Path) -> str:
    target = root / SCHEMA_DIR / schema.file_name("account")
    if not target.is_file():
        return ""
    relative = Path(os.path.relpath(target, accounts_dir)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def account_skeleton(name: str, owner: str, *, schema_line: str = "", today: date | None = None) -> str:
    """A commented dossier with only the required fields set: it passes ``kamgen check``."""
    day = today or date.today()
    text = (SCAFFOLD / "account.yaml").read_text(encoding="utf-8")
    # The title sits in a comment: keep it on one line.
    title = " ".join(name.split())
    replacements = {
        "__SCHEMA__": schema_line,
        "__TITLE__": title,
        "__NAME__": _yaml_string(name),
        "__OWNER__": owner,
        "__TODAY__": day.isoformat(),
        "__DUE__": (day + timedelta(days=14)).isoformat(),
    }
    return re.sub("|".join(replacements), lambda m: replacements[m.group(0)], text)


def new_account(project: Project, account_id: str, *, name: str | None = None, owner: str | None = None) -> Path:
    """Write ``accounts/<account_id>.yaml``; never overwrites a file."""
    if not re.match(ID_PATTERN, account_id):
        raise ScaffoldError(
            f"'{account_id}' is not a valid account id: it becomes the file name and the URL, so use "
            f"lowercase Latin letters, digits and '-'{slug_hint(account_id)}"
        )
    if name is not None and not name.strip():
        raise ScaffoldError("--name must not be empty: it is the client's name as readers know it")
    path = project.accounts_dir / f"{account_id}.yaml"
    shown = display_path(path, Path.cwd())
    if path.exists():
        raise ScaffoldError(f"{shown} already exists; kamgen new never overwrites a file (edit it instead)")
    ids = _team_ids(project.team_file)
    if owner is None:
        if not ids:
            raise ScaffoldError(f"{display_path(project.team_file, Path.cwd())} lists nobody; pass --owner ID")
        owner = ids[0]
    elif ids is not None and owner not in ids:
        raise ScaffoldError(
            f"'{owner}' is not a person in {project.team_file.name}{did_you_mean(owner, ids)} "
            "(pass the id of the key account manager, or add the person first)"
        )
    elif not re.match(ID_PATTERN, owner):
        raise ScaffoldError(f"'{owner}' is not a valid person id{slug_hint(owner)}")
    text = account_skeleton(
        name or title_from_id(account_id),
        owner,
        schema_line=_schema_line(project.accounts_dir, project.root),
        today=project.today(),
    )
    project.accounts_dir.mkdir(parents=True, exist_ok=True)
    # "x": fails instead of overwriting a file created since the check above.
    with path.open("x", encoding="utf-8") as out:
        out.write(text)
    return path


def requirement(source: str | None = None) -> str:
    """The line of a new site's requirements.txt that installs kamgen.

    kamgen is not on PyPI, so the line names where it comes from: ``source``
    (a git URL, a wheel's URL or a local folder), else wherever this kamgen was
    installed from (pip records it, PEP 610), else this version's series from
    a package index the company runs.
    """
    if source:
        if source.startswith("kamgen"):
            return source
        local = Path(source).expanduser()
        return f"kamgen @ {local.resolve().as_uri()}" if local.exists() else f"kamgen @ {source}"
    # An editable install leaves kamgen.egg-info in the checkout, which shadows the
    # installed metadata when kamgen runs from there: ask every copy where it came from.
    found = list(distributions(name="kamgen"))
    if not found:  # running from a source tree that is not installed
        return "kamgen"
    for dist in found:
        origin = json.loads(dist.read_text("direct_url.json") or "null")
        if isinstance(origin, dict) and isinstance(origin.get("url"), str):
            vcs = origin.get("vcs_info")
            if isinstance(vcs, dict):
                return f"kamgen @ {vcs.get('vcs', 'git')}+{origin['url']}@{vcs.get('commit_id', '')}".rstrip("@")
            return f"kamgen @ {origin['url']}"
    installed = found[0].version
    major, minor, *_ = [*installed.split("."), "0"]
    return f"kamgen>={installed},<{major}.{int(minor) + 1}" if minor.isdigit() else f"kamgen>={installed}"


def init_site(target: Path, *, site_name: str = "Key accounts", kamgen_source: str | None = None) -> list[Path]:
    """Create a new site repository in ``target`` (new or empty); return the files written.

    ``kamgen_source``: where the site's requirements.txt installs kamgen from (see :func:`requirement`).
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target}: the folder exists and is not empty; choose a new or empty folder")
    replacements = {"__SITE_NAME__": site_name, "__REQUIREMENT__": requirement(kamgen_source)}
    written: list[Path] = []
    source_root = SCAFFOLD / "site"
    for source in sorted(p for p in source_root.rglob("*") if p.is_file()):
        parts = [f".{p[4:]}" if p.startswith("dot-") else p for p in source.relative_to(source_root).parts]
        path = target.joinpath(*parts)
        text = source.read_text(encoding="utf-8")
        for key, value in replacements.items():
            # mkdocs.yml holds the name as a YAML value; elsewhere it is prose.
            value = _yaml_string(value) if key == "__SITE_NAME__" and path.name == "mkdocs.yml" else value
            text = text.replace(key, value)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written += schema.write_schemas(target / SCHEMA_DIR)
    # The new mkdocs.yml says where the accounts and the roster are.
    written.append(new_account(load_project(target / "mkdocs.yml"), EXAMPLE_ACCOUNT, name="Example Client"))
    return written
