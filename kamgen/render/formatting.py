"""Locale-aware formatting of money, shares, dates and the model's enum values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_percent, parse_pattern

from kamgen.i18n import N_
from kamgen.render.markdown import Md, escape

# Enum values as readers see them; N_() marks them for extraction, label() translates them.
LABELS: dict[str, str] = {
    "executive": N_("Executive"),
    "manager": N_("Manager"),
    "specialist": N_("Specialist"),
    "prospect": N_("Prospect"),
    "active": N_("Active"),
    "at-risk": N_("At risk"),
    "released": N_("Released"),
    "high": N_("High"),
    "medium": N_("Medium"),
    "low": N_("Low"),
    "initiator": N_("Initiator"),
    "user": N_("User"),
    "influencer": N_("Influencer"),
    "decision-maker": N_("Decision maker"),
    "approver": N_("Approver"),
    "budget-holder": N_("Budget holder"),
    "gatekeeper": N_("Gatekeeper"),
    "coach": N_("Coach"),
    "champion": N_("Champion"),
    "supporter": N_("Supporter"),
    "neutral": N_("Neutral"),
    "skeptic": N_("Skeptic"),
    "opponent": N_("Opponent"),
    "prepares": N_("Prepares"),
    "approves": N_("Approves"),
    "signs": N_("Signs"),
    "budgets": N_("Budgets"),
    "planned": N_("Planned"),
    "dropped": N_("Dropped"),
    "open": N_("Open"),
    "done": N_("Done"),
    "personnel": N_("Personnel"),
    "restructuring": N_("Restructuring"),
    "conflict": N_("Conflict"),
    "competitor": N_("Competitor"),
    "contract": N_("Contract"),
    "other": N_("Other"),
    "internal": N_("Internal"),
    "restricted": N_("Restricted"),
    "trust": N_("Personal trust"),
    "technical_support": N_("Technical support"),
    "resource_support": N_("Resource support"),
    "service_levels": N_("Service levels"),
    "risk_reduction": N_("Risk reduction"),
    "relationships_renewed": N_("Relationships renewed"),
    "contacts_updated": N_("Contacts updated"),
    "market_info": N_("Market position and plans learned"),
    "feedback": N_("Feedback on quality received"),
    "volume_growth": N_("Volume grown"),
    "cross_sell": N_("New items cross-sold"),
    "referrals": N_("Referrals obtained"),
    "overdue": N_("Overdue"),
    "interest": N_("Interest"),
    "proposal": N_("Proposal"),
    "negotiation": N_("Negotiation"),
    "decision": N_("Decision"),
    "won": N_("Won"),
    "lost": N_("Lost"),
    "stalled": N_("Stalled"),
    "complaint": N_("Complaint"),
    "delivery": N_("Delivery"),
    "quality": N_("Quality"),
    "achieved": N_("Achieved"),
    "on-track": N_("On track"),
    "unmeasured": N_("No measure"),
    "in-use": N_("In use"),
    "pilot": N_("Pilot"),
    "opportunity": N_("Opportunity"),
    "not-a-fit": N_("Not a fit"),
}


@lru_cache(maxsize=16)
def _money_pattern(locale: str) -> str:
    pattern = str(Locale.parse(locale).currency_formats["standard"].pattern)
    return pattern.split(";")[0].replace(".00", "")


class Formatter:
    """Formatting bound to one locale and currency (one per build)."""

    def __init__(self, locale: str, currency: str, gettext: Callable[[str], str]) -> None:
        self.locale = locale
        self.currency = currency
        self.gettext = gettext
        # Parsed once: Babel would parse the locale and the pattern on every amount.
        self._babel_locale = Locale.parse(locale)
        self._money = parse_pattern(_money_pattern(locale))

    def money(self, value: float | None) -> Md:
        if value is None:
            return self.unknown()
        text = self._money.apply(round(value), self._babel_locale, currency=self.currency, currency_digits=False)
        return escape(text)

    def percent(self, value: float | None, digits: int = 1) -> Md:
        if value is None:
            return self.unknown()
        return escape(format_percent(value, "#,##0." + "0" * digits + "%", locale=self.locale))

    def date(self, value: date | None) -> Md:
        if value is None:
            return self.unknown()
        return escape(format_date(value, "medium", locale=self.locale))

    def label(self, value: str | None) -> Md:
        if value is None:
            return self.unknown()
        return escape(self.gettext(LABELS.get(value, value)))

    def unknown(self) -> Md:
        return Md('<span class="kg-unknown">' + escape(self.gettext("unknown")) + "</span>")
