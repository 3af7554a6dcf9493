"""The engine's output: a docs tree of Markdown pages, assets and a nav.

Nothing here imports MkDocs: the plugin hands the tree to MkDocs, and
``kamgen generate`` writes it to a folder any MkDocs-compatible builder can
build on its own.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kamgen import search
from kamgen.config import Project
from kamgen.data.load import Portfolio
from kamgen.data.model import Account, Action, Person, Stakeholder
from kamgen.i18n import translations as load_translations
from kamgen.insights.alerts import RULES, SEVERITIES
from kamgen.insights.brief import next_actions, who_to_call
from kamgen.insights.facts import Reuse, collect
from kamgen.interchange import ics
from kamgen.render.alert_text import alert_helpers
from kamgen.render.bounded import Limits
from kamgen.render.environment import Renderer
from kamgen.render.formatting import Formatter
from kamgen.render.helpers import make_helpers
from kamgen.render.markdown import Md
from kamgen.render.planning_helpers import planning_helpers
from kamgen.render.playbooks import Playbook, check_places, discover, placed_sections, translate_titles
from kamgen.render.svg import ChartText
from kamgen.render.titles import with_safe_title
from kamgen.util.packed import PackedPages, pack
from kamgen.util.parallel import fork_map

NavItem = str | dict[str, Any]
BUILTIN_ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = "assets/kamgen/kamgen.css"
# Accounts from which their pages are rendered on all cores (forking costs about a tenth of a second).
PARALLEL_FROM = 100
# Rows of the ranking by revenue on one page: at 10,000 accounts a single table took a
# browser half a minute to show, so larger portfolios get the rest on pages of their own.
RANKING_PAGE_SIZE = 500


@dataclass(frozen=True)
class RankingPage:
    first: int  # rank of its first and last account
    last: int
    path: str


def ranking_pages(count: int, size: int = RANKING_PAGE_SIZE) -> list[RankingPage]:
    """The pages of a ranking of ``count`` accounts: the portfolio page, then ranking/2.md, …"""
    return [
        RankingPage(first, min(first + size - 1, count), "index.md" if number == 1 else f"ranking/{number}.md")
        for number, first in enumerate(range(1, count + 1, size), start=1)
    ]


@dataclass
class DocsTree:
    pages: PackedPages = field(default_factory=PackedPages)  # docs path → Markdown, kept compressed
    assets: dict[str, Path] = field(default_factory=dict)  # docs path → file to copy
    nav: list[NavItem] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)  # docs paths of stylesheets to link
    files: dict[str, bytes] = field(default_factory=dict)  # docs path → generated file (calendars)

    def __post_init__(self) -> None:
        if not isinstance(self.pages, PackedPages):
            self.pages = PackedPages(self.pages)

    def nav_paths(self) -> set[str]:
        """Every page the nav lists."""
        found: set[str] = set()

        def walk(items: list[NavItem]) -> None:
            for item in items:
                if isinstance(item, str):
                    found.add(item)
                    continue
                for value in item.values():
                    walk(value if isinstance(value, list) else [value])

        walk(self.nav)
        return found

    def write(self, docs_dir: Path) -> None:
        """Write every page and asset under ``docs_dir`` (which must not hold other files)."""
        for path, text in self.pages.items():
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for path, source in self.assets.items():
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        for path, data in self.files.items():
            target = docs_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def _front_matter(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


class SiteGenerator:
    """Renders one portfolio, as one audience sees it, into a :class:`DocsTree`.

    ``reuse``: what an earlier generation already computed (``kamgen serve``
    reads git once, and filters and checks only the edited dossiers on a save);
    it is updated with this generation's results.
    """

    def __init__(self, project: Project, portfolio: Portfolio, *, reuse: Reuse | None = None) -> None:
        self.project = project
        self.reuse = reuse = reuse if reuse is not None else Reuse()
        translations = load_translations(project.language)  # ConfigError for a language kamgen lacks
        self.gettext = translations.gettext
        self.formatter = Formatter(project.language, project.options.currency, translations.gettext)
        limits = Limits(
            output_chars=int(project.options.template_output_mb * 1_000_000), seconds=project.options.template_seconds
        )
        self.renderer = Renderer(
            project.playbooks_dir, project.root, self.formatter, translations, project.inputs, limits
        )
        playbooks, self.assets = discover(project.playbooks_dir, project.root, project.language, project.inputs)
        self.playbooks = translate_titles(playbooks, translations.gettext)
        plan_sections = {
            Path(name).stem for name in self.renderer.env.list_templates() if name.startswith("_kamgen/account/")
        }
        # Before the facts: a misplaced playbook section is reported before a misspelt vip_lead.
        check_places([p for p in self.playbooks if p.meta.produces == "section"], plan_sections, project.root)
        self.facts = facts = collect(project, portfolio, reuse, self.gettext)
        team = facts.portfolio.team
        # Alerts link to playbook sections only when the site has that playbook page.
        playbook_pages = {p.output_path for p in self.playbooks if p.meta.produces == "page"}
        svg = ChartText(self.gettext, team, self.formatter.locale, project.options.currency)
        stale_after_days = project.options.stale_after_days
        for helpers in (
            make_helpers(team, self.formatter),
            alert_helpers(team, self.formatter, playbook_pages),
            planning_helpers(self.formatter, svg, playbook_pages, project.directory_urls, stale_after_days),
        ):
            self.renderer.env.globals.update(helpers)

    def base_context(self, page_path: str) -> dict[str, Any]:
        facts, options = self.facts, self.project.options
        return {
            "page_path": page_path,
            "portfolio": facts.portfolio,
            "accounts": facts.portfolio.accounts,
            "team": facts.portfolio.team,
            "figures": facts.figures,
            "report_year": facts.figures.year,
            "today": facts.today,
            "currency": options.currency,
            "audience": options.audience,
            "site_name": self.project.site_name,
            "playbooks": [p for p in self.playbooks if p.meta.produces == "page"],
            "ranked": facts.ranked,
            "alerts": facts.alerts,
            "alerts_by_account": facts.alerts_by_account,
            "account_by_id": facts.account_by_id,
            "stale_after_days": options.stale_after_days,
            "programme": facts.programme,
            "pipeline": facts.pipeline,
            "service_level_days": options.service_level_days,
            "stage_moves": facts.stage_moves,
            "vip_round_start": facts.vip_round_start,
            "retention": facts.retention,
            "planning": facts.planning,
        }

    def generate(self, checkpoint: Callable[[], None] | None = None) -> DocsTree:
        """Every page. ``checkpoint`` is called before each account and person page, and may raise to stop."""
        tree = DocsTree()
        pages = tree.pages
        ranking = ranking_pages(len(self.facts.ranked), RANKING_PAGE_SIZE)
        for number, part in enumerate(ranking or [RankingPage(1, 0, "index.md")]):
            rows = self.facts.ranked[part.first - 1 : part.last]
            template = "_kamgen/portfolio.md" if number == 0 else "_kamgen/ranking.md"
            pages[part.path] = self._render_page(
                template, part.path, ranking_rows=rows, ranking_pages=ranking, ranking_page=part,
                ranking_size=RANKING_PAGE_SIZE,
            )  # fmt: skip
        accounts = self.facts.portfolio.accounts
        # Each account's pages depend on nothing rendered before them: a large portfolio
        # renders on all cores, and the workers hand back the pages already packed.
        check = checkpoint or (lambda: None)

        def account_pages(i: int) -> list[tuple[str, bytes]]:
            check()
            return self._account_pages(accounts[i])

        for rendered in fork_map(account_pages, range(len(accounts)), parallel_from=PARALLEL_FROM):
            for path, packed in rendered:
                pages.set_packed(path, packed)
        self._index_people()
        pages["people/index.md"] = self._render_page(
            "_kamgen/people.md", "people/index.md", owned_by=self.owned_by, covered_by=self.covered_by
        )
        # /accounts/ and /team/ answer too; an account whose id is "index" keeps its plan at /accounts/.
        if "accounts/index.md" not in pages:
            pages["accounts/index.md"] = self._render_page("_kamgen/accounts.md", "accounts/index.md")
        pages["team/index.md"] = self._render_page(
            "_kamgen/team.md", "team/index.md", owned_by=self.owned_by, covered_by=self.covered_by
        )
        people = list(self.facts.portfolio.team.values())

        def person_page(i: int) -> bytes:
            check()
            return self._person_page(people[i])

        person_pages = fork_map(person_page, range(len(people)), parallel_from=PARALLEL_FROM)
        for person, packed in zip(people, person_pages, strict=True):
            pages.set_packed(f"people/{person.id}.md", packed)
        tree.files.update(self._calendars())
        team = self.facts.portfolio.team
        by_person = {
            person: self.facts.alerts_by_person[person]
            for person in sorted(
                (p for p in self.facts.alerts_by_person if p is not None),
                key=lambda p: (p not in team, team[p].name if p in team else p),
            )
        }
        legend = sorted(RULES, key=lambda r: SEVERITIES.index(r.severity))  # every rule, most severe first
        pages["alerts.md"] = self._render_page(
            "_kamgen/alerts.md", "alerts.md", alerts_by_person=by_person, alert_rules=legend
        )
        pages["vip.md"] = self._render_page("_kamgen/vip.md", "vip.md")
        playbook_pages = [p for p in self.playbooks if p.meta.produces == "page"]
        for playbook in playbook_pages:
            body = self._render(playbook.name, playbook.output_path).lstrip("\n")
            pages[playbook.output_path] = with_safe_title(_front_matter(playbook.meta.page_meta()) + body)
        for asset in self.assets:
            relative = asset.relative_to(self.project.playbooks_dir).as_posix()
            tree.assets[f"playbooks/{relative}"] = asset
        tree.nav = self._nav(playbook_pages)
        tree.assets[STYLESHEET] = BUILTIN_ASSETS / "kamgen.css"
        tree.extra_css.append(STYLESHEET)
        # The search worker and its libraries (see kamgen.search); Material loads them, not the pages.
        tree.assets.update(search.assets())
        return tree

    def update(self, tree: DocsTree, account_ids: Collection[str]) -> tuple[DocsTree, set[str]]:
        """``tree`` with the pages of ``account_ids`` rendered anew, and the paths rendered.

        Accounts no longer in the portfolio lose their pages. Every other page
        is left as it was: a preview shows an edited plan first, and a full
        :meth:`generate` brings the portfolio-wide pages up to date after it.
        """
        pages = tree.pages.copy()
        for path in [p for p in pages if _account_of(p) in account_ids]:
            del pages[path]
        rendered: set[str] = set()
        files = {path: data for path, data in tree.files.items() if _account_of(path) not in account_ids}
        for account_id in account_ids:
            account = self.facts.account_by_id.get(account_id)
            for path, packed in self._account_pages(account) if account is not None else []:
                pages.set_packed(path, packed)
                rendered.add(path)
            if account is not None:
                files.update(self._calendars([account], people=False))
        updated = DocsTree(pages=pages, assets=tree.assets, nav=tree.nav, extra_css=tree.extra_css, files=files)
        return updated, rendered

    def _render(self, template: str, page_path: str, **extra: Any) -> str:
        return self.renderer.render(template, {**self.base_context(page_path), **extra})

    def _render_page(self, template: str, page_path: str, **extra: Any) -> str:
        """A whole page: rendered, with a title that is safe in any theme."""
        return with_safe_title(self._render(template, page_path, **extra))

    def _account_pages(self, account: Account) -> list[tuple[str, bytes]]:
        """The plan page of ``account`` and the extra pages its playbooks produce, packed."""
        pages: list[tuple[str, bytes]] = []
        figures = self.facts.figures[account.id]
        applicable = [p for p in self.playbooks if p.meta.applies_to.matches(account, figures)]
        plan_path = f"accounts/{account.id}.md"
        context = {
            "account": account,
            "f": figures,
            "owner": self.facts.portfolio.team.get(account.owner),
            "history": self.facts.history.get(account.id, ()),
            "health": self.facts.planning.health[account.id],
            "trend": self.facts.planning.trends.get(account.id),
            "account_alerts": self.facts.alerts_by_account.get(account.id, []),
            "peers": [a for a in self.facts.by_industry.get(account.industry or "", []) if a.id != account.id],
            "next_actions": next_actions(account, self.facts.today),
            "who_to_call": who_to_call(account),
        }
        sections = [
            (playbook, Md(self._render(playbook.name, plan_path, **context).strip()))
            for playbook in applicable
            if playbook.meta.produces == "section"
        ]
        extra_pages = [p for p in applicable if p.meta.produces == "account-page"]
        plan = self._render_page(
            "_kamgen/account.md",
            plan_path,
            sections=sections,
            after=placed_sections(sections),
            account_pages=[(p, f"accounts/{account.id}/{p.stem}.md") for p in extra_pages],
            **context,
        )
        pages.append((plan_path, pack(plan)))
        for playbook in extra_pages:
            path = f"accounts/{account.id}/{playbook.stem}.md"
            pages.append((path, pack(with_safe_title(self._render(playbook.name, path, **context).lstrip("\n")))))
        return pages

    def _index_people(self) -> None:
        """Who owns, covers and must do what, in one pass: per person it would be quadratic."""
        self.owned_by: dict[str, list[Account]] = {}
        self.covered_by: dict[str, list[tuple[Account, Stakeholder]]] = {}
        self.actions_by: dict[str, list[tuple[Account, Action]]] = {}
        for account in self.facts.portfolio.accounts:
            self.owned_by.setdefault(account.owner, []).append(account)
            for stakeholder in account.stakeholders:
                if stakeholder.counterpart:
                    self.covered_by.setdefault(stakeholder.counterpart, []).append((account, stakeholder))
            for action in [*account.actions, *(f for m in account.meetings for f in m.follow_ups)]:
                if action.owner and action.status == "open":
                    self.actions_by.setdefault(action.owner, []).append((account, action))
        today = self.facts.today
        for actions in self.actions_by.values():
            actions.sort(key=lambda pair: (pair[1].due is None, pair[1].due or today, pair[0].name))

    def _person_page(self, person: Person) -> bytes:
        owned = self.owned_by.get(person.id, [])
        return pack(
            self._render_page(
                "_kamgen/person.md",
                f"people/{person.id}.md",
                person=person,
                owned=owned,
                covered=self.covered_by.get(person.id, []),
                actions=self.actions_by.get(person.id, []),
                person_alerts=self.facts.alerts_by_person.get(person.id, []),
                alert_counts={a.id: len(self.facts.alerts_by_account.get(a.id, [])) for a in owned},
                vip_list=[e for e in self.facts.programme.enrolled if e.assignee == person.id],
            )
        )

    def _calendars(self, accounts: Sequence[Account] | None = None, *, people: bool = True) -> dict[str, bytes]:
        """An .ics feed of actions and meetings per account and per person (see kamgen.interchange.ics)."""
        team = self.facts.portfolio.team
        labels = ics.Labels(self.gettext, lambda p: team[p].name if p in team else p or "")
        today, site = self.facts.today, self.project.site_name or "kamgen"
        chosen = self.facts.portfolio.accounts if accounts is None else accounts
        by_account, by_person = ics.calendars(chosen, team if people else (), labels)
        files: dict[str, bytes] = {}
        for account in chosen:
            name = f"{site}: {account.name}"
            files[ics.calendar_path("accounts", account.id)] = ics.calendar(name, by_account[account.id], today)
        for person_id, events in by_person.items():
            name = f"{site}: {team[person_id].name}"
            files[ics.calendar_path("people", person_id)] = ics.calendar(name, events, today)
        return files

    def _nav(self, pages: list[Playbook]) -> list[NavItem]:
        # Accounts and people stay out of the global nav: MkDocs renders the whole
        # nav into every page, which makes a large portfolio quadratic to build.
        nav: list[NavItem] = [
            {self.gettext("Portfolio"): "index.md"},
            {self.gettext("Team"): "people/index.md"},
            {self.gettext("Alerts"): "alerts.md"},
            {self.gettext("VIP programme"): "vip.md"},
        ]
        if pages:
            # Themes print nav titles unescaped; a playbook's title or file name is the author's text.
            titles = [{html.escape(p.title, quote=True): p.output_path} for p in pages]
            nav.append({self.gettext("Playbooks"): titles})
        return nav


def _account_of(path: str) -> str | None:
    """The account whose pages include ``path`` (``accounts/<id>.md``, ``accounts/<id>/…``), if any."""
    if not path.startswith("accounts/"):
        return None
    name = path[len("accounts/") :]
    return name.split("/", 1)[0] if "/" in name else name.removesuffix(".md")


def generate_docs(project: Project, portfolio: Portfolio) -> DocsTree:
    return SiteGenerator(project, portfolio).generate()
