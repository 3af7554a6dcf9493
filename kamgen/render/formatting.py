"""Locale-aware formatting of money, shares, dates and the model's enum values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_percent

from kamgen.render.markdown import Md, escape

# Enum values as readers see them; passed through gettext, so translatable.
LABELS: dict[str, str] = {
    "executive": "Executive",
    "manager": "Manager",
    "specialist": "Specialist",
    "prospect": "Prospect",
    "active": "Active",
    "at-risk": "At risk",
    "released": "Released",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "initiator": "Initiator",
    "user": "User",
    "influencer": "Influencer",
    "decision-maker": "Decision maker",
    "approver": "Approver",
    "budget-holder": "Budget holder",
    "gatekeeper": "Gatekeeper",
    "coach": "Coach",
    "champion": "Champion",
    "supporter": "Supporter",
    "neutral": "Neutral",
    "skeptic": "Skeptic",
    "opponent": "Opponent",
    "prepares": "Prepares",
    "approves": "Approves",
    "signs": "Signs",
    "budgets": "Budgets",
    "planned": "Planned",
    "dropped": "Dropped",
    "open": "Open",
    "done": "Done",
    "personnel": "Personnel",
    "restructuring": "Restructuring",
    "conflict": "Conflict",
    "competitor": "Competitor",
    "contract": "Contract",
    "other": "Other",
    "internal": "Internal",
    "restricted": "Restricted",
    "trust": "Personal trust",
    "technical_support": "Technical support",
    "resource_support": "Resource support",
    "service_levels": "Service levels",
    "risk_reduction": "Risk reduction",
    "relationships_renewed": "Relationships renewed",
    "contacts_updated": "Contacts updated",
    "market_info": "Market position and plans learned",
    "feedback": "Feedback on quality received",
    "volume_growth": "Volume grown",
    "cross_sell": "New items cross-sold",
    "referrals": "Referrals obtained",
    "overdue": "Overdue",
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

    def money(self, value: float | None) -> Md:
        if value is None:
            return self.unknown()
        text = format_currency(
            round(value), self.currency, _money_pattern(self.locale), locale=self.locale, currency_digits=False
        )
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
