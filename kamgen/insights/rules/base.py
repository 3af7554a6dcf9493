"""The one shape of an alert rule: a check that yields findings, and what every alert of it shares.

A rule is declared once, in rules.yaml, with its kind (the id), severity,
title, why it matters and the playbook section that says what to do; its
check, registered here with ``@check(kind)``, only says which findings the
dossier holds. The texts are English msgids, translated when the alert is
made, with the gettext function of the build.
Dossier values travel apart in ``values`` and are escaped when the message is
rendered (kamgen/render/alert_text.py), never formatted into the text here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kamgen.config import KamgenOptions
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Stakeholder
from kamgen.insights.analysis import PortfolioFigures

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
HIGH_INFLUENCE = 4


@dataclass(frozen=True)
class Money:
    amount: float


@dataclass(frozen=True)
class Colleagues:
    """Our own people (team.yaml ids), shown as links to their pages."""

    ids: tuple[str, ...]


@dataclass(frozen=True, init=False)
class Label:
    """Values of one of the model's enums, shown as their translated labels separated by commas."""

    values: tuple[str, ...]

    def __init__(self, *values: str) -> None:
        object.__setattr__(self, "values", values)


Value = str | int | date | Money | Colleagues | Label | None


@dataclass(frozen=True)
class Alert:
    kind: str
    account_id: str
    severity: Severity
    title: str
    message: str
    """Translated text with ``%(name)s`` placeholders for ``values``."""
    why: str
    """One sentence: why it matters."""
    playbook: str
    """Docs path and anchor of the playbook section that says what to do."""
    playbook_section: str
    """That section's heading, as the link's text."""
    responsible: str | None
    """Who should act on it (a team.yaml id)."""
    values: Mapping[str, Value] = field(default_factory=dict)

    @property
    def level(self) -> int:
        """0 for high, 1 for medium, 2 for low: sorts the most severe first."""
        return SEVERITIES.index(self.severity)


def _untranslated(message: str) -> str:
    return message


@dataclass(frozen=True)
class Context:
    portfolio: Portfolio
    figures: PortfolioFigures
    today: date
    stale_after_days: int = 180
    vip_lead: str | None = None
    gettext: Callable[[str], str] = _untranslated
    options: KamgenOptions = field(default_factory=KamgenOptions)
    """The thresholds of the method rules (contact and meeting rhythm, service level, …)."""
    stage_moves: Mapping[str, Mapping[str, date]] = field(default_factory=dict)
    """Account id → deal (its ``what``) → the day git saw its stage move to the current one."""


@dataclass(frozen=True)
class Finding:
    """One thing a rule found in a dossier: the message (an ``N_`` msgid) and its values."""

    message: str
    values: Mapping[str, Value] = field(default_factory=dict)
    responsible: str | None = None
    """Who acts; default: the account's key account manager."""
    why: str | None = None
    """Replaces the rule's reason when this finding needs another one (an ``N_`` msgid)."""


Check = Callable[[Account, Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    kind: str
    severity: Severity
    title: str
    why: str
    playbook: str
    """Docs path and anchor, e.g. ``playbooks/coordination.md#overdue-actions``."""
    section: str
    check: Check
    always: bool = False
    """Also for released accounts (whose relationship rules are moot)."""

    def __call__(self, account: Account, ctx: Context) -> Iterator[Alert]:
        _ = ctx.gettext
        for found in self.check(account, ctx):
            yield Alert(
                kind=self.kind,
                account_id=account.id,
                severity=self.severity,
                title=_(self.title),
                message=_(found.message),
                why=_(found.why or self.why),
                playbook=self.playbook,
                playbook_section=_(self.section),
                responsible=found.responsible or account.owner,
                values=found.values,
            )


CHECKS: dict[str, Check] = {}
"""Rule kind → its check, filled by the ``@check`` decorators of the rule modules."""


def check(kind: str) -> Callable[[Check], Check]:
    """Register a check for the rule of ``kind`` declared in rules.yaml: ``@check("overdue-action")``."""

    def register(found: Check) -> Check:
        if kind in CHECKS:
            raise ValueError(f"two checks for the alert rule {kind!r}: {CHECKS[kind].__name__}, {found.__name__}")
        CHECKS[kind] = found
        return found

    return register


def who(stakeholder: Stakeholder) -> str:
    return f"{stakeholder.name}, {stakeholder.title}" if stakeholder.title else stakeholder.name


def days_since(day: date, ctx: Context) -> int:
    return (ctx.today - day).days
