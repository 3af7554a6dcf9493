"""The engine's output: a docs tree of Markdown pages, assets and a nav.

Nothing here imports MkDocs: the plugin hands the tree to MkDocs, and
``kamgen generate`` writes it to a folder any MkDocs-compatible builder can
build on its own.
"""

from __future__ import annotations

import gettext
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kamgen.analysis import PortfolioFigures, compute
from kamgen.audience import for_audience
from kamgen.config import Project
from kamgen.load import Portfolio
from kamgen.model import Account, Person
from kamgen.render.environment import Renderer
from kamgen.render.formatting import Formatter
from kamgen.render.helpers import make_helpers
from kamgen.render.markdown import Md
from kamgen.render.playbooks import Playbook, discover

NavItem = str | dict[str, Any]
BUILTIN_ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = "assets/kamgen/kamgen.css"


@dataclass
class DocsTree:
    pages: dict[str, str] = field(default_factory=dict)  # docs path → Markdown
    assets: dict[str, Path] = field(default_factory=dict)  # docs path → file to copy
    nav: list[NavItem] = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)  # docs paths of stylesheets to link

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


def _front_matter(meta: dict[str, Any]) -> str:
    if not meta:
        return ""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n"


class SiteGenerator:
    """Renders one portfolio, as one audience sees it, into a :class:`DocsTree`."""

    def __init__(self, project: Project, portfolio: Portfolio) -> None:
        self.project = project
        self.portfolio = for_audience(portfolio, project.options.audience)
        self.figures: PortfolioFigures = compute(self.portfolio)
        translations = gettext.NullTranslations()
        self.gettext = translations.gettext
        self.formatter = Formatter(project.language, project.options.currency, translations.gettext)
        self.renderer = Renderer(project.playbooks_dir, project.root, self.formatter, translations)
        self.renderer.env.globals.update(make_helpers(self.portfolio.team, self.formatter))
        self.playbooks, self.assets = discover(project.playbooks_dir, project.root)

    def base_context(self, page_path: str) -> dict[str, Any]:
        return {
            "page_path": page_path,
            "portfolio": self.portfolio,
            "accounts": self.portfolio.accounts,
            "team": self.portfolio.team,
            "figures": self.figures,
            "report_year": self.figures.year,
            "today": self.project.today(),
            "currency": self.project.options.currency,
            "audience": self.project.options.audience,
            "site_name": self.project.site_name,
            "playbooks": [p for p in self.playbooks if p.meta.produces == "page"],
            "ranked": sorted(self.portfolio.accounts, key=lambda a: self.figures[a.id].rank),
        }

    def generate(self) -> DocsTree:
        tree = DocsTree()
        tree.pages["index.md"] = self._render("_kamgen/portfolio.md", "index.md")
        for account in self.portfolio.accounts:
            self._account_pages(tree, account)
        tree.pages["people/index.md"] = self._render("_kamgen/people.md", "people/index.md")
        for person in self.portfolio.team.values():
            path = f"people/{person.id}.md"
            tree.pages[path] = self._render("_kamgen/person.md", path, **self._person_context(person))
        pages = [p for p in self.playbooks if p.meta.produces == "page"]
        for playbook in pages:
            body = self._render(playbook.name, playbook.output_path).lstrip("\n")
            tree.pages[playbook.output_path] = _front_matter(playbook.meta.page_meta()) + body
        for asset in self.assets:
            relative = asset.relative_to(self.project.playbooks_dir).as_posix()
            tree.assets[f"playbooks/{relative}"] = asset
        tree.nav = self._nav(pages)
        tree.assets[STYLESHEET] = BUILTIN_ASSETS / "kamgen.css"
        tree.extra_css.append(STYLESHEET)
        return tree

    def _render(self, template: str, page_path: str, **extra: Any) -> str:
        return self.renderer.render(template, {**self.base_context(page_path), **extra})

    def _account_pages(self, tree: DocsTree, account: Account) -> None:
        figures = self.figures[account.id]
        applicable = [p for p in self.playbooks if p.meta.applies_to.matches(account, figures)]
        plan_path = f"accounts/{account.id}.md"
        context = {"account": account, "f": figures, "owner": self.portfolio.team.get(account.owner)}
        sections = [
            (playbook, Md(self._render(playbook.name, plan_path, **context).strip()))
            for playbook in applicable
            if playbook.meta.produces == "section"
        ]
        extra_pages = [p for p in applicable if p.meta.produces == "account-page"]
        tree.pages[plan_path] = self._render(
            "_kamgen/account.md",
            plan_path,
            sections=sections,
            account_pages=[(p, f"accounts/{account.id}/{p.path.stem}.md") for p in extra_pages],
            **context,
        )
        for playbook in extra_pages:
            path = f"accounts/{account.id}/{playbook.path.stem}.md"
            tree.pages[path] = self._render(playbook.name, path, **context).lstrip("\n")

    def _person_context(self, person: Person) -> dict[str, Any]:
        owned = [a for a in self.portfolio.accounts if a.owner == person.id]
        covered = [
            (account, stakeholder)
            for account in self.portfolio.accounts
            for stakeholder in account.stakeholders
            if stakeholder.counterpart == person.id
        ]
        actions = [
            (account, action)
            for account in self.portfolio.accounts
            for action in [*account.actions, *(f for m in account.meetings for f in m.follow_ups)]
            if action.owner == person.id and action.status == "open"
        ]
        actions.sort(key=lambda pair: (pair[1].due is None, pair[1].due or self.project.today(), pair[0].name))
        return {"person": person, "owned": owned, "covered": covered, "actions": actions}

    def _nav(self, pages: list[Playbook]) -> list[NavItem]:
        # Accounts and people stay out of the global nav: MkDocs renders the whole
        # nav into every page, which makes a large portfolio quadratic to build.
        gettext_ = self.gettext
        nav: list[NavItem] = [
            {gettext_("Portfolio"): "index.md"},
            {gettext_("Team"): "people/index.md"},
        ]
        if pages:
            nav.append({gettext_("Playbooks"): [{p.title: p.output_path} for p in pages]})
        return nav


def generate_docs(project: Project, portfolio: Portfolio) -> DocsTree:
    return SiteGenerator(project, portfolio).generate()
