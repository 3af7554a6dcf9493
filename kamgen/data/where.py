"""Name a place in a dossier the way its editor sees it.

``('stakeholders', 1, 'reports_to')`` is ``stakeholder 2, Jane Doe: reports_to``:
items are counted from 1 and named by what identifies them on the page, as a
person who does not count from zero reads the file top to bottom.
"""

from __future__ import annotations

from typing import Any

from kamgen.data.yamlsource import Loc

# A list's items, as the editor calls one of them.
_ITEM = {
    "people": "person",
    "stakeholders": "stakeholder",
    "competitors": "competitor",
    "needs": "need",
    "decision_process": "decision step",
    "risks": "risk",
    "actions": "action",
    "meetings": "meeting",
    "follow_ups": "follow-up",
    "trust": "trust method",
    "technical_support": "technical support method",
    "resource_support": "resource support method",
    "service_levels": "service level method",
    "risk_reduction": "risk reduction method",
    "deals": "deal",
    "issues": "service issue",
    "objectives": "objective",
    "whitespace": "whitespace cell",
}
# The field that tells an item apart, in order of preference.
_TITLE_KEYS = (
    "name", "id", "step", "date", "method", "action", "risk", "need", "what", "issue", "objective", "offering",
)  # fmt: skip
_MAX_TITLE = 40


def _title(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    for key in _TITLE_KEYS:
        value = item.get(key)
        if value is not None and not isinstance(value, bool | dict | list):
            # A dossier is hostile input: no control characters reach a terminal or an annotation.
            text = "".join(c if c.isprintable() else "?" for c in " ".join(str(value).split()))
            return text if len(text) <= _MAX_TITLE else text[: _MAX_TITLE - 1] + "…"
    return ""


def describe(loc: Loc, data: Any) -> str:
    """The editor's name for ``loc`` in ``data`` (the parsed file).

    E.g. ``meeting 1, 2026-10-14 › follow-up 1, Call: owner``.
    """
    items: list[str] = []  # list items passed on the way, "stakeholder 2, Jane Doe"
    keys: list[str] = []  # mapping keys since the last item, "vip_program", "assignee"
    node = data
    for part in loc:
        container = node
        node = _child(container, part)
        if isinstance(part, int) and isinstance(container, list):
            key = keys.pop() if keys else ""
            if key in _ITEM:
                title = _title(node)
                # "trust method 1" already says where it sits: relationship_methods adds nothing.
                items.append(f"{_ITEM[key]} {part + 1}" + (f", {title}" if title else ""))
                keys = []
            else:
                # A list of plain values (who, attendees, roles): the message quotes the value.
                keys.append(f"{key} (item {part + 1})" if len(container) > 1 else key)
        elif isinstance(part, int):  # a number as a mapping key: a year of revenue
            keys.append(f"{keys.pop()} {part}" if keys else str(part))
        else:
            keys.append(str(part))
    where = " › ".join(items)
    field = ".".join(keys)
    return f"{where}: {field}" if where and field else where or field


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None
