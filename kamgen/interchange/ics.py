"""Calendars (RFC 5545) of actions and meetings, per person and per account, to subscribe to.

The site publishes one ``.ics`` file per person and per account beside their
pages. Outlook and Google Calendar subscribe to the URL and refresh it. Events
are all-day: a due date or a meeting day, without a time; actions do not block
time (TRANSP:TRANSPARENT). The calendars are made from the portfolio as the
build's audience sees it, so they hold nothing the pages would not show.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kamgen.data.model import Account, Action, Meeting

PRODID = "-//kamgen//key account plans//EN"
# How often subscribers should fetch again (Outlook reads the X- form, the standard form others).
REFRESH = "PT12H"
# Control characters other than the line break, which TEXT may not hold (RFC 5545 3.3.11).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str
    categories: str
    busy: bool = False


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped, controls dropped."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def calendar(name: str, events: Iterable[Event], stamp: date) -> bytes:
    """The ``.ics`` file: one VCALENDAR of ``events``; ``stamp`` is the DTSTAMP (the build's today)."""
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}", f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}",
    ]  # fmt: skip
    for event in sorted(events, key=lambda e: (e.day, e.uid)):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp:%Y%m%d}T000000Z",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            f"CATEGORIES:{escape(event.categories)}",
            f"TRANSP:{'OPAQUE' if event.busy else 'TRANSPARENT'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


def _uid(*parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
    return f"{parts[0]}-{digest}@kamgen"


@dataclass(frozen=True)
class Labels:
    """Names and labels in the site's language."""

    gettext: Callable[[str], str]
    person: Callable[[str | None], str]


def account_events(account: Account, labels: Labels) -> Iterator[tuple[Event, tuple[str, ...]]]:
    """The account's open actions with a due date and its meetings, each with whose calendar it is on."""
    _ = labels.gettext
    actions: list[tuple[Action, str]] = [(a, _("Action")) for a in account.actions]
    actions += [(f, _("Follow-up")) for m in account.meetings for f in m.follow_ups]
    for number, (action, kind) in enumerate(actions):
        if action.status != "open" or action.due is None:
            continue
        description = f"{_('Account')}: {account.name}\n{_('Owner')}: {labels.person(action.owner)}"
        uid = _uid(account.id, "action", action.action, str(number))
        event = Event(uid, action.due, f"{action.action} — {account.name}", description, kind)
        yield event, (action.owner,) if action.owner else ()
    for meeting in account.meetings:
        yield _meeting(account, meeting, labels), tuple(meeting.attendees)


def _meeting(account: Account, meeting: Meeting, labels: Labels) -> Event:
    _ = labels.gettext
    names = [labels.person(p) if (s := account.stakeholder(p)) is None else s.name for p in meeting.attendees]
    lines = [f"{_('Attendees')}: {', '.join(names)}"]
    if meeting.decisions:
        lines += [f"{_('Decisions')}:", *(f"- {d}" for d in meeting.decisions)]
    summary = f"{_('Meeting')}: {account.name}"
    uid = _uid(account.id, "meeting", meeting.date.isoformat())
    return Event(uid, meeting.date, summary, "\n".join(lines), _("Meeting"), busy=True)


def calendars(
    accounts: Iterable[Account], people: Collection[str], labels: Labels
) -> tuple[dict[str, list[Event]], dict[str, list[Event]]]:
    """Events by account id, and by person (of ``people``): their actions and the meetings they attend.

    One pass over the portfolio: asking each person's events of every account would be quadratic.
    """
    by_account: dict[str, list[Event]] = {}
    by_person: dict[str, list[Event]] = {person: [] for person in people}
    for account in accounts:
        mine = by_account[account.id] = []
        for event, whose in account_events(account, labels):
            mine.append(event)
            for person in whose:
                if person in by_person:
                    by_person[person].append(event)
    return by_account, by_person


def calendar_path(folder: str, item_id: str) -> str:
    """Where the .ics of a person or account is: beside its page, ``people/<id>/<id>.ics``."""
    return f"{folder}/{item_id}/{item_id}.ics"
