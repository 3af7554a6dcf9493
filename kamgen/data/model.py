"""The dossier schema: the one declaration of what editors may write.

Validation, the JSON Schema for editors and the format docs all come from
these models. Field names are a public contract (see docs/dossier-format);
add fields, never rename them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"

Level = Literal["executive", "manager", "specialist"]
LEVELS: tuple[Level, ...] = ("executive", "manager", "specialist")
Tier = Literal["A", "B", "C"]
Status = Literal["prospect", "active", "at-risk", "released"]
Rating = Literal["high", "medium", "low"]
Role = Literal[
    "initiator",
    "user",
    "influencer",
    "decision-maker",
    "approver",
    "budget-holder",
    "gatekeeper",
    "coach",
]
Attitude = Literal["champion", "supporter", "neutral", "skeptic", "opponent"]
ATTITUDES: tuple[Attitude, ...] = ("champion", "supporter", "neutral", "skeptic", "opponent")
Step = Literal["prepares", "approves", "signs", "budgets"]
STEPS: tuple[Step, ...] = ("prepares", "approves", "signs", "budgets")
MethodStatus = Literal["active", "planned", "dropped"]
RiskKind = Literal["personnel", "restructuring", "conflict", "competitor", "contract", "other"]
ActionStatus = Literal["open", "done", "dropped"]
Visibility = Literal["internal", "restricted"]
DealStage = Literal["interest", "proposal", "negotiation", "decision", "won", "lost", "stalled"]
DEAL_STAGES: tuple[DealStage, ...] = ("interest", "proposal", "negotiation", "decision", "won", "lost", "stalled")
OPEN_DEAL_STAGES: tuple[DealStage, ...] = ("interest", "proposal", "negotiation", "decision", "stalled")
IssueKind = Literal["complaint", "delivery", "quality"]
WhitespaceStatus = Literal["in-use", "pilot", "opportunity", "competitor", "not-a-fit"]


def _as_list(value: Any) -> Any:
    """Editors write ``who: olga`` as often as ``who: [olga]``; an empty key means none."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [value]
    return value


