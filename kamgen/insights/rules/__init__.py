"""Every alert rule of the method, in the order their alerts are listed within one severity.

Each module groups the rules about one part of the method; each rule is a
:class:`~kamgen.insights.rules.base.Rule` (kind, severity, title, why, playbook
section, check). Add a rule by declaring it in its module and listing it here.
"""

from __future__ import annotations

from kamgen.insights.rules import contacts, coverage, deals, money, objectives, promises, risks, service, vip
from kamgen.insights.rules.base import Rule

RULES: tuple[Rule, ...] = (
    promises.overdue_actions,
    promises.overdue_follow_ups,
    money.falling_revenue,
    money.loss_making,
    money.competitor_threat,
    coverage.single_threaded,
    coverage.uncovered_influencers,
    coverage.comb_gaps,
    coverage.unknown_decision_maker,
    contacts.stale_contacts,
    money.tier_below_class,
    money.tier_above_class,
    contacts.missing_contact_dates,
    # The method's rules (issue 22), after the first ones so that their alerts keep their places.
    risks.unmanaged_risks,
    risks.at_risk_without_risks,
    coverage.hostile_key_people,
    coverage.unknown_signers,
    vip.monopolised,
    deals.stalled_deals,
    service.open_issues,
    risks.risk_reviews,
    contacts.contact_rhythm,
    coverage.weak_deciders,
    deals.deals_without_next_step,
    deals.overdue_decisions,
    service.meeting_rhythm,
    money.costly_methods,
    vip.unconfirmed_contact_update,
    money.missing_revenue_year,
    contacts.contact_imbalance,
    money.methods_to_review,
    vip.lapsed_goals,
    # Planning (issue 18).
    objectives.overdue_objectives,
    objectives.objectives_behind,
)
RULES_BY_KIND: dict[str, Rule] = {r.kind: r for r in RULES}
