"""The dossier cache: same inputs, same result; any change, a fresh check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamgen.config import Environment
from kamgen.data.cache import DossierCache
from kamgen.data.load import check_dossiers, load_portfolio
from kamgen.errors import DataError
from tests.support import ProjectFactory

# The tests' own cache folder (conftest sets KAMGEN_CACHE_DIR), as kamgen reads it.
CACHE_DIR = Environment.read().cache_dir
GOOD = "name: Acme\nowner: olena-koval\n"


def load(root: Path) -> object:
    return load_portfolio(root / "team.yaml", root / "accounts", root, cache=DossierCache(root, CACHE_DIR))


def test_second_run_reuses_the_cache_and_gives_the_same_portfolio(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD, "beta": GOOD.replace("Acme", "Beta") + "industy: x\n"})
    first = load(root)
    cache = DossierCache(root, CACHE_DIR)
    assert cache.file.is_file()
    paths = sorted((root / "accounts").glob("*.yaml"))
    keys = [cache.key(p, frozenset({"olena-koval", "andriy-melnyk"})) for p in paths]
    assert all(cache.get(k) is not None for k in keys), "both dossiers were cached"
    assert load(root) == first
    assert [str(w) for w in load(root).warnings] == [str(w) for w in first.warnings]  # type: ignore[attr-defined]


def test_an_edited_dossier_is_checked_again(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD})
    load(root)
    (root / "accounts" / "acme.yaml").write_text("name: Acme\nowner: nobody\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("'nobody' is not a person in team.yaml")):
        load(root)


def test_a_roster_change_invalidates_cross_checks(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD})
    load(root)
    (root / "team.yaml").write_text("people:\n  - {id: someone-else, name: X}\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("'olena-koval' is not a person in team.yaml")):
        load(root)


def test_a_corrupt_cache_file_is_ignored(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": GOOD})
    load(root)
    DossierCache(root, CACHE_DIR).file.write_bytes(b"not a pickle")
    assert [a.name for a in load(root).accounts] == ["Acme"]  # type: ignore[attr-defined]


def test_parallel_and_sequential_checks_agree(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    accounts = {f"c{i:03d}": GOOD.replace("Acme", f"Client {i}") for i in range(40)}
    accounts["c007"] = "name: Broken\nowner: nobody\n"
    root = make_project(accounts=accounts)
    paths = sorted((root / "accounts").glob("*.yaml"))
    team = frozenset({"olena-koval", "andriy-melnyk"})
    sequential = check_dossiers(paths, root, team)
    monkeypatch.setattr("kamgen.data.load.PARALLEL_FROM", 2)
    parallel = check_dossiers(paths, root, team)
    assert parallel == sequential
    assert [str(d) for d in parallel[7][1]] == [
        "accounts/c007.yaml:2:8: owner: 'nobody' is not a person in team.yaml (fix the id or add the person)"
    ]
