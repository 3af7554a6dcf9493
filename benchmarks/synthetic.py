"""A deterministic synthetic portfolio for benchmarks and scale tests.

``write_site(folder, accounts=1000, stakeholders=12, seed=1)`` writes a complete
kamgen site (mkdocs.yml, team.yaml, accounts/, playbooks/, theme/) whose
dossiers fill fields the way a real sales team does, with Latin and Cyrillic
names. Same arguments, same bytes.

    python -m benchmarks.synthetic OUT_DIR [--accounts N] [--stakeholders K] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

LATIN_FIRST = ["Anna", "Mark", "Olga", "Peter", "Sofia", "James", "Lucy", "Tomasz", "Hannah", "Daniel", "Maria", "Ivan"]
LATIN_LAST = ["Brooks", "Jensen", "Nowak", "Tran", "Price", "Marchenko", "Oduya", "Keller", "Adams", "Lindqvist"]
CYRILLIC_FIRST = ["Ольга", "Игорь", "Елена", "Павел", "Ирина", "Алексей", "Наталья", "Сергей", "Тарас", "Оксана"]
CYRILLIC_LAST = ["Кузнецова", "Логинов", "Морозова", "Жуков", "Зайцева", "Васильев", "Гнатюк", "Бондаренко"]
INDUSTRIES = ["Logistics", "Retail", "Banking", "Telecommunications", "Construction", "Pharma", "Агропром", "Логистика"]
TITLES = {
    "executive": ["Chief executive officer", "Chief financial officer", "Генеральный директор", "COO"],
    "manager": ["Head of Procurement", "IT director", "Начальник отдела закупок", "Head of Logistics"],
    "specialist": ["Key user", "Buyer", "Инженер", "Analyst"],
}
ROLES = ["initiator", "user", "influencer", "decision-maker", "approver", "budget-holder", "gatekeeper", "coach"]
ATTITUDES = ["champion", "supporter", "neutral", "skeptic", "opponent"]
TEAM = [
    ("olena-koval", "Olena Koval", "executive"),
    ("james-whitfield", "James Whitfield", "executive"),
    ("andriy-melnyk", "Andriy Melnyk", "manager"),
    ("maria-petrenko", "Maria Petrenko", "manager"),
    ("dmitry-sokolov", "Дмитрий Соколов", "manager"),
    ("iryna-tkachenko", "Iryna Tkachenko", "specialist"),
    ("sergey-volkov", "Сергей Волков", "specialist"),
]
# A key account manager looks after a handful of key accounts; a sales director
# sponsors the accounts of about ten managers; a specialist supports a few managers.
ACCOUNTS_PER_MANAGER = 8
MANAGERS_PER_EXECUTIVE = 10
MANAGERS_PER_SPECIALIST = 3
LEVELS = ("executive", "manager", "specialist")


def roster(accounts: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """The sales team for a portfolio of ``accounts``: the seven of the example site, grown to scale."""
    team = list(TEAM)
    managers = max(1, -(-accounts // ACCOUNTS_PER_MANAGER))
    wanted = {
        "manager": managers,
        "executive": max(1, -(-managers // MANAGERS_PER_EXECUTIVE)),
        "specialist": max(1, -(-managers // MANAGERS_PER_SPECIALIST)),
    }
    for level in LEVELS:
        have = sum(1 for _, _, lvl in team if lvl == level)
        for k in range(have, wanted[level]):
            cyrillic = rng.random() < 0.4
            first = rng.choice(CYRILLIC_FIRST if cyrillic else LATIN_FIRST)
            last = rng.choice(CYRILLIC_LAST if cyrillic else LATIN_LAST)
            team.append((f"{level}-{k:04d}", f"{first} {last}", level))
    return team


def _stakeholders(rng: random.Random, count: int, ours: dict[str, list[str]]) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = []
    for j in range(count):
        cyrillic = rng.random() < 0.4
        first = rng.choice(CYRILLIC_FIRST if cyrillic else LATIN_FIRST)
        last = rng.choice(CYRILLIC_LAST if cyrillic else LATIN_LAST)
        level = "executive" if j < max(1, count // 6) else "manager" if j < count // 2 else "specialist"
        person: dict[str, Any] = {
            "id": f"s{j}",
            "name": f"{first} {last}",
            "title": rng.choice(TITLES[level]),
            "department": rng.choice(["Finance", "Operations", "IT", "Procurement", "Логистика"]),
            "level": level,
            "roles": rng.sample(ROLES, rng.randint(1, 2)),
            "influence": rng.randint(1, 5),
            "attitude": rng.choice(ATTITUDES),
            "relationship": rng.randint(1, 5),
            "interests": rng.sample(["sailing", "cost transparency", "футбол", "automation", "chess"], 2),
            "information": ["monthly report"],
            "last_contact": date(2025, 1, 1) + timedelta(days=rng.randint(0, 680)),
        }
        if j:
            person["reports_to"] = f"s{rng.randrange(0, j)}" if level != "executive" else "s0"
        if rng.random() < 0.85:
            person["counterpart"] = rng.choice(ours[level])
        if rng.random() < 0.5:
            person["contact"] = {"email": f"s{j}@client.example", "phone": f"+380 44 {rng.randint(1000000, 9999999)}"}
        people.append(person)
    return people


def dossier(rng: random.Random, index: int, stakeholders: int, by_level: dict[str, list[str]]) -> dict[str, Any]:
    # The account team: its manager (owner), a sponsoring director and a specialist.
    manager = index // ACCOUNTS_PER_MANAGER % len(by_level["manager"])
    ours = {
        "manager": [by_level["manager"][manager]],
        "executive": [by_level["executive"][manager // MANAGERS_PER_EXECUTIVE % len(by_level["executive"])]],
        "specialist": [by_level["specialist"][manager // MANAGERS_PER_SPECIALIST % len(by_level["specialist"])]],
    }
    owner = ours["manager"][0]
    base = rng.lognormvariate(12, 1.2)
    revenue = {year: round(base * rng.uniform(0.8, 1.25)) for year in (2023, 2024, 2025)}
    people = _stakeholders(rng, stakeholders, ours)
    ids = [p["id"] for p in people]
    return {
        "name": f"{rng.choice(['Northwind', 'Contoso', 'Fabrikam', 'СеверТранс', 'Волга', 'Карпати'])} {index}",
        "industry": rng.choice(INDUSTRIES),
        "tier": rng.choice("ABC"),
        "status": rng.choice(["prospect", "active", "active", "active", "at-risk", "released"]),
        "owner": owner,
        "since": rng.randint(2005, 2025),
        "revenue": revenue,
        "potential": round(revenue[2025] * rng.uniform(1.0, 2.5)),
        "cost_to_serve": round(revenue[2025] * rng.uniform(0.1, 1.2)),
        "brand": rng.choice(["high", "medium", "low"]),
        "reference": rng.random() < 0.3,
        "competitors": [{"name": "Contoso Freight", "threat": rng.choice(["high", "medium", "low"])}],
        "needs": [{"unit": "Procurement", "need": "Shorter delivery times"}, {"unit": "IT", "need": "Одна система"}],
        "decision_process": [{"step": s, "who": rng.sample(ids, min(len(ids), 2))} for s in ("prepares", "signs")],
        "stakeholders": people,
        "relationship_methods": {
            "trust": [{"method": "Monthly steering call", "status": "active", "cost": 12000, "client_value": "high"}],
            "service_levels": [{"method": "JIT delivery", "status": "planned", "cost": 30000, "client_value": "low"}],
        },
        "risks": [{"risk": "Key sponsor may leave", "kind": "personnel", "likelihood": "medium", "impact": "high"}],
        "actions": [
            {
                "action": "Quarterly business review",
                "owner": rng.choice([owner, *ours["specialist"]]),
                "due": date(2026, 1, 1) + timedelta(days=rng.randint(0, 500)),
                "status": "open",
            },
        ],
        "meetings": [
            {
                "date": date(2026, 10, 14),
                "attendees": [ids[0]],
                "decisions": ["Pilot in Lviv"],
                "follow_ups": [{"action": "Send proposal", "owner": owner, "due": date(2026, 10, 28)}],
            },
        ],
        "notes": "Prefers **short** written summaries before meetings.",
    }


def write_site(folder: Path, accounts: int = 1000, stakeholders: int = 12, seed: int = 1) -> Path:
    """Write the whole synthetic site into ``folder`` (created; must not exist) and return it."""
    rng = random.Random(seed)
    (folder / "accounts").mkdir(parents=True)
    team = roster(accounts, rng)
    people = {"people": [{"id": pid, "name": name, "level": level} for pid, name, level in team]}
    (folder / "team.yaml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    by_level = {level: [pid for pid, _, lvl in team if lvl == level] for level in LEVELS}
    for i in range(accounts):
        data = dossier(rng, i, stakeholders, by_level)
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        (folder / "accounts" / f"client-{i:05d}.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "playbooks", folder / "playbooks")
    shutil.copytree(REPO / "theme", folder / "theme")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if "      today:" not in config:  # judged as of a fixed day, as the example is
        config = config.replace("  - kamgen:\n", "  - kamgen:\n      today: 2026-11-22\n", 1)
    (folder / "mkdocs.yml").write_text(config)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--stakeholders", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_site(args.out, args.accounts, args.stakeholders, args.seed)


if __name__ == "__main__":
    main()
