"""The .ics calendars the site publishes per person and per account, parsed with the icalendar library."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from kamgen.build import pipeline
from kamgen.interchange.ics import escape, fold
from kamgen.mkdocs_yml import load_project
from tests.support import REPO


def parse(path: Path) -> icalendar.Calendar:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, line
    return icalendar.Calendar.from_ical(data)


def events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def expected_actions(person_id: str) -> set[tuple[str, date]]:
    """Open actions with a due date of ``person_id`` in accounts an internal build shows."""
    portfolio = pipeline.load(load_project(REPO / "mkdocs.yml"))
    found = set()
    for account in portfolio.accounts:
        if account.visibility == "restricted":
            continue
        for action in [*account.actions, *(f for m in account.meetings for f in m.follow_ups)]:
            if action.owner == person_id and action.status == "open" and action.due:
                found.add((f"{action.action} — {account.name}", action.due))
    return found


def test_person_calendar_has_their_actions_and_meetings(example_site: Path) -> None:
    calendar = parse(example_site / "people" / "olena-koval" / "olena-koval.ics")
    assert str(calendar["X-WR-CALNAME"]).endswith(": Olena Koval")
    assert calendar["VERSION"] == "2.0"
    all_events = events(calendar)
    actions = {(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in all_events if e["CATEGORIES"].cats != ["Meeting"]}
    assert actions == expected_actions("olena-koval")
    meetings = [e for e in all_events if str(e["SUMMARY"]).startswith("Meeting: ")]
    assert meetings and all("Olena Koval" in str(e["DESCRIPTION"]) for e in meetings)
    for event in all_events:
        start = event.decoded("DTSTART")
        assert isinstance(start, date) and event.decoded("DTEND") == start + timedelta(days=1)
        assert str(event["UID"]).endswith("@kamgen")
    assert len({str(e["UID"]) for e in all_events}) == len(all_events)


def test_account_calendar_and_links_on_pages(example_site: Path) -> None:
    calendar = parse(example_site / "accounts" / "northwind-logistics" / "northwind-logistics.ics")
    summaries = [str(e["SUMMARY"]) for e in events(calendar)]
    assert summaries and all(s.endswith("Northwind Logistics") for s in summaries)
    assert 'href="northwind-logistics.ics"' in (example_site / "accounts/northwind-logistics/index.html").read_text()
    assert 'href="olena-koval.ics"' in (example_site / "people/olena-koval/index.html").read_text()


def test_internal_calendars_hold_nothing_restricted(example_site: Path, restricted_site: Path) -> None:
    assert not (example_site / "accounts" / "kestrel-bank").exists()
    for path in example_site.rglob("*.ics"):
        text = path.read_text(encoding="utf-8")
        assert "Kestrel" not in text and "@kestrel" not in text, path
    assert (restricted_site / "accounts" / "kestrel-bank" / "kestrel-bank.ics").is_file()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a, b; c\\d", "a\\, b\\; c\\\\d"), ("line\nnext", "line\\nnext"), ("plain", "plain")],
)
def test_text_escaping(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_folding_keeps_utf8_characters_whole() -> None:
    line = "SUMMARY:" + "Зустріч " * 20
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line
