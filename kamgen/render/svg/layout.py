"""A deterministic layered layout for reporting lines (a forest of equal-sized cards).

No graph library: org charts are trees, and a tree lays out bottom-up.

- A manager whose reports all have no reports of their own gets them as a
  hanging list (columns of cards under a vertical spine): narrow, however many.
- Otherwise the reports' subtrees stand side by side with the manager centred
  above them, as in a classic org chart...
- ...unless that row would be wider than the page: then the subtrees wrap
  into several rows, indented under the manager, joined by a spine on the left.
- Separate trees (several top people) are packed into shelves, like words
  into lines of text.

Each subtree is a box that no other box enters, and connectors run only in
the gaps between boxes, so cards never overlap and lines never cross a card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Metrics:
    card_w: float = 172
    card_h: float = 112
    hgap: float = 14  # between neighbouring subtrees
    vgap: float = 36  # between a manager and their reports
    indent: float = 24  # hanging lists and wrapped rows sit this far right of the spine
    list_gap: float = 12  # between cards of a hanging list
    list_len: int = 4  # cards per column in a hanging list before a new column starts


@dataclass
class Box:
    width: float
    height: float
    root_x: float = 0.0  # left edge of the subtree's top card
    cards: dict[str, Point] = field(default_factory=dict)
    lines: list[list[Point]] = field(default_factory=list)

    def place(self, other: Box, dx: float, dy: float) -> None:
        for key, (x, y) in other.cards.items():
            self.cards[key] = (x + dx, y + dy)
        self.lines.extend([(x + dx, y + dy) for x, y in path] for path in other.lines)


@dataclass(frozen=True)
class Forest:
    roots: list[str]
    children: dict[str, list[str]]


def forest(nodes: Sequence[tuple[str, str | None]]) -> Forest:
    """Roots and children in input order; unknown managers and cycles make roots."""
    ids = [node for node, _ in nodes]
    known = set(ids)
    parent = {node: manager for node, manager in nodes if manager in known and manager != node}
    children: dict[str, list[str]] = {node: [] for node in ids}
    for node in ids:
        if node in parent:
            children[parent[node]].append(node)
    roots = [node for node in ids if node not in parent]
    reached = _reachable(roots, children)
    for node in ids:  # a cycle has no root: cut it at its first member in input order
        if node not in reached:
            children[parent[node]].remove(node)
            roots.append(node)
            reached |= _reachable([node], children)
    return Forest(roots, children)


def _reachable(starts: list[str], children: Mapping[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(children[node])
    return seen


class TreeLayout:
    def __init__(self, tree: Forest, metrics: Metrics, max_width: float) -> None:
        self.tree = tree
        self.m = metrics
        self.max_width = max_width
        self._done: dict[tuple[str, float], Box] = {}

    def subtree(self, node: str, max_width: float) -> Box:
        """The box of ``node`` and everyone under it (memoised: wrapping asks twice)."""
        key = (node, max_width)
        if key not in self._done:
            self._done[key] = self._subtree(node, max_width)
        return self._done[key]

    def _subtree(self, node: str, max_width: float) -> Box:
        m = self.m
        kids = self.tree.children[node]
        box = Box(m.card_w, m.card_h, 0.0, {node: (0.0, 0.0)})
        if not kids:
            return box
        if len(kids) > 1 and all(not self.tree.children[k] for k in kids):
            return self._hanging(box, kids, max_width)
        boxes = [self.subtree(k, max_width) for k in kids]
        if sum(b.width for b in boxes) + m.hgap * (len(boxes) - 1) <= max_width:
            return self._row(box, node, boxes)
        narrower = max(max_width - m.indent, m.card_w + m.indent)
        return self._wrapped(box, [self.subtree(k, narrower) for k in kids], narrower)

    def _hanging(self, box: Box, kids: list[str], max_width: float) -> Box:
        m = self.m
        pitch = m.card_w + m.indent
        fits = max(1, int(max_width // pitch))
        columns = min(math.ceil(len(kids) / m.list_len), fits)
        per_column = math.ceil(len(kids) / columns)
        top = m.card_h + m.vgap / 2
        bus = m.card_h + m.vgap / 4
        for c in range(columns):
            column = kids[c * per_column : (c + 1) * per_column]
            x = m.indent + c * pitch
            spine = x - m.indent / 2
            mids = [top + r * (m.card_h + m.list_gap) + m.card_h / 2 for r in range(len(column))]
            for kid, mid in zip(column, mids, strict=True):
                box.cards[kid] = (x, mid - m.card_h / 2)
                box.lines.append([(spine, mid), (x, mid)])
            box.lines.append([(spine, bus if c else m.card_h), (spine, mids[-1])])
            if c:
                box.lines.append([(m.indent / 2, bus), (spine, bus)])
            box.width = max(box.width, x + m.card_w)
            box.height = max(box.height, mids[-1] + m.card_h / 2)
        return box

    def _row(self, box: Box, node: str, boxes: list[Box]) -> Box:
        m = self.m
        top = m.card_h + m.vgap
        x = 0.0
        centres = []
        for child in boxes:
            box.place(child, x, top)
            centres.append(x + child.root_x + m.card_w / 2)
            box.height = max(box.height, top + child.height)
            x += child.width + m.hgap
        box.width = max(m.card_w, x - m.hgap)
        centre = (centres[0] + centres[-1]) / 2
        box.root_x = centre - m.card_w / 2
        box.cards[node] = (box.root_x, 0.0)
        bus = m.card_h + m.vgap / 2
        box.lines.append([(centre, m.card_h), (centre, bus)])
        if len(centres) > 1:
            box.lines.append([(centres[0], bus), (centres[-1], bus)])
        box.lines.extend([(c, bus), (c, top)] for c in centres)
        return box

    def _wrapped(self, box: Box, boxes: list[Box], max_width: float) -> Box:
        m = self.m
        spine = m.indent / 2
        top = m.card_h + m.vgap
        bus = top - m.vgap / 2
        for row in _shelves(boxes, max_width, m.hgap):
            x = m.indent
            bus = top - m.vgap / 2
            last = spine
            for child in row:
                box.place(child, x, top)
                last = x + child.root_x + m.card_w / 2
                box.lines.append([(last, bus), (last, top)])
                x += child.width + m.hgap
            box.lines.append([(spine, bus), (last, bus)])
            box.width = max(box.width, x - m.hgap)
            top += max(b.height for b in row) + m.vgap
        box.lines.append([(spine, m.card_h), (spine, bus)])
        box.height = top - m.vgap
        return box

    def arrange(self, roots: list[str], reserve_above: Mapping[str, float], top: float = 0.0) -> Box:
        """Every root's tree, packed into shelves; ``reserve_above`` leaves room over a root card."""
        m = self.m
        boxes = []
        for root in roots:
            tree = self.subtree(root, self.max_width)
            extra = reserve_above.get(root, 0.0)
            shifted = Box(tree.width, tree.height + extra, tree.root_x)
            shifted.place(tree, 0.0, extra)
            boxes.append(shifted)
        out = Box(0.0, top)
        y = top
        for row in _shelves(boxes, self.max_width, m.hgap):
            x = 0.0
            for child in row:
                out.place(child, x, y)
                x += child.width + m.hgap
            out.width = max(out.width, x - m.hgap)
            y += max(b.height for b in row) + m.vgap
        out.height = y - m.vgap if boxes else top
        return out


def _shelves(boxes: list[Box], max_width: float, gap: float) -> list[list[Box]]:
    rows: list[list[Box]] = []
    used = 0.0
    for box in boxes:
        if rows and used + gap + box.width <= max_width:
            rows[-1].append(box)
            used += gap + box.width
        else:
            rows.append([box])
            used = box.width
    return rows
