"""Who changed each dossier, from git: on the plan page, and quietly absent without git."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kamgen.build import pipeline
from kamgen.data import history
from kamgen.data.history import Change, read_history
from kamgen.mkdocs_yml import load_project
from tests.support import ProjectFactory

ACME = "name: Acme\nowner: olena-koval\n"
BETA = "name: Beta\nowner: andriy-melnyk\n"


def git(root: Path, *args: str, author: str = "Olena Koval", when: str = "2026-11-14T10:00:00+02:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "someone@example.com",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "someone@example.com",
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(root: Path, message: str, **who: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, **who)


@pytest.fixture
def repo(make_project: ProjectFactory) -> Path:
    """A site in git: acme changed three times by two people, beta once."""
    root = make_project(accounts={"acme": ACME, "beta": BETA})
    git(root, "init", "-q")
    commit(root, "Add Acme and Beta", author="Andriy Melnyk", when="2026-10-01T09:00:00+03:00")
    (root / "accounts" / "acme.yaml").write_text(ACME + "tier: A\n", encoding="utf-8")
    commit(root, "Acme: tier A after the audit", when="2026-11-02T12:00:00+02:00")
    (root / "accounts" / "acme.yaml").write_text(ACME + "tier: A\nstatus: active\n", encoding="utf-8")
    (root / "playbooks" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    commit(root, "Acme is active; a guide", when="2026-11-14T10:00:00+02:00")
    return root


def test_history_of_each_dossier_newest_first(repo: Path) -> None:
    found = read_history(repo / "accounts")
    strip = {k: [(c.date, c.author, c.message) for c in v] for k, v in found.items()}
    assert strip == {
        "acme": [
            (date(2026, 11, 14), "Olena Koval", "Acme is active; a guide"),
            (date(2026, 11, 2), "Olena Koval", "Acme: tier A after the audit"),
            (date(2026, 10, 1), "Andriy Melnyk", "Add Acme and Beta"),
        ],
        "beta": [(date(2026, 10, 1), "Andriy Melnyk", "Add Acme and Beta")],
    }


CountCommands = Callable[[], list[list[str]]]


@pytest.fixture
def count_commands(monkeypatch: pytest.MonkeyPatch) -> CountCommands:
    """Start recording the commands run from then on, in order (they still run): ``calls = count_commands()``."""

    def start() -> list[list[str]]:
        calls: list[list[str]] = []
        real_run = subprocess.run

        def counting_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
            calls.append(command)
            return real_run(command, **kwargs)  # type: ignore[call-overload,no-any-return]

        monkeypatch.setattr(history.subprocess, "run", counting_run)
        return calls

    return start


def test_one_git_log_call_for_the_whole_portfolio(repo: Path, count_commands: CountCommands) -> None:
    for i in range(30):
        (repo / "accounts" / f"client-{i}.yaml").write_text(f"name: C{i}\nowner: olena-koval\n", encoding="utf-8")
    commit(repo, "Thirty more clients")
    calls = count_commands()
    assert len(read_history(repo / "accounts")) == 32
    assert [c[c.index("log")] for c in calls if "log" in c] == ["log"], "exactly one git log"
    assert len(calls) == 2, "one rev-parse (is it a full clone?) and one log"


def test_plan_page_shows_last_update_and_change_history(repo: Path) -> None:
    page = pipeline.generate(load_project(repo / "mkdocs.yml")).pages["accounts/acme.md"]
    assert "Last updated Nov 14, 2026 by Olena Koval\n{: .kg-meta .kg-updated }" in page
    assert page.rstrip().endswith(
        "## Change history\n\n"
        '<details class="kg-more" markdown>\n'
        "<summary>3 changes</summary>\n\n"
        "| Date | Author | Change |\n"
        "|---|---|---|\n"
        '| <span class="kg-date">Nov 14, 2026</span> | Olena Koval | Acme is active; a guide |\n'
        '| <span class="kg-date">Nov 2, 2026</span> | Olena Koval | Acme: tier A after the audit |\n'
        '| <span class="kg-date">Oct 1, 2026</span> | Andriy Melnyk | Add Acme and Beta |\n\n'
        "</details>"
    ), "the list folds away: the latest change is under the title already"


def test_commit_messages_and_names_are_escaped(repo: Path) -> None:
    (repo / "accounts" / "beta.yaml").write_text(BETA + "tier: B\n", encoding="utf-8")
    commit(repo, "<script>alert(1)</script> | **{{ 7*7 }}** [x](javascript:alert(1))", author="Eve *Evil* & Co")
    page = pipeline.generate(load_project(repo / "mkdocs.yml")).pages["accounts/beta.md"]
    assert (
        r"Eve \*Evil\* &amp; Co | &lt;script&gt;alert\(1\)&lt;/script&gt; \| \*\*\{\{ 7\*7 \}\}\*\* "
        r"\[x\]\(javascript:alert\(1\)\) |"
    ) in page
    assert "<script>" not in page
    assert r"Last updated Nov 14, 2026 by Eve \*Evil\* &amp; Co" in page


def test_long_histories_show_the_latest_twenty(repo: Path) -> None:
    for i in range(22):
        (repo / "accounts" / "beta.yaml").write_text(BETA + f"since: {2000 + i}\n", encoding="utf-8")
        commit(repo, f"Beta change {i}")
    page = pipeline.generate(load_project(repo / "mkdocs.yml")).pages["accounts/beta.md"]
    assert "Beta change 21" in page and "Beta change 2 " in page and "Beta change 1 " not in page
    assert "*and 3 earlier changes*" in page


def test_history_option_false_turns_it_off(repo: Path) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("today:", "history: false\n      today:"), "utf-8")
    page = pipeline.generate(load_project(config)).pages["accounts/acme.md"]
    assert "Last updated" not in page and "Change history" not in page


def test_no_history_outside_git(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": ACME})
    assert read_history(root / "accounts") == {}
    page = pipeline.generate(load_project(root / "mkdocs.yml")).pages["accounts/acme.md"]
    assert "Last updated" not in page and "Change history" not in page


def test_no_history_in_a_shallow_clone(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert read_history(clone / "accounts") == {}


def test_no_history_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert read_history(repo / "accounts") == {}


def test_no_history_when_git_is_too_slow(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(command, 0.01)

    monkeypatch.setattr(history.subprocess, "run", slow)
    assert read_history(repo / "accounts") == {}


def test_parse_log_ignores_what_is_not_a_dossier() -> None:
    text = (
        "\x1eabc1234\x1f2026-11-14T10:00:00+02:00\x1fOlena Koval\x1fEdit\n\nacme.yaml\nnotes.txt\nold/beta.yaml\n"
        "\x1ebroken header\n\nbeta.yaml\n"
    )
    assert history.parse_log(text) == {"acme": (Change(date(2026, 11, 14), "Olena Koval", "Edit", "abc1234"),)}


# -- issue 18: every version of every dossier, in one pass, and the trends drawn from them ----------------

TEAM_LEVELS = "name: Acme\nowner: olena-koval\nstakeholders:\n  - id: jane-doe\n    name: Jane Doe\n"


def test_read_log_returns_each_dossier_at_each_commit(repo: Path, count_commands: CountCommands) -> None:
    (repo / "accounts" / "beta.yaml").unlink()
    commit(repo, "Beta released", when="2026-11-20T09:00:00+02:00")
    calls = count_commands()
    log = history.read_log(repo / "accounts")
    assert log.available
    assert [(v.change.date, v.text) for v in log.versions["acme"]] == [
        (date(2026, 11, 14), ACME + "tier: A\nstatus: active\n"),
        (date(2026, 11, 2), ACME + "tier: A\n"),
        (date(2026, 10, 1), ACME),
    ]
    assert [v.text for v in log.versions["beta"]] == [BETA], "the deletion has no version"
    verbs = [next(w for w in c if w in ("rev-parse", "log", "cat-file")) for c in calls]
    assert verbs == ["rev-parse", "log", "cat-file"], "one log and one cat-file for all dossiers"


def test_shallow_clone_says_history_unavailable(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert not history.read_log(clone / "accounts").available
    page = pipeline.generate(load_project(clone / "mkdocs.yml")).pages["accounts/acme.md"]
    assert r"*History unavailable: the trend needs the site's full git history \(not a shallow clone\)\.*" in page
    assert "## Health { #health }" in page


def test_trend_and_timeline_from_git(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": TEAM_LEVELS + "    relationship: 2\n    attitude: neutral\n"})
    git(root, "init", "-q")
    commit(root, "Acme", when="2026-09-01T09:00:00+00:00")
    (root / "accounts" / "acme.yaml").write_text(
        TEAM_LEVELS + "    relationship: 3\n    attitude: supporter\n    last_contact: 2026-10-20\n", encoding="utf-8"
    )
    commit(root, "Lunch with Jane", when="2026-10-21T09:00:00+00:00")
    page = pipeline.generate(load_project(root / "mkdocs.yml")).pages["accounts/acme.md"]
    timeline = page[page.index("## Timeline") :]
    assert timeline.index("Oct 21, 2026</span> — Jane Doe — relationship 2 → 3") < timeline.index(
        "Oct 20, 2026</span> — Last contact with Jane Doe"
    )
    assert "Jane Doe — attitude Neutral → Supporter" in timeline
    assert 'class="kg-svg kg-svg--spark"' in page  # the health sparkline
    assert "| Jane Doe | <svg" in page and "2 → 3 | Neutral → Supporter |" in page
    portfolio = pipeline.generate(load_project(root / "mkdocs.yml")).pages["index.md"]
    assert 'class="kg-trend kg-trend--up" title="up from ' in portfolio


def test_an_old_version_that_no_longer_validates_is_skipped(make_project: ProjectFactory) -> None:
    root = make_project(accounts={"acme": "name: Acme\nowner: olena-koval\ntier: Z\n"})
    git(root, "init", "-q")
    commit(root, "Broken", when="2026-09-01T09:00:00+00:00")
    (root / "accounts" / "acme.yaml").write_text(ACME, encoding="utf-8")
    commit(root, "Fixed", when="2026-10-01T09:00:00+00:00")
    versions = history.read_log(root / "accounts").versions["acme"]
    from kamgen.data.model import Account
    from kamgen.insights.health import Inputs
    from kamgen.insights.trends import trend

    found = trend(versions, Account.model_validate({"id": "acme", **{"name": "Acme", "owner": "olena-koval"}}),
                  Inputs({}, date(2026, 11, 22)), date(2026, 11, 22))  # fmt: skip
    assert [p.day for p in found.points] == [date(2026, 10, 1), date(2026, 11, 22)]
