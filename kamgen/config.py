"""kamgen's options, declared once.

They are written under ``plugins: - kamgen:`` in mkdocs.yml; the MkDocs plugin
and the CLI both validate them with this model.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kamgen.data.diagnose import field_path
from kamgen.data.safe_read import Inputs
from kamgen.errors import ConfigError

Audience = Literal["internal", "restricted"]


class ContactRhythm(BaseModel):
    """Days between contacts, by the stakeholder's weight (playbooks/comb-principle.md, Staying in touch)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key_people: int = Field(31, ge=1, description="Decision makers, budget holders and coaches: monthly.")
    influential: int = Field(62, ge=1, description="Other people of influence 4 or 5: every two months.")
    others: int = Field(92, ge=1, description="Everyone else in the stakeholder map: quarterly.")


class MeetingRhythm(BaseModel):
    """Days between coordination meetings per tier (playbooks/coordination.md); empty: no rhythm."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    A: int | None = Field(21, ge=1, description="Tier A: every two weeks, and a week's grace.")
    B: int | None = Field(45, ge=1, description="Tier B: monthly, and two weeks' grace.")
    C: int | None = Field(None, ge=1, description="Tier C: only when something happens (no rhythm).")


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
    max_file_mb: float = Field(
        5, gt=0, le=1024, description="Largest input file kamgen reads (dossier, roster, playbook, theme file), in MB."
    )
    contact_rhythm: ContactRhythm = Field(
        default_factory=ContactRhythm, description="Days between contacts per stakeholder weight."
    )
    meeting_rhythm: MeetingRhythm = Field(
        default_factory=MeetingRhythm, description="Days without a coordination meeting before an alert, per tier."
    )
    service_level_days: int = Field(14, ge=1, description="Days a complaint or problem may stay open.")
    stalled_deal_days: int = Field(60, ge=1, description="Days a deal may stay in one stage before it is stalled.")
    vip_round_days: int = Field(365, ge=1, description="A VIP goal counts as reached for this many days.")
    method_review_days: int = Field(183, ge=1, description="Days after which a method's cost and value are reviewed.")
    method_cost_share: float = Field(
        0.05, gt=0, description="A method costing this share of the client's revenue or more is expensive."
    )
    template_output_mb: float = Field(
        20, gt=0, le=10_000, description="Largest text one playbook may produce, in MB; a larger one is stopped."
    )
    template_seconds: float = Field(
        30, gt=0, le=86_400, description="Longest one playbook may take to render, in seconds; then it is stopped."
    )
    offerings: tuple[Offering, ...] = Field((), description="Our offerings: rows of the whitespace map.")
    health_weights: HealthWeights = Field(
        default_factory=HealthWeights, description="Points per health score component (defaults: see docs/planning)."
    )


# Options a command line or CI job may override without editing mkdocs.yml.
OVERRIDABLE = ("audience", "today")


@dataclass(frozen=True)
class Environment:
    """Everything kamgen takes from environment variables, read in this one place (README: "Environment").

    - ``KAMGEN_AUDIENCE`` / ``KAMGEN_TODAY``: override the plugin options of that name;
    - ``KAMGEN_CACHE_DIR``: where caches live (default ``$XDG_CACHE_HOME/kamgen`` or ``~/.cache/kamgen``);
      ``KAMGEN_NO_CACHE=1``: keep no cache at all;
    - ``GITHUB_ACTIONS`` / ``GITHUB_WORKSPACE``: ``kamgen check`` writes annotations, paths relative to the workspace.
    """

    overrides: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    github_actions: bool = False
    github_workspace: Path | None = None

    @classmethod
    def read(cls, environ: Mapping[str, str] | None = None) -> Environment:
        env = os.environ if environ is None else environ
        cache: Path | None = None
        if not env.get("KAMGEN_NO_CACHE"):
            base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
            cache = Path(env.get("KAMGEN_CACHE_DIR") or Path(base) / "kamgen")
        return cls(
            overrides={key: env[f"KAMGEN_{key.upper()}"] for key in OVERRIDABLE if env.get(f"KAMGEN_{key.upper()}")},
            cache_dir=cache,
            github_actions=env.get("GITHUB_ACTIONS") == "true",
            github_workspace=Path(env["GITHUB_WORKSPACE"]) if env.get("GITHUB_WORKSPACE") else None,
        )


def parse_options(
    raw: dict[str, object] | None, where: str = "mkdocs.yml", overrides: Mapping[str, object] | None = None
) -> KamgenOptions:
    """Validate the plugin options of mkdocs.yml with ``overrides`` (environment, then command line) applied."""
    merged = {**(raw or {}), **{key: value for key, value in (overrides or {}).items() if value is not None}}
    try:
        return KamgenOptions.model_validate(merged)
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{where}: plugins.kamgen: {problems}") from None


class Project:
    """Where a kamgen site's inputs are, resolved against the mkdocs.yml folder."""

    def __init__(
        self,
        root: Path,
        options: KamgenOptions,
        *,
        language: str = "en",
        site_name: str = "",
        environment: Environment | None = None,
        theme_dir: Path | None = None,
        docs_dir: Path | None = None,
        config_file: Path | None = None,
        directory_urls: bool = True,
    ) -> None:
        self.root = root
        self.options = options
        self.language = language
        self.site_name = site_name
        self.environment = environment if environment is not None else Environment.read()
        self.theme_dir = theme_dir  # the theme's custom_dir, when mkdocs.yml names one
        self.docs_dir = docs_dir
        self.config_file = config_file or root / "mkdocs.yml"
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

    @property
    def inputs(self) -> Inputs:
        """How every input file of this project is read (see :mod:`kamgen.data.safe_read`)."""
        configured = [self.accounts_dir, self.team_file.parent, self.playbooks_dir]
        if self.theme_dir is not None:
            configured.append(self.theme_dir)
        return Inputs.of(self.root, configured, self.options.max_file_mb)

    def today(self) -> date:
        return self.options.today or date.today()
