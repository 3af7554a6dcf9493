"""Imported companies → dossier files: new dossiers written, existing ones merged in place.

Re-importing is a merge, not an overwrite. The file is edited as a round-trip
YAML document (ruamel.yaml), so every comment, every hand-written field and
the order of keys stay as the editor left them. A company is found by its
stored ``crm_id`` (else by name); a contact by ``crm_id``, e-mail or name.
Only fields the export has a value for change: those are the CRM's.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from kamgen.data.load import account_files
from kamgen.data.model import Account, Stakeholder
from kamgen.errors import Diagnostic, Severity, display_path
from kamgen.interchange.crm_read import Table
from kamgen.interchange.records import UKRAINIAN_LETTERS, ImportedAccount, ImportedContact, slug, unique

ACCOUNT_ORDER = tuple(Account.model_fields)
STAKEHOLDER_ORDER = tuple(Stakeholder.model_fields)


@dataclass
class FileChange:
    path: Path
    before: str | None
    """None: a new dossier."""
    after: str
    added: int = 0
    updated: int = 0

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class _Dossier:
    path: Path
    text: str
    data: CommentedMap
    indent: tuple[int, int, int]


def _yaml(indent: tuple[int, int, int] = (2, 4, 2), *, null: str = "") -> YAML:
    yaml = YAML()  # round-trip: comments, key order and quoting are kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an editor's long lines
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    yaml.representer.add_representer(str, _represent_str)
    # ruamel writes every null as an empty value; a file that spells them `null` keeps them so.
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", null))
    return yaml


_RESOLVER = pyyaml.resolver.Resolver()


def _represent_str(representer: Any, text: str) -> Any:
    """A string kamgen's YAML 1.1 loader would read as something else (``yes``, ``null``, ``1e3``) is quoted."""
    tag = _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    style = "'" if tag != "tag:yaml.org,2002:str" else None
    return representer.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def null_style(text: str) -> str:
    """How a file writes null: ``null``, ``~`` or nothing (the most frequent wins)."""
    counts = {style: len(re.findall(rf"(?m):[ \t]+{re.escape(style)}[ \t]*(?:#.*)?$", text)) for style in ("null", "~")}
    best = max(counts, key=lambda style: counts[style])
    return best if counts[best] else ""


def detect_indent(text: str) -> tuple[int, int, int]:
    """The file's indentation as ruamel's (mapping, sequence, offset), so a merge does not re-indent it."""
    mapping = next((len(m[1]) for m in re.finditer(r"(?m)^[\w-]+:\n( +)[\w-]+:", text)), 2)
    offset = next((len(m[1]) for m in re.finditer(r"(?m)^[\w-]+:\n( *)- ", text)), 2)
    return mapping, offset + 2, offset


def dump(data: CommentedMap, indent: tuple[int, int, int] = (2, 4, 2), null: str = "") -> str:
    out = io.StringIO()
    _yaml(indent, null=null).dump(data, out)
    return out.getvalue()


