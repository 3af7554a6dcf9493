"""Confidentiality by audience: canaries planted in every restricted place.

An internal build must not contain one of them in any file (pages, search
index, sitemap, gzipped sitemap, SVG, assets); a restricted build contains
them all, which proves the scan can find them.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.support import build_site, write_project

CANARIES = {
    "restricted account name": "CANARY-ACCOUNT-NAME-5b1e",
    "restricted account stakeholder": "CANARY-SECRET-STAKEHOLDER-0c77",
    "restricted account need": "CANARY-NEED-a91f",
    "contact email": "canary-email-3d2c@client.example",
    "contact phone": "+99 CANARY 4411",
    "private block": "CANARY-PRIVATE-e60b",
}

VISIBLE = f"""\
name: Open Co
owner: olena-koval
tier: A
revenue: {{2025: 500}}
stakeholders:
  - id: vera
    name: Vera Open
    influence: 5
    counterpart: olena-koval
    contact:
      email: {CANARIES["contact email"]}
      phone: "{CANARIES["contact phone"]}"
private:
  note: {CANARIES["private block"]}
"""

SECRET = f"""\
name: {CANARIES["restricted account name"]}
owner: andriy-melnyk
visibility: restricted
tier: A
revenue: {{2025: 123456789}}
needs:
  - need: {CANARIES["restricted account need"]}
stakeholders:
  - id: sam
    name: {CANARIES["restricted account stakeholder"]}
    counterpart: andriy-melnyk
    influence: 5
actions:
  - action: Call {CANARIES["restricted account stakeholder"]}
    owner: andriy-melnyk
    due: 2020-01-01
"""


def all_output_text(site: Path) -> str:
    chunks = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        chunks.append(data.decode("utf-8", errors="replace"))
    return "\n".join(chunks)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp_path = tmp_path_factory.mktemp("audience")
    root = write_project(tmp_path / "src", accounts={"open-co": VISIBLE, "secret-co": SECRET})
    texts = {}
    for audience in ("internal", "restricted"):
        site = tmp_path / audience
        texts[audience] = all_output_text(build_site(root / "mkdocs.yml", site, "--audience", audience))
    return texts


@pytest.mark.parametrize("where", sorted(CANARIES))
def test_internal_build_has_no_canary(builds: dict[str, str], where: str) -> None:
    assert CANARIES[where] not in builds["internal"]


@pytest.mark.parametrize("where", sorted(CANARIES))
def test_restricted_build_has_every_canary(builds: dict[str, str], where: str) -> None:
    assert CANARIES[where] in builds["restricted"]


def test_internal_totals_do_not_reveal_restricted_accounts(builds: dict[str, str]) -> None:
    # The restricted account's revenue would show in totals and shares.
    assert "123,456,789" not in builds["internal"]
    assert "secret-co" not in builds["internal"]
    assert "€123,457,289" in builds["restricted"]  # 123,456,789 + 500 in the restricted total
