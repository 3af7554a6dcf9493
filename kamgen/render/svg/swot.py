"""SWOT: our position at the client as a 2×2, drawn narrow enough for a phone (400 units, 13 px text)."""

from __future__ import annotations

from kamgen.data.model import Account
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import wrap
from kamgen.render.svg.writer import El, document, el, rect, text

WIDTH = 400
GAP = 6
SIZE = 13
LINE = 17
HEAD = 26
PAD = 8
MAX_LINES = 4  # per item: a SWOT entry is a phrase, not a paragraph
QUADRANTS = (
    ("strengths", "S", "kg-swot--s"),
    ("weaknesses", "W", "kg-swot--w"),
    ("opportunities", "O", "kg-swot--o"),
    ("threats", "T", "kg-swot--t"),
)


def _titles(ctx: ChartText) -> dict[str, str]:
    return {
        "strengths": ctx._("Strengths"),
        "weaknesses": ctx._("Weaknesses"),
        "opportunities": ctx._("Opportunities"),
        "threats": ctx._("Threats"),
    }


def swot_chart(ctx: ChartText, account: Account) -> El | None:
    swot = account.swot
    if swot is None or not any((swot.strengths, swot.weaknesses, swot.opportunities, swot.threats)):
        return None
    quad_w = (WIDTH - GAP) / 2
    room = quad_w - 2 * PAD - 12
    titles = _titles(ctx)
    laid: dict[str, list[list[str]]] = {
        key: [wrap(item, room, SIZE, MAX_LINES) for item in getattr(swot, key)] for key, _, _ in QUADRANTS
    }

    def height(key: str) -> float:
        lines = sum(len(item) for item in laid[key]) or 1
        return HEAD + PAD + lines * LINE + max(0, len(laid[key]) - 1) * 4 + PAD

    rows = [max(height("strengths"), height("weaknesses")), max(height("opportunities"), height("threats"))]
    parts: list[El] = []
    for i, (key, letter, cls) in enumerate(QUADRANTS):
        x = (i % 2) * (quad_w + GAP)
        y = 0 if i < 2 else rows[0] + GAP
        parts.append(rect(x, y, quad_w, rows[i // 2], f"kg-swot {cls}", rx=6))
        parts.append(text(x + PAD, y + 19, f"{letter} · {titles[key]}", "kg-t-swot-head"))
        line_y = y + HEAD + PAD + 11
        items: list[El] = []
        if not laid[key]:
            items.append(text(x + PAD, line_y, "—", "kg-t-swot kg-t-muted"))
        for item in laid[key]:
            items.append(text(x + PAD, line_y, "•", "kg-t-swot"))
            for n, part in enumerate(item):
                items.append(text(x + PAD + 12, line_y + n * LINE, part, "kg-t-swot"))
            line_y += len(item) * LINE + 4
        parts.append(el("g", *items))
    counts = {key: len(getattr(swot, key)) for key, _, _ in QUADRANTS}
    desc = ctx._(
        "Strengths: %(s)s, weaknesses: %(w)s, opportunities: %(o)s, threats: %(t)s.",
        s=counts["strengths"],
        w=counts["weaknesses"],
        o=counts["opportunities"],
        t=counts["threats"],
    )
    title = ctx._("SWOT of our position at %(account)s", account=account.name)
    return document("swot", account.id, (WIDTH, rows[0] + GAP + rows[1]), title, desc, *parts)
