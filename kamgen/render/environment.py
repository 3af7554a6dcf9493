"""The sandboxed Jinja2 environment every page and playbook is rendered in."""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2.loaders import split_template_path

from kamgen.data.safe_read import InputFileError, Inputs
from kamgen.errors import TemplateError, display_path
from kamgen.i18n import N_
from kamgen.render import templatecache
from kamgen.render.bounded import BoundedSandbox, Limits
from kamgen.render.formatting import Formatter
from kamgen.render.markdown import Md, escape, escape_message, finalize, markdown_block
from kamgen.render.playbooks import split_front_matter

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class PlaybookLoader(jinja2.FileSystemLoader):
    """Loads templates without their front matter, keeping line numbers true.

    With ``inputs`` (the editors' playbooks folder), every file is read through
    :mod:`kamgen.data.safe_read`: inside the project, a regular file, bounded.
    """

    def __init__(self, searchpath: str, inputs: Inputs | None = None) -> None:
        super().__init__(searchpath)
        self.inputs = inputs

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if self.inputs is None:
            source, filename, uptodate = super().get_source(environment, template)
            return split_front_matter(source)[1], filename, uptodate
        path = Path(self.searchpath[0], *split_template_path(template))
        if not path.exists() and not path.is_symlink():
            raise jinja2.TemplateNotFound(template)
        source = self.inputs.read_text(path)
        mtime = path.stat().st_mtime_ns

        def unchanged() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return split_front_matter(source)[1], str(path), unchanged


def relative_link(from_page: str, target: str) -> str:
    """A Markdown link target from one docs-tree page to another (MkDocs resolves .md links)."""
    return _relative(posixpath.dirname(from_page) or ".", target)


@lru_cache(maxsize=1 << 16)  # every plan page links to the same people and playbooks
def _relative(folder: str, target: str) -> str:
    return posixpath.relpath(target, folder)


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, target: str) -> Md:
    """A URL-safe relative link from the page being rendered to ``target``."""
    return Md(quote(relative_link(context["page_path"], target)))


class Renderer:
    """Renders named templates to Markdown; errors name the template file and line."""

    def __init__(
        self,
        playbooks_dir: Path,
        root: Path,
        formatter: Formatter,
        translations: Any,
        inputs: Inputs | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.root = root
        reader = inputs if inputs is not None else Inputs.of(root, [playbooks_dir])
        unknown = formatter.unknown()
        # Yes/no answers (e.g. "public reference") are words of the site's language too.
        yes, no = escape(translations.gettext(N_("yes"))), escape(translations.gettext(N_("no")))

        def finalize_value(value: Any) -> Any:
            if value is None:
                return unknown
            if isinstance(value, bool):
                return yes if value else no
            return finalize(value)

        self.env = BoundedSandbox(
            limits=limits or Limits(),
            loader=jinja2.ChoiceLoader(
                [PlaybookLoader(str(playbooks_dir), reader), PlaybookLoader(str(BUILTIN_TEMPLATES))]
            ),
            undefined=jinja2.StrictUndefined,
            finalize=finalize_value,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=templatecache.active(),  # set by `kamgen serve` between rebuilds
        )

        def translate(message: str, **values: Any) -> Md:
            return escape_message(translations.gettext(message), values)

        def translate_plural(singular: str, plural: str, n: int, **values: Any) -> Md:
            return escape_message(translations.ngettext(singular, plural, n), {"num": n, **values})

        self.env.globals.update(_=translate, gettext=translate, ngettext=translate_plural)
        self.env.filters.update(
            money=formatter.money,
            percent=formatter.percent,
            date=formatter.date,
            label=formatter.label,
            md=escape,
            markdown=markdown_block,
        )
        self.env.globals.update(link=_link, unknown=unknown)
        self.builtin_env = self._trusted_builtins(playbooks_dir)

    def _trusted_builtins(self, playbooks_dir: Path) -> jinja2.Environment | None:
        """kamgen's own page templates, run outside the sandbox when no playbook overrides them.

        They are our code, not the editors': the sandbox's check of every
        attribute access costs most of the rendering time of a large portfolio.
        Dossier values are escaped by the same ``finalize`` either way. As soon as
        ``playbooks/_kamgen/`` exists, a user file may be included, so everything
        stays sandboxed.
        """
        if (playbooks_dir / "_kamgen").exists():
            return None
        env = jinja2.Environment(
            loader=PlaybookLoader(str(BUILTIN_TEMPLATES)),
            undefined=jinja2.StrictUndefined,
            finalize=self.env.finalize,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=self.env.bytecode_cache,
        )
        env.globals = self.env.globals  # one set of helpers and filters for both
        env.filters = self.env.filters.originals  # the same filters, without the sandbox's limits
        return env

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        try:
            trusted = self.builtin_env is not None and name.startswith("_kamgen/")
            if trusted and self.builtin_env:
                return self.builtin_env.get_template(name).render(context)
            return self.env.render_bounded(self.env.get_template(name), context)
        except InputFileError:
            raise  # an included file kamgen refuses to read: named as it is, exit code 2
        except jinja2.TemplateSyntaxError as exc:
            where = self._where(exc.filename, exc.lineno)
            raise TemplateError(f"{where}: template syntax error: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template '{exc.name}' not found (needed by '{name}')") from None
        except Exception as exc:  # noqa: BLE001 - any failure inside a template is the template's
            filename, line = _template_frame(sys.exc_info()[2], name)
            where = self._where(filename, line)
            kind = "not allowed in a playbook" if isinstance(exc, jinja2.exceptions.SecurityError) else "error"
            raise TemplateError(f"{where}: {kind}: {exc}") from None

    def _where(self, filename: str | None, line: int | None) -> str:
        if filename is None:
            return "<template>"
        path = Path(filename)
        shown = display_path(path, self.root)
        if shown == path.as_posix():
            shown = "kamgen/templates/" + display_path(path, BUILTIN_TEMPLATES)
        return f"{shown}:{line or 1}"


def _template_frame(tb: TracebackType | None, fallback: str) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".md"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found if found[0] else (fallback, None)
