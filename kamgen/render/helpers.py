"""Template globals that build Markdown (links, badges) from escaped parts.

They return :class:`Md`, so templates print them as they are; every dossier
value inside is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jinja2

from kamgen.data.model import Account, Person
from kamgen.render.environment import relative_link
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import Md, escape
from kamgen.render.svg import make_svg_helpers


def _css(value: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in value.lower())


def make_helpers(team: dict[str, Person], formatter: Formatter) -> dict[str, Any]:
    @jinja2.pass_context
    def person(context: jinja2.runtime.Context, person_id: str | None) -> Md:
        if person_id is None:
            return formatter.unknown()
        found = team.get(person_id)
        if found is None:
            return escape(person_id)
        target = relative_link(context["page_path"], f"people/{found.id}.md")
        return Md(f"[{escape(found.name)}]({target})")

    @jinja2.pass_context
    def people(context: jinja2.runtime.Context, person_ids: Iterable[str]) -> Md:
        links = [person(context, pid) for pid in person_ids]
        return Md(", ".join(links)) if links else formatter.unknown()

    @jinja2.pass_context
    def account_link(context: jinja2.runtime.Context, account: Account) -> Md:
        target = relative_link(context["page_path"], f"accounts/{account.id}.md")
        return Md(f"[{escape(account.name)}]({target})")

    def stakeholders(account: Account, ids: Iterable[str]) -> Md:
        names = [escape(s.name) for i in ids if (s := account.stakeholder(i)) is not None]
        return Md(", ".join(names)) if names else formatter.unknown()

    def badge(value: str | None, kind: str = "") -> Md:
        if value is None:
            return formatter.unknown()
        text = formatter.label(value) if kind != "tier" else escape(value)
        classes = f"kg-badge kg-badge--{_css(kind)} kg-{_css(kind)}-{_css(value)}" if kind else "kg-badge"
        return Md(f'<span class="{classes}">{text}</span>')

    def score(value: int | None) -> Md:
        """1..5 as filled and empty dots, with the number for screen readers and search."""
        if value is None:
            return formatter.unknown()
        dots = "●" * value + "○" * (5 - value)
        return Md(f'<span class="kg-score" title="{value}/5">{dots}</span>&nbsp;{value}')

    helpers: dict[str, Any] = {f.__name__: f for f in (person, people, account_link, stakeholders, badge, score)}
    # Stakeholder maps and portfolio charts as inline SVG (kamgen/render/svg).
    return helpers | make_svg_helpers(team, formatter)
