"""An example of every dossier field, for the format reference (docs/dossier-format.md).

Kept beside the models, not in them: the JSON Schema editors load stays small.
A test checks that every field has one and that each is valid for its field.
"""

from __future__ import annotations

# "Model.field" → what an editor writes after "field: " (YAML). Blocks are shown whole below.
FIELD_EXAMPLES: dict[str, str] = {
    "Team.people": "see [Person](#person)",
    "Person.id": "olena-koval",
    "Person.name": "Olena Koval",
    "Person.title": "Head of key accounts",
    "Person.level": "executive",
    "Person.email": "olena.koval@example.com",
    "Account.id": "acme-corp",
    "Account.name": "Acme Corp",
    "Account.industry": "Logistics",
    "Account.tier": "A",
    "Account.status": "active",
    "Account.owner": "olena-koval",
    "Account.since": "2019",
    "Account.revenue": "{2024: 210000, 2025: 250000}",
    "Account.potential": "400000",
    "Account.cost_to_serve": "60000",
    "Account.brand": "high",
    "Account.reference": "true",
    "Account.visibility": "internal",
    "Account.competitors": "see [Competitor](#competitor)",
    "Account.needs": "see [Need](#need)",
    "Account.decision_process": "see [DecisionStep](#decisionstep)",
    "Account.stakeholders": "see [Stakeholder](#stakeholder)",
    "Account.relationship_methods": "see [RelationshipMethods](#relationshipmethods)",
    "Account.risks": "see [Risk](#risk)",
    "Account.actions": "see [Action](#action)",
    "Account.meetings": "see [Meeting](#meeting)",
    "Account.vip_program": "see [VipProgram](#vipprogram)",
    "Account.notes": "Prefers short proposals; no calls on Fridays.",
    "Account.private": "{discount: 12%}",
    "Competitor.name": "Contoso",
    "Competitor.threat": "medium",
    "Need.unit": "Procurement",
    "Need.need": "Shorter delivery times",
    "DecisionStep.step": "signs",
    "DecisionStep.who": "[maria-lopez]",
    "Stakeholder.id": "maria-lopez",
    "Stakeholder.name": "Maria Lopez",
    "Stakeholder.title": "Chief financial officer",
    "Stakeholder.department": "Finance",
    "Stakeholder.level": "executive",
    "Stakeholder.reports_to": "jon-smith",
    "Stakeholder.roles": "[decision-maker, budget-holder]",
    "Stakeholder.influence": "4",
    "Stakeholder.attitude": "supporter",
    "Stakeholder.relationship": "3",
    "Stakeholder.counterpart": "olena-koval",
    "Stakeholder.interests": "[cost control, sailing]",
    "Stakeholder.information": "[quarterly cost report]",
    "Stakeholder.last_contact": "2026-10-14",
    "Stakeholder.contact": "see [Contact](#contact)",
    "Contact.email": "maria.lopez@acme.example",
    "Contact.phone": "+34 600 000 000",
    "RelationshipMethods.trust": "see [Method](#method)",
    "RelationshipMethods.technical_support": "see [Method](#method)",
    "RelationshipMethods.resource_support": "see [Method](#method)",
    "RelationshipMethods.service_levels": "see [Method](#method)",
    "RelationshipMethods.risk_reduction": "see [Method](#method)",
    "Method.method": "Monthly steering call",
    "Method.status": "active",
    "Method.cost": "5000",
    "Method.client_value": "high",
    "Risk.risk": "Our only contact may leave",
    "Risk.kind": "personnel",
    "Risk.likelihood": "medium",
    "Risk.impact": "high",
    "Risk.mitigation": "Meet a second person in finance",
    "Risk.owner": "olena-koval",
    "Action.action": "Send the proposal",
    "Action.owner": "olena-koval",
    "Action.due": "2026-12-01",
    "Action.status": "open",
    "Meeting.date": "2026-10-14",
    "Meeting.attendees": "[olena-koval, maria-lopez]",
    "Meeting.decisions": "[Send a proposal by December]",
    "Meeting.follow_ups": "see [Action](#action)",
    "VipProgram.assignee": "andriy-melnyk",
    "VipProgram.goals": "see [VipGoals](#vipgoals)",
    "VipGoals.relationships_renewed": "2026-03-01",
    "VipGoals.contacts_updated": "2026-03-01",
    "VipGoals.market_info": "2026-05-20",
    "VipGoals.feedback": "2026-06-10",
    "VipGoals.volume_growth": "2026-09-30",
    "VipGoals.cross_sell": "2026-10-01",
    "VipGoals.referrals": "2026-11-15",
    "Method.review": "2026-09-01",
    "Risk.review": "2027-01-15",
    "Account.deals": "see [Deal](#deal)",
    "Account.issues": "see [ServiceIssue](#serviceissue)",
    "Deal.what": "Warehouse automation, phase 2",
    "Deal.value": "120000",
    "Deal.stage": "proposal",
    "Deal.owner": "olena-koval",
    "Deal.next_step": "Present the proposal to the CFO",
    "Deal.next_step_date": "2026-12-05",
    "Deal.decision_due": "2027-02-28",
    "Deal.since": "2026-10-01",
    "ServiceIssue.issue": "Two late deliveries to the Lviv warehouse",
    "ServiceIssue.kind": "delivery",
    "ServiceIssue.opened": "2026-11-02",
    "ServiceIssue.resolved": "2026-11-10",
    "ServiceIssue.owner": "andriy-melnyk",
}

