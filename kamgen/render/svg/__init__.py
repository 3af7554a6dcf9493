"""Stakeholder maps and portfolio charts, drawn by the engine as inline SVG.

No JavaScript and nothing fetched: each chart is an ``<svg>`` with a title,
a description and real text, styled by kamgen.css through Material's colour
variables (so it follows the light and dark palettes and prints). Templates
call the helpers below; they return a ``<figure>`` raw HTML block.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2

from kamgen.data.model import Account, Person
from kamgen.i18n import N_
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import Md
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.comb import comb_map
from kamgen.render.svg.comb_stacked import NARROW, comb_stacked
from kamgen.render.svg.decision import decision_strip
from kamgen.render.svg.grid import influence_grid
from kamgen.render.svg.grid_stacked import grid_stacked
from kamgen.render.svg.orgchart import org_chart
from kamgen.render.svg.pareto import pareto_chart
from kamgen.render.svg.profit import profit_chart
from kamgen.render.svg.retention import retention_chart
from kamgen.render.svg.writer import El, esc, figure

__all__ = ["ChartText", "make_svg_helpers"]

CAPTIONS = {
    "org": N_(
        "Who reports to whom. Each card: title, roles, attitude to us (colour and symbol), influence "
        "(●●●○○ is 3 of 5) and our counterpart. A dotted line: the manager is not in this dossier."
    ),
    "comb": N_(
        "Our people (left) against theirs (right), level by level: each of ours should cover their own "
        "level. A dashed line crosses levels. ⚠ Gap: influence 4 or 5 and nobody of ours covers them."
    ),
    "grid": N_(
        "Upper rows: influence 4 and 5. Left: against us, right: for us. "
        "⚠ marks an influential person nobody of ours covers."
    ),
    "comb-narrow": N_(
        "Level by level: our people at that level (blue frame), then theirs, each with who of ours covers them. "
        "⚠ Gap: influence 4 or 5 and nobody of ours covers them."
    ),
    "grid-narrow": N_(
        "The powerful (influence 4 and 5) first, then the rest; against us, neutral, for us. "
        "●●●○○ is influence 3 of 5. ⚠ marks an influential person nobody of ours covers."
    ),
    "decision": N_("Who takes each step of a purchase; “unknown” means the dossier does not say yet."),
    "pareto": N_(
        "Bars: revenue per account, largest first. Line: cumulative share of the portfolio. "
        "Class A are the accounts that make the first 80% of revenue, B the next 15%, C the rest."
    ),
    "profit": N_(
        "Revenue against the yearly cost of serving each account. ⚠ Loss: the account costs more than it "
        "brings; cut the cost to serve, or decide whether it is worth keeping."
    ),
    "retention": N_(
        "Revenue lost: the last yearly revenue of released clients, and this year's drop at clients whose "
        "revenue fell. At risk: this year's revenue of clients at risk or hunted by a high-threat competitor."
    ),
}


# The stakeholder maps of a plan, one tab each: (kind, tab label, drawing).
MAPS = (
    ("org", N_("Organisation chart"), org_chart),
    ("comb", N_("Coverage by level (the comb)"), comb_map),
    ("grid", N_("Influence and attitude"), influence_grid),
)


def tabs(name: str, blocks: list[tuple[str, Md]]) -> Md:
    """Material's content tabs as one raw HTML block: radio buttons and Material's CSS.

    No script and no Markdown extension needed (the site's mkdocs.yml may not
    enable pymdownx.tabbed), so the tabs work offline. ``blocks`` are (label,
    raw HTML without blank lines); labels are escaped here.
    """
    key = esc(name)
    inputs = [
        f'<input{" checked" if i == 1 else ""} id="{key}-{i}" name="{key}" type="radio">'
        for i in range(1, len(blocks) + 1)
    ]
    labels = [f'<label for="{key}-{i}">{esc(label)}</label>' for i, (label, _) in enumerate(blocks, 1)]
    contents = [
        f'<div class="tabbed-block">\n<p class="kg-tab-title">{esc(label)}</p>\n{block}\n</div>'
        for label, block in blocks
    ]
    out = "\n".join(
        [
            f'<div class="tabbed-set tabbed-alternate kg-tabs" data-tabs="1:{len(blocks)}">',
            *inputs,
            '<div class="tabbed-labels">',
            *labels,
            '</div>\n<div class="tabbed-content">',
            *contents,
            "</div>\n</div>",
        ]
    )
    assert "\n\n" not in out  # a blank line would end the HTML block
    return Md(out)


def _wrap(ctx: ChartText, kind: str, chart: El | None, narrow: El | None = None) -> Md:
    if chart is None:
        return Md("")
    note = ctx.gettext(CAPTIONS.get(f"{kind}-narrow", CAPTIONS[kind]))
    return figure(chart, kind, ctx.gettext(CAPTIONS[kind]), (narrow, note) if narrow is not None else None)


def _narrow(ctx: ChartText, kind: str, account: Account) -> El | None:
    """The phone version of a map: the org chart in a narrow column, the comb and the grid stacked."""
    if kind == "org":
        return org_chart(ctx, account, NARROW)
    if kind == "comb":
        return comb_stacked(ctx, account)
    if kind == "grid":
        return grid_stacked(ctx, account)
    return None


def make_svg_helpers(team: Mapping[str, Person], formatter: Formatter) -> dict[str, Callable[..., Md]]:
    """Template globals; portfolio charts read the (audience-filtered) ``accounts`` and ``figures``."""
    ctx = ChartText(formatter.gettext, team, formatter.locale, formatter.currency)

    def account_chart(kind: str, draw: Callable[[ChartText, Account], El | None]) -> Callable[[Account], Md]:
        def helper(account: Account) -> Md:
            return _wrap(ctx, kind, draw(ctx, account), _narrow(ctx, kind, account))

        return helper

    @jinja2.pass_context
    def pareto(context: jinja2.runtime.Context) -> Md:
        return _wrap(ctx, "pareto", pareto_chart(ctx, context["accounts"], context["figures"]))

    @jinja2.pass_context
    def profit(context: jinja2.runtime.Context) -> Md:
        return _wrap(ctx, "profit", profit_chart(ctx, context["accounts"], context["figures"]))

    @jinja2.pass_context
    def retention(context: jinja2.runtime.Context) -> Md:
        return _wrap(ctx, "retention", retention_chart(ctx, context["retention"], context["figures"]))

    def stakeholder_maps(account: Account) -> Md:
        """The org chart, the comb and the influence grid on three tabs (nothing without stakeholders)."""
        drawn = [(ctx.gettext(label), draw(ctx, account)) for _, label, draw in MAPS]
        blocks = [
            (label, _wrap(ctx, kind, chart, _narrow(ctx, kind, account)))
            for (kind, _, _), (label, chart) in zip(MAPS, drawn, strict=True)
        ]
        shown = [(label, block) for label, block in blocks if block]
        return tabs(f"kg-maps-{account.id}", shown) if shown else Md("")

    helpers: dict[str, Any] = {
        "stakeholder_maps": stakeholder_maps,
        "org_chart": account_chart("org", org_chart),
        "comb_map": account_chart("comb", comb_map),
        "influence_grid": account_chart("grid", influence_grid),
        "decision_strip": account_chart("decision", decision_strip),
        "pareto_chart": pareto,
        "profit_chart": profit,
        "retention_chart": retention,
    }
    return helpers
