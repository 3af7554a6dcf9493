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


class Offering(BaseModel):
    """One of our offerings: a row of the whitespace map."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$", description="What dossiers write under whitespace.")
    name: str = Field(min_length=1, description="The offering's name as readers know it.")


class HealthWeights(BaseModel):
    """Points of each health score component (they are scaled to a total of 100)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    coverage: int = Field(20, ge=0, description="Each level at the client covered by our people of that level.")
    relationships: int = Field(20, ge=0, description="Our relationship with the people who decide.")
    freshness: int = Field(15, ge=0, description="Stakeholders contacted within stale_after_days.")
    decision_process: int = Field(10, ge=0, description="Steps of the decision process with a known person.")
    revenue_trend: int = Field(10, ge=0, description="Revenue of the last year against the year before.")
    profitability: int = Field(10, ge=0, description="Margin after cost to serve.")
    actions: int = Field(10, ge=0, description="Open actions that are not overdue.")
    vip: int = Field(5, ge=0, description="Tier A accounts enrolled in the VIP programme (tier A only).")


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
    offerings: tuple[Offering, ...] = Field((), description="Our offerings: rows of the whitespace map.")
    health_weights: HealthWeights = Field(
        default_factory=HealthWeights, description="Points per health score component (defaults: see docs/planning)."
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

    def __init__(
        self, root: Path, options: KamgenOptions, *, language: str = "en", site_name: str = "",
        directory_urls: bool = True,
    ) -> None:  # fmt: skip
        self.root = root
        self.options = options
        self.language = language
        self.site_name = site_name
        self.directory_urls = directory_urls  # MkDocs' use_directory_urls: links inside raw HTML need it

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
