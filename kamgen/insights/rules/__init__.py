"""Every alert rule of the method: declared in rules.yaml, checked by the functions of the modules here.

rules.yaml says, for each rule, its kind (the id), severity, title, why it
matters and the playbook section that says what to do, in the order alerts of
one severity are listed. Each module groups the checks of one part of the
method, every one registered with ``@check(kind)``. Add a rule by declaring it
in rules.yaml and writing its check in the module of its part.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from kamgen.insights.rules import contacts, coverage, deals, money, objectives, programme, promises, risks, service
from kamgen.insights.rules.base import CHECKS, Rule, Severity

MODULES = (
    contacts,
    coverage,
    deals,
    money,
    objectives,
    programme,
    promises,
    risks,
    service,
)  # each registers its checks
DECLARATIONS = Path(__file__).with_name("rules.yaml")


class Declared(BaseModel):
    """One rule of rules.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity
    title: str
    why: str
    playbook: str = Field(pattern=r"^playbooks/[a-z0-9-]+\.md#[a-z0-9-]+$")
    section: str
    always: bool = False


def _rules() -> tuple[Rule, ...]:
    text = DECLARATIONS.read_text(encoding="utf-8")
    declared = TypeAdapter(dict[str, Declared]).validate_python(yaml.load(text, Loader=yaml.CSafeLoader))
    unchecked, undeclared = declared.keys() - CHECKS.keys(), CHECKS.keys() - declared.keys()
    if unchecked or undeclared:
        raise ValueError(f"rules.yaml and the @check functions differ: no check for {sorted(unchecked)}, "
                         f"not declared {sorted(undeclared)}")  # fmt: skip
    return tuple(Rule(kind=kind, check=CHECKS[kind], **rule.model_dump()) for kind, rule in declared.items())


RULES: tuple[Rule, ...] = _rules()
RULES_BY_KIND: dict[str, Rule] = {r.kind: r for r in RULES}
