"""The people who decide: covered level by level (the comb), known, and on our side."""

from __future__ import annotations

from collections.abc import Iterator

from kamgen.data.model import LEVELS, Account
from kamgen.i18n import N_
from kamgen.insights.rules.base import HIGH_INFLUENCE, Colleagues, Context, Finding, Label, rule, who

GAPS, GAPS_SECTION = "playbooks/comb-principle.md#gaps", N_("Gaps")
KEY_PEOPLE, KEY_PEOPLE_SECTION = "playbooks/decision-process.md#key-people-against-us", N_("Key people against us")
WEAK_RELATIONSHIP = 2


@rule(
    "single-threaded",
    "high",
    title=N_("Single-threaded account"),
    why=N_(
        "If that person leaves or falls out with the client, the account goes too; "
        "the VIP programme says reassign or add people."
    ),
    playbook="playbooks/comb-principle.md#single-threaded-accounts",
    section=N_("Single-threaded accounts"),
)
def single_threaded(account: Account, ctx: Context) -> Iterator[Finding]:
    ours = [s.counterpart for s in account.stakeholders if s.counterpart]
    if len(ours) >= 2 and len(set(ours)) == 1:
        message = N_("%(person)s is the only person of ours the client knows: every relationship runs through them")
        yield Finding(message, {"person": Colleagues((ours[0],))}, ctx.vip_lead)


@rule(
    "uncovered-influencer",
    "medium",
    title=N_("Influential stakeholder without a counterpart"),
    why=N_("High-influence people shape the decision; if nobody of ours knows them, a competitor will."),
    playbook=GAPS,
    section=GAPS_SECTION,
)
def uncovered_influencers(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        if s.influence is not None and s.influence >= HIGH_INFLUENCE and s.counterpart is None:
            message = N_("%(who)s (influence %(influence)s of 5) has no counterpart on our side")
            yield Finding(message, {"who": who(s), "influence": s.influence})


@rule(
    "comb-gap",
    "medium",
    title=N_("Comb gap"),
    why=N_(
        "Each level trusts its peers: a specialist cannot cover a director, "
        "and an uncovered level is where surprises come from."
    ),
    playbook=GAPS,
    section=GAPS_SECTION,
)
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


@rule(
    "no-decision-maker",
    "medium",
    title=N_("Final decision maker unknown"),
    why=N_("Until we know who makes the final decision, every forecast for the account is a guess."),
    playbook="playbooks/decision-process.md#final-decision-maker-unknown",
    section=N_("Final decision maker unknown"),
)
def unknown_decision_maker(account: Account, ctx: Context) -> Iterator[Finding]:
    named = any("decision-maker" in s.roles for s in account.stakeholders)
    signs = any(step.step == "signs" and step.who for step in account.decision_process)
    if not named and not signs:
        yield Finding(N_("No stakeholder is marked as decision maker and nobody is recorded as signing"))


@rule(
    "hostile-key-person",
    "high",
    title=N_("Influential opponent"),
    why=N_("A person of weight who is against us can stop the decision at any level: win them over or neutralise."),
    playbook=KEY_PEOPLE,
    section=KEY_PEOPLE_SECTION,
)
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


@rule(
    "weak-decider",
    "medium",
    title=N_("Weak relationship with a decider"),
    why=N_("The top confirms what was agreed below, but only if it trusts us: a weak tie there is a risk to the deal."),
    playbook=KEY_PEOPLE,
    section=KEY_PEOPLE_SECTION,
)
def weak_deciders(account: Account, ctx: Context) -> Iterator[Finding]:
    for s in account.stakeholders:
        deciding = "decision-maker" in s.roles or "budget-holder" in s.roles
        if deciding and s.relationship is not None and s.relationship <= WEAK_RELATIONSHIP:
            message = N_("%(who)s decides or holds the budget; our relationship is %(relationship)s of 5")
            yield Finding(message, {"who": who(s), "relationship": s.relationship}, s.counterpart)


@rule(
    "unknown-signer",
    "high",
    title=N_("Nobody of ours knows the signer"),
    why=N_("The person who signs confirms the decision: if none of us knows them, we learn the outcome last."),
    playbook=KEY_PEOPLE,
    section=KEY_PEOPLE_SECTION,
)
def unknown_signers(account: Account, ctx: Context) -> Iterator[Finding]:
    signers = dict.fromkeys(who_id for step in account.decision_process if step.step == "signs" for who_id in step.who)
    for signer in signers:
        s = account.stakeholder(signer)
        if s is not None and s.counterpart is None:
            yield Finding(N_("%(who)s signs; nobody of ours is their counterpart"), {"who": who(s)})
