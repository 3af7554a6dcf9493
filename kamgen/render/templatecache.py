"""Compiled Jinja templates kept between the rebuilds of ``kamgen serve``.

Compiling kamgen's and the theme's templates is about a third of a rebuild,
and a served site is rebuilt on every save. Jinja checks each template's
source checksum, so an edited template is compiled again. But Jinja also
folds constant expressions at compile time with the environment's filters
(money in the site's currency, words in its language): a cache is valid for
one configuration only, which is why the plugin keeps one per mkdocs.yml
content and never shares one between sites.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

import jinja2

from kamgen.config import KamgenOptions
from kamgen.util.store import fingerprint


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for one site configuration."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.store.clear()


_ACTIVE: ContextVar[MemoryBytecodeCache | None] = ContextVar("kamgen_template_cache", default=None)


def active() -> MemoryBytecodeCache | None:
    """The cache kamgen's renderer should use now (None: compile as usual)."""
    return _ACTIVE.get()


@contextmanager
def using(cache: MemoryBytecodeCache | None) -> Iterator[None]:
    token = _ACTIVE.set(cache)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def settings_key(config_file: Path, options: KamgenOptions) -> str:
    """What the compiled templates of a site depend on besides their sources: mkdocs.yml and kamgen's options."""
    return fingerprint(config_file.read_bytes(), options.model_dump_json())