# A whole block, as it sits in a dossier, for each block that is written as a list item or a mapping.
BLOCK_EXAMPLES: dict[str, str] = {
    "Person": "people:\n  - id: olena-koval\n    name: Olena Koval\n    title: Head of key accounts\n"
    "    level: executive",
    "Competitor": "competitors:\n  - name: Contoso\n    threat: medium",
    "Need": "needs:\n  - unit: Procurement\n    need: Shorter delivery times",
    "DecisionStep": "decision_process:\n  - step: prepares\n    who: [jon-smith]\n  - step: signs\n"
    "    who: [maria-lopez]",
    "Stakeholder": "stakeholders:\n  - id: maria-lopez\n    name: Maria Lopez\n    title: Chief financial officer\n"
    "    department: Finance\n    level: executive\n    reports_to: jon-smith\n    roles: [decision-maker]\n"
    "    influence: 4\n    attitude: supporter\n    relationship: 3\n    counterpart: olena-koval\n"
    "    interests: [cost control]\n    information: [quarterly cost report]\n    last_contact: 2026-10-14\n"
    "    contact:\n      email: maria.lopez@acme.example",
    "Contact": "    contact:\n      email: maria.lopez@acme.example\n      phone: +34 600 000 000",
    "RelationshipMethods": "relationship_methods:\n  trust:\n    - method: Monthly steering call\n"
    "      status: active\n  service_levels:\n    - method: Next-day delivery\n      status: planned",
    "Method": "  trust:\n    - method: Monthly steering call\n      status: active\n      cost: 5000\n"
    "      client_value: high",
    "Risk": "risks:\n  - risk: Our only contact may leave\n    kind: personnel\n    likelihood: medium\n"
    "    impact: high\n    mitigation: Meet a second person in finance\n    owner: olena-koval",
    "Action": "actions:\n  - action: Send the proposal\n    owner: olena-koval\n    due: 2026-12-01\n    status: open",
    "Meeting": "meetings:\n  - date: 2026-10-14\n    attendees: [olena-koval, maria-lopez]\n"
    "    decisions: [Send a proposal by December]\n    follow_ups:\n      - action: Send the proposal\n"
    "        owner: olena-koval\n        due: 2026-12-01",
    "Deal": "deals:\n  - what: Warehouse automation, phase 2\n    value: 120000\n    stage: proposal\n"
    "    owner: olena-koval\n    next_step: Present the proposal to the CFO\n    next_step_date: 2026-12-05\n"
    "    decision_due: 2027-02-28\n    since: 2026-10-01",
    "ServiceIssue": "issues:\n  - issue: Two late deliveries to the Lviv warehouse\n    kind: delivery\n"
    "    opened: 2026-11-02\n    resolved: 2026-11-10\n    owner: andriy-melnyk",
    "VipProgram": "vip_program:\n  assignee: andriy-melnyk\n  goals:\n    relationships_renewed: 2026-03-01",
    "VipGoals": "  goals:\n    relationships_renewed: 2026-03-01\n    contacts_updated: 2026-03-01\n"
    "    feedback: null       # not yet",
}

# What an id field names: the people it must be one of.
ID_MEANING: dict[str, str] = {
    "Person.id": "an id: lowercase Latin letters, digits and `-`",
    "Account.id": "an id: lowercase Latin letters, digits and `-`",
    "Stakeholder.id": "an id: lowercase Latin letters, digits and `-`, unique in the dossier",
    "Account.owner": "a person's id from team.yaml",
    "Stakeholder.reports_to": "a stakeholder's id from this dossier (the client's people, not ours)",
    "Stakeholder.counterpart": "a person's id from team.yaml (our people)",
    "DecisionStep.who": "a list of stakeholders' ids (one id alone is fine too)",
    "Meeting.attendees": "a list of people's ids: stakeholders of this dossier or people in team.yaml",
    "Risk.owner": "a person's id from team.yaml",
    "Action.owner": "a person's id from team.yaml",
    "VipProgram.assignee": "a person's id from team.yaml",
    "Deal.owner": "a person's id from team.yaml",
    "ServiceIssue.owner": "a person's id from team.yaml",
}
