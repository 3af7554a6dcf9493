"""Playbook templates: discovery, front matter, and which accounts they apply to.

A playbook is a Markdown + Jinja2 file under ``playbooks/``. Its front matter
says what it produces:

- ``page`` (default): one page at ``playbooks/<path>``;
- ``section``: a section of every matching account plan, after the built-in
  section its ``after`` names, or else behind the profile;
- ``account-page``: one page per matching account at ``accounts/<id>/<stem>/``.

Files and folders whose name starts with ``_`` are partials and overrides of
kamgen's own templates, never pages; other files are copied as assets.

A playbook can exist in several languages side by side: ``comb-principle.ru.md``
is the Russian version of ``comb-principle.md`` (the "suffix" layout of
mkdocs-static-i18n). A site whose ``theme.language`` is ``ru`` renders it in
place of the English file, at the same URL; other sites ignore it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kamgen.data.diagnose import field_path
from kamgen.data.model import Account, Status, Tier
from kamgen.data.safe_read import Inputs
from kamgen.data.yamlsource import YamlFileError, load_mapping
from kamgen.errors import TemplateError, display_path
from kamgen.i18n import LANGUAGES, SOURCE_LANGUAGE
from kamgen.insights.analysis import AccountFigures
from kamgen.render.markdown import Md, escape

Produces = Literal["page", "section", "account-page"]
_FENCE = "---"


class AppliesTo(BaseModel):
    """Which accounts a section or account page is for: every listed criterion must match."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: list[Tier] | None = None
    status: list[Status] | None = None
    pareto_class: list[Tier] | None = None
    industry: list[str] | None = None
    accounts: list[str] | None = None

    def matches(self, account: Account, figures: AccountFigures) -> bool:
        checks: list[tuple[list[Any] | None, Any]] = [
            (self.tier, account.tier),
            (self.status, account.status),
            (self.pareto_class, figures.pareto_class),
            (self.industry, account.industry),
            (self.accounts, account.id),
        ]
        return all(allowed is None or value in allowed for allowed, value in checks)


class PlaybookMeta(BaseModel):
    """The front matter kamgen reads; other keys pass through to the page (e.g. ``hide``)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: str | None = None
    produces: Produces = "page"
    order: int = 100
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    # A section's place in the plan: right after the built-in section of that name
    # (``_kamgen/account/<after>.md``); without it, sections follow the profile.
    after: str | None = Field(default=None, pattern=r"^[a-z_]+$")

    def page_meta(self) -> dict[str, Any]:
        """Front matter for the generated page: title plus whatever kamgen does not use."""
        meta = dict(self.model_extra or {})
        if self.title:
            meta["title"] = self.title
        return meta


@dataclass(frozen=True)
class Playbook:
    path: Path
    name: str  # template name, relative to the playbooks folder, with slashes
    meta: PlaybookMeta
    page: str = ""  # the name without a language suffix: where the page goes (default: name)

    @property
    def stem(self) -> str:
        return Path(self.page or self.name).stem

    @property
    def title(self) -> str:
        return self.meta.title or self.stem.replace("-", " ").capitalize()

    @property
    def output_path(self) -> str:
        return f"playbooks/{self.page or self.name}"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter YAML, body); the body keeps its line numbers (front matter → blank lines)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        return "", text
    for end in range(1, len(lines)):
        if lines[end].strip() == _FENCE:
            return "".join(lines[1:end]), "\n" * (end + 1) + "".join(lines[end + 1 :])
    return "", text


def read_meta(path: Path, root: Path, inputs: Inputs | None = None) -> PlaybookMeta:
    where = display_path(path, root)
    reader = inputs if inputs is not None else Inputs.of(root)
    raw, _ = split_front_matter(reader.read_text(path))
    try:
        data = load_mapping(raw) if raw else {}
    except YamlFileError as exc:
        raise TemplateError(f"{where}:1: front matter: {exc.message}") from None
    try:
        return PlaybookMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors())
        raise TemplateError(f"{where}:1: front matter: {problems}") from None


def is_private(relative: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in relative.parts)


def language_of(relative: Path) -> tuple[str, str | None]:
    """(page name without language suffix, language) of a playbook: ``a.ru.md`` → (``a.md``, ``ru``)."""
    stem, dot, suffix = relative.stem.rpartition(".")
    if dot and suffix in LANGUAGES:
        return relative.with_name(stem + relative.suffix).as_posix(), suffix
    return relative.as_posix(), None


def discover(
    playbooks_dir: Path, root: Path, language: str = SOURCE_LANGUAGE, inputs: Inputs | None = None
) -> tuple[list[Playbook], list[Path]]:
    """Every playbook template in ``language`` (ordered) and every plain asset file in the folder.

    A page's version in ``language`` wins over the unsuffixed file; versions in
    other languages are left out. Every file is checked before anything is read
    (:mod:`kamgen.data.safe_read`): an asset is copied into the site, so a link
    out of the project is refused like a template.
    """
    if not playbooks_dir.is_dir():
        return [], []
    reader = inputs if inputs is not None else Inputs.of(root, [playbooks_dir])
    chosen: dict[str, Path] = {}  # page name → the file rendered for it
    assets: list[Path] = []
    for path in reader.files_under(playbooks_dir):
        relative = path.relative_to(playbooks_dir)
        if is_private(relative):
            continue
        if path.suffix != ".md":
            assets.append(path)
            continue
        page, variant = language_of(relative)
        if variant is not None and variant != language:
            continue
        if page not in chosen or variant is not None:
            chosen[page] = path
    playbooks = [
        Playbook(path, path.relative_to(playbooks_dir).as_posix(), read_meta(path, root, reader), page)
        for page, path in chosen.items()
    ]
    playbooks.sort(key=lambda p: (p.meta.order, p.page))
    return playbooks, assets


def translate_titles(playbooks: list[Playbook], gettext: Callable[[str], str]) -> list[Playbook]:
    """Section and account-page titles are labels on plan pages: shown in the site's language.

    (kamgen.i18n.babel_extract collects them for the catalogue; a page's title comes from its
    ``<name>.<language>.md`` file instead.)
    """
    return [
        replace(p, meta=p.meta.model_copy(update={"title": gettext(p.meta.title)}))
        if p.meta.produces != "page" and p.meta.title
        else p
        for p in playbooks
    ]


def check_places(playbooks: list[Playbook], sections: Collection[str], root: Path) -> None:
    """Every ``after`` names a section of the plan (a partial ``_kamgen/account/<name>.md``)."""
    for playbook in playbooks:
        after = playbook.meta.after
        if after is not None and after not in sections:
            where = display_path(playbook.path, root)
            known = ", ".join(sorted(sections))
            raise TemplateError(f"{where}:1: front matter: after: no plan section {after!r}; use one of: {known}")


def placed_sections(sections: list[tuple[Playbook, Md]]) -> Callable[[str], Md]:
    """``after(name)``: the playbook sections to go right behind the plan's section ``name``.

    ``after("")`` gives those without a place of their own.
    """
    places: dict[str, list[str]] = {}
    for playbook, text in sections:
        places.setdefault(playbook.meta.after or "", []).append(f"\n## {escape(playbook.title)}\n\n{text}\n")

    def after(name: str) -> Md:
        return Md("".join(places.get(name, ())))

    return after