def _key(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold().replace("ё", "е")


@dataclass
class Merger:
    table: Table
    accounts_dir: Path
    today: date
    diagnostics: list[Diagnostic] = field(default_factory=list)
    dossiers: list[_Dossier] = field(default_factory=list)
    by_crm_id: dict[str, _Dossier] = field(default_factory=dict)
    by_name: dict[str, list[_Dossier]] = field(default_factory=dict)

    @property
    def ukrainian(self) -> bool:
        """Ids are transliterated the Ukrainian way when the export's header is in Ukrainian."""
        return any(UKRAINIAN_LETTERS.search(h) for h in self.table.headers)

    def __post_init__(self) -> None:
        for path in account_files(self.accounts_dir) if self.accounts_dir.is_dir() else []:
            display = display_path(path, Path.cwd())
            try:
                text = path.read_text(encoding="utf-8-sig")
                data = _yaml().load(text)
            except (OSError, UnicodeDecodeError, YAMLError) as exc:
                # A dossier the import cannot read might be the very company; merging around it would duplicate it.
                line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
                message = (
                    f"cannot read this dossier ({str(exc).splitlines()[0]}); fix it (kamgen check) and import again"
                )
                self.diagnostics.append(Diagnostic(display, line, 1, "", message))
                continue
            if isinstance(data, CommentedMap):
                self.dossiers.append(_Dossier(path, text, data, detect_indent(text)))
                self._index(self.dossiers[-1])  # looked up by id and name: a scan per company would be quadratic

    def changes(self, accounts: Iterable[ImportedAccount]) -> list[FileChange]:
        taken = {d.path.stem for d in self.dossiers}
        result: list[FileChange] = []
        for imported in accounts:
            dossier = self._find(imported)
            change = self._new(imported, taken) if dossier is None else self._merge(imported, dossier)
            if change is not None:
                result.append(change)
        return result

    def _find(self, imported: ImportedAccount) -> _Dossier | None:
        crm_id = imported.fields.get("crm_id")
        if crm_id is not None and crm_id in self.by_crm_id:
            return self.by_crm_id[crm_id]
        # By name only a dossier not yet tied to another CRM record.
        candidates = self.by_name.get(_key(imported.fields["name"]), [])
        return next((d for d in candidates if crm_id is None or d.data.get("crm_id") in (None, "")), None)

    def _index(self, dossier: _Dossier) -> None:
        crm_id = dossier.data.get("crm_id")
        if crm_id not in (None, ""):
            self.by_crm_id.setdefault(str(crm_id), dossier)
        self.by_name.setdefault(_key(dossier.data.get("name", "")), []).append(dossier)

    def _new(self, imported: ImportedAccount, taken: set[str]) -> FileChange | None:
        if "owner" not in imported.fields:
            self.diagnostics.append(
                Diagnostic(
                    self.table.display, imported.row.line, 1, "",
                    f"'{imported.fields['name']}' has no owner: the export has no owner column; pass --owner ID",
                )
            )  # fmt: skip
            return None
        account_id = unique(slug(imported.fields["name"], ukrainian=self.ukrainian) or "account", taken)
        data = CommentedMap()
        data.yaml_set_start_comment(
            f"Imported from {Path(self.table.display).name} by `kamgen import` on {self.today.isoformat()}.\n"
            "Re-importing updates the CRM's fields and keeps everything written here by hand."
        )
        path = self.accounts_dir / f"{account_id}.yaml"
        dossier = _Dossier(path, "", data, (2, 4, 2))
        change = self._merge(imported, dossier)
        self.dossiers.append(dossier)
        self._index(dossier)
        return FileChange(path, None, change.after, added=len(imported.contacts))

    def _merge(self, imported: ImportedAccount, dossier: _Dossier) -> FileChange:
        data = dossier.data
        for key, value in imported.fields.items():
            _set(data, key, value, ACCOUNT_ORDER)
        if imported.revenue:
            revenue = data.get("revenue")
            known = isinstance(revenue, CommentedMap)
            revenue = revenue if isinstance(revenue, CommentedMap) else CommentedMap()
            for year, amount in imported.revenue.items():
                _set(revenue, year, amount, ())
            if not known:  # inserted once filled, so a comment after the previous key moves after it
                _set(data, "revenue", revenue, ACCOUNT_ORDER)
        added, updated = self._stakeholders(imported, data)
        after = dump(data, dossier.indent, null_style(dossier.text))
        if dossier.text and after == dossier.text:
            return FileChange(dossier.path, dossier.text, after)
        return FileChange(dossier.path, dossier.text or None, after, added, updated)

    def _stakeholders(self, imported: ImportedAccount, data: CommentedMap) -> tuple[int, int]:
        people = data.get("stakeholders")
        known = isinstance(people, CommentedSeq) and bool(people)
        if not isinstance(people, CommentedSeq) or not people:
            people = CommentedSeq()  # also replaces a flow-style `[]`, which would keep new entries on one line
        ids = {str(p.get("id")) for p in people if isinstance(p, CommentedMap)}
        last = people[-1] if people else None
        added = updated = 0
        placed: list[tuple[ImportedContact, CommentedMap]] = []
        for contact in imported.contacts:
            entry = _find_person(people, contact)
            is_new = entry is None
            if entry is None:
                entry = CommentedMap()
                entry["id"] = unique(slug(contact.short_name, ukrainian=self.ukrainian), ids)
                people.append(entry)
                added += 1
            changed = _fill(entry, contact)
            updated += int(not is_new and changed)
            placed.append((contact, entry))
        for contact, entry in placed:
            self._reports_to(contact, entry, people, imported)
        if not known and people:
            _set(data, "stakeholders", people, ACCOUNT_ORDER)
            data["stakeholders"] = people  # replaces an empty flow-style list, if any
        if added and isinstance(last, CommentedMap) and last:
            _move_comments_after(_holder(last, list(last)[-1]), _holder(people[-1], list(people[-1])[-1]))
        return added, updated

    def _reports_to(
        self, contact: ImportedContact, entry: CommentedMap, people: CommentedSeq, imported: ImportedAccount
    ) -> None:
        if contact.reports_to is None:
            return
        value, column = contact.reports_to
        boss = next(
            (
                p
                for p in people
                if isinstance(p, CommentedMap)
                and (str(p.get("crm_id", "")) == value or _key(p.get("name", "")) == _key(value))
            ),
            None,
        )
        if boss is None or boss is entry:
            self.diagnostics.append(
                Diagnostic(
                    self.table.display, contact.row.line, column + 1, self.table.headers[column],
                    f"'{value}' is not a contact of {imported.fields['name']} in this file or its dossier, "
                    "so reports_to is left out",
                    Severity.WARNING,
                )
            )  # fmt: skip
            return
        _set(entry, "reports_to", str(boss["id"]), STAKEHOLDER_ORDER)


def _find_person(people: CommentedSeq, contact: ImportedContact) -> CommentedMap | None:
    entries = [p for p in people if isinstance(p, CommentedMap)]
    crm_id = contact.fields.get("crm_id")
    email = _key(contact.contact.get("email", ""))
    name = _key(contact.fields["name"])
    for matches in (
        lambda p: crm_id is not None and str(p.get("crm_id", "")) == crm_id,
        lambda p: bool(email) and isinstance(p.get("contact"), dict) and _key(p["contact"].get("email", "")) == email,
        lambda p: _key(p.get("name", "")) == name and (crm_id is None or p.get("crm_id") in (None, "")),
    ):
        found = next((p for p in entries if matches(p)), None)
        if found is not None:
            return found
    return None


def _fill(entry: CommentedMap, contact: ImportedContact) -> bool:
    """Put the contact's fields into ``entry``; whether anything changed."""
    changed = False
    for key, value in contact.fields.items():
        if key == "last_contact" and isinstance(entry.get(key), date) and entry[key] > value:
            continue  # a later contact written by hand is newer news than the CRM's last activity
        changed |= _set(entry, key, value, STAKEHOLDER_ORDER)
    if contact.contact:
        block = entry.get("contact")
        known = isinstance(block, CommentedMap)
        block = block if isinstance(block, CommentedMap) else CommentedMap()
        for key, value in contact.contact.items():
            changed |= _set(block, key, value, ())
        if not known:
            changed |= _set(entry, "contact", block, STAKEHOLDER_ORDER)
    return changed


def _set(data: CommentedMap, key: Any, value: Any, order: tuple[str, ...]) -> bool:
    """Set ``key`` only if it differs (an equal value keeps its quoting); a new key goes where the format puts it.

    Whether anything changed.
    """
    if key in data:
        if data[key] == value:
            return False
        data[key] = value
        return True
    rank = order.index(key) if key in order else len(order)
    position = len(data)
    for i, existing in enumerate(data):
        if existing in order and order.index(existing) > rank:
            position = i
            break
    data.insert(position, key, value)
    if position > 0:
        _move_comments_after(_holder(data, list(data)[position - 1]), _holder(data, key))
    return True


def _holder(data: CommentedMap, key: Any) -> tuple[CommentedMap, Any]:
    """The map and key whose trailing comment holds what follows ``data[key]`` (blank lines, comment lines)."""
    value = data[key]
    if isinstance(value, CommentedSeq) and value and isinstance(value[-1], CommentedMap) and value[-1]:
        value = value[-1]
    if isinstance(value, CommentedMap) and value:
        return _holder(value, list(value)[-1])
    return data, key


def _move_comments_after(source: tuple[CommentedMap, Any], target: tuple[CommentedMap, Any]) -> None:
    """Move the lines that followed ``source`` (not its end-of-line comment) to follow ``target``.

    ruamel keeps a blank line or a comment line with the key *before* it; a key inserted after that
    key would otherwise push the comment away from the key it describes.
    """
    items = source[0].ca.items.get(source[1])
    token = items[2] if items and len(items) > 2 else None
    if token is None:
        return
    text: str = token.value
    end_of_line, moved = None, text
    if text.startswith("#"):
        first, _, rest = text.partition("\n")
        end_of_line, moved = first + "\n", "\n" + rest
    if moved.strip(" ") == "\n":
        return
    copied = copy.copy(token)
    copied.value = moved
    if end_of_line is None:
        items[2] = None
    else:
        token.value = end_of_line
    target[0].ca.items.setdefault(target[1], [None, None, None, None])[2] = copied
