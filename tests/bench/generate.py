"""Deterministic synthetic events files for the benchmark: ``generate(n)`` → YAML text.

Events spread over 50 years (1976–2025), 20 % ranges, 8 categories, tags, people and a
summary each, written the way people write them by hand (block mappings, one key a line).
"""

from __future__ import annotations

import random

CATEGORIES = ("diplomacy", "trade", "security", "politics", "economy", "culture",
              "science", "law")
PALETTE = ("#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#bbbbbb",
           "#332288")
TAGS = ("summit", "tariff", "court", "visit", "sanctions", "election", "treaty", "protest",
        "agriculture", "energy", "technology", "health")
PEOPLE = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Katherine Johnson", "Tim Berners-Lee",
          "Hedy Lamarr", "Claude Shannon", "Margaret Hamilton", "Dennis Ritchie", "Barbara Liskov")
WORDS = ("agreement", "talks", "minister", "export", "review", "dispute", "report", "meeting",
         "policy", "market", "ruling", "delegation", "tariff", "investment", "statement")


def generate(n: int, seed: int = 20260114) -> str:
    rng = random.Random(seed)
    lines = ["title: Synthetic benchmark timeline", "categories:"]
    for name, colour in zip(CATEGORIES, PALETTE, strict=True):
        lines.append(f"  {name}: {{label: {name.title()}, colour: \"{colour}\"}}")
    lines.append("events:")
    for i in range(n):
        year = 1976 + rng.randrange(50)
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(2, 6))).capitalize()
        lines.append(f"  - id: ev{i}")
        lines.append(f"    title: {title} {i}")
        lines.append(f"    date: {year:04d}-{month:02d}-{day:02d}")
        if rng.random() < 0.2:
            end_year = min(year + rng.randrange(0, 4), 2025)
            lines.append(f"    end: {end_year:04d}-{rng.randrange(month, 13):02d}-28")
        lines.append(f"    category: {rng.choice(CATEGORIES)}")
        lines.append(f"    tags: [{', '.join(rng.sample(TAGS, rng.randrange(1, 4)))}]")
        lines.append(f"    people: [{rng.choice(PEOPLE)}]")
        summary = " ".join(rng.choice(WORDS) for _ in range(12))
        lines.append(f"    summary: {summary.capitalize()}.")
        lines.append(f"    sources: [https://example.org/{i}]")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
