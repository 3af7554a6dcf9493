"""The filters a search query can hold: ``tier:A``, ``status:at-risk``,
``owner:koval`` (or the owner's id, ``owner:olena-koval``) and
``industry:logistics``. Each account plan page answers to the values of its
dossier, written as index forms ``key:value`` (see docs/search.md); the browser
keeps the pages that answer to every filter typed (a value may be the
beginning of one: ``owner:kov``)."""

from __future__ import annotations

from kamgen.data.load import Portfolio
from kamgen.search.forms import forms, latin, plain, words

KEYS = ("tier", "status", "owner", "industry")


def account_facets(portfolio: Portfolio) -> dict[str, list[str]]:
    """Account plan page (docs path) → the filter forms it answers to."""
    found: dict[str, list[str]] = {}
    for account in portfolio.accounts:
        values: list[str] = []
        if account.tier:
            values.append(f"tier:{plain(account.tier)}")
        if account.status:
            values.append(f"status:{plain(account.status)}")
        values.append(f"owner:{plain(account.owner)}")
        owner = portfolio.team.get(account.owner)
        values += _named("owner", owner.name if owner is not None else "")
        if account.industry:
            values.append("industry:" + "-".join(plain(word) for word in words(account.industry)))
            values += _named("industry", account.industry)
        found[f"accounts/{account.id}.md"] = list(dict.fromkeys(values))
    return found


def _named(key: str, text: str) -> list[str]:
    """``key:form`` for every form of every word of ``text``, and its Latin spellings."""
    values: list[str] = []
    for word in words(text):
        word_forms = forms(word)
        values += [f"{key}:{form}" for form in (*word_forms, *latin(word_forms[0]))]
    return values
