"""Small marks shared by the charts: the attitude symbol and a person's hover card."""

from __future__ import annotations

from kamgen.data.model import Stakeholder
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.textfit import fit, width
from kamgen.render.svg.writer import El, el, num


def attitude_icon(ctx: ChartText, who: Stakeholder, cx: float, cy: float, r: float = 6.5) -> El:
    """A filled disc in the attitude's colour carrying its symbol (never colour alone)."""
    # No tooltip of its own (pages stay small at scale): the org chart card spells the attitude out in words.
    cls, glyph, _words = ctx.attitude(who)
    return el(
        "g",
        el("circle", cx=cx, cy=cy, r=r),  # styled as ".kg-att > circle": small pages at scale
        el("text", glyph, x=cx, y=cy + r * 0.5),
        class_=f"kg-att {cls}",
    )


def left_strip(x: float, y: float, w: float, h: float, r: float) -> El:
    """A colour bar along a card's left edge, rounded like the card's corners."""
    d = (
        f"M{num(x + r)},{num(y)} H{num(x + w)} V{num(y + h)} H{num(x + r)} "
        f"A{num(r)},{num(r)} 0 0 1 {num(x)},{num(y + h - r)} V{num(y + r)} "
        f"A{num(r)},{num(r)} 0 0 1 {num(x + r)},{num(y)} Z"
    )
    return el("path", d=d, class_="kg-strip")


def gap_label(message: str, room: float, size: float) -> str:
    """ "⚠ Gap: nobody of ours", or just "⚠ Gap" (the words before the colon) where the whole is too long."""
    label = "⚠ " + message
    if width(label, size, bold=True) > room and ":" in label:
        label = label.split(":", 1)[0]
    return fit(label, room, size, bold=True)
