"""rules.yaml declares every alert rule; the checks register against it and its labels are translated."""

from __future__ import annotations

import io

import pytest

from kamgen.i18n import translations
from kamgen.i18n.babel_extract import extract_rules
from kamgen.insights import rules
from kamgen.insights.rules import DECLARATIONS, RULES
from kamgen.insights.rules.base import CHECKS


def test_every_label_of_rules_yaml_is_extracted_for_the_translators() -> None:
    found = {message for _, _, message, _ in extract_rules(io.BytesIO(DECLARATIONS.read_bytes()), (), (), {})}
    assert found == {text for r in RULES for text in (r.title, r.why, r.section)}


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_every_rule_reads_in_the_site_language(language: str) -> None:
    gettext = translations(language).gettext
    untranslated = [text for r in RULES for text in (r.title, r.why, r.section) if gettext(text) == text]
    assert untranslated == []


def test_a_declared_rule_without_a_check_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(CHECKS, "comb-gap")
    with pytest.raises(ValueError, match=r"no check for \['comb-gap'\]"):
        rules._rules()


def test_a_second_check_for_one_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="two checks for the alert rule 'comb-gap'"):
        rules.base.check("comb-gap")(lambda account, ctx: iter(()))
