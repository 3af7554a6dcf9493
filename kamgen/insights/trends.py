"""Is the account getting better or worse? Its health and its people, version by version, from git.

Each old version of a dossier (kamgen/data/history.py reads them all in one
pass) is validated like a current one and scored at the date of its commit,
so the trend is the same for the same history. A version that no longer
validates is skipped, never fatal: it only leaves a gap in the line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import NamedTuple

from pydantic import ValidationError

from kamgen.data.history import Change, Version
from kamgen.data.model import Account
from kamgen.data.yamlsource import YamlFileError, parse_text
from kamgen.insights.health import Inputs, health

# Versions scored per dossier, newest first: a longer line is unreadable as a sparkline, and the
# cost of a build must not grow with the age of the repository.
MAX_VERSIONS = 12


class Point(NamedTuple):
    day: date
    health: int


@dataclass(frozen=True)
class PersonChange:
    """``Jane Doe — relationship 2 → 3`` on the day of the commit that made it."""

    change: Change
    name: str
    field: str  # relationship | attitude | added
    before: str | int | None
    after: str | int | None


@dataclass(frozen=True)
class Trend:
    points: tuple[Point, ...] = ()
    """Health at each commit that changed the dossier, oldest first, then today's."""
    people: Mapping[str, tuple[tuple[date, int | None, str | None], ...]] = field(default_factory=dict)
    """Stakeholder id → (day, relationship, attitude) at each version, oldest first, then today's."""
    changes: tuple[PersonChange, ...] = ()
    """Stakeholder changes between versions, newest first."""
    done: tuple[tuple[Change, str], ...] = ()
    """Actions that a commit marked done: (that commit, the action)."""

    @property
    def previous(self) -> Point | None:
        """What today is compared with: the version before the latest change (or the only one)."""
        return self.points[-3] if len(self.points) >= 3 else self.points[0] if len(self.points) == 2 else None

    @property
    def direction(self) -> int:
        """+1, -1 or 0: today's health against :attr:`previous`."""
        before = self.previous
        if before is None:
            return 0
        now = self.points[-1].health
        return (now > before.health) - (now < before.health)


def _account(version: Version) -> Account | None:
    try:
        data = parse_text(version.text)
        if not isinstance(data, dict):
            return None
        return Account.model_validate(data)
    except (YamlFileError, ValidationError, ValueError, TypeError):
        return None


def trend(versions: Sequence[Version], current: Account, inputs: Inputs, today: date) -> Trend:
    """The account's trend from its versions (newest first, as git lists them) and today's dossier."""
    recent = list(reversed(versions[:MAX_VERSIONS]))
    dated = [(v.change, a) for v in recent if (a := _account(v)) is not None]
    points = [Point(change.date, health(a, replace(inputs, today=change.date)).score) for change, a in dated]
    points.append(Point(today, health(current, replace(inputs, today=today)).score))
    people: dict[str, list[tuple[date, int | None, str | None]]] = {}
    for day, account in [*((c.date, a) for c, a in dated), (today, current)]:
        for s in account.stakeholders:
            people.setdefault(s.id, []).append((day, s.relationship, s.attitude))
    changes: list[PersonChange] = []
    done: list[tuple[Change, str]] = []
    for (_, before), (change, after) in pairwise(dated):
        changes.extend(_person_changes(change, before, after))
        was_done = {a.action for a in before.actions if a.status == "done"}
        done.extend((change, a.action) for a in after.actions if a.status == "done" and a.action not in was_done)
    return Trend(
        tuple(points), {k: tuple(v) for k, v in people.items()}, tuple(reversed(changes)), tuple(reversed(done))
    )


def _person_changes(change: Change, before: Account, after: Account) -> list[PersonChange]:
    old = {s.id: s for s in before.stakeholders}
    out: list[PersonChange] = []
    for s in after.stakeholders:
        was = old.get(s.id)
        if was is None:
            out.append(PersonChange(change, s.name, "added", None, None))
            continue
        if was.relationship != s.relationship:
            out.append(PersonChange(change, s.name, "relationship", was.relationship, s.relationship))
        if was.attitude != s.attitude:
            out.append(PersonChange(change, s.name, "attitude", was.attitude, s.attitude))
    return out