# Invisible characters that reorder how text is shown (bidi embeddings, overrides, isolates):
# in a name they make one person or client look like another, in a list or a terminal.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _no_bidi_controls(value: str) -> str:
    found = BIDI_CONTROLS.search(value)
    if found:
        raise ValueError(
            f"contains the invisible Unicode control U+{ord(found.group(0)):04X}, which changes how "
            "the text is shown; delete it (retype the name)"
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1), AfterValidator(_no_bidi_controls)]
# Far above any client's revenue (a quadrillion), far below where sums of 10,000 accounts overflow.
MONEY_MAX = 10**15
Money = Annotated[float, Field(ge=0, le=MONEY_MAX, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Score = Annotated[int, Field(ge=1, le=5)]


def ListOf(item: Any) -> Any:  # noqa: N802 - reads like a type in the models below
    return Annotated[list[item], BeforeValidator(_as_list), Field(default_factory=list)]


class Record(BaseModel):
    """Base of every dossier block: unknown keys are kept and reported as warnings."""

    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True, frozen=True, use_attribute_docstrings=True)
    # Blocks whose extra keys are expected (no "unknown field" warning).
    free_form: ClassVar[bool] = False


class Person(Record):
    """One of our own people (team.yaml)."""

    id: Id
    name: Name
    title: str | None = None
    level: Level | None = None
    email: str | None = None


class Team(Record):
    people: ListOf(Person)  # type: ignore[valid-type]


class Competitor(Record):
    name: Name
    threat: Rating | None = None


class Need(Record):
    unit: str | None = None
    need: Text


class DecisionStep(Record):
    step: Step
    who: ListOf(Id)  # type: ignore[valid-type]


class Contact(Record):
    free_form: ClassVar[bool] = True

    email: str | None = None
    phone: str | None = None


class Stakeholder(Record):
    id: Id
    name: Name
    crm_id: str | None = None
    """The contact's id in the CRM it was imported from (``kamgen import`` matches on it)."""
    title: str | None = None
    department: str | None = None
    level: Level | None = None
    reports_to: Id | None = None
    """Another stakeholder id in this account."""
    roles: ListOf(Role)  # type: ignore[valid-type]
    influence: Score | None = None
    """1 (little) to 5 (decisive)."""
    attitude: Attitude | None = None
    relationship: Score | None = None
    """Strength of our personal relationship, 1 to 5."""
    counterpart: Id | None = None
    """Our person who covers them (a team.yaml id), ideally at the same level."""
    interests: ListOf(str)  # type: ignore[valid-type]
    information: ListOf(str)  # type: ignore[valid-type]
    """What this person should receive, and only that."""
    last_contact: date | None = None
    contact: Contact | None = None
    """Sensitive: never in an internal-audience build."""


class Method(Record):
    method: Text
    status: MethodStatus | None = None
    cost: Money | None = None
    """Annual cost, including managers' time."""
    client_value: Rating | None = None
    """How much this client values the method."""
    review: date | None = None
    """When the method's cost was last weighed against its value (a task after six months)."""


class RelationshipMethods(Record):
    """The five ways to build relationships with a key client."""

    trust: ListOf(Method)  # type: ignore[valid-type]
    technical_support: ListOf(Method)  # type: ignore[valid-type]
    resource_support: ListOf(Method)  # type: ignore[valid-type]
    service_levels: ListOf(Method)  # type: ignore[valid-type]
    risk_reduction: ListOf(Method)  # type: ignore[valid-type]


WAYS: tuple[str, ...] = tuple(RelationshipMethods.model_fields)


class Risk(Record):
    risk: Text
    kind: RiskKind | None = None
    likelihood: Rating | None = None
    impact: Rating | None = None
    mitigation: str | None = None
    owner: Id | None = None
    review: date | None = None
    """When to look at the risk again; an alert once the date has passed."""


class Deal(Record):
    """One sale in progress, run as a mini-project."""

    what: Text
    """What we are selling (write it first in the block: the stage history is read from git by it)."""
    value: Money | None = None
    """Expected revenue of the deal, in the portfolio currency."""
    stage: DealStage = "interest"
    """Where the deal is: interest → proposal → negotiation → decision → won / lost; `stalled` when stuck."""
    owner: Id | None = None
    """Our person who runs the deal (a team.yaml id); default: the key account manager."""
    next_step: str | None = None
    """The next step agreed with the client."""
    next_step_date: date | None = None
    """When the next step is due."""
    decision_due: date | None = None
    """When the client is expected to decide."""
    since: date | None = None
    """When the deal reached its current stage; git history, where it shows a later move, wins."""


class ServiceIssue(Record):
    """A complaint, delivery or quality problem, and how fast it was resolved."""

    issue: Text
    kind: IssueKind = "complaint"
    opened: date
    resolved: date | None = None
    """Empty while the issue is open."""
    owner: Id | None = None
    """Who resolves it (a team.yaml id); default: the key account manager."""


class Action(Record):
    action: Text
    owner: Id | None = None
    due: date | None = None
    status: ActionStatus = "open"
    objective: Id | None = None
    """The objective (an id in this account's ``objectives``) this action moves forward."""


class Meeting(Record):
    date: date
    attendees: ListOf(Id)  # type: ignore[valid-type]
    decisions: ListOf(str)  # type: ignore[valid-type]
    follow_ups: ListOf(Action)  # type: ignore[valid-type]


class VipGoals(Record):
    """Goal → the date it was reached (absent or null: not yet)."""

    relationships_renewed: date | None = None
    contacts_updated: date | None = None
    market_info: date | None = None
    feedback: date | None = None
    volume_growth: date | None = None
    cross_sell: date | None = None
    referrals: date | None = None


VIP_GOALS: tuple[str, ...] = tuple(VipGoals.model_fields)


class VipProgram(Record):
    assignee: Id | None = None
    goals: VipGoals = Field(default_factory=lambda: VipGoals())


class Objective(Record):
    """A goal for the client with a measure: progress runs from ``baseline`` to ``target``."""

    id: Id
    objective: Text
    metric: str | None = None
    """What is measured, e.g. "annual revenue, EUR" or "sites using the platform"."""
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    start: date | None = None
    """When the baseline was measured: the straight-line path to the target starts here."""
    due: date | None = None
    owner: Id | None = None


class WhitespaceCell(Record):
    """One offering of ours (a catalogue id from the plugin's ``offerings``) at one business unit."""

    offering: Id
    unit: Text
    status: WhitespaceStatus
    value: Money | None = None
    """Expected annual value of an open opportunity."""
    competitor: str | None = None
    note: str | None = None


class Swot(Record):
    """Our position at the client."""

    strengths: ListOf(str)  # type: ignore[valid-type]
    weaknesses: ListOf(str)  # type: ignore[valid-type]
    opportunities: ListOf(str)  # type: ignore[valid-type]
    threats: ListOf(str)  # type: ignore[valid-type]


class Account(Record):
    """One key client: the contents of ``accounts/<id>.yaml``."""

    id: Id = Field(
        default="",
        description="Optional; must equal the file name's stem, which is the account id.",
    )
    name: Name
    """The client company's name as readers know it."""
    crm_id: str | None = None
    """The company's id in the CRM it was imported from (``kamgen import`` matches on it)."""
    industry: str | None = None
    tier: Tier | None = None
    """ABC class as decided by sales (the computed Pareto class is shown beside it)."""
    status: Status | None = None
    owner: Id
    """The key account manager who coordinates the account (a team.yaml id)."""
    since: Year | None = None
    """First year of business together."""
    revenue: dict[Year, Money] = Field(default_factory=dict)
    """Our revenue from this client per year, in the portfolio currency."""
    potential: Money | None = None
    """Expected achievable annual revenue."""
    cost_to_serve: Money | None = None
    """Annual cost of serving the client, for the profitability check."""
    brand: Rating | None = None
    """How well known the client's name is."""
    reference: bool | None = None
    """The client agreed to be used as a public reference."""
    visibility: Visibility = "internal"
    """`restricted` accounts appear only in a restricted-audience build."""
    competitors: ListOf(Competitor)  # type: ignore[valid-type]
    needs: ListOf(Need)  # type: ignore[valid-type]
    decision_process: ListOf(DecisionStep)  # type: ignore[valid-type]
    stakeholders: ListOf(Stakeholder)  # type: ignore[valid-type]
    relationship_methods: RelationshipMethods = Field(default_factory=lambda: RelationshipMethods.model_validate({}))
    risks: ListOf(Risk)  # type: ignore[valid-type]
    actions: ListOf(Action)  # type: ignore[valid-type]
    meetings: ListOf(Meeting)  # type: ignore[valid-type]
    vip_program: VipProgram | None = None
    deals: ListOf(Deal)  # type: ignore[valid-type]
    issues: ListOf(ServiceIssue)  # type: ignore[valid-type]
    """Complaints, delivery and quality problems, open and resolved."""
    objectives: ListOf(Objective)  # type: ignore[valid-type]
    whitespace: ListOf(WhitespaceCell)  # type: ignore[valid-type]
    swot: Swot | None = None
    notes: str | None = None
    """Free Markdown; raw HTML and unsafe links are removed."""
    private: dict[str, Any] | None = None
    """Free-form; shown only in a restricted-audience build."""

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.id == stakeholder_id), None)
