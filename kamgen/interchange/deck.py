"""``kamgen export pptx``: a quarterly business review deck of one account, in the site's language.

The deck is a list of slide builders (:data:`SLIDES`), each a function that adds
one slide from the account's facts; a new section of the plan becomes a new
builder appended to the list. Maps are drawn as native shapes (rectangles,
connectors, chevrons, tables), so the account team edits them in PowerPoint
instead of pasting screenshots. With a template the company's slide master
and layouts are used, and the template's own slides are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.base import BaseShape
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Inches, Pt

from kamgen.data.model import STEPS, Account
from kamgen.errors import ConfigError
from kamgen.interchange.plain import PlainFacts, plain
from kamgen.render.svg.chart_text import GLYPHS, ChartText
from kamgen.render.svg.comb import bands

ATTITUDE_ORDER = ("opponent", "skeptic", "neutral", "supporter", "champion")
ATTITUDE_FILL = {
    "champion": "1B7F3B", "supporter": "7BC47F", "neutral": "D9D9D9", "skeptic": "F4B183", "opponent": "C0504D",
}  # fmt: skip
UNKNOWN_FILL = "F2F2F2"
MAX_ROWS = 8  # rows of a table slide that stay legible; the site has the full list


def rgb(hex_color: str) -> RGBColor:
    color: RGBColor = RGBColor.from_string(hex_color)  # type: ignore[no-untyped-call]  # python-pptx 1.0 leaves it untyped
    return color


INK = rgb("263238")
MUTED = rgb("606B73")
WHITE = rgb("FFFFFF")
LINE = rgb("D9D9D9")


@dataclass
class Deck:
    """The presentation being built, with what every slide builder needs."""

    prs: PresentationType
    facts: PlainFacts
    account: Account
    own_master: bool = True
    """False with a --template: its layouts are placed as the company designed them."""

    def _(self, message: str) -> str:
        return self.facts.gettext(message)

    @property
    def width(self) -> Emu:
        return Emu(self.prs.slide_width or Inches(13.333))

    @property
    def height(self) -> Emu:
        return Emu(self.prs.slide_height or Inches(7.5))

    def layout(self, *names: str, fallback: int) -> SlideLayout:
        """A layout of the master by name (a corporate template keeps the standard names), else by position."""
        layouts = self.prs.slide_layouts
        for name in names:
            found = layouts.get_by_name(name)
            if found is not None:
                return found
        return layouts[min(fallback, len(layouts) - 1)]

    def slide(self, title: str) -> Slide:
        """A slide with a title and nothing else: the builder draws the body."""
        slide: Slide = self.prs.slides.add_slide(self.layout("Title Only", fallback=5))
        if slide.shapes.title is not None:
            slide.shapes.title.text = plain(title)
            self.fit(slide.shapes.title, Inches(0.3), Inches(1.0))
        else:
            self.text(slide, title, Inches(0.5), Inches(0.3), self.width - Inches(1), Inches(0.8), size=28, bold=True)
        return slide

    def fit(self, shape: BaseShape, top: int, height: int) -> None:
        """Stretch a placeholder across the slide: python-pptx's own master is laid out for 4:3."""
        if self.own_master:
            shape.left, shape.top = Inches(0.5), Emu(top)
            shape.width, shape.height = Emu(self.width - Inches(1)), Emu(height)

    def text(
        self, slide: Slide, text: str, left: int, top: int, width: int, height: int, *,
        size: int = 14, bold: bool = False, color: RGBColor = INK, align: PP_ALIGN = PP_ALIGN.LEFT,
    ) -> Shape:  # fmt: skip
        box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
        frame = box.text_frame
        frame.word_wrap = True
        for number, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = plain(line)
            paragraph.alignment = align
            paragraph.font.size, paragraph.font.bold, paragraph.font.color.rgb = Pt(size), bold, color
        return box

    def box(
        self, slide: Slide, text: str, left: int, top: int, width: int, height: int, *,
        fill: str = "FFFFFF", size: int = 11, shape: MSO_SHAPE = MSO_SHAPE.ROUNDED_RECTANGLE,
    ) -> Shape:  # fmt: skip
        """A filled shape with centred text: a card, a person, a step."""
        item = slide.shapes.add_shape(shape, Emu(left), Emu(top), Emu(width), Emu(height))
        item.fill.solid()
        item.fill.fore_color.rgb = rgb(fill)
        item.line.color.rgb = rgb("A6A6A6")
        frame = item.text_frame
        frame.word_wrap = True
        for number, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            paragraph.text = plain(line)
            paragraph.alignment = PP_ALIGN.CENTER
            paragraph.font.size = Pt(size if number == 0 else max(size - 2, 8))
            paragraph.font.bold = number == 0
            paragraph.font.color.rgb = INK if fill not in ("1B7F3B", "C0504D") else WHITE
        return item

    def table(self, slide: Slide, headers: Sequence[str], rows: list[list[str]], top: int, height: int) -> None:
        """A native table; an empty one says so instead."""
        left, width = Inches(0.5), self.width - Inches(1)
        if not rows:
            self.text(slide, self._("None recorded."), left, top, width, Inches(0.5), color=MUTED)
            return
        shape = slide.shapes.add_table(len(rows) + 1, len(headers), Emu(left), Emu(top), Emu(width), Emu(height))
        grid = shape.table
        for column, header in enumerate(headers):
            grid.cell(0, column).text = header
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                grid.cell(number, column).text = plain(value)
        for cell in (grid.cell(r, c) for r in range(len(rows) + 1) for c in range(len(headers))):
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(11)


