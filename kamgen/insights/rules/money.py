"""Money: the revenue trend, profitability, class versus tier, competitors, what methods cost."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import WAYS, Account, Method
from kamgen.i18n import N_
from kamgen.insights.rules.base import Context, Finding, Label, Money, days_since, rule

PROFITABILITY, PROFITABILITY_SECTION = "playbooks/key-clients.md#profitability-check", N_("Profitability check")
PARETO, PARETO_SECTION = (
    "playbooks/abc-classification.md#pareto-class-versus-declared-tier",
    N_("Pareto class versus declared tier"),
)
COST_VALUE, COST_VALUE_SECTION = "playbooks/five-ways.md#cost-versus-value", N_("Cost versus value")


@rule(
    "revenue-falling",
    "high",
    title=N_("Revenue falling"),
    why=N_("Falling revenue is the early warning of losing the client: find the cause before the next budget round."),
    playbook="playbooks/key-clients.md#revenue-trend",
    section=N_("Revenue trend"),
)
def falling_revenue(account: Account, ctx: Context) -> Iterator[Finding]:
    if not ctx.figures[account.id].revenue_falling:
        return
    years = sorted(account.revenue)[-3:]
    message = N_("Revenue fell two years running: %(before)s in %(before_year)s, %(now)s in %(year)s")
    yield Finding(message, {
        "before": Money(account.revenue[years[0]]), "before_year": years[0],
        "now": Money(account.revenue[years[-1]]), "year": years[-1],
    })  # fmt: skip


@rule(
    "unprofitable",
    "high",
    title=N_("Loss-making account"),
    why=N_("A loss-making client uses up what profitable clients need: cut the cost to serve or let it go."),
    playbook=PROFITABILITY,
    section=PROFITABILITY_SECTION,
)
def loss_making(account: Account, ctx: Context) -> Iterator[Finding]:
    f = ctx.figures[account.id]
    if not f.unprofitable or f.profit is None:
        return
    valuable = account.reference is True or account.brand == "high"
    why = N_(
        "The client's name or reference may justify the loss, but only as a written decision with a "
        "ceiling on the loss."
    )
    message = N_("Cost to serve %(cost)s is above revenue %(revenue)s in %(year)s: a loss of %(loss)s")
    values = {
        "cost": Money(account.cost_to_serve or 0.0), "revenue": Money(f.revenue), "year": ctx.figures.year,
        "loss": Money(-f.profit),
    }  # fmt: skip
    yield Finding(message, values, why=why if valuable else None)


@rule(
    "no-revenue-year",
    "low",
    title=N_("No revenue recorded for the year"),
    why=N_("A missing year is unknown, not zero: until it is entered, profit and class cannot be judged."),
    playbook=PROFITABILITY,
    section=PROFITABILITY_SECTION,
)
def missing_revenue_year(account: Account, ctx: Context) -> Iterator[Finding]:
    year = ctx.figures.year
    if year is None or not account.revenue or ctx.figures[account.id].revenue_recorded:
        return
    last = max(account.revenue)
    message = N_("No revenue entry for %(year)s; the last one is %(last)s in %(last_year)s")
    yield Finding(message, {"year": year, "last": Money(account.revenue[last]), "last_year": last})


@rule(
    "competitor-threat",
    "high",
    title=N_("Competitor hunting the client"),
    why=N_("A competitor courting our contacts can take the account while we wait."),
    playbook="playbooks/finding-key-clients.md#competitor-threat",
    section=N_("Competitor threat"),
)
def competitor_threat(account: Account, ctx: Context) -> Iterator[Finding]:
    for competitor in account.competitors:
        if competitor.threat == "high":
            yield Finding(N_("%(competitor)s is rated a high threat"), {"competitor": competitor.name})


def _tier_versus_class(account: Account, ctx: Context, *, below: bool) -> Iterator[Finding]:
    computed = ctx.figures[account.id].pareto_class
    # Letters sort the other way round: tier "B" > class "A" is a big client served as a smaller one.
    if account.tier is not None and account.tier != computed and (account.tier > computed) == below:
        yield Finding(
            N_("Declared tier %(tier)s, computed Pareto class %(pareto)s"), {"tier": account.tier, "pareto": computed}
        )


@rule(
    "tier-below-class",
    "medium",
    title=N_("Tier below the Pareto class"),
    why=N_("A client that brings this much revenue is being served like a smaller one."),
    playbook=PARETO,
    section=PARETO_SECTION,
)
def tier_below_class(account: Account, ctx: Context) -> Iterator[Finding]:
    return _tier_versus_class(account, ctx, below=True)


@rule(
    "tier-above-class",
    "low",
    title=N_("Tier above the Pareto class"),
    why=N_(
        "Key-account effort goes to a client its revenue does not justify yet: keep the tier only for a written reason."
    ),
    playbook=PARETO,
    section=PARETO_SECTION,
)
def tier_above_class(account: Account, ctx: Context) -> Iterator[Finding]:
    return _tier_versus_class(account, ctx, below=False)


def _methods(account: Account) -> Iterator[tuple[str, Method]]:
    for way in WAYS:
        for method in getattr(account.relationship_methods, way):
            if method.status != "dropped":
                yield way, method


@rule(
    "method-cost-value",
    "medium",
    title=N_("Costly method the client does not value"),
    why=N_("Weigh each method's cost against how much this client values it: money spent here is missing elsewhere."),
    playbook=COST_VALUE,
    section=COST_VALUE_SECTION,
)
def costly_methods(account: Account, ctx: Context) -> Iterator[Finding]:
    revenue = ctx.figures[account.id].revenue
    for way, method in _methods(account):
        costly = method.cost is not None and revenue > 0 and method.cost >= ctx.options.method_cost_share * revenue
        if costly and method.client_value == "low":
            message = N_(
                "%(method)s (%(way)s) costs %(cost)s a year, %(share)s %% of revenue; the client values it low"
            )
            share = round(100 * (method.cost or 0.0) / revenue)
            yield Finding(
                message, {"method": method.method, "way": Label(way), "cost": Money(method.cost or 0.0), "share": share}
            )


@rule(
    "method-review",
    "low",
    title=N_("Methods due for review"),
    why=N_("What a method costs and what it brings change: weigh them again at least every six months."),
    playbook=COST_VALUE,
    section=COST_VALUE_SECTION,
)
def methods_to_review(account: Account, ctx: Context) -> Iterator[Finding]:
    due = [
        m.method for _, m in _methods(account)
        if m.status == "active" and (m.review is None or days_since(m.review, ctx) > ctx.options.method_review_days)
    ]  # fmt: skip
    if due:
        message = N_("Not reviewed in the last %(days)s days: %(methods)s")
        yield Finding(message, {"days": ctx.options.method_review_days, "methods": "; ".join(due)})
