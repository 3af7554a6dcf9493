"""The people who decide: covered level by level (the comb), known, and on our side."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import LEVELS, Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import HIGH_INFLUENCE, Colleagues, Context, Finding, Label, check, who

WEAK_RELATIONSHIP = 2


@check("single-threaded")
def single_threaded(account: Account, ctx: Context) -> Iterator[Finding]:
    ours = [s.counterpart for s in account.stakeholders if s.counterpart]
    if len(ours) >= 2 and len(set(ours)) == 1:
        message = N_("%(person)s is the only person of ours the client knows: every relationship runs through them")
        yield Finding(message, {"person": Colleagues((ours[0],))}, ctx.vip_lead)


@check("uncovered-influencer")
def uncovered_influencers(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        if s.influence is not None and s.influence >= HIGH_INFLUENCE and s.counterpart is None:
            message = N_("%(who)s (influence %(influence)s of 5) has no counterpart on our side")
            yield Finding(message, {"who": who(s), "influence": s.influence})


@check("comb-gap")
def comb_gaps(account: Account, ctx: Context) -> Iterator[Finding]:
    """A level present at the client that none of our people of the same level covers."""
    team = ctx.portfolio.team
    for level in LEVELS:
        at_level = [s for s in account.stakeholders if s.level == level]
        ours = [s.counterpart for s in at_level if s.counterpart]
        if not at_level or any(team[c].level == level for c in ours if c in team):
            continue
        message = N_(
            "%(level)s level at the client (%(names)s) has nobody of the same level on our side; "
            "covered today by: %(covering)s"
        )
        names = ", ".join(s.name for s in at_level)
        yield Finding(
            message, {"level": Label(level), "names": names, "covering": Colleagues(tuple(dict.fromkeys(ours)))}
        )


@check("no-decision-maker")
def unknown_decision_maker(account: Account, ctx: Context) -> Iterator[Finding]:
    named = any("decision-maker" in s.roles for s in account.stakeholders)
    signs = any(step.step == "signs" and step.who for step in account.decision_process)
    if not named and not signs:
        yield Finding(N_("No stakeholder is marked as decision maker and nobody is recorded as signing"))


@check("hostile-key-person")
def hostile_key_people(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        if s.attitude in ("opponent", "skeptic") and s.influence is not None and s.influence >= HIGH_INFLUENCE:
            message = N_("%(who)s (influence %(influence)s of 5, attitude: %(attitude)s); covered by %(counterpart)s")
            counterpart = Colleagues((s.counterpart,) if s.counterpart else ())
            values = {
                "who": who(s),
                "influence": s.influence,
                "attitude": Label(s.attitude),
                "counterpart": counterpart,
            }
            yield Finding(message, values, s.counterpart)


@check("weak-decider")
def weak_deciders(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        deciding = "decision-maker" in s.roles or "budget-holder" in s.roles
        if deciding and s.relationship is not None and s.relationship <= WEAK_RELATIONSHIP:
            message = N_("%(who)s decides or holds the budget; our relationship is %(relationship)s of 5")
            yield Finding(message, {"who": who(s), "relationship": s.relationship}, s.counterpart)


@check("unknown-signer")
def unknown_signers(account: Account, ctx: Context) -> Iterator[Finding]:
    signers = dict.fromkeys(who_id for step in account.decision_process if step.step == "signs" for who_id in step.who)
    for signer in signers:
        s = account.stakeholder(signer)
        if s is not None and s.counterpart is None:
            yield Finding(N_("%(who)s signs; nobody of ours is their counterpart"), {"who": who(s)})
