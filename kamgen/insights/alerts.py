"""Alerts: what in the dossiers needs someone's attention, why, and where the method says what to do.

Each rule is one small function ``(account, context) -> alerts``. The rules read
the portfolio the SiteGenerator already filtered for its audience, so an alert
never reveals what the build leaves out. Display text goes through the gettext
function the caller passes in; dossier values travel apart in ``values`` and are
escaped when the message is rendered (kamgen/render/alert_text.py), never formatted
into the text here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from kamgen.data.load import Portfolio
from kamgen.data.model import LEVELS, Account, Action, Stakeholder
from kamgen.insights.analysis import AccountFigures, PortfolioFigures
from kamgen.insights.planning import progress

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
HIGH_INFLUENCE = 4


@dataclass(frozen=True)
class Money:
    amount: float


@dataclass(frozen=True)
class Colleagues:
    """Our own people (team.yaml ids), shown as links to their pages."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Label:
    """A value of one of the model's enums, shown with its translated label."""

    value: str


Value = str | int | date | Money | Colleagues | Label | None


@dataclass(frozen=True)
class Alert:
    kind: str
    account_id: str
    severity: Severity
    title: str
    message: str
    """Translated text with ``%(name)s`` placeholders for ``values``."""
    why: str
    """One sentence: why it matters."""
    playbook: str
    """Docs path and anchor of the playbook section that says what to do."""
    playbook_section: str
    """That section's heading, as the link's text."""
    responsible: str | None
    """Who should act on it (a team.yaml id)."""
    values: Mapping[str, Value] = field(default_factory=dict)

    @property
    def level(self) -> int:
        """0 for high, 1 for medium, 2 for low: sorts the most severe first."""
        return SEVERITIES.index(self.severity)


def _untranslated(message: str) -> str:
    return message


@dataclass(frozen=True)
class Context:
    portfolio: Portfolio
    figures: PortfolioFigures
    today: date
    stale_after_days: int = 180
    vip_lead: str | None = None
    gettext: Callable[[str], str] = _untranslated


Rule = Callable[[Account, Context], Iterator[Alert]]


def _overdue(action: Action, today: date) -> bool:
    return action.status == "open" and action.due is not None and action.due < today


def _who(stakeholder: Stakeholder) -> str:
    return f"{stakeholder.name}, {stakeholder.title}" if stakeholder.title else stakeholder.name


def _overdue_alert(
    account: Account, action: Action, ctx: Context, *, kind: str, title: str, message: str, **values: Any
) -> Alert:
    """One alert for an open action past its due date (from the action list or a meeting)."""
    _ = ctx.gettext
    return Alert(
        kind=kind,
        account_id=account.id,
        severity="high",
        title=title,
        message=message,
        why=_("An action past its due date is a broken promise to the client or to a colleague."),
        playbook="playbooks/coordination.md#overdue-actions",
        playbook_section=_("Overdue actions"),
        responsible=action.owner or account.owner,
        values={
            "action": action.action,
            "due": action.due,
            "owner": Colleagues((action.owner,) if action.owner else ()),
            **values,
        },
    )


