"""Money: the revenue trend, profitability, class versus tier, competitors, what methods cost."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import WAYS, Account, Method
from kamgen.i18n import N_
from kamgen.insights.rules.base import Context, Finding, Label, Money, check, days_since


@check("revenue-falling")
def falling_revenue(account: Account, ctx: Context) -> Iterator[Finding]:
    if not ctx.figures[account.id].revenue_falling:
        return
    years = sorted(account.revenue)[-3:]
    message = N_("Revenue fell two years running: %(before)s in %(before_year)s, %(now)s in %(year)s")
    yield Finding(message, {
        "before": Money(account.revenue[years[0]]), "before_year": years[0],
        "now": Money(account.revenue[years[-1]]), "year": years[-1],
    })  # fmt: skip


@check("unprofitable")
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


@check("no-revenue-year")
def missing_revenue_year(account: Account, ctx: Context) -> Iterator[Finding]:
    year = ctx.figures.year
    if year is None or not account.revenue or ctx.figures[account.id].revenue_recorded:
        return
    last = max(account.revenue)
    message = N_("No revenue entry for %(year)s; the last one is %(last)s in %(last_year)s")
    yield Finding(message, {"year": year, "last": Money(account.revenue[last]), "last_year": last})


@check("competitor-threat")
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


@check("tier-below-class")
def tier_below_class(account: Account, ctx: Context) -> Iterator[Finding]:
    return _tier_versus_class(account, ctx, below=True)


@check("tier-above-class")
def tier_above_class(account: Account, ctx: Context) -> Iterator[Finding]:
    return _tier_versus_class(account, ctx, below=False)


def _methods(account: Account) -> Iterator[tuple[str, Method]]:
    for way in WAYS:
        for method in getattr(account.relationship_methods, way):
            if method.status != "dropped":
                yield way, method


@check("method-cost-value")
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


@check("method-review")
def methods_to_review(account: Account, ctx: Context) -> Iterator[Finding]:
    due = [
        m.method for _, m in _methods(account)
        if m.status == "active" and (m.review is None or days_since(m.review, ctx) > ctx.options.method_review_days)
    ]  # fmt: skip
    if due:
        message = N_("Not reviewed in the last %(days)s days: %(methods)s")
        yield Finding(message, {"days": ctx.options.method_review_days, "methods": "; ".join(due)})
