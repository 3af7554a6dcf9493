"""kamgen's options, declared once.

They are written under ``plugins: - kamgen:`` in mkdocs.yml; the MkDocs plugin
and the CLI both validate them with this model.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kamgen.data.diagnose import field_path
from kamgen.errors import ConfigError

Audience = Literal["internal", "restricted"]


class KamgenOptions(BaseModel):
    """Options of the kamgen plugin (paths are relative to mkdocs.yml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    accounts: str = Field("accounts", description="Folder with one <id>.yaml dossier per client.")
    team: str = Field("team.yaml", description="The roster of our own people.")
    playbooks: str = Field("playbooks", description="Folder of Markdown + Jinja2 playbook templates.")
    currency: str = Field("EUR", min_length=1, description="Currency of every money figure.")
    audience: Audience = Field("internal", description="Who the site is built for (see SECURITY.md).")
    today: date | None = Field(None, description="Date the plans are judged against; default: the build day.")
    stale_after_days: int = Field(180, ge=1, description="Days without contact before a stakeholder is stale.")
    history: bool = Field(True, description="Show who changed each dossier and when, from git (if available).")
    vip_lead: str | None = Field(None, description="The VIP programme lead (a team.yaml id), shown on /vip/.")
    template_output_mb: float = Field(
        20, gt=0, le=10_000, description="Largest text one playbook may produce, in MB; a larger one is stopped."
    )
    template_seconds: float = Field(
        30, gt=0, le=86_400, description="Longest one playbook may take to render, in seconds; then it is stopped."
    )


# Options a command line or CI job may override without editing mkdocs.yml
# (``kamgen build --audience/--today`` set these for the MkDocs run).
ENV_OVERRIDES = {"audience": "KAMGEN_AUDIENCE", "today": "KAMGEN_TODAY"}


def parse_options(raw: dict[str, object] | None, where: str = "mkdocs.yml") -> KamgenOptions:
    """Validate the plugin options, with ``KAMGEN_*`` environment overrides applied."""
    merged = dict(raw or {})
    for key, variable in ENV_OVERRIDES.items():
        if os.environ.get(variable):
            merged[key] = os.environ[variable]
    try:
        return KamgenOptions.model_validate(merged)
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{where}: plugins.kamgen: {problems}") from None


class Project:
    """Where a kamgen site's inputs are, resolved against the mkdocs.yml folder."""

    def __init__(self, root: Path, options: KamgenOptions, *, language: str = "en", site_name: str = "") -> None:
        self.root = root
        self.options = options
        self.language = language
        self.site_name = site_name

    @property
    def accounts_dir(self) -> Path:
        return self.root / self.options.accounts

    @property
    def team_file(self) -> Path:
        return self.root / self.options.team

    @property
    def playbooks_dir(self) -> Path:
        return self.root / self.options.playbooks

    def today(self) -> date:
        return self.options.today or date.today()
