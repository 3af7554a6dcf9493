"""Babel extractor for kamgen templates: Jinja's own extractor, plus the titles of sections.

A template is Markdown + Jinja with optional YAML front matter. Its ``_()``
labels are found by ``jinja2.ext.babel_extract`` (the front matter is cut off
first, as the renderer does). A section's or account page's ``title`` is
printed on plan pages, so it is a label too: the renderer translates it with
the same catalogue. (A ``page``'s title is not: pages are translated as whole
files, ``<name>.ru.md``.)
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml
from jinja2.ext import babel_extract

TITLED = ("section", "account-page")
_FENCE = "---"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, body), the body keeping its line numbers, as kamgen.render.playbooks reads it.

    Repeated here so that pybabel, which imports this module, loads nothing else of kamgen.
    """
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == _FENCE:
        for end in range(1, len(lines)):
            if lines[end].strip() == _FENCE:
                return "".join(lines[1:end]), "\n" * (end + 1) + "".join(lines[end + 1 :])
    return "", text


def extract_template(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str | None, ...] | None, list[str]]]:
    text = fileobj.read().decode(str(options.get("encoding", "utf-8")))
    front, body = split_front_matter(text)
    meta = yaml.safe_load(front) if front else None
    if isinstance(meta, dict) and meta.get("produces") in TITLED and isinstance(meta.get("title"), str):
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title:")), 1)
        yield line, "_", meta["title"], ["Title of a playbook section on plan pages"]
    yield from babel_extract(io.BytesIO(body.encode("utf-8")), list(keywords), list(comment_tags), dict(options))


RULE_LABELS = ("title", "why", "section")


def extract_rules(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, str | tuple[str | None, ...] | None, list[str]]]:
    """The labels of kamgen/insights/rules/rules.yaml: each alert rule's title, why and playbook section."""
    document = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    rules = document.value if isinstance(document, yaml.MappingNode) else []
    for _, rule in rules:
        for key, value in rule.value if isinstance(rule, yaml.MappingNode) else []:
            if key.value in RULE_LABELS and isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, "_", value.value, [f"{key.value.capitalize()} of an alert rule"]
