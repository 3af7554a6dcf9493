"""The top of an account plan: what to do next and whom to call, for a reader with two minutes.

Both lists are short on purpose (``limit``); the plan's own sections hold
everything else.
"""

from __future__ import annotations

from datetime import date

from kamgen.data.model import Account, Action, Stakeholder
from kamgen.insights.rules.base import HIGH_INFLUENCE

BRIEF_SIZE = 3


def next_actions(account: Account, today: date, limit: int = BRIEF_SIZE) -> list[Action]:
    """Open actions and meeting follow-ups, overdue and soonest due first; undated ones last."""
    follow_ups = [f for m in account.meetings for f in m.follow_ups]
    open_ = [a for a in [*account.actions, *follow_ups] if a.status == "open"]
    open_.sort(key=lambda a: (a.due is None, a.due or today))
    return open_[:limit]


def who_to_call(account: Account, limit: int = BRIEF_SIZE) -> list[Stakeholder]:
    """The influential people we have spoken to least recently, gaps first.

    A gap (influence 4 or 5 and nobody of ours covers them) is the call nobody
    else will make; then the influential people, longest silence first; the
    others only when fewer than ``limit`` people are influential.
    """

    def urgency(s: Stakeholder) -> tuple[bool, bool, date]:
        influential = (s.influence or 0) >= HIGH_INFLUENCE
        return (not (influential and s.counterpart is None), not influential, s.last_contact or date.min)

    return sorted(account.stakeholders, key=urgency)[:limit]
