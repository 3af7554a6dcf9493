"""The template globals of the planning sections (health, trends, objectives, whitespace, growth grid).

The facts themselves are computed in kamgen/insights/planning.py (:class:`Planning`);
the helpers draw or word them for the templates, escaping every dossier value
(kamgen/render/svg/ for the drawings).
"""

from __future__ import annotations

import html
import posixpath
from datetime import date
from typing import Any

import jinja2
from babel.numbers import format_decimal

from kamgen.data.model import Account
from kamgen.i18n import N_
from kamgen.insights.health import PLAYBOOK, Component
from kamgen.insights.planning import Placement, Progress, Whitespace
from kamgen.insights.trends import Trend
from kamgen.render.environment import relative_link
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import Md, escape
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.growth import growth_grid
from kamgen.render.svg.sparkline import sparkline
from kamgen.render.svg.swot import swot_chart
from kamgen.render.svg.whitespace import whitespace_chart
from kamgen.render.svg.writer import El, figure

COMPONENT_NAMES = {
    "coverage": N_("Every level covered (the comb)"),
    "relationships": N_("Relationship with the people who decide"),
    "freshness": N_("Contacts in the last %(days)s days"),
    "decision_process": N_("Decision process known"),
    "revenue_trend": N_("Revenue trend"),
    "profitability": N_("Profit after cost to serve"),
    "actions": N_("Actions on time"),
    "vip": N_("In the VIP programme (tier A)"),
}
CAPTIONS = {
    "whitespace": N_(
        "✓ in use · ◐ pilot · ◆ open opportunity (its yearly value) · ✕ bought from a competitor · — not a fit; "
        "an empty cell is white space nobody has explored yet."
    ),
    "swot": N_(
        "Our position at the client: strengths and weaknesses are ours, opportunities and threats come "
        "from the client and the market."
    ),
    "growth": N_(
        "Right: attractive (a large potential, and room left in it). Up: healthy (the health score). "
        "Grow the upper right, repair the lower right, maintain the upper left at lower cost, rethink the rest."
    ),
}


def page_url(docs_path: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a docs page (raw HTML links are not rewritten by MkDocs)."""
    stem = docs_path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def url_between(from_page: str, to_page: str, directory_urls: bool) -> str:
    source, target = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    base = source if source.endswith("/") or not source else posixpath.dirname(source)
    out = posixpath.relpath(target or ".", base or ".")
    return out + "/" if target.endswith("/") and not out.endswith("/") else out


def planning_helpers(
    formatter: Formatter, ctx: ChartText, playbook_pages: set[str], directory_urls: bool, stale_after_days: int
) -> dict[str, Any]:
    """Template globals of the planning sections."""
    _ = formatter.gettext

    def wrap(kind: str, chart: El | None) -> Md:
        return figure(chart, kind, _(CAPTIONS[kind])) if chart is not None else Md("")

    @jinja2.pass_context
    def component_link(context: jinja2.runtime.Context, component: Component) -> Md:
        """The component's name, linked to the playbook section that explains it (when the site has it)."""
        name = escape(
            _(COMPONENT_NAMES[component.key]) % {"days": stale_after_days}
            if component.key == "freshness"
            else _(COMPONENT_NAMES[component.key])
        )
        path, _sep, anchor = PLAYBOOK[component.key].partition("#")
        if path not in playbook_pages:
            return name
        target = relative_link(context["page_path"], path)
        return Md(f"[{name}]({target}{'#' + anchor if anchor else ''})")

    def component_detail(component: Component) -> Md:
        c = component
        if c.ratio is None:
            return Md(escape(_("does not apply")))
        if c.key == "vip":
            return Md(escape(_("yes") if c.ratio else _("no")))
        if c.key == "relationships":
            return Md(escape(_("average %(value)s of 5") % {"value": c.found}))
        if c.key in ("revenue_trend", "profitability") and c.of:
            return Md(escape(f"{c.found:+.0f} %" if c.key == "revenue_trend" else f"{c.found:.0f} %"))
        if c.key in ("coverage", "freshness", "decision_process", "actions") and c.of:
            return Md(escape(_("%(found)s of %(of)s") % {"found": f"{c.found:g}", "of": f"{c.of:g}"}))
        if c.key == "actions":
            return Md(escape(_("none open")))
        if c.key in ("coverage", "freshness", "profitability") and not c.of:
            return Md(escape(_("nothing recorded")))
        return Md("")

    def number(value: float | None) -> Md:
        if value is None:
            return Md("?")
        return escape(format_decimal(value, locale=formatter.locale))

    def progress_bar(p: Progress) -> Md:
        if p.ratio is None:
            return formatter.unknown()
        percent = round(p.ratio * 100)
        return Md(
            f'<span class="kg-progress" role="img" aria-label="{percent}%">'
            f'<span class="kg-progress__bar" style="width: {percent}%"></span></span>&nbsp;{percent}%'
        )

    def whitespace_map(account: Account, ws: Whitespace | None) -> Md:
        return wrap("whitespace", whitespace_chart(ctx, account.id, ws, account.name) if ws else None)

    def swot(account: Account) -> Md:
        return wrap("swot", swot_chart(ctx, account))

    @jinja2.pass_context
    def growth(context: jinja2.runtime.Context, placements: list[Placement]) -> Md:
        page = context["page_path"]
        href = lambda account_id: url_between(page, f"accounts/{account_id}.md", directory_urls)  # noqa: E731
        return wrap("growth", growth_grid(ctx, placements, href))

    def health_sparkline(key: str, t: Trend) -> Md:
        values = [(p.day, float(p.health)) for p in t.points]
        desc = ", ".join(f"{formatter.date(d)}: {v:.0f}" for d, v in values)
        chart = sparkline(f"health-{key}", values, 0, 100, _("Health score over time"), desc)
        return Md(chart) if chart is not None else Md("")

    def relationship_sparkline(key: str, series: tuple[tuple[date, int | None, str | None], ...]) -> Md:
        values = [(d, float(r) if r is not None else None) for d, r, _a in series]
        desc = ", ".join(f"{formatter.date(d)}: {'?' if v is None else f'{v:.0f}'}" for d, v in values)
        chart = sparkline(f"rel-{key}", values, 1, 5, _("Relationship over time"), desc)
        return Md(chart) if chart is not None else Md("")

    def arrow(t: Trend | None) -> Md:
        if t is None or t.direction == 0 or t.previous is None:
            return Md("")
        since = {"date": formatter.date(t.previous.day), "score": t.previous.health}
        up = t.direction > 0
        tip = html.escape((_("up from %(score)s on %(date)s") if up else _("down from %(score)s on %(date)s")) % since)
        kind, glyph = ("up", "↑") if up else ("down", "↓")
        return Md(f'<span class="kg-trend kg-trend--{kind}" title="{tip}">{glyph}</span>')

    return {
        "health_component_link": component_link,
        "health_component_detail": component_detail,
        "progress_bar": progress_bar,
        "number": number,
        "whitespace_map": whitespace_map,
        "swot_chart": swot,
        "growth_grid": growth,
        "health_sparkline": health_sparkline,
        "relationship_sparkline": relationship_sparkline,
        "trend_arrow": arrow,
    }
