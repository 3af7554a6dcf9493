"""Everything a site says about a portfolio, computed once before any page is rendered.

The middle step of the pipeline (dossier → model → **facts** → pages → site):
:func:`collect` takes the loaded portfolio, narrows it to what the build's
audience may see, and derives the figures, history, VIP programme, alerts,
sales and planning facts the pages show. Nothing here renders or imports
kamgen.render; the site generator only reads a :class:`SiteFacts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kamgen.config import Project
from kamgen.data.history import NO_LOG, History, Log, StageMoves, read_log, read_stage_moves
from kamgen.data.load import Portfolio
from kamgen.data.model import Account
from kamgen.insights.alerts import Alert, AlertMemo, compute_alerts
from kamgen.insights.alerts import Context as RuleContext
from kamgen.insights.analysis import PortfolioFigures, compute
from kamgen.insights.audience import for_audience
from kamgen.insights.planning import Planning, TrendMemo
from kamgen.insights.sales import Pipeline, Retention, pipeline, retention
from kamgen.insights.vip import Programme, check_lead, programme, round_start


@dataclass
class Reuse:
    """What a generation may take over from an earlier one of the same inputs (``kamgen serve``).

    Views and alerts are reused for the very same account objects only, so an
    edited dossier is always filtered and checked anew.
    """

    history: Log | None = None  # the dossiers' git history and old versions (None: read it)
    stage_moves: StageMoves | None = None  # when git saw each deal change stage (None: read it)
    trends: TrendMemo = field(default_factory=dict)
    views: dict[str, tuple[Account, Account]] = field(default_factory=dict)
    alerts: AlertMemo = field(default_factory=dict)


@dataclass(frozen=True)
class SiteFacts:
    """One generation's facts: the audience's portfolio and all that is derived from it."""

    portfolio: Portfolio  # as the audience sees it (kamgen.insights.audience)
    figures: PortfolioFigures
    today: date
    history: History  # account id → who changed its dossier and when; empty without git
    stage_moves: StageMoves
    programme: Programme
    vip_round_start: date
    alerts: list[Alert]  # most severe first, then the biggest account first
    pipeline: Pipeline
    retention: Retention
    planning: Planning
    # Grouped once: looking them up per page would make big portfolios quadratic.
    account_by_id: dict[str, Account]
    ranked: list[Account]  # by revenue rank; sorted once, not per page
    by_industry: dict[str, list[Account]]
    alerts_by_account: dict[str, list[Alert]]
    alerts_by_person: dict[str | None, list[Alert]]


def collect(project: Project, portfolio: Portfolio, reuse: Reuse, gettext: Callable[[str], str]) -> SiteFacts:
    """The facts of ``portfolio`` as ``project.options.audience`` may see them.

    ``reuse`` is read and updated (git is read once per ``kamgen serve``);
    ``gettext`` words the alerts in the site's language. Raises ConfigError for
    a ``vip_lead`` who is not in the team.
    """
    options = project.options
    visible = for_audience(portfolio, options.audience, reuse.views)
    figures = compute(visible)
    # Who changed each dossier, and its old versions: one git log for the whole portfolio; empty without git.
    if reuse.history is None:
        reuse.history = read_log(project.accounts_dir) if options.history else NO_LOG
    if reuse.stage_moves is None:
        with_deals = options.history and any(a.deals for a in visible.accounts)
        reuse.stage_moves = read_stage_moves(project.accounts_dir) if with_deals else {}
    check_lead(options.vip_lead, visible.team)
    today = project.today()
    vip_round_start = round_start(today, options.vip_round_days)
    vip = programme(visible, figures, options.vip_lead, vip_round_start)
    alerts = compute_alerts(
        RuleContext(
            visible, figures, today, options.stale_after_days, options.vip_lead, gettext, options, reuse.stage_moves
        ),
        reuse.alerts,
    )
    by_industry: dict[str, list[Account]] = {}
    for account in visible.accounts:
        if account.industry:
            by_industry.setdefault(account.industry, []).append(account)
    alerts_by_account: dict[str, list[Alert]] = {}
    alerts_by_person: dict[str | None, list[Alert]] = {}
    for alert in alerts:
        alerts_by_account.setdefault(alert.account_id, []).append(alert)
        alerts_by_person.setdefault(alert.responsible, []).append(alert)
    return SiteFacts(
        portfolio=visible,
        figures=figures,
        today=today,
        history=reuse.history.changes,
        stage_moves=reuse.stage_moves,
        programme=vip,
        vip_round_start=vip_round_start,
        alerts=alerts,
        pipeline=pipeline(visible),
        retention=retention(visible, figures),
        planning=Planning.compute(visible, figures, options, today, reuse.history, reuse.trends),
        account_by_id={a.id: a for a in visible.accounts},
        ranked=sorted(visible.accounts, key=lambda a: figures[a.id].rank),
        by_industry=by_industry,
        alerts_by_account=alerts_by_account,
        alerts_by_person=alerts_by_person,
    )
