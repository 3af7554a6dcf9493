"""The VIP programme across the portfolio: who leads it, each person's list, goal progress.

The programme (playbooks/vip-programme.md) keeps and grows existing clients: a
lead plans and checks the work, every client is on one employee's individual
list (``vip_program.assignee``), and each client has seven goals whose dates
the dossier records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kamgen.data.diagnose import did_you_mean
from kamgen.data.load import Portfolio
from kamgen.data.model import VIP_GOALS, Account, Person
from kamgen.errors import ConfigError
from kamgen.insights.analysis import PortfolioFigures

# Prospects are not clients yet and released clients are gone: the programme
# is for the clients we have.
IN_PROGRAMME_STATUSES = ("active", "at-risk", None)


@dataclass(frozen=True)
class Enrolment:
    """One client in the programme and how far its seven goals are."""

    account: Account
    reached: tuple[tuple[str, date], ...]
    missing: tuple[str, ...]

    @property
    def assignee(self) -> str | None:
        return self.account.vip_program.assignee if self.account.vip_program else None

    @property
    def next_goal(self) -> str | None:
        """The first goal not reached yet: the method works them in order."""
        return self.missing[0] if self.missing else None

    @property
    def last_progress(self) -> date | None:
        return max((when for _, when in self.reached), default=None)


@dataclass(frozen=True)
class GoalProgress:
    goal: str
    reached: tuple[Account, ...]
    missing: tuple[Account, ...]


@dataclass(frozen=True)
class Programme:
    lead: str | None
    lists: tuple[tuple[str | None, tuple[Enrolment, ...]], ...]
    """Each assignee (None: nobody assigned yet) with their clients, biggest first."""
    outside: tuple[Account, ...]
    """Current clients not in the programme yet."""
    goals: tuple[GoalProgress, ...]

    @property
    def enrolled(self) -> tuple[Enrolment, ...]:
        return tuple(e for _, enrolments in self.lists for e in enrolments)


def enrolment(account: Account, round_start: date | None = None) -> Enrolment | None:
    """The account's goals; one reached before ``round_start`` is due again (the programme works in rounds)."""
    if account.vip_program is None:
        return None
    goals = account.vip_program.goals
    dates = {g: getattr(goals, g) for g in VIP_GOALS}
    current = {g: d for g, d in dates.items() if d is not None and (round_start is None or d >= round_start)}
    reached = tuple(current.items())
    missing = tuple(g for g in VIP_GOALS if g not in current)
    return Enrolment(account, reached, missing)


def round_start(today: date, round_days: int) -> date:
    """First day of the current VIP round: a goal reached before it counts for an earlier round."""
    return today - timedelta(days=round_days)


def programme(
    portfolio: Portfolio, figures: PortfolioFigures, lead: str | None, since: date | None = None
) -> Programme:
    current = sorted(
        (a for a in portfolio.accounts if a.status in IN_PROGRAMME_STATUSES), key=lambda a: figures[a.id].rank
    )
    enrolled = [e for a in current if (e := enrolment(a, since)) is not None]
    by_person: dict[str | None, list[Enrolment]] = {}
    for e in enrolled:
        by_person.setdefault(e.assignee, []).append(e)

    def person_order(person_id: str | None) -> tuple[bool, str]:
        person = portfolio.team.get(person_id or "")
        return (person is None, person.name if person else "")

    lists = tuple((pid, tuple(by_person[pid])) for pid in sorted(by_person, key=person_order))
    goals = tuple(
        GoalProgress(
            goal,
            tuple(e.account for e in enrolled if goal not in e.missing),
            tuple(e.account for e in enrolled if goal in e.missing),
        )
        for goal in VIP_GOALS
    )
    outside = tuple(a for a in current if a.vip_program is None)
    return Programme(lead, lists, outside, goals)


def check_lead(lead: str | None, team: dict[str, Person]) -> None:
    """The ``vip_lead`` option must name a person of team.yaml."""
    if lead is not None and lead not in team:
        raise ConfigError(
            f"mkdocs.yml: plugins.kamgen.vip_lead: '{lead}' is not a person in team.yaml"
            f"{did_you_mean(lead, team)} (fix the id or add the person)"
        )