SlideBuilder = Callable[[Deck], None]


def title_slide(deck: Deck) -> None:
    _, account, facts = deck._, deck.account, deck.facts
    slide = deck.prs.slides.add_slide(deck.layout("Title Slide", fallback=0))
    subtitle = [_("Quarterly business review"), facts.date(facts.today)]
    subtitle.append(f"{_('Key account manager')}: {facts.person(account.owner)}")
    if slide.shapes.title is not None:
        slide.shapes.title.text = plain(account.name)
        deck.fit(slide.shapes.title, Inches(2.0), Inches(1.5))
    placeholders = [p for p in slide.placeholders if p.placeholder_format.idx == 1]
    if placeholders:
        placeholders[0].text = plain("\n".join(subtitle))
        deck.fit(placeholders[0], Inches(3.8), Inches(2.0))
    else:
        deck.text(slide, "\n".join(subtitle), Inches(0.5), Inches(4), deck.width - Inches(1), Inches(1.5), size=18)


def key_numbers(deck: Deck) -> None:
    _, account, facts = deck._, deck.account, deck.facts
    figures = facts.figures[account.id]
    slide = deck.slide(_("Key figures"))
    alerts = [a for a in facts.alerts if a.account_id == account.id]
    cards = [
        (_("Revenue %(year)s") % {"year": facts.figures.year or ""}, facts.money(figures.revenue)),
        (_("Share"), f"{figures.share:.1%}"),
        (_("Pareto class"), figures.pareto_class),
        (_("Tier"), account.tier or "—"),
        (_("Potential"), facts.money(account.potential) or "—"),
        (_("Profit"), facts.money(figures.profit) or "—"),
        (_("Open actions"), str(len(facts.open_actions(account)))),
        (_("Alerts"), str(len(alerts))),
    ]
    columns, gap = 4, Inches(0.25)
    width = (deck.width - Inches(1) - gap * (columns - 1)) // columns
    for number, (label, value) in enumerate(cards):
        left = Inches(0.5) + (number % columns) * (width + gap)
        top = Inches(1.7) + (number // columns) * Inches(1.6)
        deck.box(slide, f"{value}\n{label}", left, top, width, Inches(1.3), fill="EEF2F6", size=24)
    if account.revenue:
        history = " · ".join(f"{year}: {facts.money(amount)}" for year, amount in sorted(account.revenue.items()))
        deck.text(slide, history, Inches(0.5), Inches(5.2), deck.width - Inches(1), Inches(0.5), color=MUTED)


def stakeholder_map(deck: Deck) -> None:
    """Influence (rows, 5 at the top) against attitude (columns, against us on the left)."""
    _, account = deck._, deck.account
    slide = deck.slide(_("Influence and attitude"))
    left, top, label_w = Inches(1.2), Inches(1.5), Inches(0.7)
    width, height = deck.width - left - Inches(0.5), deck.height - top - Inches(0.9)
    cell_w, cell_h = width // len(ATTITUDE_ORDER), height // 5
    for column, attitude in enumerate(ATTITUDE_ORDER):
        x = left + column * cell_w
        caption = f"{GLYPHS[attitude]} {deck.facts.label(attitude)}"
        deck.text(slide, caption, x, top + height + Inches(0.05), cell_w, Inches(0.4), size=12, align=PP_ALIGN.CENTER)
        for row in range(5):
            cell = slide.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Emu(x), Emu(top + row * cell_h), Emu(cell_w), Emu(cell_h)
            )
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb("FAFAFA")
            cell.line.color.rgb = LINE
    for row in range(5):
        deck.text(slide, f"{5 - row}", left - label_w, top + row * cell_h + cell_h // 3, label_w, Inches(0.4),
                  size=14, bold=True, align=PP_ALIGN.CENTER)  # fmt: skip
    deck.text(slide, _("Influence"), Inches(0.1), top - Inches(0.45), Inches(1.5), Inches(0.4), size=12, color=MUTED)
    placed: dict[tuple[int, int], int] = {}
    unplaced = []
    for who in account.stakeholders:
        if who.attitude is None or who.influence is None:
            unplaced.append(who.name)
            continue
        column, row = ATTITUDE_ORDER.index(who.attitude), 5 - who.influence
        slot = placed[(column, row)] = placed.get((column, row), -1) + 1
        chip_h = Inches(0.42)
        y = top + row * cell_h + Inches(0.06) + slot * (chip_h + Inches(0.04))
        deck.box(slide, who.name, left + column * cell_w + Inches(0.08), y, cell_w - Inches(0.16), chip_h,
                 fill=ATTITUDE_FILL[who.attitude], size=10)  # fmt: skip
    if unplaced:
        note = f"{_('Influence or attitude unknown')}: {', '.join(unplaced)}"
        deck.text(slide, note, Inches(0.5), deck.height - Inches(0.5), deck.width - Inches(1), Inches(0.4), size=10)