def overdue_actions(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    for action in account.actions:
        if _overdue(action, ctx.today):
            yield _overdue_alert(
                account,
                action,
                ctx,
                kind="overdue-action",
                title=_("Overdue action"),
                message=_("%(action)s — due %(due)s; owner: %(owner)s"),
            )


def overdue_follow_ups(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    for meeting in account.meetings:
        for action in meeting.follow_ups:
            if _overdue(action, ctx.today):
                yield _overdue_alert(
                    account,
                    action,
                    ctx,
                    kind="overdue-follow-up",
                    title=_("Overdue meeting follow-up"),
                    message=_("%(action)s — agreed at the meeting of %(meeting)s, due %(due)s; owner: %(owner)s"),
                    meeting=meeting.date,
                )


def stale_contacts(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    for s in account.stakeholders:
        if s.last_contact is None or (ctx.today - s.last_contact).days <= ctx.stale_after_days:
            continue
        covered = _("%(who)s — last contact %(last)s; covered by %(counterpart)s")
        uncovered = _("%(who)s — last contact %(last)s; nobody of ours covers them")
        yield Alert(
            kind="stale-contact",
            account_id=account.id,
            severity="medium",
            title=_("Contact gone cold"),
            message=covered if s.counterpart else uncovered,
            why=_(
                "A contact nobody has spoken to for months is no longer a relationship: we hear about changes too late."
            ),
            playbook="playbooks/comb-principle.md#staying-in-touch",
            playbook_section=_("Staying in touch"),
            responsible=s.counterpart or account.owner,
            values={
                "who": _who(s),
                "last": s.last_contact,
                "counterpart": Colleagues((s.counterpart,) if s.counterpart else ()),
            },
        )


def missing_contact_dates(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    names = [s.name for s in account.stakeholders if s.last_contact is None]
    if names:
        yield Alert(
            kind="no-contact-date",
            account_id=account.id,
            severity="low",
            title=_("No contact date recorded"),
            message=_("No last contact date for %(names)s"),
            why=_("Without a contact date nobody can tell whether the relationship is still alive."),
            playbook="playbooks/comb-principle.md#staying-in-touch",
            playbook_section=_("Staying in touch"),
            responsible=account.owner,
            values={"names": ", ".join(names)},
        )


def uncovered_influencers(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    for s in account.stakeholders:
        if s.influence is not None and s.influence >= HIGH_INFLUENCE and s.counterpart is None:
            yield Alert(
                kind="uncovered-influencer",
                account_id=account.id,
                severity="medium",
                title=_("Influential stakeholder without a counterpart"),
                message=_("%(who)s (influence %(influence)s of 5) has no counterpart on our side"),
                why=_("High-influence people shape the decision; if nobody of ours knows them, a competitor will."),
                playbook="playbooks/comb-principle.md#gaps",
                playbook_section=_("Gaps"),
                responsible=account.owner,
                values={"who": _who(s), "influence": s.influence},
            )


def comb_gaps(account: Account, ctx: Context) -> Iterator[Alert]:
    """A level present at the client that none of our people of the same level covers."""
    _ = ctx.gettext
    team = ctx.portfolio.team
    for level in LEVELS:
        at_level = [s for s in account.stakeholders if s.level == level]
        ours = [s.counterpart for s in at_level if s.counterpart]
        if not at_level or any(team[c].level == level for c in ours if c in team):
            continue
        yield Alert(
            kind="comb-gap",
            account_id=account.id,
            severity="medium",
            title=_("Comb gap"),
            message=_(
                "%(level)s level at the client (%(names)s) has nobody of the same level on our side; "
                "covered today by: %(covering)s"
            ),
            why=_(
                "Each level trusts its peers: a specialist cannot cover a director, "
                "and an uncovered level is where surprises come from."
            ),
            playbook="playbooks/comb-principle.md#gaps",
            playbook_section=_("Gaps"),
            responsible=account.owner,
            values={
                "level": Label(level),
                "names": ", ".join(s.name for s in at_level),
                "covering": Colleagues(tuple(dict.fromkeys(ours))),
            },
        )


def single_threaded(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    ours = [s.counterpart for s in account.stakeholders if s.counterpart]
    if len(ours) >= 2 and len(set(ours)) == 1:
        yield Alert(
            kind="single-threaded",
            account_id=account.id,
            severity="high",
            title=_("Single-threaded account"),
            message=_("%(person)s is the only person of ours the client knows: every relationship runs through them"),
            why=_(
                "If that person leaves or falls out with the client, the account goes too; "
                "the VIP programme says reassign or add people."
            ),
            playbook="playbooks/comb-principle.md#single-threaded-accounts",
            playbook_section=_("Single-threaded accounts"),
            responsible=ctx.vip_lead or account.owner,
            values={"person": Colleagues((ours[0],))},
        )


def unknown_decision_maker(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    named = any("decision-maker" in s.roles for s in account.stakeholders)
    signs = any(step.step == "signs" and step.who for step in account.decision_process)
    if not named and not signs:
        yield Alert(
            kind="no-decision-maker",
            account_id=account.id,
            severity="medium",
            title=_("Final decision maker unknown"),
            message=_("No stakeholder is marked as decision maker and nobody is recorded as signing"),
            why=_("Until we know who makes the final decision, every forecast for the account is a guess."),
            playbook="playbooks/decision-process.md#final-decision-maker-unknown",
            playbook_section=_("Final decision maker unknown"),
            responsible=account.owner,
        )


def tier_mismatch(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    computed = ctx.figures[account.id].pareto_class
    if account.tier is None or account.tier == computed:
        return
    # Letters sort the other way round: tier "B" > class "A" is a big client served as a smaller one.
    below = account.tier > computed
    served_small = _("A client that brings this much revenue is being served like a smaller one.")
    served_big = _(
        "Key-account effort goes to a client its revenue does not justify yet: keep the tier only for a written reason."
    )
    yield Alert(
        kind="tier-below-class" if below else "tier-above-class",
        account_id=account.id,
        severity="medium" if below else "low",
        title=_("Tier below the Pareto class") if below else _("Tier above the Pareto class"),
        message=_("Declared tier %(tier)s, computed Pareto class %(pareto)s"),
        why=served_small if below else served_big,
        playbook="playbooks/abc-classification.md#pareto-class-versus-declared-tier",
        playbook_section=_("Pareto class versus declared tier"),
        responsible=account.owner,
        values={"tier": account.tier, "pareto": computed},
    )


def falling_revenue(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    if not ctx.figures[account.id].revenue_falling:
        return
    years = sorted(account.revenue)[-3:]
    yield Alert(
        kind="revenue-falling",
        account_id=account.id,
        severity="high",
        title=_("Revenue falling"),
        message=_("Revenue fell two years running: %(before)s in %(before_year)s, %(now)s in %(year)s"),
        why=_(
            "Falling revenue is the early warning of losing the client: find the cause before the next budget round."
        ),
        playbook="playbooks/key-clients.md#revenue-trend",
        playbook_section=_("Revenue trend"),
        responsible=account.owner,
        values={
            "before": Money(account.revenue[years[0]]),
            "before_year": years[0],
            "now": Money(account.revenue[years[-1]]),
            "year": years[-1],
        },
    )


def loss_making(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    f = ctx.figures[account.id]
    if not f.unprofitable or f.profit is None:
        return
    valuable = account.reference is True or account.brand == "high"
    yield Alert(
        kind="unprofitable",
        account_id=account.id,
        severity="high",
        title=_("Loss-making account"),
        message=_("Cost to serve %(cost)s is above revenue %(revenue)s in %(year)s: a loss of %(loss)s"),
        why=_(
            "The client's name or reference may justify the loss, but only as a written decision with a "
            "ceiling on the loss."
        )
        if valuable
        else _("A loss-making client uses up what profitable clients need: cut the cost to serve or let it go."),
        playbook="playbooks/key-clients.md#profitability-check",
        playbook_section=_("Profitability check"),
        responsible=account.owner,
        values={
            "cost": Money(account.cost_to_serve or 0.0),
            "revenue": Money(f.revenue),
            "year": ctx.figures.year,
            "loss": Money(-f.profit),
        },
    )


def competitor_threat(account: Account, ctx: Context) -> Iterator[Alert]:
    _ = ctx.gettext
    for competitor in account.competitors:
        if competitor.threat == "high":
            yield Alert(
                kind="competitor-threat",
                account_id=account.id,
                severity="high",
                title=_("Competitor hunting the client"),
                message=_("%(competitor)s is rated a high threat"),
                why=_("A competitor courting our contacts can take the account while we wait."),
                playbook="playbooks/finding-key-clients.md#competitor-threat",
                playbook_section=_("Competitor threat"),
                responsible=account.owner,
                values={"competitor": competitor.name},
            )


def objectives_behind(account: Account, ctx: Context) -> Iterator[Alert]:
    """An objective past its due date, or behind the straight line from its start to its due date."""
    _ = ctx.gettext
    for objective in account.objectives:
        p = progress(objective, ctx.today)
        if p.state not in ("overdue", "at-risk"):
            continue
        overdue = p.state == "overdue"
        yield Alert(
            kind="objective-overdue" if overdue else "objective-behind",
            account_id=account.id,
            severity="high" if overdue else "medium",
            title=_("Objective past due") if overdue else _("Objective behind plan"),
            message=_("%(objective)s — due %(due)s, %(reached)s%% reached")
            if overdue
            else _("%(objective)s — %(reached)s%% reached, %(expected)s%% expected by now"),
            why=_("An objective nobody re-plans becomes a wish: agree the next step or change the target."),
            playbook="playbooks/account-planning.md#objectives",
            playbook_section=_("Objectives"),
            responsible=objective.owner or account.owner,
            values={
                "objective": objective.objective,
                "due": objective.due,
                "reached": round((p.ratio or 0) * 100),
                "expected": round((p.expected or 0) * 100),
            },
        )


# A released client keeps only the promises still open; the relationship rules are moot.
ALWAYS: tuple[Rule, ...] = (overdue_actions, overdue_follow_ups)
RELATIONSHIP: tuple[Rule, ...] = (
    falling_revenue,
    loss_making,
    competitor_threat,
    single_threaded,
    uncovered_influencers,
    comb_gaps,
    unknown_decision_maker,
    stale_contacts,
    tier_mismatch,
    missing_contact_dates,
    objectives_behind,
)
RULES: tuple[Rule, ...] = ALWAYS + RELATIONSHIP


def account_alerts(account: Account, ctx: Context) -> list[Alert]:
    rules = ALWAYS if account.status == "released" else RULES
    alerts = [alert for rule in rules for alert in rule(account, ctx)]
    return sorted(alerts, key=lambda a: a.level)  # stable: rule order within a severity


# account id → (account, its figures, the report year, its alerts): see compute_alerts.
AlertMemo = dict[str, tuple[Account, AccountFigures, "int | None", list[Alert]]]


def compute_alerts(ctx: Context, memo: AlertMemo | None = None) -> list[Alert]:
    """Every alert of the portfolio: most severe first, then the biggest account first.

    ``memo``: alerts of an earlier call with the same roster, day and settings,
    reused for the very same account with the same figures (``kamgen serve``).
    """
    known: AlertMemo = {} if memo is None else memo

    def of(account: Account) -> list[Alert]:
        figures, year = ctx.figures[account.id], ctx.figures.year
        hit = known.get(account.id)
        if hit is None or hit[0] is not account or hit[1] != figures or hit[2] != year:
            hit = known[account.id] = (account, figures, year, account_alerts(account, ctx))
        return hit[3]

    alerts = [alert for account in ctx.portfolio.accounts for alert in of(account)]
    return sorted(alerts, key=lambda a: (a.level, ctx.figures[a.account_id].rank))
