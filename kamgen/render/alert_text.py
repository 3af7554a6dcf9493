"""Template globals that print an alert: its message with every value escaped, and its playbook link."""

from __future__ import annotations

import posixpath
from collections.abc import Collection
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import jinja2

from kamgen.data.model import Person
from kamgen.insights.alerts import Alert, Colleagues, Label, Money, Rule, Value
from kamgen.render.environment import relative_link
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import Md, escape, escape_message


def alert_helpers(team: dict[str, Person], formatter: Formatter, pages: Collection[str]) -> dict[str, Any]:
    """``alert_message(alert)`` and ``playbook_link(alert)``; ``pages`` are the docs paths that exist."""

    # A big portfolio prints tens of thousands of alerts, each on three pages; links
    # depend only on the page's folder, and dates repeat: format each once.
    @lru_cache(maxsize=4096)
    def person_link(folder: str, person_id: str) -> Md:
        person = team.get(person_id)
        if person is None:
            return escape(person_id)
        return Md(f"[{escape(person.name)}]({relative_link(f'{folder}/page.md', f'people/{person_id}.md')})")

    @lru_cache(maxsize=4096)
    def show_date(value: date) -> Md:
        return formatter.date(value)

    def show(page_path: str, value: Value) -> Md:
        if value is None:
            return formatter.unknown()
        if isinstance(value, Money):
            return formatter.money(value.amount)
        if isinstance(value, Label):
            return Md(", ".join(formatter.label(v) for v in value.values))
        if isinstance(value, date):
            return show_date(value)
        if isinstance(value, Colleagues):
            folder = posixpath.dirname(page_path) or "."
            links = [person_link(folder, person_id) for person_id in value.ids]
            return Md(", ".join(links)) if links else formatter.unknown()
        return escape(value)

    @jinja2.pass_context
    def alert_message(context: jinja2.runtime.Context, alert: Alert) -> Md:
        page_path = context["page_path"]
        return escape_message(alert.message, {key: show(page_path, v) for key, v in alert.values.items()})

    @jinja2.pass_context
    def playbook_link(context: jinja2.runtime.Context, alert: Alert | Rule) -> Md | None:
        """Link target of the playbook section (of an alert or a rule), or None when the site has no such page."""
        path, _, anchor = alert.playbook.partition("#")
        if path not in pages:
            return None
        target = quote(relative_link(context["page_path"], path))
        return Md(f"{target}#{quote(anchor)}" if anchor else target)

    return {"alert_message": alert_message, "playbook_link": playbook_link}
