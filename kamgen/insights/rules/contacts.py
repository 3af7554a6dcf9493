"""Staying in touch: contacts gone cold, the rhythm per stakeholder, and contact spent in the wrong place."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kamgen.data.model import Account, Stakeholder
from kamgen.i18n import N_
from kamgen.insights.rules.base import HIGH_INFLUENCE, Colleagues, Context, Finding, check, days_since, who

KEY_ROLES = ("decision-maker", "budget-holder", "coach")
DECIDING_ROLES = ("decision-maker", "budget-holder")
# Prospects are not clients yet: the method says wait and build relationships, at no fixed rhythm.
CLIENT_STATUSES = ("active", "at-risk", None)
# A low-influence person met this often in a year, and more than twice as often as any decision maker.
IMBALANCE_MEETINGS, IMBALANCE_FACTOR, LOW_INFLUENCE = 3, 2, 2


def _counterpart(s: Stakeholder) -> Colleagues:
    return Colleagues((s.counterpart,) if s.counterpart else ())


@check("stale-contact")
def stale_contacts(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        if s.last_contact is None or days_since(s.last_contact, ctx) <= ctx.stale_after_days:
            continue
        covered = N_("%(who)s — last contact %(last)s; covered by %(counterpart)s")
        uncovered = N_("%(who)s — last contact %(last)s; nobody of ours covers them")
        values = {"who": who(s), "last": s.last_contact, "counterpart": _counterpart(s)}
        yield Finding(covered if s.counterpart else uncovered, values, s.counterpart)


def rhythm_days(s: Stakeholder, ctx: Context) -> int:
    """Days between contacts this person's weight calls for (the playbook's table)."""
    rhythm = ctx.options.contact_rhythm
    if any(role in KEY_ROLES for role in s.roles):
        return rhythm.key_people
    if s.influence is not None and s.influence >= HIGH_INFLUENCE:
        return rhythm.influential
    return rhythm.others


@check("contact-rhythm")
def contact_rhythm(account: Account, ctx: Context) -> Iterator[Finding]:
    if account.status not in CLIENT_STATUSES:
        return
    for s in account.stakeholders:
        if s.last_contact is None:
            continue
        days, every = days_since(s.last_contact, ctx), rhythm_days(s, ctx)
        # Past stale_after_days the contact has gone cold: that alert says it already.
        if every < days <= ctx.stale_after_days:
            message = N_(
                "%(who)s — last contact %(last)s, %(days)s days ago; their role calls for every %(every)s days"
            )
            values = {"who": who(s), "last": s.last_contact, "days": days, "every": every}
            yield Finding(message, values, s.counterpart)


@check("contact-imbalance")
def contact_imbalance(account: Account, ctx: Context) -> Iterator[Finding]:
    met = Counter(
        person for m in account.meetings if days_since(m.date, ctx) <= 365 for person in dict.fromkeys(m.attendees)
    )
    deciders = [s for s in account.stakeholders if any(role in DECIDING_ROLES for role in s.roles)]
    if not deciders:
        return  # "final decision maker unknown" says what to do first
    most = max(met[s.id] for s in deciders)
    for s in account.stakeholders:
        low = s.influence is not None and s.influence <= LOW_INFLUENCE and s not in deciders
        if low and met[s.id] >= IMBALANCE_MEETINGS and met[s.id] > IMBALANCE_FACTOR * most:
            message = N_(
                "%(who)s (influence %(influence)s of 5) was at %(count)s meetings in the last year; "
                "the decision makers (%(deciders)s) at %(most)s at most"
            )
            names = ", ".join(d.name for d in deciders)
            values = {"who": who(s), "influence": s.influence, "count": met[s.id], "deciders": names, "most": most}
            yield Finding(message, values)


@check("no-contact-date")
def missing_contact_dates(account: Account, ctx: Context) -> Iterator[Finding]:
    names = [s.name for s in account.stakeholders if s.last_contact is None]
    if names:
        yield Finding(N_("No last contact date for %(names)s"), {"names": ", ".join(names)})
