"""Cross-check the people a dossier names: our team (team.yaml) and its own stakeholders.

The checks read the parsed data, not the validated record, so that a dossier
with a field error still gets every reference checked that can be: a value
that is not an id at all was already reported by the schema and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from datetime import date
from typing import Any

from kamgen.data.diagnose import did_you_mean
from kamgen.data.model import ID_PATTERN
from kamgen.data.yamlsource import Loc

Report = Callable[[Loc, str], None]
_ID = re.compile(ID_PATTERN)


def _id(value: Any) -> str | None:
    """``value`` as an id, when it is one (numbers count: the schema reads them as text)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value)
    return text if _ID.match(text) else None


def _items(data: Any, *keys: str) -> Iterator[tuple[Loc, dict[Any, Any]]]:
    """The mappings of the list at ``data[keys…]``, with their places."""
    node = data
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, list):
        for i, item in enumerate(node):
            if isinstance(item, dict):
                yield (*keys, i), item


def _ids(item: dict[Any, Any], key: str, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """The ids of a one-or-many field (``who: olga`` or ``who: [olga, petro]``)."""
    value = item.get(key)
    if isinstance(value, list):
        for j, one in enumerate(value):
            if (found := _id(one)) is not None:
                yield (*loc, key, j), found
    elif (found := _id(value)) is not None:
        yield (*loc, key), found


def cross_check(data: Any, team: Collection[str], report: Report) -> None:
    """Report every reference in the dossier ``data`` to a person who is not there."""
    if not isinstance(data, dict):
        return
    stakeholders = list(_items(data, "stakeholders"))
    stakeholder_ids = [found for _, s in stakeholders if (found := _id(s.get("id"))) is not None]

    def team_ref(loc: Loc, value: Any) -> None:
        found = _id(value)
        if found is not None and found not in team:
            hint = did_you_mean(found, team)
            report(loc, f"'{found}' is not a person in team.yaml{hint} (fix the id or add the person)")

    def stakeholder_ref(loc: Loc, value: str, also: Collection[str] = ()) -> None:
        if value in stakeholder_ids or value in also:
            return
        what = "a stakeholder of this account or a person in team.yaml" if also else "a stakeholder of this account"
        report(loc, f"'{value}' is not {what}{did_you_mean(value, [*stakeholder_ids, *also])}")

    team_ref(("owner",), data.get("owner"))
    _check_stakeholders(stakeholders, team, team_ref, stakeholder_ref, report)
    for loc, step in _items(data, "decision_process"):
        for where, who in _ids(step, "who", loc):
            stakeholder_ref(where, who)
    for loc, risk in _items(data, "risks"):
        team_ref((*loc, "owner"), risk.get("owner"))
    for loc, action in _items(data, "actions"):
        team_ref((*loc, "owner"), action.get("owner"))
    for loc, meeting in _items(data, "meetings"):
        for where, who in _ids(meeting, "attendees", loc):
            stakeholder_ref(where, who, also=team)
        for j, follow_up in enumerate(meeting.get("follow_ups") or []):
            if isinstance(follow_up, dict):
                team_ref((*loc, "follow_ups", j, "owner"), follow_up.get("owner"))
    vip = data.get("vip_program")
    if isinstance(vip, dict):
        team_ref(("vip_program", "assignee"), vip.get("assignee"))
    objective_ids = [found for _, o in _items(data, "objectives") if (found := _id(o.get("id"))) is not None]
    for loc, objective in _items(data, "objectives"):
        team_ref((*loc, "owner"), objective.get("owner"))
    for loc, action in _items(data, "actions"):
        aim = _id(action.get("objective"))
        if aim is not None and aim not in objective_ids:
            hint = did_you_mean(aim, objective_ids)
            report((*loc, "objective"), f"'{aim}' is not an objective of this account{hint}")
    for loc, deal in _items(data, "deals"):
        team_ref((*loc, "owner"), deal.get("owner"))
    for loc, issue in _items(data, "issues"):
        team_ref((*loc, "owner"), issue.get("owner"))
        opened, resolved = issue.get("opened"), issue.get("resolved")
        if isinstance(opened, date) and isinstance(resolved, date) and resolved < opened:
            report((*loc, "resolved"), "resolved before it was opened; check both dates")
    _check_cycles(stakeholders, report)


def _check_stakeholders(
    stakeholders: list[tuple[Loc, dict[Any, Any]]],
    team: Collection[str],
    team_ref: Callable[[Loc, Any], None],
    stakeholder_ref: Callable[[Loc, str], None],
    report: Report,
) -> None:
    seen: set[str] = set()
    for loc, person in stakeholders:
        own = _id(person.get("id"))
        if own is not None and own in seen:
            report((*loc, "id"), f"duplicate stakeholder id '{own}'; ids must be unique within the account")
        if own is not None:
            seen.add(own)
        team_ref((*loc, "counterpart"), person.get("counterpart"))
        manager = _id(person.get("reports_to"))
        where = (*loc, "reports_to")
        if manager is None:
            continue
        if manager == own:
            report(where, "a stakeholder cannot report to themselves")
        elif manager in team and manager not in {_id(s.get("id")) for _, s in stakeholders}:
            report(
                where,
                f"'{manager}' is one of our people (team.yaml); reports_to names this person's manager "
                f"at the client (another stakeholder). To say who of ours covers them, write counterpart: {manager}",
            )
        else:
            stakeholder_ref(where, manager)


def _check_cycles(stakeholders: list[tuple[Loc, dict[Any, Any]]], report: Report) -> None:
    index: dict[str, Loc] = {}
    manager: dict[str, str] = {}
    for loc, person in stakeholders:
        own, boss = _id(person.get("id")), _id(person.get("reports_to"))
        if own is None:
            continue
        index[own] = loc
        if boss is not None and boss != own:
            manager[own] = boss
    reported: set[str] = set()
    for start in manager:
        chain = [start]
        while (nxt := manager.get(chain[-1])) is not None and nxt in index:
            if nxt in chain:
                cycle = chain[chain.index(nxt) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    loop = " → ".join([*cycle, nxt])
                    report(
                        (*index[cycle[0]], "reports_to"),
                        f"reports_to forms a cycle ({loop}); "
                        "someone in it must report to a person outside it or to nobody",
                    )
                break
            chain.append(nxt)
