"""The organisation chart: who reports to whom, as cards the salesperson can read."""

from __future__ import annotations

from dataclasses import dataclass

from kamgen.data.model import LEVELS, Account, Stakeholder
from kamgen.render.svg.chart_text import ChartText
from kamgen.render.svg.layout import Box, Metrics, TreeLayout, forest
from kamgen.render.svg.marks import attitude_icon, gap_label, left_strip
from kamgen.render.svg.textfit import fit, wrap
from kamgen.render.svg.writer import El, document, el, line, polyline, rect, text

WIDTH = 1000
PAD = 8
ORPHAN_SPACE = 30  # above a card whose manager is not in the dossier: a dotted stub and its label
GROUP_SPACE = 30  # above the people with no reporting line: a heading
COMPACT_FROM = 21  # people; from here cards drop the second title line so the chart stays short
FULL = Metrics()
# Large charts: shorter cards, and whichever width packs the trees into the fewest rows.
COMPACT = tuple(Metrics(card_w=w, card_h=86, vgap=30) for w in (172, 160, 150))


def card(ctx: ChartText, who: Stakeholder, x: float, y: float, m: Metrics) -> El:
    compact = m.card_h < FULL.card_h
    lines = (17, 31, 45, 61, 77) if compact else (19, 35, 66, 84, 101)  # name, title, roles, attitude, ours
    x0, room = x + 13, m.card_w - 21
    cls, _glyph, words = ctx.attitude(who)
    words = words if who.attitude else ctx._("unknown")  # next to the "?" symbol on the attitude line
    gap = ctx.is_gap(who)
    # Compact cards have one line for the title: the department goes (it is in the tooltip).
    title = (who.title or who.department or "") if compact else ", ".join(p for p in (who.title, who.department) if p)
    title_lines = wrap(title, room, 11, 1 if compact else 2) if title else [ctx._("Title unknown")]
    roles = ", ".join(ctx.label(r) for r in who.roles) or ctx._("Roles unknown")
    ours = ctx.person(who.counterpart)
    y_ours = y + lines[4]
    if ours:
        cover = text(x0, y_ours, fit(ctx._("Ours: %(name)s", name=ours), room, 10.5), "kg-t-small")
    elif gap:
        cover = text(x0, y_ours, gap_label(ctx._("Gap: nobody of ours"), room, 10.5), "kg-t-gap")
    else:
        cover = text(x0, y_ours, fit(ctx._("Ours: nobody yet"), room, 10.5), "kg-t-small kg-t-muted")
    return el(
        "g",
        el("title", ctx.summary(who)),
        rect(x, y, m.card_w, m.card_h, "kg-card" + (" kg-card--gap" if gap else ""), rx=6),
        left_strip(x, y, 6, m.card_h, 6),
        text(x0, y + lines[0], fit(who.name, room, 13, bold=True), "kg-t-name"),
        *(
            text(x0, y + lines[1] + 13 * i, part, "kg-t-sub" + ("" if title else " kg-t-muted"))
            for i, part in enumerate(title_lines)
        ),
        text(x0, y + lines[2], fit(roles, room, 10.5), "kg-t-small" + ("" if who.roles else " kg-t-muted")),
        attitude_icon(ctx, who, x0 + 6.5, y + lines[3] - 4),
        text(x0 + 17, y + lines[3], fit(words, room - 50, 11), "kg-t-sub" + ("" if who.attitude else " kg-t-muted")),
        text(x + m.card_w - 9, y + lines[3], ctx.influence(who), "kg-t-dots", anchor="end"),
        cover,
        class_=f"kg-person {cls}",
        data_id=who.id,
    )


@dataclass(frozen=True)
class Chart:
    metrics: Metrics
    box: Box
    orphans: list[str]  # top cards whose manager the dossier does not know: drawn with a dotted stub
    alone: list[str]  # people with no reporting line at all, shown apart (when there are trees too)


def layout(account: Account, max_width: float = WIDTH - 2 * PAD, *, compact: bool = False) -> Chart:
    """The chart with the least height among the card sizes allowed for this many people.

    ``compact``: short cards whatever the number of people (the phone version, a tall single column).
    """
    options = [FULL] if len(account.stakeholders) < COMPACT_FROM and not compact else list(COMPACT)
    charts = [_layout(account, m, max_width) for m in options]
    return min(charts, key=lambda c: (c.box.height, -c.metrics.card_w))


def _layout(account: Account, m: Metrics, max_width: float) -> Chart:
    people = account.stakeholders
    tree = forest([(s.id, s.reports_to) for s in people])
    known = {s.id for s in people}
    orphans = [s.id for s in people if s.id in tree.roots and s.reports_to and s.reports_to not in known]
    alone = [r for r in tree.roots if not tree.children[r] and r not in orphans]
    # People outside any hierarchy are grouped by level, most senior first.
    level = {s.id: (LEVELS.index(s.level) if s.level else len(LEVELS)) for s in people}
    alone.sort(key=lambda r: level[r])
    trees = [r for r in tree.roots if r not in alone]
    engine = TreeLayout(tree, m, max_width)
    box = engine.arrange(trees, {r: ORPHAN_SPACE for r in orphans})
    if alone:
        top = box.height + (m.vgap + GROUP_SPACE if trees else 0)
        box.place(engine.arrange(alone, {}, top), 0, 0)
        box.width = max(box.width, *(x + m.card_w for x, _ in box.cards.values()))
        box.height = max(y + m.card_h for _, y in box.cards.values())
    return Chart(m, box, orphans, alone if trees else [])


def org_chart(ctx: ChartText, account: Account, room: float = WIDTH) -> El | None:
    """The chart at most ``room`` units wide (a narrower one for phones: more rows, same cards)."""
    if not account.stakeholders:
        return None
    chart = layout(account, room - 2 * PAD, compact=room < WIDTH)
    box, orphans, alone, m = chart.box, chart.orphans, chart.alone, chart.metrics
    by_id = {s.id: s for s in account.stakeholders}
    parts: list[El] = [polyline(path, "kg-link") for path in box.lines]
    for sid in orphans:
        x, y = box.cards[sid]
        stub = x + 20
        parts.append(line(stub, y - ORPHAN_SPACE + 6, stub, y, "kg-link kg-link--missing"))
        note = ctx._("Reports to “%(id)s”, not in this dossier", id=by_id[sid].reports_to or "")
        parts.append(text(stub + 7, y - 12, fit(note, m.card_w * 2, 10.5), "kg-t-small kg-t-muted"))
    if alone:
        top = min(box.cards[r][1] for r in alone)
        parts.append(text(0, top - 12, ctx._("No reporting line recorded"), "kg-t-head"))
    parts.extend(card(ctx, s, *box.cards[s.id], m) for s in account.stakeholders)
    width, height = box.width + 2 * PAD, box.height + 2 * PAD
    roots = sum(1 for s in account.stakeholders if s.reports_to is None)
    gaps = sum(1 for s in account.stakeholders if ctx.is_gap(s))
    desc = ctx._(
        "People of %(account)s by reporting line: %(count)s. Reporting to nobody recorded: %(roots)s. "
        "Influential and not covered by us: %(gaps)s.",
        count=len(account.stakeholders),
        account=account.name,
        roots=roots,
        gaps=gaps,
    )
    return document(
        "org",
        account.id if room == WIDTH else f"{account.id}-narrow",
        (width, height),
        ctx._("Organisation chart of %(account)s", account=account.name),
        desc,
        el("g", *parts, transform=f"translate({PAD} {PAD})"),
    )
