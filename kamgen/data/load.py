"""Load the roster and every dossier, validate them, and cross-check references.

All problems of a run are collected; :class:`DataError` carries them together.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kamgen.data.cache import DossierCache
from kamgen.data.diagnose import did_you_mean, field_path, slug_hint, validate
from kamgen.data.model import ID_PATTERN, Account, Person, Team
from kamgen.data.yamlsource import Loc, SourceFile, YamlFileError, load_yaml
from kamgen.errors import DataError, Diagnostic, Severity, display_path
from kamgen.util.parallel import fork_map


@dataclass(frozen=True)
class Portfolio:
    """Everything the site is made from, valid and cross-checked."""

    team: dict[str, Person]
    accounts: tuple[Account, ...]
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def account(self, account_id: str) -> Account | None:
        return next((a for a in self.accounts if a.id == account_id), None)


@dataclass
class _Collector:
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, source: SourceFile, loc: Loc, message: str) -> None:
        line, column = source.position(loc)
        self.diagnostics.append(Diagnostic(source.display, line, column, field_path(loc), message))

    def parse(self, path: Path) -> SourceFile | None:
        display = display_path(path, self.root)
        try:
            return load_yaml(path, display)
        except YamlFileError as exc:
            self.diagnostics.append(Diagnostic(display, exc.line, exc.column, "", exc.message))
        except OSError as exc:
            self.diagnostics.append(Diagnostic(display, 1, 1, "", f"cannot read the file: {exc.strerror}"))
        return None


def account_files(accounts_dir: Path) -> list[Path]:
    return sorted(p for p in accounts_dir.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_portfolio(
    team_file: Path,
    accounts_dir: Path,
    root: Path,
    *,
    only: Iterable[Path] | None = None,
    cache: DossierCache | None = None,
) -> Portfolio:
    """Read ``team_file`` and ``accounts_dir/*.yaml``; raise :class:`DataError` on any error.

    ``only``: read just these dossiers (still checked against the roster), e.g.
    the files a commit touches. ``cache``: reuse results for dossiers whose
    content, roster and kamgen code are unchanged since an earlier run.
    """
    run = _Collector(root)
    team = _load_team(run, team_file)
    if not accounts_dir.is_dir():
        run.diagnostics.append(
            Diagnostic(display_path(accounts_dir, root), 1, 1, "", "the accounts folder does not exist")
        )
    every = account_files(accounts_dir) if only is None and accounts_dir.is_dir() else []
    paths = sorted(only) if only is not None else every
    results = check_dossiers(paths, root, None if team is None else frozenset(team), cache)
    accounts = [account for account, _ in results if account is not None]
    run.diagnostics.extend(d for _, problems in results for d in problems)
    errors = [d for d in run.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise DataError(run.diagnostics)
    assert team is not None
    return Portfolio(team=team, accounts=tuple(accounts), warnings=tuple(sorted(run.diagnostics)))


DossierResult = tuple[Account | None, list[Diagnostic]]
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 150


def check_dossiers(
    paths: list[Path], root: Path, team_ids: frozenset[str] | None, cache: DossierCache | None = None
) -> list[DossierResult]:
    """Every dossier read, validated and cross-checked, in order; on all cores when it pays."""
    results: dict[int, DossierResult] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for i, path in enumerate(paths):
        try:
            keys[i] = cache.key(path, team_ids) if cache is not None else ""
        except OSError:  # unreadable: check_dossier reports it
            keys[i] = ""
        hit = cache.get(keys[i]) if cache is not None and keys[i] else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    done = fork_map(lambda i: check_dossier(paths[i], root, team_ids), todo, parallel_from=PARALLEL_FROM)
    results.update(zip(todo, done, strict=True))
    if cache is not None:
        for i in todo:
            if keys[i]:
                cache.put(keys[i], results[i])
        cache.save()
    return [results[i] for i in range(len(paths))]


def check_dossier(path: Path, root: Path, team_ids: frozenset[str] | None) -> DossierResult:
    """One dossier, fully checked; its parse tree is dropped before returning.

    ``team_ids`` None: the roster itself is broken, so references are not checked.
    """
    run = _Collector(root)
    loaded = _load_account(run, path)
    if loaded is None:
        return None, run.diagnostics
    source, account = loaded
    if team_ids is not None:
        _cross_check(run, source, account, team_ids)
    has_errors = any(d.severity is Severity.ERROR for d in run.diagnostics)
    return (None if has_errors else account), run.diagnostics


def _load_team(run: _Collector, path: Path) -> dict[str, Person] | None:
    if not path.is_file():
        run.diagnostics.append(
            Diagnostic(
                display_path(path, run.root), 1, 1, "", "the team roster is missing (create it with a 'people:' list)"
            )
        )
        return None
    source = run.parse(path)
    if source is None:
        return None
    record, problems = validate(source, Team)
    run.diagnostics.extend(problems)
    if not isinstance(record, Team):
        # Keep checking the dossiers against the ids that were readable.
        raw = source.data.get("people") if isinstance(source.data, dict) else None
        return {
            p["id"]: Person.model_construct(id=p["id"], name=str(p.get("name", p["id"])))
            for p in raw or []
            if isinstance(p, dict) and isinstance(p.get("id"), str)
        }
    people: dict[str, Person] = {}
    for i, person in enumerate(record.people):
        if person.id in people:
            run.add(source, ("people", i, "id"), f"duplicate id '{person.id}'; every person needs their own id")
        people[person.id] = person
    return people


def _load_account(run: _Collector, path: Path) -> tuple[SourceFile, Account] | None:
    stem = path.stem
    if not re.match(ID_PATTERN, stem):
        run.diagnostics.append(
            Diagnostic(
                display_path(path, run.root),
                1,
                1,
                "",
                f"'{path.name}' is not a valid account file name: the name is the account id and the "
                f"URL, so it must be lowercase Latin letters, digits and '-'{slug_hint(stem)}; rename the file",
            )
        )
        return None
    source = run.parse(path)
    if source is None:
        return None
    record, problems = validate(source, Account)
    run.diagnostics.extend(problems)
    if not isinstance(record, Account):
        return None
    if record.id and record.id != stem:
        run.add(
            source,
            ("id",),
            f"'{record.id}' differs from the file name; the id is the file name '{stem}' (remove this line)",
        )
    return source, record.model_copy(update={"id": stem})


def _cross_check(run: _Collector, source: SourceFile, account: Account, team: Collection[str]) -> None:
    stakeholder_ids = [s.id for s in account.stakeholders]

    def team_ref(loc: Loc, value: str | None) -> None:
        if value is not None and value not in team:
            run.add(
                source,
                loc,
                f"'{value}' is not a person in team.yaml{did_you_mean(value, team)} (fix the id or add the person)",
            )

    def stakeholder_ref(loc: Loc, value: str, also: Iterable[str] = ()) -> None:
        if value not in stakeholder_ids and value not in also:
            what = "a stakeholder of this account or a person in team.yaml" if also else "a stakeholder of this account"
            choices = [*stakeholder_ids, *also]
            run.add(source, loc, f"'{value}' is not {what}{did_you_mean(value, choices)}")

    team_ref(("owner",), account.owner)
    seen: set[str] = set()
    for i, person in enumerate(account.stakeholders):
        if person.id in seen:
            run.add(
                source,
                ("stakeholders", i, "id"),
                f"duplicate stakeholder id '{person.id}'; ids must be unique within the account",
            )
        seen.add(person.id)
        team_ref(("stakeholders", i, "counterpart"), person.counterpart)
        if person.reports_to is not None:
            if person.reports_to == person.id:
                run.add(source, ("stakeholders", i, "reports_to"), "a stakeholder cannot report to themselves")
            else:
                stakeholder_ref(("stakeholders", i, "reports_to"), person.reports_to)
    for i, step in enumerate(account.decision_process):
        for j, who in enumerate(step.who):
            stakeholder_ref(("decision_process", i, "who", j), who)
    for i, risk in enumerate(account.risks):
        team_ref(("risks", i, "owner"), risk.owner)
    for i, action in enumerate(account.actions):
        team_ref(("actions", i, "owner"), action.owner)
    for i, meeting in enumerate(account.meetings):
        for j, who in enumerate(meeting.attendees):
            stakeholder_ref(("meetings", i, "attendees", j), who, also=team)
        for j, action in enumerate(meeting.follow_ups):
            team_ref(("meetings", i, "follow_ups", j, "owner"), action.owner)
    if account.vip_program is not None:
        team_ref(("vip_program", "assignee"), account.vip_program.assignee)
    objective_ids = [o.id for o in account.objectives]
    for i, objective in enumerate(account.objectives):
        team_ref(("objectives", i, "owner"), objective.owner)
    for i, action in enumerate(account.actions):
        if action.objective is not None and action.objective not in objective_ids:
            choices = did_you_mean(action.objective, objective_ids)
            message = f"'{action.objective}' is not an objective of this account{choices}"
            run.add(source, ("actions", i, "objective"), message)
    _check_cycles(run, source, account)


def _check_cycles(run: _Collector, source: SourceFile, account: Account) -> None:
    manager = {s.id: s.reports_to for s in account.stakeholders if s.reports_to and s.reports_to != s.id}
    index = {s.id: i for i, s in enumerate(account.stakeholders)}
    reported: set[str] = set()
    for start in manager:
        chain = [start]
        while (nxt := manager.get(chain[-1])) is not None and nxt in index:
            if nxt in chain:
                cycle = chain[chain.index(nxt) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    loop = " → ".join([*cycle, nxt])
                    run.add(
                        source,
                        ("stakeholders", index[cycle[0]], "reports_to"),
                        f"reports_to forms a cycle ({loop}); "
                        "someone in it must report to a person outside it or to nobody",
                    )
                break
            chain.append(nxt)
