"""The VIP programme across the portfolio: who leads it, each person's list, goal progress.

The programme (playbooks/vip-programme.md) keeps and grows existing clients: a
lead plans and checks the work, every client is on one employee's individual
list (``vip_program.assignee``), and each client has seven goals whose dates
the dossier records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


def enrolment(account: Account) -> Enrolment | None:
    if account.vip_program is None:
        return None
    goals = account.vip_program.goals
    reached = tuple((g, when) for g in VIP_GOALS if isinstance(when := getattr(goals, g), date))
    missing = tuple(g for g in VIP_GOALS if getattr(goals, g) is None)
    return Enrolment(account, reached, missing)


def programme(portfolio: Portfolio, figures: PortfolioFigures, lead: str | None) -> Programme:
    current = sorted(
        (a for a in portfolio.accounts if a.status in IN_PROGRAMME_STATUSES), key=lambda a: figures[a.id].rank
    )
    enrolled = [e for a in current if (e := enrolment(a)) is not None]
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
