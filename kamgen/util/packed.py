"""Text kept compressed in memory until it is read.

A plan page is 15–50 KB of Markdown, twice that as a Python string once it
holds Cyrillic letters; at 10,000 accounts the docs tree alone would take
gigabytes. Pages compress about sixfold, and each is read only a few times
per build, so the tree (and the converted pages the plugin holds between
MkDocs' two passes) keep them packed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping

# zlib's fastest level: a tenth of a millisecond per page, and still about six times smaller.
LEVEL = 1


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8", "surrogatepass"), LEVEL)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")


class PackedPages(MutableMapping[str, str]):
    """docs path → Markdown, like a dict, with every text stored packed."""

    def __init__(self, pages: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._packed: dict[str, bytes] = {}
        self.update(pages)

    def __getitem__(self, path: str) -> str:
        return unpack(self._packed[path])

    def __setitem__(self, path: str, text: str) -> None:
        self._packed[path] = pack(text)

    def __delitem__(self, path: str) -> None:
        del self._packed[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, path: object) -> bool:
        return path in self._packed

    def __repr__(self) -> str:
        return f"PackedPages({len(self)} pages)"

    def packed(self, path: str) -> bytes:
        """The page as stored, to hand on without unpacking it."""
        return self._packed[path]

    def copy(self) -> PackedPages:
        """Another mapping of the same pages (the packed texts are shared, not copied)."""
        copied = PackedPages()
        copied._packed = dict(self._packed)
        return copied

    def set_packed(self, path: str, data: bytes) -> None:
        """Store a page another process packed (see :func:`pack`)."""
        self._packed[path] = data
