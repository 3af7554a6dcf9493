"""Playbook templates: discovery, front matter, and which accounts they apply to.

A playbook is a Markdown + Jinja2 file under ``playbooks/``. Its front matter
says what it produces:

- ``page`` (default): one page at ``playbooks/<path>``;
- ``section``: a section appended to every matching account plan;
- ``account-page``: one page per matching account at ``accounts/<id>/<stem>/``.

Files and folders whose name starts with ``_`` are partials and overrides of
kamgen's own templates, never pages; other files are copied as assets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kamgen.analysis import AccountFigures
from kamgen.diagnose import field_path
from kamgen.errors import TemplateError, display_path
from kamgen.model import Account, Status, Tier

Produces = Literal["page", "section", "account-page"]
_FENCE = "---"


class AppliesTo(BaseModel):
    """Which accounts a section or account page is for: every listed criterion must match."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: list[Tier] | None = None
    status: list[Status] | None = None
    pareto_class: list[Tier] | None = None
    industry: list[str] | None = None
    accounts: list[str] | None = None

    def matches(self, account: Account, figures: AccountFigures) -> bool:
        checks: list[tuple[list[Any] | None, Any]] = [
            (self.tier, account.tier),
            (self.status, account.status),
            (self.pareto_class, figures.pareto_class),
            (self.industry, account.industry),
            (self.accounts, account.id),
        ]
        return all(allowed is None or value in allowed for allowed, value in checks)


class PlaybookMeta(BaseModel):
    """The front matter kamgen reads; other keys pass through to the page (e.g. ``hide``)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: str | None = None
    produces: Produces = "page"
    order: int = 100
    applies_to: AppliesTo = Field(default_factory=AppliesTo)

    def page_meta(self) -> dict[str, Any]:
        """Front matter for the generated page: title plus whatever kamgen does not use."""
        meta = dict(self.model_extra or {})
        if self.title:
            meta["title"] = self.title
        return meta


@dataclass(frozen=True)
class Playbook:
    path: Path
    name: str  # template name, relative to the playbooks folder, with slashes
    meta: PlaybookMeta

    @property
    def title(self) -> str:
        return self.meta.title or Path(self.name).stem.replace("-", " ").capitalize()

    @property
    def output_path(self) -> str:
        return f"playbooks/{self.name}"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body); the body keeps its line numbers (front matter → blank lines)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        return "", text
    for end in range(1, len(lines)):
        if lines[end].strip() == _FENCE:
            return "".join(lines[1:end]), "\n" * (end + 1) + "".join(lines[end + 1 :])
    return "", text


def read_meta(path: Path, root: Path) -> PlaybookMeta:
    where = display_path(path, root)
    try:
        raw, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
        data = yaml.load(raw, Loader=yaml.CSafeLoader) if raw else {}
    except UnicodeDecodeError:
        raise TemplateError(f"{where}:1: the file is not UTF-8; re-save it as UTF-8") from None
    except yaml.YAMLError as exc:
        raise TemplateError(f"{where}:1: the front matter is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise TemplateError(f"{where}:1: the front matter must be a mapping of fields")
    try:
        return PlaybookMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors())
        raise TemplateError(f"{where}:1: front matter: {problems}") from None


def is_private(relative: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in relative.parts)


def discover(playbooks_dir: Path, root: Path) -> tuple[list[Playbook], list[Path]]:
    """Every playbook template (ordered) and every plain asset file in the folder."""
    if not playbooks_dir.is_dir():
        return [], []
    playbooks: list[Playbook] = []
    assets: list[Path] = []
    for path in sorted(p for p in playbooks_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(playbooks_dir)
        if is_private(relative):
            continue
        if path.suffix == ".md":
            playbooks.append(Playbook(path, relative.as_posix(), read_meta(path, root)))
        else:
            assets.append(path)
    playbooks.sort(key=lambda p: (p.meta.order, p.name))
    return playbooks, assets
