"""kamgen: a static site generator for key account management."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kamgen")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
