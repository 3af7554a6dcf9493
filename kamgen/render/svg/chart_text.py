"""The text a chart prints besides its data: labels in the site's language, our people's names, money and shares."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from babel.numbers import format_compact_currency, format_percent

from kamgen.data.model import Person, Stakeholder
from kamgen.render.formatting import LABELS

# A stakeholder this influential (1..5) with nobody of ours covering them is a gap.
GAP_INFLUENCE = 4

# Attitude as a symbol as well as a colour, so it reads in print and for the colour-blind.
GLYPHS = {"champion": "★", "supporter": "+", "neutral": "=", "skeptic": "−", "opponent": "✕"}


@dataclass(frozen=True)
class ChartText:
    gettext: Callable[[str], str]
    team: Mapping[str, Person]
    locale: str = "en"
    currency: str = "EUR"

    def _(self, message: str, **values: object) -> str:
        """A translated label; values are plain text (the writer escapes the result)."""
        text = self.gettext(message)
        return text % values if values else text

    def label(self, value: str | None) -> str:
        return self.gettext(LABELS.get(value, value)) if value else self._("unknown")

    def person(self, person_id: str | None) -> str | None:
        """Our person's name (their id if the roster does not know them)."""
        if person_id is None:
            return None
        found = self.team.get(person_id)
        return found.name if found else person_id

    def money(self, value: float) -> str:
        return str(format_compact_currency(value, self.currency, locale=self.locale, fraction_digits=1))

    def percent(self, value: float) -> str:
        return str(format_percent(value, "#,##0%", locale=self.locale))

    def attitude(self, who: Stakeholder) -> tuple[str, str, str]:
        """CSS class, symbol and words for a stakeholder's attitude to us."""
        if who.attitude is None:
            return "kg-att-unknown", "?", self._("Attitude unknown")
        return f"kg-att-{who.attitude}", GLYPHS[who.attitude], self.label(who.attitude)

    def influence(self, who: Stakeholder) -> str:
        return "●" * who.influence + "○" * (5 - who.influence) if who.influence else "?"

    def is_gap(self, who: Stakeholder) -> bool:
        return who.counterpart is None and (who.influence or 0) >= GAP_INFLUENCE

    def brief(self, who: Stakeholder) -> str:
        """Name and title: the tooltip where the chart itself shows the rest."""
        return ", ".join(p for p in (who.name, who.title) if p)

    def summary(self, who: Stakeholder) -> str:
        """Everything about a person in one sentence: the tooltip and screen-reader text of their mark."""
        parts = [who.name]
        if who.title or who.department:
            parts.append(", ".join(p for p in (who.title, who.department) if p))
        if who.roles:
            parts.append(self._("Roles: %(roles)s", roles=", ".join(self.label(r) for r in who.roles)))
        parts.append(self._("Attitude: %(value)s", value=self.label(who.attitude)))
        if who.influence:
            parts.append(self._("Influence: %(value)s of 5", value=who.influence))
        else:
            parts.append(self._("Influence: unknown"))
        ours = self.person(who.counterpart) or self._("nobody")
        parts.append(self._("Our counterpart: %(name)s", name=ours))
        return ". ".join(parts)