def comb(deck: Deck) -> None:
    """Our people left, theirs right, a band per level, a connector from each of ours to whom they cover."""
    _, account, facts = deck._, deck.account, deck.facts
    slide = deck.slide(_("Coverage by level (the comb)"))
    ctx = ChartText(facts.gettext, facts.portfolio.team, facts.language, facts.project.options.currency)
    levels = bands(ctx, account)
    top, bottom = Inches(1.4), deck.height - Inches(0.3)
    band_h = (bottom - top) // max(len(levels), 1)
    ours_x, theirs_x, chip_w = Inches(1.9), deck.width - Inches(4.6), Inches(3.6)
    ours_at: dict[str, Shape] = {}
    theirs_at: dict[str, Shape] = {}
    for number, band in enumerate(levels):
        y = top + number * band_h
        deck.text(slide, deck.facts.label(band.level) if band.level != "unknown" else _("Level unknown"),
                  Inches(0.3), y + Inches(0.05), Inches(1.5), Inches(0.4), size=12, bold=True)  # fmt: skip
        divider = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, Inches(0.3), Emu(y), Emu(deck.width - Inches(0.3)), Emu(y)
        )
        divider.line.color.rgb = LINE
        for people, x, store in ((band.ours, ours_x, ours_at), ([s.id for s in band.theirs], theirs_x, theirs_at)):
            chip_h = min(Inches(0.45), (band_h - Inches(0.1)) // max(len(people), 1) - Inches(0.04))
            for slot, pid in enumerate(people):
                who = account.stakeholder(pid) if store is theirs_at else None
                name = who.name if who else facts.person(pid)
                detail = f"\n{who.title}" if who and who.title else ""
                fill = ATTITUDE_FILL.get(who.attitude or "", UNKNOWN_FILL) if who else "DDE3EA"
                y_chip = y + Inches(0.06) + slot * (chip_h + Inches(0.04))
                store[pid] = deck.box(slide, name + detail, x, y_chip, chip_w, chip_h, fill=fill, size=10)
    for who in account.stakeholders:
        ours, theirs = ours_at.get(who.counterpart or ""), theirs_at.get(who.id)
        if ours is not None and theirs is not None:
            link = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Emu(0), Emu(0), Emu(0), Emu(0))
            link.begin_connect(ours, 3)  # type: ignore[no-untyped-call]  # right side of ours
            link.end_connect(theirs, 1)  # type: ignore[no-untyped-call]  # left side of theirs
            link.line.color.rgb = MUTED


