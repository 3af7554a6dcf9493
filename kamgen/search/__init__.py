"""kamgen's site search: a prebuilt index of what people look for, split so that
the browser fetches only what a query needs, and a search worker that
understands Russian, Ukrainian and English word forms and names in either script.

Material for MkDocs runs its search in a web worker whose URL it reads from the
page's ``__config``; the worker is sent the site's ``search/search_index.json``
and answers queries with ranked, highlighted results. kamgen keeps Material's
search box and result list and replaces the two ends:

- the index (:mod:`kamgen.search.site_index`): the build computes every word's
  forms (:mod:`kamgen.search.forms`) and writes them as shards, plus one small
  record per page (:mod:`kamgen.search.shards`); ``search_index.json`` holds only
  a manifest;
- the worker (``kamgen/assets/search/worker.js``): on the first query it loads
  the word forms code (``search-forms.js``), then for each query the shards of
  its words and the records of the pages it shows. No index is built in the
  browser.

Nothing here imports MkDocs; the plugin calls these functions from its hooks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kamgen.search.facets import account_facets
from kamgen.search.page_text import SearchDoc, extract_docs, without_boilerplate
from kamgen.search.site_index import DEFAULT_CONFIG, INDEX, PageIndex, index_files, read_docs

__all__ = [
    "DEFAULT_CONFIG",
    "INDEX",
    "PLAYBOOK_BOOST",
    "WORKER",
    "PageIndex",
    "SearchDoc",
    "account_facets",
    "assets",
    "extract_docs",
    "index_files",
    "read_docs",
    "use_worker",
    "without_boilerplate",
]

# The worker and the libraries it loads (with their licences), shipped with every site.
SOURCE = Path(__file__).resolve().parent.parent / "assets" / "search"
FILES = ("worker.js", "search-forms.js", "THIRD-PARTY-LICENSES.txt")
FOLDER = "assets/kamgen/search"  # where they are in a built site
WORKER = f"{FOLDER}/worker.js"
PLAYBOOK_BOOST = 2.0  # weight of playbook pages (playbooks/…) against account and people pages

_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_MATERIAL_WORKER = "assets/javascripts/workers/"


def assets() -> dict[str, Path]:
    """The search files for a docs tree: docs path → packaged file."""
    return {f"{FOLDER}/{name}": SOURCE / name for name in FILES}


def use_worker(page_html: str, worker: str = WORKER) -> str:
    """Point Material's search box at kamgen's worker in one built page.

    The worker URL lives in the page's ``__config`` JSON, relative to the page;
    kamgen's worker is put at the same place relative to the site root.
    """
    match = _CONFIG_SCRIPT.search(page_html)
    if match is None:
        return page_html
    try:
        config = json.loads(match.group(2))
    except json.JSONDecodeError:
        return page_html
    current = config.get("search")
    if not isinstance(current, str):
        return page_html
    if _MATERIAL_WORKER in current:
        prefix = current.split(_MATERIAL_WORKER, 1)[0]
    else:
        prefix = str(config.get("base", ".")).rstrip("/") + "/"
    config["search"] = prefix + worker
    # As Jinja's tojson does: nothing in the JSON can close the script element.
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return page_html[: match.start(2)] + text + page_html[match.end(2) :]
