"""``python -m kamgen.cli.on_properdocs build …``: kamgen's command line with ProperDocs in place of MkDocs.

``properdocs.replacement`` must be imported before anything imports ``mkdocs``:
from then on ``mkdocs.*`` (kamgen's plugin, Material's plugins) resolve to
``properdocs.*``, so the build, its configuration and its plugins are ProperDocs'.
"""

from __future__ import annotations

import properdocs.replacement  # noqa: F401  (first: the import redirection)

from kamgen.cli import main

if __name__ == "__main__":
    main()
