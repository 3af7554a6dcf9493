"""What the exports show, as plain text: the site's own facts, printed for Office files and calendars.

The spreadsheet, the deck and the calendars read the very facts the site
pages do (:func:`kamgen.insights.facts.collect`: the same audience, the same
alert thresholds and history), and print them as plain text in the site's
language.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from kamgen.config import Project
from kamgen.data.history import NO_LOG
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Action
from kamgen.i18n import translations
from kamgen.insights.alerts import Alert, Colleagues, Label, Money, Value
from kamgen.insights.analysis import PortfolioFigures
from kamgen.insights.facts import Reuse, SiteFacts, collect
from kamgen.render.formatting import LABELS, Formatter

# Control characters XML (pptx, xlsx) and iCalendar refuse; a dossier may hold them through YAML escapes.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def plain(text: str) -> str:
    """Dossier text safe to put in an Office file or a calendar: control characters dropped."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class PlainFacts:
    project: Project
    site: SiteFacts
    """As the project's audience sees it: restricted accounts and contact details gone from an internal one."""
    gettext: Callable[[str], str]

    @property
    def portfolio(self) -> Portfolio:
        return self.site.portfolio

    @property
    def figures(self) -> PortfolioFigures:
        return self.site.figures

    @property
    def alerts(self) -> list[Alert]:
        return self.site.alerts

    @property
    def today(self) -> date:
        return self.site.today

    @property
    def accounts(self) -> dict[str, Account]:
        return self.site.account_by_id

    @property
    def language(self) -> str:
        return self.project.language

    def label(self, value: str | None) -> str:
        return self.gettext(LABELS.get(value, value)) if value else ""

    def person(self, person_id: str | None) -> str:
        person = self.portfolio.team.get(person_id or "")
        return person.name if person else person_id or ""

    def money(self, amount: float | None) -> str:
        if amount is None:
            return ""
        # The site's own format (no cents), as plain text.
        return html.unescape(Formatter(self.language, self.project.options.currency, self.gettext).money(amount))

    def date(self, value: date | None) -> str:
        return format_date(value, "medium", locale=self.language) if value else ""

    def alert_text(self, alert: Alert) -> str:
        """The alert's message as plain text: ``title: message``."""
        values = {key: self._value(value) for key, value in alert.values.items()}
        return f"{alert.title}: {alert.message % values}"

    def _value(self, value: Value) -> str:
        if value is None:
            return self.gettext("unknown")
        if isinstance(value, Money):
            return self.money(value.amount)
        if isinstance(value, Label):
            return ", ".join(self.label(v) for v in value.values)
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, Colleagues):
            return ", ".join(self.person(p) for p in value.ids)
        return str(value)

    def open_actions(self, account: Account) -> list[Action]:
        """Open actions of the account, its meetings' follow-ups included, soonest due first."""
        actions = [*account.actions, *(f for m in account.meetings for f in m.follow_ups)]
        return sorted((a for a in actions if a.status == "open"), key=lambda a: (a.due is None, a.due or self.today))

    def worklist(self, person_id: str) -> list[tuple[Account, Action]]:
        """What ``person_id`` must do: their open actions in every account, soonest due first."""
        found = [(a, x) for a in self.portfolio.accounts for x in self.open_actions(a) if x.owner == person_id]
        return sorted(found, key=lambda pair: (pair[1].due is None, pair[1].due or self.today, pair[0].name))


def gather(project: Project, portfolio: Portfolio) -> PlainFacts:
    """The facts of ``portfolio`` as ``project``'s audience may see them, as the site shows them."""
    gettext = translations(project.language).gettext
    # No export shows what old versions of the dossiers give (health trends): their git log is not read.
    # The deals' stage moves, which alerts judge, still are.
    return PlainFacts(project, collect(project, portfolio, Reuse(history=NO_LOG), gettext), gettext)