def decision_process(deck: Deck) -> None:
    _, account = deck._, deck.account
    slide = deck.slide(_("Decision process"))
    gap = Inches(0.1)
    width = (deck.width - Inches(1) - gap * (len(STEPS) - 1)) // len(STEPS)
    who_by_step = {step.step: step.who for step in account.decision_process}
    for number, step in enumerate(STEPS):
        left = Inches(0.5) + number * (width + gap)
        deck.box(slide, deck.facts.label(step), left, Inches(1.6), width, Inches(0.9), fill="DDE3EA", size=16,
                 shape=MSO_SHAPE.CHEVRON if number else MSO_SHAPE.PENTAGON)  # fmt: skip
        names = []
        for pid in who_by_step.get(step, []):
            who = account.stakeholder(pid)
            names.append(f"{who.name}{f' — {who.title}' if who.title else ''}" if who else pid)
        body = "\n".join(names) or _("unknown")
        deck.text(slide, body, left, Inches(2.7), width, Inches(3.5), size=13)


def risks(deck: Deck) -> None:
    _, account, facts = deck._, deck.account, deck.facts
    slide = deck.slide(_("Risks"))
    rows = [
        [r.risk, facts.label(r.likelihood), facts.label(r.impact), r.mitigation or "", facts.person(r.owner)]
        for r in account.risks[:MAX_ROWS]
    ]
    headers = [_("Risk"), _("Likelihood"), _("Impact"), _("Mitigation"), _("Owner")]
    deck.table(slide, headers, rows, Inches(1.5), Inches(0.5) * (len(rows) + 1))


def actions(deck: Deck) -> None:
    _, account, facts = deck._, deck.account, deck.facts
    slide = deck.slide(_("Open actions"))
    rows = []
    for action in facts.open_actions(account)[:MAX_ROWS]:
        late = action.due is not None and action.due < facts.today
        due = facts.date(action.due) + (f" ({_('Overdue')})" if late else "")
        rows.append([action.action, facts.person(action.owner), due])
    deck.table(slide, [_("Action"), _("Owner"), _("Due")], rows, Inches(1.5), Inches(0.4) * (len(rows) + 1))


SLIDES: list[SlideBuilder] = [title_slide, key_numbers, stakeholder_map, comb, decision_process, risks, actions]
"""The deck, in order. Append a builder to add a slide (e.g. objectives or whitespace, when the plan has them)."""


def write_deck(facts: PlainFacts, account_id: str, target: Path, template: Path | None = None) -> Path:
    account = facts.accounts.get(account_id)
    if account is None:
        raise ConfigError(f"no account '{account_id}' in this build (a restricted account needs --audience restricted)")
    deck = Deck(_presentation(template), facts, account, own_master=template is None)
    for build in SLIDES:
        build(deck)
    target.parent.mkdir(parents=True, exist_ok=True)
    deck.prs.save(str(target))
    return target


def _presentation(template: Path | None) -> PresentationType:
    if template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)  # 16:9
        return prs
    try:
        prs = Presentation(str(template))
    except Exception as exc:  # noqa: BLE001 - python-pptx raises many kinds for a file that is not a deck
        raise ConfigError(f"{template}: not a PowerPoint .pptx file ({exc}); save the template as .pptx") from None
    # Keep the master and layouts, not the template's example slides.
    slides = prs.slides._sldIdLst  # python-pptx 1.0 has no public way to delete a slide
    for entry in list(slides):
        prs.part.drop_rel(entry.rId)
        slides.remove(entry)
    return prs
